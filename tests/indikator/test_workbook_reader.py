import io
import struct
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dasar import buku_kerja as workbook
from dasar.buku_kerja import baca_buku_kerja
from dasar.impor import ImporError
from tests.workbooks import (
    baris_contoh,
    buku_indikator,
    dengan_teks_bersama,
    ganti_bagian,
    xlsx,
)

REALISASI = ["kode_rumus", "tahun", "bulan", "realisasi"]


def tabel(data: bytes, sheet: str = "Realisasi", wajib=("kode_rumus",), opsional=()):
    buku = baca_buku_kerja(data, sheets=[sheet])
    return buku.wajib(sheet).tabel(wajib=wajib, opsional=opsional)


def pesan(exc: pytest.ExceptionInfo[ImporError]) -> str:
    return "\n".join(str(k) for k in exc.value.kesalahan)


def test_headers_are_trimmed_lowercased_and_rows_keep_their_sheet_numbers():
    data = xlsx(
        {
            "Realisasi": [
                [" Kode_Rumus ", "TAHUN", "Kode Lain"],
                ["R01", 2025, "x"],
                [None, None, None],
                ["  ", None, None],
                ["R02", 2025, None],
            ]
        }
    )
    hasil = tabel(data, wajib=["kode_rumus", "tahun"], opsional=["kode_lain"])
    assert hasil.kolom == {"kode_rumus": 1, "tahun": 2, "kode_lain": 3}
    assert hasil.huruf("tahun") == "B"
    assert [(b.nomor, b["kode_rumus"], b["tahun"]) for b in hasil.baris] == [
        (2, "R01", 2025),
        (5, "R02", 2025),
    ]


def test_sheet_names_are_found_case_insensitively_and_missing_ones_are_named():
    data = xlsx({"realisasi": [["kode_rumus"], ["R01"]]})
    buku = baca_buku_kerja(data, sheets=["Realisasi", "Organisasi"])
    assert buku.ambil("Realisasi") is not None
    with pytest.raises(ImporError) as exc:
        buku.wajib("Organisasi")
    assert "sheet 'Organisasi' tidak ada" in pesan(exc)
    assert "realisasi" in pesan(exc)


def test_duplicate_headers_are_refused_naming_both_columns():
    data = xlsx({"Realisasi": [["kode_rumus", "tahun", "Kode_Rumus"], ["R01", 2025, "R02"]]})
    with pytest.raises(ImporError) as exc:
        tabel(data)
    assert "baris 1" in pesan(exc)
    assert "'kode_rumus' muncul dua kali (kolom A dan C)" in pesan(exc)


def test_missing_required_columns_are_one_error_naming_them():
    data = xlsx({"Realisasi": [["kode_rumus"], ["R01"]]})
    with pytest.raises(ImporError) as exc:
        tabel(data, wajib=["kode_rumus", "tahun", "bulan"])
    assert len(exc.value.kesalahan) == 1
    assert "kolom wajib tidak ada: tahun, bulan" in pesan(exc)


@pytest.mark.parametrize(
    ("nilai", "diharapkan"),
    [
        ("=A1/B1", "baris 3, kolom realisasi: berisi rumus Excel (=A1/B1); isi dengan nilai"),
        ("=SUM(D2:D9)", "baris 3, kolom realisasi: berisi rumus Excel (=SUM(D2:D9))"),
        ("#DIV/0!", "baris 3, kolom realisasi: berisi galat Excel (#DIV/0!)"),
        ("#N/A", "baris 3, kolom realisasi: berisi galat Excel (#N/A)"),
    ],
)
def test_formula_and_error_cells_are_reported_with_row_and_column(nilai, diharapkan):
    data = xlsx({"Realisasi": [REALISASI, ["R01", 2025, 1, 5], ["R02", 2025, 1, nilai]]})
    hasil = tabel(data, opsional=["realisasi"])
    assert str(hasil.kesalahan[0]).startswith(f"sheet Realisasi, {diharapkan}")
    assert hasil.baris[1].cacat == {"realisasi"}
    assert hasil.baris[1]["realisasi"] is None


def _dengan_teks(teks: str, quote_prefix: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws.append(["kode_rumus", "keterangan"])
    ws["A2"] = "R01"
    ws["B2"] = teks
    ws["B2"].data_type = "s"  # stored as text, as other tools or a CSV conversion would
    ws["B2"].quotePrefix = quote_prefix
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_text_that_looks_like_a_formula_is_refused_unless_marked_as_text():
    hasil = tabel(_dengan_teks("=A1*2", quote_prefix=False), opsional=["keterangan"])
    assert "kolom keterangan: berisi rumus Excel (=A1*2)" in str(hasil.kesalahan[0])

    hasil = tabel(_dengan_teks("=A1*2", quote_prefix=True), opsional=["keterangan"])
    assert hasil.kesalahan == ()
    assert hasil.baris[0]["keterangan"] == "=A1*2"


def test_formulas_in_columns_the_import_does_not_read_are_ignored():
    data = xlsx({"Realisasi": [[*REALISASI, "persen"], ["R01", 2025, 1, 5, "=D2/10"]]})
    hasil = tabel(data, opsional=["realisasi"])
    assert hasil.kesalahan == ()


BUKAN_XLSX = {
    "kosong": b"",
    "teks": b"kode_rumus;tahun;bulan\nR01;2025;1\n",
    "xls lama (OLE2)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    "pdf": b"%PDF-1.7\n" + b"x" * 100,
    "zip biasa": None,  # filled below
    "awal zip saja": b"PK\x03\x04" + b"\0" * 40,
}


def _zip_biasa() -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        arsip.writestr("catatan.txt", "bukan buku kerja")
    return keluaran.getvalue()


BUKAN_XLSX["zip biasa"] = _zip_biasa()


@pytest.mark.parametrize("data", BUKAN_XLSX.values(), ids=BUKAN_XLSX.keys())
def test_a_file_that_is_not_xlsx_is_refused(data):
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Indikator"])
    assert "Berkas bukan buku kerja Excel (.xlsx)" in pesan(exc)


def test_a_truncated_workbook_is_refused_as_unreadable():
    data = buku_indikator(baris_contoh())
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data[: len(data) // 2], sheets=["Indikator"])
    assert "bukan buku kerja Excel" in pesan(exc) or "tidak dapat dibaca" in pesan(exc)


@override_settings(WORKBOOK_MAX_BYTES=1000)
def test_an_oversized_file_is_refused_before_it_is_opened():
    data = buku_indikator(baris_contoh())
    assert len(data) > 1000
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Indikator"])
    assert "Berkas terlalu besar" in pesan(exc)

    class Berkas(io.BytesIO):
        def read(self, n=-1):
            assert n == 1001, "reads no more than the limit allows"
            return super().read(n)

    with pytest.raises(ImporError):
        baca_buku_kerja(Berkas(data), sheets=["Indikator"])


def test_a_file_object_is_read_like_bytes():
    data = buku_indikator(baris_contoh())
    buku = baca_buku_kerja(io.BytesIO(data), sheets=["Indikator"])
    assert len(buku.wajib("Indikator").baris) == 6


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    keluaran = io.BytesIO(buku_indikator(baris_contoh()))
    with (
        zipfile.ZipFile(keluaran, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as arsip,
        arsip.open("xl/media/bom.bin", "w", force_zip64=True) as bom,
    ):
        for _ in range(110):
            bom.write(bytes(1 << 20))
    data = keluaran.getvalue()
    assert len(data) < 1_000_000
    mulai = time.monotonic()
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Indikator"])
    assert "terlalu besar setelah diekstrak" in pesan(exc)
    assert time.monotonic() - mulai < 1


def _ubah_ukuran_pusat(data: bytes, ukuran: int) -> bytes:
    """Forge the central directory's uncompressed size of every entry (a lying header)."""
    data = bytearray(data)
    posisi = 0
    while (posisi := data.find(b"PK\x01\x02", posisi)) != -1:
        struct.pack_into("<I", data, posisi + 24, ukuran)
        posisi += 4
    return bytes(data)


def test_a_zip_whose_headers_lie_about_sizes_never_escapes_as_another_exception():
    data = buku_indikator(baris_contoh())
    for ukuran in (0, 10, 4_000_000_000):
        with pytest.raises(ImporError):
            baca_buku_kerja(_ubah_ukuran_pusat(data, ukuran), sheets=["Indikator"])


@override_settings(WORKBOOK_MAX_ENTRIES=50)
def test_a_zip_with_too_many_entries_is_refused():
    keluaran = io.BytesIO(buku_indikator(baris_contoh()))
    with zipfile.ZipFile(keluaran, "a") as arsip:
        for i in range(60):
            arsip.writestr(f"xl/media/{i}.txt", "x")
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(keluaran.getvalue(), sheets=["Indikator"])
    assert "terlalu banyak bagian" in pesan(exc)


@override_settings(WORKBOOK_MAX_ROWS=5)
def test_a_sheet_with_too_many_rows_is_refused():
    rows = [["kode_rumus"]] + [[f"R{i}"] for i in range(6)]
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(xlsx({"Realisasi": rows}), sheets=["Realisasi"])
    assert "sheet Realisasi: sheet berisi lebih dari 5 baris data" in pesan(exc)

    # Exactly the limit is fine, and sheets not asked for are not counted.
    baca_buku_kerja(xlsx({"Realisasi": rows[:6]}), sheets=["Realisasi"])
    baca_buku_kerja(xlsx({"Lain": rows, "Realisasi": rows[:2]}), sheets=["Realisasi"])


SHEET_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>{}</sheetData></worksheet>"
)


def _dengan_sheet_xml(rows_xml: str) -> bytes:
    data = xlsx({"Realisasi": [["kode_rumus"]]})
    return ganti_bagian(data, "xl/worksheets/sheet1.xml", SHEET_XML.format(rows_xml).encode())


def test_sparse_rows_and_far_columns_cost_nothing():
    baris = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>kode_rumus</t></is></c>'
        '<c r="IV1" t="inlineStr"><is><t>jauh</t></is></c></row>'
        '<row r="900000"><c r="A900000" t="inlineStr"><is><t>R01</t></is></c>'
        '<c r="IV900000" t="inlineStr"><is><t>di kolom IV</t></is></c>'
        # Styled or blank cells beyond the limit are not content.
        '<c r="XFD900000" s="0"/><c r="XFC900000" t="inlineStr"><is><t>  </t></is></c>'
        "</row>"
    )
    mulai = time.monotonic()
    hasil = tabel(_dengan_sheet_xml(baris), opsional=["jauh"])
    assert time.monotonic() - mulai < 1
    assert hasil.huruf("jauh") == "IV"
    assert [(b.nomor, b["kode_rumus"], b["jauh"]) for b in hasil.baris] == [
        (900000, "R01", "di kolom IV")
    ]


@pytest.mark.parametrize(
    ("sel", "huruf"),
    [
        ('<c r="IW7" t="inlineStr"><is><t>catatan</t></is></c>', "IW"),
        ('<c r="XFD7"><v>0</v></c>', "XFD"),
        ('<c r="BZZ7"><f>A7*2</f><v>4</v></c>', "BZZ"),
    ],
)
def test_a_non_blank_cell_beyond_the_column_limit_refuses_the_workbook_naming_it(sel, huruf):
    baris = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>kode_rumus</t></is></c></row>'
        f'<row r="7"><c r="A7" t="inlineStr"><is><t>R01</t></is></c>{sel}</row>'
    )
    mulai = time.monotonic()
    with pytest.raises(ImporError) as exc:
        tabel(_dengan_sheet_xml(baris))
    assert time.monotonic() - mulai < 1
    assert pesan(exc) == (
        f"sheet Realisasi, baris 7, kolom {huruf}: sheet memuat lebih dari 256 kolom; batasnya "
        f"256 (kolom A sampai IV). Pindahkan isi kolom {huruf} ke kolom yang lebih awal atau ke "
        "sheet lain, atau hapus bila tidak diperlukan, lalu unggah lagi"
    )


def test_a_wide_header_is_refused_too_and_unread_sheets_are_not_checked():
    judul = ["kode_rumus"] + [f"kolom {n}" for n in range(2, 258)]  # up to IW
    data = xlsx({"Lain": [judul], "Realisasi": [["kode_rumus"], ["R01"]]})
    assert [b["kode_rumus"] for b in tabel(data).baris] == ["R01"]
    with pytest.raises(ImporError) as exc:
        tabel(data, sheet="Lain")
    assert pesan(exc).startswith(
        "sheet Lain, baris 1, kolom IW: sheet memuat lebih dari 256 kolom; batasnya 256"
    )


def test_a_row_number_beyond_excel_is_refused():
    baris = '<row r="99999999999"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    with pytest.raises(ImporError):
        baca_buku_kerja(_dengan_sheet_xml(baris), sheets=["Realisasi"])


BILLION_LAUGHS = (
    '<?xml version="1.0"?>'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&rahasia;</t></is></c></row>'
    "</sheetData></worksheet>"
)


@pytest.mark.parametrize(
    ("bagian", "payload"),
    [
        ("xl/worksheets/sheet1.xml", BILLION_LAUGHS),
        ("xl/worksheets/sheet1.xml", XXE),
        ("xl/workbook.xml", BILLION_LAUGHS.replace("worksheet", "workbook")),
        ("xl/styles.xml", BILLION_LAUGHS.replace("worksheet", "styleSheet")),
    ],
    ids=["billion-laughs-sheet", "xxe-sheet", "billion-laughs-workbook", "billion-laughs-styles"],
)
def test_xml_entity_payloads_inside_an_xlsx_are_refused(bagian, payload):
    data = ganti_bagian(xlsx({"Realisasi": [["kode_rumus"]]}), bagian, payload.encode())
    mulai = time.monotonic()
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Realisasi"])
    assert time.monotonic() - mulai < 2
    assert "XML yang tidak diizinkan" in pesan(exc) or "tidak dapat dibaca" in pesan(exc)


def test_the_reader_refuses_to_run_without_defusedxml(monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(ImproperlyConfigured):
        baca_buku_kerja(xlsx({"Realisasi": [["kode_rumus"]]}), sheets=["Realisasi"])


def test_openpyxl_really_parses_with_defusedxml():
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


# Fuzzing: whatever the bytes, only ImporError comes out.

_CONTOH = buku_indikator(baris_contoh())
_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _baca_atau_tolak(data: bytes) -> None:
    try:
        buku = baca_buku_kerja(data, sheets=["Indikator", "Organisasi"])
        lembar = buku.ambil("Indikator")
        if lembar is not None:
            lembar.tabel(wajib=["kode_program"])
    except ImporError:
        pass


@_FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_only_ever_raise_import_error(data):
    _baca_atau_tolak(data)


@_FUZZ
@given(st.integers(min_value=0, max_value=len(_CONTOH)))
def test_truncated_workbooks_only_ever_raise_import_error(panjang):
    _baca_atau_tolak(_CONTOH[:panjang])


@_FUZZ
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(_CONTOH) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_corrupted_workbooks_only_ever_raise_import_error(perubahan):
    data = bytearray(_CONTOH)
    for posisi, nilai in perubahan:
        data[posisi] = nilai
    _baca_atau_tolak(bytes(data))


@_FUZZ
@given(st.binary(min_size=1, max_size=300))
def test_garbage_sheet_xml_only_ever_raises_import_error(sampah):
    _baca_atau_tolak(ganti_bagian(_CONTOH, "xl/worksheets/sheet1.xml", sampah))


# Text as the imports compare it


def test_zero_width_characters_nbsp_and_decomposed_accents_are_cleaned_in_cells_and_headers():
    data = xlsx(
        {
            "Realisasi": [
                ["kode_rumus\u200b", "\u00a0Keterangan\ufeff"],
                ["R01\u200b", "Cafe\u0301\u00a0baru\u2060\nbaris dua\u202f"],
                ["\ufeff\u200c\u200d", "\u00a0 \u2060"],  # only invisible: a blank row
                ["\u00a0R02\u200d", None],
            ]
        }
    )
    hasil = tabel(data, opsional=["keterangan"])
    assert hasil.kolom == {"kode_rumus": 1, "keterangan": 2}
    assert [(b.nomor, b["kode_rumus"], b["keterangan"]) for b in hasil.baris] == [
        (2, "R01", "Café baru\nbaris dua"),  # NFC; line breaks inside are kept
        (4, "R02", None),
    ]


def test_formulas_in_messages_are_shortened_to_one_line_by_the_one_shared_ringkas():
    import indikator.impor

    hasil = tabel(_dengan_teks("=A1\n+B1", quote_prefix=False), opsional=["keterangan"])
    assert "berisi rumus Excel (=A1 +B1); isi dengan nilai" in str(hasil.kesalahan[0])
    hasil = tabel(_dengan_teks("=" + "A1+" * 40 + "1", quote_prefix=False), opsional=["keterangan"])
    assert f"(={'A1+' * 19}A…)" in str(hasil.kesalahan[0])
    assert not hasattr(indikator.impor, "_ringkas")


def test_rich_text_in_shared_and_inline_strings_reads_as_its_plain_text():
    sst = (
        "<si><t>kode_rumus</t></si><si><t>keterangan</t></si>"
        "<si><r><t>Ca</t></r><r><rPr><b/></rPr><t>fé</t></r>"
        '<rPh sb="0" eb="2"><t>x</t></rPh></si>'
    )
    baris = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c>'
        '<c r="B2" t="inlineStr"><is><r><t>te</t></r><r><rPr><i/></rPr><t>bal</t></r></is></c>'
        "</row>"
    )
    hasil = tabel(dengan_teks_bersama(_dengan_sheet_xml(baris), sst), opsional=["keterangan"])
    assert [(b["kode_rumus"], b["keterangan"]) for b in hasil.baris] == [("Café", "tebal")]


# Limits


def test_the_in_module_limits_match_the_settings_defaults_and_apply_without_settings(settings):
    assert workbook.MAX_UNCOMPRESSED_BYTES == 25 * 1024 * 1024
    assert workbook.MAX_CELLS == 400_000
    assert workbook.MAX_COLUMNS == 256
    del settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES
    keluaran = io.BytesIO(buku_indikator(baris_contoh()))
    with zipfile.ZipFile(keluaran, "a", zipfile.ZIP_DEFLATED) as arsip:
        arsip.writestr("xl/media/besar.bin", bytes(26 * 1024 * 1024))
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(keluaran.getvalue(), sheets=["Indikator"])
    assert "maksimal 25 MB" in pesan(exc)


def test_every_column_up_to_the_limit_is_read():
    # Columns A, BI (61) and IV (256): nothing past the old limit of 60 is dropped.
    header = ["kode_rumus"] + [None] * 59 + ["keterangan"] + [None] * 194 + ["lain"]
    data = xlsx({"Realisasi": [header, ["R01"] + [None] * 59 + ["catatan"] + [None] * 194 + [7]]})
    hasil = tabel(data, opsional=["keterangan", "lain"])
    assert hasil.kolom == {"kode_rumus": 1, "keterangan": 61, "lain": 256}
    assert (hasil.huruf("keterangan"), hasil.huruf("lain")) == ("BI", "IV")
    assert (hasil.baris[0]["keterangan"], hasil.baris[0]["lain"]) == ("catatan", 7)


@override_settings(WORKBOOK_MAX_CELLS=10)
def test_more_non_empty_cells_than_the_limit_are_refused_before_the_rest_is_read():
    baris = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>kode_rumus</t></is></c></row>'
        # Empty (styled) cells are not counted; cells of unknown columns are.
        + '<row r="2"><c r="A2" s="0"/><c r="B2"/>'
        + "".join(f'<c r="{k}2"><v>1</v></c>' for k in ("CA", "CB", "CC", "CD", "CE"))
        + "</row>"
        + "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(3, 8))
        # Row 7 again: a broken file, never reached because reading stopped at the limit.
        + '<row r="7"><c r="A7"><v>7</v></c></row>'
    )
    with pytest.raises(ImporError) as exc:
        tabel(_dengan_sheet_xml(baris))
    assert pesan(exc) == (
        "Buku kerja berisi lebih dari 10 sel terisi; pecah menjadi beberapa berkas atau hapus "
        "isi yang tidak diperlukan."
    )


@override_settings(WORKBOOK_MAX_CELLS=10)
def test_the_cell_limit_counts_every_sheet_read_and_only_those():
    rows = [["kode_rumus"]] + [[f"R{i}"] for i in range(5)]  # 6 cells
    data = xlsx({"Realisasi": rows, "Indikator": rows, "Lain": rows})
    baca_buku_kerja(data, sheets=["Realisasi"])
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Realisasi", "Indikator"])
    assert "lebih dari 10 sel terisi" in pesan(exc)


@override_settings(WORKBOOK_MAX_CELLS=100)
def test_junk_xml_elements_cannot_stand_in_for_cells():
    # 100 cells allowed: 5 XML elements each and 10,000 around them, then the read stops.
    baris = '<row r="1"><c r="A1" t="inlineStr"><is><t>kode_rumus</t></is></c>'
    for junk in ("<c/>" * 10_600, "<x/>" * 10_600):
        with pytest.raises(ImporError) as exc:
            tabel(_dengan_sheet_xml(baris + junk + "</row>"))
        assert "Buku kerja terlalu rumit untuk dibaca (terlalu banyak unsur XML)" in pesan(exc)


def test_a_huge_styles_part_is_refused_before_openpyxl_parses_it():
    gaya = (
        '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><cellXfs>' + "<xf/>" * 300_000 + "</cellXfs></styleSheet>"
    )
    data = ganti_bagian(xlsx({"Realisasi": [["kode_rumus"]]}), "xl/styles.xml", gaya.encode())
    mulai = time.monotonic()
    with pytest.raises(ImporError) as exc:
        baca_buku_kerja(data, sheets=["Realisasi"])
    assert time.monotonic() - mulai < 1
    assert "terlalu rumit" in pesan(exc)


def test_sheets_not_asked_for_are_never_parsed():
    # openpyxl's read-only load parses every worksheet once to find its size; a sheet the
    # import does not read must cost nothing, even when it is broken.
    data = xlsx({"Realisasi": [["kode_rumus"], ["R01"]], "Lain": [["x"]]})
    data = ganti_bagian(data, "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row>")
    assert [b["kode_rumus"] for b in tabel(data).baris] == ["R01"]
    with pytest.raises(ImporError):
        baca_buku_kerja(data, sheets=["Lain"])
