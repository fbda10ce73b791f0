"""Monthly realisasi in and out of a workbook (sheet ``Realisasi``).

One row per rumus and month: ``kode_rumus, tahun, bulan, pembagi, realisasi, keterangan``.
Rows are upserted per (rumus, tahun, bulan); the import never deletes a month. Numbers are
read as staff type them (``6.780``, ``1.234,5``). Every problem is collected; then either
the whole sheet is written in one transaction or nothing is.

Blank cells and ``-``:

- For a month already stored, a blank cell leaves the stored value unchanged and a lone
  ``-`` clears it (pembagi or realisasi becomes empty, keterangan becomes blank). So a blank
  pembagi next to a new realisasi keeps the month's pembagi, and an exported workbook (which
  writes an empty value as a blank cell) imports back unchanged.
- For a new month, blank and ``-`` both mean none.
- A row whose value cells are all blank is skipped without looking at it. A row of only
  ``-`` and blanks clears a stored month; when the month is not stored (or the row does not
  name a valid rumus and month) it has nothing to write and is skipped too. A month given
  on two rows is refused either way.

The import locks the organisasi row first, as the definitions import does, so that the two
imports of one organisasi run one after the other, and then the stored months of the
sheet's rumus. Every month it creates or changes gets an audit trail entry (sumber impor,
with the old and new values; the user, or "sistem" from the command) and a changed month a
new versi, in the same transaction.
"""

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from capaian import kunci as kunci_bulan
from capaian.audit import jejak_realisasi, versi_awal
from capaian.audit import simpan as simpan_jejak
from capaian.kunci import pesan_terkunci
from capaian.models import Aksi, JejakAudit, Realisasi, Sumber
from dasar.angka import NAMA_BULAN, AngkaError, format_angka, nama_bulan
from dasar.buku_kerja import (
    baca_buku_kerja,
    rapikan,
    ringkas,
    simpan,
    tulis_angka,
    tulis_header,
    tulis_teks,
)
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
from indikator.impor import parse_jumlah, teks_sel
from indikator.models import Rumus
from organisasi.models import Organisasi

SHEET_REALISASI = "Realisasi"
KOLOM_WAJIB = ("kode_rumus", "tahun", "bulan")
KOLOM_NILAI = ("pembagi", "realisasi", "keterangan")
KOLOM = (*KOLOM_WAJIB, *KOLOM_NILAI)
LEBAR_KOLOM = {
    "kode_rumus": 12,
    "tahun": 8,
    "bulan": 8,
    "pembagi": 14,
    "realisasi": 14,
    "keterangan": 50,
}
_BULAN = {nama.casefold(): nomor for nomor, nama in enumerate(NAMA_BULAN, start=1)}


def parse_bilangan_bulat(value: object) -> int | None:
    """A whole number from a number cell or text (``2025``, ``3``); None when blank."""
    value = rapikan(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise AngkaError("berisi nilai benar/salah, bukan bilangan bulat")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit() and value.isascii():
        return int(value)
    raise AngkaError(f"'{value}' bukan bilangan bulat")


def parse_bulan(value: object) -> int | None:
    """Month 1..12, as a number or its Indonesian name (``Maret``)."""
    teks = rapikan(value)
    if isinstance(teks, str) and teks.casefold() in _BULAN:
        return _BULAN[teks.casefold()]
    bulan = parse_bilangan_bulat(value)
    if bulan is not None and not 1 <= bulan <= 12:
        raise AngkaError(f"bulan {bulan} tidak ada; isi 1 sampai 12")
    return bulan


# A lone "-" clears a stored value (blank leaves it unchanged); see the module docstring.
TANDA_KOSONGKAN = "-"


@dataclass
class _Baris:
    nomor: int
    kode: str
    tahun: int
    bulan: int
    # The value columns this row sets: a value, or None ("" for keterangan) for "-". Blank
    # cells are left out: they keep a stored month's value (and are none for a new month).
    nilai: dict[str, object]
    # Only "-" and blanks: clears a stored month, never creates one.
    tanpa_isi: bool = False
    kolom: tuple[str, ...] = field(default=())  # the value columns the sheet has


def _tampil(value: object) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, Decimal):
        return format_angka(value)
    return ringkas(str(value))


_PARSER = {
    "kode_rumus": teks_sel,
    "tahun": parse_bilangan_bulat,
    "bulan": parse_bulan,
    "pembagi": parse_jumlah,
    "realisasi": parse_jumlah,
    "keterangan": teks_sel,
}


def impor_realisasi(
    data: bytes | BinaryIO,
    *,
    organisasi: Organisasi,
    dry_run: bool = False,
    pengguna: AbstractBaseUser | None = None,
) -> HasilImpor:
    """Upsert the Realisasi sheet's rows for ``organisasi``; ``pengguna`` becomes diisi_oleh
    of the rows written. Raises ``ImporError`` listing every problem (nothing written)."""
    buku = baca_buku_kerja(data, sheets=(SHEET_REALISASI,))
    tabel = buku.wajib(SHEET_REALISASI).tabel(wajib=KOLOM_WAJIB, opsional=KOLOM_NILAI)
    kolom_nilai = tuple(k for k in KOLOM_NILAI if tabel.ada(k))
    if not kolom_nilai:
        raise ImporError(
            [Kesalahan("tidak ada kolom pembagi, realisasi atau keterangan", tabel.sheet, baris=1)]
        )
    kesalahan: list[Kesalahan] = list(tabel.kesalahan)

    def salah(pesan: str, baris: int, kolom: str | None) -> None:
        kesalahan.append(Kesalahan(pesan, tabel.sheet, baris, kolom))

    hari_ini = timezone.localdate()
    daftar: list[_Baris] = []
    pertama: dict[tuple[str, int, int], int] = {}
    for baris in tabel.baris:
        # Told apart before parsing: parse_jumlah reads both blank and "-" as None.
        kosong = {k for k in kolom_nilai if baris[k] is None and k not in baris.cacat}
        if len(kosong) == len(kolom_nilai):
            continue  # nothing entered for this month
        kosongkan = {k for k in kolom_nilai if baris[k] == TANDA_KOSONGKAN}
        tanpa_isi = len(kosong) + len(kosongkan) == len(kolom_nilai)
        nilai: dict[str, object] = {}
        rusak = set(baris.cacat)
        kesalahan_baris: list[Kesalahan] = []
        for kolom in (*kolom_nilai, *KOLOM_WAJIB):
            if kolom in rusak:
                continue
            try:
                nilai[kolom] = _PARSER[kolom](baris[kolom])
            except AngkaError as exc:
                kesalahan_baris.append(Kesalahan(str(exc), tabel.sheet, baris.nomor, kolom))
                rusak.add(kolom)
        for kolom in KOLOM_WAJIB:
            if nilai.get(kolom) is None and kolom not in rusak:
                kesalahan_baris.append(Kesalahan("wajib diisi", tabel.sheet, baris.nomor, kolom))
                rusak.add(kolom)
        tahun = nilai.get("tahun")
        if tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAX:
            kesalahan_baris.append(
                Kesalahan(f"tahun {tahun} tidak wajar", tabel.sheet, baris.nomor, "tahun")
            )
            rusak.add("tahun")
        if tanpa_isi and rusak:
            continue  # only "-": nothing that could be written, as before
        kesalahan.extend(kesalahan_baris)
        if rusak & set(KOLOM_WAJIB):
            continue
        kode, tahun, bulan = nilai["kode_rumus"], nilai["tahun"], nilai["bulan"]
        if not tanpa_isi and (tahun, bulan) > (hari_ini.year, hari_ini.month):
            salah(
                f"{nama_bulan(bulan)} {tahun} belum berjalan; realisasi hanya untuk bulan yang "
                "sudah berjalan",
                baris.nomor,
                "bulan",
            )
        kunci = (kode, tahun, bulan)
        if kunci in pertama:
            salah(
                f"{kode} bulan {bulan:02d}/{tahun} ganda: ada di baris {pertama[kunci]} dan "
                f"baris {baris.nomor}",
                baris.nomor,
                "kode_rumus",
            )
            continue
        pertama[kunci] = baris.nomor
        if rusak:
            continue
        ditulis = {
            k: ("" if k == "keterangan" and nilai[k] in (None, TANDA_KOSONGKAN) else nilai[k])
            for k in kolom_nilai
            if k not in kosong
        }
        daftar.append(_Baris(baris.nomor, kode, tahun, bulan, ditulis, tanpa_isi, kolom_nilai))

    return dalam_satu_transaksi(
        lambda: _rencanakan_dan_terapkan(
            organisasi, daftar, kesalahan, tabel.sheet, dry_run, pengguna, len(tabel.baris)
        ),
        (Realisasi,),
    )


def _rencanakan_dan_terapkan(
    organisasi: Organisasi,
    daftar: list[_Baris],
    kesalahan: list[Kesalahan],
    sheet: str,
    dry_run: bool,
    pengguna,
    jumlah_baris: int,
) -> HasilImpor:
    if not dry_run:
        # One import per organisasi at a time, as impor_indikator does: whatever it changes
        # (a rumus removed, a pembagi_default set) is planned with here, not raced with.
        terkunci = Organisasi.objects.select_for_update().filter(pk=organisasi.pk).first()
        if terkunci is None:
            raise ImporError([Kesalahan(f"Organisasi '{organisasi.slug}' sudah tidak ada.")])
    kunci_rumus = {(b.kode, b.tahun) for b in daftar}
    rumus: dict[tuple[str, int], Rumus] = {}
    if kunci_rumus:
        syarat = Q()
        for tahun in {t for _, t in kunci_rumus}:
            syarat |= Q(tahun=tahun, kode__in=sorted({k for k, t in kunci_rumus if t == tahun}))
        rumus = {
            (r.kode, r.tahun): r
            for r in Rumus.objects.filter(syarat, organisasi=organisasi)
            .select_related("bidang")
            .only("pk", "kode", "tahun", "pembagi_default", "organisasi", "bidang__nama")
        }
    ada: dict[tuple[int, int, int], Realisasi] = {}
    if rumus:
        tersimpan = Realisasi.objects.filter(rumus__in=list(rumus.values()))
        if not dry_run:
            # Locked until the import commits: a concurrent save from the entry page then
            # waits and finds a new versi (a conflict) instead of being overwritten.
            tersimpan = tersimpan.select_for_update().order_by("pk")
        ada = {(r.rumus_id, r.tahun, r.bulan): r for r in tersimpan}

    # Approved months refuse writes (the database would too); rows that change nothing there
    # pass, so a whole year's export imports back cleanly.
    terkunci = kunci_bulan.bulan_terkunci(organisasi)
    baru: list[Realisasi] = []
    ubah: list[Realisasi] = []
    sebelum: dict[int, Realisasi] = {}  # pk -> the stored row before this import
    kolom_ubah: set[str] = set()
    perubahan: list[Perubahan] = []
    for b in daftar:
        r = rumus.get((b.kode, b.tahun))
        lama = ada.get((r.pk, b.tahun, b.bulan)) if r is not None else None
        if b.tanpa_isi and lama is None:
            continue  # only "-" for a month not stored: nothing to write
        if r is None:
            kesalahan.append(
                Kesalahan(
                    f"kode_rumus '{b.kode}' tidak dikenal untuk tahun {b.tahun} di organisasi "
                    f"{organisasi.slug}",
                    sheet,
                    b.nomor,
                    "kode_rumus",
                )
            )
            continue

        def sesudah(kolom: str, b=b, lama=lama) -> object:
            """The value once written: this row's, else the stored one (none when new)."""
            if kolom in b.nilai:
                return b.nilai[kolom]
            return getattr(lama, kolom) if lama is not None else None

        pembagi = sesudah("pembagi")
        efektif = pembagi if pembagi is not None else r.pembagi_default
        realisasi = sesudah("realisasi")
        # Zero over zero is how an office records "nothing to handle" (seed 003, "tdk ada").
        if realisasi and not efektif:
            kesalahan.append(
                Kesalahan(
                    "realisasi diisi tetapi pembaginya 0; isi pembagi yang benar"
                    if efektif == 0
                    else "realisasi diisi tetapi pembagi kosong dan rumus tidak punya "
                    "pembagi_default; isi pembaginya",
                    sheet,
                    b.nomor,
                    "pembagi" if "pembagi" in b.kolom else "realisasi",
                )
            )
            continue
        kode = f"{b.kode} {b.bulan:02d}/{b.tahun}"
        if (b.tahun, b.bulan) in terkunci and (
            lama is None or any(getattr(lama, k) != v for k, v in b.nilai.items())
        ):
            kesalahan.append(Kesalahan(pesan_terkunci(b.tahun, b.bulan), sheet, b.nomor, "bulan"))
            continue
        if lama is None:
            isi = {k: sesudah(k) for k in b.kolom}
            if "keterangan" in isi:
                isi["keterangan"] = isi["keterangan"] or ""
            baru.append(
                Realisasi(rumus=r, tahun=b.tahun, bulan=b.bulan, diisi_oleh=pengguna, **isi)
            )
            rincian = tuple(
                f"{k}: {_tampil(v)}" for k, v in isi.items() if v is not None and v != ""
            )
            perubahan.append(Perubahan("baru", "realisasi", kode, "", rincian, isi_lengkap(isi)))
            continue
        rincian = []
        isi = {"pk": lama.pk, **b.nilai}
        lama.rumus = r  # loaded already: the trail names its kode and bidang
        asli = copy.copy(lama)
        for k, v in b.nilai.items():
            if getattr(lama, k) != v:
                rincian.append(f"{k}: {_tampil(getattr(lama, k))} → {_tampil(v)}")
                isi[f"lama:{k}"] = getattr(lama, k)
                setattr(lama, k, v)
                kolom_ubah.add(k)
        if rincian:
            ubah.append(lama)
            sebelum[lama.pk] = asli
            perubahan.append(
                Perubahan("ubah", "realisasi", kode, "", tuple(rincian), isi_lengkap(isi))
            )

    if kesalahan:
        raise ImporError(sorted(kesalahan, key=lambda k: k.baris or 0))
    hasil = HasilImpor(
        perubahan=perubahan,
        dry_run=dry_run,
        jumlah_baris=jumlah_baris,
        sidik=hitung_sidik(perubahan, "realisasi", organisasi.slug),
    )
    if dry_run:
        return hasil
    awal = versi_awal((obj.rumus_id, obj.tahun, obj.bulan) for obj in baru)
    for obj in baru:
        obj.versi = awal[(obj.rumus_id, obj.tahun, obj.bulan)]
    Realisasi.objects.bulk_create(baru, batch_size=500)
    if ubah:
        # bulk_update skips auto_now, so stamp the change ourselves.
        sekarang = timezone.now()
        for obj in ubah:
            obj.diubah_pada = sekarang
            obj.diisi_oleh = pengguna
            obj.versi += 1  # the row is locked, so this is the stored versi plus one
        Realisasi.objects.bulk_update(
            ubah, sorted(kolom_ubah | {"diubah_pada", "diisi_oleh", "versi"}), batch_size=500
        )
    simpan_jejak(
        [
            *(_jejak(Aksi.BUAT, pengguna, None, obj) for obj in baru),
            *(_jejak(Aksi.UBAH, pengguna, sebelum[obj.pk], obj) for obj in ubah),
        ]
    )
    return hasil


def _jejak(aksi: str, pengguna, lama: Realisasi | None, baru: Realisasi) -> JejakAudit:
    return jejak_realisasi(
        aksi=aksi,
        sumber=Sumber.IMPOR,
        pengguna=pengguna,
        rumus=baru.rumus,
        bidang=baru.rumus.bidang,
        tahun=baru.tahun,
        bulan=baru.bulan,
        lama=lama,
        baru=baru,
    )


def ekspor_realisasi(*, organisasi: Organisasi, tahun: int) -> bytes:
    """The year's realisasi in the import's format; importing it back changes nothing."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_REALISASI
    tulis_header(ws, KOLOM, LEBAR_KOLOM)
    baris = (
        Realisasi.objects.filter(rumus__organisasi=organisasi, tahun=tahun)
        .select_related("rumus")
        .order_by("rumus__urutan", "rumus__kode", "bulan")
    )
    for nomor, r in enumerate(baris, start=2):
        tulis_teks(ws, nomor, 1, r.rumus.kode)
        ws.cell(row=nomor, column=2, value=r.tahun)
        ws.cell(row=nomor, column=3, value=r.bulan)
        tulis_angka(ws, nomor, 4, r.pembagi)
        tulis_angka(ws, nomor, 5, r.realisasi)
        # A keterangan of just "-" (typed in the admin) would clear itself on import; blank
        # keeps it, so the round trip stays exact.
        tulis_teks(ws, nomor, 6, "" if r.keterangan == TANDA_KOSONGKAN else r.keterangan)
    return simpan(wb)
