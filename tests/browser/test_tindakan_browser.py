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
