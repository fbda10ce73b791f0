"""A plan as the workbook ``rencana.impor`` reads: sheets Rencana, Struktur, Indikator and
Realisasi, one bold frozen header row each. Importing the result changes nothing.

Text cells go through ``laporan.excel.teks_aman`` (a leading ``= + - @`` gets an apostrophe,
which the import takes off again); numbers through ``dasar.buku_kerja.tulis_angka``.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from dasar.buku_kerja import simpan, tulis_angka, tulis_header
from dasar.excel import teks_aman
from rencana.impor import (
    ATRIBUT_AKSI,
    KOLOM_AKSI,
    KOLOM_ANGGARAN,
    KOLOM_INDIKATOR,
    KOLOM_REALISASI,
    KOLOM_STRUKTUR,
    KUNCI_RENCANA,
    SHEET_AKSI,
    SHEET_ANGGARAN,
    SHEET_INDIKATOR,
    SHEET_REALISASI,
    SHEET_RENCANA,
    SHEET_STRUKTUR,
    URUTAN_TINGKAT,
)
from rencana.models import (
    AksiRencana,
    Elemen,
    IndikatorRencana,
    Kelompok,
    PaguAnggaran,
    RealisasiAnggaran,
    RealisasiRencana,
    Renstra,
    TargetTahunan,
    TargetTriwulan,
    Tingkat,
)

LEBAR = {
    "kunci": 20,
    "nilai": 80,
    "kode": 12,
    "kode_induk": 12,
    "kode_elemen": 12,
    "nama": 60,
    "tingkat": 18,
    "kelompok": 24,
    "definisi": 50,
    "rumus": 40,
    "sumber_data": 30,
    "keterangan": 40,
}


def _tulis(ws: Worksheet, baris: int, kolom: int, nilai: object) -> None:
    if nilai is None or nilai == "":
        return
    if isinstance(nilai, Decimal):
        tulis_angka(ws, baris, kolom, nilai)
        return
    cell = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        cell.value = teks_aman(ILLEGAL_CHARACTERS_RE.sub("", nilai))
        cell.data_type = "s"
    else:
        cell.value = nilai


def _tabel(ws: Worksheet, judul: Sequence[str], baris: Sequence[Sequence[object]]) -> None:
    tulis_header(ws, judul, LEBAR)
    for nomor, isi in enumerate(baris, start=2):
        for kolom, nilai in enumerate(isi, start=1):
            _tulis(ws, nomor, kolom, nilai)


def ekspor_rencana(renstra: Renstra) -> bytes:
    """The whole plan (its period, cascade, indicators with yearly targets and quarterly
    realisasi) as an .xlsx."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_RENCANA
    tanggal = renstra.tanggal_keputusan
    nilai = {
        **{k: getattr(renstra, k) for k in KUNCI_RENCANA if k != "tanggal_keputusan"},
        "jenis": renstra.get_jenis_display(),
        "tanggal_keputusan": tanggal.isoformat() if tanggal else "",
    }
    _tabel(ws, ["kunci", "nilai"], [(k, nilai[k]) for k in KUNCI_RENCANA])

    # Struktur: parents before children, each level in its order.
    elemen = list(Elemen.objects.filter(renstra=renstra).select_related("induk"))
    kedalaman = {t: n for n, t in enumerate(URUTAN_TINGKAT)}
    elemen.sort(key=lambda e: (e.urutan, kedalaman[e.tingkat], e.kode))
    ws = wb.create_sheet(SHEET_STRUKTUR)
    _tabel(
        ws,
        KOLOM_STRUKTUR,
        [
            (e.kode, Tingkat(e.tingkat).label, e.induk.kode if e.induk else "", e.nama, e.urutan)
            for e in elemen
        ],
    )

    indikator = list(
        IndikatorRencana.objects.filter(renstra=renstra)
        .select_related("elemen", "bidang", "acuan")
        .prefetch_related(
            Prefetch("target", queryset=TargetTahunan.objects.order_by("tahun")),
            Prefetch("target_triwulan", queryset=TargetTriwulan.objects.order_by("tahun")),
        )
        .order_by("urutan", "kode")
    )
    tahun = sorted({t.tahun for i in indikator for t in i.target.all()} | set(renstra.daftar_tahun))
    teks_dipakai = sorted({t.tahun for i in indikator for t in i.target.all() if t.teks})
    nspk_dipakai = sorted(
        {t.tahun for i in indikator for t in i.target.all() if t.nspk is not None}
    )
    # Quarterly targets (Rencana Aksi): "tw1 2025".."tw4 2025" for the years that have any.
    tw_dipakai = sorted({t.tahun for i in indikator for t in i.target_triwulan.all()})
    tw_teks = sorted({t.tahun for i in indikator for t in i.target_triwulan.all() if t.teks})
    kolom_tw = [(t, n) for t in tw_dipakai for n in range(1, 5)]
    kolom_tw_teks = [(t, n) for t in tw_teks for n in range(1, 5)]
    judul = [
        *KOLOM_INDIKATOR,
        *(f"target {t}" for t in tahun),
        *(f"teks target {t}" for t in teks_dipakai),
        *(f"nspk {t}" for t in nspk_dipakai),
        *(f"tw{n} {t}" for t, n in kolom_tw),
        *(f"teks tw{n} {t}" for t, n in kolom_tw_teks),
    ]
    baris = []
    for i in indikator:
        target = {t.tahun: t for t in i.target.all()}
        tw = {(t.tahun, t.triwulan): t for t in i.target_triwulan.all()}
        isi = {
            "kode": i.kode,
            "kelompok": Kelompok(i.kelompok).label,
            "kode_elemen": i.elemen.kode if i.elemen else "",
            "nama": i.nama,
            "jenis": i.jenis,
            "polaritas": i.polaritas,
            "sifat_target": i.sifat_target,
            "definisi": i.definisi,
            "rumus": i.rumus,
            "satuan": i.satuan,
            "penanggung_jawab": i.penanggung_jawab,
            "sumber_data": i.sumber_data,
            "bidang": i.bidang.nama if i.bidang else "",
            "kode_bulanan": i.kode_bulanan,
            "kode_acuan": i.acuan.kode if i.acuan else "",
            "acuan_bagian": i.acuan_bagian,
            "layanan_dasar": i.layanan_dasar,
            "no_ikk": i.urutan_ikk,
            "keterangan": i.keterangan,
            "urutan": i.urutan,
        }
        baris.append(
            [
                *(isi[k] for k in KOLOM_INDIKATOR),
                *(target[t].nilai if t in target else None for t in tahun),
                *(target[t].teks if t in target else None for t in teks_dipakai),
                *(target[t].nspk if t in target else None for t in nspk_dipakai),
                *(tw[k].nilai if k in tw else None for k in kolom_tw),
                *(tw[k].teks if k in tw else None for k in kolom_tw_teks),
            ]
        )
    ws = wb.create_sheet(SHEET_INDIKATOR)
    _tabel(ws, judul, baris)

    realisasi = (
        RealisasiRencana.objects.filter(indikator__renstra=renstra)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator__kode", "tahun", "triwulan")
    )
    ws = wb.create_sheet(SHEET_REALISASI)
    _tabel(
        ws,
        KOLOM_REALISASI,
        [
            (r.indikator.kode, r.tahun, r.triwulan, r.nilai, r.pembilang, r.penyebut, r.teks,
             r.keterangan)
            for r in realisasi
        ],
    )  # fmt: skip
    _anggaran(wb, renstra)
    _aksi(wb, renstra)
    return simpan(wb)


def _anggaran(wb: Workbook, renstra: Renstra) -> None:
    """Sheet Anggaran: per Program/Kegiatan and year, the pagu and each quarter's own
    spending."""
    baris: dict[tuple, list] = {}
    for p in PaguAnggaran.objects.filter(elemen__renstra=renstra).select_related("elemen"):
        baris.setdefault((p.elemen.urutan, p.elemen.kode, p.tahun), [None] * 5)[0] = p.pagu
    for r in RealisasiAnggaran.objects.filter(elemen__renstra=renstra).select_related("elemen"):
        kunci = (r.elemen.urutan, r.elemen.kode, r.tahun)
        baris.setdefault(kunci, [None] * 5)[r.triwulan] = r.nilai
    ws = wb.create_sheet(SHEET_ANGGARAN)
    _tabel(ws, KOLOM_ANGGARAN, [(k[1], k[2], *v) for k, v in sorted(baris.items())])


def _aksi(wb: Workbook, renstra: Renstra) -> None:
    """Sheet Rencana Aksi: the action lines of every year."""
    ws = wb.create_sheet(SHEET_AKSI)
    baris = []
    for a in (
        AksiRencana.objects.filter(renstra=renstra)
        .select_related("indikator", "bidang")
        .order_by("tahun", "nomor")
    ):
        isi = {k: getattr(a, atribut) for k, atribut in ATRIBUT_AKSI.items()}
        isi |= {
            "tahun": a.tahun,
            "nomor": a.nomor,
            "kode_indikator": a.indikator.kode if a.indikator else "",
            "anggaran": a.anggaran,
            "realisasi_anggaran": a.realisasi_anggaran,
            "tautan_bukti": a.tautan_bukti,
            "bidang": a.bidang.nama if a.bidang else "",
        }
        baris.append([isi[k] for k in KOLOM_AKSI])
    _tabel(ws, KOLOM_AKSI, baris)
