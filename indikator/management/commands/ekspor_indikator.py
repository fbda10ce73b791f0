"""python manage.py ekspor_indikator --organisasi SLUG --tahun YEAR --output FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indikator.impor import ekspor_indikator
from indikator.models import Program
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = "Ekspor definisi indikator satu organisasi untuk satu tahun ke buku kerja .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--tahun", required=True, type=int, metavar="YEAR")
        parser.add_argument("--output", required=True, metavar="FILE")

    def handle(self, *args, **options):
        slug, tahun = options["organisasi"], options["tahun"]
        organisasi = Organisasi.objects.filter(slug=slug).first()
        if organisasi is None:
            raise CommandError(f"Organisasi '{slug}' tidak ditemukan.")
        if not Program.objects.untuk_tahun(organisasi, tahun).exists():
            self.stderr.write(f"Peringatan: {slug} belum punya definisi untuk tahun {tahun}.")
        data = ekspor_indikator(organisasi=organisasi, tahun=tahun)
        keluaran = Path(options["output"])
        try:
            keluaran.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Berkas '{keluaran}' tidak dapat ditulis: {exc.strerror}.") from exc
        self.stdout.write(f"Definisi {slug} tahun {tahun} ditulis ke {keluaran}.")
