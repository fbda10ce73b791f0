"""The two demo plans over the demo monthly workbooks, as ``muat_demo`` loads them."""

from pathlib import Path

import pytest
from django.conf import settings

from capaian.impor import impor_realisasi
from indikator.impor import impor_indikator
from organisasi.models import Organisasi
from rencana.demo import muat_palangkaraya, muat_seruyan

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _impor(slug: str, tahun_indikator: list[int], realisasi: str) -> Organisasi:
    for tahun in tahun_indikator:
        impor_indikator((FIXTURES / f"{slug}-indikator.xlsx").read_bytes()
                        if (FIXTURES / f"{slug}-indikator.xlsx").exists()
                        else (FIXTURES / f"{slug}-{tahun}-indikator.xlsx").read_bytes(),
                        organisasi=slug, tahun=tahun)  # fmt: skip
    org = Organisasi.objects.get(slug=slug)
    impor_realisasi((FIXTURES / realisasi).read_bytes(), organisasi=org)
    return org


@pytest.fixture
def seruyan(db):
    """Seruyan's monthly rows (12 PAS, 2024 and 2025) and its 2025-2029 plan."""
    org = _impor("seruyan", [2024, 2025], "seruyan-realisasi.xlsx")
    return muat_seruyan(org)


@pytest.fixture
def palangkaraya_rencana(db):
    """Palangka Raya's 2025 monthly rows (January-March of seed 000) and its IKU decree."""
    org = _impor("palangkaraya", [2025], "palangkaraya-2025-realisasi.xlsx")
    return muat_palangkaraya(org)
