import pytest

from organisasi.models import Organisasi


@pytest.fixture(scope="session", autouse=True)
def _flush_boleh_mengosongkan():
    """Django empties PostgreSQL tables with TRUNCATE between transactional tests; the
    protected tables refuse TRUNCATE unless a superuser session says so first (laporan
    migration 0004). The test suite's flush says so; nothing else does."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    asli = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with self.connection.cursor() as c:
            c.execute("SET dinsos.izinkan_kosongkan = 'ya'")
        try:
            asli(self, sql_list)
        finally:
            try:
                with self.connection.cursor() as c:
                    c.execute("RESET dinsos.izinkan_kosongkan")
            except Exception:
                pass

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = asli


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    """Real hashing costs ~0.5 s per user; tests create many. Production keeps PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tanda_tangan_sementara(settings, tmp_path_factory):
    """Signing keys a test makes (sertifikat_demo, muat_demo) go to a temporary directory,
    never the repository's var/."""
    settings.TANDA_TANGAN_DIR = tmp_path_factory.mktemp("tanda-tangan")


@pytest.fixture
def organisasi(db) -> Organisasi:
    return Organisasi.objects.create(
        slug="palangkaraya",
        nama="Dinas Sosial Kota Palangka Raya",
        pemerintah="Pemerintah Kota Palangka Raya",
        dinas="Dinas Sosial",
        kota="Palangka Raya",
    )


@pytest.fixture
def organisasi_lain(db) -> Organisasi:
    return Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Kabupaten Seruyan")


@pytest.fixture
def kantor(organisasi, organisasi_lain):
    """The office with its people: see tests/personas.py."""
    from tests.personas import buat_kantor

    return buat_kantor(organisasi, organisasi_lain)
