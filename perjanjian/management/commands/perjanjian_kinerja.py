"""python manage.py perjanjian_kinerja --organisasi SLUG --tahun Y [--jabatan KODE]
--format json|pdf|docx [--output FILE]"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dasar.teks_json import dumps_json
from organisasi.models import Organisasi
from perjanjian import cetak
from perjanjian.models import Jabatan
from perjanjian.selectors import ke_json, kepala_dinas, susun
from perjanjian.services import tanggal_bawaan


class Command(BaseCommand):
    help = (
        "Perjanjian Kinerja satu jabatan untuk satu tahun (tanpa --jabatan: Kepala Dinas), "
        "sebagai JSON (angka tanpa pembulatan), PDF atau Word; target selalu dari rencana."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisasi", required=True, help="slug organisasi")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--jabatan", help="kode jabatan (bawaan: Kepala Dinas)")
        parser.add_argument("--format", default="json", choices=["json", "pdf", "docx"],
                            dest="fmt")  # fmt: skip
        parser.add_argument("--output", help="berkas keluaran (wajib untuk pdf dan docx)")

    def handle(self, *args, organisasi, tahun, jabatan, fmt, output, **options):
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        if jabatan:
            j = Jabatan.objects.filter(organisasi=org, kode=jabatan).first()
            if j is None:
                raise CommandError(f"Jabatan '{jabatan}' tidak ditemukan di {org.nama}.")
        else:
            j = kepala_dinas(org)
            if j is None:
                raise CommandError(
                    f"{org.nama} belum mempunyai jabatan eselon II (Kepala Dinas); isi di "
                    "admin, Perjanjian Kinerja › Jabatan."
                )
        j.organisasi = org
        dok = susun(j, tahun)
        if fmt == "json":
            teks = dumps_json(ke_json(dok)) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as berkas:
                    berkas.write(teks)
            else:
                self.stdout.write(teks, ending="")
            return
        if not output:
            raise CommandError(f"--output wajib untuk --format {fmt}.")
        tanggal = tanggal_bawaan(tahun, dok.perjanjian.tanggal if dok.perjanjian else None)
        t = cetak.tampilan(dok, tanggal)
        isi = cetak.pdf(t, org) if fmt == "pdf" else cetak.docx(t, org)
        with open(output, "wb") as berkas:
            berkas.write(isi)
        self.stderr.write(f"{output}: {len(isi)} byte ({fmt}, draf).")
