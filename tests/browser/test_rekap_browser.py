"""The regional roll-up in a real browser, as a province's Pemantau wilayah uses it: log in,
land on the wilayah's roll-up, change the month, sort by capaian, open a member's dashboard
from the table, come back by the navigation; on a phone the table becomes cards with no
sideways scroll. Screenshots (desktop and phone) are kept in artifacts/."""

from decimal import Decimal

import pytest

from capaian.models import Realisasi
from fixtures.buat_demo import seruyan_rows
from organisasi.models import Organisasi, Wilayah
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_entri_browser import masuk
from tests.factories import buat_definisi
from tests.personas import TAHUN, buat_kantor, buat_pemantau_wilayah


@pytest.fixture
def provinsi(transactional_db):
    kota = Organisasi.objects.create(slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya")
    kab = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    buat_kantor(kota, kab)  # Palangka Raya: seed 000, January and February
    rumus = buat_definisi(kab, TAHUN, seruyan_rows())
    for r in list(rumus.values())[:3]:
        Realisasi.objects.create(
            rumus=r, tahun=TAHUN, bulan=1, pembagi=Decimal(10), realisasi=Decimal(9)
        )
    w = Wilayah.objects.create(slug="kalimantan-tengah", nama="Provinsi Kalimantan Tengah")
    w.organisasi.add(kota, kab)
    buat_pemantau_wilayah("pemantau.kalteng", w.slug, [])
    return w


def test_a_pemantau_wilayah_reads_the_roll_up_and_a_member_s_dashboard(
    page, live_server, provinsi, screenshot
):
    masuk(page, live_server, "pemantau.kalteng")
    assert page.url.endswith("/wilayah/kalimantan-tengah/")
    judul = page.get_by_role("heading", level=1)
    assert "Provinsi Kalimantan Tengah" in judul.inner_text()
    assert "Februari 2025" in judul.inner_text()  # the latest month with data

    tabel = page.locator("table.rekap-tabel")
    kota = tabel.locator("tr[data-organisasi=palangkaraya]")
    assert "9,07%" in kota.inner_text() and "15,19%" in kota.inner_text()
    assert page.locator(".rekap-grafik__baris").count() == 2
    screenshot("rekap-wilayah-desktop")

    page.select_option("select[name=bulan]", "1")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert "Januari 2025" in judul.inner_text()

    page.get_by_role("link", name="Capaian s.d. bulan").click()
    page.wait_for_load_state()
    urutan = tabel.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.organisasi)")
    assert urutan == ["seruyan", "palangkaraya"]  # 22,50% before 6,12% (descending)
    header = tabel.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"

    kota.get_by_role("link", name="Dinas Sosial Kota Palangka Raya").click()
    page.wait_for_load_state()
    assert "/o/palangkaraya/dasbor/" in page.url
    assert "Pemantau wilayah" in page.locator(".kepala-situs__pengguna").inner_text()
    assert page.get_by_role("link", name="Isi realisasi").count() == 0
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Wilayah", exact=True
    ).click()
    page.wait_for_load_state()
    assert page.url.endswith("/wilayah/kalimantan-tengah/")


def test_on_a_phone_the_table_becomes_cards_without_sideways_scroll(browser, live_server, provinsi):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        masuk(page, live_server, "pemantau.kalteng")
        lebar = page.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 390
        kartu = page.locator("tr[data-organisasi=palangkaraya]")
        assert kartu.locator("td").first.evaluate("td => getComputedStyle(td).display") == "flex"
        assert page.get_by_text("Urutkan:").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "rekap-wilayah-ponsel.png"), full_page=True)
    finally:
        context.close()
