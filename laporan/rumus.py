"""Display parts of an indikator's definition text: ``rumus_teks`` as stacked fractions, and
numbered lists ("1. ... 2. ...") as separate items. Pure functions over strings.

Offices type a formula as ``Jumlah X / Jumlah Y x 100%``; several are separated by ``;`` or a
new line, and may follow a sentence such as ``Rumusan Indikator merupakan rata-rata dari:``.
Anything that is not clearly one fraction is shown as typed.
"""

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import ClassVar


@dataclass(frozen=True)
class Teks:
    teks: str
    jenis: ClassVar[str] = "teks"


@dataclass(frozen=True)
class Pecahan:
    """``awalan`` [pembilang over penyebut] ``× pengali`` ``catatan`` on one line."""

    pembilang: str
    penyebut: str
    pengali: str = ""  # "100%" for "x 100%"; empty when the formula has no multiplier
    awalan: str = ""  # "Capaian =" typed before the fraction
    catatan: str = ""  # text after the multiplier, e.g. "(dijumlahkan atas 12 PAS)"
    jenis: ClassVar[str] = "pecahan"


BagianRumus = Teks | Pecahan

_PEMISAH = re.compile(r"\s*(?:;|\r?\n)\s*")
# A slash with space on both sides divides; "dan/atau" (no spaces) is part of the text.
_BAGI = re.compile(r"\s+/\s+")
_PENGALI = re.compile(r"(?:\s+[xX]|\s*[×*])\s*100\s*%?(?!\d)")
_PENGANTAR = re.compile(r"^(?P<pengantar>[^:]*\S)\s*:\s*(?P<rumus>.+)$")
_AWALAN = re.compile(r"^(?P<awalan>[^=]*\S)\s*=\s*(?P<rumus>.+)$")


def _tanpa_kurung(teks: str) -> str:
    teks = teks.strip()
    if teks.startswith("(") and teks.endswith(")") and teks.count("(") == 1:
        return teks[1:-1].strip()
    return teks


def _pecahan(teks: str) -> Pecahan | None:
    """One fraction, ``A / B [x 100%] [catatan]``, or None when the text is anything else."""
    bagian = _BAGI.split(teks)
    if len(bagian) != 2:
        return None
    pembilang, sisa = bagian
    pengali = catatan = ""
    cocok = _PENGALI.search(sisa)
    if cocok and cocok.start() > 0:
        penyebut = sisa[: cocok.start()]
        pengali = "100%"
        catatan = sisa[cocok.end() :].strip()
    else:
        penyebut = sisa
    # "(A / B) x 100%": the brackets only group the fraction.
    if pembilang.lstrip().startswith("(") and penyebut.rstrip().endswith(")"):
        pembilang = pembilang.strip()[1:]
        penyebut = penyebut.strip()[:-1]
    pembilang, penyebut = _tanpa_kurung(pembilang), _tanpa_kurung(penyebut)
    if not pembilang or not penyebut:
        return None
    return Pecahan(pembilang=pembilang, penyebut=penyebut, pengali=pengali, catatan=catatan)


def _awal_sah(teks: str) -> bool:
    """Text before ":" or "=" that may introduce a formula: no division, brackets closed."""
    return not _BAGI.search(f" {teks} ") and teks.count("(") == teks.count(")")


def _segmen(teks: str) -> list[BagianRumus]:
    cocok = _PENGANTAR.match(teks)
    if cocok and _awal_sah(cocok["pengantar"]):
        sisa = _segmen(cocok["rumus"])
        if any(isinstance(b, Pecahan) for b in sisa):
            return [Teks(f"{cocok['pengantar']}:"), *sisa]
    cocok = _AWALAN.match(teks)
    if cocok and _awal_sah(cocok["awalan"]):
        pecahan = _pecahan(cocok["rumus"])
        if pecahan is not None:
            return [replace(pecahan, awalan=f"{cocok['awalan']} =")]
    pecahan = _pecahan(teks)
    return [pecahan if pecahan is not None else Teks(teks)]


def urai_rumus(teks: str) -> list[BagianRumus]:
    """``rumus_teks`` as display parts, in order; empty text gives no parts."""
    bagian: list[BagianRumus] = []
    for segmen in _PEMISAH.split(teks or ""):
        segmen = " ".join(segmen.split())
        if segmen:
            bagian.extend(_segmen(segmen))
    return bagian


# "1. " at the start or after a space, followed by a capital letter or a digit.
_NOMOR = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[A-Z0-9\"'(])")


def urai_daftar(teks: str) -> list[str]:
    """A numbered list typed on one line ("1. A 2. B") as its items ["1. A", "2. B"].

    Only splits when the numbers run 1, 2, 3... from the very start, so "Nomor 8 Tahun 2012"
    or a lone "2." inside a sentence stay untouched; otherwise the whole text is one item.
    """
    teks = " ".join((teks or "").split())
    if not teks:
        return []
    awal: list[int] = []
    harap = 1
    for cocok in _NOMOR.finditer(teks):
        if int(cocok.group(1)) == harap:
            awal.append(cocok.start())
            harap += 1
    if len(awal) < 2 or awal[0] != 0:
        return [teks]
    batas = [*awal, len(teks)]
    return [teks[a:b].strip() for a, b in pairwise(batas)]
