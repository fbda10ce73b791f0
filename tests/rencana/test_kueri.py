"""The plan's pages read a bounded number of rows, whatever the number of indicators."""

import pytest
from django.urls import reverse

from rencana.models import IndikatorRencana, Jenis, Kelompok, RealisasiRencana, TargetTahunan
from tests.rencana.test_halaman import anggota


def perbanyak(renstra, n: int) -> None:
    """n more IKK, each with five targets and a realisasi per quarter of 2025."""
    for i in range(n):
        ind = IndikatorRencana.objects.create(
            renstra=renstra, kelompok=Kelompok.IKK, kode=f"X-{i}", nama=f"Tambahan {i}",
            jenis=Jenis.PERSENTASE, urutan=1000 + i, urutan_ikk=100 + i,
        )  # fmt: skip
        TargetTahunan.objects.bulk_create(
            TargetTahunan(indikator=ind, tahun=t, nilai=100) for t in renstra.daftar_tahun
        )
        RealisasiRencana.objects.bulk_create(
            RealisasiRencana(indikator=ind, tahun=2025, triwulan=tw, pembilang=tw, penyebut=4)
            for tw in range(1, 5)
        )


HALAMAN = [
    # session + user + membership, the plan, then the page's own reads; the latest year with
    # data (2: quarterly and monthly realisasi) where the page's year is not in its address;
    # the navigation's unread notification count (1, akun.konteks)
    ("rencana_detail", (), 10),
    # ... 2 for the indicators and targets, 1 manual realisasi, 1 bands, 4 + 4 for the
    # monthly rows of 2025 and 2024 (the decrease of PPKS compares the two years)
    ("rencana_capaian", (2025,), 17),
    ("rencana_indikator", ("IKU-1",), 17),  # opens on 2025 (data): its monthly rows too
    ("rencana_indikator", ("SPM-1",), 13),
]


@pytest.mark.parametrize("tambahan", [0, 60])
@pytest.mark.parametrize(("nama", "args", "batas"), HALAMAN)
def test_query_count_is_bounded(client, seruyan, django_assert_max_num_queries, tambahan, nama,
                                args, batas):  # fmt: skip
    perbanyak(seruyan, tambahan)
    client.force_login(anggota(seruyan))
    url = reverse(nama, args=["seruyan", seruyan.kunci, *args])
    with django_assert_max_num_queries(batas):
        assert client.get(url + "?triwulan=1").status_code == 200
