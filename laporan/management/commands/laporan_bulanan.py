from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from capaian.engine import PerhitunganError
from indikator.models import Organisasi, Program
from laporan.builder import bangun_laporan, dumps_json, ke_json


class Command(BaseCommand):
    help = "Hitung laporan progres capaian satu bulan (angka tanpa pembulatan, satuan persen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--bulan", required=True, type=int, help="1..12")
        parser.add_argument("--format", default="json", choices=["json"], dest="fmt")
        parser.add_argument("--output", help="tulis ke berkas ini, bukan ke layar")

    def handle(self, *args, organisasi: str, tahun: int, bulan: int, fmt: str, **options):
        if not 1 <= bulan <= 12:
            raise CommandError(f"--bulan harus 1 sampai 12, bukan {bulan}.")
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        if not Program.objects.untuk_tahun(org, tahun).exists():
            raise CommandError(
                f"Belum ada definisi indikator {org.slug} tahun {tahun}; "
                "impor buku kerja indikatornya dulu (impor_indikator)."
            )
        try:
            laporan = bangun_laporan(org, tahun, bulan)
        except PerhitunganError as exc:
            raise CommandError(str(exc)) from exc
        text = dumps_json(ke_json(laporan)) + "\n"
        if options.get("output"):
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Tidak dapat menulis {options['output']}: {exc}") from exc
        else:
            self.stdout.write(text, ending="")
