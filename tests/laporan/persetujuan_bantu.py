"""Helpers for the approval tests: an office whose February is submitted by every bidang,
with a demo signing certificate in a temporary directory."""

from datetime import date

from capaian.models import PengajuanBulan, StatusPengajuan
from laporan import services
from laporan.models import LaporanTertanda
from laporan.tanda_tangan import buat_sertifikat_demo
from tests.personas import TAHUN, Kantor

TANGGAL = date(2025, 3, 14)


def siapkan_kepala(kantor: Kantor, direktori) -> None:
    org = kantor.organisasi
    org.kepala_nama = "H. RIDUAN, SKM, M.M. Kes"
    org.kepala_pangkat = "Pembina Tingkat I (IV/b)"
    org.kepala_nip = "197112061994031006"
    org.save()
    buat_sertifikat_demo(org, direktori=direktori)


def ajukan_semua(kantor: Kantor, bulan: int, tahun: int = TAHUN) -> None:
    for s in services.status_bulan(kantor.organisasi, tahun, bulan):
        PengajuanBulan.objects.update_or_create(
            bidang=s.bidang, tahun=tahun, bulan=bulan,
            defaults={"status": StatusPengajuan.DIAJUKAN},
        )  # fmt: skip


def setujui(kantor: Kantor, bulan: int = 2, **kwargs) -> LaporanTertanda:
    ajukan_semua(kantor, bulan)
    kwargs.setdefault("tanggal", TANGGAL)
    return services.setujui_bulan(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=bulan, pengguna=kantor.kepala, **kwargs
    )
