"""python manage.py muat_demo [--tanpa-akun]: the demo data (demo.muat) and its accounts."""

from django.core.management.base import BaseCommand, CommandError

from demo.muat import DemoGagal, muat_demo


class Command(BaseCommand):
    help = "Muat data demo (Palangka Raya 2025, Seruyan 2024-2025) dan akun demo per peran."

    def add_arguments(self, parser):
        parser.add_argument("--tanpa-akun", action="store_true", help="jangan buat akun demo")

    def handle(self, *args, **options):
        try:
            akun = muat_demo(tanpa_akun=options["tanpa_akun"], tulis=self.stdout.write)
        except DemoGagal as exc:
            raise CommandError(str(exc)) from exc
        if akun:
            self._cetak_akun(akun)

    def _cetak_akun(self, isi: list[tuple[str, ...]]) -> None:
        judul = ("Nama pengguna", "Peran", "Organisasi", "Bidang", "Kata sandi")
        lebar = [max(len(r[i]) for r in [judul, *isi]) for i in range(len(judul))]

        def garis(r) -> str:
            return "  ".join(sel.ljust(lebar[i]) for i, sel in enumerate(r)).rstrip()

        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Akun demo (masuk di /masuk/; admin juga di /admin/):")
        )
        self.stdout.write(garis(judul))
        self.stdout.write(garis(["-" * n for n in lebar]))
        for r in isi:
            self.stdout.write(garis(r))
