"""The plan's pages read a bounded number of rows, whatever the number of indicators."""

import pytest
from django.urls import reverse

from rencana.models import (
    AksiRencana,
    IndikatorRencana,
    Jenis,
    Kelompok,
    RealisasiRencana,
    TargetTahunan,
    TargetTriwulan,
)
from tests.rencana.test_halaman import anggota


def perbanyak(renstra, n: int) -> None:
    """n more IKK, each with five targets, four quarterly targets of 2025, a realisasi per
    quarter of 2025 and a Rencana Aksi line of 2025 linked to it."""
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
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, tahun=2025, triwulan=tw, nilai=100) for tw in range(1, 5)
        )
        AksiRencana.objects.create(
            renstra=renstra, tahun=2025, nomor=100 + i, rencana_aksi=f"Aksi {i}", indikator=ind,
            anggaran=1000,
        )  # fmt: skip


HALAMAN = [
    # session + user + membership, the plan, then the page's own reads; the latest year with
    # data (2: quarterly and monthly realisasi) where the page's year is not in its address;
    # every page also counts the user's unread notifications (issue 14: +1)
    ("rencana_detail", (), 10),
    # ... 2 for the indicators and targets, 1 manual realisasi, 1 bands, 4 + 4 for the
    # monthly rows of 2025 and 2024 (the decrease of PPKS compares the two years); issue 15:
    # +1 the quarterly targets, +2 the budget (pagu, realisasi anggaran)
    ("rencana_capaian", (2025,), 20),
    # opens on 2025 (data): its monthly rows too; issue 15: +1 the quarterly targets in the
    # computation, +1 the page's own (with their text); +2 the quarters' analysis and evidence
    # counts (evaluasi)
    ("rencana_indikator", ("IKU-1",), 21),
    ("rencana_indikator", ("SPM-1",), 17),
    # issue 15: the year's action lines (one query with bidang and indicator)
    ("rencana_aksi", (2025,), 7),
    # issue 15: the programs and kegiatan, their pagu and their realisasi anggaran
    ("rencana_anggaran", (2025,), 9),
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
