"""The entry page, its save and its preview take a fixed number of queries, whatever the
number of rows of the bidang."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.capaian.entri_bantu import buat_bidang_besar, isian_halaman, ketik, kirim, url_entri

# session, user, anggota, anggota's bidang, bidang, pengajuan, 4 for the month (muat_entri),
# the month's rows, the bidang list; messages read from the session; the earlier months'
# stored results (capaian.hasil: their input counts, the stored rows). The first read after
# an earlier month changed loads those months (4) and stores them (1): BATAS_GET_PERTAMA.
BATAS_GET = 15
BATAS_GET_PERTAMA = 20
# the above without the bidang list, plus the save: lock pengajuan (get or create),
# rumus, lock realisasi, insert, update, delete, audit insert, organisasi, savepoints; the
# audit chain's head and (PostgreSQL) its lock; a re-rendered page the navigation's unread
# notification count (akun.konteks).
BATAS_POST = 28
BATAS_PRATINJAU = 12


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _ukur(client, kantor, batas, bidang, rumus, staf):
    def _hitung(fungsi, maks) -> tuple[int, object]:
        with batas(maks), CaptureQueriesContext(connection) as ctx:
            hasil = fungsi()
        return len(ctx.captured_queries), hasil

    from capaian.models import Realisasi
    from tests.personas import TAHUN

    rows = list(rumus.values())
    for r in rows[: len(rows) // 2]:
        Realisasi.objects.create(rumus=r, tahun=TAHUN, bulan=3, pembagi=100, realisasi=50)
    client.force_login(staf)
    url = url_entri(kantor, 3, bidang)
    _hitung(lambda: client.get(url), BATAS_GET_PERTAMA)  # stores January and February
    get, halaman = _hitung(lambda: client.get(url), BATAS_GET)
    assert halaman.status_code == 200
    f = isian_halaman(halaman)
    for n, r in enumerate(rows):  # change every row: half updated, half created
        f = ketik(f, r, realisasi=str(60 + n % 5))
    url_pratinjau = url_entri(kantor, 3, bidang, "entri_pratinjau")
    pratinjau, resp = _hitung(lambda: client.post(url_pratinjau, f), BATAS_PRATINJAU)
    assert resp.status_code == 200
    post, resp = _hitung(lambda: kirim(client, url, f), BATAS_POST)
    assert resp.status_code == 303, resp.content.decode()[:2000]
    assert Realisasi.objects.filter(rumus__bidang=bidang, bulan=3).count() == len(rows)
    return get, post, pratinjau


def test_get_save_and_preview_take_the_same_few_queries_for_3_or_30_rows(
    client, kantor, django_assert_max_num_queries
):
    batas = django_assert_max_num_queries
    kecil = _ukur(client, kantor, batas, *buat_bidang_besar(kantor.organisasi, 3, "Kecil"))
    besar = _ukur(client, kantor, batas, *buat_bidang_besar(kantor.organisasi, 30, "Besar"))
    assert (
        besar == kecil
    )  # (GET, POST, pratinjau): measured (15, 27, 12) on SQLite, (15, 28, 12) on PostgreSQL
