from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from capaian.impor import impor_realisasi
from indikator.impor import impor_indikator
from indikator.impor_dasar import ImporError
from indikator.models import Organisasi

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# (berkas, slug, tahun) in order; the Seruyan definitions serve 2024 and 2025 alike.
INDIKATOR = [
    ("palangkaraya-2025-indikator.xlsx", "palangkaraya", 2025),
    ("seruyan-indikator.xlsx", "seruyan", 2024),
    ("seruyan-indikator.xlsx", "seruyan", 2025),
]
REALISASI = [
    ("palangkaraya-2025-realisasi.xlsx", "palangkaraya"),
    ("seruyan-realisasi.xlsx", "seruyan"),
]

DEMO_ADMIN = ("admin", "dinsos-demo-2025")


class Command(BaseCommand):
    help = "Muat data demo (Palangka Raya 2025, Seruyan 2024-2025) dan akun admin demo."

    def add_arguments(self, parser):
        parser.add_argument("--tanpa-akun", action="store_true", help="jangan buat akun admin demo")

    @transaction.atomic
    def handle(self, *args, **options):
        try:
            for berkas, slug, tahun in INDIKATOR:
                hasil = impor_indikator(
                    (FIXTURES / berkas).read_bytes(), organisasi=slug, tahun=tahun
                )
                self.stdout.write(f"{berkas} ({slug} {tahun}): {hasil.ringkasan()}")
            for berkas, slug in REALISASI:
                org = Organisasi.objects.get(slug=slug)
                hasil = impor_realisasi((FIXTURES / berkas).read_bytes(), organisasi=org)
                self.stdout.write(f"{berkas}: {hasil.ringkasan()}")
        except ImporError as exc:
            raise CommandError(f"Data demo tidak dapat dimuat:\n{exc}") from exc
        if options["tanpa_akun"]:
            return
        if not settings.DEBUG:
            # A known password must never reach a production database.
            self.stdout.write("Akun demo tidak dibuat karena DEBUG mati (produksi).")
            return
        self._akun_demo()

    def _akun_demo(self) -> None:
        User = get_user_model()
        username, password = DEMO_ADMIN
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, "admin@contoh.go.id", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Akun demo: admin (pengelola) — nama pengguna '{username}', sandi '{password}'"
            )
        )
