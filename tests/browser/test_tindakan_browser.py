"""What each person sees on landing (issue 14), in Chromium at 1366 px and 390 px: the staf
finds February returned with the Kepala's note although March already has data; the Kepala
finds March waiting for approval although May has a draft, and reaches its report page from
there; on a phone nothing is wider than the screen. Screenshots go to artifacts/."""

import pytest

from capaian.models import PengajuanBulan, StatusPengajuan
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from organisasi.models import Organisasi
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_entri_browser import masuk
from tests.factories import isi_realisasi
from tests.laporan.persetujuan_bantu import ajukan_semua
from tests.personas import TAHUN, buat_kantor

CATATAN = "R06 belum sesuai rekap DTKS Februari."


@pytest.fixture
def kantor_mei(transactional_db):
    org = Organisasi.objects.create(slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya")
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(org, lain)
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    ajukan_semua(kantor, 2)
    ajukan_semua(kantor, 3)
    PengajuanBulan.objects.filter(bidang=kantor.fakir_miskin, bulan=2).update(
        status=StatusPengajuan.DIKEMBALIKAN, catatan=CATATAN
    )
    isi_realisasi(kantor.rumus, TAHUN, 5, {"R02": (45, "9")})  # a draft for May
    return kantor


@pytest.mark.parametrize("lebar", [1366, 390])
def test_landing_pages_show_what_waits(browser, live_server, kantor_mei, lebar):
    ARTIFACTS.mkdir(exist_ok=True)
    for user in ("alice", "kepala"):
        context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            masuk(page, live_server, user)
            daftar = page.locator(".tindakan")
            assert daftar.is_visible()
            if user == "alice":
                butir = daftar.locator("[data-jenis=dikembalikan]")
                assert "Februari 2025 dikembalikan Kepala Dinas" in butir.inner_text()
                assert CATATAN in butir.inner_text()
            else:
                butir = daftar.locator("[data-jenis=menunggu]")
                assert "Maret 2025 menunggu persetujuan Anda" in butir.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= lebar
            page.screenshot(path=str(ARTIFACTS / f"beranda-{user}-{lebar}.png"), full_page=True)
            if user == "kepala":
                butir.get_by_role("link", name="Tinjau dan setujui Maret 2025").click()
                page.wait_for_load_state()
                assert page.url.endswith(f"/o/palangkaraya/laporan/{TAHUN}/3/")
                page.screenshot(path=str(ARTIFACTS / f"laporan-pratinjau-{lebar}.png"))
        finally:
            context.close()


@pytest.mark.parametrize("lebar", [1366, 390])
def test_a_return_reaches_the_staf_through_the_notifications(
    browser, live_server, kantor_mei, lebar
):
    """The Kepala returns March from the entry page; the staf's navigation counts one unread
    notification, which opens March's entry page with the note."""
    ajukan_semua(kantor_mei, 3)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        masuk(page, live_server, "kepala")
        page.goto(f"{live_server.url}/o/palangkaraya/entri/{TAHUN}/3/penanganan-fakir-miskin/")
        page.fill("#kembalikan-catatan", "R06 Maret belum sesuai.")
        page.get_by_role("button", name="Kembalikan").click()
        page.wait_for_load_state()
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_load_state()

        masuk(page, live_server, "alice")
        tautan = page.get_by_role("link", name="Notifikasi, 1 belum dibaca")
        assert tautan.inner_text().replace("\n", " ").strip() == "Notifikasi 1"
        assert page.evaluate("document.documentElement.scrollWidth") <= lebar
        tautan.click()
        page.wait_for_load_state()
        butir = page.locator(".notifikasi__butir--baru")
        assert "Isian Maret 2025 dikembalikan Kepala Dinas" in butir.inner_text()
        assert "R06 Maret belum sesuai." in butir.inner_text()
        page.screenshot(path=str(ARTIFACTS / f"notifikasi-{lebar}.png"), full_page=True)
        butir.get_by_role("link").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/entri/{TAHUN}/3/penanganan-fakir-miskin/")
        assert "R06 Maret belum sesuai." in page.locator(".catatan-kembali").inner_text()
        assert page.get_by_role("link", name="Notifikasi", exact=True).is_visible()
    finally:
        context.close()
