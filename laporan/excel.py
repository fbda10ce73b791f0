"""The monthly report as an Excel workbook: the printed table with real numbers.

Counts are number cells with ``#,##0`` and percentages are fractions of 1 with ``0.0%`` or
``0.00%`` formats, so the viewer's locale decides the separators (6.780 and 82,6% on an
Indonesian Excel). Exact values become floats only here, at the file boundary.
"""

from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from io import BytesIO
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dasar.excel import BUNGKUS, KOTAK, LATAR_KEPALA, TEBAL, TENGAH, gabung, tulis
from dasar.tampilan import format_tanggal
from laporan.builder import LaporanBulanan
from laporan.cetak import Pengesahan, judul_dokumen, teks_target
from laporan.services import url_verifikasi

if TYPE_CHECKING:
    from laporan.rekap import Rekap

KOLOM = [
    ("No", 5),
    ("Bidang", 22),
    ("Uraian", 48),
    ("Target/ Pembagi", 12),
    ("Realisasi", 12),
    ("Realisasi (%)", 12),
    ("% Tahunan", 12),
    ("Keterangan", 22),
]
JUMLAH_KOLOM = len(KOLOM)
FORMAT_JUMLAH = "#,##0"
FORMAT_JUMLAH_DESIMAL = "#,##0.##"
FORMAT_PERSEN = "0.0%"
FORMAT_PERSEN_TOTAL = "0.00%"


def _angka(nilai: Decimal | Fraction | int | None) -> tuple[int | float | None, str]:
    """A count as a number cell value and its format; None stays an empty cell."""
    if nilai is None:
        return None, FORMAT_JUMLAH
    pecahan = Fraction(nilai)
    if pecahan.denominator == 1:
        return int(pecahan), FORMAT_JUMLAH
    return float(pecahan), FORMAT_JUMLAH_DESIMAL


def _persen(nilai: Fraction | None) -> float | None:
    """Percent units (82.6) to a spreadsheet fraction of 1 (0.826), exact until here."""
    return None if nilai is None else float(Fraction(nilai) / 100)


def xlsx_laporan(laporan: LaporanBulanan, *, pengesahan: Pengesahan, draf: bool = True) -> bytes:
    org = laporan.organisasi
    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan"
    judul = judul_dokumen(laporan)
    wb.properties.title = f"{judul} (DRAF)" if draf else judul
    wb.properties.creator = org.nama
    wb.properties.language = "id-ID"

    # Letterhead and title, centred over the table's width.
    laman = f"Laman {org.laman}" if org.laman else ""
    pos_el = f"Pos-el : {org.email}" if org.email else ""
    kop = [
        (org.pemerintah.upper(), Font(bold=True, size=13)),
        ((org.dinas or org.nama).upper(), Font(bold=True, size=15)),
        (org.alamat, None),
        (f"Telepon {org.telepon}" if org.telepon else "", None),
        (", ".join(t for t in (laman, pos_el) if t), None),
    ]
    baris = 1
    for teks, font in kop:
        if not teks:
            continue
        cell = tulis(ws, baris, 1, teks)
        cell.alignment = Alignment(horizontal="center")
        if font is not None:
            cell.font = font
        gabung(ws, baris, 1, JUMLAH_KOLOM)
        baris += 1
    baris += 1
    bulan = laporan.nama_bulan.upper()
    judul_besar = f"PROGRES CAPAIAN INDIKATOR KINERJA {org.nama.upper()} TAHUN {laporan.tahun}"
    for teks in (
        f"{judul_besar} (DRAF)" if draf else judul_besar,
        f"UB. {bulan} {laporan.tahun}",
        "DRAF — belum disetujui" if draf else "",
    ):
        if not teks:
            continue
        cell = tulis(ws, baris, 1, teks)
        cell.font = TEBAL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        gabung(ws, baris, 1, JUMLAH_KOLOM)
        baris += 1
    baris += 1
    tulis(ws, baris, 1, f"Progres Capaian Indikator Kinerja Tahun {laporan.tahun}").font = TEBAL
    baris += 1

    kepala = baris
    for kolom, (nama, lebar) in enumerate(KOLOM, start=1):
        cell = tulis(ws, kepala, kolom, nama)
        cell.font = TEBAL
        cell.fill = LATAR_KEPALA
        cell.alignment = TENGAH
        cell.border = KOTAK
        ws.column_dimensions[get_column_letter(kolom)].width = lebar
    ws.row_dimensions[kepala].height = 30

    for b in laporan.baris:
        baris += 1
        if b.jenis == "rumus":
            pembagi, format_pembagi = _angka(b.pembagi)
            realisasi, format_realisasi = _angka(b.realisasi)
            nilai = [
                (b.nomor, None),
                (b.bidang, None),
                (b.uraian, None),
                (pembagi, format_pembagi),
                (realisasi, format_realisasi),
                (_persen(b.persen), FORMAT_PERSEN),
                (_persen(b.persen_tahunan), FORMAT_PERSEN),
                (b.keterangan, None),
            ]
            for kolom, (isi, fmt) in enumerate(nilai, start=1):
                cell = tulis(ws, baris, kolom, isi)
                cell.border = KOTAK
                cell.alignment = BUNGKUS
                if fmt is not None:
                    cell.number_format = fmt
            ws.cell(row=baris, column=1).alignment = Alignment(horizontal="center", vertical="top")
        else:
            for kolom in range(1, JUMLAH_KOLOM + 1):
                ws.cell(row=baris, column=kolom).border = KOTAK
            label = tulis(ws, baris, 2, b.label)
            label.font = TEBAL
            gabung(ws, baris, 2, JUMLAH_KOLOM - 1)
            cell = tulis(ws, baris, JUMLAH_KOLOM, _persen(b.nilai))
            cell.font = TEBAL
            cell.number_format = FORMAT_PERSEN_TOTAL if b.jenis == "total" else FORMAT_PERSEN

    baris += 2
    capaian = [
        ("CAPAIAN SD BULAN LALU", _persen(laporan.capaian_sd_bulan_lalu)),
        (f"CAPAIAN SD BULAN {bulan}", _persen(laporan.capaian_sd_bulan)),
        (f"TARGET {laporan.tahun}", teks_target(org)),
    ]
    for label, nilai in capaian:
        tulis(ws, baris, 2, label).font = TEBAL
        gabung(ws, baris, 2, 3)
        cell = tulis(ws, baris, 4, nilai)
        cell.font = TEBAL
        cell.alignment = Alignment(horizontal="right")
        if isinstance(nilai, float):
            cell.number_format = FORMAT_PERSEN_TOTAL
        baris += 1

    baris += 1
    jabatan = pengesahan.jabatan.rstrip().rstrip(",")
    tempat = f"{pengesahan.kota}, " if pengesahan.kota else ""
    baris_tanda = [
        (f"{tempat}{format_tanggal(pengesahan.tanggal)}", None),
        (f"{jabatan},", None),
        ("(belum ditandatangani)" if draf else "", Font(italic=True, color="777777")),
        ("", None),
        (pengesahan.nama, Font(bold=True, underline="single")),
        (pengesahan.pangkat, None),
        (f"NIP {pengesahan.nip}" if pengesahan.nip else "", None),
    ]
    for teks, font in baris_tanda:
        if teks:
            cell = tulis(ws, baris, 6, teks)
            if font is not None:
                cell.font = font
        baris += 1

    # Frozen header, print setup: A4 portrait fitted to the page width, header repeated.
    ws.freeze_panes = ws.cell(row=kepala + 1, column=1)
    ws.print_title_rows = f"{kepala}:{kepala}"
    ws.print_area = f"A1:{get_column_letter(JUMLAH_KOLOM)}{baris}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.sheet_view.showGridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "Halaman &P dari &N"
    if draf:
        ws.oddHeader.right.text = "DRAF — belum disetujui"
    return _sebagai_bytes(wb)


def _lembar_tabel(judul: str, keterangan: str, kolom: list[tuple[str, int]], nama: str):
    """A workbook of one sheet: its title, a line under it, and the header row (row 4) of
    ``kolom`` (name, width). Returns (workbook, sheet, header row)."""
    wb = Workbook()
    ws = wb.active
    ws.title = nama
    wb.properties.title = judul
    wb.properties.language = "id-ID"
    tulis(ws, 1, 1, judul.upper()).font = Font(bold=True, size=13)
    gabung(ws, 1, 1, len(kolom))
    tulis(ws, 2, 1, keterangan)
    gabung(ws, 2, 1, len(kolom))
    kepala = 4
    for k, (teks, lebar) in enumerate(kolom, start=1):
        cell = tulis(ws, kepala, k, teks)
        cell.font, cell.fill, cell.alignment, cell.border = TEBAL, LATAR_KEPALA, TENGAH, KOTAK
        ws.column_dimensions[get_column_letter(k)].width = lebar
    ws.row_dimensions[kepala].height = 30
    return wb, ws, kepala


def _sebagai_bytes(wb: Workbook) -> bytes:
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


KOLOM_REKAP = [
    ("No", 5),
    ("Organisasi", 42),
    ("Total bulan", 13),
    ("Capaian s.d. bulan", 13),
    ("Jalur s.d. bulan (bawah)", 13),
    ("Jalur s.d. bulan (atas)", 13),
    ("Keadaan", 16),
    ("Bidang mengajukan", 12),
    ("Jumlah bidang", 12),
    ("Disetujui (versi)", 12),
    ("Tautan verifikasi", 48),
]


def xlsx_rekap(rekap: "Rekap", *, dibuat: datetime) -> bytes:
    """The roll-up as one sheet: figures as numbers (percent format), exact until the cell."""
    keadaan = f"Keadaan per {format_tanggal(dibuat.date())} pukul {dibuat:%H.%M} WIB"
    wb, ws, kepala = _lembar_tabel(rekap.judul, keadaan, KOLOM_REKAP, "Rekap")
    for n, b in enumerate(rekap.baris, start=1):
        baris = kepala + n
        nilai = [
            n,
            b.organisasi.nama,
            _persen(b.total_bulan),
            _persen(b.capaian_sd_bulan),
            _persen(b.jalur_bawah) if b.ada_definisi else None,
            _persen(b.jalur_atas) if b.ada_definisi else None,
            b.label_jalur or ("Belum ada indikator" if not b.ada_definisi else b.galat[:200]),
            b.bidang_diajukan,
            b.bidang_total,
            b.versi,
            url_verifikasi(b.token) if b.token else "",
        ]
        for kolom, isi in enumerate(nilai, start=1):
            cell = tulis(ws, baris, kolom, isi)
            cell.border = KOTAK
            cell.alignment = BUNGKUS
            if kolom in (3, 4, 5, 6) and isi is not None:
                cell.number_format = FORMAT_PERSEN_TOTAL
    ws.freeze_panes = ws.cell(row=kepala + 1, column=3)
    ws.auto_filter.ref = (
        f"A{kepala}:{get_column_letter(len(KOLOM_REKAP))}{kepala + len(rekap.baris)}"
    )
    return _sebagai_bytes(wb)


KOLOM_KETEPATAN = [
    ("Bidang", 34),
    ("Diajukan tepat waktu (bulan)", 14),
    ("Diajukan terlambat (bulan)", 14),
    ("Jumlah hari terlambat", 12),
    ("Rata-rata hari terlambat", 12),
    ("Lewat tenggat, belum diajukan (bulan)", 16),
    ("Diajukan, waktu tak tercatat (bulan)", 16),
]


def xlsx_ketepatan(organisasi, tahun: int, baris, *, dibuat: datetime) -> bytes:
    """The dashboard's timeliness table, one row per bidang."""
    judul = f"Ketepatan waktu pengajuan isian {organisasi.nama} tahun {tahun}"
    keterangan = (
        f"Tenggat: tanggal {organisasi.hari_tenggat} bulan berikutnya. Keadaan per "
        f"{format_tanggal(dibuat.date())} pukul {dibuat:%H.%M} WIB"
    )
    wb, ws, kepala = _lembar_tabel(judul, keterangan, KOLOM_KETEPATAN, "Ketepatan")
    for n, k in enumerate(baris, start=kepala + 1):
        rata = round(k.hari_terlambat / k.terlambat, 1) if k.terlambat else None
        nilai = [k.bidang.nama, k.tepat, k.terlambat, k.hari_terlambat, rata, k.belum,
                 k.tanpa_catatan]  # fmt: skip
        for kolom, isi in enumerate(nilai, start=1):
            cell = tulis(ws, n, kolom, isi)
            cell.border = KOTAK
            cell.alignment = BUNGKUS
    return _sebagai_bytes(wb)
