"""Web hardening (issue 13): a Content-Security-Policy on every response and no inline script
in any template; the public verification upload limited per address; macro-bearing and
non-workbook files refused by content on every import path (admin form, commands, demo)."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from capaian.impor import impor_realisasi
from dasar.buku_kerja import PESAN_BUKAN_XLSX, PESAN_MAKRO
from dasar.impor import ImporError
from dasar.keamanan import KEBIJAKAN
from indikator.impor import impor_indikator
from tests.workbooks import baris_contoh, buku_indikator, buku_realisasi

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/masuk/", "/verifikasi/", "/admin/login/", "/sandi/lupa/"])
def test_every_response_carries_the_policy(client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == KEBIJAKAN
    assert "script-src 'self'" in KEBIJAKAN and "unsafe-inline" not in KEBIJAKAN.split(";")[1]


def test_the_dashboard_of_a_member_carries_it_too(client, kantor):
    client.force_login(kantor.kepala)
    response = client.get(reverse("dasbor", args=["palangkaraya"]))
    assert response["Content-Security-Policy"] == KEBIJAKAN


def test_no_template_has_an_inline_script_or_handler():
    """The policy allows scripts from static files only; an inline one would be blocked."""
    akar = Path(settings.BASE_DIR) / "templates"
    for berkas in akar.rglob("*.html"):
        teks = berkas.read_text()
        for tag in re.findall(r"<script\b[^>]*>", teks):
            assert "src=" in tag or 'type="application/json"' in tag, f"{berkas}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", teks), f"{berkas}: event handler attribute"
        assert "javascript:" not in teks, berkas


def test_the_public_verification_upload_is_limited_per_address(db):
    client = Client()
    url = reverse("verifikasi")
    for _ in range(30):
        pdf = io.BytesIO(b"%PDF-1.7 bukan laporan")
        pdf.name = "laporan.pdf"
        assert client.post(url, {"berkas": pdf}).status_code in (200, 400)
    pdf = io.BytesIO(b"%PDF-1.7 bukan laporan")
    pdf.name = "laporan.pdf"
    lagi = client.post(url, {"berkas": pdf})
    assert lagi.status_code == 429
    assert "Terlalu banyak berkas diperiksa dari alamat ini" in lagi.content.decode()
    assert lagi["Retry-After"] == "600"
    assert client.get(url).status_code == 200  # reading the page is not limited
    lain = Client(REMOTE_ADDR="10.1.2.3")
    pdf = io.BytesIO(b"%PDF-1.7")
    pdf.name = "laporan.pdf"
    assert lain.post(url, {"berkas": pdf}).status_code != 429


def _dengan_bagian(data: bytes, tambah: dict[str, bytes] = (), ganti_jenis=None) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as asal, zipfile.ZipFile(keluaran, "w") as baru:
        for info in asal.infolist():
            isi = asal.read(info.filename)
            if info.filename == "[Content_Types].xml" and ganti_jenis:
                isi = isi.replace(*ganti_jenis)
            baru.writestr(info, isi)
        for nama, isi in dict(tambah).items():
            baru.writestr(nama, isi)
    return keluaran.getvalue()


XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VARIAN = {
    "vba": ({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 makro"}, None, PESAN_MAKRO),
    "xlsm": ({}, (XLSX_MAIN, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
             PESAN_MAKRO),
    "xltx": ({}, (XLSX_MAIN,
                  b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"),
             PESAN_BUKAN_XLSX),
}  # fmt: skip


@pytest.mark.parametrize("varian", VARIAN)
def test_macro_and_non_workbook_files_are_refused_by_content_on_every_path(organisasi, varian):
    tambah, ganti, pesan = VARIAN[varian]
    indikator = _dengan_bagian(buku_indikator(baris_contoh()), tambah, ganti)
    with pytest.raises(ImporError) as galat:
        impor_indikator(indikator, organisasi=organisasi.slug, tahun=2025)
    assert str(galat.value.kesalahan[0]) == pesan
    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)
    realisasi = _dengan_bagian(buku_realisasi([("R01", 2025, 1, 46, 31, None)]), tambah, ganti)
    with pytest.raises(ImporError) as galat:
        impor_realisasi(realisasi, organisasi=organisasi)
    assert str(galat.value.kesalahan[0]) == pesan


def test_the_import_command_refuses_a_macro_workbook_whatever_its_name(organisasi, tmp_path):
    from django.core.management import CommandError, call_command

    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)
    berkas = tmp_path / "realisasi.xlsx"  # named .xlsx, carries a macro
    berkas.write_bytes(_dengan_bagian(buku_realisasi([("R01", 2025, 1, 46, 31, None)]),
                                      {"xl/vbaProject.bin": b"makro"}))  # fmt: skip
    galat = io.StringIO()
    with pytest.raises(CommandError, match="Impor dibatalkan"):
        call_command("impor_realisasi", str(berkas), organisasi=organisasi.slug,
                     stdout=io.StringIO(), stderr=galat)  # fmt: skip
    assert PESAN_MAKRO in galat.getvalue()
