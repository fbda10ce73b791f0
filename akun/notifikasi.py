"""In-application notifications (issue 14): the events of the e-mail reminders, plus a return,
a month waiting for approval and an approval as they happen, shown under "Notifikasi" with an
unread count in the navigation.

One unread notification per user, organisasi, bidang, month and kind: a repeat refreshes the
unread one (new text, moved to the top) instead of piling up. ``sekali_sehari`` (the daily
reminders) also skips a user who already got that notification today, read or not. When what a
notification asks for is done (the month resubmitted, the month approved), ``selesaikan``
marks it read for everyone it concerns.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from akun.models import Anggota, Notifikasi, Peran
from organisasi.models import Bidang, Organisasi

__all__ = ["belum_dibaca", "beri", "penerima_kepala", "penerima_staf", "selesaikan"]


def penerima_staf(bidang: Bidang) -> list[int]:
    """The active staf of a bidang (user ids)."""
    return list(
        Anggota.objects.filter(peran=Peran.STAF, bidang=bidang, pengguna__is_active=True)
        .values_list("pengguna_id", flat=True)
        .distinct()
    )


def penerima_kepala(organisasi: Organisasi) -> list[int]:
    """The active Kepala Dinas accounts of an organisasi (user ids)."""
    return list(
        Anggota.objects.filter(
            peran=Peran.KEPALA, organisasi=organisasi, pengguna__is_active=True
        ).values_list("pengguna_id", flat=True)
    )


def beri(
    penerima: Iterable[int],
    *,
    organisasi: Organisasi,
    bidang: Bidang | None,
    tahun: int,
    bulan: int,
    jenis: str,
    judul: str,
    isi: str,
    url: str,
    sekali_sehari: bool = False,
) -> int:
    """Notify each user id in ``penerima``; returns how many notifications were created or
    refreshed. Two queries plus one write per kind of change."""
    penerima = sorted(set(penerima))
    if not penerima:
        return 0
    sekarang = timezone.now()
    kunci = dict(organisasi=organisasi, bidang=bidang, tahun=tahun, bulan=bulan, jenis=jenis)
    ada = Notifikasi.objects.filter(pengguna_id__in=penerima, **kunci)
    if sekali_sehari:
        awal_hari = timezone.localtime(sekarang).replace(hour=0, minute=0, second=0, microsecond=0)
        hari_ini = set(ada.filter(dibuat_pada__gte=awal_hari).values_list("pengguna_id", flat=True))
        penerima = [p for p in penerima if p not in hari_ini]
    belum = {
        n.pengguna_id: n for n in ada.filter(dibaca_pada__isnull=True, pengguna_id__in=penerima)
    }
    segar = []
    for n in belum.values():
        n.judul, n.isi, n.url, n.dibuat_pada = judul[:200], isi, url, sekarang
        segar.append(n)
    if segar:
        Notifikasi.objects.bulk_update(segar, ["judul", "isi", "url", "dibuat_pada"])
    baru = [
        Notifikasi(
            pengguna_id=p, judul=judul[:200], isi=isi, url=url, dibuat_pada=sekarang, **kunci
        )
        for p in penerima
        if p not in belum
    ]
    if baru:
        Notifikasi.objects.bulk_create(baru)
    return len(segar) + len(baru)


def selesaikan(
    *,
    organisasi: Organisasi,
    tahun: int,
    bulan: int,
    jenis: Iterable[str],
    bidang: Bidang | type[Ellipsis] | None = ...,
) -> int:
    """Mark read the unread notifications of these kinds for the month (of one bidang, or of
    the month whatever the bidang when ``bidang`` is not given): what they asked is done."""
    q = Q(organisasi=organisasi, tahun=tahun, bulan=bulan, jenis__in=list(jenis))
    if bidang is not ...:
        q &= Q(bidang=bidang)
    return Notifikasi.objects.filter(q, dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())


def belum_dibaca(pengguna: AbstractBaseUser) -> int:
    return Notifikasi.objects.filter(pengguna=pengguna, dibaca_pada__isnull=True).count()
