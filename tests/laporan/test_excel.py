"""The Excel report of seed 000's March 2025: real numbers with number formats, the printed
layout (frozen header, print titles, A4), and no text that a spreadsheet would evaluate."""

import datetime
from fractions import Fraction
from io import BytesIO

import pytest
from openpyxl import load_workbook

from capaian.models import Realisasi
from dasar.excel import teks_aman
from fixtures.buat_demo import PALANGKARAYA_ORG, PALANGKARAYA_REALISASI, palangkaraya_rows
from laporan.builder import LaporanBulanan, bangun_laporan
from laporan.cetak import Pengesahan, pengesahan_bawaan
from laporan.excel import xlsx_laporan
from organisasi.models import Organisasi
from tests.factories import buat_definisi, isi_realisasi

TANGGAL = datetime.date(2025, 4, 15)
KOLOM = [
    "No", "Bidang", "Uraian", "Target/ Pembagi", "Realisasi", "Realisasi (%)", "% Tahunan",
    "Keterangan",
]  # fmt: skip


@pytest.fixture
def maret(db) -> LaporanBulanan:
    org = Organisasi.objects.create(**PALANGKARAYA_ORG)
    rumus = buat_definisi(org, 2025, palangkaraya_rows())
    for bulan, nilai in PALANGKARAYA_REALISASI.items():
        isi_realisasi(rumus, 2025, bulan, nilai)
    return bangun_laporan(org, 2025, 3)


def persis(persen: Fraction):
    """The exact engine value (percent units) as a spreadsheet fraction of 1, to the precision
    a float survives the file with (openpyxl writes 16 significant digits; Excel keeps 15)."""
    return pytest.approx(float(persen / 100), rel=1e-15, abs=0)


def buka(data: bytes):
    return load_workbook(BytesIO(data))["Laporan"]


def cari(ws, teks: str):
    """The first cell whose text is ``teks``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == teks:
                return cell
    raise AssertionError(f"{teks!r} tidak ada di lembar kerja")


def baris_kepala(ws) -> int:
    return cari(ws, "Uraian").row


@pytest.fixture
def ws(maret):
    return buka(xlsx_laporan(maret, pengesahan=pengesahan_bawaan(maret.organisasi, TANGGAL)))


def test_the_sheet_starts_with_the_letterhead_and_the_title(ws):
    kepala = [ws.cell(row=r, column=1).value for r in range(1, baris_kepala(ws))]
    assert kepala[:5] == [
        "PEMERINTAH KOTA PALANGKA RAYA",
        "DINAS SOSIAL",
        "Jalan G. Obos XI No -, Jekan Raya, Palangka Raya, Kalimantan Tengah 73112",
        "Telepon 0811520 2277",
        "Laman dinsos.palangkaraya.go.id, Pos-el : dinsos@palangkaraya.go.id",
    ]
    assert "UB. MARET 2025" in kepala
    assert "Progres Capaian Indikator Kinerja Tahun 2025" in kepala


def test_the_header_row_has_the_seed_columns(ws):
    r = baris_kepala(ws)
    assert [ws.cell(row=r, column=c).value for c in range(1, 9)] == KOLOM
    assert all(ws.cell(row=r, column=c).font.b for c in range(1, 9))


def test_counts_are_number_cells_with_a_thousands_format(ws):
    r = cari(ws, "Jumlah Data PPKS yang tervalidasi (Layak dan Tidak Layak)").row
    pembagi, realisasi = ws.cell(row=r, column=4), ws.cell(row=r, column=5)
    assert (pembagi.value, realisasi.value) == (6780, 5980)
    assert pembagi.data_type == realisasi.data_type == "n"
    assert pembagi.number_format == realisasi.number_format == "#,##0"
    assert ws.cell(row=r, column=1).value == 6


def test_percentages_are_fractions_of_one_with_a_one_decimal_percent_format(ws, maret):
    r = cari(ws, "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar").row
    persen, tahunan = ws.cell(row=r, column=6), ws.cell(row=r, column=7)
    baris = maret.baris[0]
    assert persen.value == pytest.approx(0.826, abs=5e-4)
    assert persen.value == persis(baris.persen)
    assert tahunan.value == persis(baris.persen_tahunan)
    assert persen.number_format == tahunan.number_format == "0.0%"


def test_an_empty_realisasi_is_an_empty_cell_and_its_percentage_is_zero(ws):
    r = cari(ws, "Jumlah Penerima bantuan yang tepat sasaran").row
    assert ws.cell(row=r, column=5).value is None
    assert ws.cell(row=r, column=6).value == 0


def test_subtotal_rows_are_bold_with_their_value_in_the_last_column(ws, maret):
    subtotal = [b for b in maret.baris if b.jenis != "rumus"]
    for b in subtotal:
        label = cari(ws, b.label)
        nilai = ws.cell(row=label.row, column=8)
        assert label.column == 2 and label.font.b and nilai.font.b
        assert nilai.value == persis(b.nilai)
        assert nilai.number_format == ("0.00%" if b.jenis == "total" else "0.0%")


def test_the_month_total_equals_the_exact_engine_value_to_float_precision(ws, maret):
    total = ws.cell(row=cari(ws, "Persentase Capaian TOTAL MARET 2025").row, column=8)
    assert total.value == persis(maret.total_bulan)
    assert f"{total.value:.4%}" == "9.6630%"


def test_the_capaian_lines_and_the_target_follow_the_table(ws, maret):
    lalu = cari(ws, "CAPAIAN SD BULAN LALU")
    sd = cari(ws, "CAPAIAN SD BULAN MARET")
    target = cari(ws, "TARGET 2025")
    assert lalu.row > cari(ws, "Persentase Capaian TOTAL MARET 2025").row
    assert ws.cell(row=lalu.row, column=4).value == persis(maret.capaian_sd_bulan_lalu)
    assert ws.cell(row=sd.row, column=4).value == persis(maret.capaian_sd_bulan)
    assert ws.cell(row=sd.row, column=4).number_format == "0.00%"
    assert ws.cell(row=target.row, column=4).value == "90-100%"


def test_the_signer_lines_are_at_the_bottom(ws):
    tempat = cari(ws, "Palangka Raya, 15 April 2025")
    assert tempat.row > cari(ws, "TARGET 2025").row
    nama = cari(ws, "H. RIDUAN, SKM, M.M. Kes")
    assert nama.font.b and nama.font.u == "single"
    urutan = [
        tempat,
        cari(ws, "Kepala Dinas Sosial Kota Palangka Raya,"),
        cari(ws, "(belum ditandatangani)"),
        nama,
        cari(ws, "Pembina Tingkat I (IV/b)"),
        cari(ws, "NIP 197112061994031006"),
    ]
    assert [c.row for c in urutan] == sorted(c.row for c in urutan)


def test_the_header_is_frozen_and_repeated_on_every_printed_page(ws):
    r = baris_kepala(ws)
    assert ws.freeze_panes == f"A{r + 1}"
    assert ws.print_title_rows == f"${r}:${r}"


def test_the_sheet_prints_on_a4_fitted_to_the_width_without_gridlines(ws):
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert not ws.print_options.gridLines
    assert ws.oddFooter.center.text == "Halaman &P dari &N"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_a_draft_says_draf_in_its_title_and_a_final_one_does_not(maret):
    pengesahan = pengesahan_bawaan(maret.organisasi, TANGGAL)
    draf = buka(xlsx_laporan(maret, pengesahan=pengesahan, draf=True))
    judul = "PROGRES CAPAIAN INDIKATOR KINERJA DINAS SOSIAL KOTA PALANGKA RAYA TAHUN 2025"
    assert cari(draf, f"{judul} (DRAF)")
    final = buka(xlsx_laporan(maret, pengesahan=pengesahan, draf=False))
    assert cari(final, judul)
    teks = [c.value for row in final.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("DRAF" in t or "belum ditandatangani" in t for t in teks)


def test_the_pengesahan_given_is_the_one_printed(maret):
    pengesahan = Pengesahan(
        kota="Palangka Raya", tanggal=datetime.date(2025, 4, 20), jabatan="Plt. Kepala Dinas,",
        nama="NAMA PLT", pangkat="Pembina (IV/a)", nip="198001012005011001",
    )  # fmt: skip
    ws = buka(xlsx_laporan(maret, pengesahan=pengesahan, draf=False))
    for teks in ["Palangka Raya, 20 April 2025", "Plt. Kepala Dinas,", "NAMA PLT",
                 "NIP 198001012005011001"]:  # fmt: skip
        assert cari(ws, teks)


def test_a_keterangan_that_looks_like_a_formula_is_stored_as_plain_text(maret):
    Realisasi.objects.filter(rumus__kode="R01", bulan=3).update(
        keterangan='=HYPERLINK("http://contoh.invalid","klik")'
    )
    laporan = bangun_laporan(maret.organisasi, 2025, 3)
    ws = buka(xlsx_laporan(laporan, pengesahan=pengesahan_bawaan(laporan.organisasi, TANGGAL)))
    r = cari(ws, "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar").row
    cell = ws.cell(row=r, column=8)
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://contoh.invalid","klik")'
    assert not cell.value.startswith("=")


@pytest.mark.parametrize(
    ("teks", "aman"),
    [
        ("=1+1", "'=1+1"),
        ("+62 811", "'+62 811"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Jumlah PPKS", "Jumlah PPKS"),
        ("90-100%", "90-100%"),
        ("", ""),
    ],
)
def test_text_starting_like_a_formula_is_prefixed_with_a_quote(teks, aman):
    assert teks_aman(teks) == aman


def test_the_workbook_carries_its_title_and_author(maret):
    data = xlsx_laporan(maret, pengesahan=pengesahan_bawaan(maret.organisasi, TANGGAL))
    wb = load_workbook(BytesIO(data))
    assert wb.properties.title == (
        "Progres Capaian Indikator Kinerja Dinas Sosial Kota Palangka Raya Maret 2025 (DRAF)"
    )
    assert wb.properties.creator == "Dinas Sosial Kota Palangka Raya"
