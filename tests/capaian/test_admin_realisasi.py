"""Realisasi written through the Django admin: each add, change and delete bumps the versi and
leaves an audit trail entry with the old and new values; the trail and the month states are
only viewed there.

Personas: tests/personas.py (admin_org is the organisasi admin, root the superuser).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capaian.admin import uraian_perubahan
from capaian.audit import jejak_bulan, nama_pengguna, simpan
from capaian.models import Aksi, JejakAudit, PengajuanBulan, Realisasi, StatusPengajuan, Sumber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def r06(kantor) -> Realisasi:
    """February's R06: pembagi 6.780, realisasi 5.780."""
    return Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=2025, bulan=2)


def data_ubah(obj: Realisasi, **ubah) -> dict:
    data = {
        "rumus": obj.rumus_id,
        "bulan": str(obj.bulan),
        "pembagi": "6.780",
        "realisasi": "5.780",
        "keterangan": "",
        "versi_asal": str(obj.versi),
    }
    data.update(ubah)
    return data


def ubah_url(realisasi: Realisasi) -> str:
    return reverse("admin:capaian_realisasi_change", args=[realisasi.pk])


@pytest.mark.parametrize("nama", ["admin_org", "root"])
def test_adding_a_realisasi_in_the_admin_records_it_in_the_trail(client, kantor, nama):
    user = getattr(kantor, nama)
    client.force_login(user)
    response = client.post(
        reverse("admin:capaian_realisasi_add"),
        {
            "rumus": kantor.rumus["R06"].pk,
            "bulan": "3",
            "pembagi": "6.780",
            "realisasi": "5.980",
            "keterangan": "Maret",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    baru = Realisasi.objects.get(rumus=kantor.rumus["R06"], bulan=3)
    assert baru.versi == 1
    jejak = JejakAudit.objects.get()
    assert (jejak.aksi, jejak.sumber, jejak.pengguna) == (Aksi.BUAT, Sumber.ADMIN, user)
    assert jejak.nama_pengguna == nama_pengguna(user)
    assert (jejak.kode_rumus, jejak.tahun, jejak.bulan, jejak.bidang) == (
        "R06",
        2025,
        3,
        kantor.fakir_miskin,
    )
    assert jejak.nilai_lama is None
    assert jejak.nilai_baru == {"pembagi": "6780", "realisasi": "5980", "keterangan": "Maret"}


def test_changing_a_realisasi_in_the_admin_bumps_its_versi_and_records_old_and_new(
    client, kantor, r06
):
    client.force_login(kantor.admin_org)
    response = client.post(ubah_url(r06), data_ubah(r06, realisasi="5.800", keterangan="koreksi"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    r06.refresh_from_db()
    assert (r06.realisasi, r06.versi, r06.diisi_oleh) == (Decimal(5800), 2, kantor.admin_org)
    jejak = JejakAudit.objects.get()
    assert (jejak.aksi, jejak.sumber, jejak.kode_rumus, jejak.bulan) == (
        Aksi.UBAH,
        Sumber.ADMIN,
        "R06",
        2,
    )
    assert jejak.nilai_lama == {"pembagi": "6780", "realisasi": "5780", "keterangan": ""}
    assert jejak.nilai_baru == {"pembagi": "6780", "realisasi": "5800", "keterangan": "koreksi"}


def test_saving_without_a_change_writes_nothing(client, kantor, r06):
    client.force_login(kantor.admin_org)
    response = client.post(ubah_url(r06), data_ubah(r06))
    assert response.status_code == 302
    r06.refresh_from_db()
    assert (r06.versi, r06.diisi_oleh) == (1, None)
    assert not JejakAudit.objects.exists()


def test_a_change_made_elsewhere_since_the_page_opened_is_not_overwritten(client, kantor, r06):
    client.force_login(kantor.admin_org)
    halaman = client.get(ubah_url(r06))
    assert halaman.context["adminform"].form["versi_asal"].value() == 1
    # Meanwhile alice saves February on the entry page.
    Realisasi.objects.filter(pk=r06.pk).update(
        realisasi=Decimal(5790), versi=2, diisi_oleh=kantor.alice
    )

    response = client.post(ubah_url(r06), data_ubah(r06, realisasi="5.800"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "sudah diubah oleh Alice (alice)" in errors[0]
    assert "Muat ulang halaman" in errors[0]
    r06.refresh_from_db()
    assert (r06.realisasi, r06.versi) == (Decimal(5790), 2)
    assert not JejakAudit.objects.exists()


def test_moving_a_realisasi_to_another_month_is_recorded_as_removed_and_created(
    client, kantor, r06
):
    client.force_login(kantor.root)
    response = client.post(ubah_url(r06), data_ubah(r06, bulan="3"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    jejak = list(JejakAudit.objects.order_by("pk"))
    assert [(j.aksi, j.bulan) for j in jejak] == [(Aksi.HAPUS, 2), (Aksi.BUAT, 3)]
    assert jejak[0].nilai_lama == jejak[1].nilai_baru
    assert jejak[0].catatan == "dipindahkan ke R06 03/2025"
    assert jejak[1].catatan == "dipindahkan dari R06 02/2025"
    r06.refresh_from_db()
    assert (r06.bulan, r06.versi) == (3, 2)


def test_deleting_a_realisasi_in_the_admin_records_its_last_values(client, kantor, r06):
    client.force_login(kantor.admin_org)
    response = client.post(
        reverse("admin:capaian_realisasi_delete", args=[r06.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Realisasi.objects.filter(pk=r06.pk).exists()
    jejak = JejakAudit.objects.get()
    assert (jejak.aksi, jejak.sumber, jejak.kode_rumus, jejak.bulan) == (
        Aksi.HAPUS,
        Sumber.ADMIN,
        "R06",
        2,
    )
    assert jejak.nilai_lama == {"pembagi": "6780", "realisasi": "5780", "keterangan": ""}
    assert jejak.nilai_baru is None


def test_the_delete_action_records_every_row_in_bulk(client, kantor):
    client.force_login(kantor.admin_org)

    def hapus(baris: list[Realisasi]) -> int:
        data = {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [r.pk for r in baris],
        }
        with CaptureQueriesContext(connection) as diukur:
            response = client.post(reverse("admin:capaian_realisasi_changelist"), data)
        assert response.status_code == 302
        return len(diukur)

    satu = hapus(list(Realisasi.objects.filter(bulan=1, rumus=kantor.rumus["R01"])))
    februari = list(Realisasi.objects.filter(bulan=2))
    assert hapus(februari) == satu  # the same queries for 12 rows as for one

    assert not Realisasi.objects.filter(bulan=2).exists()
    jejak = JejakAudit.objects.filter(aksi=Aksi.HAPUS, sumber=Sumber.ADMIN, bulan=2)
    assert jejak.count() == len(februari) == 12
    assert sorted(jejak.values_list("kode_rumus", flat=True)) == sorted(kantor.rumus)
    assert jejak.get(kode_rumus="R06").nilai_lama["realisasi"] == "5780"


def test_the_change_page_shows_the_versi(client, kantor, r06):
    client.force_login(kantor.admin_org)
    html = client.get(ubah_url(r06)).text
    assert 'name="versi_asal"' in html
    assert "field-versi" in html  # shown read-only under Riwayat


# The trail and the month states: view-only for everyone


@pytest.fixture
def jejak(kantor, r06) -> JejakAudit:
    simpan(
        [
            jejak_bulan(
                aksi=Aksi.AJUKAN,
                sumber=Sumber.ENTRI,
                pengguna=kantor.alice,
                organisasi=kantor.organisasi,
                tahun=2025,
                bulan=2,
                bidang=kantor.fakir_miskin,
                lama={"status": "draf"},
                baru={"status": "diajukan"},
            )
        ]
    )
    return JejakAudit.objects.get()


@pytest.mark.parametrize("nama", ["admin_org", "root"])
def test_nobody_adds_changes_or_deletes_trail_entries_in_the_admin(client, kantor, jejak, nama):
    client.force_login(getattr(kantor, nama))
    ubah = reverse("admin:capaian_jejakaudit_change", args=[jejak.pk])
    response = client.get(ubah)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["has_delete_permission"]
    assert client.post(ubah, {"catatan": "dihapus"}).status_code == 403
    assert client.get(reverse("admin:capaian_jejakaudit_add")).status_code == 403
    hapus = reverse("admin:capaian_jejakaudit_delete", args=[jejak.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    daftar = client.get(reverse("admin:capaian_jejakaudit_changelist"))
    assert daftar.context["action_form"] is None  # no delete action either
    jejak.refresh_from_db()
    assert jejak.catatan == ""


@pytest.mark.parametrize(
    "cari",
    [
        {"aksi__exact": "ajukan"},
        {"sumber__exact": "entri"},
        {"tahun": "2025"},
        {"bulan": "2"},
        {"q": "Alice"},
        {"q": "Fakir"},
    ],
)
def test_the_trail_list_filters_by_aksi_sumber_tahun_and_bulan_and_searches_names(
    client, kantor, jejak, cari
):
    client.force_login(kantor.admin_org)
    response = client.get(reverse("admin:capaian_jejakaudit_changelist"), cari)
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [jejak]


def test_the_trail_list_shows_the_change_in_indonesian_numbers(client, kantor, r06):
    client.force_login(kantor.admin_org)
    client.post(ubah_url(r06), data_ubah(r06, realisasi="5.800,5"))
    html = client.get(reverse("admin:capaian_jejakaudit_changelist")).text
    assert "realisasi: 5.780 → 5.800,5" in html


@pytest.mark.parametrize(
    ("lama", "baru", "teks"),
    [
        (None, {"pembagi": "6780", "realisasi": None, "keterangan": ""}, "pembagi: 6.780"),
        (
            {"pembagi": "45", "realisasi": "7", "keterangan": ""},
            {"pembagi": "45", "realisasi": "7.5", "keterangan": "x"},
            "realisasi: 7 → 7,5; keterangan: (kosong) → x",
        ),
        (
            {"pembagi": "1", "realisasi": "1", "keterangan": "a"},
            None,
            "pembagi: 1; realisasi: 1; keterangan: a",
        ),
        ({"status": "draf"}, {"status": "diajukan"}, "status: draf → diajukan"),
        (None, None, "-"),
    ],
)
def test_trail_values_read_as_a_sentence(lama, baru, teks):
    assert uraian_perubahan(lama, baru) == teks


def test_month_states_are_view_only_in_the_admin(client, kantor):
    pengajuan = PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=2025, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    for nama in ("admin_org", "root"):
        client.force_login(getattr(kantor, nama))
        url = reverse("admin:capaian_pengajuanbulan_change", args=[pengajuan.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert "Penanganan Fakir Miskin" in response.text
        assert client.post(url, {"status": "draf"}).status_code == 403
        assert client.get(reverse("admin:capaian_pengajuanbulan_add")).status_code == 403
        response = client.get(
            reverse("admin:capaian_pengajuanbulan_changelist"), {"status": "diajukan"}
        )
        assert list(response.context["cl"].queryset) == [pengajuan]
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.DIAJUKAN
