"""Indonesian number text in and out, and display rounding."""

import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from dasar.angka import (
    SPASI_ZS,
    AngkaError,
    format_angka,
    format_persen,
    nama_bulan,
    parse_angka,
    parse_pecahan,
    round_half_up,
    to_decimal,
)
from dasar.formulir import AngkaField
from indikator.impor import KOLOM, PETUNJUK_ORGANISASI


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6.780", Decimal(6780)),
        ("1.234,5", Decimal("1234.5")),
        ("1.234.567", Decimal(1234567)),
        ("1234", Decimal(1234)),
        ("0,5", Decimal("0.5")),
        (" 46 ", Decimal(46)),
        ("4\u00a0002", Decimal(4002)),
        ("4\u202f002", Decimal(4002)),  # narrow no-break space
        ("1\u2009234\u2009567,5", Decimal("1234567.5")),  # thin space
        ("\u20076\u2007780\u3000", Decimal(6780)),  # figure and ideographic space
        ("-0", Decimal(0)),
        ("-0,0", Decimal(0)),
        ("- 0", Decimal(0)),
        (-0.0, Decimal(0)),
        (6780, Decimal(6780)),
        (6780.0, Decimal(6780)),
        (0.1, Decimal("0.1")),
        (Decimal("12.5"), Decimal("12.5")),
        ("", None),
        ("-", None),
        (None, None),
    ],
)
def test_parse_angka_reads_indonesian_text_and_number_cells(value, expected):
    assert parse_angka(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("-5", "negatif"),
        (-5, "negatif"),
        ("-0,5", "negatif"),
        ("\u22120", "bukan angka"),  # the minus sign U+2212 is not read as a minus
        ("--0", "negatif"),
        ("-\u202f1\u202f000", "negatif"),
        ("4\u200b002", "bukan angka"),  # zero-width space: not a Zs separator, not dropped
        ("abc", "bukan angka"),
        ("12.5", "koma untuk desimal"),
        ("1,2,3", "bukan angka"),
        (True, "benar/salah"),
        (float("nan"), "bukan angka"),
    ],
)
def test_parse_angka_refuses_with_an_indonesian_message(value, fragment):
    with pytest.raises(AngkaError, match=fragment):
        parse_angka(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1/12", Fraction(1, 12)),
        ("1 / 3", Fraction(1, 3)),
        ("0,5", Fraction(1, 2)),
        ("0.5", Fraction(1, 2)),
        ("1", Fraction(1)),
        (0.25, Fraction(1, 4)),
        (1, Fraction(1)),
        ("1\u202f/\u202f12", Fraction(1, 12)),
        ("-0", Fraction(0)),
        ("-0,0", Fraction(0)),
        ("-0.0", Fraction(0)),
        ("-0/5", Fraction(0)),
        (-0.0, Fraction(0)),
        ("", None),
        (None, None),
    ],
)
def test_parse_pecahan_reads_fractions_and_decimals(value, expected):
    assert parse_pecahan(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("1/0", "nol"), ("-1/12", "negatif"), ("satu", "bukan angka"), (-0.5, "negatif"),
     ("-0,5", "negatif"), ("--0", "negatif"), ("-1/0", "negatif")],
)  # fmt: skip
def test_parse_pecahan_refuses_bad_values(value, fragment):
    with pytest.raises(AngkaError, match=fragment):
        parse_pecahan(value)


def test_every_unicode_space_separator_is_a_thousands_separator():
    semua_zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert set(SPASI_ZS) == semua_zs
    for spasi in semua_zs:
        assert parse_angka(f"1{spasi}234{spasi}567,5") == Decimal("1234567.5"), hex(ord(spasi))
        assert parse_pecahan(f"1{spasi}/{spasi}3") == Fraction(1, 3), hex(ord(spasi))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6\u202f780", Decimal(6780)), ("1\u2009234,5", Decimal("1234.5")), ("-0", Decimal(0))],
)
def test_the_admin_number_field_reads_unicode_spaces_and_minus_zero(text, expected):
    assert AngkaField().clean(text) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(5, 100), 1, Decimal("0.1")),
        (Fraction(45, 1000), 2, Decimal("0.05")),
        (Fraction(44999, 1000000), 2, Decimal("0.04")),
        (Fraction(-5, 100), 1, Decimal("-0.1")),
        (Decimal("2.675"), 2, Decimal("2.68")),  # float rounding would give 2.67
    ],
)
def test_round_half_up_rounds_like_a_spreadsheet(value, places, expected):
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(1900, 23), 1, "82,6%"),
        (Fraction(0), 1, "0,0%"),
        (Fraction(100), 1, "100,0%"),
        (Fraction(9663, 1000), 2, "9,66%"),
        (Fraction(123456, 10), 1, "12.345,6%"),
        (None, 1, "-"),
    ],
)
def test_format_persen_prints_indonesian_percentages(value, places, expected):
    assert format_persen(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("6780.0000"), "6.780"),
        (Decimal("4002"), "4.002"),
        (Decimal("1234.5000"), "1.234,5"),
        (Decimal("1E+3"), "1.000"),
        (Decimal(0), "0"),
        (None, "-"),
    ],
)
def test_format_angka_prints_thousands_with_dots(value, expected):
    assert format_angka(value) == expected


def test_to_decimal_is_exact_when_the_fraction_terminates():
    assert to_decimal(Fraction(1, 8)) == Decimal("0.125")
    assert to_decimal(Fraction(100)) == Decimal(100)
    assert str(to_decimal(Fraction(1, 3))).startswith("0.3333333333")


def test_month_names_are_indonesian():
    assert [nama_bulan(b) for b in (1, 3, 12)] == ["Januari", "Maret", "Desember"]


def test_the_workbook_guide_in_docs_names_every_column_and_key():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "buku-kerja.md").read_text()
    for name in [*KOLOM, *PETUNJUK_ORGANISASI]:
        assert f"`{name}`" in guide, name
