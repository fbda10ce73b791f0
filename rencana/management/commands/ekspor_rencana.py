"""python manage.py ekspor_rencana --organisasi SLUG --tahun-awal YEAR [--jenis JENIS]
--output FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rencana.ekspor import ekspor_rencana
from rencana.models import JenisRencana
from rencana.selectors import rencana_dimulai


class Command(BaseCommand):
    help = "Ekspor rencana (Renstra) satu organisasi ke buku kerja .xlsx yang dapat diimpor lagi."

    def add_arguments(self, parser):
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--tahun-awal", required=True, type=int, metavar="YEAR")
        parser.add_argument(
            "--jenis", choices=JenisRencana.values,
            help="jenis rencana, bila beberapa rencana dimulai pada tahun yang sama",
        )  # fmt: skip
        parser.add_argument("--output", required=True, metavar="FILE")

    def handle(self, *args, **options):
        slug, awal = options["organisasi"], options["tahun_awal"]
        renstra, pesan = rencana_dimulai(slug, awal, options.get("jenis"))
        if renstra is None:
            raise CommandError(pesan)
        keluaran = Path(options["output"])
        try:
            keluaran.write_bytes(ekspor_rencana(renstra))
        except OSError as exc:
            raise CommandError(f"Berkas '{keluaran}' tidak dapat ditulis: {exc.strerror}.") from exc
        self.stdout.write(f"Rencana {slug} {renstra.periode} ditulis ke {keluaran}.")
