"""The login page, where it leads, and logging out."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from akun.models import SesiPengguna
from tests.personas import SANDI, buat_pengguna

MASUK = "/masuk/"


@pytest.fixture
def alice(organisasi):
    from akun.models import Peran
    from organisasi.models import Bidang

    fakir = Bidang.objects.create(
        organisasi=organisasi, nama="Penanganan Fakir Miskin", slug="penanganan-fakir-miskin"
    )
    return buat_pengguna("alice", organisasi, Peran.STAF, [fakir], first_name="Alice")


def masuk(client, username="alice", password=SANDI, **extra):
    return client.post(MASUK, {"username": username, "password": password, **extra})


def test_login_page_speaks_indonesian(client, db):
    response = client.get(MASUK)
    assert response.status_code == 200
    html = response.content.decode()
    for teks in ("<h1", "Masuk", "Nama pengguna", "Kata sandi", 'autocomplete="current-password"'):
        assert teks in html
    assert 'lang="id"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_staf_logs_in_and_lands_on_the_dashboard_of_their_organisasi(client, alice):
    response = masuk(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == reverse("dasbor", args=["palangkaraya"])


def test_wrong_password_and_unknown_user_get_the_same_message(client, alice):
    salah = masuk(client, password="bukan-ini")
    tidak_ada = masuk(client, username="tidak-ada")
    assert salah.status_code == tidak_ada.status_code == 200
    pesan = "Nama pengguna atau kata sandi salah."
    assert pesan in salah.content.decode()
    assert pesan in tidak_ada.content.decode()
    assert SESSION_KEY not in client.session


def test_inactive_user_gets_the_same_message_as_a_wrong_password(client, alice):
    alice.is_active = False
    alice.save()
    response = masuk(client)
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


def test_empty_fields_are_named_in_indonesian(client, db):
    html = client.post(MASUK, {"username": "", "password": ""}).content.decode()
    assert "Isi nama pengguna." in html
    assert "Isi kata sandi." in html


def test_login_follows_a_safe_next(client, alice):
    tujuan = "/o/palangkaraya/entri/2025/3/penanganan-fakir-miskin/"
    page = client.get(MASUK, {"next": tujuan})
    assert f'name="next" value="{tujuan}"' in page.content.decode()
    assert masuk(client, next=tujuan)["Location"] == tujuan


@pytest.mark.parametrize(
    "tujuan",
    [
        "https://jahat.example/masuk/",
        "//jahat.example/",
        "http://testserver.jahat.example/",
        "javascript:alert(1)",
        "/\\jahat.example",
        "https:///jahat.example",
    ],
)
def test_login_refuses_an_open_redirect(client, alice, tujuan):
    response = masuk(client, next=tujuan)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")


def test_a_logged_in_user_opening_the_login_page_goes_on(client, alice):
    client.force_login(alice)
    assert client.get(MASUK)["Location"] == reverse("beranda")
    assert client.get(MASUK, {"next": "//jahat.example/"})["Location"] == reverse("beranda")


def test_login_renews_the_session_key(client, alice):
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["pilihan"] = "sebelum masuk"
    store.create()
    lama = store.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = lama  # a key an attacker could have planted

    masuk(client)

    baru = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert baru != lama
    assert not Session.objects.filter(session_key=lama).exists()
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert SesiPengguna.objects.filter(pengguna=alice, kunci_sesi=baru).exists()


def test_logging_in_again_as_the_same_user_also_renews_the_key(client, alice):
    masuk(client)
    pertama = client.cookies[settings.SESSION_COOKIE_NAME].value
    masuk(client)
    kedua = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert kedua != pertama
    assert not Session.objects.filter(session_key=pertama).exists()
    assert list(SesiPengguna.objects.values_list("kunci_sesi", flat=True)) == [kedua]


def test_logout_ends_the_session(client, alice):
    masuk(client)
    kunci = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("keluar"))
    assert response.status_code == 302
    assert response["Location"] == reverse("masuk")
    assert not Session.objects.filter(session_key=kunci).exists()
    assert not SesiPengguna.objects.exists()
    assert client.get("/")["Location"].startswith("/masuk/")


def test_logout_by_get_is_refused(client, alice):
    client.force_login(alice)
    assert client.get(reverse("keluar")).status_code == 405
    assert SESSION_KEY in client.session


def test_logout_needs_the_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse("keluar")).status_code == 403


def test_a_login_takes_a_fixed_handful_of_queries(client, alice, django_assert_max_num_queries):
    # lock row (insert-or-ignore, lock, delete), user, session (3), last_login, register (2),
    # and the savepoints around them
    with django_assert_max_num_queries(16):
        assert masuk(client).status_code == 302
