"""The arithmetic of docs/perhitungan.md, checked against the figures printed in the seeds."""

from decimal import Decimal
from fractions import Fraction

import pytest

from capaian.engine import (
    JUMLAH,
    RASIO_GABUNGAN,
    RATA_RATA,
    Baris,
    Indikator,
    Program,
    capaian_sd,
    hitung_baris,
    hitung_bulan,
    hitung_indikator,
)
from dasar.angka import format_persen
from indikator.models import default_faktor
from tests.capaian.seed_000 import maret_2025


@pytest.fixture
def maret():
    return hitung_bulan(maret_2025())


SEED_000_ROWS = [
    # nomor, Realisasi (%), % Tahunan, as printed in seed 000
    (1, "82,6%", "6,9%"),
    (2, "20,0%", "1,7%"),
    (3, "0,0%", "0,0%"),
    (4, "7,4%", "3,7%"),
    (5, "100,0%", "8,3%"),
    (6, "88,2%", "88,2%"),
    (7, "0,0%", "0,0%"),
    (8, "0,0%", "0,0%"),
    (9, "100,0%", "8,3%"),
    (10, "100,0%", "8,3%"),
    (11, "100,0%", "8,3%"),
    (12, "100,0%", "8,3%"),
]


@pytest.mark.parametrize(("nomor", "persen", "tahunan"), SEED_000_ROWS)
def test_each_seed_000_row_prints_as_in_the_seed(maret, nomor, persen, tahunan):
    rows = [r for p in maret.program for i in p.indikator for r in i.rumus]
    row = rows[nomor - 1]
    assert format_persen(row.persen) == persen
    assert format_persen(row.persen_tahunan) == tahunan


def test_seed_000_program_lines_print_as_in_the_seed(maret):
    assert [format_persen(p.nilai) for p in maret.program] == ["6,9%", "4,6%", "18,9%", "8,3%"]


def test_seed_000_bidang_lines_of_the_pjs_program_print_as_in_the_seed(maret):
    pjs = maret.program[2]
    assert [format_persen(i.nilai) for i in pjs.indikator] == ["29,4%", "8,3%"]


def test_seed_000_month_total_is_9_66_percent(maret):
    assert format_persen(maret.total, 2) == "9,66%"
    assert Decimal("9.6630") < Decimal(maret.total.numerator) / maret.total.denominator
    assert maret.total < Fraction("9.6631")


def test_seed_000_cumulative_figures_print_15_19_and_24_86(maret):
    # Any January + February sum in [15,1918; 15,1950) prints as the seed does.
    totals = {1: Fraction("6.1183"), 2: Fraction("9.0747"), 3: maret.total}
    assert format_persen(capaian_sd(totals, 2), 2) == "15,19%"
    assert format_persen(capaian_sd(totals, 3), 2) == "24,86%"


def test_capaian_sd_bulan_lalu_in_january_is_zero():
    assert capaian_sd({1: Fraction(7)}, 0) == 0


def test_a_month_without_a_total_adds_nothing_to_the_cumulative():
    assert capaian_sd({1: Fraction(5), 2: None, 3: Fraction(2)}, 3) == 7


def _pas(terdata_tertangani):
    rows = [
        Baris(
            kode=f"PAS{n}",
            pembagi=None if d is None else Decimal(d),
            realisasi=None if t is None else Decimal(t),
            faktor=Fraction(1),
        )
        for n, (d, t) in enumerate(terdata_tertangani)
    ]
    return Indikator("IKU-2", "PPKS tertangani", rows, agregasi=RASIO_GABUNGAN)


# Seed 003, Tabel 2.5 (12 PAS, Triwulan I 2025), "tdk ada" as None.
TABEL_2_5 = [
    (0, 0), (4, 4), (6, 6), (46, 0), (0, 0), (0, 0), (1, 1), (233, 0), (320, 20), (1694, 7),
    (1, 1), (0, 0), (12, 0), (0, 0), (20, 20), (None, None), (0, 0), (0, 0), (0, 0), (0, 0),
    (0, 0), (0, 0), (0, 0), (5, 0), (0, 0), (0, 0), (0, 0), (40241, 34946),
]  # fmt: skip


def test_seed_003_ppks_tertangani_triwulan_i_2025_pools_to_82_20_percent():
    hasil = hitung_indikator(_pas(TABEL_2_5))
    assert hasil.nilai == Fraction(35005, 42583) * 100
    assert format_persen(hasil.nilai, 2) == "82,20%"


def test_seed_003_ppks_tertangani_2024_pools_to_95_76_percent():
    hasil = hitung_indikator(_pas([(43746, 41893)]))
    assert format_persen(hasil.nilai, 2) == "95,76%"


def test_tdk_ada_and_zero_categories_stay_in_the_table_without_a_percentage():
    hasil = hitung_indikator(_pas(TABEL_2_5))
    assert hasil.rumus[0].persen is None  # 0 terdata
    assert hasil.rumus[15].persen is None  # tdk ada
    assert len(hasil.rumus) == len(TABEL_2_5)


@pytest.mark.parametrize(
    ("periode", "faktor"),
    [
        ("bulanan", Fraction(1, 12)),
        ("triwulan", Fraction(1, 4)),
        ("semester", Fraction(1, 2)),
        ("tahunan", Fraction(1)),
        ("sesuai kondisi", Fraction(1, 12)),
    ],
)
def test_default_faktor_follows_the_periode(periode, faktor):
    assert default_faktor(periode) == faktor


@pytest.mark.parametrize("pembagi", [None, 0, Decimal(0)])
def test_a_row_without_pembagi_has_no_percentage_and_no_error(pembagi):
    hasil = hitung_baris(Baris("R", pembagi=pembagi, realisasi=Decimal(5)))
    assert hasil.persen is None
    assert hasil.persen_tahunan is None


def test_missing_realisasi_counts_as_zero_when_there_is_a_pembagi():
    hasil = hitung_baris(Baris("R", pembagi=Decimal(5), realisasi=None))
    assert hasil.persen == 0


def test_rows_without_percentage_are_left_out_of_the_indikator_mean():
    ind = Indikator(
        "I",
        "I",
        [
            Baris("a", Decimal(10), Decimal(5), faktor=Fraction(1)),
            Baris("b", Decimal(0), Decimal(5), faktor=Fraction(1)),
            Baris("c", None, None, faktor=Fraction(1)),
        ],
    )
    assert hitung_indikator(ind).nilai == 50


def test_weighted_rata_rata_uses_bobot():
    ind = Indikator(
        "I",
        "I",
        [
            Baris("a", 100, 100, faktor=Fraction(1), bobot=Fraction(3)),
            Baris("b", 100, 0, faktor=Fraction(1), bobot=Fraction(1)),
        ],
    )
    assert hitung_indikator(ind).nilai == 75


def test_jumlah_sums_weighted_shares():
    ind = Indikator(
        "I",
        "I",
        [Baris("a", 10, 5, faktor=Fraction(1)), Baris("b", 10, 10, faktor=Fraction(1, 2))],
        agregasi=JUMLAH,
    )
    assert hitung_indikator(ind).nilai == 100


def test_an_indikator_without_any_percentage_is_left_out_of_its_program_and_the_total():
    kosong = Indikator("K", "K", [Baris("a", None, Decimal(3))])
    isi = Indikator("I", "I", [Baris("b", 10, 5, faktor=Fraction(1))])
    hasil = hitung_bulan([Program("P1", "P1", [kosong, isi]), Program("P2", "P2", [kosong])])
    assert hasil.program[0].nilai == 50
    assert hasil.program[1].nilai is None
    assert hasil.total == 50


def test_a_month_with_no_data_has_no_total():
    assert hitung_bulan([]).total is None
    assert (
        hitung_bulan([Program("P", "P", [Indikator("I", "I", [Baris("a", None, None)])])]).total
        is None
    )


def test_program_mean_uses_indikator_weights():
    a = Indikator("A", "A", [Baris("a", 1, 1, faktor=Fraction(1))], bobot=Fraction(1))
    b = Indikator("B", "B", [Baris("b", 1, 0, faktor=Fraction(1))], bobot=Fraction(3))
    assert hitung_bulan([Program("P", "P", [a, b])]).total == 25


def test_pooled_indikator_with_mixed_faktor_is_an_error_not_a_guess():
    ind = Indikator(
        "I",
        "I",
        [Baris("a", 1, 1, faktor=Fraction(1)), Baris("b", 1, 1, faktor=Fraction(1, 12))],
        agregasi=RASIO_GABUNGAN,
    )
    with pytest.raises(ValueError, match="faktor"):
        hitung_indikator(ind)


def test_unknown_agregasi_is_an_error():
    with pytest.raises(ValueError, match="agregasi"):
        hitung_indikator(Indikator("I", "I", [Baris("a", 1, 1)], agregasi="median"))


def test_rata_rata_is_the_default_agregasi():
    assert Indikator("I", "I", []).agregasi == RATA_RATA
