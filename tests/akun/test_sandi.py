"""Password reset by e-mail (issue 13): Indonesian pages and message, Django's one-time token,
the same answer for an unknown address, limits per address and per e-mail shared by every
worker (in the database), and the login lock lifted by a new password."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from akun.models import BatasPermintaan, KunciMasuk

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(kantor):
    kantor.alice.email = "alice@dinsos.example.go.id"
    kantor.alice.save()
    return kantor.alice


def _minta(client: Client, email: str, **extra):
    return client.post(reverse("sandi_lupa"), {"email": email}, **extra)


@pytest.mark.parametrize("nama", ["sandi_lupa", "sandi_terkirim", "sandi_selesai"])
def test_the_pages_are_public_and_indonesian(client, nama):
    response = client.get(reverse(nama))
    assert response.status_code == 200
    assert 'lang="id"' in response.content.decode()


def test_the_login_page_links_to_the_reset(client):
    assert reverse("sandi_lupa") in client.get(reverse("masuk")).content.decode()


def test_a_reset_sets_a_new_password_and_lifts_the_lock(client, alice):
    KunciMasuk.objects.create(nama_pengguna="alice", gagal=5)
    response = _minta(client, "ALICE@dinsos.example.go.id")
    assert response.status_code == 302 and response["Location"] == reverse("sandi_terkirim")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["alice@dinsos.example.go.id"]
    assert pesan.subject == "Atur ulang kata sandi Dinsos Kinerja"
    assert "Bila Anda tidak memintanya, abaikan surel ini" in pesan.body
    tautan = re.search(r"http://testserver(/sandi/atur/\S+)", pesan.body).group(1)
    halaman = client.get(tautan, follow=True)
    assert "Buat kata sandi baru" in halaman.content.decode()
    url_form = halaman.redirect_chain[-1][0]
    lemah = client.post(url_form, {"new_password1": "12345678", "new_password2": "12345678"})
    assert lemah.status_code == 200  # Django's validators, in Indonesian
    assert "terlalu umum" in lemah.content.decode() or "seluruhnya angka" in lemah.content.decode()
    baru = "Pelayanan-Sosial-2025"
    selesai = client.post(url_form, {"new_password1": baru, "new_password2": baru})
    assert selesai["Location"] == reverse("sandi_selesai")
    assert not KunciMasuk.objects.filter(nama_pengguna="alice").exists()
    masuk = Client().post(reverse("masuk"), {"username": "alice", "password": baru})
    assert masuk.status_code == 302
    # The link works once.
    assert "Tautan tidak berlaku" in client.get(tautan, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, alice):
    response = _minta(client, "siapa@contoh.go.id")
    assert response["Location"] == reverse("sandi_terkirim")
    assert mail.outbox == []


def test_an_invalid_address_is_named(client):
    response = _minta(client, "bukan alamat")
    assert "Alamat surel tidak sah" in response.content.decode()


def test_requests_are_limited_per_e_mail(client, alice):
    for _ in range(3):
        assert _minta(client, alice.email, REMOTE_ADDR=f"10.0.0.{_}").status_code == 302
    lagi = _minta(client, alice.email, REMOTE_ADDR="10.0.0.9")
    assert lagi.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in lagi.content.decode()
    assert len(mail.outbox) == 3
    assert not BatasPermintaan.objects.filter(kunci__contains="alice").exists()  # hashed


def test_requests_are_limited_per_address(client, alice):
    for n in range(5):
        assert _minta(client, f"orang{n}@contoh.go.id").status_code == 302
    assert _minta(client, "orang9@contoh.go.id").status_code == 429
    assert _minta(client, "orang9@contoh.go.id", REMOTE_ADDR="10.9.9.9").status_code == 302
