import io
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from capaian.impor import ekspor_realisasi, impor_realisasi
from capaian.models import Aksi, JejakAudit, Realisasi, Sumber
from dasar.impor import ImporError
from indikator.impor import impor_indikator
from indikator.models import Rumus
from tests.workbooks import KOLOM_REALISASI, baris_contoh, buku_indikator, buku_realisasi, ubah

pytestmark = pytest.mark.django_db

HARI_INI = date(2025, 6, 15)


@pytest.fixture(autouse=True)
def hari_ini(monkeypatch):
    """Realisasi may not be entered for months that have not started yet."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: HARI_INI)


@pytest.fixture
def definisi(organisasi):
    # R02 has no pembagi_default; the others have 46, 5, 54, 1.
    rows = ubah(baris_contoh(), 1, pembagi_default="")
    impor_indikator(buku_indikator(rows), organisasi=organisasi.slug, tahun=2025)
    return organisasi


def isi_realisasi() -> list[dict]:
    return list(Realisasi.objects.order_by("pk").values())


def pesan(exc: pytest.ExceptionInfo[ImporError]) -> list[str]:
    return [str(k) for k in exc.value.kesalahan]


def nilai(kode: str, bulan: int) -> tuple:
    r = Realisasi.objects.get(rumus__kode=kode, tahun=2025, bulan=bulan)
    return r.pembagi, r.realisasi, r.keterangan


def test_realisasi_accepts_indonesian_number_text_and_number_cells(definisi):
    hasil = impor_realisasi(
        buku_realisasi(
            [
                ("R01", 2025, 3, "6.780", "5.980", "Maret"),
                ("R02", "2025", "3", "1.234,5", "1.000,25", None),
                ("R03", 2025.0, 3.0, 5, 2.5, None),
                ("R04", 2025, 3, "54", "4", None),
            ]
        ),
        organisasi=definisi,
    )

    assert hasil.hitung("baru", "realisasi") == 4
    assert nilai("R01", 3) == (Decimal(6780), Decimal(5980), "Maret")
    assert nilai("R02", 3) == (Decimal("1234.5"), Decimal("1000.25"), "")
    assert nilai("R03", 3) == (Decimal(5), Decimal("2.5"), "")
    assert str(hasil.perubahan[0]) == (
        "baru realisasi R01 03/2025: pembagi: 6.780; realisasi: 5.980; keterangan: Maret"
    )


def test_a_dash_or_blank_means_none_and_rows_without_any_value_are_skipped(definisi):
    hasil = impor_realisasi(
        buku_realisasi(
            [
                ("R01", 2025, 1, 46, "-", None),
                ("R01", 2025, 2, None, None, None),
                ("R01", 2025, 3, "-", "-", None),
                ("R99", 2099, 13, None, None, None),  # nothing entered: not even checked
                ("R05", 2025, 1, None, 1, None),  # pembagi from the rumus's default
            ]
        ),
        organisasi=definisi,
    )

    assert hasil.jumlah_baris == 5
    assert [p.kode for p in hasil.perubahan] == ["R01 01/2025", "R05 01/2025"]
    assert nilai("R01", 1) == (Decimal(46), None, "")
    assert nilai("R05", 1) == (None, Decimal(1), "")


def test_zero_realisasi_over_zero_pembagi_is_accepted_as_nothing_to_handle(definisi):
    impor_realisasi(buku_realisasi([("R02", 2025, 3, 0, 0, "tdk ada")]), organisasi=definisi)
    assert nilai("R02", 3) == (Decimal(0), Decimal(0), "tdk ada")


def test_month_names_are_accepted(definisi):
    impor_realisasi(buku_realisasi([("R01", 2025, "Maret", 46, 38, None)]), organisasi=definisi)
    assert nilai("R01", 3)[1] == Decimal(38)


BARIS_RUSAK = [
    pytest.param(
        ("R77", 2025, 3, 46, 38, None),
        "sheet Realisasi, baris 3, kolom kode_rumus: kode_rumus 'R77' tidak dikenal untuk tahun "
        "2025 di organisasi palangkaraya",
        id="kode-tidak-dikenal",
    ),
    pytest.param(
        ("R01", 2024, 3, 46, 38, None),
        "baris 3, kolom kode_rumus: kode_rumus 'R01' tidak dikenal untuk tahun 2024",
        id="tahun-tanpa-definisi",
    ),
    pytest.param(
        ("R01", 2025, 13, 46, 38, None),
        "baris 3, kolom bulan: bulan 13 tidak ada; isi 1 sampai 12",
        id="bulan-13",
    ),
    pytest.param(
        ("R01", 2025, 0, 46, 38, None), "baris 3, kolom bulan: bulan 0 tidak ada", id="bulan-0"
    ),
    pytest.param(
        ("R01", 2025, "Maretan", 46, 38, None),
        "baris 3, kolom bulan: 'Maretan' bukan bilangan bulat",
        id="bulan-teks",
    ),
    pytest.param(
        ("R01", "2025,5", 3, 46, 38, None),
        "baris 3, kolom tahun: '2025,5' bukan bilangan bulat",
        id="tahun-pecahan",
    ),
    pytest.param(
        ("R01", 2025.5, 3, 46, 38, None),
        "baris 3, kolom tahun: '2025.5' bukan bilangan bulat",
        id="tahun-angka-pecahan",
    ),
    pytest.param(
        ("R01", 2025, 3, 46, -38, None),
        "baris 3, kolom realisasi: tidak boleh negatif (-38)",
        id="realisasi-negatif",
    ),
    pytest.param(
        ("R01", 2025, 3, "-46", 38, None),
        "baris 3, kolom pembagi: tidak boleh negatif (-46)",
        id="pembagi-negatif-teks",
    ),
    pytest.param(
        ("R01", 2025, 3, 46, "tiga puluh", None),
        "baris 3, kolom realisasi: 'tigapuluh' bukan angka",
        id="teks-di-angka",
    ),
    pytest.param(
        ("R01", 2025, 3, 46, "=D3*0.8", None),
        "baris 3, kolom realisasi: berisi rumus Excel (=D3*0.8); isi dengan nilai, bukan rumus",
        id="rumus-excel",
    ),
    pytest.param(
        ("R01", 2025, 3, 46, "#VALUE!", None),
        "baris 3, kolom realisasi: berisi galat Excel (#VALUE!)",
        id="galat-excel",
    ),
    pytest.param(
        ("R01", 2025, 7, 46, 38, None),
        "baris 3, kolom bulan: Juli 2025 belum berjalan; realisasi hanya untuk bulan yang "
        "sudah berjalan",
        id="bulan-mendatang",
    ),
    pytest.param(
        ("R02", 2025, 3, None, 9, None),
        "baris 3, kolom pembagi: realisasi diisi tetapi pembagi kosong dan rumus tidak punya "
        "pembagi_default; isi pembaginya",
        id="tanpa-pembagi",
    ),
    pytest.param(
        ("R01", 2025, 3, 0, 9, None),
        "baris 3, kolom pembagi: realisasi diisi tetapi pembaginya 0; isi pembagi yang benar",
        id="pembagi-nol",
    ),
    pytest.param(
        ("R01", 2025, 3, 46, "1,23456", None),
        "baris 3, kolom realisasi: paling banyak 4 angka di belakang koma",
        id="terlalu-rinci",
    ),
    pytest.param(
        (None, 2025, 3, 46, 38, None), "baris 3, kolom kode_rumus: wajib diisi", id="tanpa-kode"
    ),
]


@pytest.mark.parametrize(("baris", "diharapkan"), BARIS_RUSAK)
def test_a_broken_row_is_refused_naming_its_row_and_column_and_nothing_changes(
    definisi, baris, diharapkan
):
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi)
    sebelum = isi_realisasi()

    with pytest.raises(ImporError) as exc:
        impor_realisasi(
            buku_realisasi([("R01", 2025, 2, 46, 35, None), baris]), organisasi=definisi
        )

    assert any(diharapkan in k for k in pesan(exc)), pesan(exc)
    assert isi_realisasi() == sebelum


def test_a_month_given_twice_is_refused_naming_both_rows(definisi):
    rows = [
        ("R01", 2025, 3, 46, 38, None),
        ("R02", 2025, 3, 45, 9, None),
        ("R01", 2025, 3, 46, 40, None),
    ]
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi(rows), organisasi=definisi)
    assert pesan(exc) == [
        "sheet Realisasi, baris 4, kolom kode_rumus: R01 bulan 03/2025 ganda: ada di baris 2 "
        "dan baris 4"
    ]
    assert not Realisasi.objects.exists()


def test_every_error_is_reported_in_row_order(definisi):
    rows = [
        ("R01", 2025, 13, 46, 38, None),
        ("R01", 2025, 2, 46, 38, None),
        ("R88", 2025, 3, 46, -1, None),
    ]
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi(rows), organisasi=definisi)
    assert [(k.baris, k.kolom) for k in exc.value.kesalahan] == [(2, "bulan"), (4, "realisasi")]


def test_kode_rumus_of_another_organisasi_is_unknown(definisi, organisasi_lain):
    with pytest.raises(ImporError) as exc:
        impor_realisasi(
            buku_realisasi([("R01", 2025, 3, 46, 38, None)]), organisasi=organisasi_lain
        )
    assert "kode_rumus 'R01' tidak dikenal untuk tahun 2025 di organisasi seruyan" in pesan(exc)[0]


def test_import_upserts_per_month_and_never_deletes(definisi):
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None), ("R01", 2025, 2, 46, 35, None)]),
        organisasi=definisi,
    )
    pk_januari = Realisasi.objects.get(bulan=1).pk

    hasil = impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 33, "dikoreksi"), ("R01", 2025, 3, 46, 38, None)]),
        organisasi=definisi,
    )

    assert [str(p) for p in hasil.perubahan] == [
        "ubah realisasi R01 01/2025: realisasi: 31 → 33; keterangan: (kosong) → dikoreksi",
        "baru realisasi R01 03/2025: pembagi: 46; realisasi: 38",
    ]
    assert Realisasi.objects.get(bulan=1).pk == pk_januari
    assert nilai("R01", 1) == (Decimal(46), Decimal(33), "dikoreksi")
    assert nilai("R01", 2)[1] == Decimal(35)  # not in the sheet: kept


def test_an_identical_row_is_no_change(definisi):
    data = buku_realisasi([("R01", 2025, 1, "46", "31", "catatan")])
    impor_realisasi(data, organisasi=definisi)
    sebelum = isi_realisasi()

    hasil = impor_realisasi(data, organisasi=definisi)

    assert hasil.tanpa_perubahan
    assert isi_realisasi() == sebelum


def test_columns_left_out_keep_their_stored_values(definisi):
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 31, "catatan")]), organisasi=definisi)

    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 32)], kolom=("kode_rumus", "tahun", "bulan", "realisasi")),
        organisasi=definisi,
    )

    assert nilai("R01", 1) == (Decimal(46), Decimal(32), "catatan")


def test_dry_run_writes_nothing(definisi):
    hasil = impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi, dry_run=True
    )
    assert hasil.dry_run
    assert hasil.hitung("baru") == 1
    assert not Realisasi.objects.exists()


def test_the_user_who_imported_is_recorded(definisi, django_user_model):
    staf = django_user_model.objects.create_user("staf", password="x")
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi, pengguna=staf
    )
    assert Realisasi.objects.get().diisi_oleh == staf

    lain = django_user_model.objects.create_user("lain", password="x")
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 30, None)]), organisasi=definisi, pengguna=lain
    )
    assert Realisasi.objects.get().diisi_oleh == lain


@pytest.mark.parametrize(
    ("kolom", "diharapkan"),
    [
        (("kode_rumus", "bulan", "realisasi"), "kolom wajib tidak ada: tahun"),
        (("kode_rumus", "tahun", "bulan"), "tidak ada kolom pembagi, realisasi atau keterangan"),
    ],
)
def test_a_sheet_without_the_needed_columns_is_refused(definisi, kolom, diharapkan):
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi([("R01", 2025, 1)], kolom=kolom), organisasi=definisi)
    assert diharapkan in pesan(exc)[0]


def test_a_file_that_is_not_xlsx_is_refused(definisi):
    with pytest.raises(ImporError) as exc:
        impor_realisasi(b"kode_rumus,tahun\nR01,2025\n", organisasi=definisi)
    assert "Berkas bukan buku kerja Excel (.xlsx)" in pesan(exc)[0]


def test_export_then_import_changes_nothing(definisi):
    impor_realisasi(
        buku_realisasi(
            [
                ("R05", 2025, 2, None, 1, None),
                ("R01", 2025, 2, 46, 35, "Februari"),
                ("R01", 2025, 1, "6.780", "1.234,5678", "=bukan rumus"),
                ("R02", 2025, 1, 0, 0, "tdk ada"),
            ],
            rumus_excel=False,
        ),
        organisasi=definisi,
    )
    sebelum = isi_realisasi()

    data = ekspor_realisasi(organisasi=definisi, tahun=2025)
    hasil = impor_realisasi(data, organisasi=definisi)

    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert isi_realisasi() == sebelum
    ws = load_workbook(io.BytesIO(data))["Realisasi"]
    assert [c.value for c in ws[1]] == list(KOLOM_REALISASI)
    assert ws.freeze_panes == "A2"
    assert [r[:3] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ("R01", 2025, 1),
        ("R01", 2025, 2),
        ("R02", 2025, 1),
        ("R05", 2025, 2),
    ]


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(definisi):
    kode = list(Rumus.objects.values_list("kode", flat=True))

    def hitung(bulan_sampai: int) -> tuple[int, int]:
        rows = [(k, 2025, b, 100, 50, None) for k in kode for b in range(1, bulan_sampai + 1)]
        with CaptureQueriesContext(connection) as buat:
            impor_realisasi(buku_realisasi(rows), organisasi=definisi)
        rows = [(*r[:4], 60, "ubah") for r in rows]
        with CaptureQueriesContext(connection) as ubah_semua:
            impor_realisasi(buku_realisasi(rows), organisasi=definisi)
        Realisasi.objects.all().delete()
        return len(buat), len(ubah_semua)

    kecil, besar = hitung(1), hitung(6)
    assert besar[0] <= kecil[0] + 2, (kecil, besar)
    assert besar[1] <= kecil[1] + 2, (kecil, besar)


_NILAI_SEL = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 1, 1)),
    st.sampled_from(["=A1", "#N/A", "-", "R01", "2025", "Maret", "6.780", "1.234,5", "0"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.tuples(*[_NILAI_SEL] * 6), min_size=1, max_size=4))
def test_any_cell_contents_are_imported_or_refused_with_import_error(definisi, rows):
    rows = [("R01", 2025, 1, 46, 31, None), *rows]
    with transaction.atomic():
        try:
            impor_realisasi(buku_realisasi(rows), organisasi=definisi)
        except ImporError as exc:
            assert exc.kesalahan
        transaction.set_rollback(True)


# Blank cells keep, a lone "-" clears


def test_a_blank_pembagi_or_keterangan_next_to_a_realisasi_keeps_the_stored_value(definisi):
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 40, 30, "catatan")]), organisasi=definisi)

    hasil = impor_realisasi(buku_realisasi([("R01", 2025, 1, None, 35, None)]), organisasi=definisi)

    assert [str(p) for p in hasil.perubahan] == ["ubah realisasi R01 01/2025: realisasi: 30 → 35"]
    # Not switched to the rumus's pembagi_default (46), which would change the month's figure.
    assert nilai("R01", 1) == (Decimal(40), Decimal(35), "catatan")


def test_a_lone_dash_clears_a_stored_value(definisi):
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 40, 30, "catatan")]), organisasi=definisi)

    hasil = impor_realisasi(
        buku_realisasi([("R01", 2025, 1, " - ", None, "-")]), organisasi=definisi
    )

    assert [str(p) for p in hasil.perubahan] == [
        "ubah realisasi R01 01/2025: pembagi: 40 → (kosong); keterangan: catatan → (kosong)"
    ]
    assert nilai("R01", 1) == (None, Decimal(30), "")  # now over the pembagi_default


def test_a_row_of_only_dashes_clears_a_stored_month_and_creates_no_new_one(definisi):
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 40, 30, "catatan")]), organisasi=definisi)

    hasil = impor_realisasi(
        buku_realisasi(
            [
                ("R01", 2025, 1, "-", "-", "-"),
                ("R01", 2025, 2, "-", "-", None),  # not stored: nothing to write
                ("R01", 2025, 9, "-", None, None),  # a month to come, prefilled with "-"
                ("R99", 2099, 13, "-", "-", "-"),  # not even a valid month: as before
            ]
        ),
        organisasi=definisi,
    )

    assert [p.kode for p in hasil.perubahan] == ["R01 01/2025"]
    assert nilai("R01", 1) == (None, None, "")
    assert Realisasi.objects.count() == 1


def test_clearing_a_pembagi_is_refused_when_the_realisasi_would_have_none(definisi):
    impor_realisasi(buku_realisasi([("R02", 2025, 1, 45, 9, None)]), organisasi=definisi)
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi([("R02", 2025, 1, "-", None, None)]), organisasi=definisi)
    assert pesan(exc) == [
        "sheet Realisasi, baris 2, kolom pembagi: realisasi diisi tetapi pembagi kosong dan "
        "rumus tidak punya pembagi_default; isi pembaginya"
    ]


def test_export_then_import_changes_nothing_for_months_entered_elsewhere(definisi):
    r01, r05 = Rumus.objects.get(kode="R01"), Rumus.objects.get(kode="R05")
    Realisasi.objects.create(rumus=r01, tahun=2025, bulan=1, pembagi=None, realisasi=3)
    Realisasi.objects.create(rumus=r01, tahun=2025, bulan=2, realisasi=None, keterangan="-")
    Realisasi.objects.create(rumus=r05, tahun=2025, bulan=1, pembagi=1, keterangan="")
    sebelum = isi_realisasi()

    hasil = impor_realisasi(ekspor_realisasi(organisasi=definisi, tahun=2025), organisasi=definisi)

    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert isi_realisasi() == sebelum


def test_invisible_characters_around_a_kode_rumus_are_ignored(definisi):
    impor_realisasi(
        buku_realisasi([("R01\u200b", 2025, 1, "46\u00a0", 31, "\ufeffcatatan")]),
        organisasi=definisi,
    )
    assert nilai("R01", 1) == (Decimal(46), Decimal(31), "catatan")


def test_a_month_given_twice_is_refused_even_when_one_row_only_has_dashes(definisi):
    rows = [("R01", 2025, 3, "-", "-", None), ("R01", 2025, 3, 46, 38, None)]
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi(rows), organisasi=definisi)
    assert pesan(exc) == [
        "sheet Realisasi, baris 3, kolom kode_rumus: R01 bulan 03/2025 ganda: ada di baris 2 "
        "dan baris 3"
    ]


# Sidik


def test_plans_that_differ_only_past_character_50_of_a_keterangan_have_different_sidik(
    definisi,
):
    awal = "Penanganan PPKS di wilayah Kecamatan Jekan Raya bulan Januari, "

    def rencana(akhir: str):
        rows = [("R01", 2025, 1, 46, 31, awal + akhir)]
        return impor_realisasi(buku_realisasi(rows), organisasi=definisi, dry_run=True)

    satu, dua = rencana("lengkap"), rencana("sebagian")
    assert [str(p) for p in satu.perubahan] == [str(p) for p in dua.perubahan]
    assert satu.sidik != dua.sidik


def test_the_same_realisasi_workbook_on_the_same_data_gives_the_same_sidik_twice(definisi):
    data = buku_realisasi([("R01", 2025, 1, 46, 31, None), ("R03", 2025, 2, 5, 1, "tw")])
    pratinjau = impor_realisasi(data, organisasi=definisi, dry_run=True)
    assert impor_realisasi(data, organisasi=definisi, dry_run=True).sidik == pratinjau.sidik
    assert impor_realisasi(data, organisasi=definisi).sidik == pratinjau.sidik
    assert impor_realisasi(data, organisasi=definisi, dry_run=True).sidik != pratinjau.sidik


# Concurrency


def _yatim_setelah_ditulis(monkeypatch) -> None:
    """After the import's writes, a realisasi whose rumus is gone, as when another import
    removed a rumus meanwhile: the foreign key is deferred, so only the commit objects."""
    bulk_create = Realisasi.objects.bulk_create

    def lalu_yatim(*args, **kwargs):
        hasil = bulk_create(*args, **kwargs)
        Realisasi.objects.create(rumus_id=987_654_321, tahun=2025, bulan=1)
        return hasil

    monkeypatch.setattr(Realisasi.objects, "bulk_create", lalu_yatim)


def test_a_foreign_key_failure_inside_a_callers_transaction_becomes_import_error(
    definisi, monkeypatch
):
    _yatim_setelah_ditulis(monkeypatch)
    with transaction.atomic():  # as the admin's confirm runs it
        with pytest.raises(ImporError) as exc:
            impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi)
        assert pesan(exc) == ["Data berubah selama impor; tidak ada yang disimpan. Coba lagi."]
        assert not Realisasi.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_foreign_key_failure_at_commit_becomes_import_error(definisi, monkeypatch):
    _yatim_setelah_ditulis(monkeypatch)
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi)
    assert pesan(exc) == ["Data berubah selama impor; tidak ada yang disimpan. Coba lagi."]
    assert not Realisasi.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_realisasi_import_waits_for_an_indikator_import_of_the_same_organisasi(definisi):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time anyway)")
    hasil: dict[str, object] = {}

    def impor_bersamaan() -> None:
        try:
            hasil["realisasi"] = impor_realisasi(
                buku_realisasi([("R02", 2025, 3, None, 9, None)]), organisasi=definisi
            )
        except Exception as exc:
            hasil["galat"] = exc
        finally:
            connection.close()  # this thread's own connection

    # R02 has no pembagi_default; the indikator import gives it one, so a realisasi with a
    # blank pembagi is only valid once that import has committed.
    rows = ubah(baris_contoh(), 1, pembagi_default=45)
    with transaction.atomic():
        impor_indikator(buku_indikator(rows), organisasi=definisi.slug, tahun=2025)
        lain = threading.Thread(target=impor_bersamaan)
        lain.start()
        lain.join(timeout=1)
        assert lain.is_alive(), f"the realisasi import did not wait: {hasil}"
    lain.join(timeout=30)

    assert "galat" not in hasil, hasil["galat"]
    assert nilai("R02", 3) == (None, Decimal(9), "")


# Audit trail and versi


def jejak_impor() -> list[JejakAudit]:
    return list(JejakAudit.objects.filter(sumber=Sumber.IMPOR).order_by("kode_rumus", "bulan"))


def test_importing_records_each_created_and_changed_month_with_old_and_new_values(
    definisi, django_user_model
):
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None), ("R01", 2025, 2, 46, 35, None)]),
        organisasi=definisi,
    )
    staf = django_user_model.objects.create_user("sari", first_name="Sari", password="x")

    impor_realisasi(
        buku_realisasi(
            [
                ("R01", 2025, 1, 46, 33, "dikoreksi"),  # changed
                ("R01", 2025, 2, 46, 35, None),  # the same: no entry
                ("R03", 2025, 3, 5, 2, None),  # new
            ]
        ),
        organisasi=definisi,
        pengguna=staf,
    )

    jejak = jejak_impor()
    assert [(j.aksi, j.kode_rumus, j.bulan, j.nama_pengguna) for j in jejak] == [
        (Aksi.BUAT, "R01", 1, "sistem"),
        (Aksi.UBAH, "R01", 1, "Sari (sari)"),
        (Aksi.BUAT, "R01", 2, "sistem"),
        (Aksi.BUAT, "R03", 3, "Sari (sari)"),
    ]
    ubah_r01 = jejak[1]
    assert ubah_r01.nilai_lama == {"pembagi": "46", "realisasi": "31", "keterangan": ""}
    assert ubah_r01.nilai_baru == {"pembagi": "46", "realisasi": "33", "keterangan": "dikoreksi"}
    assert ubah_r01.pengguna == staf
    assert ubah_r01.nama_bidang == "Rehabilitasi Sosial"
    assert ubah_r01.organisasi_id == definisi.pk
    assert jejak[3].nilai_lama is None
    assert jejak[3].nilai_baru == {"pembagi": "5", "realisasi": "2", "keterangan": ""}


def test_importing_bumps_the_versi_of_changed_months_only(definisi):
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None), ("R01", 2025, 2, 46, 35, None)]),
        organisasi=definisi,
    )
    assert set(Realisasi.objects.values_list("versi", flat=True)) == {1}

    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 32, None), ("R01", 2025, 2, 46, 35, None)]),
        organisasi=definisi,
    )
    impor_realisasi(buku_realisasi([("R01", 2025, 1, "-", None, None)]), organisasi=definisi)

    versi = dict(Realisasi.objects.values_list("bulan", "versi"))
    assert versi == {1: 3, 2: 1}
    assert nilai("R01", 1) == (None, Decimal(32), "")
    terakhir = JejakAudit.objects.filter(bulan=1).order_by("-pk").first()
    assert (terakhir.nilai_lama["pembagi"], terakhir.nilai_baru["pembagi"]) == ("46", None)


def test_a_dry_run_or_a_refused_workbook_leaves_no_trail(definisi):
    impor_realisasi(
        buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi, dry_run=True
    )
    with pytest.raises(ImporError):
        impor_realisasi(
            buku_realisasi([("R01", 2025, 1, 46, 31, None), ("R77", 2025, 1, 1, 1, None)]),
            organisasi=definisi,
        )
    assert not JejakAudit.objects.exists()


def test_the_trail_is_written_in_bulk(definisi):
    kode = list(Rumus.objects.values_list("kode", flat=True))

    def hitung(bulan_sampai: int) -> int:
        rows = [(k, 2025, b, 100, 50, None) for k in kode for b in range(1, bulan_sampai + 1)]
        with CaptureQueriesContext(connection) as diukur:
            impor_realisasi(buku_realisasi(rows), organisasi=definisi)
        return sum("capaian_jejakaudit" in q["sql"] for q in diukur.captured_queries)

    # Two reads (the starting versi of the new rows, audit.versi_awal; the hash chain's head)
    # and one bulk insert.
    assert hitung(1) == 3
    Realisasi.objects.all().delete()
    assert hitung(6) == 3
    assert JejakAudit.objects.count() == len(kode) * 7


def test_the_command_imports_as_sistem(definisi, tmp_path):
    berkas = tmp_path / "realisasi.xlsx"
    berkas.write_bytes(buku_realisasi([("R01", 2025, 1, 46, 31, None)]))
    call_command("impor_realisasi", str(berkas), organisasi=definisi.slug, stdout=io.StringIO())
    jejak = JejakAudit.objects.get(objek="")  # the row's entry; the import's own is "impor:..."
    assert (jejak.aksi, jejak.sumber, jejak.pengguna, jejak.nama_pengguna) == (
        Aksi.BUAT,
        Sumber.IMPOR,
        None,
        "sistem",
    )


@pytest.mark.django_db(transaction=True)
def test_an_entry_save_waits_for_a_running_import_and_then_sees_a_new_versi(definisi):
    """The import locks the months it reads; a conditional save of the old versi (as the
    entry page does) waits for its commit and then finds nothing to update."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time anyway)")
    impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 31, None)]), organisasi=definisi)
    r01 = Realisasi.objects.get()
    hasil: dict[str, object] = {}

    def simpan_dari_entri() -> None:
        try:
            hasil["baris"] = Realisasi.objects.filter(pk=r01.pk, versi=1).update(
                realisasi=Decimal(40), versi=2
            )
        except Exception as exc:
            hasil["galat"] = exc
        finally:
            connection.close()

    with transaction.atomic():
        impor_realisasi(buku_realisasi([("R01", 2025, 1, 46, 33, None)]), organisasi=definisi)
        lain = threading.Thread(target=simpan_dari_entri)
        lain.start()
        lain.join(timeout=1)
        assert lain.is_alive(), f"the entry save did not wait: {hasil}"
    lain.join(timeout=30)

    assert hasil == {"baris": 0}  # a conflict for the entry page, not a lost update
    r01.refresh_from_db()
    assert (r01.realisasi, r01.versi) == (Decimal(33), 2)
