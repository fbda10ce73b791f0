"""Exact numbers in and out: Indonesian number text, fractions, and display rounding.

Everything is kept as ``Fraction``/``Decimal``; rounding happens only in the ``format_*``
functions, half up as spreadsheets do.
"""

import re
from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction

NAMA_BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


# Faktor and bobot are stored as PositiveIntegerField pairs: at most 2**31 - 1 on PostgreSQL.
BATAS_BILANGAN = 2_147_483_647


class AngkaError(ValueError):
    """A value that is not a number of the expected kind; the message is Indonesian."""


_ID_GROUPED = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_ID_PLAIN = re.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d*\.\d+$|^\d+\.?$")
_FRACTION = re.compile(r"^(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)$")


# The Unicode space separators (category Zs): the plain space, NBSP, the ogham space mark,
# U+2000..U+200A (figure, punctuation, thin, hair space, ...), the narrow NBSP U+202F that
# some keyboards and copied figures put between thousands, the medium mathematical space and
# the ideographic space. Any of them is a thousands separator, as a plain space is.
SPASI_ZS = " \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_HAPUS_SPASI = str.maketrans(dict.fromkeys(SPASI_ZS, None))


def _number_cell(value: object) -> Decimal | None:
    """A number that a spreadsheet stored as a number, or None if it is not one."""
    if isinstance(value, bool):
        raise AngkaError("berisi nilai benar/salah, bukan angka")
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AngkaError("bukan angka yang sah")
        # repr gives the shortest text that round-trips, so 0.1 stays 0.1, not 0.1000000000000000055
        number = Decimal(repr(value))
    else:
        return None
    if number.is_nan() or number.is_infinite():
        raise AngkaError("bukan angka yang sah")
    return abs(number) if number == 0 else number  # -0.0 is 0


def _clean_text(value: object) -> str:
    """Text without its spaces: every Zs separator, anywhere."""
    return str(value).strip().translate(_HAPUS_SPASI)


def _nol_bertanda(text: str, parse: Callable[[str], Decimal | Fraction | None]) -> bool:
    """Whether ``text`` (starting with ``-``) is a signed zero such as ``-0`` or ``-0,0``:
    zero, not a negative number."""
    sisa = text[1:]
    if sisa.startswith("-"):
        return False
    try:
        return parse(sisa) == 0
    except AngkaError:
        return False


def parse_angka(value: object) -> Decimal | None:
    """A count or amount: a number cell, or Indonesian text such as ``6.780`` or ``1.234,5``.

    Empty cells and a lone ``-`` (how the report prints "nothing") give None.
    """
    if value is None:
        return None
    number = _number_cell(value)
    if number is None:
        text = _clean_text(value)
        if text in ("", "-"):
            return None
        if text.startswith("-"):
            if _nol_bertanda(text, parse_angka):
                return Decimal(0)
            raise AngkaError(f"tidak boleh negatif ({text})")
        if _ID_GROUPED.match(text) or _ID_PLAIN.match(text):
            number = Decimal(text.replace(".", "").replace(",", "."))
        elif re.match(r"^\d+\.\d+$", text):
            raise AngkaError(
                f"format angka '{text}' tidak dikenali: titik adalah pemisah ribuan "
                "(6.780); gunakan koma untuk desimal (1.234,5)"
            )
        else:
            raise AngkaError(f"'{text}' bukan angka")
    if number < 0:
        raise AngkaError(f"tidak boleh negatif ({value})")
    return number


def parse_pecahan(value: object) -> Fraction | None:
    """A factor or weight: ``1/12``, ``0,5``, ``0.5`` or a number cell. Empty gives None."""
    if value is None:
        return None
    number = _number_cell(value)
    if number is not None:
        result = Fraction(number)
    else:
        text = _clean_text(value)
        if text == "":
            return None
        if text.startswith("-"):
            if _nol_bertanda(text, parse_pecahan):
                return Fraction(0)
            raise AngkaError(f"tidak boleh negatif ({text})")
        match = _FRACTION.match(text)
        if match:
            top = Fraction(Decimal(match.group(1).replace(",", ".")))
            bottom = Fraction(Decimal(match.group(2).replace(",", ".")))
            if bottom == 0:
                raise AngkaError(f"pembagian dengan nol ({text})")
            result = top / bottom
        elif "," in text:
            try:
                result = Fraction(parse_angka(text))
            except AngkaError as exc:
                raise AngkaError(f"'{text}' bukan angka atau pecahan") from exc
        elif _DOT_DECIMAL.match(text):
            result = Fraction(Decimal(text))
        else:
            raise AngkaError(f"'{text}' bukan angka atau pecahan (contoh: 1/12, 0,5)")
    if result < 0:
        raise AngkaError(f"tidak boleh negatif ({format_pecahan(result)})")
    return result


def format_pecahan(value: Fraction) -> str:
    """``1/12``, ``1/2``, ``1`` or ``0,25`` for short terminating decimals — what an admin types."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round an exact value half up (0,05 -> 0,1; 0,045 -> 0,05), never through binary floats."""
    scaled = abs(Fraction(value)) * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if rest * 2 >= scaled.denominator:
        whole += 1
    sign = -1 if value < 0 else 1
    return Decimal(sign * whole).scaleb(-places)


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_desimal(value: Decimal) -> str:
    """Indonesian text of a decimal exactly as given: 6780 -> 6.780, 1234.5 -> 1.234,5."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    result = sign + _group_thousands(whole)
    return f"{result},{frac}" if frac else result


def format_angka(value: Decimal | int | Fraction | None, desimal: int | None = None) -> str:
    """A count for display: ``6.780``; trailing zero decimals dropped unless ``desimal`` is set."""
    if value is None:
        return "-"
    if desimal is not None:
        return format_desimal(round_half_up(value, desimal))
    number = to_decimal(value) if isinstance(value, Fraction) else Decimal(value)
    return format_desimal(_tanpa_nol(number))


def _tanpa_nol(value: Decimal) -> Decimal:
    """6780.0000 -> 6780, 1234.5000 -> 1234.5 (never 6.78E+3)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_persen(value: Fraction | Decimal | None, desimal: int = 1) -> str:
    """``82,6%``; None (no percentage exists) prints ``-``."""
    if value is None:
        return "-"
    return format_desimal(round_half_up(value, desimal)) + "%"


def to_decimal(value: Fraction | Decimal | int, digits: int = 28) -> Decimal:
    """The decimal of an exact value: exact when it terminates, else ``digits`` significant
    digits (1/3 -> 0.3333333333333333333333333333)."""
    value = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = digits
        result = Decimal(value.numerator) / Decimal(value.denominator)
    return _tanpa_nol(result) if Fraction(result) == value else result


def nama_bulan(bulan: int) -> str:
    return NAMA_BULAN[bulan - 1]
