"""In-application notifications (issue 14): a return reaches the bidang's staf with the note,
a month every bidang submitted reaches the Kepala Dinas, an approval clears what waited and
tells the staf; the daily reminders land here too (also for those who turned e-mail off), once
a day; the unread count is in the navigation; each user sees and opens only their own."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from akun.models import Anggota, JenisNotifikasi, Notifikasi
from capaian import services as entri
from capaian.models import PengajuanBulan, StatusPengajuan
from laporan import services as laporan
from tests.laporan.persetujuan_bantu import TANGGAL, siapkan_kepala
from tests.personas import TAHUN

pytestmark = pytest.mark.django_db

ORG = "palangkaraya"


def _klien(client, user):
    client.force_login(user)
    return client


def _belum(user) -> list[Notifikasi]:
    return list(Notifikasi.objects.filter(pengguna=user, dibaca_pada__isnull=True))


def _ajukan_kecuali(kantor, bulan, kecuali):
    for s in laporan.status_bulan(kantor.organisasi, TAHUN, bulan):
        if s.bidang != kecuali:
            PengajuanBulan.objects.update_or_create(
                bidang=s.bidang, tahun=TAHUN, bulan=bulan,
                defaults={"status": StatusPengajuan.DIAJUKAN},
            )  # fmt: skip


def test_a_return_reaches_the_staf_with_the_note_and_opening_it_marks_it_read(kantor, client):
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    url_kembali = reverse("entri_kembalikan", args=[ORG, TAHUN, 2, kantor.fakir_miskin.slug])
    kepala = _klien(client, kantor.kepala)
    assert kepala.post(url_kembali, {"catatan": "R06 belum sesuai DTKS."}).status_code == 303

    [n] = _belum(kantor.alice)
    assert n.jenis == JenisNotifikasi.DIKEMBALIKAN
    assert n.judul == "Isian Februari 2025 dikembalikan Kepala Dinas"
    assert "R06 belum sesuai DTKS." in n.isi
    assert _belum(kantor.bob) == [] and _belum(kantor.kepala) == []

    staf = _klien(client, kantor.alice)
    halaman = staf.get(reverse("dasbor", args=[ORG])).content.decode()
    assert '<span class="lencana">1</span>' in halaman
    assert 'aria-label="Notifikasi, 1 belum dibaca"' in halaman
    daftar = staf.get(reverse("notifikasi")).content.decode()
    assert "Isian Februari 2025 dikembalikan Kepala Dinas" in daftar
    assert "R06 belum sesuai DTKS." in daftar

    # Someone else cannot open (or learn about) it.
    assert (
        _klien(client, kantor.bob).get(reverse("buka_notifikasi", args=[n.pk])).status_code == 404
    )
    n.refresh_from_db()
    assert n.dibaca_pada is None

    buka = _klien(client, kantor.alice).get(reverse("buka_notifikasi", args=[n.pk]))
    assert buka.status_code == 302
    assert buka["Location"] == reverse("entri", args=[ORG, TAHUN, 2, kantor.fakir_miskin.slug])
    assert _belum(kantor.alice) == []
    assert '<span class="lencana">' not in staf.get(reverse("notifikasi")).content.decode()


def test_a_resubmit_clears_the_return_and_the_last_submit_tells_the_kepala(kantor):
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    entri.kembalikan_bulan(pengguna=kantor.kepala, bidang=kantor.fakir_miskin, tahun=TAHUN,
                           bulan=2, catatan="Periksa R06.")  # fmt: skip
    assert len(_belum(kantor.alice)) == 1
    _ajukan_kecuali(kantor, 2, kecuali=kantor.fakir_miskin)
    assert _belum(kantor.kepala) == []  # not every bidang yet

    entri.simpan_bulan(pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2,
                       isian=[], ajukan=True)  # fmt: skip
    assert _belum(kantor.alice) == []  # the return is done
    [n] = _belum(kantor.kepala)
    assert (n.jenis, n.judul) == (
        JenisNotifikasi.MENUNGGU,
        "Laporan Februari 2025 menunggu persetujuan Anda",
    )
    assert n.url == reverse("laporan_bulan", args=[ORG, TAHUN, 2])

    # Returning one bidang again: the month no longer waits for approval.
    entri.kembalikan_bulan(pengguna=kantor.kepala, bidang=kantor.pemberdayaan, tahun=TAHUN,
                           bulan=2, catatan="R02?")  # fmt: skip
    assert _belum(kantor.kepala) == []
    assert [x.jenis for x in _belum(kantor.bob)] == [JenisNotifikasi.DIKEMBALIKAN]


def test_an_approval_clears_the_waiting_month_and_tells_the_staf(kantor, tmp_path):
    siapkan_kepala(kantor, tmp_path)
    _ajukan_kecuali(kantor, 2, kecuali=kantor.fakir_miskin)
    entri.simpan_bulan(pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2,
                       isian=[], ajukan=True)  # fmt: skip
    assert len(_belum(kantor.kepala)) == 1
    laporan.setujui_bulan(organisasi=kantor.organisasi, tahun=TAHUN, bulan=2,
                          pengguna=kantor.kepala, tanggal=TANGGAL)  # fmt: skip
    assert _belum(kantor.kepala) == []
    for staf in (kantor.alice, kantor.bob):
        [n] = _belum(staf)
        assert (n.jenis, n.judul) == (JenisNotifikasi.DISETUJUI, "Laporan Februari 2025 disetujui")
    assert _belum(kantor.charlie) == []  # another organisasi


def test_the_daily_reminders_land_once_a_day_also_without_e_mail(kantor, mailoutbox):
    Anggota.objects.filter(pengguna=kantor.alice).update(terima_pengingat=False)
    kantor.bob.email = ""
    kantor.bob.save()
    call_command("kirim_pengingat", "--tanggal", "2025-03-08", "--format", "json", stdout=None)
    assert mailoutbox == []  # neither takes e-mail
    for staf in (kantor.alice, kantor.bob):
        jenis = {(n.jenis, n.bulan) for n in _belum(staf)}
        assert (JenisNotifikasi.BELUM_DIAJUKAN, 2) in jenis
    n = next(n for n in _belum(kantor.alice) if n.bulan == 2)
    assert n.judul == "Pengingat: isian Februari 2025 belum diajukan"
    assert "tenggatnya 10 Maret 2025 (2 hari lagi)" in n.isi
    assert "http" not in n.isi  # the notification itself is the link
    assert n.url == reverse("entri", args=[ORG, TAHUN, 2, kantor.fakir_miskin.slug])
    jumlah = Notifikasi.objects.count()
    # Read or not, a second run the same day adds nothing.
    Notifikasi.objects.filter(pk=n.pk).update(dibaca_pada=n.dibuat_pada)
    call_command("kirim_pengingat", "--tanggal", "2025-03-08", stdout=None)
    assert Notifikasi.objects.count() == jumlah


def test_mark_all_read_and_an_outside_link_is_not_followed(kantor, client):
    from django.utils import timezone

    for i, url in enumerate(["/o/palangkaraya/", "//contoh.com/jebakan"]):
        Notifikasi.objects.create(
            pengguna=kantor.alice, organisasi=kantor.organisasi, tahun=TAHUN, bulan=i + 1,
            jenis=JenisNotifikasi.DISETUJUI, judul=f"N{i}", url=url, dibuat_pada=timezone.now(),
        )  # fmt: skip
    staf = _klien(client, kantor.alice)
    luar = Notifikasi.objects.get(judul="N1")
    assert staf.get(reverse("buka_notifikasi", args=[luar.pk]))["Location"] == reverse("notifikasi")
    assert staf.post(reverse("notifikasi")).status_code == 302
    assert _belum(kantor.alice) == []


@pytest.mark.parametrize("nama", ["notifikasi", "buka_notifikasi"])
def test_anonymous_users_go_to_the_login_page(client, nama):
    url = reverse(nama) if nama == "notifikasi" else reverse(nama, args=[1])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_the_count_costs_one_query_and_only_where_the_navigation_shows(kantor, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staf = _klien(client, kantor.alice)
    with CaptureQueriesContext(connection) as ctx:
        staf.get(reverse("notifikasi"))
    hitung = [q for q in ctx.captured_queries if "akun_notifikasi" in q["sql"]]
    assert len(hitung) == 2  # the list and the unread count
