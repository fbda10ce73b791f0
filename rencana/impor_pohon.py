"""The performance tree (pohon kinerja) of a Renstra from a workbook in the layout of seed
003's FORM INDIKATOR.

Header row (matched ignoring case and extra spaces), required::

    Ultimate Outcome_level_0, Indikator_level_0, Intermediate Outcome_level_1,
    Indikator_level_1, Immediate Outcome_level_2, Indikator_level_2,
    Immediate Outcome_level_3, Indikator_level_3, Output_level_4, Indikator_level_4,
    Output_level_5, Indikator_level_5

and optional, for any level N: ``Target_level_N`` (text), ``Kode_level_N`` (kode of an
indicator of the same Renstra: the node is coloured by it and links to it),
``Elemen_level_N`` (kode of a program/kegiatan/sub kegiatan) and ``Jabatan_level_N`` (job
positions separated by ";" or line breaks).

Each row is a path from level 0 down to its deepest filled level. A blank level above the
first filled one means "same as the row above" (forward fill, as in the seed); below it,
every level down to the deepest filled one must be filled (a row never skips a level). The
same (nama, indikator) at the same level under the same parent is one node. The optional
columns describe the node of that level on that row (also an inherited one); two rows giving
one node different values are refused.

All or nothing, and the Renstra's existing tree is replaced (unchanged nodes are reported as
no change, so re-importing the same file changes nothing).
"""

import re
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import connection

from dasar.buku_kerja import Baris, BarisMentah, Lembar, Sel, baca_buku_kerja, ringkas
from dasar.impor import (
    HasilImpor,
    ImporError,
    Kesalahan,
    Perubahan,
    dalam_satu_transaksi,
    hitung_sidik,
    isi_lengkap,
)
from rencana.impor import Kumpulan, baca_sel, teks
from rencana.models import LEVEL_POHON, Elemen, IndikatorRencana, Renstra, SimpulPohon

SHEET_POHON = ("Pohon Kinerja", "FORM INDIKATOR")
LEVEL = range(6)
KOLOM_NAMA = {n: f"{LEVEL_POHON[n]}_level_{n}" for n in LEVEL}
KOLOM_INDIKATOR = {n: f"Indikator_level_{n}" for n in LEVEL}
JUDUL_WAJIB = tuple(k for n in LEVEL for k in (KOLOM_NAMA[n], KOLOM_INDIKATOR[n]))
JUDUL_OPSIONAL = tuple(
    f"{jenis}_level_{n}" for n in LEVEL for jenis in ("Target", "Kode", "Elemen", "Jabatan")
)
PANJANG_TARGET = SimpulPohon._meta.get_field("target_teks").max_length
_PEMISAH_JABATAN = re.compile(r"[;\n]+")


def _n(judul: str) -> str:
    """A header as ``dasar.buku_kerja.normalisasi_header`` makes it."""
    return re.sub(r"\s+", "_", judul.strip().lower())


@dataclass
class Simpul:
    level: int
    nama: str
    indikator_teks: str
    induk: "Simpul | None"
    urutan: int
    baris: int
    atribut: dict[str, str] = field(default_factory=dict)  # target, kode, elemen, jabatan
    asal: dict[str, int] = field(default_factory=dict)  # attribute -> row that set it

    @property
    def jalur(self) -> tuple[tuple[str, str], ...]:
        atas = self.induk.jalur if self.induk else ()
        return (*atas, (self.nama, self.indikator_teks))

    def isi(self) -> dict[str, object]:
        return {
            "jalur": self.jalur,
            "target": self.atribut.get("target", ""),
            "kode": self.atribut.get("kode", ""),
            "elemen": self.atribut.get("elemen", ""),
            "jabatan": self.atribut.get("jabatan", ""),
            "urutan": self.urutan,
        }


def _jabatan(value: object) -> str | None:
    isi = teks(value)
    if isi is None:
        return None
    bagian = [b.strip() for b in _PEMISAH_JABATAN.split(isi) if b.strip()]
    return "\n".join(bagian) or None


def _baca_lembar(data: bytes | BinaryIO):
    if not isinstance(data, bytes | bytearray | memoryview):
        data = data.read()
    buku = baca_buku_kerja(data, sheets=SHEET_POHON)
    for nama in SHEET_POHON:
        if (lembar := buku.ambil(nama)) is not None:
            return lembar
    if not buku.nama_sheet:
        raise ImporError([Kesalahan("buku kerja tidak berisi sheet")])
    # Otherwise the first sheet, whatever its name.
    return baca_buku_kerja(data, sheets=buku.nama_sheet[:1]).wajib(buku.nama_sheet[0])


def _kanon(value: object) -> str:
    """A header without case, spaces and underscores: ``' output _Level_4'`` ->
    ``'outputlevel4'``."""
    return re.sub(r"[\s_]+", "", str(value)).lower() if value is not None else ""


KANON = {_kanon(k): _n(k) for k in (*JUDUL_WAJIB, *JUDUL_OPSIONAL)}


def _judul_rapi(lembar: Lembar) -> Lembar:
    """The sheet with its known headers written as expected, so that "Output _level_4" or
    "OUTPUT_LEVEL_4" is the column Output_level_4."""
    if not lembar.baris or lembar.baris[0].nomor != 1:
        return lembar
    judul = lembar.baris[0]
    sel = tuple(
        Sel(KANON[_kanon(c.nilai)]) if c.masalah is None and _kanon(c.nilai) in KANON else c
        for c in judul.sel
    )
    return Lembar(lembar.nama, (BarisMentah(1, sel), *lembar.baris[1:]))


def baca_pohon(data: bytes | BinaryIO, renstra: Renstra) -> tuple[list[Simpul], int]:
    """The tree the workbook describes (nodes in creation order, parents first) and its
    number of data rows; ``ImporError`` with every problem."""
    lembar = _judul_rapi(_baca_lembar(data))
    tabel = lembar.tabel(
        wajib=[_n(k) for k in JUDUL_WAJIB], opsional=[_n(k) for k in JUDUL_OPSIONAL]
    )
    sheet = tabel.sheet
    kumpulan = Kumpulan()
    kumpulan.daftar.extend(tabel.kesalahan)
    kode_indikator = set(
        IndikatorRencana.objects.filter(renstra=renstra).values_list("kode", flat=True)
    )
    kode_elemen = set(Elemen.objects.filter(renstra=renstra).values_list("kode", flat=True))

    simpul: dict[tuple, Simpul] = {}
    urutan: list[Simpul] = []
    jalur_atas: list[Simpul | None] = [None] * 6
    for baris in tabel.baris:
        jalur_atas = _baca_baris(
            baris, sheet, kumpulan, jalur_atas, simpul, urutan, kode_indikator, kode_elemen,
            renstra,
        )  # fmt: skip
    if not tabel.baris:
        kumpulan.tambah("tidak berisi baris data", sheet)
    if kumpulan:
        raise ImporError(kumpulan.daftar)
    return urutan, len(tabel.baris)


def _baca_baris(
    baris: Baris,
    sheet: str,
    kumpulan: Kumpulan,
    jalur_atas: list,
    simpul: dict,
    urutan: list,
    kode_indikator: set[str],
    kode_elemen: set[str],
    renstra: Renstra,
) -> list:
    """One row: its path (the row above's for the levels it leaves blank above its first
    filled one); the row above's path when the row is refused."""
    nama, indikator, atribut = {}, {}, {}
    for n in LEVEL:
        nama[n] = baca_sel(baris, _n(KOLOM_NAMA[n]), teks, kumpulan, sheet)
        indikator[n] = baca_sel(baris, _n(KOLOM_INDIKATOR[n]), teks, kumpulan, sheet)
        for jenis, parser in (
            ("target", teks),
            ("kode", teks),
            ("elemen", teks),
            ("jabatan", _jabatan),
        ):
            kolom = _n(f"{jenis}_level_{n}")
            panjang = PANJANG_TARGET if jenis == "target" else None
            value = baca_sel(baris, kolom, parser, kumpulan, sheet, panjang)
            if value is not None:
                atribut[(n, jenis)] = (value, kolom)
    salah = any(k.baris == baris.nomor and k.sheet == sheet for k in kumpulan.daftar)
    terisi = [n for n in LEVEL if nama[n] is not None or indikator[n] is not None]
    for n in terisi:
        if nama[n] is None:
            kumpulan.tambah(
                "wajib diisi (indikator level ini diisi)", sheet, baris.nomor, _n(KOLOM_NAMA[n])
            )
            salah = True
    jalur = list(jalur_atas)
    if terisi:
        awal, akhir = terisi[0], terisi[-1]
        for n in range(awal):
            if jalur_atas[n] is None:
                kumpulan.tambah(
                    f"kosong, dan tidak ada {LEVEL_POHON[n]} level {n} di baris atasnya untuk "
                    f"diwarisi (kolom {KOLOM_NAMA[awal]} diisi)",
                    sheet,
                    baris.nomor,
                    _n(KOLOM_NAMA[n]),
                )
                return jalur_atas
        for n in range(awal, akhir + 1):
            if n not in terisi:
                kumpulan.tambah(
                    f"kosong, padahal level sesudahnya ({KOLOM_NAMA[akhir]}) diisi di baris ini; "
                    "baris tidak boleh melompati level",
                    sheet,
                    baris.nomor,
                    _n(KOLOM_NAMA[n]),
                )
                return jalur_atas
        if salah:
            return jalur_atas
        for n in range(awal, akhir + 1):
            induk = jalur[n - 1] if n else None
            kunci = (id(induk), n, nama[n], indikator[n] or "")
            if kunci not in simpul:
                simpul[kunci] = Simpul(n, nama[n], indikator[n] or "", induk, len(urutan) + 1,
                                       baris.nomor)  # fmt: skip
                urutan.append(simpul[kunci])
            jalur[n] = simpul[kunci]
        for n in range(akhir + 1, 6):
            jalur[n] = None
    for (n, jenis), (value, kolom) in atribut.items():
        s = jalur[n]
        if s is None:
            kumpulan.tambah(
                f"tidak ada simpul level {n} pada baris ini untuk diberi {jenis}",
                sheet,
                baris.nomor,
                kolom,
            )
            continue
        if jenis == "kode" and value not in kode_indikator:
            kumpulan.tambah(
                f"kode indikator '{ringkas(value)}' tidak ada di rencana {renstra.periode}",
                sheet,
                baris.nomor,
                kolom,
            )
            continue
        if jenis == "elemen" and value not in kode_elemen:
            kumpulan.tambah(
                f"kode elemen '{ringkas(value)}' tidak ada di rencana {renstra.periode}",
                sheet,
                baris.nomor,
                kolom,
            )
            continue
        if jenis in s.atribut and s.atribut[jenis] != value:
            kumpulan.tambah(
                f"'{ringkas(value)}' berbeda dengan baris {s.asal[jenis]} "
                f"('{ringkas(s.atribut[jenis])}') untuk simpul yang sama",
                sheet,
                baris.nomor,
                kolom,
            )
            continue
        s.atribut[jenis] = value
        s.asal.setdefault(jenis, baris.nomor)
    return jalur


def _isi_db(s: SimpulPohon, per_pk: dict[int, SimpulPohon], ind: dict, el: dict) -> dict:
    jalur = []
    node: SimpulPohon | None = s
    while node is not None:
        jalur.append((node.nama, node.indikator_teks))
        node = per_pk.get(node.induk_id) if node.induk_id else None
    return {
        "jalur": tuple(reversed(jalur)),
        "target": s.target_teks,
        "kode": ind.get(s.indikator_id, "") if s.indikator_id else "",
        "elemen": el.get(s.elemen_id, "") if s.elemen_id else "",
        "jabatan": s.jabatan,
        "urutan": s.urutan,
    }


def _label(level: int, nama: str) -> str:
    return f"L{level} {ringkas(nama, 60)}"


def _rincian(lama: dict, baru: dict) -> tuple[str, ...]:
    def tampil(v: object) -> str:
        return ringkas(str(v), 40) or "(kosong)"

    return tuple(
        f"{k}: {tampil(lama[k])} → {tampil(baru[k])}"
        for k in baru
        if k != "jalur" and lama[k] != baru[k]
    )


def impor_pohon(data: bytes | BinaryIO, *, renstra: Renstra, dry_run: bool = False) -> HasilImpor:
    """Replace ``renstra``'s performance tree with the workbook's. ``ImporError`` lists every
    problem (nothing written); ``dry_run`` returns the plan without writing."""
    baru, jumlah_baris = baca_pohon(data, renstra)
    return dalam_satu_transaksi(
        lambda: _rencanakan_dan_terapkan(renstra, baru, jumlah_baris, dry_run), (SimpulPohon,)
    )


def _rencanakan_dan_terapkan(
    renstra: Renstra, baru: list[Simpul], jumlah_baris: int, dry_run: bool
) -> HasilImpor:
    if not dry_run:
        Renstra.objects.select_for_update().filter(pk=renstra.pk).first()
    ada = list(SimpulPohon.objects.filter(renstra=renstra).order_by("pk"))
    per_pk = {s.pk: s for s in ada}
    ind = dict(IndikatorRencana.objects.filter(renstra=renstra).values_list("pk", "kode"))
    el = dict(Elemen.objects.filter(renstra=renstra).values_list("pk", "kode"))
    lama = {}
    for s in ada:
        isi = _isi_db(s, per_pk, ind, el)
        lama.setdefault(isi["jalur"], (s, isi))
    perubahan: list[Perubahan] = []
    dilihat = set()
    for s in baru:
        isi = s.isi()
        dilihat.add(isi["jalur"])
        if isi["jalur"] not in lama:
            perubahan.append(
                Perubahan("baru", "simpul pohon", _label(s.level, s.nama),
                          ringkas(s.indikator_teks, 80), isi=isi_lengkap(isi))
            )  # fmt: skip
            continue
        rincian = _rincian(lama[isi["jalur"]][1], isi)
        if rincian:
            perubahan.append(
                Perubahan("ubah", "simpul pohon", _label(s.level, s.nama),
                          ringkas(s.indikator_teks, 80), rincian, isi_lengkap(isi))
            )  # fmt: skip
    for jalur, (s, isi) in lama.items():
        if jalur not in dilihat:
            perubahan.append(
                Perubahan("hapus", "simpul pohon", _label(s.level, s.nama),
                          ringkas(s.indikator_teks, 80), isi=isi_lengkap(isi))
            )  # fmt: skip
    if len(lama) != len(ada):  # duplicate paths stored (e.g. typed in the admin): rebuild
        perubahan.append(
            Perubahan("hapus", "simpul pohon", "duplikat", f"{len(ada) - len(lama)} simpul ganda")
        )
    hasil = HasilImpor(
        perubahan=perubahan,
        dry_run=dry_run,
        jumlah_baris=jumlah_baris,
        sidik=hitung_sidik(perubahan, "pohon", renstra.organisasi_id, renstra.tahun_awal),
    )
    if dry_run or not perubahan:
        return hasil

    SimpulPohon.objects.filter(renstra=renstra).delete()
    pk_ind = {k: pk for pk, k in ind.items()}
    pk_el = {k: pk for pk, k in el.items()}
    objek: dict[int, SimpulPohon] = {}
    for level in LEVEL:
        tingkat = [s for s in baru if s.level == level]
        buat = [
            SimpulPohon(
                renstra=renstra,
                induk=objek[id(s.induk)] if s.induk else None,
                level=s.level,
                nama=s.nama,
                indikator_teks=s.indikator_teks,
                target_teks=s.atribut.get("target", ""),
                indikator_id=pk_ind.get(s.atribut.get("kode")),
                elemen_id=pk_el.get(s.atribut.get("elemen")),
                jabatan=s.atribut.get("jabatan", ""),
                urutan=s.urutan,
            )
            for s in tingkat
        ]
        if connection.features.can_return_rows_from_bulk_insert:
            SimpulPohon.objects.bulk_create(buat, batch_size=500)
        else:
            for obj in buat:
                obj.save()
        objek.update({id(s): obj for s, obj in zip(tingkat, buat, strict=True)})
    return hasil
