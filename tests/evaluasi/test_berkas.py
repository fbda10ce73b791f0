"""Evidence files are recognised by their bytes, never their name: the accepted five types,
and the impostors refused (evaluasi.berkas)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluasi.berkas import BerkasDitolak, kenali, nama_aman, periksa
from evaluasi.models import JenisBerkas
from tests.evaluasi import berkas_uji as uji


@pytest.mark.parametrize(
    ("isi", "jenis"),
    [(uji.png(), "png"), (uji.jpeg(), "jpeg"), (uji.pdf(), "pdf"), (uji.xlsx(), "xlsx"),
     (uji.docx(), "docx")],
)  # fmt: skip
def test_the_five_accepted_types_are_recognised_by_content(isi, jenis):
    assert kenali(isi) == jenis


@pytest.mark.parametrize(
    "isi",
    [
        uji.exe(),  # an EXE
        uji.zip_biasa(),  # a zip that is no Office document
        uji.docx(ct=uji.DOC_MAKRO),  # a macro-enabled Word document (docm)
        uji.docx(vba=True),  # a VBA project inside
        b"%PDF-1.4\n1 0 obj<<>>endobj\n",  # a truncated PDF (no %%EOF)
        uji.png()[:40],  # a truncated PNG
        b"<html><script>alert(1)</script></html>",
        b"GIF89a" + b"\x00" * 40,  # an image of another type
        b"",
    ],
)
def test_anything_else_is_refused(isi):
    with pytest.raises(BerkasDitolak):
        kenali(isi) if isi else periksa(io.BytesIO(isi), "kosong.pdf")


def test_an_exe_named_pdf_is_refused_whatever_the_browser_says():
    unggahan = SimpleUploadedFile("laporan.pdf", uji.exe(), content_type="application/pdf")
    with pytest.raises(BerkasDitolak, match="dikenali dari isinya"):
        periksa(unggahan, unggahan.name)


def test_a_real_png_is_accepted_under_its_own_name():
    hasil = periksa(SimpleUploadedFile("foto kegiatan.png", uji.png()), "foto kegiatan.png")
    assert (hasil.jenis, hasil.nama, hasil.diganti) == (JenisBerkas.PNG, "foto kegiatan.png", False)
    assert len(hasil.sha256) == 64


def test_a_word_document_named_pdf_is_kept_as_a_word_document():
    """The rule: the content decides the type; the name's extension follows it."""
    hasil = periksa(SimpleUploadedFile("berita-acara.pdf", uji.docx()), "berita-acara.pdf")
    assert hasil.jenis == JenisBerkas.DOCX
    assert hasil.nama == "berita-acara.docx"
    assert hasil.diganti is True


def test_a_macro_workbook_named_xlsx_is_refused():
    isi = uji.docx(ct="application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    with pytest.raises(BerkasDitolak, match="makro"):
        periksa(SimpleUploadedFile("rekap.xlsx", isi), "rekap.xlsx")


def test_the_size_limit_is_a_setting(settings):
    settings.BUKTI_MAX_BYTES = 100
    with pytest.raises(BerkasDitolak, match="terlalu besar"):
        periksa(SimpleUploadedFile("foto.png", uji.png((200, 200))), "foto.png")


@pytest.mark.parametrize(
    ("nama", "jenis", "hasil"),
    [
        ("../../etc/passwd.png", "png", ("passwd.png", False)),
        ('C:\\Users\\a\\"x".jpeg', "jpeg", ("x_.jpeg", False)),
        ("scan", "pdf", ("scan.pdf", False)),
        ("rekap.XLSX", "xlsx", ("rekap.xlsx", False)),
        ("foto.exe", "png", ("foto.png", True)),
    ],
)
def test_names_lose_paths_and_quotes_and_take_the_content_s_extension(nama, jenis, hasil):
    assert nama_aman(nama, jenis) == hasil
