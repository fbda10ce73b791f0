"""An admin imports the definitions workbook in a real browser: upload, preview, confirm."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from indikator.models import Program
from organisasi.models import Organisasi

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PASSWORD = "sandi-uji-browser-2025"


@pytest.fixture
def admin_user(transactional_db):
    return get_user_model().objects.create_superuser("adminuji", "a@contoh.go.id", PASSWORD)


def login(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "adminuji")
    page.fill("#id_password", PASSWORD)
    page.click("#content input[type=submit]")
    page.wait_for_load_state()


def test_admin_previews_then_confirms_a_workbook_import(page, live_server, admin_user, screenshot):
    login(page, live_server)
    page.goto(f"{live_server.url}/admin/indikator/program/")
    page.click("text=Impor buku kerja indikator")
    page.fill("#id_organisasi_baru", "palangkaraya")
    page.fill("#id_tahun", "2025")
    page.set_input_files("#id_berkas", str(FIXTURES / "palangkaraya-2025-indikator.xlsx"))
    page.click("#content input[type=submit]")
    page.wait_for_load_state()

    assert "Pratinjau" in page.title()
    assert "12 baris dibaca" in page.content()
    screenshot("impor-indikator-pratinjau")
    assert not Program.objects.exists(), "the preview must not write anything"

    page.click("text=Konfirmasi impor")
    page.wait_for_load_state()
    assert "Disimpan" in page.content()
    assert Program.objects.filter(organisasi__slug="palangkaraya", tahun=2025).count() == 4
    assert Organisasi.objects.get(slug="palangkaraya").kepala_nip == "197112061994031006"


def test_admin_sees_the_row_and_column_of_a_broken_workbook(
    page, live_server, admin_user, tmp_path, screenshot
):
    from openpyxl import load_workbook

    wb = load_workbook(FIXTURES / "palangkaraya-2025-indikator.xlsx")
    ws = wb["Indikator"]
    header = [cell.value for cell in ws[1]]
    ws.cell(row=4, column=header.index("bobot") + 1, value="1/0")
    broken = tmp_path / "rusak.xlsx"
    wb.save(broken)

    login(page, live_server)
    page.goto(f"{live_server.url}/admin/indikator/program/impor/")
    page.fill("#id_organisasi_baru", "palangkaraya")
    page.fill("#id_tahun", "2025")
    page.set_input_files("#id_berkas", str(broken))
    page.click("#content input[type=submit]")
    page.wait_for_load_state()

    text = page.inner_text("#content")
    assert "baris 4, kolom bobot" in text
    assert "tidak ada yang disimpan" in text
    screenshot("impor-indikator-ditolak")
    assert not Organisasi.objects.exists()
