"""Preparing and approving a Perjanjian Kinerja. Keyword-only, each one transaction.

Approval is the Kepala Dinas's act (for every PK of the organisasi: their own, whose second
party is the Bupati/Walikota, and those of eselon III/IV, which they approve as head of the
office). It renders the PK as the plan says now, signs it with the organisasi's key (PAdES,
``laporan.tanda_tangan``, the same setup as the monthly report), and stores version N with
the PDF bytes, SHA-256, a verification token and a snapshot. When a version already stands,
the new one is a PK perubahan: it needs a reason, and the earlier version is marked
superseded with that reason (kept, downloadable, verifiable).
"""

import datetime
import hashlib
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dasar.tampilan import nama_orang
from laporan.cetak import BlokTanda
from laporan.models import token_baru
from laporan.services import url_verifikasi
from organisasi.models import Organisasi
from perjanjian import cetak
from perjanjian.models import Jabatan, PerjanjianKinerja, VersiPerjanjian
from perjanjian.selectors import ke_json, kepala_dinas, susun


def teks_json(nilai):
    """JSON-safe and exact for the snapshot: Decimals as text, never floats."""
    if isinstance(nilai, Decimal):
        return f"{nilai:f}"
    if isinstance(nilai, dict):
        return {k: teks_json(v) for k, v in nilai.items()}
    if isinstance(nilai, list | tuple):
        return [teks_json(v) for v in nilai]
    return nilai


class PerjanjianDitolak(Exception):
    """Approval cannot happen; the message (Indonesian) says why."""


def penyetuju(organisasi: Organisasi) -> tuple[str, str]:
    """(name, position) of who approves: the Kepala Dinas position's holder, else the
    organisasi's recorded Kepala Dinas."""
    kd = kepala_dinas(organisasi)
    nama = (kd.nama_pemangku if kd else "") or organisasi.kepala_nama
    jabatan = kd.nama if kd else f"Kepala {organisasi.nama}"
    return nama, jabatan


@transaction.atomic
def simpan_persiapan(
    *,
    jabatan: Jabatan,
    tahun: int,
    pemangku: dict[str, str],
    sesuaikan: bool,
    indikator_ids: list[int],
    tanggal: datetime.date | None,
    kepala_daerah: dict[str, str] | None = None,
) -> PerjanjianKinerja:
    """The admin's preparation: the holder's data, the indicator list, the date and, for
    the Kepala Dinas's PK, the Bupati/Walikota."""
    from perjanjian.models import KepalaDaerah

    for kolom in ("pemangku_nama", "pemangku_nip", "pemangku_pangkat"):
        setattr(jabatan, kolom, pemangku.get(kolom, "").strip())
    jabatan.save(update_fields=["pemangku_nama", "pemangku_nip", "pemangku_pangkat"])
    if kepala_daerah is not None and kepala_daerah.get("nama", "").strip():
        KepalaDaerah.objects.update_or_create(
            organisasi=jabatan.organisasi,
            defaults={
                "nama": kepala_daerah["nama"].strip(),
                "jabatan": kepala_daerah.get("jabatan", "").strip()
                or f"Kepala Daerah {jabatan.organisasi.pemerintah}",
            },
        )
    pk, _ = PerjanjianKinerja.objects.get_or_create(jabatan=jabatan, tahun=tahun)
    pk.sesuaikan = sesuaikan
    pk.tanggal = tanggal
    pk.save()
    pk.indikator.set(indikator_ids if sesuaikan else [])
    return pk


def _cek(dok) -> None:
    if dok.renstra is None:
        raise PerjanjianDitolak(dok.pesan[0])
    if not dok.indikator:
        raise PerjanjianDitolak("PK ini belum memuat indikator; siapkan daftarnya dulu.")
    if not dok.pihak_pertama.nama:
        raise PerjanjianDitolak("Nama pemangku jabatan (pihak pertama) belum diisi.")
    if not dok.pihak_kedua.nama:
        raise PerjanjianDitolak(
            "Pihak kedua belum lengkap (Bupati/Walikota atau pemangku jabatan atasan)."
        )


def tanggal_bawaan(tahun: int, tanggal: datetime.date | None = None) -> datetime.date:
    """The date a PK of ``tahun`` prints when the admin set none: today for this year's (or
    next year's, prepared in advance), 31 January of its year for an earlier year's (PKs are
    signed at the start of their year), never a day that has not come."""
    if tanggal is not None:
        return tanggal
    hari_ini = timezone.localdate()
    if tahun < hari_ini.year:
        return datetime.date(tahun, 1, 31)
    return hari_ini


def setujui_perjanjian(
    *,
    jabatan: Jabatan,
    tahun: int,
    pengguna: AbstractBaseUser | None = None,
    tanggal: datetime.date | None = None,
    alasan: str = "",
    situs: str | None = None,
) -> VersiPerjanjian:
    """Approve and sign the PK of ``jabatan`` for ``tahun``. Raises PerjanjianDitolak."""
    from laporan import tanda_tangan  # pyHanko, on first use

    org = jabatan.organisasi
    hari_ini = timezone.localdate()
    alasan = alasan.strip()
    pk, _ = PerjanjianKinerja.objects.get_or_create(jabatan=jabatan, tahun=tahun)
    tanggal = tanggal or tanggal_bawaan(tahun, pk.tanggal)
    if tanggal > hari_ini:
        raise PerjanjianDitolak("Tanggal perjanjian belum tiba; pilih hari ini atau sebelumnya.")
    berlaku = pk.versi.filter(digantikan_pada__isnull=True).first()
    if berlaku is not None and not alasan:
        raise PerjanjianDitolak(
            f"PK ini sudah disetujui (versi {berlaku.versi}); PK perubahan memerlukan alasan."
        )
    dok = susun(jabatan, tahun, pk)
    _cek(dok)
    try:
        penanda = tanda_tangan.muat_penanda(org)
    except tanda_tangan.TandaTanganError as exc:
        raise PerjanjianDitolak(str(exc)) from exc
    nama_penyetuju, jabatan_penyetuju = penyetuju(org)
    nomor = (pk.versi.aggregate(n=Max("versi"))["n"] or 0) + 1
    token = token_baru()
    waktu = timezone.now()
    t = cetak.tampilan(dok, tanggal)
    blok = BlokTanda(
        url_verifikasi=url_verifikasi(token, situs),
        token=token,
        versi=nomor,
        ditandatangani_pada=waktu,
        sertifikat_subjek=penanda.subjek,
        gambar=penanda.gambar,
    )
    isi = cetak.pdf(
        t, org, draf=False, tanda=blok, penyetuju=f"{nama_penyetuju}, {jabatan_penyetuju}"
    )
    try:
        bertanda = tanda_tangan.tandatangani(
            isi,
            penanda,
            nama=nama_penyetuju,
            lokasi=org.kota,
            alasan=f"Persetujuan Perjanjian Kinerja {tahun} {jabatan.nama}, versi {nomor}",
        )
    except tanda_tangan.TandaTanganError as exc:
        raise PerjanjianDitolak(str(exc)) from exc
    with transaction.atomic():
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
        lama = pk.versi.filter(digantikan_pada__isnull=True).first()
        if (lama.pk if lama else None) != (berlaku.pk if berlaku else None):
            raise PerjanjianDitolak("PK ini baru saja disetujui orang lain; muat ulang halaman.")
        if lama is not None:
            lama.digantikan_pada = waktu
            lama.alasan_digantikan = alasan
            lama.save(update_fields=["digantikan_pada", "alasan_digantikan"])
        return VersiPerjanjian.objects.create(
            perjanjian=pk,
            organisasi=org,
            tahun=tahun,
            versi=nomor,
            token=token,
            pdf=bertanda,
            sha256=hashlib.sha256(bertanda).hexdigest(),
            data=teks_json({"pk": ke_json(dok), "cetak": cetak.ke_data(t)}),
            tanggal=tanggal,
            kota=org.kota,
            jabatan_nama=jabatan.nama,
            penanda_nama=nama_penyetuju,
            penanda_jabatan=jabatan_penyetuju,
            sertifikat_subjek=penanda.subjek,
            sertifikat_sidik=penanda.sidik,
            ditandatangani_pada=waktu,
            disetujui_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
            nama_penyetuju=nama_orang(pengguna) if pengguna is not None else "perintah",
            alasan_perubahan=alasan if lama is not None else "",
        )
