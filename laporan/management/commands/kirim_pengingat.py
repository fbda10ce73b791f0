import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dasar.teks_json import dumps_json
from laporan.pengingat import kirim_pengingat


class Command(BaseCommand):
    help = (
        "Kirim pengingat surel hari ini: isian bulan yang belum diajukan (mulai 3 hari sebelum "
        "tenggat), bulan yang dikembalikan, dan bulan yang menunggu persetujuan Kepala Dinas. "
        "Paling banyak satu pesan per penerima, bulan dan jenis per hari. Untuk cron, mis. "
        "'0 7 * * * python manage.py kirim_pengingat'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tanggal", help="TTTT-BB-HH (bawaan: hari ini, WIB)")
        parser.add_argument("--format", choices=["teks", "json"], default="teks", dest="fmt")

    def handle(self, *args, fmt: str, **options):
        hari_ini = timezone.localdate()
        if options.get("tanggal"):
            try:
                hari_ini = datetime.date.fromisoformat(options["tanggal"])
            except ValueError as exc:
                raise CommandError(
                    f"--tanggal harus berupa tanggal TTTT-BB-HH, bukan '{options['tanggal']}'."
                ) from exc
        terkirim = kirim_pengingat(hari_ini)
        if fmt == "json":
            self.stdout.write(dumps_json([p.ke_json() for p in terkirim]))
            return
        for p in terkirim:
            self.stdout.write(f"{p.anggota.pengguna.email}: {p.subjek}")
        self.stdout.write(f"{len(terkirim)} pengingat dikirim untuk {hari_ini.isoformat()}.")
