"""A staf bidang does March 2025 in a real browser: logs in, types Indonesian numbers, sees
the report's figures recomputed, saves, submits; another bidang's staf cannot reach the rows.
Screenshots of the entry page (desktop and phone) and the dashboard are kept in artifacts/."""

from decimal import Decimal

import pytest

from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from organisasi.models import Organisasi
from tests.factories import isi_realisasi
from tests.personas import SANDI, TAHUN, buat_kantor

MILIK_ALICE = {"R06", "R07", "R08"}


@pytest.fixture
def kantor_maret(transactional_db):
    organisasi = Organisasi.objects.create(
        slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya", kota="Palangka Raya"
    )
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    # Every other bidang has already entered March; alice's three rows are still empty.
    maret = {k: v for k, v in PALANGKARAYA_REALISASI[3].items() if k not in MILIK_ALICE}
    isi_realisasi(kantor.rumus, TAHUN, 3, maret)
    return kantor


def masuk(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def keluar(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def ringkas(page, kunci: str) -> str:
    return page.locator(f"[data-ringkas='{kunci}']").inner_text().strip()


def test_staf_bidang_fills_saves_and_submits_a_month(page, live_server, kantor_maret, screenshot):
    kantor = kantor_maret
    r06 = kantor.rumus["R06"].pk
    masuk(page, live_server, "alice")

    # The dashboard is the landing page and offers the month's entry for her bidang.
    assert "/o/palangkaraya/dasbor/" in page.url
    page.get_by_role("link", name="Isi realisasi Maret").click()
    page.wait_for_load_state()
    assert "/entri/2025/3/penanganan-fakir-miskin/" in page.url
    # Every input has a label (read by screen readers; the table header shows it visually).
    assert page.get_by_label("Realisasi R06").count() == 1

    # Pembagi comes prefilled from February; she types the realisasi as she would on paper.
    assert page.locator(f"[name='r-{r06}-pembagi']").input_value() == "6.780"
    page.locator(f"[name='r-{r06}-realisasi']").fill("5.980")
    page.locator(f"[name='r-{r06}-keterangan']").fill("Data DTKS Maret")
    row = page.locator(f"#baris-{r06}")
    page.wait_for_function(
        "() => document.querySelector(\"[data-ringkas='capaian_sd_bulan']\")"
        ".textContent.trim() === '24,86%'"
    )
    assert row.locator("[data-persen]").inner_text().strip() == "88,2%"
    assert ringkas(page, "capaian_sd_bulan_lalu") == "15,19%"
    assert "9,66%" in page.locator(".ringkasan").inner_text()
    screenshot("entri-staf-mengetik")

    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert "tersimpan" in page.content().lower() or "diisi" in page.content()
    simpan = Realisasi.objects.get(rumus__kode="R06", tahun=TAHUN, bulan=3)
    assert simpan.realisasi == Decimal("5980")
    assert simpan.pembagi == Decimal("6780")
    assert simpan.diisi_oleh == kantor.alice

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ajukan ke Kepala Dinas").click()
    page.wait_for_load_state()
    assert "diajukan ke Kepala Dinas" in page.content()
    pengajuan = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3)
    assert pengajuan.status == StatusPengajuan.DIAJUKAN
    # Submitted: read-only for her until the Kepala Dinas returns it.
    assert page.locator(f"[name='r-{r06}-realisasi']").count() == 0
    screenshot("entri-staf-diajukan")

    page.goto(f"{live_server.url}/o/palangkaraya/dasbor/?tahun=2025&bulan=3")
    teks = page.locator("main").inner_text()
    assert "24,86%" in teks and "9,66%" in teks and "15,19%" in teks
    assert "Diajukan" in teks
    screenshot("dasbor-staf-setelah-mengajukan")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/o/palangkaraya/entri/2025/4/penanganan-fakir-miskin/")
    page.locator(f"[name='r-{r06}-realisasi']").fill("6.010")
    persen = f"document.querySelector('#baris-{r06} [data-persen]').textContent.trim()"
    page.wait_for_function(f"() => {persen} === '88,6%'")
    assert ringkas(page, "capaian_sd_bulan_lalu") == "24,86%"
    screenshot("entri-staf-ponsel")


def test_staf_of_another_bidang_cannot_reach_those_rows(page, live_server, kantor_maret):
    masuk(page, live_server, "bob")
    response = page.goto(f"{live_server.url}/o/palangkaraya/entri/2025/3/penanganan-fakir-miskin/")
    assert response.status == 404
    page.goto(f"{live_server.url}/o/palangkaraya/dasbor/?tahun=2025&bulan=3")
    entri_alice = page.locator("a[href*='/entri/2025/3/penanganan-fakir-miskin/']")
    assert entri_alice.count() == 0
    jejak = page.goto(
        f"{live_server.url}/o/palangkaraya/jejak/baris/{kantor_maret.rumus['R06'].pk}/"
    )
    assert jejak.status == 404


def test_kepala_dinas_sees_the_month_read_only(page, live_server, kantor_maret, screenshot):
    masuk(page, live_server, "kepala")
    page.goto(f"{live_server.url}/o/palangkaraya/entri/2025/3/penanganan-fakir-miskin/")
    r06 = kantor_maret.rumus["R06"].pk
    assert page.locator(f"[name='r-{r06}-realisasi']").count() == 0
    assert ringkas(page, "capaian_sd_bulan_lalu") == "15,19%"
    keluar(page)
    assert "/masuk/" in page.url


def test_keyboard_only_entry_moves_row_by_row(page, live_server, kantor_maret):
    kantor = kantor_maret
    masuk(page, live_server, "alice")
    page.goto(f"{live_server.url}/o/palangkaraya/entri/2025/3/penanganan-fakir-miskin/")
    r06, r07 = kantor.rumus["R06"].pk, kantor.rumus["R07"].pk
    page.locator(f"[name='r-{r06}-realisasi']").focus()
    page.keyboard.type("5.980")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"r-{r06}-keterangan"
    page.keyboard.press("Tab")
    # Tab goes on into the next row (its links, then its pembagi).
    for _ in range(4):
        if page.evaluate("document.activeElement.name") == f"r-{r07}-pembagi":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"r-{r07}-pembagi"
