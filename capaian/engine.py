"""The IKU arithmetic of docs/perhitungan.md, as pure functions over plain data.

No ORM here: callers load a month's rows with a fixed number of queries (see
``capaian.selectors``) and hand them over as the dataclasses below. All values are
``Fraction``; percentages are in percent units (82.6 means 82,6%). Rounding belongs to
display only (``dasar.angka.format_persen``).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

RATA_RATA = "rata-rata"
JUMLAH = "jumlah"
RASIO_GABUNGAN = "rasio gabungan"

SERATUS = Fraction(100)


class PerhitunganError(ValueError):
    """Definitions the rules cannot compute (the import and admin refuse them first); the
    message is Indonesian and names the indikator."""


@dataclass(frozen=True)
class Baris:
    """One rumus row for one month. ``pembagi`` is already the month's effective pembagi:
    the one entered for the month, else the row's default, else None."""

    kode: str
    pembagi: Decimal | Fraction | int | None
    realisasi: Decimal | Fraction | int | None
    faktor: Fraction = Fraction(1, 12)
    bobot: Fraction = Fraction(1)
    bidang: str = ""
    uraian: str = ""
    penyebut: str = ""
    keterangan: str = ""


@dataclass(frozen=True)
class Indikator:
    kode: str
    nama: str
    rumus: Sequence[Baris]
    agregasi: str = RATA_RATA
    bobot: Fraction = Fraction(1)


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str
    indikator: Sequence[Indikator]


@dataclass(frozen=True)
class HasilBaris:
    baris: Baris
    persen: Fraction | None
    persen_tahunan: Fraction | None


@dataclass(frozen=True)
class HasilIndikator:
    indikator: Indikator
    rumus: tuple[HasilBaris, ...]
    nilai: Fraction | None


@dataclass(frozen=True)
class HasilProgram:
    program: Program
    indikator: tuple[HasilIndikator, ...]
    nilai: Fraction | None


@dataclass(frozen=True)
class HasilBulan:
    program: tuple[HasilProgram, ...] = field(default_factory=tuple)
    total: Fraction | None = None


def _exact(value: Decimal | Fraction | int | None) -> Fraction | None:
    if value is None or type(value) is Fraction:
        return value
    # Fraction(Decimal) goes through slow ABC isinstance checks; an integer pair does not.
    return Fraction(*value.as_integer_ratio())


def hitung_baris(baris: Baris) -> HasilBaris:
    """Rules 1-2: persen = realisasi / pembagi x 100 (missing realisasi counts as 0);
    no pembagi or pembagi 0 gives no percentage; persen_tahunan = persen x faktor."""
    pembagi = _exact(baris.pembagi)
    if pembagi is None or pembagi == 0:
        return HasilBaris(baris, None, None)
    realisasi = _exact(baris.realisasi) or Fraction(0)
    persen = realisasi / pembagi * SERATUS
    return HasilBaris(baris, persen, persen * baris.faktor)


def rata_rata(nilai_dan_bobot: Iterable[tuple[Fraction | None, Fraction]]) -> Fraction | None:
    """Weighted mean of the values that exist; None when none does."""
    pairs = [(nilai, bobot) for nilai, bobot in nilai_dan_bobot if nilai is not None]
    total_bobot = sum((bobot for _, bobot in pairs), Fraction(0))
    if not pairs or total_bobot == 0:
        return None
    return sum((nilai * bobot for nilai, bobot in pairs), Fraction(0)) / total_bobot


def nilai_indikator(agregasi: str, hasil: Sequence[HasilBaris], kode: str = "") -> Fraction | None:
    """Rule 3, over the rows that have a percentage."""
    ada = [h for h in hasil if h.persen is not None]
    if not ada:
        return None
    if agregasi == RATA_RATA:
        return rata_rata((h.persen_tahunan, h.baris.bobot) for h in ada)
    if agregasi == JUMLAH:
        return sum((h.persen_tahunan * h.baris.bobot for h in ada), Fraction(0))
    if agregasi == RASIO_GABUNGAN:
        faktor = {h.baris.faktor for h in ada}
        if len(faktor) != 1:
            raise PerhitunganError(
                f"Indikator {kode}: rumus dalam indikator rasio gabungan memakai faktor tahunan "
                "yang berbeda; samakan faktornya."
            )
        realisasi = sum((_exact(h.baris.realisasi) or Fraction(0) for h in ada), Fraction(0))
        pembagi = sum((_exact(h.baris.pembagi) for h in ada), Fraction(0))
        return realisasi / pembagi * SERATUS * faktor.pop()
    raise PerhitunganError(f"Indikator {kode}: agregasi '{agregasi}' tidak dikenal.")


def hitung_indikator(indikator: Indikator) -> HasilIndikator:
    hasil = tuple(hitung_baris(b) for b in indikator.rumus)
    nilai = nilai_indikator(indikator.agregasi, hasil, indikator.kode)
    return HasilIndikator(indikator, hasil, nilai)


def hitung_program(program: Program) -> HasilProgram:
    """Rule 4: the (weighted) mean of the indikator values that exist."""
    hasil = tuple(hitung_indikator(i) for i in program.indikator)
    return HasilProgram(program, hasil, rata_rata((h.nilai, h.indikator.bobot) for h in hasil))


def hitung_bulan(program: Sequence[Program]) -> HasilBulan:
    """Rule 5: the month's total is the mean of the program values that exist."""
    hasil = tuple(hitung_program(p) for p in program)
    return HasilBulan(hasil, rata_rata((h.nilai, Fraction(1)) for h in hasil))


def capaian_sd(total_per_bulan: Mapping[int, Fraction | None], bulan: int) -> Fraction:
    """Rule 6: the sum of the monthly totals of months 1..bulan; a month without a total adds
    nothing, and s.d. month 0 (the month before January) is 0."""
    # Summed over one common denominator and reduced once at the end: exact, and cheaper
    # than reducing after every addition (a 550-organisasi roll-up adds 6,600 of them).
    pembilang, penyebut = 0, 1
    for b, nilai in total_per_bulan.items():
        if 1 <= b <= bulan and nilai is not None:
            if not isinstance(nilai, Fraction):
                nilai = Fraction(nilai)
            pembilang = pembilang * nilai.denominator + nilai.numerator * penyebut
            penyebut *= nilai.denominator
    return Fraction(pembilang, penyebut)
