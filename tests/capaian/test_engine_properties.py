"""Properties of the arithmetic that must hold for every structure, not just the seeds'."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from dasar.angka import AngkaError, format_angka, format_persen, parse_angka, parse_pecahan

faktor_st = st.sampled_from([Fraction(1, 12), Fraction(1, 4), Fraction(1, 2), Fraction(1)])
bobot_st = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=12)
angka_st = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
pembagi_st = st.one_of(st.none(), st.just(Decimal(0)), angka_st)


@st.composite
def baris_st(draw, faktor=None):
    return Baris(
        kode=draw(st.text(min_size=1, max_size=4)),
        pembagi=draw(pembagi_st),
        realisasi=draw(st.one_of(st.none(), angka_st)),
        faktor=faktor if faktor is not None else draw(faktor_st),
        bobot=draw(bobot_st),
    )


@st.composite
def indikator_st(draw):
    agregasi = draw(st.sampled_from([RATA_RATA, JUMLAH, RASIO_GABUNGAN]))
    faktor = draw(faktor_st) if agregasi == RASIO_GABUNGAN else None
    rows = draw(st.lists(baris_st(faktor=faktor), min_size=0, max_size=6))
    return Indikator("I", "I", rows, agregasi=agregasi, bobot=draw(bobot_st))


program_st = st.builds(
    lambda inds: Program("P", "P", inds), st.lists(indikator_st(), min_size=0, max_size=4)
)


@given(baris_st())
def test_annual_share_is_the_percentage_times_the_faktor(baris):
    hasil = hitung_baris(baris)
    if hasil.persen is None:
        assert baris.pembagi in (None, 0)
    else:
        assert hasil.persen_tahunan == hasil.persen * baris.faktor


@given(baris_st(), st.integers(min_value=1, max_value=1000))
def test_scaling_pembagi_and_realisasi_together_keeps_the_percentage(baris, k):
    scaled = Baris(
        "x",
        None if baris.pembagi is None else baris.pembagi * k,
        None if baris.realisasi is None else baris.realisasi * k,
        baris.faktor,
    )
    assert hitung_baris(scaled).persen == hitung_baris(baris).persen


@given(indikator_st())
def test_rata_rata_lies_between_the_smallest_and_largest_share(ind):
    ind = Indikator(ind.kode, ind.nama, ind.rumus, agregasi=RATA_RATA)
    hasil = hitung_indikator(ind)
    shares = [h.persen_tahunan for h in hasil.rumus if h.persen_tahunan is not None]
    if not shares:
        assert hasil.nilai is None
    else:
        assert min(shares) <= hasil.nilai <= max(shares)


@given(indikator_st(), st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_indikator_value(ind, rnd):
    rows = list(ind.rumus)
    rnd.shuffle(rows)
    shuffled = Indikator(ind.kode, ind.nama, rows, agregasi=ind.agregasi, bobot=ind.bobot)
    assert hitung_indikator(shuffled).nilai == hitung_indikator(ind).nilai


@given(indikator_st(), st.sampled_from([None, Decimal(0)]), st.one_of(st.none(), angka_st))
def test_a_row_without_pembagi_changes_nothing_above_it(ind, pembagi, realisasi):
    faktor = ind.rumus[0].faktor if ind.rumus else Fraction(1, 12)
    extra = Baris("x", pembagi, realisasi, faktor=faktor)
    wider = Indikator(ind.kode, ind.nama, [*ind.rumus, extra], agregasi=ind.agregasi)
    assert (
        hitung_indikator(wider).nilai
        == hitung_indikator(Indikator(ind.kode, ind.nama, ind.rumus, agregasi=ind.agregasi)).nilai
    )


@given(baris_st())
def test_pooling_a_single_row_gives_its_annual_share(baris):
    ind = Indikator("I", "I", [baris], agregasi=RASIO_GABUNGAN)
    assert hitung_indikator(ind).nilai == hitung_baris(baris).persen_tahunan


@given(st.lists(baris_st(), min_size=1, max_size=6))
def test_jumlah_with_equal_weights_one_over_n_equals_rata_rata(rows):
    rows = [r for r in rows if r.pembagi]
    if not rows:
        return
    n = len(rows)
    weighted = [Baris(r.kode, r.pembagi, r.realisasi, r.faktor, Fraction(1, n)) for r in rows]
    jumlah = hitung_indikator(Indikator("I", "I", weighted, agregasi=JUMLAH)).nilai
    unweighted = [Baris(r.kode, r.pembagi, r.realisasi, r.faktor) for r in rows]
    assert jumlah == hitung_indikator(Indikator("I", "I", unweighted)).nilai


@given(st.lists(program_st, max_size=4))
def test_month_total_lies_between_the_program_values(programs):
    hasil = hitung_bulan(programs)
    values = [p.nilai for p in hasil.program if p.nilai is not None]
    if not values:
        assert hasil.total is None
    else:
        assert min(values) <= hasil.total <= max(values)


@given(st.dictionaries(st.integers(1, 12), st.one_of(st.none(), st.fractions(0, 200)), max_size=12))
def test_capaian_sd_adds_each_month_total_once(totals):
    for bulan in range(1, 13):
        step = totals.get(bulan) or 0
        assert capaian_sd(totals, bulan) == capaian_sd(totals, bulan - 1) + step
        assert capaian_sd(totals, bulan) >= capaian_sd(totals, bulan - 1)


@given(st.fractions(min_value=0, max_value=1000, max_denominator=10**6), st.sampled_from([1, 2]))
def test_display_rounding_is_within_half_a_unit_and_rounds_half_up(value, places):
    text = format_persen(value, places)
    shown = Fraction(Decimal(text.rstrip("%").replace(".", "").replace(",", ".")))
    half = Fraction(1, 2 * 10**places)
    assert -half < shown - value <= half


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False))
def test_indonesian_number_text_round_trips(value):
    assert parse_angka(format_angka(value)) == value


# Every Unicode space separator (category Zs), NBSP and the narrow NBSP U+202F included.
spasi_st = st.characters(categories=["Zs"])


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False), spasi_st, spasi_st)
def test_any_unicode_space_separates_thousands_as_a_plain_space_does(value, pemisah, tepi):
    text = format_angka(value)
    dengan_spasi = tepi + text.replace(".", pemisah) + tepi
    assert parse_angka(dengan_spasi) == parse_angka(text.replace(".", " ")) == value


@given(
    st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False),
    spasi_st,
)
def test_a_minus_sign_is_refused_unless_the_number_is_zero(value, spasi):
    text = "-" + spasi + format_angka(value)
    if value == 0:
        assert parse_angka(text) == 0 and parse_pecahan(text.replace(".", "")) == 0
    else:
        with pytest.raises(AngkaError, match="tidak boleh negatif"):
            parse_angka(text)


@given(st.fractions(min_value=Fraction(1, 1000), max_value=100, max_denominator=1000))
def test_fraction_text_round_trips(value):
    assert parse_pecahan(f"{value.numerator}/{value.denominator}") == value
