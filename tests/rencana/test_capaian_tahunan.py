"""``capaian_tahunan`` prints seed 003's figures, unrounded."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def jalankan(**opsi) -> dict:
    out = StringIO()
    call_command("capaian_tahunan", stdout=out, **opsi)
    return json.loads(out.getvalue(), parse_float=Decimal)


def per_kode(data):
    return {i["kode"]: i for i in data["indikator"]}


def test_the_2024_figures(seruyan):
    data = per_kode(jalankan(organisasi="seruyan", tahun=2024))
    assert round(data["IKU-1"]["capaian"], 2) == Decimal("95.76")
    assert data["IKU-1"]["realisasi"] == data["IKU-1"]["capaian"]
    assert str(data["IKU-1"]["realisasi"]).startswith("95.764184153")  # unrounded
    assert round(data["IT-1"]["realisasi"], 2) == Decimal("16.22")
    assert data["IT-1"]["jenis"] == "penurunan"
    assert data["SPM-1"]["kategori"] == "Tuntas Utama"


def test_the_first_quarter_of_2025(seruyan):
    out = jalankan(organisasi="seruyan", tahun=2025, triwulan=1)
    assert out["periode"] == "Triwulan I 2025" and out["renstra"] == "2025-2029"
    data = per_kode(out)
    assert round(data["IKU-1"]["realisasi"], 2) == Decimal("82.20")
    assert data["IKU-1"]["kategori"] == "Tinggi"
    assert round(data["IT-1"]["realisasi"], 2) == Decimal("16.44")
    assert data["IT-1"]["target"] == 95
    assert data["IKU-2"]["realisasi_teks"] == "B (Baik)"
    for kunci in ("kode", "nama", "jenis", "target", "realisasi", "capaian", "kategori"):
        assert kunci in data["SPM-5"]


@pytest.mark.parametrize(
    ("opsi", "pesan"),
    [
        ({"organisasi": "tidak-ada", "tahun": 2025}, "tidak ditemukan"),
        ({"organisasi": "seruyan", "tahun": 2019}, "belum mempunyai rencana"),
        ({"organisasi": "seruyan", "tahun": 2025, "triwulan": 5}, "1 sampai 4"),
    ],
)
def test_bad_arguments_say_what_is_wrong(seruyan, opsi, pesan):
    with pytest.raises(CommandError, match=pesan):
        jalankan(**opsi)


def test_a_decrease_names_the_counts_it_compares(seruyan):
    data = per_kode(jalankan(organisasi="seruyan", tahun=2025, triwulan=1))
    assert data["IT-1"]["rincian"] == {"jumlah_tahun_lalu": 41893, "jumlah_tahun_ini": 35005}
    assert data["IKU-1"]["rincian"] == {"pembilang": 35005, "penyebut": 42583}
