"""How long a session still has (issue 16): read from the stored row at no query's cost,
asked without extending it, extended only by a deliberate POST."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akun.models import Peran
from dasar.sesi import SessionStore
from tests.personas import SANDI, buat_pengguna

pytestmark = pytest.mark.django_db


def masuk(username: str = "alice", **kwargs) -> Client:
    client = Client(**kwargs)
    halaman = client.get(reverse("masuk"))  # the CSRF cookie, as a browser gets it
    token = halaman.cookies[settings.CSRF_COOKIE_NAME].value if halaman.cookies else ""
    response = client.post(
        reverse("masuk"),
        {"username": username, "password": SANDI, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    return client


def sesi(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def berakhir_dalam(client: Client, menit: int) -> None:
    Session.objects.filter(pk=sesi(client).pk).update(
        expire_date=timezone.now() + timedelta(minutes=menit)
    )


@pytest.fixture
def alice(organisasi):
    return buat_pengguna("alice", organisasi, Peran.PEMANTAU)


def test_the_project_uses_the_database_store_that_keeps_its_rows_expiry():
    assert settings.SESSION_ENGINE == "dasar.sesi"
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_the_status_says_what_the_stored_row_says_and_asks_nothing_more(alice):
    client = masuk()
    berakhir_dalam(client, 10)
    with CaptureQueriesContext(connection) as ctx:
        data = client.get(reverse("sesi_status")).json()
    assert len(ctx.captured_queries) == 2  # the session, the user
    assert data["masuk"] is True and data["pengguna"] == "alice"
    assert 590 <= data["sisa_detik"] <= 600
    assert data["peringatan_detik"] == settings.SESI_PERINGATAN_DETIK


def test_asking_does_not_extend_the_session(alice):
    client = masuk()
    berakhir_dalam(client, 10)
    sebelum = sesi(client).expire_date
    client.get(reverse("sesi_status"))
    client.get(reverse("beranda"))
    assert sesi(client).expire_date == sebelum


def test_extending_is_a_csrf_checked_post_that_gives_a_full_session_from_now(alice):
    client = masuk(enforce_csrf_checks=True)
    berakhir_dalam(client, 3)
    url = reverse("sesi_perpanjang")
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no token
    assert sesi(client).expire_date < timezone.now() + timedelta(minutes=4)

    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(url, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["sisa_detik"] == settings.SESSION_COOKIE_AGE
    sisa = sesi(client).expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < sisa
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_ended_session_is_not_logged_in_and_cannot_be_extended(alice):
    client = masuk()
    sesi(client).delete()
    assert client.get(reverse("sesi_status")).json() == {"masuk": False}
    response = client.post(reverse("sesi_perpanjang"))
    assert response.status_code == 401
    assert response.json()["masuk"] is False
    assert "Sesi Anda berakhir" in response.json()["pesan"]
    assert not Session.objects.exists()  # nothing was stored for the visitor


def test_an_expired_row_counts_as_ended(alice):
    client = masuk()
    berakhir_dalam(client, -1)
    assert client.get(reverse("sesi_status")).json() == {"masuk": False}


def test_the_store_remembers_its_rows_expiry_only_for_a_row_it_found(alice):
    client = masuk()
    berakhir_dalam(client, 7)
    store = SessionStore(session_key=sesi(client).session_key)
    store.load()
    assert store.berakhir_tersimpan == sesi(client).expire_date
    kosong = SessionStore(session_key="tidak-ada-sesi-seperti-ini")
    kosong.load()
    assert kosong.berakhir_tersimpan is None


def test_with_save_every_request_the_session_lasts_its_full_age(alice, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = masuk()
    berakhir_dalam(client, 10)
    assert client.get(reverse("sesi_status")).json()["sisa_detik"] == settings.SESSION_COOKIE_AGE
