"""The entry page's rules for one typed row: numbers, hard errors, and the warnings that need a
keterangan. Pure functions over plain values (plus the clock), so the form, the preview and
the tests share them. The rules are explained for users in docs/entri.md."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from capaian.selectors import DataTahun
from dasar.angka import AngkaError, format_angka, format_persen, nama_bulan, parse_angka
from indikator.models import Rumus

# Realisasi and pembagi are DecimalField(max_digits=20, decimal_places=4).
DESIMAL_MAKS = 4
BULAT_MAKS = 16

# The jump rule: a month's Realisasi (%) more than this many percentage points outside the
# range of the row's earlier months of the year, once at least MIN_RIWAYAT of them exist.
TOLERANSI_LONCATAN = Fraction(25)
MIN_RIWAYAT = 2

CONTOH_ANGKA = "Tulis seperti 6.780 atau 1.234,5."


class IsianError(ValueError):
    """A typed value the row cannot take; the message is Indonesian and names the field."""


def bulan_berjalan() -> tuple[int, int]:
    """The current (tahun, bulan) in Asia/Jakarta."""
    hari_ini = timezone.localdate()
    return hari_ini.year, hari_ini.month


def bulan_akan_datang(tahun: int, bulan: int) -> bool:
    return (tahun, bulan) > bulan_berjalan()


def baca_angka(teks: str, label: str) -> Decimal | None:
    """A typed amount (``6.780``, ``1.234,5``, ``6780``) as Decimal; None when empty."""
    try:
        nilai = parse_angka(teks)
    except AngkaError as exc:
        pesan = str(exc)
        if pesan.startswith("tidak boleh negatif"):
            raise IsianError(f"{label} tidak boleh negatif.") from exc
        if "bukan angka" in pesan:
            raise IsianError(f"{label}: {pesan}. {CONTOH_ANGKA}") from exc
        raise IsianError(f"{label}: {pesan}.") from exc
    if nilai is None:
        return None
    exponent = nilai.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > DESIMAL_MAKS:
        raise IsianError(f"{label}: paling banyak {DESIMAL_MAKS} angka di belakang koma.")
    if nilai >= Decimal(10) ** BULAT_MAKS:
        raise IsianError(f"{label}: angka terlalu besar.")
    return nilai


def galat_pembagi(realisasi: Decimal | None, pembagi_efektif: Decimal | None) -> str | None:
    """Hard errors on the pair. Zero over zero stays allowed: an office records "nothing to
    handle" that way (seed 003, "tdk ada"), as the workbook import does."""
    if not realisasi:
        return None
    if pembagi_efektif is None:
        return (
            "Pembagi kosong dan baris ini tidak punya pembagi bawaan. Isi pembagi untuk "
            "realisasi ini."
        )
    if pembagi_efektif == 0:
        return "Pembagi 0 tidak dapat membagi realisasi. Isi pembagi yang benar."
    return None


def persen(realisasi: Decimal | None, pembagi_efektif: Decimal | None) -> Fraction | None:
    if not pembagi_efektif:
        return None
    return Fraction(realisasi or 0) / Fraction(pembagi_efektif) * 100


@dataclass(frozen=True)
class Riwayat:
    """A row's Realisasi (%) in the earlier months of the year where a realisasi was entered
    and a pembagi existed: ((bulan, persen), ...)."""

    persen: tuple[tuple[int, Fraction], ...] = ()

    @property
    def cukup(self) -> bool:
        return len(self.persen) >= MIN_RIWAYAT

    @property
    def terendah(self) -> Fraction:
        return min(p for _, p in self.persen)

    @property
    def tertinggi(self) -> Fraction:
        return max(p for _, p in self.persen)


def riwayat_baris(data: DataTahun, rumus: Rumus, bulan: int) -> Riwayat:
    persen_bulan = []
    for b in range(1, bulan):
        entri = data.realisasi.get((rumus.pk, b))
        if entri is None or entri.realisasi is None:
            continue
        pembagi = entri.pembagi if entri.pembagi is not None else rumus.pembagi_default
        p = persen(entri.realisasi, pembagi)
        if p is not None:
            persen_bulan.append((b, p))
    return Riwayat(tuple(persen_bulan))


def _rentang_bulan(bulan: Iterable[int]) -> str:
    """``Januari–Maret`` for consecutive months, else ``Januari, Maret``."""
    daftar = sorted(bulan)
    if len(daftar) > 1 and daftar[-1] - daftar[0] == len(daftar) - 1:
        return f"{nama_bulan(daftar[0])}–{nama_bulan(daftar[-1])}"
    return ", ".join(nama_bulan(b) for b in daftar)


def peringatan(
    realisasi: Decimal | None, pembagi_efektif: Decimal | None, riwayat: Riwayat
) -> list[str]:
    """Warnings a keterangan must explain: realisasi above pembagi, and a jump far outside
    the row's history."""
    hasil = []
    if realisasi is not None and pembagi_efektif and realisasi > pembagi_efektif:
        hasil.append(
            f"Realisasi {format_angka(realisasi)} melebihi pembagi "
            f"{format_angka(pembagi_efektif)}. Jika memang benar, jelaskan di keterangan."
        )
    p = persen(realisasi, pembagi_efektif)
    if realisasi is not None and p is not None and riwayat.cukup:
        bawah, atas = riwayat.terendah, riwayat.tertinggi
        if p > atas + TOLERANSI_LONCATAN or p < bawah - TOLERANSI_LONCATAN:
            rentang = (
                format_persen(bawah)
                if bawah == atas
                else f"{format_persen(bawah)}–{format_persen(atas)}"
            )
            bulan = _rentang_bulan(b for b, _ in riwayat.persen)
            hasil.append(
                f"Realisasi (%) bulan ini {format_persen(p)} jauh dari bulan-bulan sebelumnya "
                f"({rentang} pada {bulan}). Jika memang benar, jelaskan di keterangan."
            )
    return hasil
