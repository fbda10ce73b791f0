"""Optional expiry (issue 14, as DHIS2's expiry days): N days after its deadline a month locks
for staf unless the Kepala Dinas grants that bidang an exception; both are in the audit trail.
A month the Kepala returned stays open; without a setting nothing ever expires."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from akun.models import JenisNotifikasi, Notifikasi
from capaian import services
from capaian.models import Aksi, JejakAudit, PengajuanBulan, Realisasi, StatusPengajuan
from tests.personas import TAHUN

pytestmark = pytest.mark.django_db

ORG = "palangkaraya"


@pytest.fixture
def kedaluwarsa(kantor):
    kantor.organisasi.hari_kedaluwarsa = 5
    kantor.organisasi.save()
    return kantor


def _url(kantor, nama="entri", bulan=2):
    return reverse(nama, args=[ORG, TAHUN, bulan, kantor.fakir_miskin.slug])


def test_the_last_day_to_write_is_the_deadline_plus_n_days(kantor):
    org = kantor.organisasi
    assert org.batas_isian(2025, 2) is None  # off by default: nothing ever expires
    org.hari_kedaluwarsa = 5
    assert org.batas_isian(2025, 2) == date(2025, 3, 15)
    assert org.batas_isian(2025, 12) == date(2026, 1, 15)
    org.hari_kedaluwarsa = 0
    assert org.batas_isian(2025, 2) == org.tenggat(2025, 2)


def test_an_expired_month_refuses_the_staf_s_save_keeping_what_was_typed(kedaluwarsa, client):
    kantor = kedaluwarsa
    client.force_login(kantor.alice)
    halaman = client.get(_url(kantor)).content.decode()
    assert "terkunci sejak 16 Maret 2025: 5 hari setelah tenggat 10 Maret 2025" in halaman
    assert "minta Kepala Dinas memberi bidang Anda pengecualian" in halaman
    sebelum = list(Realisasi.objects.values_list("pk", "realisasi", "versi"))
    response = client.post(_url(kantor), {"aksi": "simpan"})
    assert response.status_code == 409
    assert "Minta Kepala Dinas memberi Bidang" in response.content.decode()
    assert list(Realisasi.objects.values_list("pk", "realisasi", "versi")) == sebelum
    # The service refuses too (e.g. a page opened before the month expired).
    with pytest.raises(services.BulanKedaluwarsa):
        services.simpan_bulan(pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN,
                              bulan=2, isian=[], ajukan=True)  # fmt: skip
    assert not PengajuanBulan.objects.filter(status=StatusPengajuan.DIAJUKAN).exists()


def test_the_kepala_grants_an_exception_logged_and_told_to_the_staf(kedaluwarsa, client):
    kantor = kedaluwarsa
    client.force_login(kantor.kepala)
    halaman = client.get(_url(kantor)).content.decode()
    assert "Beri Bidang Penanganan Fakir Miskin pengecualian" in halaman
    sampai = timezone.localdate() + timedelta(days=3)
    tolak = client.post(_url(kantor, "entri_pengecualian"), {"sampai": sampai.isoformat()})
    assert tolak.status_code == 422  # a reason is required
    lewat = client.post(_url(kantor, "entri_pengecualian"), {"sampai": "2025-01-01", "alasan": "x"})
    assert lewat.status_code == 422 and "sudah lewat" in lewat.content.decode()
    jawab = client.post(
        _url(kantor, "entri_pengecualian"),
        {"sampai": sampai.isoformat(), "alasan": "Operator sakit dua minggu."},
    )
    assert jawab.status_code == 303

    jejak = JejakAudit.objects.get(aksi=Aksi.PENGECUALIAN)
    assert (jejak.bidang_id, jejak.bulan, jejak.catatan) == (
        kantor.fakir_miskin.pk,
        2,
        "Operator sakit dua minggu.",
    )
    assert jejak.nilai_baru == {"pengecualian_sampai": sampai.isoformat()}
    [n] = Notifikasi.objects.filter(pengguna=kantor.alice, jenis=JenisNotifikasi.PENGECUALIAN)
    assert "Operator sakit dua minggu." in n.isi

    client.force_login(kantor.alice)
    halaman = client.get(_url(kantor)).content.decode()
    assert "dapat diisi dan diajukan sampai" in halaman
    services.simpan_bulan(pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN,
                          bulan=2, isian=[], ajukan=True)  # fmt: skip
    assert PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, bulan=2).status == (
        StatusPengajuan.DIAJUKAN
    )


def test_an_ended_exception_locks_again_and_a_returned_month_stays_open(kedaluwarsa):
    kantor = kedaluwarsa
    kemarin = timezone.localdate() - timedelta(days=1)
    PengajuanBulan.objects.create(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2,
                                  pengecualian_sampai=kemarin)  # fmt: skip
    with pytest.raises(services.BulanKedaluwarsa):
        services.simpan_bulan(pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN,
                              bulan=2, isian=[], ajukan=False)  # fmt: skip
    PengajuanBulan.objects.create(
        bidang=kantor.pemberdayaan, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIKEMBALIKAN
    )
    services.simpan_bulan(pengguna=kantor.bob, bidang=kantor.pemberdayaan, tahun=TAHUN,
                          bulan=2, isian=[], ajukan=True)  # fmt: skip


def test_only_the_kepala_sees_the_exception_form(kedaluwarsa, client):
    for persona, terlihat in [("alice", False), ("admin_org", False), ("kepala", True)]:
        client.force_login(getattr(kedaluwarsa, persona))
        halaman = client.get(_url(kedaluwarsa)).content.decode()
        assert ("entri_pengecualian" in halaman or "pengecualian/" in halaman) is terlihat


def test_the_staf_s_to_do_list_says_which_late_months_are_locked(kedaluwarsa):
    from akun.akses import lingkup_pengguna
    from laporan.tindakan import perlu_tindakan

    ling = lingkup_pengguna(kedaluwarsa.alice, ORG)
    [t] = [t for t in perlu_tindakan(ling, TAHUN, date(2025, 3, 20)) if t.jenis == "terlambat"]
    assert "Terkunci karena lewat 5 hari setelah tenggat: Januari, Februari;" in t.rincian
    [t] = [t for t in perlu_tindakan(ling, TAHUN, date(2025, 3, 12)) if t.jenis == "terlambat"]
    assert "Terkunci karena lewat 5 hari setelah tenggat: Januari;" in t.rincian  # not February
