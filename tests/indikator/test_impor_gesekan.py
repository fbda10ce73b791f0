"""Workbook friction (issue 14): rumus rows that each give their own ``sumber_data`` are
kept (the indikator lists the distinct sources), and a faktor or bobot written as the decimal
Excel shows for a simple fraction is read as that fraction, the preview saying so."""

from fractions import Fraction

import pytest

from indikator.impor import impor_indikator
from indikator.models import Indikator, Rumus
from tests.workbooks import baris_contoh, buku_indikator, ubah

pytestmark = pytest.mark.django_db


def test_rows_with_their_own_source_are_kept_and_listed(organisasi):
    rows = ubah(baris_contoh(), 2, sumber_data="Bidang Pemberdayaan Sosial")
    rows = ubah(rows, 3, sumber_data="Dinas Kependudukan")
    rows = ubah(rows, 4, sumber_data="Bidang Pemberdayaan Sosial")
    impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025)
    ind = Indikator.objects.get(rumus__kode="R03")
    assert ind.sumber_data.endswith("Bidang Pemberdayaan Sosial; Dinas Kependudukan")


@pytest.mark.parametrize("tulisan", [0.0833333333, "0,0833333333", "0,083333333333"])
def test_a_decimal_for_one_twelfth_is_read_as_one_twelfth(organisasi, tulisan):
    rows = ubah(baris_contoh(), 0, faktor_tahunan=tulisan)
    hasil = impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025,
                            dry_run=True)  # fmt: skip
    teks = " ".join(" ".join(p.rincian) for p in hasil.perubahan)
    assert "dibaca 1/12" in teks
    impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025)
    assert Rumus.objects.get(kode="R01").faktor == Fraction(1, 12)


def test_any_other_decimal_is_taken_as_written(organisasi):
    rows = ubah(baris_contoh(), 0, faktor_tahunan="0,085")
    impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025)
    assert Rumus.objects.get(kode="R01").faktor == Fraction(17, 200)
