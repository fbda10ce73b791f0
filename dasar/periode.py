"""Years and months: the range the application accepts and month arithmetic."""

TAHUN_MIN, TAHUN_MAX = 2000, 2100


def periode_sah(tahun: int, bulan: int) -> bool:
    """A month the application can hold: 1..12 of a year in TAHUN_MIN..TAHUN_MAX."""
    return 1 <= bulan <= 12 and TAHUN_MIN <= tahun <= TAHUN_MAX


def bulan_geser(tahun: int, bulan: int, langkah: int) -> tuple[int, int]:
    """The month ``langkah`` months after (before, when negative) ``tahun``-``bulan``."""
    n = tahun * 12 + (bulan - 1) + langkah
    return n // 12, n % 12 + 1
