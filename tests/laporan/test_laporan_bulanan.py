"""The monthly report as data: seed 000's figures from the database, in a fixed number of
queries, as rows and as the laporan_bulanan JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from capaian.models import Realisasi
from dasar.angka import format_persen
from fixtures.buat_demo import PALANGKARAYA_ORG, PALANGKARAYA_REALISASI, palangkaraya_rows
from indikator.models import Rumus
from laporan.builder import bangun_laporan
from organisasi.models import Organisasi
from tests.factories import buat_definisi, isi_realisasi


@pytest.fixture
def palangkaraya(db) -> Organisasi:
    org = Organisasi.objects.create(**PALANGKARAYA_ORG)
    rumus = buat_definisi(org, 2025, palangkaraya_rows())
    for bulan, nilai in PALANGKARAYA_REALISASI.items():
        isi_realisasi(rumus, 2025, bulan, nilai)
    return org


def test_march_2025_prints_the_seed_totals(palangkaraya):
    laporan = bangun_laporan(palangkaraya, 2025, 3)
    assert format_persen(laporan.total_bulan, 2) == "9,66%"
    assert format_persen(laporan.capaian_sd_bulan_lalu, 2) == "15,19%"
    assert format_persen(laporan.capaian_sd_bulan, 2) == "24,86%"


def test_march_2025_table_has_the_seed_lines_in_order(palangkaraya):
    laporan = bangun_laporan(palangkaraya, 2025, 3)
    lines = [
        (b.nomor, format_persen(b.persen), format_persen(b.persen_tahunan))
        if b.jenis == "rumus"
        else (b.label, format_persen(b.nilai, 2 if b.jenis == "total" else 1))
        for b in laporan.baris
    ]
    assert lines == [
        (1, "82,6%", "6,9%"),
        ("Persentase Realisasi Program Rehabilitasi Sosial", "6,9%"),
        (2, "20,0%", "1,7%"),
        (3, "0,0%", "0,0%"),
        (4, "7,4%", "3,7%"),
        (5, "100,0%", "8,3%"),
        ("Persentase Realisasi Program Pemberdayaan Sosial", "4,6%"),
        (6, "88,2%", "88,2%"),
        (7, "0,0%", "0,0%"),
        (8, "0,0%", "0,0%"),
        ("Persentase Realisasi Bidang Penanganan Fakir Miskin", "29,4%"),
        (9, "100,0%", "8,3%"),
        (10, "100,0%", "8,3%"),
        ("Persentase Realisasi Bidang Perlindungan dan Jaminan Sosial", "8,3%"),
        ("Persentase Realisasi Program Perlindungan dan Jaminan Sosial", "18,9%"),
        (11, "100,0%", "8,3%"),
        (12, "100,0%", "8,3%"),
        ("Persentase Realisasi Program Penanganan Bencana", "8,3%"),
        ("Persentase Capaian TOTAL MARET 2025", "9,66%"),
    ]


def test_the_report_takes_the_same_few_queries_for_12_or_120_rows(
    palangkaraya, django_assert_num_queries
):
    # The counts, muat_tahun's four, the earlier months' stored results, storing them.
    with django_assert_num_queries(7):
        bangun_laporan(palangkaraya, 2025, 3)
    with django_assert_num_queries(6):  # now stored: read, not computed
        bangun_laporan(palangkaraya, 2025, 3)
    rows = [
        {
            **row,
            "kode_program": f"X{n // 10}",
            "kode_indikator": f"X{n // 5}",
            "kode_rumus": f"X{n}",
        }
        for n, row in enumerate(palangkaraya_rows() * 9)
    ]
    rumus = buat_definisi(palangkaraya, 2025, rows)
    isi_realisasi(rumus, 2025, 3, {k: (10, "5") for k in rumus})
    with django_assert_num_queries(7):
        laporan = bangun_laporan(palangkaraya, 2025, 3)
    assert sum(1 for b in laporan.baris if b.jenis == "rumus") == 120


def test_definitions_of_another_year_do_not_change_the_report(palangkaraya):
    before = bangun_laporan(palangkaraya, 2025, 3)
    rows = [{**row, "faktor_tahunan": "1", "agregasi": "jumlah"} for row in palangkaraya_rows()]
    rumus_2026 = buat_definisi(palangkaraya, 2026, rows)
    isi_realisasi(rumus_2026, 2026, 3, {k: (10, "10") for k in rumus_2026})
    after = bangun_laporan(palangkaraya, 2025, 3)
    assert after.total_bulan == before.total_bulan
    assert after.capaian_sd_bulan == before.capaian_sd_bulan


def test_laporan_bulanan_json_has_unrounded_figures_and_nulls(palangkaraya):
    out = StringIO()
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "3",
        "--format", "json", stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue(), parse_float=str)
    assert data["organisasi"] == "palangkaraya"
    assert (data["tahun"], data["bulan"]) == (2025, 3)
    assert data["total_bulan"].startswith("9.66301438")
    assert data["capaian_sd_bulan_lalu"].startswith("15.193")
    assert data["capaian_sd_bulan"].startswith("24.856")
    program = data["program"]
    assert [p["kode"] for p in program] == ["1.06.04", "1.06.02", "1.06.05", "1.06.06"]
    assert set(program[0]) == {"kode", "nama", "nilai", "indikator"}
    assert set(program[0]["indikator"][0]) == {"kode", "nama", "agregasi", "nilai", "rumus"}
    baris = program[1]["indikator"][0]["rumus"][1]
    assert set(baris) == {
        "kode", "bidang", "uraian", "pembagi", "realisasi", "persen", "persen_tahunan",
    }  # fmt: skip
    assert baris["kode"] == "R03"
    assert baris["realisasi"] is None
    assert baris["persen"] == 0
    assert program[2]["indikator"][0]["rumus"][0]["pembagi"] == 6780


def test_laporan_bulanan_writes_to_a_file(palangkaraya, tmp_path):
    target = tmp_path / "maret.json"
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "3",
        "--output", str(target),
    )  # fmt: skip
    assert json.loads(target.read_text())["bulan"] == 3


def test_a_month_without_any_data_has_null_totals(palangkaraya):
    out = StringIO()
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "1",
        stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["capaian_sd_bulan_lalu"] == 0
    Realisasi.objects.all().delete()
    Rumus.objects.update(pembagi_default=None)
    out = StringIO()
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "5",
        stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["total_bulan"] is None
    assert data["program"][0]["nilai"] is None
    assert data["program"][0]["indikator"][0]["rumus"][0]["persen"] is None
    assert data["capaian_sd_bulan"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisasi", "tidakada", "--tahun", "2025", "--bulan", "3"], "tidak ditemukan"),
        (["--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "13"], "1 sampai 12"),
        (["--organisasi", "palangkaraya", "--tahun", "2019", "--bulan", "3"], "Belum ada"),
    ],
)
def test_laporan_bulanan_refuses_bad_arguments_in_indonesian(palangkaraya, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("laporan_bulanan", *args)


def test_laporan_bulanan_explains_an_inconsistent_pooled_indikator_instead_of_a_traceback(
    organisasi,
):
    rows = [
        {"kode_program": "P", "program": "P", "kode_indikator": "IKU-2", "indikator": "Pooled",
         "agregasi": "rasio gabungan", "kode_rumus": kode, "bidang": "Rehabilitasi Sosial",
         "uraian": kode, "faktor_tahunan": faktor, "pembagi_default": 10}
        for kode, faktor in (("A", "1"), ("B", "1/12"))
    ]  # fmt: skip
    buat_definisi(organisasi, 2025, rows)
    with pytest.raises(CommandError, match="IKU-2: rumus dalam indikator rasio gabungan"):
        call_command(
            "laporan_bulanan", "--organisasi", organisasi.slug, "--tahun", "2025", "--bulan", "1"
        )


# --- PDF and Excel files ------------------------------------------------------------------


def _bulanan(*args: str, stdout=None, stderr=None) -> None:
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "3",
        *args, stdout=stdout or StringIO(), stderr=stderr or StringIO(),
    )  # fmt: skip


def _teks_xlsx(path) -> list[str]:
    from openpyxl import load_workbook

    ws = load_workbook(path)["Laporan"]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_laporan_bulanan_pdf_and_xlsx_need_an_output_file(palangkaraya, fmt):
    with pytest.raises(CommandError, match=f"Format {fmt} ditulis ke berkas: sebutkan --output"):
        _bulanan("--format", fmt)


def test_laporan_bulanan_refuses_a_date_that_is_not_yyyy_mm_dd(palangkaraya, tmp_path):
    with pytest.raises(CommandError, match="--tanggal harus berupa tanggal TTTT-BB-HH"):
        _bulanan("--format", "xlsx", "--output", str(tmp_path / "x.xlsx"), "--tanggal", "15/4")


def test_laporan_bulanan_writes_a_draft_pdf_with_the_date_given(palangkaraya, tmp_path):
    from tests.laporan.test_cetak_pdf import halaman_pdf

    target = tmp_path / "maret.pdf"
    out = StringIO()
    _bulanan("--format", "pdf", "--output", str(target), "--tanggal", "2025-04-15", stdout=out)
    assert out.getvalue().strip() == f"Draf PDF Maret 2025 ditulis ke {target}."
    halaman = halaman_pdf(target.read_bytes())
    teks = " ".join(" ".join(halaman).split())
    assert all("DRAF" in h for h in halaman)
    assert "Palangka Raya, 15 April 2025" in teks
    assert "Persentase Capaian TOTAL MARET 2025 9,66%" in teks


def test_laporan_bulanan_writes_a_draft_xlsx(palangkaraya, tmp_path):
    target = tmp_path / "maret.xlsx"
    _bulanan("--format", "xlsx", "--output", str(target), "--tanggal", "2025-04-15")
    teks = _teks_xlsx(target)
    assert "DRAF — belum disetujui" in teks
    assert "Palangka Raya, 15 April 2025" in teks


def test_the_signature_date_defaults_to_today_in_jakarta(palangkaraya, tmp_path, monkeypatch):
    from datetime import UTC, datetime

    from django.utils import timezone

    # 14 April 18.30 UTC is already 15 April 01.30 in Jakarta.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 4, 14, 18, 30, tzinfo=UTC))
    target = tmp_path / "maret.xlsx"
    _bulanan("--format", "xlsx", "--output", str(target))
    assert "Palangka Raya, 15 April 2025" in _teks_xlsx(target)


@pytest.fixture
def maret_disetujui(palangkaraya):
    from datetime import UTC, date, datetime

    from laporan.models import LaporanTertanda

    return LaporanTertanda.objects.create(
        organisasi=palangkaraya, tahun=2025, bulan=3, versi=2,
        pdf=b"%PDF-1.7\n% bytes persis yang ditandatangani\n%%EOF\n", sha256="ab" * 32,
        data={}, tanggal=date(2025, 4, 20), kota="Palangka Raya",
        penanda_nama="NAMA PENANDA", penanda_jabatan="Kepala Dinas Sosial Kota Palangka Raya",
        penanda_pangkat="Pembina Utama Muda (IV/c)", penanda_nip="197001011990031001",
        sertifikat_subjek="CN=NAMA PENANDA", sertifikat_sidik="cd" * 32,
        ditandatangani_pada=datetime(2025, 4, 20, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def test_the_pdf_of_an_approved_month_is_the_stored_signed_file_byte_for_byte(
    maret_disetujui, tmp_path
):
    target = tmp_path / "maret.pdf"
    out = StringIO()
    _bulanan("--format", "pdf", "--output", str(target), stdout=out)
    assert target.read_bytes() == bytes(maret_disetujui.pdf)
    assert "Maret 2025 sudah disetujui: PDF bertanda tangan versi 2" in out.getvalue()


def test_the_xlsx_of_an_approved_month_carries_the_signed_versions_pengesahan(
    maret_disetujui, tmp_path
):
    target = tmp_path / "maret.xlsx"
    out, err = StringIO(), StringIO()
    _bulanan(
        "--format", "xlsx", "--output", str(target), "--tanggal", "2025-05-01",
        stdout=out, stderr=err,
    )  # fmt: skip
    teks = _teks_xlsx(target)
    assert "Palangka Raya, 20 April 2025" in teks
    assert "NAMA PENANDA" in teks
    assert "NIP 197001011990031001" in teks
    assert not any("DRAF" in t for t in teks)
    assert "sudah disetujui (versi 2)" in out.getvalue()
    assert "--tanggal diabaikan" in err.getvalue()


def test_a_reopened_month_gives_a_draft_again(maret_disetujui, tmp_path):
    from django.utils import timezone

    from laporan.models import LaporanTertanda

    LaporanTertanda.objects.filter(pk=maret_disetujui.pk).update(digantikan_pada=timezone.now())
    target = tmp_path / "maret.xlsx"
    _bulanan("--format", "xlsx", "--output", str(target), "--tanggal", "2025-05-01")
    teks = _teks_xlsx(target)
    assert "DRAF — belum disetujui" in teks
    assert "Palangka Raya, 1 Mei 2025" in teks
