""" "Perlu tindakan" (issue 14): across every month of the year, each person sees what waits
for them, with the link that resolves it, on their landing page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akun.akses import lingkup_pengguna
from capaian.models import PengajuanBulan, StatusPengajuan
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from laporan.tindakan import perlu_tindakan, tenggat
from tests.factories import isi_realisasi
from tests.laporan.persetujuan_bantu import ajukan_semua
from tests.personas import TAHUN

pytestmark = pytest.mark.django_db


def _tindakan(kantor, persona, hari_ini):
    ling = lingkup_pengguna(getattr(kantor, persona), "palangkaraya")
    return perlu_tindakan(ling, TAHUN, hari_ini)


def test_the_deadline_is_a_day_of_the_following_month(kantor):
    assert tenggat(kantor.organisasi, 2025, 3) == date(2025, 4, 10)
    assert tenggat(kantor.organisasi, 2025, 12) == date(2026, 1, 10)
    kantor.organisasi.hari_tenggat = 5
    assert tenggat(kantor.organisasi, 2025, 3) == date(2025, 4, 5)


def test_a_returned_month_stays_on_the_staf_s_list_with_the_note(kantor):
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIKEMBALIKAN,
        catatan="R06 belum sesuai rekap DTKS.",
    )  # fmt: skip
    isi_realisasi(kantor.rumus, TAHUN, 4, {"R06": (6780, "6.000")})  # a later month has data
    t = _tindakan(kantor, "alice", date(2025, 5, 8))
    kembali = next(x for x in t if x.jenis == "dikembalikan")
    assert kembali.judul == "Februari 2025 dikembalikan Kepala Dinas"
    assert "R06 belum sesuai rekap DTKS." in kembali.rincian
    assert kembali.url == reverse(
        "entri", args=["palangkaraya", TAHUN, 2, "penanganan-fakir-miskin"]
    )
    assert t[0].penting


def test_late_and_near_deadline_months_of_the_staf(kantor):
    PengajuanBulan.objects.create(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=1,
                                  status=StatusPengajuan.DIAJUKAN)  # fmt: skip
    t = _tindakan(kantor, "alice", date(2025, 4, 8))
    jenis = {x.jenis: x for x in t}
    # February (due 10 March) is late; March (due 10 April) is two days away.
    assert jenis["terlambat"].judul == "Februari 2025 belum diajukan: terlambat 29 hari"
    assert jenis["mendekati"].judul == "Maret 2025 belum diajukan: tenggat 10 April 2025"
    assert "Tinggal 2 hari" in jenis["mendekati"].rincian
    # Many late months are one item.
    t = _tindakan(kantor, "alice", date(2025, 9, 1))
    terlambat = [x for x in t if x.jenis == "terlambat"]
    assert len(terlambat) == 1 and terlambat[0].judul.startswith("6 bulan 2025 belum diajukan")


def test_the_kepala_sees_march_waiting_even_with_a_may_draft(kantor):
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    ajukan_semua(kantor, 3)
    isi_realisasi(kantor.rumus, TAHUN, 5, {"R06": (6780, "6.100")})
    t = _tindakan(kantor, "kepala", date(2025, 5, 20))
    menunggu = [x for x in t if x.jenis == "menunggu"]
    assert [x.judul for x in menunggu] == ["Maret 2025 menunggu persetujuan Anda"]
    assert menunggu[0].url == reverse("laporan_bulan", args=["palangkaraya", TAHUN, 3])
    assert menunggu[0].label_tautan == "Tinjau dan setujui Maret 2025"


def test_the_kepala_sees_months_returned_to_a_bidang(kantor):
    ajukan_semua(kantor, 2)
    PengajuanBulan.objects.filter(bidang=kantor.fakir_miskin, bulan=2).update(
        status=StatusPengajuan.DIKEMBALIKAN
    )
    t = _tindakan(kantor, "kepala", date(2025, 3, 20))
    kembali = next(x for x in t if x.jenis == "kembali_ke_bidang")
    assert "Penanganan Fakir Miskin" in kembali.rincian


def test_the_admin_sees_what_blocks_the_year(kantor):
    t = _tindakan(kantor, "admin_org", date(2025, 3, 20))
    assert any(x.jenis == "tanpa_tanda_tangan" for x in t)
    ling = lingkup_pengguna(kantor.admin_org, "palangkaraya")
    assert any(x.jenis == "tanpa_definisi" for x in perlu_tindakan(ling, 2030, date(2030, 3, 1)))


def test_the_list_costs_the_same_queries_for_one_month_or_twelve(kantor):
    ling = lingkup_pengguna(kantor.kepala, "palangkaraya")
    with CaptureQueriesContext(connection) as sedikit:
        perlu_tindakan(ling, TAHUN, date(2025, 2, 1))
    for b in range(3, 13):
        isi_realisasi(kantor.rumus, TAHUN, b, {"R06": (6780, "6.000")})
    with CaptureQueriesContext(connection) as banyak:
        perlu_tindakan(ling, TAHUN, date(2026, 2, 1))
    assert len(banyak.captured_queries) == len(sedikit.captured_queries) <= 5


def test_the_landing_page_shows_the_list(client, kantor):
    ajukan_semua(kantor, 2)
    client.force_login(kantor.kepala)
    html = client.get(reverse("dasbor", args=["palangkaraya"])).content.decode()
    assert "Perlu tindakan" in html and "Februari 2025 menunggu persetujuan Anda" in html
    assert reverse("laporan_bulan", args=["palangkaraya", TAHUN, 2]) in html


def test_the_report_button_says_what_the_month_needs(client, kantor, tmp_path):
    from tests.laporan.persetujuan_bantu import setujui, siapkan_kepala

    client.force_login(kantor.kepala)
    url = reverse("dasbor", args=["palangkaraya"]) + "?tahun=2025&bulan=2"
    assert "Tinjau laporan Februari 2025" in client.get(url).content.decode()
    ajukan_semua(kantor, 2)
    assert "Tinjau dan setujui laporan Februari 2025" in client.get(url).content.decode()
    siapkan_kepala(kantor, tmp_path)
    setujui(kantor, 2)
    html = client.get(url).content.decode()
    assert "Lihat laporan bertanda tangan Februari 2025" in html
    assert "Tinjau dan setujui laporan Februari 2025" not in html


def test_the_year_grid_shows_each_bidang_month(client, kantor):
    from laporan.tindakan import kisi_tahun, muat_keadaan

    ajukan_semua(kantor, 1)
    PengajuanBulan.objects.filter(bidang=kantor.fakir_miskin, bulan=1).update(
        status=StatusPengajuan.DIKEMBALIKAN
    )
    kisi = kisi_tahun(muat_keadaan(kantor.organisasi, TAHUN), date(2025, 3, 20))
    fakir = next(b for b in kisi if b["bidang"] == kantor.fakir_miskin)
    assert [s["status"] for s in fakir["sel"][:4]] == ["dikembalikan", "terlambat", "kosong", ""]
    bob = next(b for b in kisi if b["bidang"] == kantor.pemberdayaan)
    assert bob["sel"][0]["status"] == "diajukan"
    client.force_login(kantor.kepala)
    html = client.get(reverse("dasbor", args=["palangkaraya"])).content.decode()
    assert "Keadaan isian 2025 per bidang" in html and "kisi__sel--dikembalikan" in html
    client.force_login(kantor.alice)
    assert (
        "Keadaan isian" not in client.get(reverse("dasbor", args=["palangkaraya"])).content.decode()
    )


def test_timeliness_per_bidang_on_the_page_and_in_excel(client, kantor):
    from datetime import datetime
    from io import BytesIO
    from zoneinfo import ZoneInfo

    from openpyxl import load_workbook

    from laporan.tindakan import ketepatan_tahun, muat_keadaan

    wib = ZoneInfo("Asia/Jakarta")
    ajukan_semua(kantor, 1)
    ajukan_semua(kantor, 2)
    PengajuanBulan.objects.filter(bulan=1).update(diajukan_pada=datetime(2025, 2, 9, 9, tzinfo=wib))
    PengajuanBulan.objects.filter(bulan=2).update(
        diajukan_pada=datetime(2025, 3, 14, 9, tzinfo=wib)
    )
    baris = ketepatan_tahun(muat_keadaan(kantor.organisasi, TAHUN), date(2025, 4, 20))
    fakir = next(k for k in baris if k.bidang == kantor.fakir_miskin)
    # January on time (9 Feb), February 4 days late (14 Mar), March past its 10 April deadline.
    assert (fakir.tepat, fakir.terlambat, fakir.hari_terlambat, fakir.belum) == (1, 1, 4, 1)
    assert fakir.rata_hari_terlambat == "4,0"
    client.force_login(kantor.kepala)
    html = client.get(reverse("dasbor", args=["palangkaraya"])).content.decode()
    assert "Ketepatan waktu pengajuan 2025" in html
    response = client.get(reverse("dasbor_ketepatan_xlsx", args=["palangkaraya"]), {"tahun": 2025})
    ws = load_workbook(BytesIO(response.content)).active
    nama = [ws.cell(row=n, column=1).value for n in range(5, 10)]
    assert "Penanganan Fakir Miskin" in nama


def test_a_submission_records_its_time(kantor):
    from decimal import Decimal

    from capaian.services import IsianBaris, NilaiBaris, simpan_bulan

    simpan_bulan(
        pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2,
        isian=[IsianBaris(rumus_id=kantor.rumus["R06"].pk, versi=2, asal=None,
                          nilai=NilaiBaris(Decimal(6780), Decimal(5780)))],
        ajukan=True,
    )  # fmt: skip
    p = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, bulan=2)
    assert p.status == StatusPengajuan.DIAJUKAN and p.diajukan_pada is not None
