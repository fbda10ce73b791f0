"""python manage.py impor_indikator FILE --organisasi SLUG --tahun YEAR [--dry-run]"""

from django.core.management.base import BaseCommand

from dasar.impor import jalankan_impor
from indikator.impor import impor_indikator


class Command(BaseCommand):
    help = (
        "Impor definisi indikator (sheet Indikator dan Organisasi) satu organisasi untuk satu "
        "tahun dari buku kerja .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help="buku kerja .xlsx")
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--tahun", required=True, type=int, metavar="YEAR")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan rencana perubahan tanpa menyimpan"
        )

    def handle(self, *args, **options):
        jalankan_impor(
            self,
            options["berkas"],
            lambda berkas: impor_indikator(
                berkas,
                organisasi=options["organisasi"],
                tahun=options["tahun"],
                dry_run=options["dry_run"],
            ),
            options["dry_run"],
            jenis="indikator",
            organisasi=options["organisasi"],
            tahun=options["tahun"],
        )
