"""Stored month results: read what is still valid, compute what is missing or stale, keep it.

A month's result (total, programs, indikator) depends only on that month's realisasi and the
year's definitions. Triggers count every change of either (``VersiMasukan``, migration 0006);
a stored ``HasilBulan`` carries the counts it was computed from and is taken only while they
still hold. The counts are read *before* the inputs are loaded, so a write that commits while
a result is computed leaves it with old counts: it is never taken, only recomputed.
Signed snapshots (``laporan.LaporanTertanda.data``) are separate and never change.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from capaian import engine
from capaian.models import HasilBulan, VersiMasukan
from capaian.selectors import DataTahun, muat_tahun
from organisasi.models import Organisasi


@dataclass(frozen=True)
class RingkasBulan:
    """What is kept of a month: exact values, None where the month has none."""

    total: Fraction | None
    program: dict[str, Fraction | None]
    indikator: dict[str, Fraction | None]  # "program kode/indikator kode"


def ringkas(hasil: engine.HasilBulan) -> RingkasBulan:
    return RingkasBulan(
        total=hasil.total,
        program={hp.program.kode: hp.nilai for hp in hasil.program},
        indikator={
            f"{hp.program.kode}/{hi.indikator.kode}": hi.nilai
            for hp in hasil.program
            for hi in hp.indikator
        },
    )


def _teks(nilai: Fraction | None) -> str | None:
    return None if nilai is None else f"{nilai.numerator}/{nilai.denominator}"


def pecahan_teks(teks: str | None) -> Fraction | None:
    """A stored ``p/q`` back to its Fraction (None for none); without ``Fraction(str)``'s
    regular expression, about three times faster, which a 550-organisasi roll-up notices."""
    if not teks:
        return None
    p, _, q = teks.partition("/")
    return Fraction(int(p), int(q) if q else 1)


def dari_baris(h: HasilBulan) -> RingkasBulan:
    return RingkasBulan(
        total=pecahan_teks(h.total),
        program={k: pecahan_teks(v) for k, v in h.program.items()},
        indikator={k: pecahan_teks(v) for k, v in h.indikator.items()},
    )


def versi_masukan(organisasi: Organisasi | int, tahun: int) -> dict[int, int]:
    """{bulan: count} of the year (0 = definitions): one query."""
    return dict(
        VersiMasukan.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "bulan", "versi"
        )
    )


def hasil_bulan(
    organisasi: Organisasi,
    tahun: int,
    bulan: Iterable[int],
    *,
    versi: dict[int, int] | None = None,
    data: DataTahun | None = None,
) -> dict[int, RingkasBulan]:
    """Each month of ``bulan``'s result: two queries when all are stored and valid; otherwise
    four more to load the missing months' inputs, and one to store them.

    A caller that loads the year anyway passes ``versi`` (``versi_masukan``, read *before*
    it loaded) and ``data`` (covering the months asked): then no inputs are loaded here."""
    daftar = sorted({b for b in bulan if 1 <= b <= 12})
    if not daftar:
        return {}
    if versi is None:
        versi = versi_masukan(organisasi, tahun)
        data = None  # inputs must be loaded after the counts were read
    v_definisi = versi.get(0, 0)
    hasil: dict[int, RingkasBulan] = {}
    for h in HasilBulan.objects.filter(organisasi=organisasi, tahun=tahun, bulan__in=daftar):
        if h.versi_definisi == v_definisi and h.versi_bulan == versi.get(h.bulan, 0):
            hasil[h.bulan] = dari_baris(h)
    kurang = [b for b in daftar if b not in hasil]
    if kurang:
        if data is None:
            data = muat_tahun(organisasi, tahun, sampai_bulan=max(kurang), dari_bulan=min(kurang))
        baru = []
        for b in kurang:
            r = ringkas(data.hitung_bulan(b))
            hasil[b] = r
            baru.append(
                HasilBulan(
                    organisasi=organisasi,
                    tahun=tahun,
                    bulan=b,
                    versi_definisi=v_definisi,
                    versi_bulan=versi.get(b, 0),
                    total=_teks(r.total) or "",
                    program={k: _teks(v) for k, v in r.program.items()},
                    indikator={k: _teks(v) for k, v in r.indikator.items()},
                )
            )
        HasilBulan.objects.bulk_create(
            baru,
            update_conflicts=True,
            unique_fields=["organisasi", "tahun", "bulan"],
            update_fields=[
                "versi_definisi",
                "versi_bulan",
                "total",
                "program",
                "indikator",
                "dihitung_pada",
            ],
        )
    return hasil


def total_per_bulan(
    organisasi: Organisasi,
    tahun: int,
    bulan: Iterable[int],
    *,
    versi: dict[int, int] | None = None,
    data: DataTahun | None = None,
) -> dict[int, Fraction | None]:
    """Each month's total (rule 5), from the stored results (see ``hasil_bulan``)."""
    hasil = hasil_bulan(organisasi, tahun, bulan, versi=versi, data=data)
    return {b: r.total for b, r in hasil.items()}
