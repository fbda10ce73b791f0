"""The application's own PostgreSQL role (issue 13): made by ``siapkan_peran``, it owns
nothing and is no superuser, and every SQL route to a signed month fails through it, while the
application works fully as that role.

PostgreSQL only (SQLite has no roles). The role is cluster-wide, so its name carries the
process id and it is dropped at the end."""

import os
from datetime import date
from decimal import Decimal
from io import StringIO

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from capaian.models import JejakAudit, Realisasi
from laporan.models import KunciBulan, LaporanTertanda
from tests.personas import TAHUN

pytestmark = pytest.mark.django_db(transaction=True)

PERAN = f"dinsos_uji_app_{os.getpid()}"


def _hanya_pg():
    if connection.vendor != "postgresql":
        pytest.skip("peran basis data hanya ada di PostgreSQL")


@pytest.fixture
def peran():
    _hanya_pg()
    keluar = StringIO()
    call_command("siapkan_peran", "--peran", PERAN, stdout=keluar)
    assert f"Peran {PERAN} dibuat" in keluar.getvalue()
    yield PERAN
    connection.close()
    with connection.cursor() as c:
        c.execute(f"DROP OWNED BY {PERAN}")
        c.execute(f"DROP ROLE {PERAN}")


def _sambung(peran: str):
    s = connection.settings_dict
    koneksi = psycopg2.connect(
        dbname=s["NAME"], user=peran, host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432
    )
    koneksi.autocommit = True
    return koneksi


@pytest.fixture
def februari_tertanda(kantor):
    versi = LaporanTertanda.objects.create(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, versi=1, pdf=b"%PDF-1.7 uji",
        sha256="0" * 64, data={}, tanggal=date(2025, 3, 14), penanda_nama="H. Riduan",
        penanda_jabatan="Kepala Dinas", sertifikat_subjek="CN=uji", sertifikat_sidik="0" * 64,
        ditandatangani_pada=timezone.now(),
    )  # fmt: skip
    KunciBulan.objects.create(organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, laporan=versi)
    return kantor


def test_the_role_is_no_superuser_and_owns_nothing(peran):
    with _sambung(peran) as k, k.cursor() as c:
        c.execute("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = %s",
                  [peran])  # fmt: skip
        assert c.fetchone() == (False, False, False)
        c.execute("SELECT count(*) FROM pg_tables WHERE tableowner = %s", [peran])
        assert c.fetchone() == (0,)
        c.execute(
            "SELECT count(*) FROM information_schema.role_table_grants "
            "WHERE grantee = %s AND privilege_type IN ('TRUNCATE', 'TRIGGER', 'REFERENCES')",
            [peran],
        )
        assert c.fetchone() == (0,)


def test_running_it_again_updates_the_role(peran):
    keluar = StringIO()
    call_command("siapkan_peran", "--peran", peran, stdout=keluar)
    assert "diperbarui" in keluar.getvalue()


def test_a_bad_role_name_is_refused():
    _hanya_pg()
    with pytest.raises(CommandError, match="tidak sah"):
        call_command("siapkan_peran", "--peran", "x; DROP TABLE y")


SERANGAN = [
    ("UPDATE realisasi",
     "UPDATE capaian_realisasi SET realisasi = 1 WHERE tahun = 2025 AND bulan = 2"),
    ("DELETE realisasi", "DELETE FROM capaian_realisasi WHERE tahun = 2025 AND bulan = 2"),
    ("INSERT realisasi", "INSERT INTO capaian_realisasi (rumus_id, tahun, bulan, pembagi, "
     "realisasi, keterangan, versi, dibuat_pada, diubah_pada) SELECT id, 2025, 2, 1, 1, '', 1, "
     "now(), now() "
     "FROM indikator_rumus WHERE kode = 'R07' AND tahun = 2025"),
    ("TRUNCATE realisasi", "TRUNCATE capaian_realisasi"),
    ("TRUNCATE CASCADE", "TRUNCATE indikator_rumus CASCADE"),
    ("TRUNCATE trail", "TRUNCATE capaian_jejakaudit"),
    ("disable trigger", "ALTER TABLE capaian_realisasi DISABLE TRIGGER ALL"),
    ("drop trigger", "DROP TRIGGER capaian_realisasi_kunci_bulan ON capaian_realisasi"),
    ("replication role", "SET session_replication_role = replica"),
    ("change the PDF", "UPDATE laporan_laporantertanda SET pdf = 'x'::bytea"),
    ("delete the PDF", "DELETE FROM laporan_laporantertanda"),
    ("unlock the month", "DELETE FROM laporan_kuncibulan"),
    ("move the lock", "UPDATE laporan_kuncibulan SET bulan = 3"),
    ("change the trail", "UPDATE capaian_jejakaudit SET catatan = 'x'"),
    ("delete the trail", "DELETE FROM capaian_jejakaudit"),
    ("change a definition", "UPDATE indikator_rumus SET pembagi_default = 1 WHERE tahun = 2025"),
    ("add a definition", "INSERT INTO indikator_program (organisasi_id, tahun, kode, nama, "
     "sasaran, indikator_program, target_teks, urutan) SELECT id, 2025, 'X9', 'x', '', '', '', 99 "
     "FROM indikator_organisasi WHERE slug = 'palangkaraya'"),
    ("create a table", "CREATE TABLE pintu_belakang (id int)"),
    ("become superuser", f"ALTER ROLE {PERAN} SUPERUSER"),
]  # fmt: skip


@pytest.mark.parametrize(("apa", "sql"), SERANGAN, ids=[a for a, _ in SERANGAN])
def test_every_sql_route_to_a_signed_month_fails_as_the_application_role(
    peran, februari_tertanda, apa, sql
):
    sebelum = list(Realisasi.objects.order_by("pk").values_list("pk", "realisasi", "versi"))
    jejak = JejakAudit.objects.count()
    with _sambung(peran) as k, k.cursor() as c, pytest.raises(psycopg2.Error) as galat:
        c.execute(sql)
    assert galat.value.pgcode in ("42501", "55000", "P0001", "42809"), (apa, galat.value.pgcode)
    assert list(Realisasi.objects.order_by("pk").values_list("pk", "realisasi", "versi")) == sebelum
    assert KunciBulan.objects.filter(bulan=2).exists()
    assert bytes(LaporanTertanda.objects.get().pdf) == b"%PDF-1.7 uji"
    assert JejakAudit.objects.count() == jejak


def test_an_unsigned_month_is_still_writable_as_the_application_role(peran, februari_tertanda):
    with _sambung(peran) as k, k.cursor() as c:
        c.execute("UPDATE capaian_realisasi SET realisasi = 1 WHERE tahun = 2025 AND bulan = 1")
        assert c.rowcount > 0


def test_the_application_works_fully_as_its_role(peran, kantor, tmp_path, settings):
    """Entry, submission, approval with signature, reopening, imports and the admin, with the
    application's connection switched to the role."""
    from capaian.impor import impor_realisasi
    from laporan import services
    from tests.laporan.persetujuan_bantu import TANGGAL, ajukan_semua, siapkan_kepala
    from tests.test_matriks_izin import data_entri
    from tests.workbooks import buku_realisasi

    siapkan_kepala(kantor, tmp_path)
    asli = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = peran
    try:
        with connection.cursor() as c:
            c.execute("SELECT current_user")
            assert c.fetchone() == (peran,)
        alice = Client()
        alice.force_login(kantor.alice)
        url = reverse("entri", args=["palangkaraya", TAHUN, 3, "penanganan-fakir-miskin"])
        assert alice.post(url, data_entri(kantor)).status_code == 303
        impor_realisasi(
            buku_realisasi([("R06", TAHUN, 3, 6780, "6.000", "")]), organisasi=kantor.organisasi
        )
        ajukan_semua(kantor, 3)
        kepala = Client()
        kepala.force_login(kantor.kepala)
        assert kepala.get(reverse("dasbor", args=["palangkaraya"])).status_code == 200
        versi = services.setujui_bulan(
            organisasi=kantor.organisasi, tahun=TAHUN, bulan=3, pengguna=kantor.kepala,
            tanggal=TANGGAL.replace(month=4),
        )  # fmt: skip
        assert versi.versi == 1
        services.buka_kembali(
            organisasi=kantor.organisasi, tahun=TAHUN, bulan=3, pengguna=kantor.kepala,
            alasan="Koreksi R06",
        )  # fmt: skip
        assert not KunciBulan.objects.filter(bulan=3).exists()
        admin = Client()
        admin.force_login(kantor.root)
        assert admin.get("/admin/capaian/realisasi/").status_code == 200
        assert (
            admin.get(reverse("laporan_bulan", args=["palangkaraya", TAHUN, 3])).status_code == 200
        )
        r06 = Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=3)
        assert r06.realisasi == Decimal(6000)
    finally:
        connection.close()
        connection.settings_dict["USER"] = asli
