"""Writing the audit trail. Every path that changes a realisasi or a month's state (the
entry page, workbook import, admin, the review workflow) records through here."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count

from capaian import rantai
from capaian.models import Aksi, JejakAudit, Realisasi
from indikator.models import Rumus
from organisasi.models import Bidang, Organisasi


def _teks(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def nilai_realisasi(realisasi: Realisasi | None) -> dict[str, Any] | None:
    """A realisasi's values as stored in the trail: exact decimal text, never floats."""
    if realisasi is None:
        return None
    return {
        "pembagi": _teks(realisasi.pembagi),
        "realisasi": _teks(realisasi.realisasi),
        "keterangan": realisasi.keterangan,
    }


def nama_pengguna(pengguna: AbstractBaseUser | None) -> str:
    if pengguna is None or not getattr(pengguna, "is_authenticated", False):
        return "sistem"
    lengkap = pengguna.get_full_name() if hasattr(pengguna, "get_full_name") else ""
    return f"{lengkap} ({pengguna.get_username()})" if lengkap else pengguna.get_username()


def jejak_realisasi(
    *,
    aksi: str,
    sumber: str,
    pengguna: AbstractBaseUser | None,
    rumus: Rumus,
    tahun: int,
    bulan: int,
    lama: Realisasi | None,
    baru: Realisasi | None,
    bidang: Bidang | None = None,
    catatan: str = "",
) -> JejakAudit:
    """An unsaved trail entry for one realisasi change (save with ``simpan``).
    Pass ``bidang`` when the caller has it loaded, to spare a query per row."""
    bidang = bidang if bidang is not None else rumus.bidang
    return JejakAudit(
        organisasi_id=rumus.organisasi_id,
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_pengguna=nama_pengguna(pengguna),
        aksi=aksi,
        sumber=sumber,
        tahun=tahun,
        bulan=bulan,
        bidang_id=bidang.pk,
        nama_bidang=bidang.nama,
        rumus_id=rumus.pk,
        kode_rumus=rumus.kode,
        nilai_lama=nilai_realisasi(lama),
        nilai_baru=nilai_realisasi(baru),
        catatan=catatan,
    )


def jejak_bulan(
    *,
    aksi: str,
    sumber: str,
    pengguna: AbstractBaseUser | None,
    organisasi: Organisasi,
    tahun: int,
    bulan: int,
    bidang: Bidang | None = None,
    lama: dict[str, Any] | None = None,
    baru: dict[str, Any] | None = None,
    catatan: str = "",
) -> JejakAudit:
    """An unsaved trail entry for a month or a bidang's month (submit, return, approve,
    reopen, an exception to expiry)."""
    assert aksi in {Aksi.AJUKAN, Aksi.KEMBALIKAN, Aksi.SETUJUI, Aksi.BUKA, Aksi.PENGECUALIAN}
    return JejakAudit(
        organisasi_id=organisasi.pk,
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_pengguna=nama_pengguna(pengguna),
        aksi=aksi,
        sumber=sumber,
        tahun=tahun,
        bulan=bulan,
        bidang_id=bidang.pk if bidang else None,
        nama_bidang=bidang.nama if bidang else "",
        nilai_lama=lama,
        nilai_baru=baru,
        catatan=catatan,
    )


def catat_perubahan(
    sender: Any,
    *,
    pengguna: AbstractBaseUser | None,
    organisasi_id: int | None,
    objek: str,
    label: str,
    aksi: str,
    sumber: str,
    tahun: int = 0,
    lama: dict | None = None,
    baru: dict | None = None,
    catatan: str = "",
    organisasi_slug: str = "",
    **_: Any,
) -> None:
    """``dasar.jejak.perubahan``'s receiver: one chained entry for a change outside the
    monthly realisasi (definitions, plan values and targets, accounts and roles, imports).
    ``organisasi_id`` 0 is the installation's own chain (e.g. a superuser's account); a
    command's import names its organisasi by ``organisasi_slug``."""
    if organisasi_id is None:
        organisasi_id = (
            Organisasi.objects.filter(slug=organisasi_slug).values_list("pk", flat=True).first()
            or 0
        )
    simpan(
        [
            JejakAudit(
                organisasi_id=organisasi_id,
                pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
                nama_pengguna=nama_pengguna(pengguna),
                aksi=aksi,
                sumber=sumber,
                tahun=tahun or 0,
                bulan=0,
                objek=objek[:120],
                nilai_lama=lama,
                nilai_baru=baru,
                catatan=f"{catatan} {label}".strip(),
            )
        ]
    )


def simpan(entri: Iterable[JejakAudit]) -> None:
    """Append to each organisasi's hash chain (capaian.rantai), under its lock."""
    daftar = list(entri)
    if not daftar:
        return
    per_org: dict[int, list[JejakAudit]] = {}
    for e in daftar:
        per_org.setdefault(e.organisasi_id, []).append(e)
    with transaction.atomic(savepoint=False):  # the caller's transaction, if any
        for org in sorted(per_org):  # one lock order: no deadlock between two writers
            rantai.kunci_rantai(org)
            sebelum = (
                JejakAudit.objects.filter(organisasi_id=org)
                .order_by("-pk")
                .values_list("hash", flat=True)
                .first()
                or ""
            )
            for e in per_org[org]:
                e.hash_sebelum = sebelum
                e.hash = sebelum = rantai.hash_entri(sebelum, _nilai(e))
            # One INSERT per organisasi: its ids follow the list, which is the chain's order.
            JejakAudit.objects.bulk_create(per_org[org])


def _nilai(e: JejakAudit) -> dict[str, Any]:
    return {k: getattr(e, k) for k in rantai.KOLOM}


def versi_awal(kunci: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int, int], int]:
    """The versi a newly created realisasi must start at, per (rumus_id, tahun, bulan): one
    more than the trail's entries for that row-month. Every write of a row bumps its versi
    and writes one entry, so a row deleted and created again never gets back a versi that a
    page may still hold (which would let that page overwrite it silently). One query."""
    kunci = set(kunci)
    if not kunci:
        return {}
    hitungan = (
        JejakAudit.objects.filter(
            rumus_id__in={k[0] for k in kunci},
            tahun__in={k[1] for k in kunci},
            bulan__in={k[2] for k in kunci},
            aksi__in=[Aksi.BUAT, Aksi.UBAH, Aksi.HAPUS],
        )
        .values_list("rumus_id", "tahun", "bulan")
        .annotate(n=Count("pk"))
        .order_by()
    )
    awal = {k: 1 for k in kunci}
    for rumus_id, tahun, bulan, n in hitungan:
        if (rumus_id, tahun, bulan) in awal:
            awal[(rumus_id, tahun, bulan)] = n + 1
    return awal
