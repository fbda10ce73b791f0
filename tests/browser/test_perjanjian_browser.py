"""The Perjanjian Kinerja in a real browser: the admin prepares the Kepala Dinas's PK (the
Walikota, the holder's NIP, the IKU list), the Kepala Dinas approves and signs it, the signed
PDF is downloaded and verified on the public page by an anonymous visitor. Screenshots of
the PK page at phone (390 px) and desktop (1366 px) width go to artifacts/."""

from pathlib import Path

import pytest

from organisasi.models import Organisasi
from perjanjian.models import Eselon, Jabatan, VersiPerjanjian
from rencana.demo import muat_palangkaraya
from tests.browser.conftest import ARTIFACTS
from tests.laporan.persetujuan_bantu import siapkan_kepala
from tests.personas import SANDI, buat_kantor

ORG = "palangkaraya"


@pytest.fixture
def kantor_pk(transactional_db, settings, live_server):
    settings.URL_SITUS = live_server.url
    organisasi = Organisasi.objects.create(
        slug=ORG, nama="Dinas Sosial Kota Palangka Raya", kota="Palangka Raya",
        pemerintah="Pemerintah Kota Palangka Raya", dinas="Dinas Sosial",
    )  # fmt: skip
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    siapkan_kepala(kantor, settings.TANDA_TANGAN_DIR)  # the organisasi's head and key
    muat_palangkaraya(organisasi)  # seed 002: IKU 2025
    Jabatan.objects.create(
        organisasi=organisasi, kode="kepala-dinas", eselon=Eselon.II,
        nama="Kepala Dinas Sosial Kota Palangka Raya",
    )  # fmt: skip
    return kantor


def sesi(browser, lebar: int = 1366):
    ctx = browser.new_context(
        viewport={"width": lebar, "height": 900}, locale="id-ID", accept_downloads=True
    )
    halaman = ctx.new_page()
    halaman.set_default_timeout(20_000)
    return ctx, halaman


def kirim(halaman, tombol) -> None:
    with halaman.expect_navigation():
        tombol.click()


def masuk(halaman, live_server, username: str) -> None:
    halaman.goto(f"{live_server.url}/masuk/")
    halaman.get_by_label("Nama pengguna").fill(username)
    halaman.get_by_label("Kata sandi").fill(SANDI)
    kirim(halaman, halaman.get_by_role("button", name="Masuk"))


def foto(halaman, nama: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{nama}.png"
    halaman.screenshot(path=str(path), full_page=True)
    return path


def test_admin_prepares_kepala_approves_and_the_pdf_verifies(browser, live_server, kantor_pk):
    url_pk = f"{live_server.url}/o/{ORG}/perjanjian/2025/kepala-dinas/"

    # The admin: from the menu to the PK, then its preparation.
    ctx, admin = sesi(browser)
    masuk(admin, live_server, "admin_org")
    kirim(admin, admin.get_by_role("link", name="Perjanjian", exact=True))
    admin.goto(f"{live_server.url}/o/{ORG}/perjanjian/?tahun=2025")
    kirim(admin, admin.get_by_role("link", name="Kepala Dinas Sosial Kota Palangka Raya"))
    assert "Draf" in admin.locator(".pk-status").first.inner_text()
    assert admin.get_by_role("button", name="Setujui dan tandatangani").count() == 0
    kirim(admin, admin.get_by_role("link", name="Siapkan PK"))
    admin.get_by_label("NIP").fill("197112061994031006")
    admin.locator("input[name=kd_nama]").fill("Nama Wali Kota Contoh")
    admin.locator("input[name=kd_jabatan]").fill("Wali Kota Palangka Raya")
    assert admin.locator("input[name=indikator]:checked").count() == 1  # IKU-1
    kirim(admin, admin.get_by_role("button", name="Simpan persiapan"))
    assert admin.url == url_pk
    teks = admin.locator(".pk-pihak-grid").inner_text()
    assert "Nama Wali Kota Contoh" in teks and "Wali Kota Palangka Raya" in teks
    assert "Persentase PPKS yang ditangani sesuai standar" in admin.content()
    ctx.close()

    # The Kepala Dinas approves and signs.
    ctx, kepala = sesi(browser)
    masuk(kepala, live_server, "kepala")
    kepala.goto(url_pk)
    form = kepala.locator("form.pk-form")
    form.locator("input[name=tanggal]").fill("2025-01-15")
    form.locator("input[name=konfirmasi]").check()
    kirim(kepala, form.get_by_role("button", name="Setujui dan tandatangani"))
    assert "disetujui dan ditandatangani (versi 1)" in kepala.locator(".pesan").inner_text()
    versi = VersiPerjanjian.objects.get()
    with kepala.expect_download() as unduhan:
        kepala.get_by_role("link", name="Unduh PDF bertanda tangan").click()
    pdf = Path(unduhan.value.path()).read_bytes()
    assert pdf == bytes(versi.pdf)
    foto(kepala, "perjanjian-pk-1366")
    kepala.set_viewport_size({"width": 390, "height": 844})
    kepala.reload()
    foto(kepala, "perjanjian-pk-390")
    ctx.close()

    # Anyone verifies the downloaded PDF.
    ctx, tamu = sesi(browser)
    tamu.goto(f"{live_server.url}/verifikasi/{versi.token}/")
    assert tamu.locator("#judul-status").inner_text().strip() == "Dokumen asli"
    assert (
        "Kepala Dinas Sosial Kota Palangka Raya"
        in tamu.locator(".verifikasi__rincian").first.inner_text()
    )
    tamu.goto(f"{live_server.url}/verifikasi/")
    tamu.set_input_files("input[name=berkas]", files=[
        {"name": "pk.pdf", "mimeType": "application/pdf", "buffer": pdf}])  # fmt: skip
    kirim(tamu, tamu.get_by_role("button", name="Periksa berkas"))
    hasil = tamu.locator("section[role=status]")
    assert hasil.locator("#judul-hasil").inner_text().strip() == "Dokumen asli"
    assert "Perjanjian Kinerja Tahun 2025" in hasil.inner_text()
    foto(tamu, "perjanjian-verifikasi-asli")
    ctx.close()
