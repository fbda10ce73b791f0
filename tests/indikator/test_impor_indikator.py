import time
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capaian.models import Realisasi
from dasar.impor import ImporError
from indikator.impor import KOLOM, impor_indikator
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi
from tests.workbooks import (
    BILLION_LAUGHS_SHEET,
    ORGANISASI_CONTOH,
    baris_contoh,
    buku_indikator,
    ganti_bagian,
    tabel_indikator,
    ubah,
    xlsx,
)

pytestmark = pytest.mark.django_db

SLUG = "palangkaraya"


def impor(rows, tahun=2025, **kwargs):
    kwargs.setdefault("organisasi", SLUG)
    organisasi_sheet = kwargs.pop("organisasi_sheet", None)
    return impor_indikator(buku_indikator(rows, organisasi=organisasi_sheet), tahun=tahun, **kwargs)


def isi_database() -> dict:
    """Everything an import may touch, to compare before and after."""
    return {
        "organisasi": list(Organisasi.objects.order_by("pk").values()),
        "bidang": list(Bidang.objects.order_by("pk").values()),
        "program": list(Program.objects.order_by("pk").values()),
        "indikator": list(Indikator.objects.order_by("pk").values()),
        "rumus": list(Rumus.objects.order_by("pk").values()),
        "realisasi": list(Realisasi.objects.order_by("pk").values()),
    }


def pesan(exc: pytest.ExceptionInfo[ImporError]) -> list[str]:
    return [str(k) for k in exc.value.kesalahan]


@pytest.fixture
def definisi_2025(organisasi):
    impor(baris_contoh())
    return organisasi


def test_a_good_workbook_creates_programs_indikator_rumus_and_bidang(organisasi):
    hasil = impor(baris_contoh())

    assert not hasil.dry_run
    assert hasil.jumlah_baris == 5
    assert hasil.hitung("baru", "program") == 2
    assert hasil.hitung("baru", "indikator") == 2
    assert hasil.hitung("baru", "rumus") == 5
    program = list(Program.objects.filter(organisasi=organisasi, tahun=2025))
    assert [(p.kode, p.nama, p.target_teks, p.urutan) for p in program] == [
        ("1.06.04", "Rehabilitasi Sosial", "100%", 1),
        ("1.06.02", "Pemberdayaan Sosial", "100%", 2),
    ]
    dayasos = Indikator.objects.get(kode="1.06.02.1")
    assert dayasos.agregasi == "jumlah"
    assert dayasos.periode_pengukuran == ""  # blank in every row of that indikator
    r03 = Rumus.objects.get(kode="R03")
    assert (r03.organisasi, r03.tahun, r03.indikator) == (organisasi, 2025, dayasos)
    assert (r03.periode, r03.faktor, r03.bobot) == ("triwulan", Fraction(1, 2), Fraction(1, 3))
    assert r03.pembagi_default == Decimal(5)
    r05 = Rumus.objects.get(kode="R05")
    assert r05.faktor_diatur is None  # empty = the periode's default
    assert r05.faktor == Fraction(1, 12)
    assert list(Rumus.objects.order_by("urutan").values_list("kode", flat=True)) == [
        "R01", "R02", "R03", "R04", "R05",
    ]  # fmt: skip


def test_bidang_match_ignoring_case_and_repeated_spaces_and_new_ones_are_in_the_plan(
    organisasi,
):
    Bidang.objects.create(organisasi=organisasi, nama="Rehabilitasi Sosial", slug="resos")
    hasil = impor(baris_contoh())

    # "Pemberdayaan sosial", "Pemberdayaan Sosial" and "Pemberdayaan  Sosial" are one bidang.
    assert list(Bidang.objects.order_by("nama").values_list("nama", "slug")) == [
        ("Pemberdayaan sosial", "pemberdayaan-sosial"),
        ("Rehabilitasi Sosial", "resos"),
    ]
    assert [str(p) for p in hasil.perubahan if p.objek == "bidang"] == [
        "baru bidang pemberdayaan-sosial (Pemberdayaan sosial)"
    ]
    assert Rumus.objects.get(kode="R01").bidang.slug == "resos"


def test_importing_the_same_workbook_twice_gives_an_empty_plan(organisasi):
    impor(baris_contoh())
    sebelum = isi_database()

    hasil = impor(baris_contoh())

    assert hasil.tanpa_perubahan
    assert hasil.ringkasan() == "5 baris dibaca; tidak ada perubahan."
    assert isi_database() == sebelum


def test_dry_run_writes_nothing_and_returns_the_plan(organisasi):
    sebelum = isi_database()

    hasil = impor(baris_contoh(), dry_run=True)

    assert hasil.dry_run
    assert hasil.hitung("baru") == 2 + 2 + 2 + 5  # bidang, program, indikator, rumus
    assert hasil.ringkasan().startswith("Pratinjau (belum disimpan): 5 baris dibaca; 11 baru")
    assert isi_database() == sebelum


def test_dry_run_of_changes_lists_each_changed_field(definisi_2025):
    rows = baris_contoh()
    for row in rows[1:]:
        row["agregasi"] = "rata-rata"
    rows = ubah(rows, 3, faktor_tahunan="1/4", pembagi_default="60", bidang="Rehabilitasi sosial")
    sebelum = isi_database()

    hasil = impor(rows, dry_run=True)

    assert [str(p) for p in hasil.perubahan] == [
        "ubah indikator 1.06.02/1.06.02.1 (Persentase PSKS yang aktif dan kompeten dalam "
        "penanganan PPKS): agregasi: jumlah → rata-rata",
        "ubah rumus R04 (PSKS yang berkontribusi dalam penanganan PPKS (frekuensi triwulan)): "
        "faktor_tahunan: 1/2 → 1/4; pembagi_default: 54 → 60; "
        "bidang: Pemberdayaan sosial → Rehabilitasi Sosial",
    ]
    assert isi_database() == sebelum
    impor(rows)
    r04 = Rumus.objects.get(kode="R04")
    assert (r04.faktor, r04.pembagi_default, r04.bidang.nama) == (
        Fraction(1, 4),
        Decimal(60),
        "Rehabilitasi Sosial",
    )


def test_blank_program_and_indikator_cells_on_later_rows_mean_same_as_above(organisasi):
    rows = baris_contoh()
    for row in rows[2:]:
        row.update(program="", sasaran_program="", indikator="", agregasi="", satuan="")
    impor(rows)

    dayasos = Indikator.objects.get(kode="1.06.02.1")
    assert (dayasos.nama, dayasos.agregasi, dayasos.satuan) == (
        "Persentase PSKS yang aktif dan kompeten dalam penanganan PPKS",
        "jumlah",
        "Persentase (%)",
    )
    assert Program.objects.get(kode="1.06.02").sasaran == "Meningkatnya Pemberdayaan Sosial"


def test_columns_may_come_in_any_order_with_extra_columns_and_any_header_case(organisasi):
    rows = baris_contoh()
    kolom = ["Catatan", *reversed([k.upper() for k in rows[0]])]
    data = buku_indikator([{k.upper(): v for k, v in r.items()} for r in rows], kolom=kolom)

    hasil = impor_indikator(data, organisasi=SLUG, tahun=2025)

    assert hasil.hitung("baru", "rumus") == 5


def test_an_office_s_own_columns_push_known_ones_past_column_60_and_all_are_read(organisasi):
    # 45 extra columns of the office's own first: the known ones land in columns 46..69, the
    # last ones (bobot, pembagi_default) well past column 60 — read, never dropped.
    rows = baris_contoh()
    kolom = [*(f"catatan dinas {n}" for n in range(1, 46)), *KOLOM]
    data = buku_indikator([{**r, "catatan dinas 45": "x"} for r in rows], kolom=kolom)
    assert len(kolom) > 60

    hasil = impor_indikator(data, organisasi=SLUG, tahun=2025)

    assert hasil.hitung("baru", "rumus") == 5
    r03 = Rumus.objects.get(kode="R03")
    assert (r03.pembagi_default, r03.bobot) == (5, Fraction(1, 3))


def test_a_non_blank_cell_past_the_column_limit_is_refused_naming_it(definisi_2025):
    sebelum = isi_database()
    rows = baris_contoh()
    kolom = [*KOLOM, *(f"lain {n}" for n in range(len(KOLOM) + 1, 258))]  # up to column IW
    with pytest.raises(ImporError) as exc:
        impor_indikator(buku_indikator(rows, kolom=kolom), organisasi=SLUG, tahun=2025)
    assert pesan(exc) == [
        "sheet Indikator, baris 1, kolom IW: sheet memuat lebih dari 256 kolom; batasnya 256 "
        "(kolom A sampai IV). Pindahkan isi kolom IW ke kolom yang lebih awal atau ke sheet "
        "lain, atau hapus bila tidak diperlukan, lalu unggah lagi"
    ]
    assert isi_database() == sebelum


def test_agregasi_and_periode_are_read_case_insensitively_and_default_when_empty(organisasi):
    rows = ubah(baris_contoh(), 0, agregasi="", periode="")
    rows = ubah(rows, 1, agregasi="JUMLAH", periode="Bulanan")
    impor(rows)

    assert Indikator.objects.get(kode="1.06.04.1").agregasi == "rata-rata"
    assert Indikator.objects.get(kode="1.06.02.1").agregasi == "jumlah"
    assert Rumus.objects.get(kode="R01").periode == "bulanan"


def test_numbers_are_read_as_indonesian_text_or_number_cells(organisasi):
    rows = ubah(baris_contoh(), 0, pembagi_default="6.780", faktor_tahunan="0,5", bobot=0.25)
    rows = ubah(rows, 1, pembagi_default="1.234,5")
    impor(rows)

    r01 = Rumus.objects.get(kode="R01")
    assert (r01.pembagi_default, r01.faktor, r01.bobot) == (
        Decimal(6780),
        Fraction(1, 2),
        Fraction(1, 4),
    )
    assert Rumus.objects.get(kode="R02").pembagi_default == Decimal("1234.5")


BARIS_RUSAK = [
    pytest.param(
        {"agregasi": "median"},
        "sheet Indikator, baris 3, kolom agregasi: 'median' tidak dikenal; gunakan rata-rata, "
        "jumlah atau rasio gabungan",
        id="agregasi-tidak-dikenal",
    ),
    pytest.param(
        {"periode": "mingguan"},
        "baris 3, kolom periode: 'mingguan' tidak dikenal; gunakan bulanan, triwulan, semester, "
        "tahunan atau sesuai kondisi",
        id="periode-tidak-dikenal",
    ),
    pytest.param(
        {"pembagi_default": "empat puluh"}, "baris 3, kolom pembagi_default: ", id="teks-di-angka"
    ),
    pytest.param(
        {"faktor_tahunan": "sepertiga"},
        "baris 3, kolom faktor_tahunan: 'sepertiga' bukan angka atau pecahan",
        id="teks-di-pecahan",
    ),
    pytest.param(
        {"pembagi_default": -45},
        "baris 3, kolom pembagi_default: tidak boleh negatif",
        id="angka-negatif",
    ),
    pytest.param(
        {"pembagi_default": "-45"},
        "baris 3, kolom pembagi_default: tidak boleh negatif (-45)",
        id="teks-negatif",
    ),
    pytest.param(
        {"bobot": "-1/3"}, "baris 3, kolom bobot: tidak boleh negatif", id="bobot-negatif"
    ),
    pytest.param(
        {"faktor_tahunan": "1/0"},
        "baris 3, kolom faktor_tahunan: pembagian dengan nol (1/0)",
        id="satu-per-nol",
    ),
    pytest.param(
        {"faktor_tahunan": "0"}, "baris 3, kolom faktor_tahunan: harus lebih dari 0", id="faktor-0"
    ),
    pytest.param(
        {"pembagi_default": "=B3*2"},
        "baris 3, kolom pembagi_default: berisi rumus Excel (=B3*2); isi dengan nilai, bukan rumus",
        id="rumus-excel",
    ),
    pytest.param(
        {"pembagi_default": "#DIV/0!"},
        "baris 3, kolom pembagi_default: berisi galat Excel (#DIV/0!)",
        id="galat-excel",
    ),
    pytest.param(
        {"pembagi_default": "1,23456"},
        "baris 3, kolom pembagi_default: paling banyak 4 angka di belakang koma",
        id="terlalu-rinci",
    ),
    pytest.param({"uraian": ""}, "baris 3, kolom uraian: wajib diisi", id="uraian-kosong"),
    pytest.param({"bidang": None}, "baris 3, kolom bidang: wajib diisi", id="bidang-kosong"),
    pytest.param(
        {"kode_rumus": "R01"},
        "baris 3, kolom kode_rumus: kode_rumus 'R01' ganda: dipakai di baris 2 dan baris 3",
        id="kode-rumus-ganda",
    ),
    pytest.param(
        {"program": "Program Lain"},
        "baris 3, kolom program: 'Program Lain' berbeda dengan baris 2",
        id="nama-program-berbeda",
    ),
    pytest.param(
        {"kode_program": "1" * 41},
        "baris 3, kolom kode_program: terlalu panjang (41 karakter; maksimal 40)",
        id="kode-terlalu-panjang",
    ),
]


@pytest.mark.parametrize(("perubahan", "diharapkan"), BARIS_RUSAK)
def test_a_broken_row_is_refused_naming_its_row_and_column_and_nothing_changes(
    definisi_2025, perubahan, diharapkan
):
    rows = baris_contoh()
    rows.insert(1, {**rows[0], "kode_rumus": "R99", **perubahan})  # sheet row 3
    sebelum = isi_database()

    with pytest.raises(ImporError) as exc:
        impor(rows)

    assert any(diharapkan in k for k in pesan(exc)), pesan(exc)
    assert isi_database() == sebelum


def test_duplicate_kode_rumus_is_refused_naming_both_rows(organisasi):
    rows = ubah(baris_contoh(), 4, kode_rumus="R02")
    with pytest.raises(ImporError) as exc:
        impor(rows)
    assert pesan(exc) == [
        "sheet Indikator, baris 6, kolom kode_rumus: kode_rumus 'R02' ganda: dipakai di "
        "baris 3 dan baris 6"
    ]
    assert not Rumus.objects.exists()


def test_every_error_is_reported_not_just_the_first(organisasi):
    rows = ubah(baris_contoh(), 0, agregasi="median")
    rows = ubah(rows, 2, pembagi_default="abc", faktor_tahunan="1/0")
    rows = ubah(rows, 4, uraian=None)
    with pytest.raises(ImporError) as exc:
        impor(rows)
    assert [(k.baris, k.kolom) for k in exc.value.kesalahan] == [
        (2, "agregasi"),
        (4, "faktor_tahunan"),
        (4, "pembagi_default"),
        (6, "uraian"),
    ]


def test_a_missing_required_column_is_one_error_naming_it(definisi_2025):
    kolom = [k for k in baris_contoh()[0] if k not in ("agregasi", "penyebut")]
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor_indikator(buku_indikator(baris_contoh(), kolom=kolom), organisasi=SLUG, tahun=2025)
    assert pesan(exc) == [
        "sheet Indikator, baris 1: kolom wajib tidak ada: agregasi, penyebut (judul kolom harus "
        "di baris 1)"
    ]
    assert isi_database() == sebelum


def test_a_workbook_without_the_indikator_sheet_is_refused(organisasi):
    with pytest.raises(ImporError) as exc:
        impor_indikator(
            buku_indikator(baris_contoh(), sheet="Lembar1"), organisasi=SLUG, tahun=2025
        )
    assert "sheet 'Indikator' tidak ada di buku kerja (sheet yang ada: Lembar1)" in pesan(exc)[0]


def test_rasio_gabungan_rows_must_share_periode_and_faktor(organisasi):
    rows = [ubah(baris_contoh(), i, agregasi="rasio gabungan")[i] for i in range(5)]
    with pytest.raises(ImporError) as exc:
        impor(rows)
    assert pesan(exc)[0].startswith(
        "sheet Indikator, baris 4, kolom periode: indikator '1.06.02.1' memakai agregasi "
        "rasio gabungan, jadi semua rumusnya harus sama periode dan faktor tahunannya: "
        "baris 4 (triwulan, 1/2) berbeda dengan baris 3 (bulanan, 1/12)"
    )

    # Same periode, explicit faktor equal to the default: one effective faktor, accepted.
    for row in rows[1:]:
        row.update(periode="triwulan", faktor_tahunan="")
    rows[1]["faktor_tahunan"] = "1/4"
    impor(rows)
    assert Indikator.objects.get(kode="1.06.02.1").agregasi == "rasio gabungan"


BERKAS_RUSAK = [
    pytest.param(b"kode_program;program\n1;Rehabilitasi\n", "bukan buku kerja Excel", id="csv"),
    pytest.param(b"", "bukan buku kerja Excel", id="kosong"),
    pytest.param(
        ganti_bagian(
            buku_indikator(baris_contoh()), "xl/worksheets/sheet1.xml", BILLION_LAUGHS_SHEET
        ),
        "XML yang tidak diizinkan",
        id="billion-laughs",
    ),
]


@pytest.mark.parametrize(("data", "diharapkan"), BERKAS_RUSAK)
def test_a_broken_file_is_refused_and_nothing_changes(definisi_2025, data, diharapkan):
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor_indikator(data, organisasi=SLUG, tahun=2025)
    assert diharapkan in pesan(exc)[0]
    assert isi_database() == sebelum


@override_settings(WORKBOOK_MAX_BYTES=2000)
def test_an_oversized_workbook_is_refused_and_nothing_changes(definisi_2025):
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh())
    assert "Berkas terlalu besar" in pesan(exc)[0]
    assert isi_database() == sebelum


@override_settings(WORKBOOK_MAX_ROWS=4)
def test_too_many_rows_are_refused_and_nothing_changes(definisi_2025):
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh())
    assert "lebih dari 4 baris data" in pesan(exc)[0]
    assert isi_database() == sebelum


@override_settings(WORKBOOK_MAX_UNCOMPRESSED_BYTES=20_000)
def test_a_workbook_too_big_once_unzipped_is_refused_and_nothing_changes(definisi_2025):
    rows = [dict(baris_contoh()[0], kode_rumus=f"R{i:03d}") for i in range(60)]
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor(rows)
    assert "terlalu besar setelah diekstrak" in pesan(exc)[0]
    assert isi_database() == sebelum


# Full sync


def test_rows_missing_from_the_sheet_are_removed(definisi_2025):
    rows = baris_contoh()[:3]  # without R04, R05

    hasil = impor(rows)

    assert [str(p) for p in hasil.perubahan if p.jenis == "hapus"] == [
        "hapus rumus R04 (PSKS yang berkontribusi dalam penanganan PPKS (frekuensi triwulan))",
        "hapus rumus R05 (PSKS yang berkontribusi dalam penanganan PPKS (sesuai kondisi))",
    ]
    assert sorted(Rumus.objects.values_list("kode", flat=True)) == ["R01", "R02", "R03"]

    hasil = impor(baris_contoh()[:1])

    assert hasil.hitung("hapus", "program") == 1
    assert hasil.hitung("hapus", "indikator") == 1
    assert list(Program.objects.values_list("kode", flat=True)) == ["1.06.04"]
    assert Bidang.objects.count() == 2  # bidang are shared by all years and never removed


def test_removal_of_a_rumus_with_realisasi_is_refused_naming_it_and_its_months(definisi_2025):
    r05 = Rumus.objects.get(kode="R05")
    for bulan in (1, 2, 3):
        Realisasi.objects.create(rumus=r05, tahun=2025, bulan=bulan, pembagi=1, realisasi=1)
    sebelum = isi_database()

    with pytest.raises(ImporError) as exc:
        impor(baris_contoh()[:4])

    assert pesan(exc) == [
        "sheet Indikator, kolom kode_rumus: rumus 'R05' tidak ada lagi di sheet, tetapi sudah "
        "punya realisasi 3 bulan; rumus itu tidak dapat dihapus. Kembalikan barisnya ke sheet "
        "(boleh dipindah ke indikator lain)."
    ]
    assert isi_database() == sebelum


def test_a_rumus_moved_to_another_indikator_keeps_its_pk_and_realisasi(definisi_2025):
    r05 = Rumus.objects.get(kode="R05")
    Realisasi.objects.create(rumus=r05, tahun=2025, bulan=1, pembagi=1, realisasi=1)
    rows = baris_contoh()
    rows[4].update(kode_indikator="1.06.02.2", indikator="Indikator baru", agregasi="")

    hasil = impor(rows)

    assert "ubah rumus R05" in str(hasil.perubahan[-1])
    assert "indikator: 1.06.02/1.06.02.1 → 1.06.02/1.06.02.2" in str(hasil.perubahan[-1])
    dipindah = Rumus.objects.get(kode="R05")
    assert dipindah.pk == r05.pk
    assert dipindah.indikator.kode == "1.06.02.2"
    assert dipindah.realisasi.count() == 1

    # ... even when the old program disappears altogether.
    for row in rows:
        row.update(
            kode_program="9.99",
            program="Program gabungan",
            sasaran_program="",
            indikator_program="",
        )
    impor(rows)
    assert Rumus.objects.get(kode="R05").pk == r05.pk
    assert list(Program.objects.values_list("kode", flat=True)) == ["9.99"]


def test_importing_2026_leaves_2025_untouched(definisi_2025):
    Realisasi.objects.create(
        rumus=Rumus.objects.get(kode="R01"), tahun=2025, bulan=3, pembagi=46, realisasi=38
    )
    sebelum = {
        "program": list(Program.objects.filter(tahun=2025).order_by("pk").values()),
        "indikator": list(Indikator.objects.order_by("pk").values()),
        "rumus": list(Rumus.objects.filter(tahun=2025).order_by("pk").values()),
        "realisasi": list(Realisasi.objects.order_by("pk").values()),
    }
    rows = ubah(baris_contoh()[:3], 0, uraian="Uraian 2026", pembagi_default=50)
    for row in rows[1:]:
        row.update(agregasi="rata-rata", program="Pemberdayaan Sosial 2026")

    hasil = impor(rows, tahun=2026)

    assert hasil.hitung("hapus") == 0
    assert hasil.hitung("baru", "rumus") == 3
    assert Rumus.objects.filter(tahun=2026).count() == 3
    assert list(Program.objects.filter(tahun=2025).order_by("pk").values()) == sebelum["program"]
    assert list(Rumus.objects.filter(tahun=2025).order_by("pk").values()) == sebelum["rumus"]
    assert (
        list(Indikator.objects.filter(program__tahun=2025).order_by("pk").values())
        == sebelum["indikator"]
    )
    assert list(Realisasi.objects.order_by("pk").values()) == sebelum["realisasi"]

    # And re-importing 2025 afterwards still sees nothing to change.
    assert impor(baris_contoh()).tanpa_perubahan


def test_an_import_for_one_organisasi_never_touches_another(definisi_2025, organisasi_lain):
    impor(baris_contoh(), organisasi=organisasi_lain.slug)
    sebelum = list(Rumus.objects.filter(organisasi=definisi_2025).order_by("pk").values())

    impor(baris_contoh()[:1], organisasi=organisasi_lain.slug)

    assert list(Rumus.objects.filter(organisasi=definisi_2025).order_by("pk").values()) == sebelum
    assert Rumus.objects.filter(organisasi=organisasi_lain).count() == 1


def test_row_order_sets_urutan_and_reordering_updates_it(definisi_2025):
    rows = baris_contoh()
    rows = [rows[3], rows[0], rows[1], rows[2], rows[4]]  # R04 first: its program leads

    hasil = impor(rows)

    assert list(Program.objects.order_by("urutan").values_list("kode", flat=True)) == [
        "1.06.02",
        "1.06.04",
    ]
    # Rumus follow their program and indikator, then their own row order.
    assert list(Rumus.objects.order_by("urutan").values_list("kode", flat=True)) == [
        "R04", "R02", "R03", "R05", "R01",
    ]  # fmt: skip
    assert "urutan: 2 → 1" in str(hasil.perubahan[0])


def test_optional_columns_left_out_keep_their_stored_values(organisasi):
    rows = ubah(baris_contoh(), 0, regulasi="UU 11/2009", konsep_definisi="PPKS adalah ...")
    impor(rows)
    kolom = [k for k in rows[0] if k not in ("regulasi", "konsep_definisi", "target_program")]

    hasil = impor_indikator(buku_indikator(rows, kolom=kolom), organisasi=SLUG, tahun=2025)

    assert hasil.tanpa_perubahan
    rehab = Indikator.objects.get(kode="1.06.04.1")
    assert (rehab.regulasi, rehab.konsep_definisi) == ("UU 11/2009", "PPKS adalah ...")
    assert Program.objects.get(kode="1.06.04").target_teks == "100%"


# Organisasi sheet


def test_the_organisasi_sheet_creates_the_organisasi_when_it_does_not_exist(db):
    organisasi = {**ORGANISASI_CONTOH, "slug": "katingan", "pos-el": "dinsos@katingan.go.id"}
    hasil = impor(baris_contoh(), organisasi="", organisasi_sheet=organisasi)

    baru = Organisasi.objects.get(slug="katingan")
    assert baru.nama == "Dinas Sosial Kota Palangka Raya"
    assert baru.email == "dinsos@katingan.go.id"
    assert str(hasil.perubahan[0]) == "baru organisasi katingan (Dinas Sosial Kota Palangka Raya)"
    assert Rumus.objects.filter(organisasi=baru).count() == 5


def test_the_organisasi_sheet_updates_the_organisasi_and_shows_each_field(organisasi):
    data = {"slug": SLUG, "alamat": "Jalan G. Obos XI", "kepala_nip": "197112061994031006"}
    hasil = impor(baris_contoh(), organisasi_sheet=data, dry_run=True)
    assert str(hasil.perubahan[0]) == (
        "ubah organisasi palangkaraya (Dinas Sosial Kota Palangka Raya): "
        "alamat: (kosong) → Jalan G. Obos XI; kepala_nip: (kosong) → 197112061994031006"
    )

    impor(baris_contoh(), organisasi_sheet=data)
    organisasi.refresh_from_db()
    assert (organisasi.alamat, organisasi.kepala_nip, organisasi.kota) == (
        "Jalan G. Obos XI",
        "197112061994031006",
        "Palangka Raya",  # not in the sheet: unchanged
    )


def test_without_the_organisasi_sheet_the_organisasi_must_exist(db):
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), organisasi="tidak-ada")
    assert pesan(exc) == [
        "Organisasi 'tidak-ada' tidak ditemukan; tambahkan sheet Organisasi atau buat "
        "organisasinya dulu"
    ]


@pytest.mark.parametrize(
    ("organisasi_sheet", "diharapkan"),
    [
        (
            {"slug": SLUG, "jabatan": "Kepala"},
            "sheet Organisasi, baris 3, kolom kunci: kunci 'jabatan' tidak dikenal",
        ),
        (
            {"slug": "seruyan"},
            "sheet Organisasi, baris 2, kolom nilai: slug 'seruyan' berbeda dengan organisasi "
            "yang dipilih ('palangkaraya')",
        ),
        ({"slug": SLUG, "nama": ""}, "baris 3, kolom nilai: nama organisasi wajib diisi"),
        ({"email": "bukan-email"}, "baris 2, kolom nilai: alamat pos-el 'bukan-email' tidak sah"),
        ({"slug": "Palangka Raya"}, "slug 'Palangka Raya' hanya boleh huruf, angka"),
    ],
)
def test_a_broken_organisasi_sheet_is_refused_naming_its_row(
    definisi_2025, organisasi_sheet, diharapkan
):
    sebelum = isi_database()
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), organisasi_sheet=organisasi_sheet)
    assert any(diharapkan in k for k in pesan(exc)), pesan(exc)
    assert isi_database() == sebelum


def test_a_new_organisasi_needs_a_nama(db):
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), organisasi="baru", organisasi_sheet={"kota": "Sampit"})
    assert "Organisasi 'baru' belum ada; isi kunci 'nama' untuk membuatnya" in pesan(exc)[0]
    assert not Organisasi.objects.exists()


def test_the_organisasi_sheet_header_row_is_optional(organisasi):
    data = xlsx(
        {
            "Indikator": tabel_indikator(baris_contoh()),
            "Organisasi": [["kota", "Kota Palangka Raya"], ["POS-EL", "a@b.go.id"]],
        }
    )
    impor_indikator(data, organisasi=SLUG, tahun=2025)
    organisasi.refresh_from_db()
    assert (organisasi.kota, organisasi.email) == ("Kota Palangka Raya", "a@b.go.id")


def test_a_year_outside_the_models_range_is_refused(organisasi):
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), tahun=1999)
    assert pesan(exc) == ["tahun harus antara 2000 dan 2100"]


# Cost


def _baris_banyak(jumlah: int) -> list[dict]:
    dasar = baris_contoh()[0]
    return [
        {
            **dasar,
            "kode_program": f"P{i // 100}",
            "program": f"Program {i // 100}",
            "kode_indikator": f"I{i // 10}",
            "indikator": f"Indikator {i // 10}",
            "kode_rumus": f"K{i:04d}",
            "bidang": f"Bidang {i % 7}",
            "uraian": f"Uraian {i}",
        }
        for i in range(jumlah)
    ]


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(organisasi):
    def hitung(rows) -> tuple[int, int]:
        data = buku_indikator(rows)
        with CaptureQueriesContext(connection) as buat:
            impor_indikator(data, organisasi=SLUG, tahun=2025)
        rows = [{**r, "uraian": r["uraian"] + " (ubah)"} for r in rows]
        with CaptureQueriesContext(connection) as ubah_semua:
            impor_indikator(buku_indikator(rows), organisasi=SLUG, tahun=2025)
        return len(buat), len(ubah_semua)

    kecil = hitung(_baris_banyak(20))
    Rumus.objects.all().delete()
    besar = hitung(_baris_banyak(400))
    # 20 times the rows, a handful more queries: SQLite splits bulk statements by its limit
    # on query parameters; PostgreSQL runs each in one go.
    assert besar[0] <= kecil[0] + 12, (kecil, besar)
    assert besar[1] <= kecil[1] + 2, (kecil, besar)
    if connection.vendor == "postgresql":
        assert besar == kecil


def test_a_thousand_rumus_import_well_under_five_seconds(organisasi):
    data = buku_indikator(_baris_banyak(1000))
    mulai = time.monotonic()
    hasil = impor_indikator(data, organisasi=SLUG, tahun=2025)
    assert time.monotonic() - mulai < 5
    assert hasil.hitung("baru", "rumus") == 1000
    mulai = time.monotonic()
    assert impor_indikator(data, organisasi=SLUG, tahun=2025).tanpa_perubahan
    assert time.monotonic() - mulai < 5


# Whatever the cells hold, the import either succeeds or explains itself.

_NILAI_SEL = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 1, 1)),
    st.sampled_from(["=A1", "#DIV/0!", "1/0", "-", "rasio gabungan", "0", "1.234,5", "R01"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    perubahan=st.lists(
        st.tuples(st.integers(min_value=0, max_value=4), st.sampled_from(KOLOM), _NILAI_SEL),
        min_size=1,
        max_size=4,
    )
)
def test_any_cell_contents_are_imported_or_refused_with_import_error(organisasi, perubahan):
    rows = baris_contoh()
    for index, kolom, nilai in perubahan:
        rows[index][kolom] = nilai
    with transaction.atomic():
        try:
            impor(rows)
        except ImporError as exc:
            assert exc.kesalahan
        transaction.set_rollback(True)


# Refusals that protect the stored data


def test_a_sheet_with_only_a_header_row_is_refused_and_nothing_is_removed(definisi_2025):
    sebelum = isi_database()
    for rows in ([], [{k: "" for k in KOLOM}]):  # header only; header and a blank row
        with pytest.raises(ImporError) as exc:
            impor(rows)
        assert pesan(exc) == [
            "sheet Indikator tidak berisi baris data; impor dibatalkan (untuk menghapus semua "
            "definisi tahun ini, hapus lewat halaman admin)"
        ]
    assert isi_database() == sebelum


@pytest.mark.parametrize(
    ("slug", "diharapkan"),
    [
        (
            "Bukan slug!",
            "organisasi yang dipilih: slug 'Bukan slug!' hanya boleh huruf, angka, tanda "
            "hubung dan garis bawah (tanpa spasi)",
        ),
        (
            "a" * 61,
            f"organisasi yang dipilih: slug '{'a' * 61}' terlalu panjang (61 karakter; "
            "maksimal 60)",
        ),
    ],
    ids=["tanda-baca", "61-karakter"],
)
def test_an_invalid_or_overlong_organisasi_slug_is_refused_before_anything_is_written(
    db, slug, diharapkan
):
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), organisasi=slug, organisasi_sheet={"nama": "Dinas Sosial Baru"})
    assert pesan(exc) == [diharapkan]
    assert not Organisasi.objects.exists()


def test_an_overlong_slug_in_the_organisasi_sheet_is_refused(db):
    with pytest.raises(ImporError) as exc:
        impor(baris_contoh(), organisasi="", organisasi_sheet={"slug": "b" * 61, "nama": "Baru"})
    assert any("baris 2, kolom nilai: slug 'bbbb" in k for k in pesan(exc)), pesan(exc)
    assert any("terlalu panjang (61 karakter; maksimal 60)" in k for k in pesan(exc))
    assert not Organisasi.objects.exists()


# Invisible characters


def test_invisible_characters_and_nbsp_in_codes_names_and_slugs_change_nothing(definisi_2025):
    rows = baris_contoh()
    rows = ubah(rows, 0, kode_rumus="R01\u200b", bidang="Rehabilitasi\u00a0Sosial\u200d")
    rows = ubah(rows, 1, kode_program="1.06.02\u00a0", kode_indikator="\ufeff1.06.02.1")
    rows = ubah(rows, 2, kode_rumus="\u2060R03", kode_indikator="1.06.02.1\u200c")
    sebelum = isi_database()

    hasil = impor(rows, organisasi=f"{SLUG}\u200b", organisasi_sheet={"slug": f"{SLUG}\u2060"})

    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert isi_database() == sebelum


def test_text_is_stored_in_nfc_so_composed_and_decomposed_accents_are_one_text(organisasi):
    impor(ubah(baris_contoh(), 0, uraian="Lansia terlantar di Cafe\u0301"))
    assert Rumus.objects.get(kode="R01").uraian == "Lansia terlantar di Café"
    assert impor(ubah(baris_contoh(), 0, uraian="Lansia terlantar di Café")).tanpa_perubahan


# Sidik: a digest of the full plan


_PANJANG = "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar di panti sosial "


def test_plans_that_differ_only_past_character_50_of_a_long_text_have_different_sidik(
    definisi_2025,
):
    def rencana(akhir: str, **kolom):
        rows = ubah(baris_contoh(), 0, uraian=_PANJANG + akhir, **kolom)
        return impor(rows, dry_run=True)

    satu, dua = rencana("milik pemerintah"), rencana("milik masyarakat")
    assert [str(p) for p in satu.perubahan] == [str(p) for p in dua.perubahan]  # shortened
    assert satu.sidik != dua.sidik

    # The same for a new object: a new rumus with a long uraian.
    satu, dua = (
        rencana("milik pemerintah", kode_rumus="R09"),
        rencana("milik swasta", kode_rumus="R09"),
    )
    assert [str(p) for p in satu.perubahan] == [str(p) for p in dua.perubahan]
    assert satu.sidik != dua.sidik


def test_the_same_workbook_on_the_same_data_gives_the_same_sidik_twice(definisi_2025):
    rows = ubah(baris_contoh(), 0, uraian=_PANJANG + "baru", bobot="1/3")
    rows = rows[:4]  # R05 removed
    pratinjau = impor(rows, dry_run=True)
    assert len(pratinjau.sidik) == 64
    assert int(pratinjau.sidik, 16) >= 0  # hexadecimal SHA-256
    assert impor(rows, dry_run=True).sidik == pratinjau.sidik

    disimpan = impor(rows)  # what confirm runs: the same plan, the same sidik

    assert disimpan.sidik == pratinjau.sidik
    assert impor(rows, dry_run=True).sidik != pratinjau.sidik  # nothing left to change
