"""Pages of the application's own for 403, 404 and 500 (issue 14), in Indonesian, with DEBUG
off; /favicon.ico answers."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_an_unknown_or_out_of_scope_page_answers_the_indonesian_404(kantor):
    client = Client()
    client.force_login(kantor.charlie)
    for url in ("/tidak-ada/", reverse("dasbor", args=["palangkaraya"])):
        response = client.get(url)
        assert response.status_code == 404
        teks = response.content.decode()
        assert "Halaman tidak ditemukan" in teks and "Not Found" not in teks
        assert reverse("beranda") in teks


@override_settings(DEBUG=False)
def test_a_csrf_failure_answers_the_indonesian_403(kantor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kantor.alice)
    response = client.post(reverse("keluar"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_answers_the_indonesian_500(kantor, monkeypatch):
    from laporan import views

    def rusak(*args, **kwargs):
        raise RuntimeError("uji")

    monkeypatch.setattr(views, "_dasbor", rusak)
    client = Client(raise_request_exception=False)
    client.force_login(kantor.kepala)
    response = client.get(reverse("dasbor", args=["palangkaraya"]))
    assert response.status_code == 500
    teks = response.content.decode()
    assert "Terjadi kesalahan di server" in teks and "tidak ada yang tersimpan sebagian" in teks


def test_the_favicon_is_there(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico")
    assert '<link rel="icon"' in client.get(reverse("masuk")).content.decode()


def test_no_page_sends_users_to_a_repository_file():
    """Users cannot open docs/*.md: the pages explain in place (the plan's formulas)."""
    from pathlib import Path

    from django.conf import settings

    for berkas in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        assert "docs/" not in berkas.read_text(), berkas
