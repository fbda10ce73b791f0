"""The entry page and an ended session (issue 16): the preview answers 401 JSON instead of a
redirect, a save after the end goes to the login page and writes nothing, and the page
carries what its scripts need (seconds left, the draft's key and owner, and whether it
follows a successful save)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from capaian.models import Realisasi
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.personas import SANDI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def masuk(client, username: str) -> None:
    assert client.post("/masuk/", {"username": username, "password": SANDI}).status_code == 302


def form_entri(response) -> str:
    return re.search(r'<form[^>]*id="form-entri".*?>', response.content.decode(), re.S).group(0)


def atribut(form: str, nama: str) -> str | None:
    m = re.search(rf'{nama}(?:="([^"]*)")?[\s>]', form)
    return None if m is None else (m.group(1) or "")


def akhiri_sesi(client) -> None:
    Session.objects.filter(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).delete()


def test_the_preview_after_the_session_ended_answers_401_json(client, kantor):
    masuk(client, "alice")
    halaman = client.get(url_entri(kantor, 3))
    f = ketik(isian_halaman(halaman), kantor.rumus["R06"], realisasi="5.980")
    akhiri_sesi(client)
    response = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "masuk": False,
        "pesan": "Sesi Anda berakhir. Masuk lagi untuk melanjutkan.",
        "url_masuk": "/masuk/",
    }


def test_a_save_after_the_session_ended_goes_to_login_and_writes_nothing(client, kantor):
    masuk(client, "alice")
    url = url_entri(kantor, 3)
    f = ketik(isian_halaman(client.get(url)), kantor.rumus["R06"], realisasi="5.980")
    akhiri_sesi(client)
    response = kirim(client, url, f)
    assert response.status_code == 302
    assert response["Location"] == f"/masuk/?next={url}"
    assert not Realisasi.objects.filter(rumus=kantor.rumus["R06"], bulan=3).exists()


def test_the_form_carries_the_seconds_left_of_the_stored_session(client, kantor):
    masuk(client, "alice")
    kunci = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=kunci).update(
        expire_date=timezone.now() + timedelta(minutes=4)
    )
    url = url_entri(kantor, 3)
    form = form_entri(client.get(url))
    assert 230 <= int(atribut(form, "data-sesi-sisa")) <= 240
    assert atribut(form, "data-sesi-peringatan") == str(settings.SESI_PERINGATAN_DETIK)
    assert atribut(form, "data-sesi-pengguna") == "alice"
    assert atribut(form, "data-sesi-status") == "/sesi/"
    assert atribut(form, "data-sesi-perpanjang") == "/sesi/perpanjang/"
    assert atribut(form, "data-sesi-masuk") == f"/masuk/?next={url}"


def test_the_draft_is_keyed_by_organisasi_bidang_year_month_and_user(client, kantor):
    client.force_login(kantor.alice)
    form = form_entri(client.get(url_entri(kantor, 3)))
    assert atribut(form, "data-draf") == "entri/palangkaraya/2025/3/penanganan-fakir-miskin"
    assert atribut(form, "data-draf-pengguna") == "alice"
    assert atribut(form, "data-draf-tersimpan") is None


def test_the_page_after_a_successful_save_says_so_to_forget_the_draft(client, kantor):
    client.force_login(kantor.alice)
    url = url_entri(kantor, 3)
    f = ketik(isian_halaman(client.get(url)), kantor.rumus["R06"], realisasi="5.980")
    response = kirim(client, url, f)
    assert response.status_code == 303
    assert atribut(form_entri(client.get(response["Location"])), "data-draf-tersimpan") == ""
    assert atribut(form_entri(client.get(url)), "data-draf-tersimpan") is None  # once


def test_a_refused_save_keeps_the_draft(client, kantor):
    client.force_login(kantor.alice)
    url = url_entri(kantor, 3)
    f = ketik(isian_halaman(client.get(url)), kantor.rumus["R06"], realisasi="12,3,4")
    response = kirim(client, url, f)
    assert response.status_code == 422
    form = form_entri(response)
    assert atribut(form, "data-draf") and atribut(form, "data-draf-tersimpan") is None


def test_submitting_makes_the_month_read_only_and_still_forgets_the_draft(client, kantor):
    client.force_login(kantor.alice)
    url = url_entri(kantor, 3)
    response = kirim(client, url, isian_halaman(client.get(url)), aksi="ajukan")
    assert response.status_code == 303
    halaman = client.get(url)
    form = form_entri(halaman)
    assert "form-entri--baca" in form and atribut(form, "data-draf-tersimpan") == ""
    assert atribut(form, "data-sesi-sisa") is None  # nothing to save: no session banner
    html = halaman.content.decode()
    assert "js/draf.js" in html and "js/entri.js" not in html


@pytest.mark.parametrize("persona", ["kepala", "pemantau", "root"])
def test_readers_of_the_page_keep_no_draft(client, kantor, persona):
    client.force_login(getattr(kantor, persona))
    halaman = client.get(url_entri(kantor, 3))
    form = form_entri(halaman)
    assert atribut(form, "data-draf") is None and atribut(form, "data-sesi-sisa") is None
    assert "js/draf.js" not in halaman.content.decode()
