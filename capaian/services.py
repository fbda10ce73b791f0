"""Writing a bidang's month from the entry page: save (and submit) and the Kepala Dinas's
return. Keyword-only, typed, each one transaction.

No lost updates: every save of a bidang's month first locks that month's PengajuanBulan row
(creating it if needed), so two saves of the same month run one after the other; then it
locks the month's Realisasi rows, so an import or admin edit cannot slip in between. Each row
the user changed is written only if its stored ``versi`` is still the one the page was
rendered with; otherwise the save is a conflict and nothing at all is written.
"""

import copy
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from akun import notifikasi
from akun.models import JenisNotifikasi
from capaian import audit
from capaian.models import (
    Aksi,
    JejakAudit,
    PengajuanBulan,
    Realisasi,
    StatusPengajuan,
    Sumber,
)
from capaian.validasi import bulan_akan_datang
from dasar.angka import nama_bulan
from dasar.tampilan import format_tanggal, format_waktu, nama_orang, teks_nilai
from indikator.models import Rumus
from organisasi.models import Bidang


@dataclass(frozen=True)
class NilaiBaris:
    """The three values of a row. Equal when the amounts are equal (6780 == 6780.0000)."""

    pembagi: Decimal | None = None
    realisasi: Decimal | None = None
    keterangan: str = ""

    @classmethod
    def dari(cls, realisasi: Realisasi | None) -> "NilaiBaris":
        if realisasi is None:
            return cls()
        return cls(realisasi.pembagi, realisasi.realisasi, realisasi.keterangan)

    @property
    def kosong(self) -> bool:
        return self.pembagi is None and self.realisasi is None and not self.keterangan

    def ringkas(self) -> str:
        if self.kosong:
            return "kosong"
        teks = f"pembagi {teks_nilai(self.pembagi)}, realisasi {teks_nilai(self.realisasi)}"
        if self.keterangan:
            teks += f", keterangan “{self.keterangan}”"
        return teks


@dataclass(frozen=True)
class IsianBaris:
    """One row as the entry form submitted it."""

    rumus_id: int
    nilai: NilaiBaris
    versi: int  # the stored versi the page showed; 0 when there was no row
    asal: NilaiBaris | None  # the values the page showed; None when unknown (= changed)

    @property
    def diubah(self) -> bool:
        return self.asal is None or self.nilai != self.asal


@dataclass(frozen=True)
class Konflik:
    """A row someone else changed since the page was loaded."""

    rumus_id: int
    kode: str
    uraian: str
    aksi: str  # what the other person did: Aksi.BUAT / UBAH / HAPUS
    oleh: str
    pada: datetime | None
    tersimpan: NilaiBaris
    isian: NilaiBaris

    def pesan(self) -> str:
        kata = {Aksi.BUAT: "diisi", Aksi.HAPUS: "dikosongkan"}.get(self.aksi, "diubah")
        waktu = f" pada {format_waktu(self.pada)}" if self.pada else ""
        return (
            f"{self.kode} ({self.uraian}) {kata} oleh {self.oleh}{waktu}. "
            f"Tersimpan: {self.tersimpan.ringkas()}. Isian Anda: {self.isian.ringkas()}."
        )


@dataclass(frozen=True)
class HasilSimpan:
    dibuat: int = 0
    diubah: int = 0
    dihapus: int = 0
    konflik: tuple[Konflik, ...] = ()
    diajukan: bool = False
    kosong: int = 0  # the bidang's rows still without a realisasi after the save

    @property
    def berhasil(self) -> bool:
        return not self.konflik

    @property
    def jumlah_perubahan(self) -> int:
        return self.dibuat + self.diubah + self.dihapus


class BulanSudahDiajukan(Exception):
    """The month waits for the Kepala Dinas's review; staff cannot change it."""

    def __init__(self, pengajuan: PengajuanBulan) -> None:
        self.pengajuan = pengajuan
        super().__init__(
            f"Isian {nama_bulan(pengajuan.bulan)} {pengajuan.tahun} sudah diajukan dan "
            "menunggu tinjauan Kepala Dinas; tidak ada yang disimpan."
        )


class BulanSudahDisetujui(BulanSudahDiajukan):
    """The month is approved and signed; nothing changes it until the Kepala Dinas reopens it."""

    def __init__(self, pengajuan: PengajuanBulan) -> None:
        self.pengajuan = pengajuan
        Exception.__init__(
            self,
            f"{nama_bulan(pengajuan.bulan)} {pengajuan.tahun} sudah disetujui dan "
            "ditandatangani Kepala Dinas; tidak ada yang disimpan.",
        )


class BulanBelumTiba(Exception):
    def __init__(self, tahun: int, bulan: int) -> None:
        super().__init__(f"{nama_bulan(bulan)} {tahun} belum tiba; realisasinya belum dapat diisi.")


class BulanBelumDiajukan(Exception):
    def __init__(self) -> None:
        super().__init__("Bulan ini tidak sedang diajukan; tidak ada yang dapat dikembalikan.")


def keterangan_kedaluwarsa(org, tahun: int, bulan: int) -> str:
    """ "terkunci sejak 1 Juni 2025: 21 hari setelah tenggat 10 Mei 2025" """
    sejak = org.batas_isian(tahun, bulan) + timedelta(days=1)
    return (
        f"terkunci sejak {format_tanggal(sejak)}: {org.hari_kedaluwarsa} hari setelah tenggat "
        f"{format_tanggal(org.tenggat(tahun, bulan))}"
    )


class BulanKedaluwarsa(Exception):
    """Past the organisasi's expiry (``Organisasi.batas_isian``) with no running exception."""

    def __init__(self, bidang: Bidang, tahun: int, bulan: int) -> None:
        org = bidang.organisasi
        super().__init__(
            f"Isian {nama_bulan(bulan)} {tahun} {keterangan_kedaluwarsa(org, tahun, bulan)}. "
            f"Tidak ada yang disimpan. Minta Kepala Dinas memberi Bidang {bidang.nama} "
            "pengecualian untuk bulan ini."
        )


class DataBerubah(Exception):
    """Another writer created a row between our lock and our insert (an import, the admin)."""

    def __init__(self) -> None:
        super().__init__("Data berubah selama penyimpanan; tidak ada yang disimpan. Coba lagi.")


class _Batal(Exception):
    """Rolls the transaction back (the PengajuanBulan row it may have created included)."""

    def __init__(self, hasil: HasilSimpan) -> None:
        self.hasil = hasil


def kunci_pengajuan(*, bidang: Bidang, tahun: int, bulan: int) -> PengajuanBulan:
    """The month's PengajuanBulan row, locked until the transaction ends; created (as draf)
    if missing. Two creators racing: the loser's insert waits on the unique index, fails,
    and get_or_create reads (and locks) the winner's row."""
    pengajuan, _ = PengajuanBulan.objects.select_for_update().get_or_create(
        bidang=bidang, tahun=tahun, bulan=bulan
    )
    return pengajuan


def simpan_bulan(
    *,
    pengguna: AbstractBaseUser,
    bidang: Bidang,
    tahun: int,
    bulan: int,
    isian: list[IsianBaris],
    ajukan: bool,
) -> HasilSimpan:
    """Save the rows the user changed, all or nothing; with ``ajukan``, submit the month.

    Returns the counts, or the conflicts (and writes nothing). Raises BulanSudahDiajukan,
    BulanBelumTiba or DataBerubah (nothing written either).
    """
    if bulan_akan_datang(tahun, bulan):
        raise BulanBelumTiba(tahun, bulan)
    try:
        with transaction.atomic():
            return _simpan(
                pengguna=pengguna, bidang=bidang, tahun=tahun, bulan=bulan, isian=isian,
                ajukan=ajukan,
            )  # fmt: skip
    except _Batal as batal:
        return batal.hasil
    except IntegrityError as exc:
        raise DataBerubah from exc


def _simpan(
    *,
    pengguna: AbstractBaseUser,
    bidang: Bidang,
    tahun: int,
    bulan: int,
    isian: list[IsianBaris],
    ajukan: bool,
) -> HasilSimpan:
    pengajuan = kunci_pengajuan(bidang=bidang, tahun=tahun, bulan=bulan)
    # Approval sets DISETUJUI in the same transaction as the month's KunciBulan (whose
    # database trigger refuses the write anyway): the status alone decides, no extra query.
    if pengajuan.status == StatusPengajuan.DISETUJUI:
        raise BulanSudahDisetujui(pengajuan)
    if pengajuan.status == StatusPengajuan.DIAJUKAN:
        raise BulanSudahDiajukan(pengajuan)
    if pengajuan.kedaluwarsa(bidang.organisasi, timezone.localdate()):
        raise BulanKedaluwarsa(bidang, tahun, bulan)
    rumus = {r.pk: r for r in Rumus.objects.filter(bidang=bidang, tahun=tahun)}
    asing = {i.rumus_id for i in isian} - set(rumus)
    if asing:
        raise ValueError(f"rumus {sorted(asing)} bukan milik bidang {bidang.slug} {tahun}")
    tersimpan = {
        r.rumus_id: r
        for r in Realisasi.objects.select_for_update(of=("self",))
        .filter(rumus_id__in=list(rumus), tahun=tahun, bulan=bulan)
        .select_related("diisi_oleh")
        .order_by("pk")
    }

    sekarang = timezone.now()
    baru: list[Realisasi] = []
    ubah: list[Realisasi] = []
    hapus: list[Realisasi] = []
    jejak: list[JejakAudit] = []
    konflik: list[IsianBaris] = []
    for i in isian:
        lama = tersimpan.get(i.rumus_id)
        if not i.diubah or i.nilai == NilaiBaris.dari(lama):
            continue  # not this user's change, or nothing to write
        if (lama.versi if lama is not None else 0) != i.versi:
            konflik.append(i)
            continue
        r = rumus[i.rumus_id]
        catat = {"sumber": Sumber.ENTRI, "pengguna": pengguna, "rumus": r, "tahun": tahun,
                 "bulan": bulan, "bidang": bidang}  # fmt: skip
        if lama is None:
            obj = Realisasi(
                rumus=r,
                tahun=tahun,
                bulan=bulan,
                pembagi=i.nilai.pembagi,
                realisasi=i.nilai.realisasi,
                keterangan=i.nilai.keterangan,
                diisi_oleh=pengguna,
                versi=1,
            )
            baru.append(obj)
            tersimpan[i.rumus_id] = obj
            jejak.append(audit.jejak_realisasi(aksi=Aksi.BUAT, lama=None, baru=obj, **catat))
        elif i.nilai.kosong:
            hapus.append(lama)
            del tersimpan[i.rumus_id]
            jejak.append(audit.jejak_realisasi(aksi=Aksi.HAPUS, lama=lama, baru=None, **catat))
        else:
            sebelum = copy.copy(lama)
            lama.pembagi = i.nilai.pembagi
            lama.realisasi = i.nilai.realisasi
            lama.keterangan = i.nilai.keterangan
            lama.diisi_oleh = pengguna
            lama.diubah_pada = sekarang  # bulk_update skips auto_now
            lama.versi += 1  # safe: the row is locked
            ubah.append(lama)
            jejak.append(audit.jejak_realisasi(aksi=Aksi.UBAH, lama=sebelum, baru=lama, **catat))

    if konflik:
        raise _Batal(HasilSimpan(konflik=_jelaskan(konflik, tersimpan, rumus, tahun, bulan)))

    if baru:
        awal = audit.versi_awal((obj.rumus_id, tahun, bulan) for obj in baru)
        for obj in baru:
            obj.versi = awal[(obj.rumus_id, tahun, bulan)]
        Realisasi.objects.bulk_create(baru)
    if ubah:
        Realisasi.objects.bulk_update(
            ubah, ["pembagi", "realisasi", "keterangan", "diisi_oleh", "diubah_pada", "versi"]
        )
    if hapus:
        Realisasi.objects.filter(pk__in=[r.pk for r in hapus]).delete()
    if ajukan:
        jejak.append(
            _ubah_status(
                pengajuan,
                StatusPengajuan.DIAJUKAN,
                aksi=Aksi.AJUKAN,
                pengguna=pengguna,
                bidang=bidang,
            )
        )
    if jejak:
        audit.simpan(jejak)
    if ajukan:
        kabari_diajukan(bidang, tahun, bulan)
    return HasilSimpan(
        dibuat=len(baru),
        diubah=len(ubah),
        dihapus=len(hapus),
        diajukan=ajukan,
        kosong=sum(
            1 for pk in rumus if tersimpan.get(pk) is None or tersimpan[pk].realisasi is None
        ),
    )


def _jelaskan(
    konflik: list[IsianBaris],
    tersimpan: dict[int, Realisasi],
    rumus: dict[int, Rumus],
    tahun: int,
    bulan: int,
) -> tuple[Konflik, ...]:
    """Who changed each conflicting row, and when. A row that is gone has no diisi_oleh left:
    its deletion is read from the audit trail (one query, only when there is such a row)."""
    hilang = [i.rumus_id for i in konflik if i.rumus_id not in tersimpan]
    terhapus: dict[int, JejakAudit] = {}
    if hilang:
        for j in JejakAudit.objects.filter(
            rumus_id__in=hilang, tahun=tahun, bulan=bulan, aksi=Aksi.HAPUS
        ).order_by("waktu", "pk"):
            terhapus[j.rumus_id] = j  # the latest wins
    hasil = []
    for i in konflik:
        r = rumus[i.rumus_id]
        lama = tersimpan.get(i.rumus_id)
        if lama is not None:
            aksi = Aksi.BUAT if i.versi == 0 else Aksi.UBAH
            oleh, pada = nama_orang(lama.diisi_oleh), lama.diubah_pada
        else:
            j = terhapus.get(i.rumus_id)
            aksi = Aksi.HAPUS
            oleh = j.nama_pengguna if j is not None else "seseorang"
            pada = j.waktu if j is not None else None
        hasil.append(
            Konflik(
                rumus_id=r.pk,
                kode=r.kode,
                uraian=r.uraian,
                aksi=aksi,
                oleh=oleh,
                pada=pada,
                tersimpan=NilaiBaris.dari(lama),
                isian=i.nilai,
            )
        )
    return tuple(hasil)


def _ubah_status(
    pengajuan: PengajuanBulan,
    status: StatusPengajuan,
    *,
    aksi: str,
    pengguna: AbstractBaseUser,
    bidang: Bidang,
    catatan: str = "",
) -> JejakAudit:
    """Move a (locked) bidang-month to ``status``; returns its unsaved trail entry. A return
    note lives on the month until the next change; the trail keeps every note."""
    lama = pengajuan.status
    pengajuan.status = status
    pengajuan.catatan = catatan
    pengajuan.diubah_oleh = pengguna
    kolom = ["status", "catatan", "diubah_oleh", "diubah_pada"]
    if status == StatusPengajuan.DIAJUKAN:
        pengajuan.diajukan_pada = timezone.now()
        kolom.append("diajukan_pada")
    pengajuan.save(update_fields=kolom)
    return audit.jejak_bulan(
        aksi=aksi,
        sumber=Sumber.ENTRI,
        pengguna=pengguna,
        organisasi=bidang.organisasi,
        tahun=pengajuan.tahun,
        bulan=pengajuan.bulan,
        bidang=bidang,
        lama={"status": lama},
        baru={"status": StatusPengajuan(status).value},
        catatan=catatan,
    )


@transaction.atomic
def kembalikan_bulan(
    *, pengguna: AbstractBaseUser, bidang: Bidang, tahun: int, bulan: int, catatan: str
) -> PengajuanBulan:
    """The Kepala Dinas returns a submitted month to its bidang with a note; staff can edit
    and submit again. Raises BulanBelumDiajukan when the month is not waiting for review."""
    catatan = catatan.strip()
    if not catatan:
        raise ValueError("catatan pengembalian wajib diisi")
    pengajuan = (
        PengajuanBulan.objects.select_for_update()
        .filter(bidang=bidang, tahun=tahun, bulan=bulan)
        .first()
    )
    if pengajuan is None or pengajuan.status != StatusPengajuan.DIAJUKAN:
        raise BulanBelumDiajukan
    audit.simpan(
        [
            _ubah_status(
                pengajuan,
                StatusPengajuan.DIKEMBALIKAN,
                aksi=Aksi.KEMBALIKAN,
                pengguna=pengguna,
                bidang=bidang,
                catatan=catatan,
            )
        ]
    )
    _kabari_dikembalikan(bidang, tahun, bulan, catatan)
    return pengajuan


def kabari_diajukan(bidang: Bidang, tahun: int, bulan: int) -> None:
    """A submitted month: the staf's notifications about it are done; when every bidang of
    the year has now submitted, the Kepala Dinas is told the month waits for approval."""
    org = bidang.organisasi
    notifikasi.selesaikan(
        organisasi=org, tahun=tahun, bulan=bulan, bidang=bidang,
        jenis=[JenisNotifikasi.DIKEMBALIKAN, JenisNotifikasi.BELUM_DIAJUKAN],
    )  # fmt: skip
    diajukan = PengajuanBulan.objects.filter(
        bidang__organisasi=org, tahun=tahun, bulan=bulan, status=StatusPengajuan.DIAJUKAN
    ).values("bidang_id")
    if Rumus.objects.filter(organisasi=org, tahun=tahun).exclude(bidang_id__in=diajukan).exists():
        return  # a bidang of the year has not submitted yet (one query)
    periode = f"{nama_bulan(bulan)} {tahun}"
    notifikasi.beri(
        notifikasi.penerima_kepala(org),
        organisasi=org, bidang=None, tahun=tahun, bulan=bulan, jenis=JenisNotifikasi.MENUNGGU,
        judul=f"Laporan {periode} menunggu persetujuan Anda",
        isi=f"Semua bidang sudah mengajukan isian {periode}. Tinjau, lalu setujui dan "
        "tandatangani laporannya.",
        url=reverse("laporan_bulan", args=[org.slug, tahun, bulan]),
    )  # fmt: skip


def _kabari_dikembalikan(bidang: Bidang, tahun: int, bulan: int, catatan: str) -> None:
    """A returned month: its bidang's staf are told, with the note; the month no longer waits
    for approval."""
    org = bidang.organisasi
    periode = f"{nama_bulan(bulan)} {tahun}"
    notifikasi.selesaikan(
        organisasi=org, tahun=tahun, bulan=bulan, jenis=[JenisNotifikasi.MENUNGGU]
    )
    notifikasi.beri(
        notifikasi.penerima_staf(bidang),
        organisasi=org, bidang=bidang, tahun=tahun, bulan=bulan,
        jenis=JenisNotifikasi.DIKEMBALIKAN,
        judul=f"Isian {periode} dikembalikan Kepala Dinas",
        isi=f"Catatan: {catatan}\nPerbaiki isian bidang {bidang.nama}, lalu ajukan lagi.",
        url=reverse("entri", args=[org.slug, tahun, bulan, bidang.slug]),
    )  # fmt: skip


@transaction.atomic
def beri_pengecualian(
    *, pengguna: AbstractBaseUser, bidang: Bidang, tahun: int, bulan: int, sampai: date,
    alasan: str,
) -> PengajuanBulan:  # fmt: skip
    """The Kepala Dinas lets a bidang's staf write an expired month until ``sampai``; logged in
    the audit trail with the reason, and the staf are told."""
    alasan = alasan.strip()
    if not alasan:
        raise ValueError("alasan pengecualian wajib diisi")
    hari_ini = timezone.localdate()
    if sampai < hari_ini:
        raise ValueError("tanggal akhir pengecualian sudah lewat")
    pengajuan = kunci_pengajuan(bidang=bidang, tahun=tahun, bulan=bulan)
    if pengajuan.status in (StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI):
        raise BulanSudahDiajukan(pengajuan)
    lama = pengajuan.pengecualian_sampai
    pengajuan.pengecualian_sampai = sampai
    pengajuan.save(update_fields=["pengecualian_sampai"])
    audit.simpan(
        [
            audit.jejak_bulan(
                aksi=Aksi.PENGECUALIAN,
                sumber=Sumber.ENTRI,
                pengguna=pengguna,
                organisasi=bidang.organisasi,
                tahun=tahun,
                bulan=bulan,
                bidang=bidang,
                lama={"pengecualian_sampai": lama.isoformat() if lama else None},
                baru={"pengecualian_sampai": sampai.isoformat()},
                catatan=alasan,
            )
        ]
    )
    org = bidang.organisasi
    periode = f"{nama_bulan(bulan)} {tahun}"
    notifikasi.beri(
        notifikasi.penerima_staf(bidang),
        organisasi=org, bidang=bidang, tahun=tahun, bulan=bulan,
        jenis=JenisNotifikasi.PENGECUALIAN,
        judul=f"Isian {periode} dibuka sampai {format_tanggal(sampai)}",
        isi=f"Kepala Dinas memberi Bidang {bidang.nama} pengecualian: isian {periode} dapat "
        f"diisi dan diajukan sampai {format_tanggal(sampai)}. Alasan: {alasan}",
        url=reverse("entri", args=[org.slug, tahun, bulan, bidang.slug]),
    )  # fmt: skip
    return pengajuan
