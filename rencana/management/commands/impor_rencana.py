"""python manage.py impor_rencana --organisasi SLUG --berkas FILE [--dry-run]"""

from django.core.management.base import BaseCommand

from dasar.impor import jalankan_impor
from rencana.impor import impor_rencana


class Command(BaseCommand):
    help = (
        "Impor buku kerja rencana (sheet Rencana, Struktur, Indikator, Realisasi) satu "
        "organisasi; rencana periode yang sama diganti isinya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--berkas", required=True, metavar="FILE", help="buku kerja .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan rencana perubahan tanpa menyimpan"
        )

    def handle(self, *args, **options):
        jalankan_impor(
            self,
            options["berkas"],
            lambda berkas: impor_rencana(
                berkas, organisasi=options["organisasi"], dry_run=options["dry_run"]
            ),
            options["dry_run"],
            jenis="rencana",
            organisasi=options["organisasi"],
        )
