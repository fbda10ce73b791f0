"""The report page: the Kepala Dinas sees each bidang's submission, returns one with a note,
approves (signs) the month and reopens it; downloads follow the month's state."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from capaian.models import PengajuanBulan, StatusPengajuan
from laporan.models import KunciBulan, LaporanTertanda
from tests.laporan.persetujuan_bantu import ajukan_semua, setujui, siapkan_kepala
from tests.personas import TAHUN

ORG = "palangkaraya"


@pytest.fixture
def kantor_ttd(kantor, settings, tmp_path):
    settings.TANDA_TANGAN_DIR = tmp_path
    siapkan_kepala(kantor, tmp_path)
    return kantor


def url(nama: str, bulan: int = 2, *extra) -> str:
    return reverse(nama, args=[ORG, TAHUN, bulan, *extra])


def test_the_page_lists_each_bidangs_submission_and_offers_no_approval_yet(client, kantor_ttd):
    PengajuanBulan.objects.create(
        bidang=kantor_ttd.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    client.force_login(kantor_ttd.kepala)
    teks = client.get(url("laporan_bulan")).content.decode()
    assert "Penanganan Fakir Miskin" in teks and "Diajukan" in teks
    assert "Pemberdayaan Sosial (draf)" in teks
    assert "Setujui dan tandatangani" not in teks
    assert "PROGRES CAPAIAN INDIKATOR KINERJA DINAS SOSIAL KOTA PALANGKA RAYA TAHUN 2025" in teks
    assert "UB. FEBRUARI 2025" in teks
    assert "DRAF" in teks


def test_the_kepala_dinas_approves_the_month_from_the_page(client, kantor_ttd):
    ajukan_semua(kantor_ttd, 2)
    client.force_login(kantor_ttd.kepala)
    halaman = client.get(url("laporan_bulan")).content.decode()
    assert "Setujui dan tandatangani" in halaman
    response = client.post(
        url("laporan_setujui"), {"tanggal": "2025-03-14", "konfirmasi": "on"}, follow=True
    )
    assert response.redirect_chain[-1] == (url("laporan_bulan"), 303)
    teks = response.content.decode()
    assert "disetujui dan ditandatangani (versi 1)" in teks
    versi = LaporanTertanda.objects.get()
    assert versi.disetujui_oleh == kantor_ttd.kepala
    assert reverse("verifikasi_token", args=[versi.token]) in teks
    assert KunciBulan.objects.filter(tahun=TAHUN, bulan=2).exists()


def test_approving_without_the_confirmation_changes_nothing(client, kantor_ttd):
    ajukan_semua(kantor_ttd, 2)
    client.force_login(kantor_ttd.kepala)
    response = client.post(url("laporan_setujui"), {"tanggal": "2025-03-14"})
    assert response.status_code == 422
    assert "Centang pernyataan persetujuan" in response.content.decode()
    assert not LaporanTertanda.objects.exists()


def test_approving_before_every_bidang_submitted_is_refused_with_their_names(client, kantor_ttd):
    client.force_login(kantor_ttd.kepala)
    response = client.post(url("laporan_setujui"), {"tanggal": "2025-03-14", "konfirmasi": "on"})
    assert response.status_code == 409
    assert "belum diajukan" in response.content.decode()
    assert not KunciBulan.objects.exists()


def test_the_kepala_dinas_returns_a_bidang_from_the_report_page(client, kantor_ttd):
    ajukan_semua(kantor_ttd, 2)
    client.force_login(kantor_ttd.kepala)
    bidang = kantor_ttd.fakir_miskin.slug
    response = client.post(
        reverse("entri_kembalikan", args=[ORG, TAHUN, 2, bidang]),
        {"catatan": "R06 tidak sesuai SIKS-NG.", "dari": "laporan"},
    )
    assert (response.status_code, response["Location"]) == (303, url("laporan_bulan"))
    p = PengajuanBulan.objects.get(bidang=kantor_ttd.fakir_miskin, tahun=TAHUN, bulan=2)
    assert (p.status, p.catatan) == (StatusPengajuan.DIKEMBALIKAN, "R06 tidak sesuai SIKS-NG.")
    client.force_login(kantor_ttd.alice)
    entri = client.get(reverse("entri", args=[ORG, TAHUN, 2, bidang])).content.decode()
    assert "R06 tidak sesuai SIKS-NG." in entri


def test_downloads_are_draft_before_approval_and_the_signed_bytes_after(client, kantor_ttd):
    client.force_login(kantor_ttd.pemantau)
    draf = client.get(url("laporan_pdf"))
    assert draf.status_code == 200 and draf["Content-Type"] == "application/pdf"
    assert "draf.pdf" in draf["Content-Disposition"]
    excel = client.get(url("laporan_xlsx"))
    assert "draf.xlsx" in excel["Content-Disposition"]
    load_workbook(io.BytesIO(excel.content))

    versi = setujui(kantor_ttd)
    unduh = client.get(url("laporan_pdf"))
    assert unduh.content == bytes(versi.pdf)
    assert client.get(url("laporan_pdf")).content == unduh.content  # identical every time
    assert client.get(url("laporan_versi_pdf", 2, 1)).content == bytes(versi.pdf)
    assert "v1.xlsx" in client.get(url("laporan_xlsx"))["Content-Disposition"]


def test_reopening_from_the_page_needs_a_reason_and_keeps_the_version(client, kantor_ttd):
    v1 = setujui(kantor_ttd)
    client.force_login(kantor_ttd.kepala)
    kosong = client.post(url("laporan_buka"), {"alasan": ""})
    assert kosong.status_code == 422
    assert "Tulis alasan" in kosong.content.decode()
    assert KunciBulan.objects.exists()

    response = client.post(url("laporan_buka"), {"alasan": "R06 salah ketik"}, follow=True)
    teks = response.content.decode()
    assert "dibuka kembali" in teks
    assert "digantikan" in teks and "R06 salah ketik" in teks
    assert not KunciBulan.objects.exists()
    assert client.get(url("laporan_versi_pdf", 2, 1)).content == bytes(v1.pdf)
    assert "Setujui dan tandatangani" in client.get(url("laporan_bulan")).content.decode()


def test_the_pemantau_sees_the_report_but_no_review_actions(client, kantor_ttd):
    ajukan_semua(kantor_ttd, 2)
    client.force_login(kantor_ttd.pemantau)
    teks = client.get(url("laporan_bulan")).content.decode()
    assert "Setujui dan tandatangani" not in teks
    assert "Kembalikan dengan catatan" not in teks


def test_the_report_page_needs_a_fixed_number_of_queries(
    client, kantor_ttd, django_assert_max_num_queries
):
    setujui(kantor_ttd)
    client.force_login(kantor_ttd.kepala)
    client.get(url("laporan_bulan"))  # warm the session
    with django_assert_max_num_queries(16):
        assert client.get(url("laporan_bulan")).status_code == 200
