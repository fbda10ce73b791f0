import pytest
from django.test import Client

from organisasi.models import Bidang
from rencana.demo import muat_palangkaraya
from rencana.models import IndikatorRencana, Jenis, Kelompok
from tests.personas import FAKIR_MISKIN


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Uploaded evidence goes to a temporary MEDIA_ROOT, never the repository's media/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def renstra(kantor):
    """Palangka Raya's IKU 2025 (seed 002) and IKK-FM, owned by alice's bidang."""
    renstra = muat_palangkaraya(kantor.organisasi)
    IndikatorRencana.objects.create(
        renstra=renstra, kelompok=Kelompok.IKK, kode="IKK-FM", nama="Data tervalidasi",
        jenis=Jenis.JUMLAH, bidang=Bidang.objects.get(organisasi=kantor.organisasi,
                                                      slug=FAKIR_MISKIN),
    )  # fmt: skip
    return renstra


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c
