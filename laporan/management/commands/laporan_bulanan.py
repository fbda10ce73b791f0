import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from capaian.engine import PerhitunganError
from dasar.angka import nama_bulan
from dasar.teks_json import dumps_json
from indikator.models import Program
from laporan import cetak, excel
from laporan.builder import bangun_laporan, ke_json
from laporan.models import LaporanTertanda
from organisasi.models import Organisasi


def _tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError as exc:
        raise CommandError(
            f"--tanggal harus berupa tanggal TTTT-BB-HH (mis. 2025-04-15), bukan '{teks}'."
        ) from exc


class Command(BaseCommand):
    help = (
        "Laporan progres capaian satu bulan: JSON (angka tanpa pembulatan, satuan persen), "
        "PDF atau Excel. Bulan yang sudah disetujui memberi PDF bertanda tangan yang tersimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--bulan", required=True, type=int, help="1..12")
        parser.add_argument("--format", default="json", choices=["json", "pdf", "xlsx"], dest="fmt")
        parser.add_argument(
            "--output", help="tulis ke berkas ini (wajib untuk pdf dan xlsx; json: bukan layar)"
        )
        parser.add_argument(
            "--tanggal",
            help="tanggal di atas tanda tangan, TTTT-BB-HH (bawaan: hari ini, WIB)",
        )

    def handle(self, *args, organisasi: str, tahun: int, bulan: int, fmt: str, **options):
        if not 1 <= bulan <= 12:
            raise CommandError(f"--bulan harus 1 sampai 12, bukan {bulan}.")
        output = options.get("output")
        if fmt in ("pdf", "xlsx") and not output:
            raise CommandError(
                f"Format {fmt} ditulis ke berkas: sebutkan --output, mis. --output laporan.{fmt}"
            )
        tanggal = _tanggal(options["tanggal"]) if options.get("tanggal") else None
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        if not Program.objects.untuk_tahun(org, tahun).exists():
            raise CommandError(
                f"Belum ada definisi indikator {org.slug} tahun {tahun}; "
                "impor buku kerja indikatornya dulu (impor_indikator)."
            )
        periode = f"{nama_bulan(bulan)} {tahun}"
        tertanda = (
            LaporanTertanda.objects.untuk_bulan(org, tahun, bulan).berlaku().first()
            if fmt != "json"
            else None
        )
        if fmt == "pdf" and tertanda is not None:
            # The approved month's file is the stored, signed one: never a fresh render.
            self._tulis(output, bytes(tertanda.pdf))
            self.stdout.write(
                f"{periode} sudah disetujui: PDF bertanda tangan versi {tertanda.versi} yang "
                f"tersimpan (SHA-256 {tertanda.sha256}) ditulis ke {output}."
            )
            return
        try:
            laporan = bangun_laporan(org, tahun, bulan)
        except PerhitunganError as exc:
            raise CommandError(str(exc)) from exc
        if fmt == "json":
            text = dumps_json(ke_json(laporan)) + "\n"
            if output:
                self._tulis(output, text.encode("utf-8"))
            else:
                self.stdout.write(text, ending="")
            return

        if tertanda is not None:
            if tanggal is not None:
                self.stderr.write(
                    f"--tanggal diabaikan: {periode} sudah disetujui dengan tanggal "
                    f"{cetak.format_tanggal(tertanda.tanggal)}."
                )
            pengesahan = cetak.pengesahan_versi(tertanda)
        else:
            hari_ini = timezone.localdate()
            pengesahan = cetak.pengesahan_bawaan(org, tanggal or hari_ini)
        if fmt == "pdf":
            isi = cetak.pdf_laporan(laporan, pengesahan=pengesahan, draf=True)
        else:
            isi = excel.xlsx_laporan(laporan, pengesahan=pengesahan, draf=tertanda is None)
        self._tulis(output, isi)
        if tertanda is not None:
            self.stdout.write(
                f"{periode} sudah disetujui (versi {tertanda.versi}): Excel dengan pengesahan "
                f"versi itu ditulis ke {output}."
            )
        else:
            self.stdout.write(f"Draf {fmt.upper()} {periode} ditulis ke {output}.")

    def _tulis(self, output: str, isi: bytes) -> None:
        try:
            Path(output).write_bytes(isi)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {output}: {exc}") from exc
