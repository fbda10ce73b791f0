from datetime import date

from django.core.management.base import BaseCommand, CommandError

from dasar.angka import nama_bulan
from dasar.tampilan import format_tanggal
from laporan import services
from organisasi.models import Organisasi


def _tanggal(teks: str) -> date:
    try:
        return date.fromisoformat(teks)
    except ValueError as exc:
        raise CommandError(f"--tanggal '{teks}' bukan tanggal YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Setujui dan tandatangani laporan bulanan sebagai Kepala Dinas yang tercatat pada "
        "organisasi (sama dengan tombol Setujui di web), lalu kunci realisasi bulan itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--bulan", type=int, required=True, choices=range(1, 13))
        parser.add_argument(
            "--tanggal", help="tanggal di atas tanda tangan, YYYY-MM-DD (bawaan: hari ini)"
        )

    def handle(self, *args, **options):
        org = Organisasi.objects.filter(slug=options["organisasi"]).first()
        if org is None:
            raise CommandError(f"Organisasi '{options['organisasi']}' tidak ada.")
        tanggal = _tanggal(options["tanggal"]) if options["tanggal"] else None
        try:
            versi = services.setujui_bulan(
                organisasi=org,
                tahun=options["tahun"],
                bulan=options["bulan"],
                tanggal=tanggal,
            )
        except services.PersetujuanDitolak as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{org.nama}: {nama_bulan(versi.bulan)} {versi.tahun} disetujui, versi {versi.versi}, "
            f"ditandatangani {versi.penanda_nama} ({format_tanggal(versi.tanggal)}).\n"
            f"SHA-256 {versi.sha256}\n"
            f"Verifikasi: {services.url_verifikasi(versi.token)}"
        )
