"""The bands that turn a capaian into a status colour or an SPM category.

Defaults (an organisasi may set its own in the admin, model ``rencana.Pita``):

- status capaian: the five evaluation classes of Permendagri 86/2017 (Lampiran evaluasi
  RKPD): Sangat Tinggi >= 91, Tinggi 76-90, Sedang 66-75, Rendah 51-65, Sangat Rendah <= 50.
- SPM: the achievement categories used with Permendagri 59/2021 (penerapan SPM): Tuntas
  Paripurna 100, Tuntas Utama 80-<100, Tuntas Madya 60-<80, Tuntas Pratama 40-<60, Belum
  Tuntas < 40. Seed 003 (Tabel 2.10) labels 80% "Tuntas Pratama"; these defaults call it
  "Tuntas Utama" (docs/rencana.md).
"""

import re
from fractions import Fraction

from rencana.engine import PitaNilai
from rencana.models import Pita, Skala

NETRAL = "#5b6470"
POLA_WARNA = re.compile(r"^#[0-9a-fA-F]{6}$")


def warna_sah(warna: str, cadangan: str = NETRAL) -> str:
    """A band colour only if it is a plain ``#rrggbb`` (it goes into SVG, CSS and PDF)."""
    return warna if POLA_WARNA.match(warna or "") else cadangan


BAWAAN = {
    Skala.CAPAIAN: (
        PitaNilai(Fraction(91), "Sangat Tinggi", "#1a7f37"),
        PitaNilai(Fraction(76), "Tinggi", "#4c9a2a"),
        PitaNilai(Fraction(66), "Sedang", "#b58900"),
        PitaNilai(Fraction(51), "Rendah", "#d46b08"),
        PitaNilai(Fraction(0), "Sangat Rendah", "#c0392b"),
    ),
    Skala.SPM: (
        PitaNilai(Fraction(100), "Tuntas Paripurna", "#1a7f37"),
        PitaNilai(Fraction(80), "Tuntas Utama", "#4c9a2a"),
        PitaNilai(Fraction(60), "Tuntas Madya", "#b58900"),
        PitaNilai(Fraction(40), "Tuntas Pratama", "#d46b08"),
        PitaNilai(Fraction(0), "Belum Tuntas", "#c0392b"),
    ),
}


def pita_organisasi(organisasi_id: int) -> dict[str, tuple[PitaNilai, ...]]:
    """Both scales of the organisasi (its own bands where it set any): one query."""
    sendiri: dict[str, list[PitaNilai]] = {}
    for p in Pita.objects.filter(organisasi_id=organisasi_id):
        sendiri.setdefault(p.skala, []).append(
            PitaNilai(Fraction(*p.batas_bawah.as_integer_ratio()), p.label, warna_sah(p.warna))
        )
    return {
        skala: tuple(sorted(sendiri[skala], key=lambda p: -p.batas_bawah))
        if skala in sendiri
        else bawaan
        for skala, bawaan in BAWAAN.items()
    }
