"""python manage.py capaian_tahunan --organisasi SLUG --tahun YEAR [--triwulan N] --format json"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dasar.teks_json import dumps_json
from organisasi.models import Organisasi
from rencana.keluaran import capaian_ke_json
from rencana.selectors import hitung_capaian, renstra_untuk

JSON = "json"


class Command(BaseCommand):
    help = (
        "Capaian setiap indikator rencana (IKU, IKK, SPM) untuk satu tahun atau s.d. satu "
        "triwulan: target, realisasi, capaian dan kategori, angka tanpa pembulatan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--triwulan", type=int, help="1..4 (bawaan: setahun penuh)")
        parser.add_argument("--format", default=JSON, choices=[JSON], dest="fmt")

    def handle(self, *args, organisasi: str, tahun: int, triwulan: int | None, **options):
        if triwulan is not None and not 1 <= triwulan <= 4:
            raise CommandError(f"--triwulan harus 1 sampai 4, bukan {triwulan}.")
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        renstra = renstra_untuk(org, tahun)
        if renstra is None:
            raise CommandError(
                f"{org.nama} belum mempunyai rencana (Renstra/IKU) yang mencakup tahun {tahun}; "
                "impor buku kerja rencananya dulu (impor_rencana)."
            )
        cp = hitung_capaian(renstra, tahun, triwulan or 4)
        self.stdout.write(dumps_json(capaian_ke_json(cp)) + "\n", ending="")
