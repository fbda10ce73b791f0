"""Approving signs and locks a month; reopening keeps the old version, superseded."""

import hashlib
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from capaian.models import Aksi, JejakAudit, PengajuanBulan, StatusPengajuan
from laporan import services
from laporan.models import KunciBulan, LaporanTertanda
from tests.laporan.persetujuan_bantu import TANGGAL, ajukan_semua, setujui, siapkan_kepala
from tests.personas import TAHUN


@pytest.fixture
def kantor_ttd(kantor, settings, tmp_path):
    settings.TANDA_TANGAN_DIR = tmp_path
    siapkan_kepala(kantor, tmp_path)
    return kantor


def test_approving_a_month_stores_one_signed_version_and_locks_the_month(kantor_ttd):
    versi = setujui(kantor_ttd)
    assert versi.versi == 1 and versi.berlaku
    pdf = bytes(versi.pdf)
    assert pdf.startswith(b"%PDF")
    assert versi.sha256 == hashlib.sha256(pdf).hexdigest()
    assert versi.penanda_nama == "H. RIDUAN, SKM, M.M. Kes"
    assert versi.penanda_jabatan == "Kepala Dinas Sosial Kota Palangka Raya"
    assert versi.tanggal == TANGGAL
    assert versi.disetujui_oleh == kantor_ttd.kepala
    assert KunciBulan.objects.get(organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2)
    assert set(
        PengajuanBulan.objects.filter(tahun=TAHUN, bulan=2).values_list("status", flat=True)
    ) == {StatusPengajuan.DISETUJUI}
    jejak = JejakAudit.objects.get(aksi=Aksi.SETUJUI)
    assert versi.sha256 in jejak.catatan


def test_the_snapshot_keeps_the_exact_figures_the_pdf_was_built_from(kantor_ttd):
    versi = setujui(kantor_ttd)
    data = versi.data
    assert data["laporan"]["bulan"] == 2
    assert data["pengesahan"]["tanggal"] == "2025-03-14"
    assert data["pengesahan"]["nip"] == "197112061994031006"
    total = next(b for b in data["baris"] if b["jenis"] == "total")
    assert "/" in total["nilai"] or total["nilai"].isdigit()  # an exact fraction, as text
    assert "rumus_teks" in data["definisi"][0]["indikator"][0]


def test_approval_waits_for_every_bidang_to_submit(kantor_ttd):
    PengajuanBulan.objects.create(
        bidang=kantor_ttd.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    with pytest.raises(services.PersetujuanDitolak) as exc:
        services.setujui_bulan(
            organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor_ttd.kepala,
            tanggal=TANGGAL,
        )  # fmt: skip
    pesan = str(exc.value)
    assert "Pemberdayaan Sosial (draf)" in pesan
    assert "Penanganan Fakir Miskin" not in pesan
    assert not LaporanTertanda.objects.exists()
    assert not KunciBulan.objects.exists()


def test_a_month_cannot_be_approved_twice(kantor_ttd):
    setujui(kantor_ttd)
    with pytest.raises(services.PersetujuanDitolak, match=r"sudah disetujui \(versi 1\)"):
        services.setujui_bulan(
            organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, tanggal=TANGGAL
        )
    assert LaporanTertanda.objects.count() == 1


@pytest.mark.parametrize(
    ("tanggal", "pesan"),
    [(date(2025, 1, 31), "sebelum 1 Februari 2025"), (date(2099, 1, 1), "belum tiba")],
)
def test_the_report_date_must_fall_between_the_month_and_today(kantor_ttd, tanggal, pesan):
    ajukan_semua(kantor_ttd, 2)
    with pytest.raises(services.PersetujuanDitolak, match=pesan):
        services.setujui_bulan(
            organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, tanggal=tanggal
        )


def test_without_a_signing_certificate_approval_says_how_to_make_one(kantor, settings, tmp_path):
    settings.TANDA_TANGAN_DIR = tmp_path
    kantor.organisasi.kepala_nama = "H. Riduan"
    kantor.organisasi.save()
    ajukan_semua(kantor, 2)
    with pytest.raises(services.PersetujuanDitolak, match="sertifikat_demo"):
        services.setujui_bulan(organisasi=kantor.organisasi, tahun=TAHUN, bulan=2)
    assert not KunciBulan.objects.exists()


def test_reopening_keeps_the_signed_version_marked_superseded(kantor_ttd):
    v1 = setujui(kantor_ttd)
    pdf_v1 = bytes(v1.pdf)
    dibuka = services.buka_kembali(
        organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor_ttd.kepala,
        alasan="Realisasi R06 salah ketik.",
    )  # fmt: skip
    dibuka.refresh_from_db()
    assert not dibuka.berlaku
    assert dibuka.alasan_dibuka == "Realisasi R06 salah ketik."
    assert bytes(dibuka.pdf) == pdf_v1
    assert not KunciBulan.objects.exists()
    assert set(
        PengajuanBulan.objects.filter(tahun=TAHUN, bulan=2).values_list("status", flat=True)
    ) == {StatusPengajuan.DIAJUKAN}
    assert JejakAudit.objects.get(aksi=Aksi.BUKA).catatan == "Realisasi R06 salah ketik."

    v2 = services.setujui_bulan(
        organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor_ttd.kepala,
        tanggal=TANGGAL,
    )  # fmt: skip
    assert v2.versi == 2 and v2.berlaku
    assert v2.sha256 != v1.sha256 and v2.token != v1.token
    assert [v.versi for v in LaporanTertanda.objects.order_by("versi")] == [1, 2]


def test_reopening_needs_a_reason(kantor_ttd):
    setujui(kantor_ttd)
    with pytest.raises(services.PersetujuanDitolak, match="Alasan"):
        services.buka_kembali(
            organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor_ttd.kepala,
            alasan="  ",
        )  # fmt: skip
    assert KunciBulan.objects.exists()


def test_a_month_that_is_not_approved_cannot_be_reopened(kantor_ttd):
    with pytest.raises(services.PersetujuanDitolak, match="belum disetujui"):
        services.buka_kembali(
            organisasi=kantor_ttd.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor_ttd.kepala,
            alasan="x",
        )  # fmt: skip


def test_the_command_approves_as_the_recorded_kepala_dinas(kantor_ttd, capsys):
    ajukan_semua(kantor_ttd, 2)
    call_command(
        "setujui_laporan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "2",
        "--tanggal", "2025-03-14",
    )  # fmt: skip
    keluar = capsys.readouterr().out
    versi = LaporanTertanda.objects.get()
    assert versi.disetujui_oleh is None
    assert versi.penanda_nama == "H. RIDUAN, SKM, M.M. Kes"
    assert versi.tanggal == TANGGAL
    assert versi.sha256 in keluar
    assert f"/verifikasi/{versi.token}/" in keluar


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        (["--organisasi", "tidak-ada", "--tahun", "2025", "--bulan", "2"], "tidak ada"),
        (["--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "2", "--tanggal",
          "14-03-2025"], "bukan tanggal"),
        (["--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "3"], "belum diajukan"),
    ],
)  # fmt: skip
def test_the_command_refuses_with_a_message(kantor_ttd, argumen, pesan):
    with pytest.raises(CommandError, match=pesan):
        call_command("setujui_laporan", *argumen)
    assert not LaporanTertanda.objects.exists()


@pytest.mark.parametrize(
    ("hari_ini", "harapan"),
    [(date(2025, 3, 20), date(2025, 3, 20)),  # during the month: today
     (date(2025, 4, 12), date(2025, 4, 12)),  # the month after: today
     (date(2026, 12, 5), date(2025, 4, 10)),  # long after: the 10th of the month after
     (date(2026, 3, 1), date(2026, 1, 10))],  # December 2025, in March: 10 January 2026
)  # fmt: skip
def test_the_offered_approval_date_fits_the_report_month(hari_ini, harapan):
    from laporan.forms import tanggal_bawaan

    bulan = 12 if harapan.year == 2026 else 3
    assert tanggal_bawaan(2025, bulan, hari_ini) == harapan
