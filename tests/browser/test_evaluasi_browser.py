"""A staf bidang writes the analysis of an indicator's quarter and uploads a PNG as evidence
in a real browser; the Kepala Dinas sees both, read-only, and downloads the file. Screenshots
of the page at phone and desktop width: artifacts/evaluasi-indikator-{390,1366}.png (the
Kepala's) and artifacts/evaluasi-indikator-staf-{390,1366}.png (the staf's, with the forms)."""

from pathlib import Path

import pytest

from evaluasi.models import AnalisisTriwulan, BuktiDukung
from organisasi.models import Bidang, Organisasi
from rencana.demo import muat_palangkaraya
from rencana.models import (
    IndikatorRencana,
    Jenis,
    Kelompok,
    RealisasiRencana,
    Sifat,
    TargetTahunan,
    TargetTriwulan,
)
from tests.browser.conftest import ARTIFACTS
from tests.evaluasi.berkas_uji import png
from tests.personas import FAKIR_MISKIN, SANDI, buat_kantor

PENDORONG = "Verifikasi dan validasi DTKS di lapangan selesai pada Februari."
PENGHAMBAT = "Dana kegiatan baru tersedia di akhir triwulan; kendaraan operasional terbatas."
TINDAK_LANJUT = "Jadwal penyaluran dimajukan ke awal Triwulan II; asesmen ulang BNBA."


@pytest.fixture
def kantor_rencana(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    organisasi = Organisasi.objects.create(
        slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya", kota="Palangka Raya"
    )
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")
    kantor = buat_kantor(organisasi, lain)
    renstra = muat_palangkaraya(organisasi)
    ind = IndikatorRencana.objects.create(
        renstra=renstra, kelompok=Kelompok.IKK, kode="IKK-FM",
        nama="Jumlah data fakir miskin yang diverifikasi dan divalidasi", jenis=Jenis.JUMLAH,
        satuan="orang", sifat_target=Sifat.KUMULATIF,
        bidang=Bidang.objects.get(organisasi=organisasi, slug=FAKIR_MISKIN),
    )  # fmt: skip
    TargetTahunan.objects.create(indikator=ind, tahun=2025, nilai=1000)
    for tw, nilai in enumerate((250, 500, 750, 1000), start=1):
        TargetTriwulan.objects.create(indikator=ind, tahun=2025, triwulan=tw, nilai=nilai)
    RealisasiRencana.objects.create(indikator=ind, tahun=2025, triwulan=1, nilai=230)
    return kantor, renstra


def masuk(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_staf_writes_analysis_uploads_png_and_the_kepala_sees_both(
    page, live_server, kantor_rencana, tmp_path, browser
):
    kantor, renstra = kantor_rencana
    url = f"{live_server.url}/o/palangkaraya/evaluasi/{renstra.kunci}/IKK-FM/2025/tw1/"

    masuk(page, live_server, "alice")
    page.goto(url)
    page.get_by_label("Faktor pendorong").fill(PENDORONG)
    page.get_by_label("Faktor penghambat").fill(PENGHAMBAT)
    page.get_by_label("Tindak lanjut").fill(TINDAK_LANJUT)
    page.get_by_role("button", name="Simpan analisis").click()
    page.wait_for_load_state()
    assert page.get_by_text("Analisis IKK-FM Triwulan I 2025 tersimpan.").is_visible()
    assert page.get_by_label("Faktor pendorong").input_value() == PENDORONG

    gambar = tmp_path / "foto-penyaluran.png"
    gambar.write_bytes(png((320, 200)))
    page.get_by_label("Berkas").set_input_files(str(gambar))
    page.get_by_label("Keterangan").fill("Dokumentasi verifikasi lapangan")
    page.get_by_role("button", name="Simpan bukti").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="foto-penyaluran.png").is_visible()
    page.get_by_label("atau tautan").fill("https://drive.google.com/file/d/contoh/view")
    page.get_by_label("Keterangan").fill("Berita acara (Google Drive)")
    page.get_by_role("button", name="Simpan bukti").click()
    page.wait_for_load_state()
    assert BuktiDukung.objects.count() == 2
    assert AnalisisTriwulan.objects.get().diubah_oleh == kantor.alice

    ARTIFACTS.mkdir(exist_ok=True)
    for lebar, tinggi in ((1366, 900), (390, 844)):  # the staf's page, with the forms
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.goto(url)
        page.screenshot(
            path=str(ARTIFACTS / f"evaluasi-indikator-staf-{lebar}.png"), full_page=True
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= lebar
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()
    masuk(page, live_server, "kepala")
    page.goto(url)
    assert page.get_by_text(PENGHAMBAT).is_visible()
    assert page.get_by_text(TINDAK_LANJUT).is_visible()
    assert page.get_by_text("92,00%").is_visible()  # 230 of TW I's 250
    assert page.locator("textarea").count() == 0  # read-only for the Kepala Dinas
    assert page.get_by_role("button", name="Simpan bukti").count() == 0
    tautan = page.get_by_role("link", name="foto-penyaluran.png")
    assert tautan.is_visible()
    with page.expect_download() as unduhan:
        tautan.click()
    assert unduhan.value.suggested_filename == "foto-penyaluran.png"
    assert Path(unduhan.value.path()).read_bytes() == gambar.read_bytes()

    for lebar, tinggi in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.goto(url)
        page.screenshot(path=str(ARTIFACTS / f"evaluasi-indikator-{lebar}.png"), full_page=True)
        lebar_halaman = page.evaluate("document.documentElement.scrollWidth")
        assert lebar_halaman <= lebar, f"halaman melebar ke samping pada {lebar} px"

    # the quarter's overview: IKK-FM with its analysis and two evidence items
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="Evaluasi Triwulan I 2025").click()
    page.wait_for_load_state()
    baris = page.locator("tr", has_text="IKK-FM")
    assert "Ada" in baris.inner_text() and "92,00%" in baris.inner_text()
    page.screenshot(path=str(ARTIFACTS / "evaluasi-triwulan-1366.png"), full_page=True)
