"""Backup and restore (issue 13), as README "Cadangan" says: ``pg_dump -Fc`` of a database
holding signed months and a chained trail, ``pg_restore`` into an empty database, and
``periksa_integritas`` passes there; every signed PDF's bytes come back. PostgreSQL only."""

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from laporan.models import LaporanTertanda
from tests.laporan.persetujuan_bantu import setujui, siapkan_kepala
from tests.personas import TAHUN
from tests.test_matriks_izin import data_entri

pytestmark = pytest.mark.django_db(transaction=True)


def _url(nama: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{nama}"


def _pg(*args: str) -> None:
    s = connection.settings_dict
    subprocess.run(
        [*args, "-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]],
        check=True,
        capture_output=True,
    )


def test_a_restored_backup_passes_the_integrity_check(kantor, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore: PostgreSQL only")
    siapkan_kepala(kantor, tmp_path)
    setujui(kantor, 2)
    alice = Client()
    alice.force_login(kantor.alice)
    url = reverse("entri", args=["palangkaraya", TAHUN, 3, "penanganan-fakir-miskin"])
    assert alice.post(url, data_entri(kantor)).status_code == 303
    sha = {v.pk: hashlib.sha256(bytes(v.pdf)).hexdigest() for v in LaporanTertanda.objects.all()}

    cadangan = tmp_path / "dinsos.dump"
    sumber = connection.settings_dict["NAME"]
    _pg("pg_dump", "-Fc", "-f", str(cadangan), "-d", sumber)
    tujuan = f"pulih_{uuid.uuid4().hex[:10]}"
    _pg("createdb", tujuan)
    try:
        _pg("pg_restore", "--no-owner", "-d", tujuan, str(cadangan))
        env = {
            **os.environ,
            "DATABASE_URL": _url(tujuan),
            "TANDA_TANGAN_DIR": str(settings.TANDA_TANGAN_DIR),
        }
        hasil = subprocess.run(
            [sys.executable, "manage.py", "periksa_integritas", "--format", "json"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert hasil.returncode == 0, hasil.stdout + hasil.stderr
        assert '"lulus": true' in hasil.stdout
        import psycopg2

        s = connection.settings_dict
        k = psycopg2.connect(dbname=tujuan, user=s["USER"], host=s["HOST"] or "127.0.0.1",
                             port=s["PORT"] or 5432)  # fmt: skip
        try:
            with k.cursor() as c:
                c.execute("SELECT id, pdf FROM laporan_laporantertanda")
                pulih = {i: hashlib.sha256(bytes(p)).hexdigest() for i, p in c.fetchall()}
        finally:
            k.close()
        assert pulih == sha
    finally:
        _pg("dropdb", "--if-exists", "--force", tujuan)
