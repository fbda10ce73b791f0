"""The audit trail: what the month and row views show, and that nobody can change or delete
an entry (ORM or SQL)."""

from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from capaian import audit
from capaian.models import Aksi, JejakAudit, JejakTidakBolehDiubah, Realisasi, Sumber
from dasar.tampilan import format_waktu
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.personas import TAHUN


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def jejak(kantor):
    """Alice changes R06's February from 5.780 to 5.800 with a keterangan, then submits."""
    from django.test import Client

    client = Client()
    client.force_login(kantor.alice)
    url = url_entri(kantor, 2)
    f = ketik(isian_halaman(client.get(url)), kantor.rumus["R06"], realisasi="5.800",
              keterangan="koreksi data")  # fmt: skip
    assert kirim(client, url, f, "ajukan").status_code == 303
    return kantor


def test_indonesian_date_and_time_in_jakarta():
    assert format_waktu(datetime(2025, 4, 15, 3, 32, tzinfo=UTC)) == "15 April 2025 pukul 10.32"


def test_the_months_trail_lists_changes_newest_first_with_old_and_new_values(client, jejak):
    client.force_login(jejak.kepala)
    r = client.get(reverse("jejak_bulan", args=["palangkaraya", TAHUN, 2]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Jejak perubahan Februari 2025" in html
    assert html.index(">Ajukan<") < html.index(">Ubah<")  # newest first
    assert "Alice (alice)" in html and "Halaman isian" in html
    assert '<span class="perubahan__lama angka">5.780</span>' in html
    assert '<span class="perubahan__baru angka">5.800</span>' in html
    assert "koreksi data" in html
    assert "Draf" in html and "Diajukan" in html  # the status change of the submission
    assert " pukul " in html


def test_a_rows_trail_covers_its_year(client, jejak):
    r06 = jejak.rumus["R06"]
    Realisasi.objects.filter(rumus=r06, bulan=1).delete()
    audit.simpan([audit.jejak_realisasi(
        aksi=Aksi.HAPUS, sumber=Sumber.ADMIN, pengguna=jejak.admin_org, rumus=r06, tahun=TAHUN,
        bulan=1, lama=Realisasi(pembagi=6780, realisasi=2450), baru=None,
    )])  # fmt: skip
    client.force_login(jejak.alice)
    r = client.get(reverse("jejak_baris", args=["palangkaraya", r06.pk]))
    html = r.content.decode()
    assert "Jejak perubahan R06 (2025)" in html
    assert "Februari 2025" in html and "Januari 2025" in html
    assert ">Hapus<" in html and ">Admin<" in html
    assert ">Ajukan<" not in html  # month events belong to the month's trail


def test_an_empty_trail_says_so(client, kantor):
    client.force_login(kantor.kepala)
    r = client.get(reverse("jejak_bulan", args=["palangkaraya", TAHUN, 5]))
    assert "Belum ada perubahan yang tercatat untuk Mei 2025." in r.content.decode()


def test_the_orm_cannot_update_or_delete_the_trail(jejak):
    entri = JejakAudit.objects.first()
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.filter(pk=entri.pk).update(catatan="diubah")
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.all().delete()
    with pytest.raises(JejakTidakBolehDiubah):
        entri.delete()
    entri.catatan = "diubah"
    with pytest.raises(JejakTidakBolehDiubah):
        entri.save()
    assert JejakAudit.objects.filter(catatan="diubah").count() == 0


def test_sql_cannot_update_the_trail(jejak):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE capaian_jejakaudit SET catatan = 'diubah'")
    assert not JejakAudit.objects.filter(catatan="diubah").exists()


def test_sql_cannot_delete_the_trail_on_postgresql(jejak):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE for Django's test flush (see migration 0003)")
    jumlah = JejakAudit.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM capaian_jejakaudit")
    assert JejakAudit.objects.count() == jumlah
