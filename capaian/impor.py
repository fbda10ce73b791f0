"""Monthly realisasi in and out of a workbook (sheet ``Realisasi``).

One row per rumus and month: ``kode_rumus, tahun, bulan, pembagi, realisasi, keterangan``.
Rows are upserted per (rumus, tahun, bulan); the import never deletes. Numbers are read as
staff type them (``6.780``, ``1.234,5``, ``-`` for none). Every problem is collected; then
either the whole sheet is written in one transaction or nothing is.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from capaian.models import Realisasi
from indikator.angka import NAMA_BULAN, AngkaError, format_angka, nama_bulan
from indikator.impor import TAHUN_MAX, TAHUN_MIN, parse_jumlah, teks_sel
from indikator.impor_dasar import HasilImpor, ImporError, Kesalahan, Perubahan
from indikator.models import Organisasi, Rumus
from indikator.workbook import (
    baca_buku_kerja,
    rapikan,
    simpan,
    tulis_angka,
    tulis_header,
    tulis_teks,
)

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


@dataclass
class _Baris:
    nomor: int
    kode: str
    tahun: int
    bulan: int
    nilai: dict[str, object]  # only the value columns the sheet has


def _tampil(value: object) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, Decimal):
        return format_angka(value)
    teks = str(value)
    return teks if len(teks) <= 50 else teks[:49] + "…"


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
    kolom_nilai = [k for k in KOLOM_NILAI if tabel.ada(k)]
    if not kolom_nilai:
        raise ImporError(
            [Kesalahan("tidak ada kolom pembagi, realisasi atau keterangan", tabel.sheet, baris=1)]
        )
    kesalahan: list[Kesalahan] = list(tabel.kesalahan)

    def salah(pesan: str, baris: int, kolom: str | None) -> None:
        kesalahan.append(Kesalahan(pesan, tabel.sheet, baris, kolom))

    hari_ini = timezone.localdate()
    parser = {
        "kode_rumus": teks_sel,
        "tahun": parse_bilangan_bulat,
        "bulan": parse_bulan,
        "pembagi": parse_jumlah,
        "realisasi": parse_jumlah,
        "keterangan": teks_sel,
    }
    daftar: list[_Baris] = []
    pertama: dict[tuple[str, int, int], int] = {}
    for baris in tabel.baris:
        nilai: dict[str, object] = {}
        rusak = set(baris.cacat)
        kesalahan_baris: list[Kesalahan] = []
        for kolom in (*kolom_nilai, *KOLOM_WAJIB):
            if kolom in rusak:
                continue
            try:
                nilai[kolom] = parser[kolom](baris[kolom])
            except AngkaError as exc:
                kesalahan_baris.append(Kesalahan(str(exc), tabel.sheet, baris.nomor, kolom))
                rusak.add(kolom)
        if not rusak & set(kolom_nilai) and all(nilai[k] is None for k in kolom_nilai):
            continue  # nothing entered for this month (blank or "-")
        kesalahan.extend(kesalahan_baris)
        for kolom in KOLOM_WAJIB:
            if nilai.get(kolom) is None and kolom not in rusak:
                salah("wajib diisi", baris.nomor, kolom)
                rusak.add(kolom)
        tahun = nilai.get("tahun")
        if tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAX:
            salah(f"tahun {tahun} tidak wajar", baris.nomor, "tahun")
            rusak.add("tahun")
        if rusak & set(KOLOM_WAJIB):
            continue
        kode, tahun, bulan = nilai["kode_rumus"], nilai["tahun"], nilai["bulan"]
        if (tahun, bulan) > (hari_ini.year, hari_ini.month):
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
        daftar.append(
            _Baris(
                baris.nomor,
                kode,
                tahun,
                bulan,
                {
                    k: ("" if k == "keterangan" and nilai[k] is None else nilai[k])
                    for k in kolom_nilai
                },
            )
        )

    try:
        with transaction.atomic():
            hasil = _rencanakan_dan_terapkan(
                organisasi, daftar, kesalahan, tabel.sheet, dry_run, pengguna, len(tabel.baris)
            )
    except IntegrityError as exc:
        raise ImporError(
            [Kesalahan("Data berubah selama impor; tidak ada yang disimpan. Coba lagi.")]
        ) from exc
    return hasil


def _rencanakan_dan_terapkan(
    organisasi: Organisasi,
    daftar: list[_Baris],
    kesalahan: list[Kesalahan],
    sheet: str,
    dry_run: bool,
    pengguna,
    jumlah_baris: int,
) -> HasilImpor:
    kunci_rumus = {(b.kode, b.tahun) for b in daftar}
    rumus: dict[tuple[str, int], Rumus] = {}
    if kunci_rumus:
        syarat = Q()
        for tahun in {t for _, t in kunci_rumus}:
            syarat |= Q(tahun=tahun, kode__in=sorted({k for k, t in kunci_rumus if t == tahun}))
        rumus = {
            (r.kode, r.tahun): r
            for r in Rumus.objects.filter(syarat, organisasi=organisasi).only(
                "pk", "kode", "tahun", "pembagi_default"
            )
        }
    ada: dict[tuple[int, int, int], Realisasi] = {}
    if rumus:
        ada = {
            (r.rumus_id, r.tahun, r.bulan): r
            for r in Realisasi.objects.filter(rumus__in=list(rumus.values()))
        }

    baru: list[Realisasi] = []
    ubah: list[Realisasi] = []
    kolom_ubah: set[str] = set()
    perubahan: list[Perubahan] = []
    for b in daftar:
        r = rumus.get((b.kode, b.tahun))
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
        lama = ada.get((r.pk, b.tahun, b.bulan))
        pembagi = b.nilai.get("pembagi", lama.pembagi if lama is not None else None)
        efektif = pembagi if pembagi is not None else r.pembagi_default
        realisasi = b.nilai.get("realisasi")
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
                    "pembagi" if "pembagi" in b.nilai else "realisasi",
                )
            )
            continue
        kode = f"{b.kode} {b.bulan:02d}/{b.tahun}"
        if lama is None:
            baru.append(
                Realisasi(
                    rumus=r,
                    tahun=b.tahun,
                    bulan=b.bulan,
                    diisi_oleh=pengguna,
                    **b.nilai,
                )
            )
            rincian = tuple(
                f"{k}: {_tampil(v)}" for k, v in b.nilai.items() if v is not None and v != ""
            )
            perubahan.append(Perubahan("baru", "realisasi", kode, "", rincian))
            continue
        rincian = []
        for k, v in b.nilai.items():
            if getattr(lama, k) != v:
                rincian.append(f"{k}: {_tampil(getattr(lama, k))} → {_tampil(v)}")
                setattr(lama, k, v)
                kolom_ubah.add(k)
        if rincian:
            ubah.append(lama)
            perubahan.append(Perubahan("ubah", "realisasi", kode, "", tuple(rincian)))

    if kesalahan:
        raise ImporError(sorted(kesalahan, key=lambda k: k.baris or 0))
    hasil = HasilImpor(perubahan=perubahan, dry_run=dry_run, jumlah_baris=jumlah_baris)
    if dry_run:
        return hasil
    Realisasi.objects.bulk_create(baru, batch_size=500)
    if ubah:
        # bulk_update skips auto_now, so stamp the change ourselves.
        sekarang = timezone.now()
        for obj in ubah:
            obj.diubah_pada = sekarang
            obj.diisi_oleh = pengguna
        Realisasi.objects.bulk_update(
            ubah, sorted(kolom_ubah | {"diubah_pada", "diisi_oleh"}), batch_size=500
        )
    return hasil


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
        tulis_teks(ws, nomor, 6, r.keterangan)
    return simpan(wb)
