"""python manage.py impor_pohon --organisasi SLUG --tahun-awal YEAR --berkas FILE
[--jenis JENIS] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from dasar.impor import jalankan_impor
from rencana.impor_pohon import impor_pohon
from rencana.models import JenisRencana
from rencana.selectors import rencana_dimulai


class Command(BaseCommand):
    help = (
        "Impor pohon kinerja (tata letak FORM INDIKATOR) ke rencana satu organisasi; pohon "
        "yang ada diganti."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--tahun-awal", required=True, type=int, metavar="YEAR")
        parser.add_argument(
            "--jenis", choices=JenisRencana.values,
            help="jenis rencana, bila beberapa rencana dimulai pada tahun yang sama",
        )  # fmt: skip
        parser.add_argument("--berkas", required=True, metavar="FILE", help="buku kerja .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan rencana perubahan tanpa menyimpan"
        )

    def handle(self, *args, **options):
        slug, awal = options["organisasi"], options["tahun_awal"]
        renstra, pesan = rencana_dimulai(slug, awal, options.get("jenis"))
        if renstra is None:
            raise CommandError(pesan)
        jalankan_impor(
            self,
            options["berkas"],
            lambda berkas: impor_pohon(berkas, renstra=renstra, dry_run=options["dry_run"]),
            options["dry_run"],
        )
