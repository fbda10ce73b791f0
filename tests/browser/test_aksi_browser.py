"""Rencana Aksi in a real browser (issue 15): the year's action lines as a table on a desktop
and as cards on a phone, and an indicator's quarterly targets saved by the admin with the TW
IV warning. Screenshots: artifacts/rencana-aksi-{1366,390}.png,
artifacts/indikator-triwulan-{1366,390}.png."""

import pytest

from akun.models import Peran
from tests.personas import SANDI, buat_pengguna
from tests.rencana.conftest import seruyan  # noqa: F401 (fixture)

LEBAR = {"desktop": (1366, 900), "ponsel": (390, 844)}


@pytest.fixture
def admin_seruyan(transactional_db, seruyan, live_server):  # noqa: F811
    buat_pengguna("admin_seruyan", seruyan.organisasi, Peran.ADMIN)
    return f"{live_server.url}/o/seruyan/rencana/renstra-2025"


def masuk(page, live_server) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill("admin_seruyan")
    page.get_by_label("Kata sandi").fill(SANDI)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()


def lebar_halaman(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_rencana_aksi_page_at_desktop_and_phone_width(
    page, live_server, admin_seruyan, screenshot
):
    masuk(page, live_server)
    for nama, (w, h) in LEBAR.items():
        page.set_viewport_size({"width": w, "height": h})
        page.goto(f"{admin_seruyan}/aksi/2025/")
        assert page.locator("#jumlah-anggaran").inner_text() == "Rp 567.515.600"
        assert page.get_by_role("link", name="Tambah rencana aksi").is_visible()
        assert page.get_by_role("link", name="Buka bukti").first.is_visible()
        if nama == "ponsel":
            # cards: no sideways scrolling, each cell labelled
            assert lebar_halaman(page) <= w
            assert page.locator("thead").first.is_hidden()
        screenshot(f"rencana-aksi-{w}")


def test_the_admin_sets_quarterly_targets_and_sees_the_warning(
    page, live_server, admin_seruyan, screenshot
):
    masuk(page, live_server)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{admin_seruyan}/indikator/SPM-1/?tahun=2025")
    page.locator("input[name=tw4]").fill("40")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan target triwulan 2025").click()
    assert page.get_by_text("Target triwulan 2025 SPM-1 tersimpan.").is_visible()
    assert page.locator(".pesan__warning").first.is_visible()
    assert page.locator("p.peringatan").first.is_visible()
    screenshot("indikator-triwulan-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{admin_seruyan}/indikator/SPM-1/?tahun=2025")
    assert lebar_halaman(page) <= 390
    screenshot("indikator-triwulan-390")
