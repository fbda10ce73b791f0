"""The printed performance tree of the demo (seed 003's 87 nodes, Seruyan 2025-2029): too
large for one readable page, it prints from the top down — the root, its child and the heads
of the four branches on the first page with the list of branches, then each branch under its
heading — and every node's text is printed. Rendered once for the module."""

import datetime
import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from rencana import pohon as tata
from rencana.models import Renstra
from rencana.selectors import hitung_capaian
from rencana.views_pohon import _simpul, pdf_pohon

AKAR = "MENINGKATKAN KESEJAHTERAAN SOSIAL"
ANAK_AKAR = "MENURUNKAN JUMLAH PEMERLU PELAYANAN KESEJAHTERAAN SOSIAL (PPKS)"


def rata(teks: str) -> str:
    return " ".join(teks.split())


@pytest.fixture(scope="module")
def cetakan(django_db_setup, django_db_blocker):
    """(the PDF's text per page, the title lines of every node) of the demo tree."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("muat_demo", "--tanpa-akun", stdout=StringIO())
        renstra = Renstra.objects.get(organisasi__slug="seruyan")
        simpul = _simpul(renstra)
        pdf = pdf_pohon(
            renstra, simpul, hitung_capaian(renstra, 2025, 4), tanggal=datetime.date(2025, 4, 15)
        )
        judul = [[b.teks for b in tata.baris_simpul(s, 340) if b.jenis == "judul"] for s in simpul]
        transaction.set_rollback(True)
    teks = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    halaman = teks.split("\f")
    return [h for h in halaman if h.strip()], judul


def test_the_first_page_shows_the_root_its_child_and_the_heads_of_the_branches(cetakan):
    halaman, _ = cetakan
    pertama = rata(halaman[0])
    assert "POHON KINERJA DINAS SOSIAL KABUPATEN SERUYAN" in pertama
    assert AKAR in pertama
    assert ANAK_AKAR in pertama
    assert "Ultimate Outcome" in pertama and "Immediate Outcome" in pertama
    assert "Rincian setiap cabang pada halaman berikut:" in pertama
    assert len(re.findall(r"— halaman \d+", pertama)) == 4


def test_each_branch_opens_under_its_heading_on_the_page_the_list_gives(cetakan):
    halaman, _ = cetakan
    daftar = re.findall(r"— halaman (\d+)", rata(halaman[0]))
    for nomor, hal in enumerate(daftar, start=1):
        teks = rata(halaman[int(hal) - 1])
        assert teks.startswith(f"Cabang {nomor} dari 4: "), (nomor, teks[:80])
        assert f"Bagian dari: {AKAR} › {ANAK_AKAR}" in teks
    assert [int(h) for h in daftar] == sorted(int(h) for h in daftar)
    assert 2 <= len(halaman) <= 8


def test_every_node_is_printed_with_its_title(cetakan):
    halaman, judul = cetakan
    semua = rata(" ".join(halaman))
    assert len(judul) == 87
    for baris in judul:
        assert rata(" ".join(baris)) in semua, baris


def test_the_signature_closes_the_last_branch_on_the_last_page(cetakan):
    halaman, _ = cetakan
    terakhir = rata(halaman[-1])
    assert "Cabang 4 dari 4" in terakhir
    assert "Kepala Dinas Sosial Kabupaten Seruyan" in terakhir
    n = len(halaman)
    for i, h in enumerate(halaman, start=1):
        assert f"Halaman {i} dari {n}" in h
