import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dasar.angka import format_pecahan, parse_angka
from dasar.buku_kerja import bersihkan_teks, tulis_angka
from indikator.impor import (
    KOLOM,
    KOLOM_OPSIONAL,
    KOLOM_WAJIB,
    KUNCI_ORGANISASI,
    ekspor_indikator,
    impor_indikator,
    templat_indikator,
)
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang
from tests.workbooks import baris_contoh, buku_indikator, ubah

pytestmark = pytest.mark.django_db


def buka(data: bytes):
    return load_workbook(io.BytesIO(data))


def baris_sheet(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def ekspor_lalu_impor(organisasi, tahun=2025):
    data = ekspor_indikator(organisasi=organisasi, tahun=tahun)
    return impor_indikator(data, organisasi=organisasi.slug, tahun=tahun)


def test_export_then_import_changes_nothing(organisasi):
    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)
    sebelum = list(Rumus.objects.order_by("pk").values())

    hasil = ekspor_lalu_impor(organisasi)

    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert list(Rumus.objects.order_by("pk").values()) == sebelum


def test_the_export_has_both_sheets_every_column_a_bold_frozen_header_and_widths(organisasi):
    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)

    wb = buka(ekspor_indikator(organisasi=organisasi, tahun=2025))

    ws = wb["Indikator"]
    judul = [c.value for c in ws[1]]
    assert judul == list(KOLOM)
    assert set(judul) == set(KOLOM_WAJIB) | set(KOLOM_OPSIONAL)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 32
    assert ws.column_dimensions["J"].width == 50
    org = wb["Organisasi"]
    assert org.freeze_panes == "A2"
    assert [r[0] for r in org.iter_rows(min_row=2, values_only=True)] == list(KUNCI_ORGANISASI)
    assert dict(org.iter_rows(min_row=2, values_only=True))["kota"] == "Palangka Raya"


def test_rows_follow_urutan_with_fractions_as_text_and_pembagi_as_numbers(organisasi):
    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)

    ws = buka(ekspor_indikator(organisasi=organisasi, tahun=2025))["Indikator"]

    rows = baris_sheet(ws)
    assert [r["kode_rumus"] for r in rows] == ["R01", "R02", "R03", "R04", "R05"]
    r01, r03, r05 = rows[0], rows[2], rows[4]
    assert (r01["faktor_tahunan"], r01["bobot"], r01["pembagi_default"]) == (None, None, 46)
    assert (r03["faktor_tahunan"], r03["bobot"]) == ("1/2", "1/3")
    assert r05["faktor_tahunan"] is None  # default by periode stays empty
    assert ws.cell(row=2, column=KOLOM.index("pembagi_default") + 1).data_type == "n"
    # Every row repeats its program and indikator, so rows can be sorted and filtered.
    assert rows[4]["program"] == "Pemberdayaan Sosial"
    assert rows[4]["agregasi"] == "jumlah"


def test_text_that_excel_would_read_as_a_formula_is_written_as_text_and_round_trips(
    organisasi,
):
    rows = ubah(
        baris_contoh(),
        0,
        uraian="=SUM(A1:A3)",
        penyebut="+62 811 520",
        satuan="-",
        sumber_data="@bidang",
        konsep_definisi="Baris satu\nBaris dua",
    )
    data = buku_indikator(rows, rumus_excel=False)
    impor_indikator(data, organisasi=organisasi.slug, tahun=2025)
    assert Rumus.objects.get(kode="R01").uraian == "=SUM(A1:A3)"

    ws = buka(ekspor_indikator(organisasi=organisasi, tahun=2025))["Indikator"]

    for kolom, teks in [
        ("uraian", "=SUM(A1:A3)"),
        ("penyebut", "+62 811 520"),
        ("satuan", "-"),
        ("sumber_data", "@bidang"),
    ]:
        cell = ws.cell(row=2, column=KOLOM.index(kolom) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (teks, "s", True)
    assert ekspor_lalu_impor(organisasi).tanpa_perubahan
    assert Indikator.objects.get(kode="1.06.04.1").konsep_definisi == "Baris satu\nBaris dua"


@pytest.mark.parametrize(
    ("angka", "sel"),
    [
        (Decimal("46.0000"), 46),
        (Decimal("0.0001"), 0.0001),
        (Decimal("1234.5"), 1234.5),
        (Decimal("123456789012345.6789"), "123.456.789.012.345,6789"),
        (Decimal("9999999999999999"), "9.999.999.999.999.999"),
    ],
)
def test_amounts_are_number_cells_unless_excel_would_round_them(angka, sel):
    wb = Workbook()
    tulis_angka(wb.active, 1, 1, angka)
    keluaran = io.BytesIO()
    wb.save(keluaran)

    nilai = buka(keluaran.getvalue()).active["A1"].value

    assert nilai == sel
    assert parse_angka(nilai) == angka


def test_amounts_round_trip_through_export_and_import(organisasi):
    rows = ubah(baris_contoh(), 0, pembagi_default="12.345.678.901,2345")
    rows = ubah(rows, 1, pembagi_default="0,0001")
    impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025)

    rows = baris_sheet(buka(ekspor_indikator(organisasi=organisasi, tahun=2025))["Indikator"])

    assert rows[0]["pembagi_default"] == 12345678901.2345
    assert rows[1]["pembagi_default"] == 0.0001
    assert ekspor_lalu_impor(organisasi).tanpa_perubahan
    assert Rumus.objects.get(kode="R01").pembagi_default == Decimal("12345678901.2345")


def test_definitions_entered_elsewhere_export_and_import_back_unchanged(organisasi):
    """Data from the admin or a fixture: urutan with gaps, unreduced fractions, an explicit
    faktor equal to the default, a bidang spelled in lower case."""
    bidang = Bidang.objects.create(organisasi=organisasi, nama="rehabilitasi sosial", slug="r")
    program = Program.objects.create(
        organisasi=organisasi, tahun=2025, kode="B", nama="Kedua", urutan=20
    )
    pertama = Program.objects.create(
        organisasi=organisasi, tahun=2025, kode="A", nama="Pertama", urutan=10
    )
    for prog in (pertama, program):
        indikator = Indikator.objects.create(
            program=prog, kode="1", nama="Indikator", bobot_pembilang=2, bobot_penyebut=4
        )
        for n in (3, 1):
            Rumus.objects.create(
                organisasi=organisasi,
                tahun=2025,
                indikator=indikator,
                kode=f"{prog.kode}{n}",
                bidang=bidang,
                uraian=f"Uraian {n}",
                faktor_pembilang=2,
                faktor_penyebut=24,
                bobot_pembilang=3,
                bobot_penyebut=9,
                pembagi_default=Decimal("46.0000"),
                urutan=n * 100 + (0 if prog.kode == "A" else 1000),
            )
    sebelum = list(Rumus.objects.order_by("pk").values())

    hasil = ekspor_lalu_impor(organisasi)

    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert list(Rumus.objects.order_by("pk").values()) == sebelum


def test_the_export_holds_only_the_requested_year(organisasi):
    impor_indikator(buku_indikator(baris_contoh()), organisasi=organisasi.slug, tahun=2025)
    impor_indikator(buku_indikator(baris_contoh()[:1]), organisasi=organisasi.slug, tahun=2026)

    rows = baris_sheet(buka(ekspor_indikator(organisasi=organisasi, tahun=2026))["Indikator"])

    assert [r["kode_rumus"] for r in rows] == ["R01"]


def test_the_template_has_both_sheets_headers_an_example_row_and_instructions(organisasi):
    wb = buka(templat_indikator())

    assert wb.sheetnames == ["Indikator", "Organisasi", "Petunjuk"]
    ws = wb["Indikator"]
    assert [c.value for c in ws[1]] == list(KOLOM)
    assert ws.cell(row=2, column=KOLOM.index("faktor_tahunan") + 1).number_format == "@"
    petunjuk = {r[0]: r[2] for r in wb["Petunjuk"].iter_rows(min_row=2, values_only=True) if r[2]}
    assert set(KOLOM) <= set(petunjuk)

    # The example row imports as it is once the (blank) Organisasi sheet is removed.
    del wb["Organisasi"]
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hasil = impor_indikator(
        keluaran.getvalue(), organisasi=organisasi.slug, tahun=2025, dry_run=True
    )
    assert [p.kode for p in hasil.perubahan if p.objek == "rumus"] == ["R01"]


def test_the_template_with_its_organisasi_sheet_left_blank_asks_for_the_nama(organisasi):
    from dasar.impor import ImporError

    with pytest.raises(ImporError) as exc:
        impor_indikator(templat_indikator(), organisasi=organisasi.slug, tahun=2025)
    assert "nama organisasi wajib diisi" in str(exc.value)


# Property: any small structure the import accepts survives export -> import unchanged.

# Cleaned as the import cleans every cell (zero-width characters out, NFC), so that distinct
# codes stay distinct and non-blank once read.
_TEKS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=24)
    .map(bersihkan_teks)
    .filter(bool),
    st.sampled_from(["=SUM(A1)", "+62 811", "-", "@x", "'kutip", "1/12", "6.780", "00123"]),
)
_KODE = _TEKS.map(lambda t: t[:40])
_PECAHAN = st.fractions(min_value=Fraction(1, 60), max_value=10, max_denominator=60)
_JUMLAH = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False)
_PERIODE = st.sampled_from(["bulanan", "triwulan", "semester", "tahunan", "sesuai kondisi"])


@st.composite
def definisi(draw) -> list[dict]:
    n_rumus = draw(st.integers(min_value=1, max_value=6))
    kode_rumus = draw(st.lists(_KODE, min_size=n_rumus, max_size=n_rumus, unique=True))
    kode_program = draw(st.lists(_KODE, min_size=1, max_size=3, unique=True))
    program = {
        k: draw(st.fixed_dictionaries({"program": _TEKS, "sasaran_program": _TEKS}))
        for k in kode_program
    }
    indikator: dict[tuple[str, str], dict] = {}
    rows = []
    for kode in kode_rumus:
        kp = draw(st.sampled_from(kode_program))
        ki = draw(st.sampled_from(["I1", "I2", "=I3"]))
        if (kp, ki) not in indikator:
            indikator[(kp, ki)] = {
                "indikator": draw(_TEKS),
                "agregasi": draw(st.sampled_from(["rata-rata", "jumlah", "rasio gabungan"])),
                "bobot_indikator": draw(st.one_of(st.just(""), _PECAHAN.map(format_pecahan))),
                "regulasi": draw(st.one_of(st.just(""), _TEKS)),
                "periode": draw(_PERIODE),
                "faktor_tahunan": draw(st.one_of(st.just(""), _PECAHAN.map(format_pecahan))),
            }
        ind = indikator[(kp, ki)]
        pooled = ind["agregasi"] == "rasio gabungan"
        rows.append(
            {
                "kode_program": kp,
                **program[kp],
                "kode_indikator": ki,
                **{k: v for k, v in ind.items() if k not in ("periode", "faktor_tahunan")},
                "kode_rumus": kode,
                "bidang": draw(
                    st.sampled_from(["Rehabilitasi Sosial", "rehabilitasi  sosial", "Bencana"])
                ),
                "uraian": draw(_TEKS),
                "penyebut": draw(st.one_of(st.just(""), _TEKS)),
                "periode": ind["periode"] if pooled else draw(_PERIODE),
                "faktor_tahunan": ind["faktor_tahunan"]
                if pooled
                else draw(st.one_of(st.just(""), _PECAHAN.map(format_pecahan))),
                "bobot": draw(st.one_of(st.just(""), _PECAHAN.map(format_pecahan))),
                "pembagi_default": draw(st.one_of(st.none(), _JUMLAH)),
            }
        )
    return rows


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=definisi())
def test_export_then_import_is_a_no_op_for_any_small_structure(organisasi, rows):
    with transaction.atomic():
        data = buku_indikator(rows, rumus_excel=False)
        impor_indikator(data, organisasi=organisasi.slug, tahun=2025)
        sebelum = list(Rumus.objects.order_by("pk").values())

        hasil = ekspor_lalu_impor(organisasi)

        assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
        assert list(Rumus.objects.order_by("pk").values()) == sebelum
        transaction.set_rollback(True)
