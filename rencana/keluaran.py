"""The plan's achievement as data for machines: what ``capaian_tahunan --format json`` prints,
and what later documents built on the plan (the Perjanjian Kinerja) compare against."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from dasar.angka import to_decimal
from rencana.engine import Nilai
from rencana.selectors import CapaianPeriode


def _angka(nilai: Fraction | None) -> Decimal | None:
    return None if nilai is None else to_decimal(nilai)


def _rincian(n: Nilai, penurunan: bool) -> dict[str, Any]:
    """What the realisasi came from: its pembilang and penyebut, or for a decrease the counts
    of the year before and of the year."""
    if penurunan:
        return {"jumlah_tahun_lalu": _angka(n.pembilang), "jumlah_tahun_ini": _angka(n.penyebut)}
    return {"pembilang": _angka(n.pembilang), "penyebut": _angka(n.penyebut)}


def capaian_ke_json(cp: CapaianPeriode) -> dict[str, Any]:
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
