"""Stored month results seen from the outside (issue 12): after each way an input can change,
the dashboard's JSON, the monthly report's JSON and the regional roll-up's JSON all show the
new figures, equal to a computation from scratch, though each had read the month before and
stored it.

Write paths: the staf's entry page, the realisasi workbook import, the admin's realisasi
form, the definitions workbook import (faktor tahunan), the admin's Rumus form (bobot) and a
raw SQL update (what a database console does)."""

import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from capaian import engine
from capaian.hasil import ringkas
from capaian.impor import impor_realisasi
from capaian.models import HasilBulan, Realisasi
from capaian.selectors import muat_tahun
from indikator.impor import impor_indikator
from indikator.models import Rumus
from organisasi.models import Wilayah
from tests.personas import TAHUN
from tests.test_matriks_izin import isian
from tests.workbooks import buku_realisasi

pytestmark = pytest.mark.django_db

FIXTURE = "fixtures/palangkaraya-2025-indikator.xlsx"


def _segar(kantor, bulan: int) -> dict[str, Fraction | None]:
    data = muat_tahun(kantor.organisasi, TAHUN)
    total = {b: ringkas(data.hitung_bulan(b)).total for b in range(1, bulan + 1)}
    return {"total_bulan": total[bulan], "capaian_sd_bulan": engine.capaian_sd(total, bulan)}


def _pecahan(nilai) -> Fraction | None:
    return None if nilai is None else Fraction(nilai)


def _dekat(a: Fraction | None, b: Fraction | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < Fraction(1, 10**20)  # JSON carries 28 significant digits


def _json(teks):
    return json.loads(teks, parse_float=Decimal)


def _baca(kantor, bulan: int) -> dict[str, dict[str, Fraction | None]]:
    """The month's total and capaian s.d. bulan as the three JSON outputs give them."""
    root = Client()
    root.force_login(kantor.root)
    q = {"tahun": TAHUN, "bulan": bulan}
    dasbor = _json(root.get(reverse("dasbor_data", args=["palangkaraya"]), q).content)
    rekap = _json(root.get(reverse("rekap_wilayah_data", args=["kota"]), q).content)
    out = io.StringIO()
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", str(TAHUN),
        "--bulan", str(bulan), stdout=out,
    )  # fmt: skip
    laporan = _json(out.getvalue())
    baris = rekap["organisasi"][0]
    kunci = ("total_bulan", "capaian_sd_bulan")
    return {
        sumber: {k: _pecahan(d[k]) for k in kunci}
        for sumber, d in (("dasbor", dasbor), ("rekap", baris), ("laporan", laporan))
    }


@pytest.fixture
def kota(kantor):
    w = Wilayah.objects.create(slug="kota", nama="Kota")
    w.organisasi.add(kantor.organisasi)
    return kantor


# -- the write paths ---------------------------------------------------------------------


def lewat_entri(kantor) -> int:
    """Alice types February's R06 again on her entry page (5.780 -> 6.500) and saves."""
    alice = Client()
    alice.force_login(kantor.alice)
    url = reverse("entri", args=["palangkaraya", TAHUN, 2, "penanganan-fakir-miskin"])
    data = dict(isian(alice.get(url).content.decode()).nilai)
    data[f"r-{kantor.rumus['R06'].pk}-realisasi"] = "6.500"
    data["aksi"] = "simpan"
    assert alice.post(url, data).status_code == 303
    return 2


def lewat_impor_realisasi(kantor) -> int:
    buku = buku_realisasi([("R06", TAHUN, 2, 6780, "6.100", "rekap DTKS ulang")])
    impor_realisasi(buku, organisasi=kantor.organisasi)
    return 2


def lewat_admin_realisasi(kantor) -> int:
    obj = Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=2)
    admin = Client()
    admin.force_login(kantor.admin_org)
    response = admin.post(
        reverse("admin:capaian_realisasi_change", args=[obj.pk]),
        {"rumus": obj.rumus_id, "bulan": "2", "pembagi": "6.780", "realisasi": "4.000",
         "keterangan": "", "versi_asal": str(obj.versi)},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    return 2


def lewat_impor_definisi(kantor) -> int:
    """The definitions workbook again, R06's faktor tahunan 1/12 -> 1/6."""
    wb = load_workbook(FIXTURE)
    ws = wb["Indikator"]
    kepala = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[kepala.index("kode_rumus")].value == "R06":
            row[kepala.index("faktor_tahunan")].value = "1/6"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    impor_indikator(keluaran.getvalue(), organisasi="palangkaraya", tahun=TAHUN)
    return 2


def lewat_admin_rumus(kantor) -> int:
    """R06's bobot changed the way the admin's form saves it (a model save)."""
    r06 = Rumus.objects.get(pk=kantor.rumus["R06"].pk)
    r06.bobot_pembilang, r06.bobot_penyebut = 1, 2
    r06.save()
    return 2


def lewat_sql(kantor) -> int:
    with connection.cursor() as c:
        c.execute(
            "UPDATE capaian_realisasi SET realisasi = %s WHERE rumus_id = %s AND bulan = 2",
            [Decimal(3000), kantor.rumus["R06"].pk],
        )
    return 2


JALUR = [lewat_entri, lewat_impor_realisasi, lewat_admin_realisasi, lewat_impor_definisi,
         lewat_admin_rumus, lewat_sql]  # fmt: skip


@pytest.mark.parametrize("tulis", JALUR, ids=lambda f: f.__name__)
def test_every_output_shows_the_write_and_equals_a_fresh_computation(kota, tulis):
    kantor = kota
    sebelum = _baca(kantor, 2)  # computes February (and January) and stores them
    assert HasilBulan.objects.filter(organisasi=kantor.organisasi, tahun=TAHUN).exists()
    assert _baca(kantor, 2) == sebelum  # read back from the store: the same
    bulan = tulis(kantor)
    segar = _segar(kantor, bulan)
    sesudah = _baca(kantor, bulan)
    for sumber, nilai in sesudah.items():
        for kunci, v in nilai.items():
            assert _dekat(v, segar[kunci]), (sumber, kunci, v, segar[kunci])
        assert nilai["total_bulan"] != sebelum[sumber]["total_bulan"], sumber
