import pytest

from indikator.models import Organisasi


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
