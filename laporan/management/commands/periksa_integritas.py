import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dasar.teks_json import dumps_json
from laporan.integritas import periksa_integritas
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Periksa apakah basis data masih memuat apa yang ditulis aplikasi: rantai hash jejak "
        "audit, SHA-256 dan tanda tangan setiap PDF bertanda tangan, angka setiap bulan yang "
        "disetujui terhadap laporan bertanda tangannya, dan hasil bulanan tersimpan. Keluar 0 "
        "bila semuanya utuh, 1 bila ada temuan (masing-masing disebut). Untuk cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", help="slug organisasi (bawaan: semua)")
        parser.add_argument("--format", choices=["teks", "json"], default="teks", dest="fmt")

    def handle(self, *args, fmt: str, **options):
        slug = options.get("organisasi")
        if slug and not Organisasi.objects.filter(slug=slug).exists():
            raise CommandError(f"Organisasi '{slug}' tidak ditemukan.")
        hasil = periksa_integritas(slug)
        if fmt == "json":
            self.stdout.write(
                dumps_json(
                    {
                        "waktu": timezone.localtime().isoformat(),
                        "organisasi": slug,
                        "lulus": hasil.lulus,
                        "diperiksa": hasil.diperiksa,
                        "temuan": [t.ke_json() for t in hasil.temuan],
                    }
                )
            )
        else:
            d = hasil.diperiksa
            self.stdout.write(
                f"Diperiksa: {d.get('organisasi', 0)} organisasi, {d.get('entri_jejak', 0)} "
                f"entri jejak, {d.get('pdf_tertanda', 0)} PDF bertanda tangan, "
                f"{d.get('bulan_disetujui', 0)} bulan disetujui, {d.get('hasil_tersimpan', 0)} "
                "hasil tersimpan."
            )
            for t in hasil.temuan:
                self.stdout.write(f"TEMUAN {t}")
            self.stdout.write("Utuh: tidak ada temuan." if hasil.lulus else
                              f"{len(hasil.temuan)} temuan.")  # fmt: skip
        if not hasil.lulus:
            sys.exit(1)
