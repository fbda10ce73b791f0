"""The audit trail is append-only in the database itself: raw SQL through the application's
own connection cannot change or remove an entry (on SQLite, cannot change one: Django
empties SQLite tables with DELETE between tests, see migration 0003)."""

import pytest
from django.db import DatabaseError, connection, transaction

from capaian.audit import jejak_realisasi, simpan
from capaian.models import Aksi, JejakAudit, JejakTidakBolehDiubah, Realisasi, Sumber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def jejak(kantor) -> JejakAudit:
    r06 = Realisasi.objects.get(rumus=kantor.rumus["R06"], bulan=2)
    simpan(
        [
            jejak_realisasi(
                aksi=Aksi.UBAH,
                sumber=Sumber.ADMIN,
                pengguna=kantor.admin_org,
                rumus=r06.rumus,
                tahun=2025,
                bulan=2,
                lama=r06,
                baru=r06,
            )
        ]
    )
    return JejakAudit.objects.get()


def jalankan(sql: str, params: list) -> None:
    # A savepoint, so that the refused statement leaves the test's transaction usable.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_cannot_update_a_trail_entry(jejak):
    with pytest.raises(DatabaseError, match="Jejak audit tidak dapat diubah atau dihapus"):
        jalankan("UPDATE capaian_jejakaudit SET nama_pengguna = %s WHERE id = %s", ["x", jejak.pk])
    jejak.refresh_from_db()
    assert jejak.nama_pengguna != "x"


def test_raw_sql_cannot_rewrite_the_values_of_every_entry(jejak):
    with pytest.raises(DatabaseError):
        jalankan("UPDATE capaian_jejakaudit SET nilai_baru = NULL WHERE tahun = %s", [2025])
    jejak.refresh_from_db()
    assert jejak.nilai_baru is not None


def test_raw_sql_cannot_delete_a_trail_entry_on_postgresql(jejak):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses UPDATE only (Django's test flush deletes rows there)")
    with pytest.raises(DatabaseError, match="Jejak audit tidak dapat diubah atau dihapus"):
        jalankan("DELETE FROM capaian_jejakaudit WHERE id = %s", [jejak.pk])
    assert JejakAudit.objects.filter(pk=jejak.pk).exists()


def test_the_orm_refuses_too(jejak):
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.filter(pk=jejak.pk).update(catatan="x")
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.all().delete()
    with pytest.raises(JejakTidakBolehDiubah):
        jejak.save()
    with pytest.raises(JejakTidakBolehDiubah):
        jejak.delete()
    assert JejakAudit.objects.get().catatan == ""
