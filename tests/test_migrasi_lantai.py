"""Upgrading a database made before the floors (issue 11): Organisasi and Bidang moved from
indikator to the organisasi app by state-only migrations. A database holding the previous
main's demo data (``make demo`` at 82ff99c, kept in tests/data/) migrates forward with every
table, row, signed PDF and permission in place, and the application computes the same report.

SQLite always (the demo's database); PostgreSQL as well when DATABASE_URL names one (CI).
Each runs ``manage.py`` in a child process against a database of its own.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

DATA = Path(__file__).parent / "data"
AKAR = Path(settings.BASE_DIR)

# Rows of the previous main's demo, per table (tables keep their names across the move).
BARIS = {
    "indikator_organisasi": 2,
    "indikator_bidang": 10,
    "akun_anggota": 10,
    "akun_anggota_bidang": 6,
    "indikator_program": 6,
    "indikator_rumus": 68,
    "capaian_realisasi": 92,
    "capaian_jejakaudit": 94,
    "laporan_laporantertanda": 2,
    "laporan_kuncibulan": 2,
    "rencana_indikatorrencana": 42,
    "rencana_simpulpohon": 87,
}


def _manage(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    hasil = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout


def _periksa(database_url: str, query) -> None:
    """The checks shared by both databases; ``query(sql)`` returns the rows."""
    sebelum_sha = query("SELECT sha256 FROM laporan_laporantertanda ORDER BY id")
    _manage(database_url, "migrate", "--noinput", "-v", "0")
    for tabel, n in BARIS.items():
        assert query(f"SELECT count(*) FROM {tabel}") == [(n,)], tabel
    # The signed PDFs' bytes are untouched.
    import hashlib

    for pdf, sha in query("SELECT pdf, sha256 FROM laporan_laporantertanda ORDER BY id"):
        assert hashlib.sha256(bytes(pdf)).hexdigest() == sha
    assert query("SELECT sha256 FROM laporan_laporantertanda ORDER BY id") == sebelum_sha
    # Permissions and admin history stay on the (moved) content types.
    assert sorted(
        query(
            "SELECT app_label, model FROM django_content_type "
            "WHERE model IN ('organisasi', 'bidang') ORDER BY app_label, model"
        )
    ) == [("organisasi", "bidang"), ("organisasi", "organisasi")]
    izin = query(
        "SELECT count(*) FROM auth_permission p JOIN django_content_type c "
        "ON p.content_type_id = c.id WHERE c.app_label = 'organisasi'"
    )
    assert izin == [(12,)]  # Organisasi, Bidang and (issue 12) Wilayah
    # Nothing left for the model state to add or drop.
    _manage(database_url, "makemigrations", "--check", "--dry-run")
    # The application reads the moved rows: March 2025 of seed 000, as before.
    teks = _manage(
        database_url,
        "laporan_bulanan",
        "--organisasi",
        "palangkaraya",
        "--tahun",
        "2025",
        "--bulan",
        "3",
    )
    data = json.loads(teks, parse_float=Decimal)
    assert round(data["total_bulan"], 2) == Decimal("9.66")
    assert round(data["capaian_sd_bulan_lalu"], 2) == Decimal("15.19")
    assert round(data["capaian_sd_bulan"], 2) == Decimal("24.86")


def test_the_previous_demo_database_migrates_on_sqlite(tmp_path):
    berkas = tmp_path / "demo.sqlite3"
    with gzip.open(DATA / "demo-sebelum-lantai.sqlite3.gz") as sumber, berkas.open("wb") as tujuan:
        shutil.copyfileobj(sumber, tujuan)

    def query(sql: str) -> list[tuple]:
        with sqlite3.connect(berkas) as koneksi:
            return koneksi.execute(sql).fetchall()

    _periksa(f"sqlite:///{berkas}", query)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL hanya bila DATABASE_URL menunjuk ke PostgreSQL (CI)",
)
def test_the_previous_demo_database_migrates_on_postgresql():
    import dj_database_url
    import psycopg2

    dasar = dj_database_url.parse(os.environ["DATABASE_URL"])
    nama = f"dinsos_lantai_{uuid.uuid4().hex[:10]}"
    sambung = {
        "host": dasar["HOST"] or "127.0.0.1",
        "port": dasar["PORT"] or 5432,
        "user": dasar["USER"] or "postgres",
        "password": dasar["PASSWORD"] or None,
    }
    admin = psycopg2.connect(dbname="postgres", **sambung)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{nama}"')
    try:
        sql = gzip.decompress((DATA / "demo-sebelum-lantai.sql.gz").read_bytes()).decode()
        with psycopg2.connect(dbname=nama, **sambung) as koneksi, koneksi.cursor() as cur:
            cur.execute(sql)
            cur.execute("SELECT pg_catalog.set_config('search_path', 'public', false)")

        def query(perintah: str) -> list[tuple]:
            with psycopg2.connect(dbname=nama, **sambung) as k, k.cursor() as c:
                c.execute(perintah)
                return c.fetchall()

        url = (
            f"postgres://{sambung['user']}"
            + (f":{sambung['password']}" if sambung["password"] else "")
            + f"@{sambung['host']}:{sambung['port']}/{nama}"
        )
        _periksa(url, query)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        admin.close()
