from fractions import Fraction
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dasar.teks_json import dumps_json
from organisasi.models import Organisasi
from rencana.engine import Nilai
from rencana.selectors import CapaianPeriode, hitung_capaian, renstra_untuk

JSON = "json"


def _angka(nilai: Fraction | None):
    from dasar.angka import to_decimal

    return None if nilai is None else to_decimal(nilai)


def _rincian(n: Nilai, penurunan: bool) -> dict[str, Any]:
    """What the realisasi came from: its pembilang and penyebut, or for a decrease the counts
    of the year before and of the year."""
    if penurunan:
        return {"jumlah_tahun_lalu": _angka(n.pembilang), "jumlah_tahun_ini": _angka(n.penyebut)}
    return {"pembilang": _angka(n.pembilang), "penyebut": _angka(n.penyebut)}


def ke_json(cp: CapaianPeriode) -> dict[str, Any]:
    """Every indicator of the plan for the period, numbers unrounded (percent units; exact,
    or 28 significant digits)."""
    return {
        "organisasi": cp.renstra.organisasi.slug,
        "renstra": cp.renstra.periode,
        "tahun": cp.tahun,
        "triwulan": cp.triwulan,
        "periode": cp.label_periode,
        "indikator": [
            {
                "kode": h.indikator.kode,
                "nama": h.indikator.nama,
                "kelompok": h.indikator.kelompok,
                "jenis": h.indikator.jenis,
                "polaritas": h.indikator.polaritas,
                "satuan": h.indikator.satuan,
                "target": _angka(h.target_nilai),
                "target_teks": h.target.teks if h.target else "",
                "realisasi": _angka(h.realisasi.nilai),
                "realisasi_teks": h.teks_realisasi,
                "rincian": _rincian(h.realisasi, h.dasar is not None),
                "capaian": _angka(h.capaian),
                "kategori": h.kategori.label if h.kategori else None,
                "sumber": h.sumber or None,
                "periode_data": h.periode_data,
            }
            for h in cp.hasil
        ],
    }


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

    def handle(self, *args, organisasi: str, tahun: int, triwulan: int | None, **options):
        if triwulan is not None and not 1 <= triwulan <= 4:
            raise CommandError(f"--triwulan harus 1 sampai 4, bukan {triwulan}.")
        org = Organisasi.objects.filter(slug=organisasi).first()
        if org is None:
            raise CommandError(f"Organisasi '{organisasi}' tidak ditemukan.")
        renstra = renstra_untuk(org, tahun)
        if renstra is None:
            raise CommandError(
                f"{org.nama} belum mempunyai rencana (Renstra/IKU) yang mencakup tahun {tahun}; "
                "impor buku kerja rencananya dulu (impor_rencana)."
            )
        cp = hitung_capaian(renstra, tahun, triwulan or 4)
        self.stdout.write(dumps_json(ke_json(cp)) + "\n", ending="")
