"""Rate limits shared by every worker: a count per key in a fixed window, kept in the
database (``BatasPermintaan``), so that a restart or a second server does not reset it.
Used by the password reset (per address and per e-mail) and the public PDF verification
upload (per address)."""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from akun.models import BatasPermintaan


def alamat(request: HttpRequest) -> str:
    """The client's address as the server sees it. Behind a proxy this is the proxy's unless
    the proxy is configured to pass REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "") or "tidak-diketahui"


def kunci_rahasia(teks: str) -> str:
    """A key that does not store what it counts (an e-mail address) in clear."""
    return hashlib.sha256(teks.strip().casefold().encode()).hexdigest()[:32]


def izinkan(kunci: str, batas: int, detik: int) -> bool:
    """Count one request under ``kunci``; False once ``batas`` requests fell in the current
    window of ``detik`` seconds (the window starts at the first request)."""
    sekarang = timezone.now()
    with transaction.atomic():
        baris, _ = BatasPermintaan.objects.select_for_update().get_or_create(
            kunci=kunci[:200], defaults={"mulai": sekarang, "jumlah": 0}
        )
        if sekarang - baris.mulai >= timedelta(seconds=detik):
            baris.mulai, baris.jumlah = sekarang, 0
        baris.jumlah += 1
        baris.save(update_fields=["mulai", "jumlah"])
        return baris.jumlah <= batas


def sisa_menit(kunci: str, detik: int) -> int:
    baris = BatasPermintaan.objects.filter(kunci=kunci[:200]).first()
    if baris is None:
        return 0
    sisa = baris.mulai + timedelta(seconds=detik) - timezone.now()
    return max(1, int(sisa.total_seconds() // 60) + 1)
