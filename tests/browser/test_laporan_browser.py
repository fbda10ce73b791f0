"""The signed monthly report in a real browser, as the Kepala Dinas and the staf use it.

The Kepala Dinas reviews March 2025, returns one bidang with a note, the staf fixes and
resubmits, the Kepala approves and signs; the signed PDF is downloaded and checked, then
verified on the public page by an anonymous visitor (genuine, then one byte flipped:
refused). Reopening marks version 1 superseded, approving again issues version 2.
Screenshots (desktop and phone) are kept in artifacts/.
"""

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
from dasar.angka import format_persen
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from laporan.builder import bangun_laporan
from laporan.models import KunciBulan, LaporanTertanda
from organisasi.models import Organisasi
from tests.browser.conftest import ARTIFACTS
from tests.factories import isi_realisasi
from tests.laporan.persetujuan_bantu import ajukan_semua, setujui, siapkan_kepala
from tests.personas import FAKIR_MISKIN, SANDI, TAHUN, buat_kantor

ORG = "palangkaraya"
PENANDA = "H. RIDUAN, SKM, M.M. Kes"
CATATAN = "R06 belum sesuai rekap DTKS Maret: mohon periksa lagi (seharusnya 6.010)."


@pytest.fixture
def kantor_ttd(transactional_db, settings, live_server):
    """Palangka Raya with January-March 2025 entered and a Kepala Dinas who can sign; the
    QR code and verification link of signed PDFs point at the live server."""
    settings.URL_SITUS = live_server.url
    organisasi = Organisasi.objects.create(
        slug=ORG,
        nama="Dinas Sosial Kota Palangka Raya",
        pemerintah="Pemerintah Kota Palangka Raya",
        dinas="Dinas Sosial",
        kota="Palangka Raya",
    )
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    siapkan_kepala(kantor, settings.TANDA_TANGAN_DIR)
    return kantor


@pytest.fixture
def konteks(browser):
    """Opens more browser sessions (another person, an anonymous visitor); closed after."""
    dibuka = []

    def buka(lebar: int = 1280, tinggi: int = 900):
        ctx = browser.new_context(
            viewport={"width": lebar, "height": tinggi}, locale="id-ID", accept_downloads=True
        )
        dibuka.append(ctx)
        halaman = ctx.new_page()
        halaman.set_default_timeout(15_000)
        return halaman

    yield buka
    for ctx in dibuka:
        ctx.close()


def foto(halaman, nama: str) -> Path:
    """Like the ``screenshot`` fixture, for a page of another session."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{nama}.png"
    halaman.screenshot(path=str(path), full_page=True)
    return path


def url_laporan(live_server, bulan: int = 3) -> str:
    return f"{live_server.url}/o/{ORG}/laporan/{TAHUN}/{bulan}/"


def url_entri(live_server, bulan: int = 3) -> str:
    return f"{live_server.url}/o/{ORG}/entri/{TAHUN}/{bulan}/{FAKIR_MISKIN}/"


def kirim(halaman, tombol) -> None:
    """Clicks a form's button and waits for the page the server answers with (after its
    redirect), so nothing is read from the page being left."""
    with halaman.expect_navigation():
        tombol.click()


def masuk(halaman, live_server, username: str) -> None:
    halaman.goto(f"{live_server.url}/masuk/")
    halaman.get_by_label("Nama pengguna").fill(username)
    halaman.get_by_label("Kata sandi").fill(SANDI)
    kirim(halaman, halaman.get_by_role("button", name="Masuk"))


def rata(teks: str) -> str:
    return " ".join(teks.split())


def teks_pdf(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return hasil.stdout.decode("utf-8")


def status_bidang(page) -> dict[str, str]:
    baris = page.locator("li.daftar-bidang__baris")
    return {
        baris.nth(i).get_attribute("data-bidang"): baris.nth(i)
        .locator(".label-status")
        .inner_text()
        .strip()
        for i in range(baris.count())
    }


def pesan(page) -> str:
    return page.locator(".pesan").inner_text()


def setujui_di_halaman(page, tanggal: str) -> None:
    form = page.locator("form.form-setujui")
    form.locator("input[name=konfirmasi]").check()
    page.fill("input[name=tanggal]", tanggal)
    kirim(page, form.get_by_role("button", name="Setujui dan tandatangani"))


def periksa_unggahan(halaman, nama: str, isi: bytes) -> None:
    halaman.set_input_files(
        "input[name=berkas]", files=[{"name": nama, "mimeType": "application/pdf", "buffer": isi}]
    )
    kirim(halaman, halaman.get_by_role("button", name="Periksa berkas"))


def di_luar_loop(fungsi, *args, **kwargs):
    """Runs ``fungsi`` in another thread: Playwright's sync API keeps an asyncio loop running
    in this one, and pyHanko's signing calls asyncio.run(), which refuses to nest. The
    thread's database connection is closed afterwards."""

    def jalankan():
        try:
            return fungsi(*args, **kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(jalankan).result()


def test_kepala_dinas_reviews_returns_approves_verifies_and_reopens_march(
    page, live_server, kantor_ttd, konteks, screenshot
):
    kantor = kantor_ttd
    r06 = kantor.rumus["R06"].pk
    ajukan_semua(kantor, 3)

    # The Kepala Dinas lands on the dashboard and follows its link to March's report.
    masuk(page, live_server, "kepala")
    assert f"/o/{ORG}/dasbor/" in page.url
    page.goto(f"{live_server.url}/o/{ORG}/dasbor/?tahun=2025&bulan=3")
    page.get_by_role("link", name="Tinjau dan setujui laporan Maret 2025").click()
    page.wait_for_url(url_laporan(live_server))
    assert page.get_by_role("heading", name="Laporan progres capaian Maret 2025").is_visible()
    status = status_bidang(page)
    assert len(status) == 5 and set(status.values()) == {"Diajukan"}, status
    assert "Menunggu persetujuan Kepala Dinas" in page.locator(".laporan-kepala").inner_text()
    assert page.get_by_role("button", name="Setujui dan tandatangani").is_visible()
    assert page.locator(".kertas--draf .tanda-draf").is_visible()
    screenshot("laporan-kepala-menunggu")

    # He returns Penanganan Fakir Miskin with a note.
    fakir = page.locator(f"li[data-bidang='{FAKIR_MISKIN}']")
    fakir.locator("summary", has_text="Kembalikan dengan catatan").click()
    fakir.get_by_label("Catatan untuk Bidang Penanganan Fakir Miskin").fill(CATATAN)
    kirim(page, fakir.get_by_role("button", name="Kembalikan ke bidang"))
    assert page.url == url_laporan(live_server)
    assert "dikembalikan ke Bidang Penanganan Fakir Miskin" in pesan(page)
    fakir = page.locator(f"li[data-bidang='{FAKIR_MISKIN}']")
    assert fakir.locator(".label-status").inner_text().strip() == "Dikembalikan"
    assert CATATAN in fakir.locator(".catatan-kembali").inner_text()
    assert page.get_by_role("button", name="Setujui dan tandatangani").count() == 0
    belum = page.locator("#judul-persetujuan + p").inner_text()
    assert "Belum: Penanganan Fakir Miskin (dikembalikan)" in belum
    screenshot("laporan-kepala-dikembalikan")

    # alice sees the note on her entry page, corrects R06, saves and submits again.
    alice = konteks()
    masuk(alice, live_server, "alice")
    alice.goto(url_entri(live_server))
    catatan = alice.get_by_role("note")
    assert "Dikembalikan oleh" in catatan.inner_text()
    assert CATATAN in catatan.locator(".catatan-kembali").inner_text()
    alice.locator(f"[name='r-{r06}-realisasi']").fill("6.010")
    persen = f"document.querySelector('#baris-{r06} [data-persen]').textContent.trim()"
    alice.wait_for_function(f"() => {persen} === '88,6%'")
    kirim(alice, alice.get_by_role("button", name="Simpan draf"))
    assert Realisasi.objects.get(rumus_id=r06, tahun=TAHUN, bulan=3).realisasi == Decimal(6010)
    alice.once("dialog", lambda dialog: dialog.accept())
    kirim(alice, alice.get_by_role("button", name="Ajukan ke Kepala Dinas"))
    assert "diajukan ke Kepala Dinas" in alice.content()
    pengajuan = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3)
    assert pengajuan.status == StatusPengajuan.DIAJUKAN

    # The Kepala reloads: every bidang submitted; he approves with the report date.
    page.reload()
    assert set(status_bidang(page).values()) == {"Diajukan"}
    # Without the confirmation ticked nothing is signed, and the chosen date is kept.
    page.fill("input[name=tanggal]", "2025-04-15")
    kirim(page, page.get_by_role("button", name="Setujui dan tandatangani"))
    galat = page.locator(".form-setujui .galat-isian").inner_text()
    assert galat == "Centang pernyataan persetujuan lebih dulu."
    assert page.input_value("input[name=tanggal]") == "2025-04-15"
    assert not LaporanTertanda.objects.exists()
    setujui_di_halaman(page, "2025-04-15")
    assert page.url == url_laporan(live_server)
    assert "disetujui dan ditandatangani (versi 1)" in pesan(page)
    assert "Disetujui · versi 1" in page.locator(".laporan-kepala").inner_text()
    assert page.locator(".tanda-draf").count() == 0
    assert set(status_bidang(page).values()) == {"Disetujui"}
    assert KunciBulan.objects.filter(organisasi=kantor.organisasi, tahun=TAHUN, bulan=3).exists()
    screenshot("laporan-kepala-disetujui")

    # The signed PDF, through the page's link: the stored bytes, with the signature block
    # and the month's figures (alice's correction included).
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh PDF bertanda tangan").click()
    pdf = Path(unduhan.value.path()).read_bytes()
    assert unduhan.value.suggested_filename.endswith(".pdf")
    v1 = LaporanTertanda.objects.get(organisasi=kantor.organisasi, tahun=TAHUN, bulan=3)
    assert pdf.startswith(b"%PDF") and pdf == bytes(v1.pdf)
    laporan = bangun_laporan(kantor.organisasi, TAHUN, 3)
    total, sd_bulan = (
        format_persen(laporan.total_bulan, 2),
        format_persen(laporan.capaian_sd_bulan, 2),
    )
    # alice's 5.980 -> 6.010 moved R06 from 88,2% to 88,6%; seed 000's month (9,66%, s.d.
    # Maret 24,86%) moves a little.
    assert (total, sd_bulan) == ("9,68%", "24,87%")
    teks = rata(teks_pdf(pdf))
    assert "Ditandatangani secara elektronik" in teks
    assert "Palangka Raya, 15 April 2025" in teks
    assert PENANDA in teks
    assert re.search(rf"Persentase Capaian TOTAL MARET 2025 {re.escape(total)}", teks), teks
    assert f"CAPAIAN SD BULAN MARET : {sd_bulan}" in teks
    assert "DRAF" not in teks
    assert f"{live_server.url}/verifikasi/{v1.token}/" in "".join(teks.split())

    # The verification link on the page, opened by anyone (no login).
    tautan_v1 = page.locator(".laporan-samping a[href^='/verifikasi/']").first
    href_v1 = tautan_v1.get_attribute("href")
    assert href_v1 == f"/verifikasi/{v1.token}/"
    tamu = konteks()
    tamu.goto(live_server.url + href_v1)
    assert "/masuk/" not in tamu.url
    assert tamu.locator("#judul-status").inner_text().strip() == "Dokumen asli"
    rincian = rata(tamu.locator(".verifikasi__rincian").first.inner_text())
    assert "Versi 1" in rincian and PENANDA in rincian and "15 April 2025" in rincian

    periksa_unggahan(tamu, unduhan.value.suggested_filename, pdf)
    hasil = tamu.locator("section[role=status]")
    assert hasil.locator("#judul-hasil").inner_text().strip() == "Dokumen asli"
    assert "sama persis dengan dokumen ini" in hasil.inner_text()
    assert "verifikasi__status--asli" in hasil.get_attribute("class")
    foto(tamu, "laporan-verifikasi-asli")

    diubah = bytearray(pdf)
    diubah[len(diubah) // 2] ^= 0x01
    periksa_unggahan(tamu, "laporan-diubah.pdf", bytes(diubah))
    hasil = tamu.locator("section[role=status]")
    assert hasil.locator("#judul-hasil").inner_text().strip() == "Tidak asli"
    assert "tidak cocok dengan dokumen mana pun" in hasil.inner_text()
    assert "verifikasi__status--tidak" in hasil.get_attribute("class")
    # The page's own document is still declared genuine next to the refused upload.
    assert tamu.locator("#judul-status").inner_text().strip() == "Dokumen asli"
    foto(tamu, "laporan-verifikasi-diubah")

    # alice's March is now read-only for her.
    alice.goto(url_entri(live_server))
    assert "sudah disetujui dan ditandatangani Kepala Dinas" in alice.locator("main").inner_text()
    assert alice.locator(f"[name='r-{r06}-realisasi']").count() == 0
    assert alice.get_by_role("button", name="Simpan draf").count() == 0
    foto(alice, "laporan-staf-disetujui")

    # The Kepala reopens the month with a reason: version 1 stays, marked superseded.
    alasan = "Angka R10 Maret direvisi oleh bidang."
    page.locator("summary", has_text="Buka kembali bulan ini").click()
    page.get_by_label("Alasan membuka kembali").fill(alasan)
    kirim(page, page.get_by_role("button", name="Buka kembali", exact=True))
    assert "dibuka kembali; versi 1 ditandai digantikan" in pesan(page)
    versi = page.locator(".daftar-versi li")
    assert versi.count() == 1
    assert "Versi 1" in versi.first.inner_text()
    assert "digantikan" in versi.first.inner_text() and alasan in versi.first.inner_text()
    assert page.locator(".kertas--draf").count() == 1
    assert not KunciBulan.objects.filter(tahun=TAHUN, bulan=3).exists()
    screenshot("laporan-dibuka-kembali")

    # Approving again issues version 2.
    setujui_di_halaman(page, "2025-04-15")
    assert "disetujui dan ditandatangani (versi 2)" in pesan(page)
    versi = page.locator(".daftar-versi li")
    assert [rata(versi.nth(i).inner_text())[:7] for i in range(2)] == ["Versi 2", "Versi 1"]
    assert "berlaku" in versi.nth(0).inner_text() and "digantikan" in versi.nth(1).inner_text()
    assert versi.nth(1).locator("a", has_text="verifikasi").get_attribute("href") == href_v1

    # Version 1's verification page now says it was superseded by version 2.
    tamu.goto(live_server.url + href_v1)
    judul = tamu.locator("#judul-status").inner_text().strip()
    assert judul == "Versi ini sudah digantikan oleh versi 2"
    v2 = LaporanTertanda.objects.get(organisasi=kantor.organisasi, tahun=TAHUN, bulan=3, versi=2)
    lihat = tamu.get_by_role("link", name="Lihat versi 2")
    assert lihat.get_attribute("href") == f"/verifikasi/{v2.token}/"
    assert alasan in tamu.locator(".verifikasi__rincian").first.inner_text()
    # The old file is still genuine, but the upload says it is not the current version.
    periksa_unggahan(tamu, unduhan.value.suggested_filename, pdf)
    hasil = tamu.locator("section[role=status]")
    assert hasil.locator("#judul-hasil").inner_text().strip() == judul
    foto(tamu, "laporan-verifikasi-digantikan")


def test_a_staf_bidang_gets_404_on_the_report_page(page, live_server, kantor_ttd):
    masuk(page, live_server, "alice")
    for alamat in (url_laporan(live_server), url_laporan(live_server) + "pdf/"):
        response = page.goto(alamat)
        assert response.status == 404, alamat
    page.goto(f"{live_server.url}/o/{ORG}/dasbor/?tahun=2025&bulan=3")
    assert page.locator(f"a[href*='/laporan/{TAHUN}/3/']").count() == 0


def test_the_approved_notice_offers_the_staf_no_link_she_cannot_open(page, live_server, kantor_ttd):
    di_luar_loop(setujui, kantor_ttd, bulan=3, tanggal=date(2025, 4, 15))
    masuk(page, live_server, "alice")
    page.goto(url_entri(live_server))
    pemberitahuan = page.locator(".pemberitahuan--sukses")
    assert "sudah disetujui dan ditandatangani Kepala Dinas" in pemberitahuan.inner_text()
    for i in range(pemberitahuan.locator("a").count()):
        href = pemberitahuan.locator("a").nth(i).get_attribute("href")
        response = page.request.get(live_server.url + href)
        assert response.status == 200, f"{href}: {response.status}"


def test_the_report_and_verification_pages_at_phone_width(
    page, live_server, kantor_ttd, konteks, screenshot
):
    ajukan_semua(kantor_ttd, 3)
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, "kepala")
    page.goto(url_laporan(live_server))
    assert page.get_by_role("button", name="Setujui dan tandatangani").is_visible()
    lebar = page.evaluate("document.documentElement.scrollWidth")
    screenshot("laporan-ponsel-menunggu")
    assert lebar <= 390, f"halaman laporan melebar ke samping: {lebar}px"

    v1 = di_luar_loop(setujui, kantor_ttd, bulan=3, tanggal=date(2025, 4, 15))
    page.reload()
    assert "Disetujui · versi 1" in page.locator(".laporan-kepala").inner_text()
    assert page.get_by_role("link", name="Unduh PDF bertanda tangan").is_visible()
    lebar = page.evaluate("document.documentElement.scrollWidth")
    screenshot("laporan-ponsel")
    assert lebar <= 390, f"halaman laporan melebar ke samping: {lebar}px"
    # The table keeps its columns and scrolls sideways in its own box: the month's total
    # is reachable with a swipe.
    gulir = page.get_by_role("region", name="Progres Capaian Indikator Kinerja Tahun 2025")
    assert gulir.evaluate("el => el.scrollWidth > el.clientWidth")
    total = gulir.locator("tr", has_text="Persentase Capaian TOTAL MARET 2025").locator("td").last
    total.scroll_into_view_if_needed()
    assert total.inner_text().strip() == "9,66%"
    assert gulir.evaluate("el => el.scrollLeft") > 0
    screenshot("laporan-ponsel-tabel-digulir")

    tamu = konteks(390, 844)
    tamu.goto(f"{live_server.url}/verifikasi/{v1.token}/")
    assert tamu.locator("#judul-status").inner_text().strip() == "Dokumen asli"
    lebar = tamu.evaluate("document.documentElement.scrollWidth")
    foto(tamu, "laporan-verifikasi-ponsel")
    assert lebar <= 390, f"halaman verifikasi melebar ke samping: {lebar}px"
