"""Logging in with a lockout per account name, and the register of a user's sessions.

Both login forms (``/masuk/`` and the Django admin's ``/admin/login/``) authenticate through
``autentikasi``; nothing else in the application checks a password.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from akun.models import KunciMasuk, SesiPengguna

log = logging.getLogger(__name__)


@dataclass
class AkunTerkunci(Exception):
    """The account name is locked until ``sampai`` (an aware datetime)."""

    sampai: datetime


def normalisasi_nama(nama_pengguna: str) -> str:
    """The key failures are counted under: ``Alice `` and ``alice`` are one account name."""
    return nama_pengguna.strip().lower()[: KunciMasuk._meta.get_field("nama_pengguna").max_length]


def _jendela() -> timedelta:
    # One setting for both: failures count within the last MASUK_KUNCI_MENIT minutes, and the
    # lock lasts as long.
    return timedelta(minutes=settings.MASUK_KUNCI_MENIT)


def terkunci_sampai(nama_pengguna: str) -> datetime | None:
    """When the lock on this account name ends, or None when it is not locked."""
    sampai = (
        KunciMasuk.objects.filter(nama_pengguna=normalisasi_nama(nama_pengguna))
        .values_list("terkunci_sampai", flat=True)
        .first()
    )
    return sampai if sampai is not None and sampai > timezone.now() else None


def autentikasi(
    request: HttpRequest | None, *, nama_pengguna: str, sandi: str
) -> AbstractBaseUser | None:
    """The user whose name and password these are, or None; AkunTerkunci while locked.

    The account name's row is locked (SELECT ... FOR UPDATE) across the check, the password
    test and the count, so concurrent attempts on one name are taken one at a time: exactly
    MASUK_MAKS_GAGAL wrong passwords are tried before the lock, however many arrive at once.
    Unknown names are counted like real ones, so the answers never tell which names exist.
    """
    nama = normalisasi_nama(nama_pengguna)
    with transaction.atomic():
        kunci = _kunci_baris(nama)
        sekarang = timezone.now()
        if kunci.terkunci_sampai is not None and kunci.terkunci_sampai > sekarang:
            raise AkunTerkunci(kunci.terkunci_sampai)
        pengguna = authenticate(request, username=nama_pengguna, password=sandi)
        if pengguna is not None:
            kunci.delete()
            return pengguna
        if kunci.gagal_terakhir is None or kunci.gagal_terakhir <= sekarang - _jendela():
            kunci.gagal = 0  # the earlier failures are outside the window (or were a lock)
        kunci.gagal += 1
        kunci.gagal_terakhir = sekarang
        kunci.terkunci_sampai = None
        if kunci.gagal >= settings.MASUK_MAKS_GAGAL:
            kunci.terkunci_sampai = sekarang + _jendela()
        kunci.save()
    if kunci.terkunci_sampai is not None:
        log.warning("Akun %r dikunci sampai %s", nama, kunci.terkunci_sampai)
        raise AkunTerkunci(kunci.terkunci_sampai)
    _buang_kunci_basi()
    return None


def _kunci_baris(nama: str) -> KunciMasuk:
    """The name's row, created if need be and locked for this transaction."""
    for _ in range(5):
        # INSERT ... ON CONFLICT DO NOTHING: one statement, and no error when another attempt
        # created the row first.
        KunciMasuk.objects.bulk_create([KunciMasuk(nama_pengguna=nama)], ignore_conflicts=True)
        kunci = KunciMasuk.objects.select_for_update().filter(nama_pengguna=nama).first()
        if kunci is not None:
            return kunci
        # A concurrent success or prune deleted the row while we waited for it: start over.
    raise RuntimeError(f"kunci masuk {nama!r} terus terhapus")


def _buang_kunci_basi() -> None:
    """Forget names whose failures have run out of the window, so that guessing many names
    cannot grow the table without end. Best effort: it runs after the count is committed and
    gives way to any row another attempt holds."""
    sekarang = timezone.now()
    basi = KunciMasuk.objects.filter(gagal_terakhir__lte=sekarang - _jendela()).filter(
        Q(terkunci_sampai__isnull=True) | Q(terkunci_sampai__lte=sekarang)
    )
    try:
        with transaction.atomic():
            basi.delete()
    except DatabaseError:  # a deadlock with a concurrent prune; the next failure retries
        log.info("Pembersihan kunci masuk basi ditunda", exc_info=True)


def buka_kunci(nama_pengguna: str) -> None:
    KunciMasuk.objects.filter(nama_pengguna=normalisasi_nama(nama_pengguna)).delete()


def pesan_terkunci(sampai: datetime) -> str:
    """The lockout message, with the time rounded up to the minute (10.44.20 -> 10.45)."""
    lokal = timezone.localtime(sampai)
    if lokal.second or lokal.microsecond:
        lokal = lokal.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return (
        "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. "
        f"Coba lagi setelah pukul {lokal:%H.%M} atau hubungi admin."
    )


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def daftarkan_sesi(*, pengguna: AbstractBaseUser, request: HttpRequest) -> None:
    """Remember the session a user just logged in with, and forget their ended ones."""
    sesi = request.session
    if sesi.session_key is None:
        # login() flushed another user's session: give the new one its key now.
        sesi.save()
    SessionStore = _session_store()
    lama = SesiPengguna.objects.filter(pengguna=pengguna).exclude(kunci_sesi=sesi.session_key)
    mati = [k for k in lama.values_list("kunci_sesi", flat=True) if not SessionStore().exists(k)]
    if mati:
        SesiPengguna.objects.filter(kunci_sesi__in=mati).delete()
    SesiPengguna.objects.bulk_create(
        [SesiPengguna(pengguna=pengguna, kunci_sesi=sesi.session_key)],
        update_conflicts=True,
        unique_fields=["kunci_sesi"],
        update_fields=["pengguna"],
    )


def lupakan_sesi(*, kunci_sesi: str | None) -> None:
    if kunci_sesi:
        SesiPengguna.objects.filter(kunci_sesi=kunci_sesi).delete()


def akhiri_semua_sesi(*, pengguna: AbstractBaseUser) -> int:
    """End every session the user opened (when they are deactivated); how many there were."""
    SessionStore = _session_store()
    kunci = list(
        SesiPengguna.objects.filter(pengguna=pengguna).values_list("kunci_sesi", flat=True)
    )
    for k in kunci:
        SessionStore(session_key=k).delete()
    SesiPengguna.objects.filter(pengguna=pengguna).delete()
    return len(kunci)
