"""A whole plan (Renstra) in and out of one workbook: sheets Rencana, Struktur, Indikator and
(optionally) Realisasi. The layout is ``rencana.ekspor``'s and docs/rencana.md's.

The import follows ``indikator.impor``: read every sheet, collect every problem (sheet, row as
Excel numbers it, column), plan, then write the plan in one transaction or nothing at all.

A plan is named by organisasi, kind (key ``jenis`` of the Rencana sheet: Keputusan IKU,
Renstra, IKU turunan RPJMD; without it, the one plan with that very period, else a one-year
plan is a Keputusan IKU and a longer one a Renstra) and tahun_awal. A period that overlaps another
plan of the same kind is refused, naming that plan. Target columns run up to the year after
the period (its end-of-period condition, seed 003's 2030 column); realisasi only to the
period's last year.

Re-importing the same plan (organisasi + jenis + tahun_awal) REPLACES that Renstra's contents: its
elements and indicators (with their targets) are deleted and created again from the
workbook, so an indicator removed from the sheet disappears. The Renstra row itself (and with
it the performance tree) stays; tree nodes linked to an element or indicator are linked again
to the new one with the same kode, and a node whose kode is gone loses that link (listed in
the plan). Quarterly realisasi: with a Realisasi sheet they are exactly the sheet's; without
one, those of indicators still in the plan are kept (an indicator's quarterly entry survives a
plan-only workbook). Importing the export of a plan changes nothing.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from django.db import models

from dasar.angka import AngkaError
from dasar.buku_kerja import (
    Baris,
    Lembar,
    Tabel,
    baca_buku_kerja,
    bersihkan_teks,
    normalisasi_header,
    ringkas,
)
from dasar.excel import AWAL_RUMUS
from dasar.impor import (
    HasilImpor,
    ImporError,
    Kesalahan,
    Perubahan,
    dalam_satu_transaksi,
    hitung_sidik,
    isi_lengkap,
)
from dasar.periode import TAHUN_MAX, TAHUN_MIN
from indikator.impor import parse_jumlah, pesan_slug, teks_sel
from organisasi.models import Bidang, Organisasi
from rencana.models import (
    INDUK_TINGKAT,
    TINGKAT_ANGGARAN,
    AksiRencana,
    Bagian,
    Elemen,
    IndikatorRencana,
    Jenis,
    JenisRencana,
    Kelompok,
    PaguAnggaran,
    Polaritas,
    RealisasiAnggaran,
    RealisasiRencana,
    Renstra,
    Sifat,
    SimpulPohon,
    TargetTahunan,
    TargetTriwulan,
    Tingkat,
    jenis_bawaan,
    peringatan_triwulan,
    pesan_tumpang_tindih,
)

SHEET_RENCANA = "Rencana"
SHEET_STRUKTUR = "Struktur"
SHEET_INDIKATOR = "Indikator"
SHEET_REALISASI = "Realisasi"
SHEET_ANGGARAN = "Anggaran"
SHEET_AKSI = "Rencana Aksi"

KUNCI_RENCANA = (
    "jenis", "tahun_awal", "tahun_akhir", "nama", "nomor_keputusan", "tanggal_keputusan", "penetap",
    "unit_kerja", "jabatan", "tugas", "fungsi",
)  # fmt: skip
KOLOM_STRUKTUR = ("kode", "tingkat", "kode_induk", "nama", "urutan")
KOLOM_INDIKATOR = (
    "kode", "kelompok", "kode_elemen", "nama", "jenis", "polaritas", "sifat_target", "definisi",
    "rumus", "satuan", "penanggung_jawab", "sumber_data", "bidang", "kode_bulanan", "kode_acuan",
    "acuan_bagian", "layanan_dasar", "no_ikk", "keterangan", "urutan",
)  # fmt: skip
KOLOM_REALISASI = (
    "kode",
    "tahun",
    "triwulan",
    "nilai",
    "pembilang",
    "penyebut",
    "teks",
    "keterangan",
)

KOLOM_ANGGARAN = (
    "kode", "tahun", "pagu", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4",
)  # fmt: skip
KOLOM_AKSI = (
    "tahun", "nomor", "permasalahan", "sasaran", "indikator", "kode_indikator", "target",
    "rencana_aksi", "kegiatan", "output", "indikator_output", "tw1", "tw2", "tw3", "tw4",
    "total", "anggaran", "realisasi", "realisasi_anggaran", "tautan_bukti", "bidang", "unit",
)  # fmt: skip
# Column -> AksiRencana attribute, for the text columns of the Rencana Aksi sheet.
ATRIBUT_AKSI = {
    "permasalahan": "permasalahan", "sasaran": "sasaran", "indikator": "indikator_teks",
    "target": "target", "rencana_aksi": "rencana_aksi", "kegiatan": "kegiatan",
    "output": "output", "indikator_output": "indikator_output", "tw1": "tw1", "tw2": "tw2",
    "tw3": "tw3", "tw4": "tw4", "total": "total", "realisasi": "realisasi", "unit": "unit",
}  # fmt: skip

# The wide target columns: "target 2025", "teks target 2025", "nspk 2025" (any year).
POLA_TAHUN = re.compile(r"^(target|teks_target|nspk)_(\d{4})$")
# The quarterly targets (Rencana Aksi): "tw1 2025" .. "tw4 2025", "teks tw1 2025".
POLA_TW = re.compile(r"^(tw|teks_tw)([1-4])_(\d{4})$")
_POLA_MIRIP_TW = re.compile(r"^(teks_)?tw\d")
_POLA_MIRIP_TAHUN = re.compile(r"^(target|teks_target|nspk)")

# Text columns -> model attribute of IndikatorRencana.
ATRIBUT_TEKS = {
    "nama": "nama",
    "definisi": "definisi",
    "rumus": "rumus",
    "satuan": "satuan",
    "penanggung_jawab": "penanggung_jawab",
    "sumber_data": "sumber_data",
    "kode_bulanan": "kode_bulanan",
    "layanan_dasar": "layanan_dasar",
    "keterangan": "keterangan",
}


def _maks(model: type[models.Model], nama: str) -> int | None:
    return model._meta.get_field(nama).max_length


PANJANG_RENCANA = {k: _maks(Renstra, k) for k in KUNCI_RENCANA if k not in ("jenis", "tahun_awal",
                   "tahun_akhir", "tanggal_keputusan")}  # fmt: skip
PANJANG_INDIKATOR = {
    "kode": _maks(IndikatorRencana, "kode"),
    **{k: _maks(IndikatorRencana, a) for k, a in ATRIBUT_TEKS.items()},
}
PANJANG_ELEMEN = {"kode": _maks(Elemen, "kode")}
PANJANG_TEKS_TARGET = _maks(TargetTahunan, "teks")
PANJANG_TEKS_REALISASI = _maks(RealisasiRencana, "teks")
PANJANG_TEKS_TW = _maks(TargetTriwulan, "teks")
PANJANG_AKSI = {k: _maks(AksiRencana, a) for k, a in ATRIBUT_AKSI.items()}
PANJANG_TAUTAN = _maks(AksiRencana, "tautan_bukti")
NSPK_DIGIT = TargetTahunan._meta.get_field("nspk").max_digits
NSPK_DESIMAL = TargetTahunan._meta.get_field("nspk").decimal_places
URUTAN_IKK_MAKS = 32767

# Tingkat in cascade order (parents first).
URUTAN_TINGKAT = list(INDUK_TINGKAT)


# Reading cells


def _kunci(teks: str) -> str:
    return re.sub(r"\s+", " ", teks.replace("_", " ").replace("-", " ")).strip().casefold()


def _peta_pilihan(pilihan: type[models.TextChoices], **alias: str) -> dict[str, str]:
    peta = {}
    for value, label in pilihan.choices:
        peta[_kunci(value)] = value
        peta[_kunci(str(label))] = value
    peta.update({_kunci(k): v for k, v in alias.items()})
    return peta


PILIHAN = {
    "tingkat": (
        _peta_pilihan(Tingkat, subkegiatan=Tingkat.SUB_KEGIATAN),
        [str(label) for label in Tingkat.labels],
    ),
    "kelompok": (
        _peta_pilihan(Kelompok, kinerja=Kelompok.KINERJA, indikator_kinerja=Kelompok.KINERJA),
        [str(label) for label in Kelompok.labels],
    ),
    "jenis": (_peta_pilihan(Jenis), list(Jenis.values)),
    "polaritas": (_peta_pilihan(Polaritas), list(Polaritas.values)),
    "sifat_target": (_peta_pilihan(Sifat), list(Sifat.values)),
    "acuan_bagian": (_peta_pilihan(Bagian), list(Bagian.values)),
    "jenis_rencana": (
        _peta_pilihan(
            JenisRencana,
            keputusan=JenisRencana.KEPUTUSAN_IKU,
            keputusan_iku=JenisRencana.KEPUTUSAN_IKU,
            renstra_perangkat_daerah=JenisRencana.RENSTRA,
            iku_rpjmd=JenisRencana.IKU_RPJMD,
        ),
        [str(label) for label in JenisRencana.labels],
    ),
}


def teks(value: object) -> str | None:
    """A text cell; a leading apostrophe that ``laporan.excel.teks_aman`` put before ``=``,
    ``+``, ``-`` or ``@`` on export is taken off again, so the round trip is exact."""
    hasil = teks_sel(value)
    if hasil and len(hasil) > 1 and hasil[0] == "'" and hasil[1] in AWAL_RUMUS:
        hasil = hasil[1:]
    return hasil


def pilihan(kolom: str, value: object) -> str | None:
    isi = teks(value)
    if isi is None:
        return None
    peta, contoh = PILIHAN[kolom]
    hasil = peta.get(_kunci(isi))
    if hasil is None:
        raise AngkaError(f"'{ringkas(isi)}' tidak dikenal; gunakan salah satu: {', '.join(contoh)}")
    return hasil


def bulat(value: object, minimum: int, maksimum: int) -> int | None:
    """A whole number (a number cell or digits typed as text) within [minimum, maksimum]."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise AngkaError("bukan bilangan bulat")
    if isinstance(value, float):
        if not value.is_integer():
            raise AngkaError(f"'{value}' bukan bilangan bulat")
        angka = int(value)
    elif isinstance(value, int):
        angka = value
    else:
        isi = teks(value)
        if isi is None:
            return None
        if not re.fullmatch(r"\d{1,9}", isi):
            raise AngkaError(f"'{ringkas(isi)}' bukan bilangan bulat")
        angka = int(isi)
    if not minimum <= angka <= maksimum:
        raise AngkaError(f"harus antara {minimum} dan {maksimum} ({angka})")
    return angka


def tanggal(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    isi = teks(value)
    if isi is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", isi):
        try:
            return date.fromisoformat(isi)
        except ValueError:
            pass
    raise AngkaError(f"'{ringkas(isi)}' bukan tanggal; tulis TTTT-BB-HH, mis. 2025-09-29")


def nspk(value: object) -> Decimal | None:
    angka = parse_jumlah(value)
    if angka is None:
        return None
    batas = NSPK_DIGIT - NSPK_DESIMAL
    if angka >= Decimal(10) ** batas:
        raise AngkaError(f"angka terlalu besar (paling banyak {batas} angka sebelum koma)")
    if angka != angka.quantize(Decimal(1).scaleb(-NSPK_DESIMAL)):
        raise AngkaError(f"paling banyak {NSPK_DESIMAL} angka di belakang koma")
    return angka


def desimal(value: Decimal | None) -> str | None:
    """A Decimal as compared and digested: 46 and 46.0000 are one amount."""
    if value is None:
        return None
    return format(value.normalize(), "f")


class Kumpulan:
    """Every problem found, in the order found."""

    def __init__(self) -> None:
        self.daftar: list[Kesalahan] = []

    def tambah(self, pesan: str, sheet: str | None = None, baris=None, kolom=None) -> None:
        self.daftar.append(Kesalahan(pesan, sheet, baris, kolom))

    def __bool__(self) -> bool:
        return bool(self.daftar)


def baca_sel(
    baris: Baris,
    kolom: str,
    parser: Callable[[object], Any],
    kumpulan: Kumpulan,
    sheet: str,
    panjang: int | None = None,
    wajib: bool = False,
) -> Any:
    """One cell of a table row, parsed; a problem is collected and gives None."""
    if kolom in baris.cacat:
        return None
    try:
        value = parser(baris[kolom])
    except AngkaError as exc:
        kumpulan.tambah(str(exc), sheet, baris.nomor, kolom)
        return None
    if isinstance(value, str) and panjang and len(value) > panjang:
        kumpulan.tambah(
            f"terlalu panjang ({len(value)} karakter; maksimal {panjang})",
            sheet,
            baris.nomor,
            kolom,
        )
        return None
    if wajib and value is None:
        kumpulan.tambah("wajib diisi", sheet, baris.nomor, kolom)
    return value


def pembaca(baris: Baris, kumpulan: Kumpulan, sheet: str) -> Callable[..., Any]:
    """``baca_sel`` for one row: ``sel(kolom, parser=teks, panjang=..., wajib=...)``."""

    def sel(kolom: str, parser: Callable[[object], Any] = teks, **kw: Any) -> Any:
        return baca_sel(baris, kolom, parser, kumpulan, sheet, **kw)

    return sel


def judul_kolom(lembar: Lembar) -> list[str]:
    """The normalised headers of row 1 (formula cells left out; ``tabel`` reports them)."""
    if not lembar.baris or lembar.baris[0].nomor != 1:
        return []
    return [normalisasi_header(sel.nilai) for sel in lembar.baris[0].sel if sel.masalah is None]


# What the workbook asks for


@dataclass
class ElemenSheet:
    kode: str
    tingkat: str
    kode_induk: str | None
    nama: str
    urutan: int
    nomor: int

    def isi(self) -> dict[str, object]:
        return {
            "tingkat": self.tingkat,
            "induk": self.kode_induk or "",
            "nama": self.nama,
            "urutan": self.urutan,
        }


@dataclass
class TargetSheet:
    nilai: Decimal | None = None
    teks: str = ""
    nspk: Decimal | None = None


@dataclass
class IndikatorSheet:
    kode: str
    nomor: int
    nilai: dict[str, object]  # model attributes (text, choices, urutan, urutan_ikk)
    kode_elemen: str | None
    bidang: Bidang | None
    kode_acuan: str | None
    target: dict[int, TargetSheet] = field(default_factory=dict)
    # (tahun, triwulan) -> TargetSheet (nilai, teks): the Rencana Aksi quarterly targets
    triwulan: dict[tuple[int, int], TargetSheet] = field(default_factory=dict)

    def isi(self) -> dict[str, object]:
        return {
            **self.nilai,
            "elemen": self.kode_elemen or "",
            "bidang": self.bidang.nama if self.bidang else "",
            "acuan": self.kode_acuan or "",
            "target": tuple(
                (t, desimal(x.nilai), x.teks, desimal(x.nspk))
                for t, x in sorted(self.target.items())
            ),
            "target_triwulan": tuple(
                (t, tw, desimal(x.nilai), x.teks) for (t, tw), x in sorted(self.triwulan.items())
            ),
        }


@dataclass
class RealisasiSheet:
    kode: str
    tahun: int
    triwulan: int
    nilai: dict[str, object]  # nilai, pembilang, penyebut (Decimal|None), teks, keterangan
    nomor: int = 0
    # Kept from the database (no Realisasi sheet): who entered it and its version.
    diisi_oleh_id: int | None = None
    versi: int = 1

    @property
    def kunci(self) -> tuple[str, int, int]:
        return (self.kode, self.tahun, self.triwulan)

    def isi(self) -> dict[str, object]:
        return {
            k: (desimal(v) if isinstance(v, Decimal) or v is None else v)
            for k, v in self.nilai.items()
        }


@dataclass
class IsiRencana:
    renstra: dict[str, object]
    elemen: list[ElemenSheet]
    indikator: list[IndikatorSheet]
    realisasi: list[RealisasiSheet] | None  # None: no Realisasi sheet
    jumlah_baris: int
    anggaran: list["AnggaranSheet"] | None = None  # None: no Anggaran sheet
    aksi: list["AksiSheet"] | None = None  # None: no Rencana Aksi sheet


def _baca_rencana(lembar: Lembar | None, kumpulan: Kumpulan) -> dict[str, object]:
    """Key -> value of the Rencana sheet (column A key, column B value)."""
    hasil: dict[str, object] = {}
    if lembar is None:
        kumpulan.tambah(f"sheet '{SHEET_RENCANA}' tidak ada di buku kerja")
        return hasil
    sheet, baris_kunci = lembar.nama, {}
    for urut, baris in enumerate(lembar.baris):
        sel_kunci, sel_nilai = baris.ambil(0), baris.ambil(1)
        for sel, kolom in ((sel_kunci, "kunci"), (sel_nilai, "nilai")):
            if sel.masalah:
                kumpulan.tambah(sel.masalah, sheet, baris.nomor, kolom)
        if sel_kunci.masalah or sel_nilai.masalah:
            continue
        kunci = normalisasi_header(sel_kunci.nilai)
        if urut == 0 and kunci in ("kunci", "key"):
            continue
        if not kunci:
            if sel_nilai.nilai is not None:
                kumpulan.tambah("kunci kosong", sheet, baris.nomor, "kunci")
            continue
        if kunci not in KUNCI_RENCANA:
            kumpulan.tambah(
                f"kunci '{ringkas(str(sel_kunci.nilai))}' tidak dikenal; gunakan "
                + ", ".join(KUNCI_RENCANA),
                sheet,
                baris.nomor,
                "kunci",
            )
            continue
        if kunci in baris_kunci:
            kumpulan.tambah(
                f"kunci '{kunci}' sudah ada di baris {baris_kunci[kunci]}",
                sheet,
                baris.nomor,
                "kunci",
            )
            continue
        baris_kunci[kunci] = baris.nomor
        try:
            if kunci in ("tahun_awal", "tahun_akhir"):
                value = bulat(sel_nilai.nilai, TAHUN_MIN, TAHUN_MAX)
            elif kunci == "jenis":
                value = pilihan("jenis_rencana", sel_nilai.nilai)
            elif kunci == "tanggal_keputusan":
                value = tanggal(sel_nilai.nilai)
            else:
                value = teks(sel_nilai.nilai) or ""
                batas = PANJANG_RENCANA.get(kunci)
                if batas and len(value) > batas:
                    raise AngkaError(f"terlalu panjang ({len(value)} karakter; maksimal {batas})")
        except AngkaError as exc:
            kumpulan.tambah(str(exc), sheet, baris.nomor, "nilai")
            hasil[kunci] = None
            continue
        hasil[kunci] = value
    for kunci in ("tahun_awal", "tahun_akhir"):
        if kunci not in baris_kunci:
            kumpulan.tambah(f"kunci '{kunci}' wajib ada", sheet)
        elif hasil.get(kunci) is None and not any(
            k.sheet == sheet and k.baris == baris_kunci[kunci] for k in kumpulan.daftar
        ):
            kumpulan.tambah("wajib diisi", sheet, baris_kunci[kunci], "nilai")
    awal, akhir = hasil.get("tahun_awal"), hasil.get("tahun_akhir")
    if isinstance(awal, int) and isinstance(akhir, int) and not awal <= akhir <= awal + 9:
        kumpulan.tambah(
            f"tahun_akhir ({akhir}) harus antara tahun_awal ({awal}) dan {awal + 9}",
            sheet,
            baris_kunci["tahun_akhir"],
            "nilai",
        )
        hasil["tahun_akhir"] = None
    return hasil


def _baca_struktur(lembar: Lembar | None, kumpulan: Kumpulan) -> list[ElemenSheet]:
    if lembar is None:
        return []
    tabel = lembar.tabel(wajib=("kode", "tingkat", "nama"), opsional=("kode_induk", "urutan"))
    kumpulan.daftar.extend(tabel.kesalahan)
    sheet = tabel.sheet
    hasil: list[ElemenSheet] = []
    baris_kode: dict[str, int] = {}
    for posisi, baris in enumerate(tabel.baris, start=1):
        kode = baca_sel(baris, "kode", teks, kumpulan, sheet, PANJANG_ELEMEN["kode"], wajib=True)
        tingkat = baca_sel(
            baris, "tingkat", lambda v: pilihan("tingkat", v), kumpulan, sheet, wajib=True
        )
        nama = baca_sel(baris, "nama", teks, kumpulan, sheet, wajib=True)
        induk = baca_sel(baris, "kode_induk", teks, kumpulan, sheet)
        urutan = baca_sel(baris, "urutan", lambda v: bulat(v, 0, 2_147_483_647), kumpulan, sheet)
        if kode is not None and kode in baris_kode:
            kumpulan.tambah(
                f"kode '{kode}' sudah dipakai di baris {baris_kode[kode]}",
                sheet,
                baris.nomor,
                "kode",
            )
            continue
        if kode is None:
            continue
        baris_kode[kode] = baris.nomor  # known, even if refused: no follow-on complaints
        if tingkat is None or nama is None:
            continue
        hasil.append(
            ElemenSheet(
                kode, tingkat, induk, nama, urutan if urutan is not None else posisi, baris.nomor
            )
        )
    per_kode = {e.kode: e for e in hasil}
    for e in hasil:
        harus = INDUK_TINGKAT[Tingkat(e.tingkat)]
        label = Tingkat(e.tingkat).label
        if harus is None:
            if e.kode_induk:
                kumpulan.tambah(
                    f"{label} tidak punya induk; kosongkan", sheet, e.nomor, "kode_induk"
                )
            continue
        if not e.kode_induk:
            kumpulan.tambah(
                f"{label} harus punya induk ({Tingkat(harus).label})", sheet, e.nomor, "kode_induk"
            )
            continue
        induk = per_kode.get(e.kode_induk)
        if induk is None:
            if e.kode_induk not in baris_kode:
                kumpulan.tambah(
                    f"kode_induk '{e.kode_induk}' tidak ada di sheet {sheet}",
                    sheet,
                    e.nomor,
                    "kode_induk",
                )
            continue
        if induk.tingkat != harus:
            kumpulan.tambah(
                f"induk {label} harus {Tingkat(harus).label}, bukan "
                f"{Tingkat(induk.tingkat).label} ('{induk.kode}')",
                sheet,
                e.nomor,
                "kode_induk",
            )
    return hasil


def _baca_indikator(
    lembar: Lembar | None,
    kumpulan: Kumpulan,
    bidang: dict[str, Bidang],
    kode_elemen: set[str],
    periode: tuple[int | None, int | None],
) -> list[IndikatorSheet]:
    if lembar is None:
        kumpulan.tambah(f"sheet '{SHEET_INDIKATOR}' tidak ada di buku kerja")
        return []
    judul = judul_kolom(lembar)
    kolom_tahun = [j for j in judul if POLA_TAHUN.match(j)]
    kolom_tw = [j for j in judul if POLA_TW.match(j)]
    tabel = lembar.tabel(
        wajib=("kode", "kelompok", "nama", "jenis"),
        opsional=(*(k for k in KOLOM_INDIKATOR if k not in ("kode", "kelompok", "nama", "jenis")),
                  *kolom_tahun, *kolom_tw),
    )  # fmt: skip
    kumpulan.daftar.extend(tabel.kesalahan)
    sheet = tabel.sheet
    awal, akhir = periode
    for j in judul:
        if _POLA_MIRIP_TW.match(j) and not POLA_TW.match(j):
            kumpulan.tambah(
                f"judul kolom '{j}' tidak dikenal; tulis mis. 'tw1 2025' sampai 'tw4 2025' "
                "(target triwulan) atau 'teks tw1 2025'",
                sheet,
                1,
                j,
            )
    kolom_tw_sah = []
    for j in kolom_tw:
        tahun = int(POLA_TW.match(j).group(3))
        if awal is not None and akhir is not None and not awal <= tahun <= akhir:
            kumpulan.tambah(
                f"target triwulan hanya untuk tahun rencana ({awal}-{akhir}), bukan {tahun}",
                sheet,
                1,
                j,
            )
            continue
        kolom_tw_sah.append(j)
    for j in judul:
        if _POLA_MIRIP_TAHUN.match(j) and not POLA_TAHUN.match(j):
            kumpulan.tambah(
                f"judul kolom '{j}' tidak dikenal; tulis mis. 'target 2025', 'teks target 2025' "
                "atau 'nspk 2025'",
                sheet,
                1,
                j,
            )
    kolom_sah = []
    # The year after the period is its end-of-period condition (seed 003 Tabel 4.2/4.3:
    # 2030 for 2025-2029): it takes targets, never realisasi.
    batas = akhir + 1 if akhir is not None else None
    for j in kolom_tahun:
        tahun = int(POLA_TAHUN.match(j).group(2))
        if not TAHUN_MIN <= tahun <= TAHUN_MAX or (batas is not None and tahun > batas):
            kumpulan.tambah(
                f"tahun {tahun} di luar periode rencana (paling akhir {batas}: kondisi akhir "
                "periode)"
                if batas is not None and tahun > batas
                else f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}",
                sheet,
                1,
                j,
            )
            continue
        kolom_sah.append(j)
    hasil: list[IndikatorSheet] = []
    baris_kode: dict[str, int] = {}
    for posisi, baris in enumerate(tabel.baris, start=1):
        sel = pembaca(baris, kumpulan, sheet)
        kode = sel("kode", panjang=PANJANG_INDIKATOR["kode"], wajib=True)
        nilai: dict[str, object] = {}
        for k in ("kelompok", "jenis", "polaritas", "sifat_target", "acuan_bagian"):
            nilai[k] = sel(k, lambda v, k=k: pilihan(k, v), wajib=k in ("kelompok", "jenis"))
        nilai["polaritas"] = nilai["polaritas"] or Polaritas.NAIK
        nilai["sifat_target"] = nilai["sifat_target"] or Sifat.TIDAK_KUMULATIF
        nilai["acuan_bagian"] = nilai["acuan_bagian"] or Bagian.PEMBILANG
        for k, atribut in ATRIBUT_TEKS.items():
            nilai[atribut] = sel(k, panjang=PANJANG_INDIKATOR[k], wajib=k == "nama") or ""
        nilai["urutan_ikk"] = sel("no_ikk", lambda v: bulat(v, 1, URUTAN_IKK_MAKS))
        urutan = sel("urutan", lambda v: bulat(v, 0, 2_147_483_647))
        nilai["urutan"] = urutan if urutan is not None else posisi
        elemen = sel("kode_elemen")
        if elemen is not None and elemen not in kode_elemen:
            kumpulan.tambah(
                f"kode_elemen '{elemen}' tidak ada di sheet {SHEET_STRUKTUR}",
                sheet,
                baris.nomor,
                "kode_elemen",
            )
        nama_bidang = sel("bidang")
        bidang_obj = None
        if nama_bidang is not None:
            bidang_obj = bidang.get(_kunci(nama_bidang))
            if bidang_obj is None:
                ada = ", ".join(sorted(b.nama for b in bidang.values())) or "-"
                kumpulan.tambah(
                    f"bidang '{ringkas(nama_bidang)}' tidak ada di organisasi ini (bidang yang "
                    f"ada: {ada})",
                    sheet,
                    baris.nomor,
                    "bidang",
                )
        acuan = sel("kode_acuan")
        target: dict[int, TargetSheet] = {}
        for j in kolom_sah:
            jenis_kolom, tahun = POLA_TAHUN.match(j).groups()
            if jenis_kolom == "target":
                value = sel(j, parse_jumlah)
            elif jenis_kolom == "nspk":
                value = sel(j, nspk)
            else:
                value = sel(j, panjang=PANJANG_TEKS_TARGET)
            if value is None:
                continue
            t = target.setdefault(int(tahun), TargetSheet())
            if jenis_kolom == "target":
                t.nilai = value
            elif jenis_kolom == "nspk":
                t.nspk = value
            else:
                t.teks = value
        triwulan: dict[tuple[int, int], TargetSheet] = {}
        for j in kolom_tw_sah:
            jenis_kolom, tw, tahun = POLA_TW.match(j).groups()
            value = sel(j, parse_jumlah) if jenis_kolom == "tw" else sel(j, panjang=PANJANG_TEKS_TW)
            if value is None:
                continue
            t = triwulan.setdefault((int(tahun), int(tw)), TargetSheet())
            if jenis_kolom == "tw":
                t.nilai = value
            else:
                t.teks = value
        if kode is None:
            continue
        if kode in baris_kode:
            kumpulan.tambah(
                f"kode '{kode}' sudah dipakai di baris {baris_kode[kode]}",
                sheet,
                baris.nomor,
                "kode",
            )
            continue
        baris_kode[kode] = baris.nomor
        hasil.append(
            IndikatorSheet(
                kode,
                baris.nomor,
                nilai,
                elemen,
                bidang_obj,
                acuan,
                dict(sorted(target.items())),
                dict(sorted(triwulan.items())),
            )
        )
    jenis_per_kode = {i.kode: i.nilai.get("jenis") for i in hasil}
    for ind in hasil:
        if ind.kode_acuan is None:
            continue
        if ind.kode_acuan == ind.kode:
            kumpulan.tambah("indikator tidak dapat mengacu pada dirinya sendiri", sheet, ind.nomor,
                            "kode_acuan")  # fmt: skip
        elif ind.kode_acuan not in baris_kode:
            kumpulan.tambah(
                f"kode_acuan '{ind.kode_acuan}' tidak ada di sheet {sheet}",
                sheet,
                ind.nomor,
                "kode_acuan",
            )
        elif ind.nilai.get("jenis") != Jenis.PENURUNAN:
            kumpulan.tambah(
                "kode_acuan hanya untuk indikator berjenis penurunan (jumlah yang dibandingkan "
                "antartahun); kosongkan untuk jenis lain",
                sheet,
                ind.nomor,
                "kode_acuan",
            )
        elif jenis_per_kode.get(ind.kode_acuan) == Jenis.PENURUNAN:
            kumpulan.tambah(
                f"kode_acuan '{ind.kode_acuan}' adalah indikator penurunan; acuan harus "
                "indikator yang jumlahnya dibandingkan (mis. PPKS tertangani)",
                sheet,
                ind.nomor,
                "kode_acuan",
            )
    return hasil


def _baca_realisasi(
    lembar: Lembar | None, kumpulan: Kumpulan, kode: set[str], akhir: int | None
) -> list | None:
    if lembar is None:
        return None
    tabel: Tabel = lembar.tabel(
        wajib=("kode", "tahun", "triwulan"),
        opsional=("nilai", "pembilang", "penyebut", "teks", "keterangan"),
    )
    kumpulan.daftar.extend(tabel.kesalahan)
    sheet = tabel.sheet
    hasil: list[RealisasiSheet] = []
    baris_kunci: dict[tuple, int] = {}
    for baris in tabel.baris:
        sel = pembaca(baris, kumpulan, sheet)
        kode_ind = sel("kode", wajib=True)
        tahun = sel("tahun", lambda v: bulat(v, TAHUN_MIN, TAHUN_MAX), wajib=True)
        triwulan = sel("triwulan", lambda v: bulat(v, 1, 4), wajib=True)
        nilai = {k: sel(k, parse_jumlah) for k in ("nilai", "pembilang", "penyebut")}
        nilai["teks"] = sel("teks", panjang=PANJANG_TEKS_REALISASI) or ""
        nilai["keterangan"] = sel("keterangan") or ""
        if tahun is not None and akhir is not None and tahun > akhir:
            kumpulan.tambah(
                f"tahun {tahun} bukan tahun rencana ini (paling akhir {akhir}"
                + (": tahun sesudahnya hanya kondisi akhir periode, bertarget tanpa realisasi"
                   if tahun == akhir + 1 else "")
                + "); catat realisasinya di rencana yang memuat tahun itu",
                sheet,
                baris.nomor,
                "tahun",
            )  # fmt: skip
            continue
        if kode_ind is not None and kode_ind not in kode:
            kumpulan.tambah(
                f"kode '{kode_ind}' tidak ada di sheet {SHEET_INDIKATOR}",
                sheet,
                baris.nomor,
                "kode",
            )
            continue
        if kode_ind is None or tahun is None or triwulan is None:
            continue
        kunci = (kode_ind, tahun, triwulan)
        if kunci in baris_kunci:
            kumpulan.tambah(
                f"realisasi {kode_ind} tahun {tahun} triwulan {triwulan} sudah ada di baris "
                f"{baris_kunci[kunci]}",
                sheet,
                baris.nomor,
                "triwulan",
            )
            continue
        baris_kunci[kunci] = baris.nomor
        hasil.append(RealisasiSheet(kode_ind, tahun, triwulan, nilai, baris.nomor))
    return hasil


def rupiah(value: object) -> Decimal | None:
    """An amount in rupiah (DecimalField(18, 2)), not negative."""
    angka = parse_jumlah(value)
    if angka is None:
        return None
    if angka < 0:
        raise AngkaError("tidak boleh negatif")
    if angka >= Decimal(10) ** 16:
        raise AngkaError("angka terlalu besar (paling banyak 16 angka sebelum koma)")
    if angka != angka.quantize(Decimal("0.01")):
        raise AngkaError("paling banyak 2 angka di belakang koma")
    return angka


def tautan(value: object) -> str | None:
    """An evidence link: http(s) only."""
    isi = teks(value)
    if isi is None:
        return None
    if not re.fullmatch(r"https?://\S+", isi):
        raise AngkaError(
            f"'{ringkas(isi)}' bukan tautan; tulis alamat lengkap yang diawali https://"
        )
    return isi


@dataclass
class AnggaranSheet:
    """A Program's or Kegiatan's pagu and quarterly spending (each quarter's own) of a year."""

    kode: str
    tahun: int
    pagu: Decimal | None
    realisasi: tuple  # TW I..IV, Decimal or None
    nomor: int = 0

    @property
    def kunci(self) -> str:
        return f"{self.kode} {self.tahun}"

    def isi(self) -> dict[str, object]:
        return {
            "pagu": desimal(self.pagu),
            **{f"realisasi_tw{n}": desimal(v) for n, v in enumerate(self.realisasi, start=1)},
        }


@dataclass
class AksiSheet:
    """One line of a year's Rencana Aksi."""

    tahun: int
    nomor: int
    nilai: dict[str, object]  # AksiRencana attributes: texts, anggaran, realisasi_anggaran, ...
    kode_indikator: str | None
    bidang: Bidang | None
    baris: int = 0

    @property
    def kunci(self) -> str:
        return f"{self.tahun} no. {self.nomor}"

    def isi(self) -> dict[str, object]:
        return {
            **{k: (desimal(v) if isinstance(v, Decimal) else v) for k, v in self.nilai.items()},
            "indikator": self.kode_indikator or "",
            "bidang": self.bidang.nama if self.bidang else "",
        }


def _baca_anggaran(
    lembar: Lembar | None, kumpulan: Kumpulan, elemen: list[ElemenSheet],
    periode: tuple[int | None, int | None],
) -> list[AnggaranSheet] | None:  # fmt: skip
    if lembar is None:
        return None
    tabel = lembar.tabel(wajib=("kode", "tahun"), opsional=KOLOM_ANGGARAN[2:])
    kumpulan.daftar.extend(tabel.kesalahan)
    sheet = tabel.sheet
    tingkat = {e.kode: e.tingkat for e in elemen}
    awal, akhir = periode
    hasil: list[AnggaranSheet] = []
    baris_kunci: dict[tuple, int] = {}
    for baris in tabel.baris:
        sel = pembaca(baris, kumpulan, sheet)
        kode = sel("kode", wajib=True)
        tahun = sel("tahun", lambda v: bulat(v, TAHUN_MIN, TAHUN_MAX), wajib=True)
        pagu = sel("pagu", rupiah)
        realisasi = tuple(sel(f"realisasi_tw{n}", rupiah) for n in range(1, 5))
        if kode is not None and kode not in tingkat:
            kumpulan.tambah(f"kode '{kode}' tidak ada di sheet {SHEET_STRUKTUR}", sheet,
                            baris.nomor, "kode")  # fmt: skip
            continue
        if kode is not None and tingkat[kode] not in TINGKAT_ANGGARAN:
            kumpulan.tambah(
                f"'{kode}' adalah {Tingkat(tingkat[kode]).label}; pagu dan realisasi anggaran "
                "hanya untuk Program atau Kegiatan",
                sheet, baris.nomor, "kode",
            )  # fmt: skip
            continue
        if (
            tahun is not None
            and awal is not None
            and akhir is not None
            and not (awal <= tahun <= akhir)
        ):
            kumpulan.tambah(f"tahun {tahun} bukan tahun rencana ini ({awal}-{akhir})", sheet,
                            baris.nomor, "tahun")  # fmt: skip
            continue
        if kode is None or tahun is None:
            continue
        if (kode, tahun) in baris_kunci:
            kumpulan.tambah(
                f"anggaran {kode} tahun {tahun} sudah ada di baris {baris_kunci[(kode, tahun)]}",
                sheet, baris.nomor, "kode",
            )  # fmt: skip
            continue
        baris_kunci[(kode, tahun)] = baris.nomor
        if pagu is None and all(v is None for v in realisasi):
            continue  # an empty row names nothing
        hasil.append(AnggaranSheet(kode, tahun, pagu, realisasi, baris.nomor))
    return hasil


def _baca_aksi(
    lembar: Lembar | None, kumpulan: Kumpulan, kode_indikator: set[str],
    bidang: dict[str, Bidang], periode: tuple[int | None, int | None],
) -> list[AksiSheet] | None:  # fmt: skip
    if lembar is None:
        return None
    tabel = lembar.tabel(
        wajib=("tahun", "rencana_aksi"),
        opsional=tuple(k for k in KOLOM_AKSI if k not in ("tahun", "rencana_aksi")),
    )
    kumpulan.daftar.extend(tabel.kesalahan)
    sheet = tabel.sheet
    awal, akhir = periode
    hasil: list[AksiSheet] = []
    baris_kunci: dict[tuple, int] = {}
    nomor_terakhir: dict[int, int] = {}
    for baris in tabel.baris:
        sel = pembaca(baris, kumpulan, sheet)
        tahun = sel("tahun", lambda v: bulat(v, TAHUN_MIN, TAHUN_MAX), wajib=True)
        nomor = sel("nomor", lambda v: bulat(v, 1, 32767))
        nilai: dict[str, object] = {
            atribut: sel(k, panjang=PANJANG_AKSI[k], wajib=k == "rencana_aksi") or ""
            for k, atribut in ATRIBUT_AKSI.items()
        }
        nilai["anggaran"] = sel("anggaran", rupiah)
        nilai["realisasi_anggaran"] = sel("realisasi_anggaran", rupiah)
        nilai["tautan_bukti"] = sel("tautan_bukti", tautan, panjang=PANJANG_TAUTAN) or ""
        kode = sel("kode_indikator")
        if kode is not None and kode not in kode_indikator:
            kumpulan.tambah(f"kode_indikator '{kode}' tidak ada di sheet {SHEET_INDIKATOR}",
                            sheet, baris.nomor, "kode_indikator")  # fmt: skip
        nama_bidang = sel("bidang")
        bidang_obj = None
        if nama_bidang is not None:
            bidang_obj = bidang.get(_kunci(nama_bidang))
            if bidang_obj is None:
                ada = ", ".join(sorted(b.nama for b in bidang.values())) or "-"
                kumpulan.tambah(
                    f"bidang '{ringkas(nama_bidang)}' tidak ada di organisasi ini (bidang yang "
                    f"ada: {ada})",
                    sheet, baris.nomor, "bidang",
                )  # fmt: skip
        if (
            tahun is not None
            and awal is not None
            and akhir is not None
            and not (awal <= tahun <= akhir)
        ):
            kumpulan.tambah(f"tahun {tahun} bukan tahun rencana ini ({awal}-{akhir})", sheet,
                            baris.nomor, "tahun")  # fmt: skip
            continue
        if tahun is None:
            continue
        if nomor is None:
            nomor = nomor_terakhir.get(tahun, 0) + 1  # numbered in the sheet's order
        if (tahun, nomor) in baris_kunci:
            kumpulan.tambah(
                f"nomor {nomor} tahun {tahun} sudah dipakai di baris {baris_kunci[(tahun, nomor)]}",
                sheet, baris.nomor, "nomor",
            )  # fmt: skip
            continue
        baris_kunci[(tahun, nomor)] = baris.nomor
        nomor_terakhir[tahun] = max(nomor, nomor_terakhir.get(tahun, 0))
        hasil.append(AksiSheet(tahun, nomor, nilai, kode, bidang_obj, baris.nomor))
    return hasil


def baca_rencana(data: bytes | BinaryIO, organisasi: Organisasi) -> IsiRencana:
    """The workbook as a plan, or ``ImporError`` with every problem found."""
    buku = baca_buku_kerja(
        data,
        sheets=(SHEET_RENCANA, SHEET_STRUKTUR, SHEET_INDIKATOR, SHEET_REALISASI, SHEET_ANGGARAN,
                SHEET_AKSI),
    )  # fmt: skip
    kumpulan = Kumpulan()
    try:
        renstra = _baca_rencana(buku.ambil(SHEET_RENCANA), kumpulan)
        elemen = _baca_struktur(buku.ambil(SHEET_STRUKTUR), kumpulan)
        bidang = {
            _kunci(b.nama): b for b in Bidang.objects.filter(organisasi=organisasi).order_by("pk")
        }
        periode = (renstra.get("tahun_awal"), renstra.get("tahun_akhir"))
        indikator = _baca_indikator(
            buku.ambil(SHEET_INDIKATOR),
            kumpulan,
            bidang,
            {e.kode for e in elemen} | _kode_struktur_semua(buku.ambil(SHEET_STRUKTUR)),
            periode,
        )
        realisasi = _baca_realisasi(
            buku.ambil(SHEET_REALISASI), kumpulan, {i.kode for i in indikator}, periode[1]
        )
        anggaran = _baca_anggaran(buku.ambil(SHEET_ANGGARAN), kumpulan, elemen, periode)
        aksi = _baca_aksi(
            buku.ambil(SHEET_AKSI), kumpulan, {i.kode for i in indikator}, bidang, periode
        )
    except ImporError as exc:
        raise ImporError(kumpulan.daftar + exc.kesalahan) from None
    if kumpulan:
        raise ImporError(kumpulan.daftar)
    jumlah = (
        len(elemen) + len(indikator) + len(realisasi or ()) + len(anggaran or ())
        + len(aksi or ())
    )  # fmt: skip
    return IsiRencana(renstra, elemen, indikator, realisasi, jumlah, anggaran, aksi)


def _kode_struktur_semua(lembar: Lembar | None) -> set[str]:
    """Every kode written in the Struktur sheet, even on rows refused for other reasons, so
    that one mistake there is not reported again for every indicator under it."""
    if lembar is None:
        return set()
    judul = judul_kolom(lembar)
    if "kode" not in judul:
        return set()
    indeks = judul.index("kode")
    hasil = set()
    for baris in lembar.baris[1:]:
        sel = baris.ambil(indeks)
        if sel.masalah is None and sel.nilai is not None:
            try:
                kode = teks(sel.nilai)
            except AngkaError:
                continue
            if kode:
                hasil.add(kode)
    return hasil


# The database as the same comparable values


def isi_elemen_db(e: Elemen, kode_dari_pk: dict[int, str]) -> dict[str, object]:
    return {
        "tingkat": e.tingkat,
        "induk": kode_dari_pk.get(e.induk_id, "") if e.induk_id else "",
        "nama": e.nama,
        "urutan": e.urutan,
    }


def isi_indikator_db(
    i: IndikatorRencana, elemen_kode: dict[int, str], ind_kode: dict[int, str]
) -> dict[str, object]:
    return {
        "kelompok": i.kelompok,
        "jenis": i.jenis,
        "polaritas": i.polaritas,
        "sifat_target": i.sifat_target,
        "acuan_bagian": i.acuan_bagian,
        **{atribut: getattr(i, atribut) for atribut in ATRIBUT_TEKS.values()},
        "urutan_ikk": i.urutan_ikk,
        "urutan": i.urutan,
        "elemen": elemen_kode.get(i.elemen_id, "") if i.elemen_id else "",
        "bidang": i.bidang.nama if i.bidang_id else "",
        "acuan": ind_kode.get(i.acuan_id, "") if i.acuan_id else "",
        "target": tuple(
            (t.tahun, desimal(t.nilai), t.teks, desimal(t.nspk))
            for t in sorted(i.target.all(), key=lambda t: t.tahun)
        ),
        "target_triwulan": tuple(
            (t.tahun, t.triwulan, desimal(t.nilai), t.teks)
            for t in sorted(i.target_triwulan.all(), key=lambda t: (t.tahun, t.triwulan))
        ),
    }


def isi_aksi_db(a: AksiRencana, ind_kode: dict[int, str]) -> dict[str, object]:
    return {
        **{atribut: getattr(a, atribut) for atribut in ATRIBUT_AKSI.values()},
        "anggaran": desimal(a.anggaran),
        "realisasi_anggaran": desimal(a.realisasi_anggaran),
        "tautan_bukti": a.tautan_bukti,
        "indikator": ind_kode.get(a.indikator_id, "") if a.indikator_id else "",
        "bidang": a.bidang.nama if a.bidang_id else "",
    }


def isi_realisasi_db(r: RealisasiRencana) -> dict[str, object]:
    return {
        "nilai": desimal(r.nilai),
        "pembilang": desimal(r.pembilang),
        "penyebut": desimal(r.penyebut),
        "teks": r.teks,
        "keterangan": r.keterangan,
    }


def _rincian(lama: dict[str, object], baru: dict[str, object]) -> tuple[str, ...]:
    def tampil(v: object) -> str:
        if isinstance(v, tuple):
            return f"{len(v)} tahun"
        return ringkas(str(v), 40) if v not in (None, "") else "(kosong)"

    return tuple(
        f"{k}: {tampil(lama.get(k))} → {tampil(baru.get(k))}"
        for k in baru
        if lama.get(k) != baru.get(k)
    )


def _rencana_objek(
    perubahan: list[Perubahan],
    objek: str,
    lama: dict[str, tuple[str, dict[str, object]]],
    baru: Iterable[tuple[str, str, dict[str, object]]],
) -> None:
    """baru/ubah/hapus of one kind of object keyed by kode: ``lama`` kode -> (nama, isi)."""
    dilihat = set()
    for kode, nama, isi in baru:
        dilihat.add(kode)
        if kode not in lama:
            perubahan.append(
                Perubahan("baru", objek, kode, ringkas(nama, 80), isi=isi_lengkap(isi))
            )
            continue
        rincian = _rincian(lama[kode][1], isi)
        if rincian:
            lengkap = {
                **isi,
                **{f"lama:{k}": v for k, v in lama[kode][1].items() if isi.get(k) != v},
            }
            perubahan.append(
                Perubahan("ubah", objek, kode, ringkas(nama, 80), rincian, isi_lengkap(lengkap))
            )
    for kode, (nama, isi) in lama.items():
        if kode not in dilihat:
            perubahan.append(
                Perubahan("hapus", objek, kode, ringkas(nama, 80), isi=isi_lengkap(isi))
            )


# The import


def impor_rencana(
    data: bytes | BinaryIO, *, organisasi: str, dry_run: bool = False, pengguna: Any = None
) -> HasilImpor:
    """Create or replace the Renstra of ``organisasi`` (slug) for the workbook's period.

    Raises ``ImporError`` listing every problem; then nothing was written. With ``dry_run``
    the plan is returned and nothing is written either. ``pengguna`` is recorded as who
    entered the quarterly realisasi the import creates or changes.
    """
    slug = bersihkan_teks(organisasi or "")
    pesan = pesan_slug(slug) if slug else "organisasi belum dipilih"
    if pesan:
        raise ImporError([Kesalahan(f"organisasi yang dipilih: {pesan}")])
    org = Organisasi.objects.filter(slug=slug).first()
    if org is None:
        raise ImporError([Kesalahan(f"Organisasi '{slug}' tidak ditemukan.")])
    isi = baca_rencana(data, org)
    return dalam_satu_transaksi(
        lambda: _rencanakan_dan_terapkan(org, isi, dry_run, pengguna),
        (
            Renstra,
            Elemen,
            IndikatorRencana,
            TargetTahunan,
            RealisasiRencana,
            SimpulPohon,
            TargetTriwulan,
            PaguAnggaran,
            RealisasiAnggaran,
            AksiRencana,
        ),
    )


def _rencanakan_dan_terapkan(
    org: Organisasi, isi: IsiRencana, dry_run: bool, pengguna: Any
) -> HasilImpor:
    if not dry_run:
        Organisasi.objects.select_for_update().filter(pk=org.pk).first()  # one import at a time
    awal, akhir = isi.renstra["tahun_awal"], isi.renstra["tahun_akhir"]
    jenis = isi.renstra.get("jenis")
    if not jenis:
        # Workbooks from before issue 16 do not say: the one plan with this very period,
        # else the kind of jenis_bawaan (one year: Keputusan IKU; longer: Renstra).
        ada = list(
            Renstra.objects.filter(organisasi=org, tahun_awal=awal, tahun_akhir=akhir).values_list(
                "jenis", flat=True
            )
        )
        jenis = ada[0] if len(ada) == 1 else jenis_bawaan(awal, akhir)
    nilai_renstra = {
        k: (
            isi.renstra.get(k)
            if k in ("tahun_akhir", "tanggal_keputusan")
            else isi.renstra.get(k, "")
        )
        for k in KUNCI_RENSTRA_MODEL
    }
    renstra = Renstra.objects.filter(organisasi=org, jenis=jenis, tahun_awal=awal).first()
    # Plans of one kind may not share a year (checked here under the organisasi's row lock,
    # so two imports cannot both pass it).
    calon = Renstra(
        pk=renstra.pk if renstra else None, organisasi=org, jenis=jenis, tahun_awal=awal,
        tahun_akhir=akhir,
    )  # fmt: skip
    lain = calon.bertumpang_tindih()
    if lain is not None:
        raise ImporError([Kesalahan(pesan_tumpang_tindih(jenis, awal, akhir, lain), SHEET_RENCANA)])
    perubahan: list[Perubahan] = []
    label = f"{org.slug} {calon.label}"
    if renstra is None:
        perubahan.append(
            Perubahan("baru", "renstra", label, nilai_renstra["nama"] or "",
                      isi=isi_lengkap({"jenis": jenis, "tahun_awal": awal, **nilai_renstra}))
        )  # fmt: skip
        elemen_ada, indikator_ada, realisasi_ada, simpul = [], [], [], []
        anggaran_ada, aksi_ada = {}, []
    else:
        lama = {k: getattr(renstra, k) for k in KUNCI_RENSTRA_MODEL}
        rincian = _rincian(lama, nilai_renstra)
        if rincian:
            perubahan.append(
                Perubahan("ubah", "renstra", label, renstra.nama, rincian,
                          isi_lengkap({"pk": renstra.pk, **nilai_renstra}))
            )  # fmt: skip
        elemen_ada = list(Elemen.objects.filter(renstra=renstra).order_by("pk"))
        indikator_ada = list(
            IndikatorRencana.objects.filter(renstra=renstra)
            .select_related("bidang")
            .prefetch_related("target", "target_triwulan")
            .order_by("pk")
        )
        anggaran_ada = _anggaran_db(renstra)
        aksi_ada = list(
            AksiRencana.objects.filter(renstra=renstra).select_related("bidang").order_by("pk")
        )
        realisasi_ada = list(
            RealisasiRencana.objects.filter(indikator__renstra=renstra).order_by("pk")
        )
        simpul = list(SimpulPohon.objects.filter(renstra=renstra).order_by("pk"))

    elemen_kode = {e.pk: e.kode for e in elemen_ada}
    ind_kode = {i.pk: i.kode for i in indikator_ada}
    _rencana_objek(
        perubahan,
        "elemen",
        {e.kode: (e.nama, isi_elemen_db(e, elemen_kode)) for e in elemen_ada},
        ((e.kode, e.nama, e.isi()) for e in isi.elemen),
    )
    _rencana_objek(
        perubahan,
        "indikator",
        {i.kode: (i.nama, isi_indikator_db(i, elemen_kode, ind_kode)) for i in indikator_ada},
        ((i.kode, i.nilai["nama"], i.isi()) for i in isi.indikator),
    )
    _peringatan_triwulan(perubahan, isi.indikator)
    kode_baru = {i.kode for i in isi.indikator}
    anggaran = _rencana_anggaran(perubahan, isi, anggaran_ada)
    aksi = _rencana_aksi(perubahan, isi, aksi_ada, ind_kode, kode_baru)
    realisasi_lama = {(ind_kode[r.indikator_id], r.tahun, r.triwulan): r for r in realisasi_ada}
    if isi.realisasi is None:
        # No Realisasi sheet: keep the quarterly entries of indicators still in the plan.
        realisasi = [
            RealisasiSheet(
                k[0], k[1], k[2],
                {"nilai": r.nilai, "pembilang": r.pembilang, "penyebut": r.penyebut,
                 "teks": r.teks, "keterangan": r.keterangan},
                diisi_oleh_id=r.diisi_oleh_id, versi=r.versi,
            )
            for k, r in realisasi_lama.items()
            if k[0] in kode_baru
        ]  # fmt: skip
    else:
        realisasi = isi.realisasi
        for r in realisasi:
            lama_r = realisasi_lama.get(r.kunci)
            if lama_r is None:
                r.diisi_oleh_id = getattr(pengguna, "pk", None)
            elif isi_realisasi_db(lama_r) == r.isi():
                r.diisi_oleh_id, r.versi = lama_r.diisi_oleh_id, lama_r.versi
            else:
                r.diisi_oleh_id, r.versi = getattr(pengguna, "pk", None), lama_r.versi + 1
    _rencana_objek(
        perubahan,
        "realisasi",
        {
            f"{k[0]} {k[1]} TW {k[2]}": (k[0], isi_realisasi_db(r))
            for k, r in realisasi_lama.items()
        },
        ((f"{r.kode} {r.tahun} TW {r.triwulan}", r.kode, r.isi()) for r in realisasi),
    )
    # Tree nodes linked to a kode that the plan no longer has lose that link.
    kode_elemen_baru = {e.kode for e in isi.elemen}
    for s in simpul:
        lepas = []
        if s.indikator_id and ind_kode.get(s.indikator_id) not in kode_baru:
            lepas.append(f"tautan indikator {ind_kode.get(s.indikator_id)} dilepas")
        if s.elemen_id and elemen_kode.get(s.elemen_id) not in kode_elemen_baru:
            lepas.append(f"tautan elemen {elemen_kode.get(s.elemen_id)} dilepas")
        if lepas:
            perubahan.append(
                Perubahan("ubah", "simpul pohon", f"L{s.level} #{s.pk}", ringkas(s.nama, 80),
                          tuple(lepas), isi_lengkap({"pk": s.pk, "lepas": tuple(lepas)}))
            )  # fmt: skip

    hasil = HasilImpor(
        perubahan=perubahan,
        dry_run=dry_run,
        jumlah_baris=isi.jumlah_baris,
        sidik=hitung_sidik(perubahan, "rencana", org.slug, jenis, awal),
    )
    if dry_run or not perubahan:
        return hasil

    if renstra is None:
        renstra = Renstra.objects.create(
            organisasi=org, jenis=jenis, tahun_awal=awal, **nilai_renstra
        )
    else:
        for k, v in nilai_renstra.items():
            setattr(renstra, k, v)
        renstra.save()
    if any(p.objek != "renstra" for p in perubahan):
        _ganti_isi(renstra, isi, realisasi, simpul, elemen_kode, ind_kode)
        _ganti_anggaran(renstra, anggaran)
        _ganti_aksi(renstra, aksi, aksi_ada, ind_kode, pengguna)
    return hasil


def _peringatan_triwulan(perubahan: list[Perubahan], indikator: list[IndikatorSheet]) -> None:
    """Adds the quarterly-target warnings (a Kumulatif indicator whose TW IV differs from the
    year's target) to the indicator's line of the preview: a warning, not a refusal."""
    pesan: dict[str, list[str]] = {}
    for i in indikator:
        if not i.triwulan:
            continue
        calon = IndikatorRencana(sifat_target=i.nilai.get("sifat_target"))
        for tahun in sorted({t for t, _ in i.triwulan}):
            nilai = [i.triwulan[(tahun, n)].nilai if (tahun, n) in i.triwulan else None
                     for n in range(1, 5)]  # fmt: skip
            tahunan = i.target.get(tahun)
            for p in peringatan_triwulan(calon, tahun, nilai, tahunan.nilai if tahunan else None):
                pesan.setdefault(i.kode, []).append(f"PERHATIAN: {p}")
    if not pesan:
        return
    for n, p in enumerate(perubahan):
        if p.objek == "indikator" and p.kode in pesan and p.jenis != "hapus":
            perubahan[n] = replace(p, rincian=(*p.rincian, *pesan[p.kode]))


def _anggaran_db(renstra: Renstra) -> dict[str, AnggaranSheet]:
    """The plan's stored budgets as the sheet would carry them, keyed "kode tahun"."""
    hasil: dict[str, AnggaranSheet] = {}
    for p in PaguAnggaran.objects.filter(elemen__renstra=renstra).select_related("elemen"):
        a = AnggaranSheet(p.elemen.kode, p.tahun, p.pagu, (None,) * 4)
        hasil[a.kunci] = a
    for r in RealisasiAnggaran.objects.filter(elemen__renstra=renstra).select_related("elemen"):
        kunci = f"{r.elemen.kode} {r.tahun}"
        a = hasil.setdefault(kunci, AnggaranSheet(r.elemen.kode, r.tahun, None, (None,) * 4))
        tw = list(a.realisasi)
        tw[r.triwulan - 1] = r.nilai
        a.realisasi = tuple(tw)
    return hasil


def _rencana_anggaran(
    perubahan: list[Perubahan], isi: IsiRencana, ada: dict[str, AnggaranSheet]
) -> list[AnggaranSheet]:
    """The budgets after the import: the Anggaran sheet's, else (no sheet) the stored ones
    of Programs and Kegiatan still in the plan."""
    if isi.anggaran is None:
        tetap = {e.kode for e in isi.elemen if e.tingkat in TINGKAT_ANGGARAN}
        baru = [a for a in ada.values() if a.kode in tetap]
    else:
        baru = isi.anggaran
    _rencana_objek(
        perubahan,
        "anggaran",
        {k: (a.kode, a.isi()) for k, a in ada.items()},
        ((a.kunci, a.kode, a.isi()) for a in baru),
    )
    return baru


def _rencana_aksi(
    perubahan: list[Perubahan], isi: IsiRencana, ada: list[AksiRencana],
    ind_kode: dict[int, str], kode_baru: set[str],
) -> list[AksiSheet] | None:  # fmt: skip
    """The action lines after the import: the Rencana Aksi sheet's (None: no sheet, the
    stored lines stay; a line whose linked indicator leaves the plan loses the link)."""
    if isi.aksi is None:
        for a in ada:
            kode = ind_kode.get(a.indikator_id) if a.indikator_id else None
            if kode is not None and kode not in kode_baru:
                perubahan.append(
                    Perubahan("ubah", "rencana aksi", f"{a.tahun} no. {a.nomor}",
                              ringkas(a.rencana_aksi, 80), (f"tautan indikator {kode} dilepas",),
                              isi_lengkap({"pk": a.pk, "lepas": kode}))
                )  # fmt: skip
        return None
    _rencana_objek(
        perubahan,
        "rencana aksi",
        {f"{a.tahun} no. {a.nomor}": (a.rencana_aksi, isi_aksi_db(a, ind_kode)) for a in ada},
        ((a.kunci, a.nilai["rencana_aksi"], a.isi()) for a in isi.aksi),
    )
    return isi.aksi


def _ganti_anggaran(renstra: Renstra, anggaran: list[AnggaranSheet]) -> None:
    """The budgets again (their elements were created anew by ``_ganti_isi``)."""
    elemen_pk = dict(Elemen.objects.filter(renstra=renstra).values_list("kode", "pk"))
    PaguAnggaran.objects.bulk_create(
        [PaguAnggaran(elemen_id=elemen_pk[a.kode], tahun=a.tahun, pagu=a.pagu)
         for a in anggaran if a.pagu is not None],
        batch_size=500,
    )  # fmt: skip
    RealisasiAnggaran.objects.bulk_create(
        [RealisasiAnggaran(elemen_id=elemen_pk[a.kode], tahun=a.tahun, triwulan=n, nilai=v)
         for a in anggaran for n, v in enumerate(a.realisasi, start=1) if v is not None],
        batch_size=500,
    )  # fmt: skip


def _ganti_aksi(
    renstra: Renstra, aksi: list[AksiSheet] | None, ada: list[AksiRencana],
    ind_kode_lama: dict[int, str], pengguna: Any,
) -> None:  # fmt: skip
    """The sheet's action lines, matched to the stored ones by (tahun, nomor) so that a line
    keeps its address; without a sheet, the stored lines linked again by indicator kode."""
    ind_pk = dict(IndikatorRencana.objects.filter(renstra=renstra).values_list("kode", "pk"))
    if aksi is None:
        for a in ada:
            a.indikator_id = (
                ind_pk.get(ind_kode_lama.get(a.indikator_id)) if a.indikator_id else None
            )
        AksiRencana.objects.bulk_update(ada, ["indikator"], batch_size=500)
        return
    lama = {(a.tahun, a.nomor): a for a in ada}
    kunci_baru = {(b.tahun, b.nomor) for b in aksi}
    AksiRencana.objects.filter(
        pk__in=[a.pk for k, a in lama.items() if k not in kunci_baru]
    ).delete()
    for baris in aksi:
        obj = lama.get((baris.tahun, baris.nomor))
        if obj is not None:
            sebelum = isi_aksi_db(obj, ind_kode_lama)
        else:
            obj = AksiRencana(renstra=renstra, tahun=baris.tahun, nomor=baris.nomor)
            sebelum = None
        for k, v in baris.nilai.items():
            setattr(obj, k, v)
        obj.indikator_id = ind_pk.get(baris.kode_indikator) if baris.kode_indikator else None
        obj.bidang = baris.bidang
        if sebelum != baris.isi():
            obj.diubah_oleh_id = getattr(pengguna, "pk", None)
            if sebelum is not None:
                obj.versi += 1
        obj.save()


# What identifies a plan (kind and first year) is not among what an import changes.
KUNCI_RENSTRA_MODEL = tuple(k for k in KUNCI_RENCANA if k not in ("jenis", "tahun_awal"))


def _pk_per_kode(model: type[models.Model], objek: list, renstra: Renstra) -> dict[str, int]:
    if all(o.pk is not None for o in objek):
        return {o.kode: o.pk for o in objek}
    return dict(model.objects.filter(renstra=renstra).values_list("kode", "pk"))


def _ganti_isi(
    renstra: Renstra,
    isi: IsiRencana,
    realisasi: list[RealisasiSheet],
    simpul: list[SimpulPohon],
    elemen_kode_lama: dict[int, str],
    ind_kode_lama: dict[int, str],
) -> None:
    """Replace the Renstra's elements, indicators, targets and realisasi; link the tree's
    nodes again by kode."""
    IndikatorRencana.objects.filter(renstra=renstra).delete()
    Elemen.objects.filter(renstra=renstra).delete()

    elemen_pk: dict[str, int] = {}
    for tingkat in URUTAN_TINGKAT:
        objek = [
            Elemen(
                renstra=renstra,
                induk_id=elemen_pk.get(e.kode_induk) if e.kode_induk else None,
                tingkat=e.tingkat,
                kode=e.kode,
                nama=e.nama,
                urutan=e.urutan,
            )
            for e in isi.elemen
            if e.tingkat == tingkat
        ]
        Elemen.objects.bulk_create(objek, batch_size=500)
        elemen_pk = _pk_per_kode(Elemen, objek, renstra) | elemen_pk

    objek_ind = [
        IndikatorRencana(
            renstra=renstra,
            elemen_id=elemen_pk.get(i.kode_elemen) if i.kode_elemen else None,
            bidang=i.bidang,
            kode=i.kode,
            **i.nilai,
        )
        for i in isi.indikator
    ]
    IndikatorRencana.objects.bulk_create(objek_ind, batch_size=500)
    ind_pk = _pk_per_kode(IndikatorRencana, objek_ind, renstra)
    dengan_acuan = []
    for i, obj in zip(isi.indikator, objek_ind, strict=True):
        obj.pk = ind_pk[i.kode]
        if i.kode_acuan:
            obj.acuan_id = ind_pk[i.kode_acuan]
            dengan_acuan.append(obj)
    IndikatorRencana.objects.bulk_update(dengan_acuan, ["acuan"], batch_size=500)
    TargetTahunan.objects.bulk_create(
        [
            TargetTahunan(indikator_id=ind_pk[i.kode], tahun=tahun, nilai=t.nilai, teks=t.teks,
                          nspk=t.nspk)
            for i in isi.indikator
            for tahun, t in i.target.items()
        ],
        batch_size=500,
    )  # fmt: skip
    TargetTriwulan.objects.bulk_create(
        [
            TargetTriwulan(indikator_id=ind_pk[i.kode], tahun=tahun, triwulan=tw, nilai=t.nilai,
                           teks=t.teks)
            for i in isi.indikator
            for (tahun, tw), t in i.triwulan.items()
        ],
        batch_size=500,
    )  # fmt: skip
    RealisasiRencana.objects.bulk_create(
        [
            RealisasiRencana(indikator_id=ind_pk[r.kode], tahun=r.tahun, triwulan=r.triwulan,
                             diisi_oleh_id=r.diisi_oleh_id, versi=r.versi, **r.nilai)
            for r in realisasi
        ],
        batch_size=500,
    )  # fmt: skip
    for s in simpul:
        s.indikator_id = ind_pk.get(ind_kode_lama.get(s.indikator_id)) if s.indikator_id else None
        s.elemen_id = elemen_pk.get(elemen_kode_lama.get(s.elemen_id)) if s.elemen_id else None
    SimpulPohon.objects.bulk_update(simpul, ["indikator", "elemen"], batch_size=500)
