"""Brute-force protection: an account name is locked after repeated failures; an IP never is."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.utils import timezone

from akun.models import KunciMasuk
from akun.services import pesan_terkunci
from tests.personas import SANDI, buat_pengguna

PESAN_KUNCI = "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal."
KANTOR_IP = "10.20.30.40"


@pytest.fixture
def alice(db):
    return buat_pengguna("alice", None, None)


@pytest.fixture
def bob(db):
    return buat_pengguna("bob", None, None)


def masuk(client, username, password, ip=KANTOR_IP):
    return client.post("/masuk/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def gagal(client, username, kali):
    return [masuk(client, username, "salah-terus") for _ in range(kali)]


def masuk_berhasil(response, client) -> bool:
    return response.status_code == 302 and SESSION_KEY in client.session


def test_four_failures_leave_the_account_open(client, alice):
    gagal(client, "alice", 4)
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)


def test_the_fifth_failure_locks_the_account_and_says_until_when(client, alice, settings):
    respons = gagal(client, "alice", settings.MASUK_MAKS_GAGAL)
    assert all(PESAN_KUNCI not in r.content.decode() for r in respons[:-1])
    html = respons[-1].content.decode()
    assert PESAN_KUNCI in html
    sampai = KunciMasuk.objects.get(nama_pengguna="alice").terkunci_sampai
    assert sampai - timezone.now() > timedelta(minutes=14)
    assert (
        f"Coba lagi setelah pukul {timezone.localtime(sampai + timedelta(minutes=1)):%H.%M}" in html
    )


def test_the_right_password_is_refused_while_locked(client, alice):
    gagal(client, "alice", 5)
    response = masuk(client, "alice", SANDI)
    assert response.status_code == 200
    assert PESAN_KUNCI in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_locked_account_opens_again_after_the_lock_time(client, alice, monkeypatch):
    gagal(client, "alice", 5)
    nanti = timezone.now() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: nanti)
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)
    assert not KunciMasuk.objects.filter(nama_pengguna="alice").exists()


def test_one_more_failure_after_the_lock_has_run_out_does_not_lock_again(client, alice):
    gagal(client, "alice", 5)
    KunciMasuk.objects.update(
        terkunci_sampai=timezone.now() - timedelta(seconds=1),
        gagal_terakhir=timezone.now() - timedelta(minutes=15, seconds=1),
    )
    assert PESAN_KUNCI not in gagal(client, "alice", 1)[0].content.decode()
    assert KunciMasuk.objects.get(nama_pengguna="alice").gagal == 1
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)


def test_failures_older_than_the_window_are_forgotten(client, alice, monkeypatch):
    gagal(client, "alice", 4)
    nanti = timezone.now() + timedelta(minutes=16)
    monkeypatch.setattr("django.utils.timezone.now", lambda: nanti)
    gagal(client, "alice", 4)
    assert KunciMasuk.objects.get(nama_pengguna="alice").gagal == 4
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)


def test_success_resets_the_count(client, alice):
    gagal(client, "alice", 4)
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)
    client.post("/keluar/")
    gagal(client, "alice", 4)
    assert masuk_berhasil(masuk(client, "alice", SANDI), client)


def test_another_account_from_the_same_office_ip_still_logs_in(client, alice, bob):
    gagal(client, "alice", 5)
    rekan = Client()
    assert masuk_berhasil(masuk(rekan, "bob", SANDI, ip=KANTOR_IP), rekan)


def test_the_lock_follows_the_account_not_the_ip(client, alice):
    for nomor in range(5):
        masuk(Client(), "alice", "salah", ip=f"10.0.0.{nomor}")
    response = masuk(client, "alice", SANDI, ip="192.168.1.1")
    assert PESAN_KUNCI in response.content.decode()


def test_account_names_are_counted_without_case_or_spaces(client, alice):
    for nama in ["alice", "ALICE", " Alice", "alicE ", "Alice"]:
        masuk(client, nama, "salah")
    assert PESAN_KUNCI in masuk(client, "alice", SANDI).content.decode()


def test_unknown_names_are_counted_and_locked_like_real_ones(client, db):
    respons = gagal(client, "tidak.ada", 5)
    assert KunciMasuk.objects.get(nama_pengguna="tidak.ada").terkunci_sampai is not None
    assert PESAN_KUNCI in respons[-1].content.decode()


def test_old_failures_of_other_names_are_cleared_away(client, alice, db):
    KunciMasuk.objects.create(
        nama_pengguna="tebakan-lama", gagal=2, gagal_terakhir=timezone.now() - timedelta(hours=1)
    )
    gagal(client, "alice", 1)
    assert list(KunciMasuk.objects.values_list("nama_pengguna", flat=True)) == ["alice"]


def test_the_admin_login_shares_the_lock(client, db):
    from django.contrib.auth.models import User

    User.objects.create_superuser("root", password=SANDI)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "salah"})
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": SANDI})
    assert response.status_code == 200
    assert PESAN_KUNCI in response.content.decode()
    assert SESSION_KEY not in client.session
    assert KunciMasuk.objects.get(nama_pengguna="root").gagal == 5


def test_failures_at_masuk_and_at_admin_add_up(client, db):
    for _ in range(3):
        masuk(client, "root", "salah")
    for _ in range(2):
        client.post("/admin/login/", {"username": "root", "password": "salah"})
    assert PESAN_KUNCI in masuk(client, "root", "apa-saja").content.decode()


def test_lock_message_rounds_the_time_up_to_the_minute():
    from zoneinfo import ZoneInfo

    sampai = timezone.datetime(2025, 4, 15, 3, 44, 20, tzinfo=ZoneInfo("UTC"))  # 10.44.20 WIB
    assert pesan_terkunci(sampai) == (
        "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. "
        "Coba lagi setelah pukul 10.45 atau hubungi admin."
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_try_exactly_five_passwords_before_the_lock(settings):
    from django.contrib.auth.models import User

    from akun.services import AkunTerkunci, autentikasi

    User.objects.create_user("alice", password=SANDI)
    hasil: list[str] = []
    mulai = threading.Barrier(12)

    def coba() -> None:
        try:
            mulai.wait()
            try:
                autentikasi(None, nama_pengguna="alice", sandi="salah")
                hasil.append("salah")
            except AkunTerkunci:
                hasil.append("terkunci")
        finally:
            connection.close()

    threads = [threading.Thread(target=coba) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(hasil).count("salah") == settings.MASUK_MAKS_GAGAL - 1
    assert hasil.count("terkunci") == 12 - (settings.MASUK_MAKS_GAGAL - 1)
    assert KunciMasuk.objects.get(nama_pengguna="alice").gagal == settings.MASUK_MAKS_GAGAL
