"""How the entry page and the audit trail write dates, people and values for the user."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from dasar.angka import format_angka, nama_bulan

WIB = ZoneInfo("Asia/Jakarta")


def format_waktu(waktu: datetime | None) -> str:
    """``15 April 2025 pukul 10.32``, in Asia/Jakarta (the project's TIME_ZONE)."""
    if waktu is None:
        return "-"
    lokal = timezone.localtime(waktu)
    return f"{lokal.day} {nama_bulan(lokal.month)} {lokal.year} pukul {lokal:%H.%M}"


def format_tanggal(tanggal: date) -> str:
    """``15 April 2025``."""
    return f"{tanggal.day} {nama_bulan(tanggal.month)} {tanggal.year}"


def format_waktu_wib(waktu: datetime) -> str:
    """``15 April 2025 10.32 WIB``, Asia/Jakarta whatever the server's zone: how signed
    reports and their verification page write a moment."""
    lokal = waktu.astimezone(WIB)
    return f"{format_tanggal(lokal)} {lokal:%H.%M} WIB"


def nama_orang(pengguna: AbstractBaseUser | None) -> str:
    """Full name, else username; ``seseorang`` when the user is gone."""
    if pengguna is None:
        return "seseorang"
    lengkap = pengguna.get_full_name().strip() if hasattr(pengguna, "get_full_name") else ""
    return lengkap or pengguna.get_username()


def teks_isian(nilai: Decimal | None) -> str:
    """A stored amount as it goes back into an input: ``6.780``, ``1.234,5``; empty for none."""
    return "" if nilai is None else format_angka(nilai)


def teks_nilai(nilai: Decimal | str | None) -> str:
    """An amount for reading: ``6.780``; ``-`` for none. Accepts the trail's decimal text."""
    if nilai is None or nilai == "":
        return "-"
    return format_angka(Decimal(nilai))
