"""An ended session never costs typed work (issue 16), in a real browser: a staf types March,
the session is ended on the server, the save lands on the login page, and after logging in
again the values are back with the notice; the live preview says the session ended; a banner
warns before the end and extends the session. Another user of the same browser never gets
the draft. Screenshots of the restored page (1280 and 390 pixels wide) go to artifacts/."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from akun.models import Peran
from capaian.models import Realisasi
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from organisasi.models import Organisasi
from tests.factories import isi_realisasi
from tests.personas import SANDI, TAHUN, buat_kantor, buat_pengguna

MILIK_ALICE = {"R06", "R07", "R08"}
ENTRI = "/o/palangkaraya/entri/2025/3/penanganan-fakir-miskin/"
PULIH = "Isian yang belum tersimpan dipulihkan dari peramban ini — periksa lalu simpan."
BERAKHIR = "Sesi Anda berakhir. Masuk lagi — isian Anda disimpan di peramban ini."


@pytest.fixture
def kantor_maret(transactional_db):
    organisasi = Organisasi.objects.create(
        slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya", kota="Palangka Raya"
    )
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    maret = {k: v for k, v in PALANGKARAYA_REALISASI[3].items() if k not in MILIK_ALICE}
    isi_realisasi(kantor.rumus, TAHUN, 3, maret)
    return kantor


def masuk(page, username: str) -> None:
    """Fill the login form of the page that is open (the login page, wherever it came from)."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def buka_entri(page, live_server, username: str = "alice") -> None:
    page.goto(f"{live_server.url}/masuk/?next={ENTRI}")
    masuk(page, username)
    assert page.url == f"{live_server.url}{ENTRI}"


def isian(page, rumus, kolom: str):
    return page.locator(f"[name='r-{rumus.pk}-{kolom}']")


def akhiri_sesi_server(page) -> None:
    """The session ends on the server (expiry, a deactivation, a flush): its row is gone."""
    (kue,) = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    assert Session.objects.filter(session_key=kue["value"]).delete()[0] == 1


def tunggu_pratinjau(page) -> None:
    page.wait_for_function(
        "() => !document.getElementById('form-entri').classList.contains('memuat')"
    )


def draf_tersimpan(page) -> list[str]:
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('dinsos-draf:'))"
    )


def test_values_typed_before_the_session_ended_are_back_after_logging_in_again(
    page, live_server, kantor_maret, screenshot
):
    kantor = kantor_maret
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    buka_entri(page, live_server)
    isian(page, r06, "realisasi").fill("5.980")
    isian(page, r06, "keterangan").fill("Data DTKS Maret")
    isian(page, r07, "realisasi").fill("12")
    tunggu_pratinjau(page)
    assert draf_tersimpan(page) == [
        f"dinsos-draf:v1:alice:entri/palangkaraya/2025/3/{kantor.fakir_miskin.slug}"
    ]

    akhiri_sesi_server(page)
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_server.url}/masuk/?next=")
    assert not Realisasi.objects.filter(rumus__in=[r06, r07], bulan=3).exists()

    masuk(page, "alice")
    assert page.url == f"{live_server.url}{ENTRI}"
    pemberitahuan = page.locator("#draf-pemberitahuan")
    assert PULIH in pemberitahuan.inner_text()
    assert "2 baris dipulihkan" in pemberitahuan.inner_text()
    assert isian(page, r06, "realisasi").input_value() == "5.980"
    assert isian(page, r06, "keterangan").input_value() == "Data DTKS Maret"
    assert isian(page, r07, "realisasi").input_value() == "12"
    assert isian(page, r06, "pembagi").input_value() == "6.780"  # untouched prefill stays
    # The restored values count in the figures, as if just typed.
    page.wait_for_function(
        "() => document.querySelector(\"[data-ringkas='capaian_sd_bulan']\")"
        ".textContent.trim() !== ''"
    )
    tunggu_pratinjau(page)
    assert page.locator(f"#baris-{r06.pk} [data-persen]").inner_text().strip() == "88,2%"
    assert page.locator(".draf-dipulihkan").count() == 3
    screenshot("sesi-dipulihkan-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#draf-pemberitahuan").scroll_into_view_if_needed()
    screenshot("sesi-dipulihkan-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Saving now saves what was typed, and the browser forgets the draft.
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert "Draf Maret 2025 tersimpan: 2 baris diisi." in page.content()
    simpan = Realisasi.objects.get(rumus=r06, tahun=TAHUN, bulan=3)
    assert (simpan.realisasi, simpan.keterangan) == (Decimal("5980"), "Data DTKS Maret")
    assert simpan.diisi_oleh == kantor.alice
    assert draf_tersimpan(page) == []
    page.reload()
    assert page.locator("#draf-pemberitahuan").count() == 0


def test_another_user_of_the_same_browser_never_gets_the_draft(page, live_server, kantor_maret):
    kantor = kantor_maret
    buat_pengguna("dina", kantor.organisasi, Peran.STAF, [kantor.fakir_miskin])
    r06 = kantor.rumus["R06"]
    buka_entri(page, live_server)
    isian(page, r06, "realisasi").fill("5.980")
    tunggu_pratinjau(page)
    akhiri_sesi_server(page)
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()

    # A colleague of the same bidang logs in on this PC: the page is hers, the draft is not.
    masuk(page, "dina")
    assert page.url == f"{live_server.url}{ENTRI}"
    assert page.locator("#draf-pemberitahuan").count() == 0
    assert isian(page, r06, "realisasi").input_value() == ""
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()

    buka_entri(page, live_server, "alice")
    assert PULIH in page.locator("#draf-pemberitahuan").inner_text()
    assert isian(page, r06, "realisasi").input_value() == "5.980"


def test_the_live_preview_shows_that_the_session_ended(page, live_server, kantor_maret, screenshot):
    kantor = kantor_maret
    r06 = kantor.rumus["R06"]
    buka_entri(page, live_server)
    isian(page, r06, "realisasi").fill("5.980")
    tunggu_pratinjau(page)
    akhiri_sesi_server(page)

    isian(page, r06, "keterangan").fill("Data DTKS Maret")
    banner = page.locator("#sesi-banner")
    banner.wait_for(state="visible")
    assert banner.inner_text().strip() == BERAKHIR
    assert page.locator("#form-entri.memuat").count() == 0  # not left "loading"
    screenshot("sesi-pratinjau-berakhir")

    # "Masuk lagi" leaves without the unsaved-values prompt (the draft holds them) and comes
    # back to this page with them.
    dialog = []
    page.on("dialog", lambda d: (dialog.append(d.type), d.accept()))
    page.get_by_role("link", name="Masuk lagi").click()
    page.wait_for_url(lambda url: url.startswith(f"{live_server.url}/masuk/?next="))
    assert dialog == []
    masuk(page, "alice")
    assert page.url == f"{live_server.url}{ENTRI}"
    assert PULIH in page.locator("#draf-pemberitahuan").inner_text()
    assert isian(page, r06, "keterangan").input_value() == "Data DTKS Maret"


def test_a_banner_warns_before_the_end_and_extends_the_session(
    page, live_server, kantor_maret, screenshot
):
    buka_entri(page, live_server)
    (kue,) = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    Session.objects.filter(session_key=kue["value"]).update(
        expire_date=timezone.now() + timedelta(minutes=4)
    )
    page.reload()
    banner = page.locator("#sesi-banner")
    banner.wait_for(state="visible")
    assert "Sesi Anda berakhir dalam 4 menit" in banner.inner_text()
    screenshot("sesi-peringatan")

    page.get_by_role("button", name="Perpanjang sesi").click()
    page.get_by_text("Sesi diperpanjang sampai pukul").wait_for()
    sisa = Session.objects.get(session_key=kue["value"]).expire_date - timezone.now()
    assert sisa > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
