"""Create a self-signed demo certificate for an organisasi's Kepala Dinas and point its signing
configuration at it. For demos and tests only: a real deployment configures a certificate
from BSrE or a PSrE in the admin (Konfigurasi tanda tangan)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from laporan.tanda_tangan import TandaTanganError, buat_sertifikat_demo, muat_penanda, teks_waktu
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Buat sertifikat tanda tangan swasusun (self-signed) untuk demo: PKCS#12 terenkripsi "
        "dan berkas sandinya, lalu atur konfigurasi tanda tangan organisasi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument(
            "--direktori",
            type=Path,
            help="direktori kunci (bawaan: TANDA_TANGAN_DIR); dibuat dengan mode 0700",
        )
        parser.add_argument("--hari", type=int, default=3650, help="masa berlaku sertifikat (hari)")
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="tetap buat walaupun DEBUG mati (sertifikat swasusun hanya untuk demo)",
        )

    def handle(self, *args, organisasi: str, direktori: Path | None, hari: int, **options):
        if not settings.DEBUG and not options["paksa"]:
            raise CommandError(
                "DEBUG mati: sertifikat swasusun hanya untuk demo dan tidak dikenali pembaca "
                "PDF sebagai sertifikat tepercaya. Gunakan sertifikat dari BSrE/PSrE melalui "
                "Admin > Konfigurasi tanda tangan, atau tambahkan --paksa bila memang perlu."
            )
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        try:
            konfigurasi = buat_sertifikat_demo(org, direktori=direktori, hari=hari)
            penanda = muat_penanda(org)
        except (TandaTanganError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        sertifikat = penanda.sertifikat
        self.stdout.write(
            self.style.SUCCESS(f"Sertifikat demo untuk {org.nama} dibuat.")
            + "\n"
            + f"  PKCS#12   : {konfigurasi.berkas_pkcs12}\n"
            + f"  Sandi     : {konfigurasi.berkas_sandi}\n"
            + f"  Subjek    : {penanda.subjek}\n"
            + f"  Berlaku   : {teks_waktu(sertifikat.not_valid_before)} sampai "
            + f"{teks_waktu(sertifikat.not_valid_after)}\n"
            + f"  Sidik     : {penanda.sidik}\n"
            + "Berkas lama (bila ada) disimpan dengan akhiran tanggal-waktu.\n"
            + "Sertifikat swasusun hanya untuk demo; pembaca PDF menampilkannya sebagai "
            + "belum dipercaya."
        )
