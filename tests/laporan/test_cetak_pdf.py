"""The printed report (PDF) of seed 000's March 2025, checked by its text: letterhead, title,
definitions, the table's figures, the capaian lines, the signer, page numbers and DRAF."""

import base64
import datetime
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from pyhanko.pdf_utils.reader import PdfFileReader

from capaian.models import Realisasi
from laporan.builder import LaporanBulanan, bangun_laporan
from laporan.cetak import BlokTanda, Pengesahan, html_laporan, pdf_laporan, pengesahan_bawaan
from organisasi.models import Organisasi
from tests.factories import buat_definisi, isi_realisasi

TANGGAL = datetime.date(2025, 4, 15)
CI = os.environ.get("CI") == "true"


def perlu(alat: str) -> None:
    """Skip when a poppler tool is missing on a developer machine; CI must have it."""
    if shutil.which(alat) is None and not CI:
        pytest.skip(f"{alat} (poppler-utils) tidak terpasang")


def halaman_pdf(pdf: bytes) -> list[str]:
    """The text of each page, as ``pdftotext -layout`` lays it out."""
    perlu("pdftotext")
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    halaman = hasil.stdout.decode("utf-8").split("\f")
    return halaman[:-1] if halaman and not halaman[-1].strip() else halaman


def rata(teks: str) -> str:
    return " ".join(teks.split())


@dataclass
class Cetakan:
    laporan: LaporanBulanan
    pengesahan: Pengesahan
    draf: bytes
    final: bytes
    html: str


@pytest.fixture(scope="module")
def maret(django_db_setup, django_db_blocker) -> Cetakan:
    """The demo (seed 000's office, through the real workbook imports), March 2025 rendered
    once for this module; the data is rolled back afterwards. Rendering reads no database."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("muat_demo", "--tanpa-akun", stdout=StringIO())
        org = Organisasi.objects.get(slug="palangkaraya")
        laporan = bangun_laporan(org, 2025, 3)
        pengesahan = pengesahan_bawaan(org, TANGGAL)
        cetakan = Cetakan(
            laporan=laporan,
            pengesahan=pengesahan,
            draf=pdf_laporan(laporan, pengesahan=pengesahan, draf=True),
            final=pdf_laporan(laporan, pengesahan=pengesahan, draf=False),
            html=html_laporan(laporan, pengesahan=pengesahan, draf=True),
        )
        transaction.set_rollback(True)
    return cetakan


@pytest.fixture(scope="module")
def halaman_draf(maret) -> list[str]:
    return halaman_pdf(maret.draf)


@pytest.fixture(scope="module")
def teks_draf(halaman_draf) -> str:
    return "\n".join(halaman_draf)


def test_the_pdf_is_an_a4_portrait_document_of_a_few_pages(maret, halaman_draf):
    assert maret.draf.startswith(b"%PDF-")
    reader = PdfFileReader(BytesIO(maret.draf))
    box = [float(x) for x in reader.root["/Pages"]["/Kids"][0]["/MediaBox"]]
    assert round(box[2] - box[0]) == 595 and round(box[3] - box[1]) == 842
    assert 2 <= len(halaman_draf) <= 6
    assert len(maret.draf) < 200_000


def test_the_first_page_carries_the_letterhead_and_the_title(halaman_draf):
    pertama = rata(halaman_draf[0])
    for baris in [
        "PEMERINTAH KOTA PALANGKA RAYA",
        "DINAS SOSIAL",
        "Jalan G. Obos XI No -, Jekan Raya, Palangka Raya, Kalimantan Tengah 73112",
        "Telepon 0811520 2277",
        "Laman dinsos.palangkaraya.go.id, Pos-el : dinsos@palangkaraya.go.id",
        "PROGRES CAPAIAN INDIKATOR KINERJA DINAS SOSIAL KOTA PALANGKA RAYA TAHUN 2025",
        "UB. MARET 2025",
    ]:
        assert baris in pertama
    assert all("PEMERINTAH KOTA" not in h for h in halaman_draf[1:])


def test_every_program_has_its_definition_block(teks_draf):
    teks = rata(teks_draf)
    for program in [
        "PROGRAM REHABILITASI SOSIAL",
        "PROGRAM PEMBERDAYAAN SOSIAL",
        "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
        "PROGRAM PENANGANAN BENCANA",
    ]:
        assert teks.count(program) == 1
    # One block per indikator, as the seed repeats it for Perlindungan dan Jaminan Sosial.
    assert teks.count("Sasaran Program :") == 5
    assert teks.count("Meningkatnya Layanan Perlindungan dan Jaminan Sosial") == 2
    for label in ["Konsep/Definisi :", "Rumus :", "Satuan : Persentase (%)", "Sumber Data :"]:
        assert teks.count(label) == 5
    assert "Periode Pengukuran : Bulanan, Triwulan dan Tahunan" in teks
    assert "Rumusan Indikator merupakan rata-rata dari:" in teks


def test_a_formula_prints_as_a_fraction_with_its_multiplier(teks_draf):
    baris = teks_draf.splitlines()
    atas = next(i for i, b in enumerate(baris) if "Jumlah PSKS yang berkontribusi dalam" in b)
    assert "× 100%" in baris[atas + 1]
    assert baris[atas + 2].strip() == "Jumlah PSKS"


def test_the_html_draws_each_fraction_with_a_numerator_over_a_denominator(maret):
    assert maret.html.count('class="pecahan"') == 9
    assert maret.html.count('class="rumus__pengali"') == 6


SEED_000_BARIS = [
    (1, "46", "38", "82,6%", "6,9%"),
    (2, "45", "9", "20,0%", "1,7%"),
    (3, "5", "-", "0,0%", "0,0%"),
    (4, "54", "4", "7,4%", "3,7%"),
    (5, "1", "1", "100,0%", "8,3%"),
    (6, "6.780", "5.980", "88,2%", "88,2%"),
    (7, "800", "-", "0,0%", "0,0%"),
    (8, "180", "-", "0,0%", "0,0%"),
    (9, "27", "27", "100,0%", "8,3%"),
    (10, "4.002", "4.002", "100,0%", "8,3%"),
    (11, "4", "4", "100,0%", "8,3%"),
    (12, "22", "22", "100,0%", "8,3%"),
]
BARIS_TABEL = re.compile(
    r"^\s*(\d{1,3})\s{2,}.*?\s(\S+)\s+(\S+)\s+(\d+,\d%)\s+(\d+,\d%)\s*$", re.MULTILINE
)


def test_the_table_prints_the_seed_figures_row_by_row(teks_draf):
    rows = [(int(n), *rest) for n, *rest in BARIS_TABEL.findall(teks_draf)]
    assert rows == SEED_000_BARIS


def test_the_subtotal_lines_print_the_seed_values_in_order(teks_draf):
    garis = re.findall(r"(Persentase (?:Realisasi|Capaian) .+?)\s{2,}(\d+,\d+%)", teks_draf)
    assert garis == [
        ("Persentase Realisasi Program Rehabilitasi Sosial", "6,9%"),
        ("Persentase Realisasi Program Pemberdayaan Sosial", "4,6%"),
        ("Persentase Realisasi Bidang Penanganan Fakir Miskin", "29,4%"),
        ("Persentase Realisasi Bidang Perlindungan dan Jaminan Sosial", "8,3%"),
        ("Persentase Realisasi Program Perlindungan dan Jaminan Sosial", "18,9%"),
        ("Persentase Realisasi Program Penanganan Bencana", "8,3%"),
        ("Persentase Capaian TOTAL MARET 2025", "9,66%"),
    ]


def test_the_table_has_the_seed_title_and_columns(teks_draf):
    teks = rata(teks_draf)
    assert "Progres Capaian Indikator Kinerja Tahun 2025" in teks
    baris = teks_draf.splitlines()
    i = next(i for i, b in enumerate(baris) if re.search(r"\bNo\b.*\bBidang\b", b))
    kepala = rata(" ".join(baris[i - 2 : i + 3]))
    for kolom in ["No", "Bidang", "Uraian", "Target/", "Pembagi", "Realisasi", "(%)", "% Tahunan"]:
        assert kolom in kepala
    assert "Keterangan" in baris[i]


def test_the_capaian_lines_and_the_target_follow_the_table(teks_draf):
    teks = rata(teks_draf)
    assert "CAPAIAN SD BULAN LALU : 15,19%" in teks
    assert "CAPAIAN SD BULAN MARET : 24,86%" in teks
    assert "TARGET 2025 : 90-100%" in teks
    assert teks.index("9,66%") < teks.index("CAPAIAN SD BULAN LALU")


def test_the_signer_block_has_place_date_title_name_rank_and_nip(teks_draf):
    teks = rata(teks_draf)
    urutan = [
        "Palangka Raya, 15 April 2025",
        "Kepala Dinas Sosial Kota Palangka Raya,",
        "(belum ditandatangani)",
        "H. RIDUAN, SKM, M.M. Kes",
        "Pembina Tingkat I (IV/b)",
        "NIP 197112061994031006",
    ]
    posisi = [teks.index(t) for t in urutan]
    assert posisi == sorted(posisi)
    assert posisi[0] > teks.index("TARGET 2025")


def test_every_page_is_numbered_out_of_the_total(halaman_draf):
    n = len(halaman_draf)
    for i, h in enumerate(halaman_draf, start=1):
        assert f"Halaman {i} dari {n}" in h


def test_every_page_of_a_draft_says_draf(halaman_draf):
    assert all("DRAF" in h for h in halaman_draf)
    assert "DRAF — belum disetujui" in rata(halaman_draf[0])


def test_a_final_render_says_draf_nowhere_and_leaves_the_signature_space_blank(maret):
    halaman = halaman_pdf(maret.final)
    assert not any("DRAF" in h for h in halaman)
    teks = rata("\n".join(halaman))
    assert "(belum ditandatangani)" not in teks
    assert "Kepala Dinas Sosial Kota Palangka Raya, H. RIDUAN" in teks


def test_the_pdf_carries_title_author_and_language(maret):
    reader = PdfFileReader(BytesIO(maret.draf))
    info = reader.trailer_view["/Info"]
    assert str(info["/Title"]) == (
        "Progres Capaian Indikator Kinerja Dinas Sosial Kota Palangka Raya Maret 2025"
    )
    assert str(info["/Author"]) == "Dinas Sosial Kota Palangka Raya"
    assert str(reader.root["/Lang"]) == "id"


def test_two_renders_of_the_same_month_are_identical(maret):
    again = pdf_laporan(maret.laporan, pengesahan=maret.pengesahan, draf=True)
    assert again == maret.draf


def test_the_document_references_no_outside_address(maret):
    tanpa_data = re.sub(r"data:[^\"']+", "", maret.html)
    assert "http" not in tanpa_data
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?!data:)[a-z]+:", maret.html)


def test_the_default_emblem_is_used_when_the_organisasi_has_no_logo(maret):
    assert maret.laporan.organisasi.logo.name in ("", None)
    assert 'class="kop__logo"><img src="data:image/svg+xml;base64,' in maret.html


def test_an_uploaded_logo_is_embedded_from_storage(maret, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    png = _png()
    org = maret.laporan.organisasi
    org.logo.save("lambang.png", ContentFile(png), save=False)
    try:
        html = html_laporan(maret.laporan, pengesahan=maret.pengesahan)
    finally:
        org.logo = ""
    assert f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}"' in html


@pytest.mark.parametrize("nama", ["logo/hilang.png", "logo/lambang.bmp"])
def test_a_missing_or_unsupported_logo_falls_back_to_the_default_emblem(maret, nama, settings):
    settings.MEDIA_ROOT = "/nonexistent-media"
    org = maret.laporan.organisasi
    org.logo.name = nama
    try:
        html = html_laporan(maret.laporan, pengesahan=maret.pengesahan)
    finally:
        org.logo = ""
    assert 'class="kop__logo"><img src="data:image/svg+xml;base64,' in html


def _png() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 16), "navy").save(out, format="PNG")
    return out.getvalue()


TANDA = BlokTanda(
    url_verifikasi="https://kinerja.contoh.go.id/verifikasi/AbCdEfGh12345678/",
    token="AbCdEfGh12345678",
    versi=3,
    ditandatangani_pada=datetime.datetime(2025, 4, 15, 3, 30, tzinfo=datetime.UTC),
    sertifikat_subjek="CN=H. RIDUAN, O=Dinas Sosial Kota Palangka Raya",
)


def test_a_signed_render_shows_the_electronic_signature_block_with_a_vector_qr_code(maret):
    html = html_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=TANDA, draf=False)
    qr = re.search(r'<div class="tanda-elektronik__qr">(.*?)</div>', html, re.S).group(1)
    assert qr.startswith("<svg") and "<path" in qr
    assert "data:image/png" not in html
    halaman = halaman_pdf(
        pdf_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=TANDA, draf=False)
    )
    teks = rata("\n".join(halaman))
    assert not any("DRAF" in h for h in halaman)
    urutan = [
        "Kepala Dinas Sosial Kota Palangka Raya,",
        "Ditandatangani secara elektronik oleh",
        "pada 15 April 2025 10.30 WIB",
        "Versi 3 · Verifikasi:",
        "NIP 197112061994031006",
    ]
    posisi = [teks.index(t) for t in urutan]
    assert posisi == sorted(posisi)
    assert TANDA.url_verifikasi in "".join(teks.split())
    assert "(belum ditandatangani)" not in teks


def test_a_scanned_signature_image_is_embedded_as_a_data_uri(maret):
    tanda = BlokTanda(**{**TANDA.__dict__, "gambar": _png()})
    html = html_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=tanda, draf=False)
    assert 'class="pengesahan__gambar"><img src="data:image/png;base64,' in html
    assert pdf_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=tanda).startswith(b"%PDF")


def test_the_signature_time_is_printed_in_jakarta_time_whatever_the_active_zone(maret):
    from django.utils import timezone

    with timezone.override("UTC"):
        html = html_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=TANDA)
    assert "pada 15 April 2025 10.30 WIB" in html


def test_a_jabatan_stored_with_its_comma_is_not_printed_with_two(maret):
    pengesahan = Pengesahan(**{**maret.pengesahan.__dict__, "jabatan": "Kepala Dinas Sosial,"})
    html = html_laporan(maret.laporan, pengesahan=pengesahan)
    assert "<p>Kepala Dinas Sosial,</p>" in html
    assert ",," not in html


def test_the_pages_render_to_images_for_a_visual_check(maret, tmp_path, settings):
    """Writes artifacts/laporan-maret-2025-halaman-N.png (80 dpi) to compare with seed 000."""
    perlu("pdftoppm")
    artefak = Path(settings.BASE_DIR) / "artifacts"
    artefak.mkdir(exist_ok=True)
    for lama in artefak.glob("laporan-maret-2025-halaman-*.png"):
        lama.unlink()
    sumber = tmp_path / "maret.pdf"
    sumber.write_bytes(maret.draf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(sumber), str(tmp_path / "h")], check=True)
    gambar = sorted(tmp_path.glob("h-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    assert len(gambar) == len(halaman_pdf(maret.draf))
    for n, png in enumerate(gambar, start=1):
        shutil.copy(png, artefak / f"laporan-maret-2025-halaman-{n}.png")
        assert png.read_bytes().startswith(b"\x89PNG")


# --- a long report -------------------------------------------------------------------------


@pytest.fixture
def laporan_300(organisasi) -> LaporanBulanan:
    """3 programs x 2 indikator x 50 rumus; each uraian long enough to wrap."""
    rows = [
        {
            "kode_program": f"P{n // 100}",
            "program": f"Program {n // 100 + 1}",
            "kode_indikator": f"I{n // 50}",
            "indikator": f"Indikator {n // 50 + 1}",
            "kode_rumus": f"R{n:03d}",
            "bidang": f"Bidang {n % 4 + 1}",
            "uraian": f"U{n + 1:03d}awal jumlah penerima layanan yang dicatat untuk baris ini "
            f"U{n + 1:03d}akhir",
            "pembagi_default": 1000 + n,
        }
        for n in range(300)
    ]
    rumus = buat_definisi(organisasi, 2025, rows)
    isi_realisasi(rumus, 2025, 3, {k: (1000, str(n)) for n, k in enumerate(rumus)})
    Realisasi.objects.filter(rumus__kode="R007").update(keterangan="Catatan\nbaris kedua")
    return bangun_laporan(organisasi, 2025, 3)


def test_a_300_row_report_repeats_the_table_header_on_every_page_and_never_splits_a_row(
    laporan_300,
):
    pdf = pdf_laporan(laporan_300, pengesahan=pengesahan_bawaan(laporan_300.organisasi, TANGGAL))
    halaman = halaman_pdf(pdf)
    assert len(halaman) > 6
    dengan_baris = [h for h in halaman if re.search(r"U\d{3}awal", h)]
    assert len(dengan_baris) >= 5
    for h in dengan_baris:
        assert re.search(r"\bNo\b.*\bBidang\b.*\bUraian\b.*\bKeterangan\b", h)
    for n in range(1, 301):
        awal = [i for i, h in enumerate(halaman) if f"U{n:03d}awal" in h]
        akhir = [i for i, h in enumerate(halaman) if f"U{n:03d}akhir" in h]
        assert len(awal) == 1 and awal == akhir, n
    assert f"Halaman {len(halaman)} dari {len(halaman)}" in halaman[-1]


# --- how the pages fill --------------------------------------------------------------------


def isi_halaman(pdf: bytes) -> list[float]:
    """How far down each page its content reaches (0-1 of the room between the page
    margins), from the words' boxes (``pdftotext -bbox``); the page number is left out."""
    perlu("pdftotext")
    hasil = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    atas, bawah = 14 / 25.4 * 72, 842 - 16 / 25.4 * 72  # A4, the margins of cetak.css
    isi = []
    for halaman in re.findall(r"<page [^>]*>(.*?)</page>", hasil, re.S):
        kata = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', halaman)
        y = [float(y) for y, w in kata if float(y) < bawah and w.strip()]
        isi.append((max(y, default=atas) - atas) / (bawah - atas))
    return isi


@pytest.fixture(scope="module")
def tertanda(maret) -> bytes:
    """March with the electronic-signature block (taller than the draft's signature space)."""
    return pdf_laporan(maret.laporan, pengesahan=maret.pengesahan, tanda=TANDA, draf=False)


@pytest.mark.parametrize("versi", ["draf", "final", "tertanda"])
def test_the_last_page_carries_the_end_of_the_table_with_the_capaian_lines_and_signature(
    maret, tertanda, versi
):
    pdf = tertanda if versi == "tertanda" else getattr(maret, versi)
    halaman = halaman_pdf(pdf)
    terakhir = rata(halaman[-1])
    assert "Persentase Capaian TOTAL MARET 2025 9,66%" in terakhir
    assert "CAPAIAN SD BULAN MARET : 24,86%" in terakhir
    assert "NIP 197112061994031006" in terakhir
    assert terakhir.index("TOTAL MARET 2025") < terakhir.index("CAPAIAN SD BULAN LALU")
    if not any("TOTAL MARET 2025" in h for h in halaman[:-1]):
        # the table continues on this page: under its repeated header row
        assert re.search(r"\bNo\b.*\bBidang\b.*\bUraian\b.*\bKeterangan\b", halaman[-1])


@pytest.mark.parametrize("versi", ["draf", "final", "tertanda"])
def test_no_page_before_the_last_is_left_mostly_empty(maret, tertanda, versi):
    pdf = tertanda if versi == "tertanda" else getattr(maret, versi)
    isi = isi_halaman(pdf)
    assert len(isi) == len(halaman_pdf(pdf))
    assert all(i >= 0.6 for i in isi[:-1]), isi


def test_the_screen_hint_to_scroll_the_table_is_not_printed(teks_draf):
    assert "Geser tabel" not in teks_draf
