"""How the plan's figures are printed (pages, PDF and Excel alike): targets, realisasi and
capaian as Indonesian text. Rounding happens here only."""

from fractions import Fraction

from dasar.angka import format_angka, format_persen
from rencana.models import IndikatorRencana, Jenis, Renstra, TargetTahunan
from rencana.selectors import HasilRencana

JENIS_PERSEN = {Jenis.PERSENTASE, Jenis.RASIO_GABUNGAN, Jenis.PENURUNAN}


def kolom_target(renstra: Renstra, daftar) -> list[int]:
    """The target columns of a table of ``daftar`` (indicators with their targets loaded):
    the plan's years, then its end-of-period condition when any of them has a target for it
    (seed 003 prints 2030 in Tabel 4.2 and 4.3, not in Tabel 4.1)."""
    akhir = renstra.tahun_kondisi_akhir
    if any(t.tahun == akhir for i in daftar for t in i.target.all()):
        return [*renstra.daftar_tahun, akhir]
    return renstra.daftar_tahun


def judul_tahun(renstra: Renstra, tahun: int, awalan: str = "") -> str:
    """A target column's heading: ``2029`` (``thn 2029``), or ``Kondisi Akhir 2030`` for the
    end-of-period condition, which is not a year of the plan."""
    if tahun == renstra.tahun_kondisi_akhir:
        return f"Kondisi Akhir {tahun}"
    return f"{awalan}{tahun}"


def _satuan(ind: IndikatorRencana) -> str:
    satuan = ind.satuan.strip()
    return "" if satuan in ("", "%", "persen", "Persen", "nilai", "predikat") else f" {satuan}"


def teks_nilai(ind: IndikatorRencana, nilai, desimal_persen: int = 2) -> str:
    """A value in the indicator's unit: "82,20%", "46 orang", "58,3"."""
    if nilai is None:
        return "-"
    if ind.jenis in JENIS_PERSEN or ind.satuan.strip() in ("%", "persen", "Persen"):
        return format_persen(nilai, desimal_persen)
    if ind.jenis == Jenis.NILAI:
        return format_angka(nilai, 2) if Fraction(nilai).denominator != 1 else format_angka(nilai)
    return format_angka(nilai) + _satuan(ind)


def teks_target(ind: IndikatorRencana, target: TargetTahunan | None) -> str:
    """The target as the plan prints it: its text when set ("B (Baik)"), else the number."""
    if target is None:
        return "-"
    if target.teks:
        return target.teks
    if target.nilai is None:
        return "-"
    if ind.jenis in JENIS_PERSEN or ind.satuan.strip() in ("%", "persen", "Persen"):
        return format_persen_bulat(target.nilai)
    return teks_nilai(ind, target.nilai)


def teks_realisasi(h: HasilRencana) -> str:
    """ "82,20%", "46 orang", "B (Baik) · 60,70"; "-" without data."""
    angka = teks_nilai(h.indikator, h.realisasi.nilai)
    if h.teks_realisasi:
        return h.teks_realisasi if angka == "-" else f"{h.teks_realisasi} · {angka}"
    return angka


def teks_rincian(h: HasilRencana) -> str:
    """What the realisasi was computed from: "35.005 / 42.583", or the two years' counts of a
    decrease "41.893 → 35.005"."""
    n = h.realisasi
    if h.dasar is not None:
        if h.dasar[0] is None or h.dasar[1] is None:
            return ""
        return f"{format_angka(h.dasar[0])} → {format_angka(h.dasar[1])}"
    if n.penyebut is not None and n.pembilang is not None:
        return f"{format_angka(n.pembilang)} / {format_angka(n.penyebut)}"
    return ""


def teks_capaian(h: HasilRencana) -> str:
    return format_persen(h.capaian, 2)


def format_persen_bulat(nilai) -> str:
    """A target percentage as the plan prints it: "100%", "1,5%"."""
    return "-" if nilai is None else format_angka(nilai) + "%"


def teks_target_nilai(ind: IndikatorRencana, nilai, teks: str = "") -> str:
    """A quarterly target as the plan prints targets: its text when set, else the number
    ("100%", "9 orang"); "-" without either."""
    if teks:
        return teks
    if nilai is None:
        return "-"
    if ind.jenis in JENIS_PERSEN or ind.satuan.strip() in ("%", "persen", "Persen"):
        return format_persen_bulat(nilai)
    return teks_nilai(ind, nilai)


def teks_capaian_tw(h: HasilRencana) -> str:
    """Capaian against the quarter's target (Rencana Aksi); "-" without one."""
    return format_persen(h.capaian_tw, 2)
