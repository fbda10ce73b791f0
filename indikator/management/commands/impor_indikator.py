"""python manage.py impor_indikator FILE --organisasi SLUG --tahun YEAR [--dry-run]"""

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from indikator.impor import impor_indikator
from indikator.impor_dasar import HasilImpor, ImporError


def buka_berkas(path: str) -> BinaryIO:
    """The workbook file, or a CommandError in Indonesian (never a traceback)."""
    berkas = Path(path)
    if not berkas.exists():
        raise CommandError(f"Berkas '{path}' tidak ditemukan.")
    if not berkas.is_file():
        raise CommandError(f"'{path}' bukan berkas.")
    try:
        return berkas.open("rb")
    except OSError as exc:
        raise CommandError(f"Berkas '{path}' tidak dapat dibuka: {exc.strerror}.") from exc


def jalankan_impor(
    command: BaseCommand,
    path: str,
    impor: Callable[[BinaryIO], HasilImpor],
    dry_run: bool,
) -> None:
    """Run one import and report it: every error on its own stderr line and a non-zero
    exit; on success every removal (so that deletions are always in the log), with
    --dry-run every planned change, then the summary."""
    stderr: OutputWrapper = command.stderr
    with buka_berkas(path) as berkas:
        try:
            hasil = impor(berkas)
        except ImporError as exc:
            for kesalahan in exc.kesalahan:
                stderr.write(str(kesalahan))
            raise CommandError(
                f"Impor dibatalkan: {len(exc.kesalahan)} kesalahan; tidak ada yang disimpan."
            ) from exc
    for perubahan in hasil.perubahan:
        if dry_run or perubahan.jenis == "hapus":
            command.stdout.write(str(perubahan))
    command.stdout.write(hasil.ringkasan())


class Command(BaseCommand):
    help = (
        "Impor definisi indikator (sheet Indikator dan Organisasi) satu organisasi untuk satu "
        "tahun dari buku kerja .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help="buku kerja .xlsx")
        parser.add_argument("--organisasi", required=True, metavar="SLUG")
        parser.add_argument("--tahun", required=True, type=int, metavar="YEAR")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan rencana perubahan tanpa menyimpan"
        )

    def handle(self, *args, **options):
        jalankan_impor(
            self,
            options["berkas"],
            lambda berkas: impor_indikator(
                berkas,
                organisasi=options["organisasi"],
                tahun=options["tahun"],
                dry_run=options["dry_run"],
            ),
            options["dry_run"],
        )
