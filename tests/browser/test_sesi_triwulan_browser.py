"""The quarterly form of the plan (issue 16) keeps typed values through an ended session, as
the entry page does: a staf types Triwulan I of an indicator of their bidang, the session ends
on the server, the save lands on the login page, and after logging in again the indicator's
page shows the values with the notice; saving then stores them."""

import pytest

from organisasi.models import Organisasi
from rencana.models import RealisasiRencana
from tests.browser.test_sesi_browser import PULIH, akhiri_sesi_server, draf_tersimpan, masuk
from tests.personas import buat_kantor
from tests.test_matriks_izin import rencana


@pytest.fixture
def kantor_rencana(transactional_db):
    organisasi = Organisasi.objects.create(
        slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya", kota="Palangka Raya"
    )
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    kantor.renstra = rencana(kantor)
    return kantor


def test_a_quarter_typed_before_the_session_ended_is_back_after_logging_in_again(
    page, live_server, kantor_rencana, screenshot
):
    kunci = kantor_rencana.renstra.kunci
    halaman = f"/o/palangkaraya/rencana/{kunci}/indikator/IKK-FM/?tahun=2025"
    page.goto(f"{live_server.url}/masuk/?next={halaman.replace('?', '%3F').replace('=', '%3D')}")
    masuk(page, "alice")
    tw1 = page.locator("form.isian-triwulan").first
    tw1.locator("[name=nilai]").fill("1.250")
    tw1.locator("[name=keterangan]").fill("Rekap verval Maret")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('dinsos-draf:'))"
    )
    assert draf_tersimpan(page) == [
        f"dinsos-draf:v1:alice:triwulan/palangkaraya/{kunci}/IKK-FM/2025/1"
    ]

    akhiri_sesi_server(page)
    tw1.get_by_role("button", name="Simpan TW I").click()
    page.wait_for_load_state()
    assert "/masuk/" in page.url
    assert not RealisasiRencana.objects.exists()

    masuk(page, "alice")
    assert "/indikator/IKK-FM/" in page.url
    tw1 = page.locator("form.isian-triwulan").first
    assert PULIH in page.locator("#draf-pemberitahuan").inner_text()
    assert tw1.locator("[name=nilai]").input_value() == "1.250"
    assert tw1.locator("[name=keterangan]").input_value() == "Rekap verval Maret"
    screenshot("sesi-triwulan-dipulihkan-1280")

    tw1.get_by_role("button", name="Simpan TW I").click()
    page.wait_for_load_state()
    r = RealisasiRencana.objects.get()
    assert (r.triwulan, r.nilai, r.keterangan) == (1, 1250, "Rekap verval Maret")
    assert draf_tersimpan(page) == []
