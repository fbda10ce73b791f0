"""Seed 003's figures from the plan: the PPKS handled (pooled over the 12 PAS of the monthly
rows), the decrease of PPKS year over year, SAKIP, SPM (docs/rencana.md, worked examples)."""

from decimal import Decimal
from fractions import Fraction

from dasar.angka import format_persen
from rencana.selectors import hitung_capaian


def _hasil(renstra, tahun, triwulan=4):
    return {h.indikator.kode: h for h in hitung_capaian(renstra, tahun, triwulan).hasil}


def test_ppks_tertangani_2024_is_95_76(seruyan):
    h = _hasil(seruyan, 2024)["IKU-1"]
    assert (h.realisasi.pembilang, h.realisasi.penyebut) == (41893, 43746)
    assert h.realisasi.nilai == Fraction(41893, 43746) * 100
    assert format_persen(h.realisasi.nilai, 2) == "95,76%"
    assert format_persen(h.capaian, 2) == "95,76%"  # target 100 (the baseline year)
    assert h.sumber == "bulanan" and h.periode_data == 12


def test_ppks_tertangani_triwulan_1_2025_is_82_20(seruyan):
    h = _hasil(seruyan, 2025, 1)["IKU-1"]
    assert (h.realisasi.pembilang, h.realisasi.penyebut) == (35005, 42583)
    assert format_persen(h.realisasi.nilai, 2) == "82,20%"
    assert format_persen(h.capaian, 2) == "82,20%"
    assert h.status.label == "Tinggi"


def test_penurunan_ppks_2024_is_16_22(seruyan):
    h = _hasil(seruyan, 2024)["IT-1"]
    assert h.dasar == (50001, 41893)
    assert h.realisasi.nilai == Fraction(50001 - 41893, 50001) * 100
    assert format_persen(h.realisasi.nilai, 2) == "16,22%"
    assert h.capaian is None  # 2024 is before the plan: no target


def test_penurunan_ppks_2025_is_the_documents_16_44(seruyan):
    h = _hasil(seruyan, 2025, 1)["IT-1"]
    assert h.dasar == (41893, 35005)
    assert format_persen(h.realisasi.nilai, 2) == "16,44%"
    assert format_persen(h.capaian, 2) == "17,31%"  # 16,44 / 95 x 100


def test_sakip_is_a_score_against_its_target(seruyan):
    hasil = _hasil(seruyan, 2025, 1)["IKU-2"]
    assert hasil.realisasi.nilai == Decimal("60.70")
    assert hasil.teks_realisasi == "B (Baik)"
    assert hasil.capaian == Fraction(6070, 58)
    h24 = _hasil(seruyan, 2024)["IKU-2"]
    assert h24.realisasi.nilai == Decimal("58.30") and h24.capaian is None


def test_spm_categories_follow_the_default_bands(seruyan):
    h = _hasil(seruyan, 2024)
    assert h["SPM-1"].capaian == 80 and h["SPM-1"].kategori_spm.label == "Tuntas Utama"
    assert h["SPM-2"].capaian == 100 and h["SPM-2"].kategori_spm.label == "Tuntas Paripurna"
    tw1 = _hasil(seruyan, 2025, 1)
    assert tw1["SPM-1"].realisasi.nilai == 20
    assert tw1["SPM-1"].capaian == Fraction(20, 46) * 100
    assert tw1["SPM-1"].kategori_spm.label == "Tuntas Pratama"


def test_palangkaraya_iku_follows_the_monthly_total(palangkaraya_rencana):
    h = _hasil(palangkaraya_rencana, 2025, 1)["IKU-1"]
    assert format_persen(h.realisasi.nilai, 2) == "24,86%"
    assert h.periode_data == 3


def test_an_office_can_label_80_percent_tuntas_pratama_as_seed_003_does(seruyan):
    from rencana.models import Pita, Skala

    org = seruyan.organisasi
    for batas, label in [(100, "Tuntas Paripurna"), (90, "Tuntas Utama"), (85, "Tuntas Madya"),
                         (80, "Tuntas Pratama"), (0, "Belum Tuntas")]:  # fmt: skip
        Pita.objects.create(organisasi=org, skala=Skala.SPM, batas_bawah=batas, label=label,
                            warna="#123456")  # fmt: skip
    h = _hasil(seruyan, 2024)
    assert h["SPM-1"].kategori_spm.label == "Tuntas Pratama"  # 80%, as Tabel 2.10 prints
    assert h["SPM-2"].kategori_spm.label == "Tuntas Paripurna"
    assert h["IKU-1"].status.label == "Sangat Tinggi"  # the status scale keeps its defaults


def test_a_decrease_only_refers_to_a_count(seruyan):
    import pytest
    from django.core.exceptions import ValidationError

    from rencana.models import IndikatorRencana

    it1 = IndikatorRencana.objects.get(renstra=seruyan, kode="IT-1")
    it1.clean()  # the demo's: a decrease of IKU-1's pembilang
    sakip = IndikatorRencana.objects.get(renstra=seruyan, kode="IKU-2")
    sakip.acuan = it1.acuan
    with pytest.raises(ValidationError, match="hanya untuk indikator berjenis penurunan"):
        sakip.clean()
    it1.acuan = it1
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        it1.clean()
