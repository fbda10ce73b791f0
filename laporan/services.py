"""Approving, signing and reopening a month. Keyword-only, typed, each one transaction.

Approval is the Kepala Dinas's deliberate act that freezes the month: every bidang with rows
that year must have submitted it; the report is built from the (locked) realisasi, rendered,
signed with the organisasi's key (PAdES) and stored once with its SHA-256 and a snapshot of
the data; then the month's ``KunciBulan`` makes the database refuse any write to its
realisasi. Reopening (with a reason, logged) removes the lock and marks the version
superseded; approving again makes version N+1. Versions are never changed or deleted.

Concurrency: both acts first lock the Organisasi row. Imports hold the same lock, and the
realisasi trigger takes a KEY SHARE lock on it, so a write racing an approval waits for it
and is then refused; the staff entry page is already shut for a submitted month.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from akun import notifikasi
from akun.models import Anggota, JenisNotifikasi, Peran
from capaian import audit
from capaian.hasil import versi_masukan
from capaian.models import Aksi, PengajuanBulan, StatusPengajuan, Sumber
from capaian.validasi import bulan_akan_datang
from dasar.angka import nama_bulan
from dasar.tampilan import format_tanggal, nama_orang
from laporan import cetak
from laporan.builder import LaporanBulanan, bangun_laporan, ke_json
from laporan.models import KunciBulan, LaporanTertanda, token_baru
from organisasi.models import Bidang, Organisasi


class PersetujuanDitolak(Exception):
    """Approval or reopening cannot happen; the message (Indonesian) says why."""


@dataclass(frozen=True)
class StatusBidang:
    bidang: Bidang
    status: str  # a StatusPengajuan value
    catatan: str
    oleh: str
    pada: datetime | None

    @property
    def label(self) -> str:
        return StatusPengajuan(self.status).label


def bidang_bulan(organisasi: Organisasi, tahun: int) -> list[Bidang]:
    """The bidang that have rows in the year's definitions: whose submission approval needs."""
    return list(
        Bidang.objects.filter(organisasi=organisasi, rumus__tahun=tahun).distinct().order_by("nama")
    )


def status_bulan(organisasi: Organisasi, tahun: int, bulan: int) -> list[StatusBidang]:
    """Each bidang's submission state for the month (no row = draf). Two queries."""
    daftar = bidang_bulan(organisasi, tahun)
    pengajuan = {
        p.bidang_id: p
        for p in PengajuanBulan.objects.filter(
            bidang__in=daftar, tahun=tahun, bulan=bulan
        ).select_related("diubah_oleh")
    }
    hasil = []
    for b in daftar:
        p = pengajuan.get(b.pk)
        hasil.append(
            StatusBidang(
                bidang=b,
                status=p.status if p else StatusPengajuan.DRAF.value,
                catatan=p.catatan if p else "",
                oleh=nama_orang(p.diubah_oleh) if p and p.diubah_oleh else "",
                pada=p.diubah_pada if p else None,
            )
        )
    return hasil


def belum_diajukan(daftar: list[StatusBidang]) -> list[StatusBidang]:
    return [s for s in daftar if s.status != StatusPengajuan.DIAJUKAN]


SITUS_BAWAAN = "http://127.0.0.1:8000"


def url_verifikasi(token: str, situs: str | None = None) -> str:
    """The public verification address printed in a signed PDF (text and QR code): the
    configured URL_SITUS; when it is unset, the address the approving request came to
    (``situs``), else the local demo's."""
    dasar = settings.URL_SITUS or (situs or "").rstrip("/") or SITUS_BAWAAN
    return dasar + reverse("verifikasi_token", args=[token])


def _teks(value: Any) -> Any:
    """JSON-safe and exact: Decimal and Fraction as text, never floats."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dict):
        return {k: _teks(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_teks(v) for v in value]
    return value


KOLOM_DEFINISI = (
    "kode", "nama", "konsep_definisi", "rumus_teks", "satuan", "regulasi",
    "periode_pengukuran", "sifat_target", "sumber_data",
)  # fmt: skip


def snapshot(laporan: LaporanBulanan, pengesahan: cetak.Pengesahan) -> dict[str, Any]:
    """What the signed PDF was built from: the exact figures, the printed rows, the
    definitions, the letterhead and the signer."""
    org = laporan.organisasi
    return _teks(
        {
            "laporan": ke_json(laporan),
            "baris": [
                {
                    "jenis": b.jenis,
                    "nomor": b.nomor,
                    "label": b.label,
                    "bidang": b.bidang,
                    "uraian": b.uraian,
                    "pembagi": b.pembagi,
                    "realisasi": b.realisasi,
                    "persen": b.persen,
                    "persen_tahunan": b.persen_tahunan,
                    "nilai": b.nilai,
                    "keterangan": b.keterangan,
                }
                for b in laporan.baris
            ],
            "definisi": [
                {
                    "program": blok.program.nama,
                    "sasaran": blok.program.sasaran,
                    "indikator_program": blok.program.indikator_program,
                    "target": blok.program.target_teks,
                    "indikator": [
                        {f: getattr(i, f) for f in KOLOM_DEFINISI} for i in blok.indikator
                    ],
                }
                for blok in laporan.blok
            ],
            "kop": {
                f: getattr(org, f)
                for f in ("nama", "pemerintah", "dinas", "alamat", "telepon", "laman", "email")
            },
            "target": [org.target_bawah, org.target_atas],
            "pengesahan": {
                "kota": pengesahan.kota,
                "tanggal": pengesahan.tanggal.isoformat(),
                "jabatan": pengesahan.jabatan,
                "nama": pengesahan.nama,
                "pangkat": pengesahan.pangkat,
                "nip": pengesahan.nip,
            },
        }
    )


def _cek_tanggal(tahun: int, bulan: int, tanggal: date, hari_ini: date) -> None:
    awal = date(tahun, bulan, 1)
    if tanggal < awal:
        raise PersetujuanDitolak(
            f"Tanggal laporan {format_tanggal(tanggal)} sebelum "
            f"{format_tanggal(awal)}; pilih tanggal pada atau setelah bulan laporan."
        )
    if tanggal > hari_ini:
        raise PersetujuanDitolak(
            f"Tanggal laporan {format_tanggal(tanggal)} belum tiba; laporan hanya dapat "
            "ditandatangani dengan tanggal hari ini atau sebelumnya."
        )


def _cek_boleh_disetujui(org: Organisasi, tahun: int, bulan: int) -> list[StatusBidang]:
    """Why the month cannot be approved now, as PersetujuanDitolak; else its bidang."""
    periode = f"{nama_bulan(bulan)} {tahun}"
    kunci = KunciBulan.objects.filter(organisasi=org, tahun=tahun, bulan=bulan).first()
    if kunci is not None:
        raise PersetujuanDitolak(
            f"{periode} sudah disetujui (versi {kunci.laporan.versi}); buka kembali dulu bila "
            "perlu disetujui ulang."
        )
    if not org.kepala_nama.strip():
        raise PersetujuanDitolak(
            "Nama Kepala Dinas organisasi belum diisi; lengkapi data organisasi di admin."
        )
    daftar = status_bulan(org, tahun, bulan)
    if not daftar:
        raise PersetujuanDitolak(f"Belum ada definisi indikator tahun {tahun}.")
    belum = belum_diajukan(daftar)
    if belum:
        rincian = "; ".join(f"{s.bidang.nama} ({s.label.lower()})" for s in belum)
        raise PersetujuanDitolak(
            f"{periode} belum dapat disetujui: isian bidang berikut belum diajukan: {rincian}."
        )
    return daftar


def _keadaan_masukan(org: Organisasi, tahun: int, bulan: int) -> tuple:
    """What the signed PDF is made of besides the signature: the input counts of the year's
    definitions and of months 1..bulan (capaian s.d. bulan reads them all), the organisasi's
    own fields (letterhead, signer, target band), and the next version number. Equal before
    the render and under the lock means the render is what would be rendered now."""
    versi = versi_masukan(org, tahun)
    masukan = tuple(versi.get(b, 0) for b in range(0, bulan + 1))
    kolom = tuple((f.attname, getattr(org, f.attname)) for f in Organisasi._meta.concrete_fields)
    nomor = LaporanTertanda.objects.untuk_bulan(org, tahun, bulan).aggregate(n=Max("versi"))["n"]
    return masukan, kolom, (nomor or 0) + 1


@dataclass
class _Siap:
    keadaan: tuple
    laporan: LaporanBulanan
    pengesahan: cetak.Pengesahan
    versi: int
    token: str
    waktu: datetime
    pdf: bytes
    penanda: Any


def _siapkan(
    org: Organisasi, tahun: int, bulan: int, tanggal: date, situs: str | None = None
) -> _Siap:
    """Compute, render and sign the month without holding any lock (seconds for a large
    organisasi): a staf's save never waits for it."""
    from laporan import tanda_tangan  # pyHanko: imported when a month is first signed

    periode = f"{nama_bulan(bulan)} {tahun}"
    keadaan = _keadaan_masukan(org, tahun, bulan)  # read before the inputs it vouches for
    try:
        penanda = tanda_tangan.muat_penanda(org)
    except tanda_tangan.TandaTanganError as exc:
        raise PersetujuanDitolak(str(exc)) from exc
    laporan = bangun_laporan(org, tahun, bulan)
    pengesahan = cetak.pengesahan_bawaan(org, tanggal)
    versi = keadaan[2]
    token = token_baru()
    waktu = timezone.now()
    tanda = cetak.BlokTanda(
        url_verifikasi=url_verifikasi(token, situs),
        token=token,
        versi=versi,
        ditandatangani_pada=waktu,
        sertifikat_subjek=penanda.subjek,
        gambar=penanda.gambar,
    )
    pdf = cetak.pdf_laporan(laporan, pengesahan=pengesahan, tanda=tanda, draf=False)
    try:
        bertanda = tanda_tangan.tandatangani(
            pdf,
            penanda,
            nama=pengesahan.nama,
            lokasi=pengesahan.kota,
            alasan=f"Persetujuan laporan progres capaian {periode}, versi {versi}",
        )
    except tanda_tangan.TandaTanganError as exc:
        raise PersetujuanDitolak(str(exc)) from exc
    return _Siap(keadaan, laporan, pengesahan, versi, token, waktu, bertanda, penanda)


# How many times a render is redone when the inputs changed while it ran.
PERCOBAAN_SETUJUI = 2


def setujui_bulan(
    *,
    organisasi: Organisasi,
    tahun: int,
    bulan: int,
    pengguna: AbstractBaseUser | None = None,
    tanggal: date | None = None,
    situs: str | None = None,
) -> LaporanTertanda:
    """Approve and sign the month as the organisasi's recorded Kepala Dinas; ``pengguna`` is
    who approved (None for the command). ``tanggal`` is printed above the signature (default
    today, Asia/Jakarta). Raises PersetujuanDitolak with the reason; nothing is written then.

    The report is computed, rendered and signed first, holding no lock; then, under the
    organisasi's lock, the month's inputs are checked to be those rendered (``_keadaan_masukan``)
    and the signed version is stored. If they changed meanwhile, it renders again; if they
    keep changing, it refuses and says so."""
    hari_ini = timezone.localdate()
    tanggal = tanggal or hari_ini
    periode = f"{nama_bulan(bulan)} {tahun}"
    if bulan_akan_datang(tahun, bulan):
        raise PersetujuanDitolak(f"{periode} belum tiba; belum ada yang dapat disetujui.")
    _cek_tanggal(tahun, bulan, tanggal, hari_ini)
    org = Organisasi.objects.get(pk=organisasi.pk)
    for _ in range(PERCOBAAN_SETUJUI):
        _cek_boleh_disetujui(org, tahun, bulan)  # refuse early, before seconds of rendering
        siap = _siapkan(org, tahun, bulan, tanggal, situs)
        with transaction.atomic():
            org = Organisasi.objects.select_for_update().get(pk=organisasi.pk)
            daftar = status_bulan(org, tahun, bulan)
            # Lock the bidang-months: a staf's submit or a Kepala's return waits (this short
            # store only), then sees DISETUJUI.
            list(
                PengajuanBulan.objects.select_for_update()
                .filter(bidang__in=[s.bidang for s in daftar], tahun=tahun, bulan=bulan)
                .order_by("pk")
            )
            daftar = _cek_boleh_disetujui(org, tahun, bulan)
            if _keadaan_masukan(org, tahun, bulan) == siap.keadaan:
                return _simpan_persetujuan(org, tahun, bulan, tanggal, pengguna, siap, daftar)
    raise PersetujuanDitolak(
        f"Isian atau definisi {periode} berubah selama laporan disiapkan untuk ditandatangani "
        f"(dicoba {PERCOBAAN_SETUJUI} kali). Laporan belum disetujui; periksa angkanya lalu "
        "setujui lagi."
    )


def _simpan_persetujuan(
    org: Organisasi,
    tahun: int,
    bulan: int,
    tanggal: date,
    pengguna: AbstractBaseUser | None,
    siap: _Siap,
    daftar: list[StatusBidang],
) -> LaporanTertanda:
    sha = hashlib.sha256(siap.pdf).hexdigest()
    pengesahan = siap.pengesahan
    versi_baru = LaporanTertanda.objects.create(
        organisasi=org,
        tahun=tahun,
        bulan=bulan,
        versi=siap.versi,
        token=siap.token,
        pdf=siap.pdf,
        sha256=sha,
        data=snapshot(siap.laporan, pengesahan),
        tanggal=tanggal,
        kota=pengesahan.kota,
        penanda_nama=pengesahan.nama,
        penanda_jabatan=pengesahan.jabatan,
        penanda_pangkat=pengesahan.pangkat,
        penanda_nip=pengesahan.nip,
        sertifikat_subjek=siap.penanda.subjek,
        sertifikat_sidik=siap.penanda.sidik,
        ditandatangani_pada=siap.waktu,
        disetujui_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_penyetuju=nama_orang(pengguna) if pengguna is not None else "perintah setujui_laporan",
    )
    KunciBulan.objects.create(organisasi=org, tahun=tahun, bulan=bulan, laporan=versi_baru)
    PengajuanBulan.objects.filter(
        bidang__in=[s.bidang for s in daftar], tahun=tahun, bulan=bulan
    ).update(
        status=StatusPengajuan.DISETUJUI,
        catatan="",
        diubah_oleh=versi_baru.disetujui_oleh,
        diubah_pada=siap.waktu,
    )
    audit.simpan(
        [
            audit.jejak_bulan(
                aksi=Aksi.SETUJUI,
                sumber=Sumber.ENTRI if pengguna is not None else Sumber.SISTEM,
                pengguna=pengguna,
                organisasi=org,
                tahun=tahun,
                bulan=bulan,
                lama={"status": StatusPengajuan.DIAJUKAN.value},
                baru={
                    "status": StatusPengajuan.DISETUJUI.value,
                    "versi": siap.versi,
                    "sha256": sha,
                },
                catatan=f"Disetujui dan ditandatangani, versi {siap.versi}, SHA-256 {sha}.",
            )
        ]
    )
    _kabari_disetujui(org, tahun, bulan, [s.bidang for s in daftar], siap.versi)
    return versi_baru


def _kabari_disetujui(org: Organisasi, tahun: int, bulan: int, bidang: list, versi: int) -> None:
    """An approved month: what was pending on it is done; its bidang's staf are told."""
    notifikasi.selesaikan(
        organisasi=org, tahun=tahun, bulan=bulan,
        jenis=[JenisNotifikasi.MENUNGGU, JenisNotifikasi.DIKEMBALIKAN,
               JenisNotifikasi.BELUM_DIAJUKAN],
    )  # fmt: skip
    periode = f"{nama_bulan(bulan)} {tahun}"
    staf = Anggota.objects.filter(
        peran=Peran.STAF, bidang__in=bidang, pengguna__is_active=True
    ).values_list("pengguna_id", flat=True)
    notifikasi.beri(
        staf,
        organisasi=org, bidang=None, tahun=tahun, bulan=bulan, jenis=JenisNotifikasi.DISETUJUI,
        judul=f"Laporan {periode} disetujui",
        isi=f"Kepala Dinas menyetujui dan menandatangani laporan {periode} (versi {versi}). "
        "Isian bulan ini kini terkunci.",
        url=reverse("laporan_bulan", args=[org.slug, tahun, bulan]),
    )  # fmt: skip


@transaction.atomic
def buka_kembali(
    *,
    organisasi: Organisasi,
    tahun: int,
    bulan: int,
    pengguna: AbstractBaseUser,
    alasan: str,
) -> LaporanTertanda:
    """Reopen an approved month: the lock goes, the signed version is marked superseded
    (kept, still downloadable and verifiable), and the bidang-months return to "diajukan" so
    the Kepala Dinas can return a bidang or approve again. Returns the superseded version."""
    alasan = alasan.strip()
    periode = f"{nama_bulan(bulan)} {tahun}"
    if not alasan:
        raise PersetujuanDitolak("Alasan membuka kembali wajib diisi.")
    org = Organisasi.objects.select_for_update().get(pk=organisasi.pk)
    kunci = (
        KunciBulan.objects.select_related("laporan")
        .filter(organisasi=org, tahun=tahun, bulan=bulan)
        .first()
    )
    if kunci is None:
        raise PersetujuanDitolak(f"{periode} belum disetujui; tidak ada yang dapat dibuka kembali.")
    versi = kunci.laporan
    # Superseded first: the database releases a month's lock only once its signed version is
    # marked superseded (laporan migration 0004), so no SQL can unlock a month silently.
    sekarang = timezone.now()
    versi.digantikan_pada = sekarang
    versi.alasan_dibuka = alasan
    versi.dibuka_oleh = nama_orang(pengguna)
    versi.save(update_fields=["digantikan_pada", "alasan_dibuka", "dibuka_oleh"])
    kunci.delete()
    PengajuanBulan.objects.filter(
        bidang__organisasi=org, tahun=tahun, bulan=bulan, status=StatusPengajuan.DISETUJUI
    ).update(status=StatusPengajuan.DIAJUKAN, catatan="")  # the trail says who reopened
    audit.simpan(
        [
            audit.jejak_bulan(
                aksi=Aksi.BUKA,
                sumber=Sumber.ENTRI,
                pengguna=pengguna,
                organisasi=org,
                tahun=tahun,
                bulan=bulan,
                lama={"status": StatusPengajuan.DISETUJUI.value, "versi": versi.versi},
                baru={"status": StatusPengajuan.DIAJUKAN.value},
                catatan=alasan,
            )
        ]
    )
    return versi
