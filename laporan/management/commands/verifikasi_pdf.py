"""Check a PDF file against the signed reports this application issued.

Exit status 0 when the file is genuine: byte-identical to an issued version and its signature
valid. That includes a superseded version (its month was reopened): the document is genuine,
so the command succeeds and prints "Status: Digantikan: …" and, when there is one, the
current version. Anything else (altered, unknown, unreadable, not a PDF) is an error: the
reason goes to stderr and the exit status is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laporan.verifikasi import detail_laporan, verifikasi_berkas


class Command(BaseCommand):
    help = (
        "Periksa apakah berkas PDF adalah laporan bertanda tangan yang diterbitkan aplikasi "
        "ini dan belum diubah (status keluar 0 bila asli, termasuk versi yang sudah digantikan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path, metavar="FILE", help="berkas PDF")

    def handle(self, *args, berkas: Path, **options):
        try:
            data = berkas.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Berkas {berkas} tidak dapat dibaca: {exc.strerror or exc}."
            ) from exc
        hasil = verifikasi_berkas(data)
        if not hasil.asli:
            raise CommandError(f"TIDAK ASLI: {hasil.pesan}")
        baris = [self.style.SUCCESS("ASLI") + f": {hasil.pesan}"]
        baris += [f"{label}: {nilai}" for label, nilai in detail_laporan(hasil.laporan)]
        if hasil.versi_terbaru is not None:
            terbaru = hasil.versi_terbaru
            baris.append(f"Versi terbaru: {terbaru.versi} ({terbaru.nama_berkas})")
        self.stdout.write("\n".join(baris))
