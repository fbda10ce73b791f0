import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from capaian.models import Realisasi
from indikator.models import Rumus
from organisasi.models import Organisasi
from tests.workbooks import baris_contoh, buku_indikator, buku_realisasi, ubah

pytestmark = pytest.mark.django_db


def jalankan(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def gagal(*args) -> tuple[str, str]:
    """Run a command that must fail; returns (CommandError message, stderr)."""
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=StringIO(), stderr=err)
    return str(exc.value), err.getvalue()


@pytest.fixture
def berkas_indikator(tmp_path) -> Path:
    path = tmp_path / "indikator.xlsx"
    path.write_bytes(buku_indikator(baris_contoh()))
    return path


def test_impor_indikator_saves_and_prints_the_summary(organisasi, berkas_indikator):
    out, err = jalankan(
        "impor_indikator", str(berkas_indikator), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    assert out.strip() == "Disimpan: 5 baris dibaca; 11 baru, 0 diubah, 0 dihapus."
    assert err == ""
    assert Rumus.objects.count() == 5


def test_impor_indikator_dry_run_prints_each_change_and_saves_nothing(organisasi, berkas_indikator):
    out, _ = jalankan(
        "impor_indikator",
        str(berkas_indikator),
        "--organisasi",
        organisasi.slug,
        "--tahun",
        "2025",
        "--dry-run",
    )
    baris = out.strip().splitlines()
    assert "baru rumus R01 (Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar)" in baris
    assert baris[-1] == "Pratinjau (belum disimpan): 5 baris dibaca; 11 baru, 0 diubah, 0 dihapus."
    assert not Rumus.objects.exists()


def test_a_refused_workbook_prints_each_error_on_its_own_stderr_line(organisasi, tmp_path):
    rows = ubah(baris_contoh(), 0, agregasi="median")
    rows = ubah(rows, 2, kode_rumus="R02")
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(buku_indikator(rows))

    pesan, err = gagal(
        "impor_indikator", str(path), "--organisasi", organisasi.slug, "--tahun", "2025"
    )

    assert err.splitlines() == [
        "sheet Indikator, baris 2, kolom agregasi: 'median' tidak dikenal; gunakan rata-rata, "
        "jumlah atau rasio gabungan",
        "sheet Indikator, baris 4, kolom kode_rumus: kode_rumus 'R02' ganda: dipakai di baris 3 "
        "dan baris 4",
    ]
    assert pesan == "Impor dibatalkan: 2 kesalahan; tidak ada yang disimpan."
    assert not Rumus.objects.exists()


@pytest.mark.parametrize(
    ("argumen", "diharapkan"),
    [
        (
            [
                "impor_indikator",
                "/tidak/ada.xlsx",
                "--organisasi",
                "palangkaraya",
                "--tahun",
                "2025",
            ],
            "Berkas '/tidak/ada.xlsx' tidak ditemukan.",
        ),
        (
            ["impor_realisasi", "/tidak/ada.xlsx", "--organisasi", "palangkaraya"],
            "Berkas '/tidak/ada.xlsx' tidak ditemukan.",
        ),
        (
            ["ekspor_indikator", "--organisasi", "tidak-ada", "--tahun", "2025", "--output", "x"],
            "Organisasi 'tidak-ada' tidak ditemukan.",
        ),
    ],
)
def test_a_missing_file_or_organisasi_is_a_clean_indonesian_error(organisasi, argumen, diharapkan):
    pesan, _ = gagal(*argumen)
    assert pesan == diharapkan


def test_impor_realisasi_with_an_unknown_organisasi_is_a_clean_error(berkas_indikator):
    pesan, _ = gagal("impor_realisasi", str(berkas_indikator), "--organisasi", "tidak-ada")
    assert pesan == "Organisasi 'tidak-ada' tidak ditemukan."


def test_impor_indikator_for_an_unknown_organisasi_without_its_sheet_is_refused(
    db, berkas_indikator
):
    pesan, err = gagal(
        "impor_indikator", str(berkas_indikator), "--organisasi", "tidak-ada", "--tahun", "2025"
    )
    assert "Organisasi 'tidak-ada' tidak ditemukan; tambahkan sheet Organisasi" in err
    assert pesan.startswith("Impor dibatalkan: 1 kesalahan")


def test_a_file_that_is_not_xlsx_is_refused_by_the_command(organisasi, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("kode_program;program\n")
    pesan, err = gagal(
        "impor_indikator", str(path), "--organisasi", "palangkaraya", "--tahun", "2025"
    )
    assert "Berkas bukan buku kerja Excel (.xlsx)" in err
    assert pesan == "Impor dibatalkan: 1 kesalahan; tidak ada yang disimpan."


def test_ekspor_indikator_writes_a_workbook_that_imports_back_unchanged(
    organisasi, berkas_indikator, tmp_path
):
    jalankan(
        "impor_indikator", str(berkas_indikator), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    keluaran = tmp_path / "ekspor.xlsx"

    out, _ = jalankan(
        "ekspor_indikator",
        "--organisasi",
        organisasi.slug,
        "--tahun",
        "2025",
        "--output",
        str(keluaran),
    )

    assert out.strip() == f"Definisi palangkaraya tahun 2025 ditulis ke {keluaran}."
    out, _ = jalankan(
        "impor_indikator", str(keluaran), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    assert out.strip() == "5 baris dibaca; tidak ada perubahan."


def test_ekspor_indikator_into_a_missing_folder_is_a_clean_error(organisasi, tmp_path):
    pesan, _ = gagal(
        "ekspor_indikator",
        "--organisasi",
        organisasi.slug,
        "--tahun",
        "2025",
        "--output",
        str(tmp_path / "tidak" / "ada.xlsx"),
    )
    assert pesan.startswith(f"Berkas '{tmp_path / 'tidak' / 'ada.xlsx'}' tidak dapat ditulis")


def test_impor_realisasi_saves_and_its_dry_run_saves_nothing(
    organisasi, berkas_indikator, tmp_path
):
    jalankan(
        "impor_indikator", str(berkas_indikator), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(buku_realisasi([("R01", 2025, 3, "46", "38", None)]))

    out, _ = jalankan("impor_realisasi", str(path), "--organisasi", organisasi.slug, "--dry-run")
    assert out.strip().splitlines() == [
        "baru realisasi R01 03/2025: pembagi: 46; realisasi: 38",
        "Pratinjau (belum disimpan): 1 baris dibaca; 1 baru, 0 diubah, 0 dihapus.",
    ]
    assert not Realisasi.objects.exists()

    jalankan("impor_realisasi", str(path), "--organisasi", organisasi.slug)
    assert Realisasi.objects.get().realisasi == 38


def test_impor_realisasi_errors_go_to_stderr_one_per_line(organisasi, berkas_indikator, tmp_path):
    jalankan(
        "impor_indikator", str(berkas_indikator), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(buku_realisasi([("R01", 2025, 13, 46, 1, None), ("R99", 2025, 1, 1, 1, None)]))

    pesan, err = gagal("impor_realisasi", str(path), "--organisasi", organisasi.slug)

    assert len(err.splitlines()) == 2
    assert "baris 2, kolom bulan: bulan 13 tidak ada" in err.splitlines()[0]
    assert "baris 3, kolom kode_rumus: kode_rumus 'R99' tidak dikenal" in err.splitlines()[1]
    assert pesan == "Impor dibatalkan: 2 kesalahan; tidak ada yang disimpan."


def test_from_the_shell_a_missing_file_exits_non_zero_without_a_traceback():
    hasil = subprocess.run(
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "impor_indikator",
            "/tidak/ada.xlsx",
            "--organisasi",
            "palangkaraya",
            "--tahun",
            "2025",
        ],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dinsos_kinerja.settings"},
        timeout=60,
    )
    assert hasil.returncode != 0
    assert "Berkas '/tidak/ada.xlsx' tidak ditemukan." in hasil.stderr
    assert "Traceback" not in hasil.stderr


def test_impor_indikator_always_prints_every_removal(organisasi, berkas_indikator, tmp_path):
    jalankan(
        "impor_indikator", str(berkas_indikator), "--organisasi", organisasi.slug, "--tahun", "2025"
    )
    path = tmp_path / "tanpa-r04-r05.xlsx"
    path.write_bytes(buku_indikator(ubah(baris_contoh(), 0, uraian="Uraian baru")[:3]))

    out, _ = jalankan(
        "impor_indikator", str(path), "--organisasi", organisasi.slug, "--tahun", "2025"
    )

    assert out.strip().splitlines() == [
        "hapus rumus R04 (PSKS yang berkontribusi dalam penanganan PPKS (frekuensi triwulan))",
        "hapus rumus R05 (PSKS yang berkontribusi dalam penanganan PPKS (sesuai kondisi))",
        "Disimpan: 3 baris dibaca; 0 baru, 1 diubah, 2 dihapus.",
    ]
    assert sorted(Rumus.objects.values_list("kode", flat=True)) == ["R01", "R02", "R03"]


@pytest.mark.parametrize(
    ("slug", "diharapkan"),
    [
        ("Bukan slug!", "slug 'Bukan slug!' hanya boleh huruf, angka, tanda hubung"),
        ("a" * 61, "terlalu panjang (61 karakter; maksimal 60)"),
    ],
    ids=["tanda-baca", "61-karakter"],
)
def test_an_invalid_organisasi_slug_is_a_clean_error_and_creates_nothing(
    db, tmp_path, slug, diharapkan
):
    path = tmp_path / "baru.xlsx"
    path.write_bytes(buku_indikator(baris_contoh(), organisasi={"nama": "Dinas Sosial Baru"}))

    pesan, err = gagal("impor_indikator", str(path), "--organisasi", slug, "--tahun", "2025")

    assert err.startswith("organisasi yang dipilih: slug ")
    assert diharapkan in err
    assert pesan == "Impor dibatalkan: 1 kesalahan; tidak ada yang disimpan."
    assert not Organisasi.objects.exists()
