"""python manage.py impor_realisasi FILE --organisasi SLUG [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from capaian.impor import impor_realisasi
from dasar.impor import buka_berkas, jalankan_impor
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = "Impor realisasi bulanan (sheet Realisasi) satu organisasi dari buku kerja .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help="buku kerja .xlsx")
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan rencana perubahan tanpa menyimpan"
        )

    def handle(self, *args, **options):
        buka_berkas(options["berkas"]).close()  # a missing file is reported before anything else
        slug = options["organisasi"]
        organisasi = Organisasi.objects.filter(slug=slug).first()
        if organisasi is None:
            raise CommandError(f"Organisasi '{slug}' tidak ditemukan.")
        jalankan_impor(
            self,
            options["berkas"],
            # No user: the audit trail names "sistem" as the one who imported.
            lambda berkas: impor_realisasi(
                berkas, organisasi=organisasi, dry_run=options["dry_run"], pengguna=None
            ),
            options["dry_run"],
            jenis="realisasi",
            organisasi=slug,
        )
