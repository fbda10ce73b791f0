"""python manage.py capaian_tahunan --organisasi SLUG --tahun YEAR [--triwulan N] --format json"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dasar.teks_json import dumps_json
from organisasi.models import Organisasi
from rencana.keluaran import capaian_ke_json
from rencana.models import JenisRencana
from rencana.selectors import dokumen_acuan, hitung_capaian, rencana_dimulai

JSON = "json"


class Command(BaseCommand):
    help = (
        "Capaian setiap indikator rencana (IKU, IKK, SPM) untuk satu tahun atau s.d. satu "
        "triwulan: target, realisasi, capaian dan kategori, angka tanpa pembulatan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--triwulan", type=int, help="1..4 (bawaan: setahun penuh)")
        parser.add_argument("--format", default=JSON, choices=[JSON], dest="fmt")
        parser.add_argument(
            "--tahun-awal", type=int, metavar="YEAR",
            help="rencana yang dipakai, menurut tahun awalnya (bawaan: dokumen acuan tahun itu)",
        )  # fmt: skip
        parser.add_argument("--jenis", choices=JenisRencana.values, help="jenis rencana itu")

    def handle(self, *args, organisasi: str, tahun: int, triwulan: int | None, **options):
        if triwulan is not None and not 1 <= triwulan <= 4:
            raise CommandError(f"--triwulan harus 1 sampai 4, bukan {triwulan}.")
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        if options.get("tahun_awal") is not None:
            renstra, pesan = rencana_dimulai(org.slug, options["tahun_awal"], options.get("jenis"))
            if renstra is None:
                raise CommandError(pesan)
            if not renstra.tahun_kondisi_awal <= tahun <= renstra.tahun_akhir:
                raise CommandError(
                    f"Tahun {tahun} bukan tahun {renstra.label} (capaian dihitung untuk "
                    f"{renstra.tahun_kondisi_awal}-{renstra.tahun_akhir})."
                )
        else:
            renstra = dokumen_acuan(org, tahun)
        if renstra is None:
            raise CommandError(
                f"{org.nama} belum mempunyai rencana (Renstra/IKU) yang mencakup tahun {tahun}; "
                "impor buku kerja rencananya dulu (impor_rencana)."
            )
        cp = hitung_capaian(renstra, tahun, triwulan or 4)
        self.stdout.write(dumps_json(capaian_ke_json(cp)) + "\n", ending="")
