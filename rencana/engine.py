"""The plan's arithmetic (docs/rencana.md): realisasi per quarter and year, capaian against
the year's target with the indicator's polarity, and the year-over-year decrease.

Pure functions over Fractions, percent units (82.2 means 82,2%). Rounding is for display.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

SERATUS = Fraction(100)

NAIK = "naik"
TURUN = "turun"


def pecahan(value: Decimal | Fraction | int | None) -> Fraction | None:
    if value is None or type(value) is Fraction:
        return value
    return Fraction(*value.as_integer_ratio())


@dataclass(frozen=True)
class Nilai:
    """What an indicator shows for a period: a ratio (pembilang/penyebut) or a plain value.
    ``nilai`` is the realisasi in the indicator's unit (percent for ratios)."""

    nilai: Fraction | None
    pembilang: Fraction | None = None
    penyebut: Fraction | None = None


KOSONG = Nilai(None)


def rasio(pembilang: Fraction | None, penyebut: Fraction | None) -> Nilai:
    """pembilang / penyebut x 100; no value when the penyebut is missing or 0."""
    if penyebut is None or penyebut == 0:
        return Nilai(None, pembilang, penyebut)
    return Nilai((pembilang or Fraction(0)) / penyebut * SERATUS, pembilang, penyebut)


def capaian(realisasi: Fraction | None, target: Fraction | None, polaritas: str) -> Fraction | None:
    """The canonical capaian (percent), one formula per polarity:

    - naik (higher is better): realisasi / target x 100;
    - turun (lower is better): (2 x target - realisasi) / target x 100, never below 0
      (realisasi at the target gives 100, each unit above it takes as much off as a unit
      below adds);
    - no realisasi or no target: no capaian. Target 0: naik has none; turun gives 100 when
      the realisasi is 0 too, else 0.
    """
    if realisasi is None or target is None:
        return None
    if polaritas == TURUN:
        if target == 0:
            return SERATUS if realisasi == 0 else Fraction(0)
        return max(Fraction(0), (2 * target - realisasi) / target * SERATUS)
    if target == 0:
        return None
    return realisasi / target * SERATUS


def penurunan(sebelum: Fraction | None, sekarang: Fraction | None) -> Fraction | None:
    """(N-1 - N) / (N-1) x 100: negative when the count rose; none without both counts or
    when the year before counted 0."""
    if sebelum is None or sekarang is None or sebelum == 0:
        return None
    return (sebelum - sekarang) / sebelum * SERATUS


TERAKHIR = "terakhir"
JUMLAH = "jumlah"
GABUNGAN = "gabungan"


def akumulasi(per_periode: Mapping[int, Nilai], sampai: int, cara: str) -> tuple[Nilai, int | None]:
    """The value through period ``sampai`` (a month 1..12 or a quarter 1..4) from the values
    of single periods, and the last period that had data. ``cara``:

    - ``terakhir`` (Tidak Kumulatif, and every score): the latest period <= sampai with data,
      a status at that date;
    - ``jumlah`` (Kumulatif counts, and the monthly report's s.d. sums): the sum of the
      periods' values;
    - ``gabungan`` (Kumulatif ratios): pembilang and penyebut summed, then divided once
      (pooled), never the percentages added or averaged.
    """
    ada = sorted(
        p
        for p, n in per_periode.items()
        if p <= sampai and (n.nilai is not None or n.pembilang is not None)
    )
    if not ada:
        return KOSONG, None
    terakhir = ada[-1]
    if cara == TERAKHIR:
        return per_periode[terakhir], terakhir
    nilai = [per_periode[p] for p in ada]
    pembilang = sum((n.pembilang or Fraction(0) for n in nilai), Fraction(0))
    penyebut = sum((n.penyebut or Fraction(0) for n in nilai), Fraction(0))
    if cara == GABUNGAN:
        return rasio(pembilang, penyebut), terakhir
    jumlah = sum((n.nilai for n in nilai if n.nilai is not None), Fraction(0))
    ada_rasio = any(n.penyebut is not None for n in nilai)
    if not ada_rasio:
        return Nilai(jumlah), terakhir
    return Nilai(jumlah, pembilang, penyebut), terakhir


@dataclass(frozen=True)
class PitaNilai:
    batas_bawah: Fraction
    label: str
    warna: str


def kategori(nilai: Fraction | None, pita: Sequence[PitaNilai]) -> PitaNilai | None:
    """The band whose lower bound is the highest one at or below ``nilai``."""
    if nilai is None:
        return None
    cocok = [p for p in pita if nilai >= p.batas_bawah]
    return max(cocok, key=lambda p: p.batas_bawah) if cocok else None
