from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dasar.teks_json import dumps_json
from laporan import rekap as r
from laporan.excel import xlsx_rekap
from organisasi.models import Wilayah


class Command(BaseCommand):
    help = (
        "Rekap satu bulan per organisasi sebuah wilayah (tanpa --wilayah: semua organisasi): "
        "total bulan, capaian s.d. bulan, bidang yang mengajukan, persetujuan. JSON (angka "
        "tanpa pembulatan, satuan persen) atau Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--bulan", required=True, type=int, help="1..12")
        parser.add_argument("--wilayah", help="slug wilayah (bawaan: semua organisasi)")
        parser.add_argument("--format", default="json", choices=["json", "xlsx"], dest="fmt")
        parser.add_argument("--output", help="tulis ke berkas ini (wajib untuk xlsx)")

    def handle(self, *args, tahun: int, bulan: int, fmt: str, **options):
        if not 1 <= bulan <= 12:
            raise CommandError(f"--bulan harus 1 sampai 12, bukan {bulan}.")
        output = options.get("output")
        if fmt == "xlsx" and not output:
            raise CommandError(
                "Format xlsx ditulis ke berkas: sebutkan --output, mis. --output rekap.xlsx"
            )
        wilayah = None
        if options.get("wilayah"):
            wilayah = Wilayah.objects.filter(slug=options["wilayah"]).first()
            if wilayah is None:
                pilihan = ", ".join(Wilayah.objects.values_list("slug", flat=True)) or "belum ada"
                raise CommandError(
                    f"Wilayah '{options['wilayah']}' tidak ditemukan (yang ada: {pilihan})."
                )
        rekap = r.hitung_rekap(r.organisasi_wilayah(wilayah), tahun, bulan, wilayah=wilayah)
        if fmt == "json":
            isi = (dumps_json(r.ke_json(rekap)) + "\n").encode("utf-8")
            if not output:
                self.stdout.write(isi.decode("utf-8"), ending="")
                return
        else:
            isi = xlsx_rekap(rekap, dibuat=timezone.localtime())
        try:
            Path(output).write_bytes(isi)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {output}: {exc}") from exc
        self.stdout.write(f"{rekap.judul}: {len(rekap.baris)} organisasi ditulis ke {output}.")
