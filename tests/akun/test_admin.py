"""Users and their roles in the Django admin: superusers only, with checked memberships."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from akun.forms import AnggotaForm
from akun.models import Anggota, KunciMasuk, Peran


def anggota_form(kantor, peran, bidang, organisasi=None, pengguna=None):
    pengguna = pengguna or User.objects.create_user("dina")
    return AnggotaForm(
        data={
            "organisasi": (organisasi or kantor.organisasi).pk,
            "peran": peran,
            "bidang": [b.pk for b in bidang],
            "jabatan": "Analis",
        },
        instance=Anggota(pengguna=pengguna),
    )


def test_staf_bidang_needs_at_least_one_bidang(kantor):
    form = anggota_form(kantor, Peran.STAF, [])
    assert form.errors["bidang"] == ["Staf Bidang harus memiliki sedikitnya satu bidang."]


def test_bidang_must_belong_to_the_organisasi_of_the_member(kantor):
    form = anggota_form(kantor, Peran.STAF, [kantor.fakir_miskin, kantor.bidang_lain])
    assert form.errors["bidang"] == [
        "Bidang Rehabilitasi Sosial bukan milik Dinas Sosial Kota Palangka Raya; "
        "pilih bidang dari organisasi anggota ini."
    ]


def test_only_staf_bidang_have_bidang(kantor):
    form = anggota_form(kantor, Peran.KEPALA, [kantor.fakir_miskin])
    assert "Bidang hanya diisi untuk Staf Bidang" in form.errors["bidang"][0]


def test_a_valid_membership_is_saved(kantor):
    form = anggota_form(kantor, Peran.STAF, [kantor.fakir_miskin, kantor.pemberdayaan])
    assert form.is_valid(), form.errors
    anggota = form.save()
    assert set(anggota.bidang.all()) == {kantor.fakir_miskin, kantor.pemberdayaan}


def test_bidang_choices_name_their_organisasi(kantor):
    form = anggota_form(kantor, Peran.STAF, [])
    labels = [label for _, label in form.fields["bidang"].choices]
    assert "Rehabilitasi Sosial (seruyan)" in labels
    assert "Rehabilitasi Sosial (palangkaraya)" in labels


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/akun/anggota/",
        "/admin/akun/kuncimasuk/",
    ],
)
def test_an_organisasi_admin_cannot_manage_users(client, kantor, url):
    client.force_login(kantor.admin_org)
    assert client.get(url).status_code == 403


def test_an_organisasi_admin_sees_no_user_section_on_the_admin_index(client, kantor):
    client.force_login(kantor.admin_org)
    html = client.get("/admin/").content.decode()
    assert "/admin/auth/user/" not in html
    assert "/admin/akun/" not in html


def test_superuser_adds_a_staf_with_their_bidang_through_the_user_page(client, kantor):
    client.force_login(kantor.root)
    form = client.get(f"/admin/auth/user/{kantor.alice.pk}/change/")
    assert form.status_code == 200
    assert "keanggotaan organisasi" in form.content.decode().lower()


def test_superuser_lists_members_with_filters(client, kantor, django_assert_max_num_queries):
    client.force_login(kantor.root)
    with django_assert_max_num_queries(12):
        response = client.get("/admin/akun/anggota/", {"peran__exact": "staf"})
    assert response.status_code == 200
    shown = [a.pengguna.username for a in response.context["cl"].result_list]
    assert sorted(shown) == ["alice", "bob", "charlie"]
    html = response.content.decode()
    assert "Penanganan Fakir Miskin" in html  # the bidang column


def test_the_anggota_page_refuses_a_bidang_of_another_organisasi(client, kantor):
    client.force_login(kantor.root)
    anggota = kantor.alice.anggota
    response = client.post(
        f"/admin/akun/anggota/{anggota.pk}/change/",
        {
            "pengguna": kantor.alice.pk,
            "organisasi": kantor.organisasi.pk,
            "peran": "staf",
            "bidang": [kantor.bidang_lain.pk],
            "jabatan": "",
        },
    )
    assert response.status_code == 200
    assert "bukan milik Dinas Sosial Kota Palangka Raya" in response.content.decode()
    assert list(anggota.bidang.all()) == [kantor.fakir_miskin]


def test_superuser_unlocks_a_locked_account(client, kantor):
    KunciMasuk.objects.create(
        nama_pengguna="alice", gagal=5, gagal_terakhir=timezone.now(),
        terkunci_sampai=timezone.now() + timezone.timedelta(minutes=15),
    )  # fmt: skip
    KunciMasuk.objects.create(nama_pengguna="bob", gagal=2, gagal_terakhir=timezone.now())
    client.force_login(kantor.root)
    daftar = client.get("/admin/akun/kuncimasuk/")
    assert "Buka kunci" in daftar.content.decode()
    alice = KunciMasuk.objects.get(nama_pengguna="alice")
    response = client.post(
        "/admin/akun/kuncimasuk/",
        {"action": "buka_kunci", "_selected_action": [alice.pk]},
        follow=True,
    )
    assert "1 akun dibuka kuncinya" in response.content.decode()
    assert list(KunciMasuk.objects.values_list("nama_pengguna", flat=True)) == ["bob"]
    masuk = client.post("/masuk/", {"username": "alice", "password": "rahasia-uji-123"})
    assert masuk.status_code == 302
