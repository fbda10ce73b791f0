"""The dashboard's chart as inline SVG, drawn on the server: no JavaScript, no CDN.

Months January-December along x; capaian s.d. bulan as a line, the monthly totals as bars and
the year's target band as a shaded strip, all on one percent scale so that the bars visibly
add up to the line. The full layout prints the values under the axis in Indonesian format, so
the chart reads without colour and on paper; the narrow layout (phones) keeps the same shapes
with one-letter months and leaves the values to the data table next to it. Geometry is
computed from the exact fractions and written with a decimal point (SVG's syntax), never
through binary floats.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dasar.angka import format_angka, nama_bulan, round_half_up
from laporan.dasbor import RingkasBulan, teks_target

if TYPE_CHECKING:
    from laporan.rekap import Rekap

SINGKATAN_BULAN = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
HURUF_BULAN = tuple(s[0] for s in SINGKATAN_BULAN)


@dataclass(frozen=True)
class Tata:
    """A layout in the SVG's own units; the page scales it to the width available."""

    nama: str
    lebar: int
    tinggi: int
    kiri: int  # plot area
    kanan: int
    atas: int
    bawah: int
    label_bulan: tuple[str, ...]
    baris_nilai: bool  # print the values under the axis
    huruf_sorot: int  # font size of the highlighted value, to keep it inside the frame

    @property
    def slot(self) -> Fraction:
        return Fraction(self.kanan - self.kiri, 12)


PENUH = Tata("penuh", 960, 336, 132, 944, 20, 244, SINGKATAN_BULAN, True, 15)
RINGKAS = Tata("ringkas", 320, 236, 38, 314, 14, 206, HURUF_BULAN, False, 13)


def _k(value: Fraction | int) -> str:
    """A coordinate with one decimal and a decimal point."""
    return f"{round_half_up(value, 1).normalize():f}"


def skala_atas(nilai: Sequence[Fraction], target_atas: Fraction) -> int:
    """The y-axis top: 110% (room above the target band), or more when the data go higher."""
    tertinggi = max([*nilai, target_atas], default=Fraction(0))
    if tertinggi <= 100:
        return 110
    return (int(tertinggi) // 10 + 2) * 10


def langkah_skala(atas: int) -> int:
    """Gridline step: 20 up to 200%, else a round 1, 2 or 5 x 10^k giving at most 8 steps,
    whatever the data (a mistyped 1.000.000 must not draw a million gridlines)."""
    if atas <= 200:
        return 20
    kasar = Fraction(atas, 8)
    k = 10 ** (len(str(int(kasar))) - 1)
    return next(m * k for m in (1, 2, 5, 10) if m * k >= kasar)


def _teks(x, y, isi: str, kelas: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{_k(x)}" y="{_k(y)}" class="{kelas}" text-anchor="{anchor}">{escape(isi)}</text>'
    )


def _garis(x1, x2, y1, y2, kelas: str) -> str:
    return f'<line x1="{_k(x1)}" x2="{_k(x2)}" y1="{_k(y1)}" y2="{_k(y2)}" class="{kelas}"/>'


def grafik_capaian(
    per_bulan: Sequence[RingkasBulan],
    tahun: int,
    bulan: int,
    target_bawah: Decimal,
    target_atas: Decimal,
    tata: Tata = PENUH,
) -> SafeString:
    """The chart for months 1..``bulan`` of ``tahun`` (``per_bulan`` in month order)."""
    t = tata
    p = f"grafik-{t.nama}"
    bawah_t, atas_t = Fraction(target_bawah), Fraction(target_atas)
    nilai = [r.capaian_sd for r in per_bulan] + [r.total for r in per_bulan if r.total]
    puncak = skala_atas(nilai, atas_t)
    tinggi_plot = t.bawah - t.atas

    def y(v: Fraction | int) -> Fraction:
        return t.bawah - Fraction(v) * tinggi_plot / puncak

    def tengah(b: int) -> Fraction:
        return t.kiri + t.slot * (b - 1) + t.slot / 2

    nama = nama_bulan(bulan)
    judul = f"Grafik capaian s.d. bulan dan total bulanan {tahun}, Januari–{nama}"
    terakhir = per_bulan[-1] if per_bulan else None
    ringkas = "; ".join(f"{r.nama} {r.teks_total}" for r in per_bulan)
    keterangan = (
        f"Capaian s.d. {nama} {tahun}: {terakhir.teks_capaian_sd if terakhir else '-'}, "
        f"target tahun {tahun}: {teks_target(target_bawah, target_atas)}. "
        f"Total per bulan: {ringkas or '-'}."
    )
    out: list[str] = [
        f'<svg class="grafik grafik--{t.nama}" viewBox="0 0 {t.lebar} {t.tinggi}" role="img" '
        f'aria-labelledby="{p}-judul {p}-ket" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{p}-judul">{escape(judul)}</title>',
        f'<desc id="{p}-ket">{escape(keterangan)}</desc>',
    ]

    # The chosen month's column, behind everything else.
    out.append(
        f'<rect x="{_k(t.kiri + t.slot * (bulan - 1))}" y="{t.atas}" width="{_k(t.slot)}" '
        f'height="{tinggi_plot}" class="grafik__sorot"/>'
    )

    # Target band, with its edges drawn so it survives black-and-white printing.
    out += [
        f'<rect x="{t.kiri}" y="{_k(y(atas_t))}" width="{t.kanan - t.kiri}" '
        f'height="{_k(y(bawah_t) - y(atas_t))}" class="grafik__target"/>',
        _garis(t.kiri, t.kanan, y(atas_t), y(atas_t), "grafik__batas-target"),
        _garis(t.kiri, t.kanan, y(bawah_t), y(bawah_t), "grafik__batas-target"),
    ]

    # Y axis: gridlines and labels
    for v in range(0, puncak + 1, langkah_skala(puncak)):
        kelas = "grafik__kisi grafik__kisi--nol" if v == 0 else "grafik__kisi"
        out.append(_garis(t.kiri, t.kanan, y(v), y(v), kelas))
        out.append(_teks(t.kiri - 6, y(v) + 4, f"{format_angka(v)}%", "grafik__teks", "end"))

    # Month labels, and in the full layout the value rows
    y_bulan = t.bawah + 20
    per = {r.bulan: r for r in per_bulan}
    for b in range(1, 13):
        kelas = "grafik__teks grafik__teks--bulan"
        if b == bulan:
            kelas += " grafik__teks--terpilih"
        out.append(_teks(tengah(b), y_bulan, t.label_bulan[b - 1], kelas))
    if t.baris_nilai:
        y_total, y_sd = y_bulan + 30, y_bulan + 56
        out.append(_garis(t.kiri, t.kanan, y_bulan + 10, y_bulan + 10, "grafik__kisi"))
        label = "grafik__teks grafik__teks--baris"
        out.append(_teks(t.kiri - 6, y_total, "Total bulan", label, "end"))
        out.append(_teks(t.kiri - 6, y_sd, "Capaian s.d.", label, "end"))
        for b, r in per.items():
            kelas = "grafik__teks grafik__teks--nilai"
            if b == bulan:
                kelas += " grafik__teks--terpilih"
            out.append(_teks(tengah(b), y_total, r.teks_total, kelas))
            out.append(_teks(tengah(b), y_sd, r.teks_capaian_sd, kelas))

    # Bars: the monthly totals of the months with entries
    lebar_batang = t.slot * Fraction(11, 20)
    for r in per_bulan:
        if not r.ada_isian or not r.total:
            continue
        atas = y(r.total)
        kelas = "grafik__batang grafik__batang--terpilih" if r.bulan == bulan else "grafik__batang"
        out.append(
            f'<rect x="{_k(tengah(r.bulan) - lebar_batang / 2)}" y="{_k(atas)}" '
            f'width="{_k(lebar_batang)}" height="{_k(t.bawah - atas)}" class="{kelas}"/>'
        )

    # The line of capaian s.d. bulan, a marker per month, the chosen month's value above it.
    if per_bulan:
        titik = " ".join(f"{_k(tengah(r.bulan))},{_k(y(r.capaian_sd))}" for r in per_bulan)
        out.append(f'<polyline points="{titik}" class="grafik__garis"/>')
        for r in per_bulan:
            terpilih = r.bulan == bulan
            out.append(
                f'<circle cx="{_k(tengah(r.bulan))}" cy="{_k(y(r.capaian_sd))}" '
                f'r="{"5" if terpilih else "3.5"}" '
                f'class="grafik__titik{" grafik__titik--terpilih" if terpilih else ""}"/>'
            )
        label = terakhir.teks_capaian_sd
        setengah = Fraction(len(label) * t.huruf_sorot * 36, 100)  # half the text, generously
        x = min(max(tengah(terakhir.bulan), t.kiri + setengah), t.lebar - setengah)
        out.append(_teks(x, y(terakhir.capaian_sd) - 11, label, "grafik__teks grafik__teks--sorot"))

    out.append("</svg>")
    return mark_safe("\n".join(out))  # every text above went through escape()


def pola_cetak() -> SafeString:
    """Hatching for the bars and dots for the band, used by the print style sheet so that they
    stay apart in black and white (one definition per page, referenced by every chart)."""
    return mark_safe(
        '<svg class="grafik-pola" width="0" height="0" aria-hidden="true" focusable="false">'
        "<defs>"
        '<pattern id="grafik-arsir" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.2"/></pattern>'
        '<pattern id="grafik-titik" patternUnits="userSpaceOnUse" width="5" height="5">'
        '<rect width="5" height="5" fill="#fff"/>'
        '<circle cx="2.5" cy="2.5" r="0.9" fill="#555"/></pattern>'
        "</defs></svg>"
    )


def grafik_rekap(rekap: "Rekap") -> SafeString:
    """The roll-up's chart: one bar per organisasi of capaian s.d. bulan, over the band its
    year's target gives pro rata to the month, all on one scale. Each bar is a one-line SVG
    (attributes, no inline style) beside its name and value in HTML, so the text reflows on a
    phone instead of shrinking with the drawing."""
    nilai = [b.capaian_sd_bulan for b in rekap.baris if b.capaian_sd_bulan is not None]
    tertinggi = max([*nilai, *(b.jalur_atas for b in rekap.baris)], default=Fraction(0))
    puncak = (int(tertinggi) // 10 + 1) * 10  # the next round ten above everything drawn
    lebar = 1000

    def x(v: Fraction) -> Fraction:
        return min(Fraction(v), Fraction(puncak)) * lebar / puncak

    label = f"Capaian s.d. {rekap.nama_bulan} {rekap.tahun} per organisasi; skala 0–{puncak}%"
    out = [f'<ol class="rekap-grafik" aria-label="{escape(label)}">']
    for b in rekap.baris:
        garis = ""
        if b.ada_definisi:
            kiri, kanan = x(b.jalur_bawah), x(b.jalur_atas)
            garis = (
                f'<rect x="{_k(kiri)}" y="0" width="{_k(kanan - kiri)}" '
                f'height="12" class="grafik__target"/>'
            )
        if b.capaian_sd_bulan:
            garis += (
                f'<rect x="0" y="2" width="{_k(x(b.capaian_sd_bulan))}" height="8" '
                f'class="grafik__batang rekap-grafik__batang--{b.jalur}"/>'
            )
        out.append(
            f'<li class="rekap-grafik__baris"><span class="rekap-grafik__nama">'
            f"{escape(b.organisasi.nama)}</span>"
            f'<svg class="rekap-grafik__svg" viewBox="0 0 {lebar} 12" preserveAspectRatio="none" '
            f'aria-hidden="true" focusable="false">{garis}</svg>'
            f'<span class="rekap-grafik__nilai">{escape(b.teks_capaian_sd)}</span></li>'
        )
    out.append("</ol>")
    return mark_safe("".join(out))  # names and figures went through escape()
