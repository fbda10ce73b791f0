"""Deactivating a user ends every session they have open; the register stays tidy."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from akun.models import Peran, SesiPengguna
from tests.personas import SANDI, buat_pengguna


def masuk(username: str) -> Client:
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": SANDI})
    assert response.status_code == 302
    return client


def kunci(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_deactivating_a_user_ends_all_their_sessions(organisasi):
    alice = buat_pengguna("alice", organisasi, Peran.PEMANTAU)
    bob = buat_pengguna("bob", organisasi, Peran.PEMANTAU)
    laptop, ponsel, rekan = masuk("alice"), masuk("alice"), masuk("bob")
    assert laptop.get("/").status_code == 302
    assert Session.objects.count() == 3

    alice.is_active = False
    alice.save()

    assert not Session.objects.filter(session_key__in=[kunci(laptop), kunci(ponsel)]).exists()
    assert not SesiPengguna.objects.filter(pengguna=alice).exists()
    for client in (laptop, ponsel):
        response = client.get("/o/palangkaraya/dasbor/")
        assert response.status_code == 302
        assert response["Location"] == "/masuk/?next=/o/palangkaraya/dasbor/"
    assert Session.objects.filter(session_key=kunci(rekan)).exists()
    assert rekan.get("/")["Location"] == "/o/palangkaraya/dasbor/"
    assert bob.sesi_terdaftar.count() == 1


def test_deactivating_through_the_admin_form_ends_the_sessions(organisasi):
    from django.contrib.auth.models import User

    alice = buat_pengguna("alice", organisasi, Peran.PEMANTAU)
    sesi_alice = masuk("alice")
    root = Client()
    root.force_login(User.objects.create_superuser("root", password=SANDI))
    page = root.get(f"/admin/auth/user/{alice.pk}/change/")
    assert page.status_code == 200
    data = {
        "username": "alice",
        "first_name": alice.first_name,
        "last_name": "",
        "email": "",
        "is_staff": "",
        "is_superuser": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        "anggota-TOTAL_FORMS": "1",
        "anggota-INITIAL_FORMS": "1",
        "anggota-MIN_NUM_FORMS": "0",
        "anggota-MAX_NUM_FORMS": "1",
        "anggota-0-id": str(alice.anggota.pk),
        "anggota-0-pengguna": str(alice.pk),
        "anggota-0-organisasi": str(organisasi.pk),
        "anggota-0-peran": "pemantau",
        "anggota-0-jabatan": "",
    }  # is_active left out: the checkbox is cleared
    response = root.post(f"/admin/auth/user/{alice.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    alice.refresh_from_db()
    assert not alice.is_active
    assert not Session.objects.filter(session_key=kunci(sesi_alice)).exists()
    assert sesi_alice.get("/")["Location"] == "/masuk/?next=/"


def test_saving_an_active_user_keeps_their_sessions(organisasi):
    alice = buat_pengguna("alice", organisasi, Peran.PEMANTAU)
    client = masuk("alice")
    alice.first_name = "Alice Baru"
    alice.save()
    assert Session.objects.filter(session_key=kunci(client)).exists()


def test_changing_the_password_ends_the_other_sessions(organisasi):
    """Django's session hash does this: the session stays in the store but no longer logs in."""
    alice = buat_pengguna("alice", organisasi, Peran.PEMANTAU)
    client = masuk("alice")
    alice.set_password("sandi-baru-2025")
    alice.save()
    assert client.get("/")["Location"] == "/masuk/?next=/"


def test_sessions_that_ended_are_dropped_from_the_register_at_the_next_login(organisasi):
    alice = buat_pengguna("alice", organisasi, Peran.PEMANTAU)
    pertama = masuk("alice")
    Session.objects.filter(session_key=kunci(pertama)).delete()  # expired, cleared by clearsessions
    masuk("alice")
    assert SesiPengguna.objects.filter(pengguna=alice).count() == 1
