"""rumus_teks as the printed report shows it: stacked fractions, kept sentences, plain text."""

import pytest

from fixtures.buat_demo import palangkaraya_rows, seruyan_rows
from laporan.rumus import Pecahan, Teks, urai_daftar, urai_rumus


def test_a_single_formula_becomes_one_fraction_times_100_percent():
    assert urai_rumus("Jumlah PSKS yang berkontribusi / Jumlah PSKS x 100%") == [
        Pecahan("Jumlah PSKS yang berkontribusi", "Jumlah PSKS", pengali="100%")
    ]


def test_formulas_separated_by_semicolons_or_new_lines_become_one_fraction_each():
    teks = "Jumlah A / Jumlah B x 100%; Jumlah C / Jumlah D x 100%\nJumlah E / Jumlah F"
    assert urai_rumus(teks) == [
        Pecahan("Jumlah A", "Jumlah B", pengali="100%"),
        Pecahan("Jumlah C", "Jumlah D", pengali="100%"),
        Pecahan("Jumlah E", "Jumlah F"),
    ]


def test_a_leading_sentence_is_kept_as_text_before_the_fractions():
    rumus = next(r["rumus_indikator"] for r in palangkaraya_rows() if r["kode_rumus"] == "R06")
    assert urai_rumus(rumus) == [
        Teks("Rumusan Indikator merupakan rata-rata dari:"),
        Pecahan("Jumlah Data PPKS yang tervalidasi (Layak dan Tidak Layak)", "Jumlah DTKS"),
        Pecahan("Jumlah Penerima bantuan yang tepat sasaran", "Jumlah Data Penerima bantuan"),
        Pecahan("Jumlah Monev usaha yang diberi bantuan", "Jumlah Penerima bantuan usaha"),
    ]


def test_every_demo_formula_is_shown_as_fractions():
    for row in [*palangkaraya_rows(), *seruyan_rows()]:
        bagian = urai_rumus(row["rumus_indikator"])
        assert any(isinstance(b, Pecahan) for b in bagian), row["rumus_indikator"]


def test_text_after_the_multiplier_is_kept_as_a_note():
    assert urai_rumus("Jumlah PPKS tertangani / Jumlah PPKS terdata x 100% (atas 12 PAS)") == [
        Pecahan("Jumlah PPKS tertangani", "Jumlah PPKS terdata", "100%", catatan="(atas 12 PAS)")
    ]


@pytest.mark.parametrize(
    ("teks", "pembilang", "penyebut", "pengali", "awalan"),
    [
        ("A / B", "A", "B", "", ""),
        ("A / B × 100%", "A", "B", "100%", ""),
        ("A / B X100 %", "A", "B", "100%", ""),
        ("A / B * 100", "A", "B", "100%", ""),
        ("(A / B) x 100%", "A", "B", "100%", ""),
        ("Capaian = (A / B) x 100%", "A", "B", "100%", "Capaian ="),
        ("Jumlah dan/atau sejenisnya / Jumlah seluruhnya", "Jumlah dan/atau sejenisnya",
         "Jumlah seluruhnya", "", ""),
        ("Jumlah A / Jumlah 1000 orang", "Jumlah A", "Jumlah 1000 orang", "", ""),
    ],
)  # fmt: skip
def test_the_usual_ways_of_typing_a_fraction(teks, pembilang, penyebut, pengali, awalan):
    assert urai_rumus(teks) == [Pecahan(pembilang, penyebut, pengali, awalan)]


@pytest.mark.parametrize(
    "teks",
    [
        "Dihitung manual oleh bidang",
        "A / B / C",
        "Catatan: lihat lampiran",
        "Jumlah dan/atau seluruhnya",
        " / B",
    ],
)
def test_text_that_is_not_one_clear_fraction_is_shown_as_typed(teks):
    assert urai_rumus(teks) == [Teks(teks.strip())]


def test_an_empty_formula_has_no_parts():
    assert urai_rumus("") == []
    assert urai_rumus(" ;\n ") == []


def test_a_numbered_list_typed_on_one_line_is_split_into_its_items():
    assert urai_daftar("1. Undang-Undang Nomor 11 Tahun 2009 2. Peraturan Pemerintah") == [
        "1. Undang-Undang Nomor 11 Tahun 2009",
        "2. Peraturan Pemerintah",
    ]


@pytest.mark.parametrize(
    "teks",
    [
        "Berdasarkan hasil asesmen pekerja sosial",
        "Peraturan Menteri Sosial Nomor 8 Tahun 2012",
        "Tahap 2. Verifikasi lapangan",
        "1. Hanya satu butir",
        "2. Dimulai dari dua 3. Lalu tiga",
    ],
)
def test_text_that_is_not_a_list_from_1_stays_one_item(teks):
    assert urai_daftar(teks) == [teks]


def test_an_empty_text_has_no_items():
    assert urai_daftar("") == []
