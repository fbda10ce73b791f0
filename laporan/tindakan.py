""" "Perlu tindakan" (issue 14): what each person has to do, across every month of the year,
at the top of their landing page, each item linking to the page that resolves it.

- staf bidang: months of their bidang returned by the Kepala Dinas (with the note), drafts
  not yet submitted, and months not submitted near (from ``HARI_PERINGATAN`` days before) or
  past the deadline;
- Kepala Dinas (and the superuser): months whose every bidang has submitted and that wait
  for approval, and months with a bidang returned and not yet resubmitted;
- admin: what blocks the year (no definitions for it, signing not configured).

The deadline of a month is a day of the following month (``Organisasi.hari_tenggat``,
default 10). Five queries whatever the number of bidang and months.
"""

from dataclasses import dataclass
from datetime import date

from akun.akses import Lingkup
from akun.models import Peran
from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan, kedaluwarsa
from dasar.angka import nama_bulan
from dasar.tampilan import format_tanggal
from indikator.models import Rumus
from laporan.models import KonfigurasiTandaTangan, KunciBulan
from organisasi.models import Bidang, Organisasi

HARI_PERINGATAN = 3


def tenggat(organisasi: Organisasi, tahun: int, bulan: int) -> date:
    """The day a month's entry is due: ``hari_tenggat`` of the following month."""
    return organisasi.tenggat(tahun, bulan)


@dataclass(frozen=True)
class Tindakan:
    jenis: str  # dikembalikan, draf, terlambat, mendekati, menunggu, kembali_ke_bidang, ...
    judul: str
    rincian: str
    url: str
    label_tautan: str
    penting: bool = False  # shown first, in the error colour

    @property
    def kelas(self) -> str:
        return "penting" if self.penting else "biasa"


def _url_entri(org: Organisasi, tahun: int, bulan: int, bidang: Bidang) -> str:
    from django.urls import reverse

    return reverse("entri", args=[org.slug, tahun, bulan, bidang.slug])


def _url_laporan(org: Organisasi, tahun: int, bulan: int) -> str:
    from django.urls import reverse

    return reverse("laporan_bulan", args=[org.slug, tahun, bulan])


@dataclass
class KeadaanTahun:
    """An organisasi's year as its bidang-months stand: four queries."""

    organisasi: Organisasi
    tahun: int
    bidang: dict[int, Bidang]
    pengajuan: dict[tuple[int, int], PengajuanBulan]
    terkunci: set[int]
    berisi: set[tuple[int, int]]

    def status(self, bidang_id: int, bulan: int, hari_ini: date) -> str:
        """kosong, draf, diajukan, dikembalikan, disetujui, terlambat; "" before the month."""
        if (self.tahun, bulan) > (hari_ini.year, hari_ini.month):
            return ""
        if bulan in self.terkunci:
            return "disetujui"
        p = self.pengajuan.get((bidang_id, bulan))
        if p is not None and p.status != StatusPengajuan.DRAF:
            return p.status
        if hari_ini > tenggat(self.organisasi, self.tahun, bulan):
            return "terlambat"
        return "draf" if (bidang_id, bulan) in self.berisi else "kosong"


LABEL_STATUS = {
    "kosong": "Kosong", "draf": "Draf", "diajukan": "Diajukan", "dikembalikan": "Dikembalikan",
    "disetujui": "Disetujui", "terlambat": "Terlambat", "": "",
}  # fmt: skip


def muat_keadaan(org: Organisasi, tahun: int) -> KeadaanTahun:
    bidang = {
        b.pk: b
        for b in Bidang.objects.filter(
            pk__in=Rumus.objects.filter(organisasi=org, tahun=tahun).values("bidang_id")
        ).order_by("nama")
    }
    if not bidang:
        return KeadaanTahun(org, tahun, {}, {}, set(), set())
    pengajuan = {
        (p.bidang_id, p.bulan): p
        for p in PengajuanBulan.objects.filter(bidang_id__in=bidang, tahun=tahun)
    }
    terkunci = set(
        KunciBulan.objects.filter(organisasi=org, tahun=tahun).values_list("bulan", flat=True)
    )
    berisi = set(
        Realisasi.objects.filter(rumus__bidang_id__in=bidang, tahun=tahun)
        .values_list("rumus__bidang_id", "bulan")
        .distinct()
        .order_by()
    )
    return KeadaanTahun(org, tahun, bidang, pengajuan, terkunci, berisi)


def kisi_tahun(keadaan: KeadaanTahun, hari_ini: date) -> list[dict]:
    """The year grid, bidang x month, for the Kepala Dinas, admin and pemantau."""
    return [
        {
            "bidang": bd,
            "sel": [
                {
                    "bulan": b,
                    "status": (s := keadaan.status(pk, b, hari_ini)),
                    "label": LABEL_STATUS[s],
                }
                for b in range(1, 13)
            ],
        }
        for pk, bd in keadaan.bidang.items()
    ]


@dataclass(frozen=True)
class Ketepatan:
    """A bidang's timeliness over a year: months submitted by their deadline, months
    submitted late (with the days), months past their deadline still not submitted."""

    bidang: Bidang
    tepat: int
    terlambat: int
    hari_terlambat: int
    belum: int
    tanpa_catatan: int  # submitted before submission times were recorded

    @property
    def rata_hari_terlambat(self) -> str:
        if not self.terlambat:
            return "-"
        return f"{self.hari_terlambat / self.terlambat:.1f}".replace(".", ",")


def ketepatan_tahun(keadaan: KeadaanTahun, hari_ini: date) -> list[Ketepatan]:
    from django.utils import timezone

    hasil = []
    for pk, bd in keadaan.bidang.items():
        tepat = telat = hari = belum = tanpa = 0
        for b in range(1, 13):
            if (keadaan.tahun, b) >= (hari_ini.year, hari_ini.month):
                continue  # still running: nothing due yet
            jatuh = tenggat(keadaan.organisasi, keadaan.tahun, b)
            p = keadaan.pengajuan.get((pk, b))
            diajukan = (p is not None and p.status in (
                StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI
            )) or b in keadaan.terkunci  # fmt: skip
            if not diajukan:
                belum += hari_ini > jatuh
                continue
            if p is None or p.diajukan_pada is None:
                tanpa += 1
                continue
            lewat = (timezone.localtime(p.diajukan_pada).date() - jatuh).days
            if lewat > 0:
                telat, hari = telat + 1, hari + lewat
            else:
                tepat += 1
        hasil.append(Ketepatan(bd, tepat, telat, hari, belum, tanpa))
    return hasil


def perlu_tindakan(
    ling: Lingkup, tahun: int, hari_ini: date, keadaan: KeadaanTahun | None = None
) -> list[Tindakan]:
    org = ling.organisasi
    keadaan = keadaan or muat_keadaan(org, tahun)
    bidang, pengajuan = keadaan.bidang, keadaan.pengajuan
    terkunci, berisi = keadaan.terkunci, keadaan.berisi
    hasil: list[Tindakan] = []
    if ling.boleh_admin:
        hasil += _admin(org, tahun, bool(bidang))
    if not bidang:
        return hasil
    bulan_berjalan = [b for b in range(1, 13) if (tahun, b) <= (hari_ini.year, hari_ini.month)]
    if ling.peran == Peran.STAF:
        milik = [bidang[b] for b in ling.bidang_ids if b in bidang]
        hasil += _staf(org, tahun, hari_ini, milik, bulan_berjalan, pengajuan, terkunci, berisi)
    if ling.boleh_tinjau:
        hasil += _kepala(org, tahun, bidang, bulan_berjalan, pengajuan, terkunci)
    return sorted(hasil, key=lambda t: not t.penting)


def _staf(org, tahun, hari_ini, milik, bulan_berjalan, pengajuan, terkunci, berisi):
    hasil = []
    for bd in milik:
        terlambat: list[tuple[int, int]] = []  # (bulan, days late)
        for b in bulan_berjalan:
            if b in terkunci:
                continue
            jatuh = tenggat(org, tahun, b)
            periode = f"{nama_bulan(b)} {tahun}"
            p = pengajuan.get((bd.pk, b))
            status = p.status if p else StatusPengajuan.DRAF
            url = _url_entri(org, tahun, b, bd)
            if status == StatusPengajuan.DIKEMBALIKAN:
                hasil.append(Tindakan(
                    "dikembalikan", f"{periode} dikembalikan Kepala Dinas",
                    f"Bidang {bd.nama}. Catatan: {p.catatan or '(tanpa catatan)'}", url,
                    f"Perbaiki isian {periode}", penting=True,
                ))  # fmt: skip
            elif status == StatusPengajuan.DRAF:
                sisa = (jatuh - hari_ini).days
                if sisa < 0:
                    terlambat.append((b, -sisa))
                elif sisa <= HARI_PERINGATAN:
                    hasil.append(Tindakan(
                        "mendekati", f"{periode} belum diajukan: tenggat {format_tanggal(jatuh)}",
                        f"Bidang {bd.nama}. Tinggal {sisa} hari.", url,
                        f"Isi dan ajukan {periode}",
                    ))  # fmt: skip
                elif (bd.pk, b) in berisi:
                    hasil.append(Tindakan(
                        "draf", f"Draf {periode} belum diajukan",
                        f"Bidang {bd.nama}. Tenggat {format_tanggal(jatuh)}.", url,
                        f"Lanjutkan {periode}",
                    ))  # fmt: skip
        if terlambat:
            # One item per bidang, however many months: the earliest first.
            b0, hari = terlambat[0]
            bulan = ", ".join(nama_bulan(b) for b, _ in terlambat)
            judul = (
                f"{nama_bulan(b0)} {tahun} belum diajukan: terlambat {hari} hari"
                if len(terlambat) == 1
                else f"{len(terlambat)} bulan {tahun} belum diajukan, sudah lewat tenggat"
            )
            kunci = [
                b for b, _ in terlambat if _kedaluwarsa(org, tahun, b, bd, pengajuan, hari_ini)
            ]
            terkunci_teks = (
                f" Terkunci karena lewat {org.hari_kedaluwarsa} hari setelah tenggat: "
                f"{', '.join(nama_bulan(b) for b in kunci)}; minta pengecualian Kepala Dinas."
                if kunci
                else ""
            )
            hasil.append(Tindakan(
                "terlambat", judul, f"Bidang {bd.nama}: {bulan}. Tenggat tiap bulan tanggal "
                f"{org.hari_tenggat} bulan berikutnya.{terkunci_teks}",
                _url_entri(org, tahun, b0, bd),
                f"Isi {nama_bulan(b0)} {tahun}", penting=True,
            ))  # fmt: skip
    return hasil


def _kedaluwarsa(org, tahun, bulan, bd, pengajuan, hari_ini) -> bool:
    p = pengajuan.get((bd.pk, bulan))
    return kedaluwarsa(org, tahun, bulan, p.status if p else StatusPengajuan.DRAF,
                       p.pengecualian_sampai if p else None, hari_ini)  # fmt: skip


def _kepala(org, tahun, bidang, bulan_berjalan, pengajuan, terkunci):
    hasil = []
    for b in bulan_berjalan:
        if b in terkunci:
            continue
        periode = f"{nama_bulan(b)} {tahun}"
        status = {
            k: (pengajuan[(k, b)].status if (k, b) in pengajuan else StatusPengajuan.DRAF)
            for k in bidang
        }
        kembali = [bidang[k].nama for k, s in status.items() if s == StatusPengajuan.DIKEMBALIKAN]
        if all(s == StatusPengajuan.DIAJUKAN for s in status.values()):
            hasil.append(Tindakan(
                "menunggu", f"{periode} menunggu persetujuan Anda",
                f"Semua {len(bidang)} bidang sudah mengajukan.", _url_laporan(org, tahun, b),
                f"Tinjau dan setujui {periode}", penting=True,
            ))  # fmt: skip
        elif kembali:
            hasil.append(Tindakan(
                "kembali_ke_bidang", f"{periode}: dikembalikan ke bidang",
                f"Menunggu perbaikan: {', '.join(kembali)}.", _url_laporan(org, tahun, b),
                f"Lihat {periode}",
            ))  # fmt: skip
    return hasil


def _admin(org: Organisasi, tahun: int, ada_definisi: bool) -> list[Tindakan]:
    from django.urls import reverse

    hasil = []
    if not ada_definisi:
        hasil.append(Tindakan(
            "tanpa_definisi", f"Definisi indikator {tahun} belum ada",
            "Tanpa definisi, bidang tidak dapat mengisi realisasi tahun ini.",
            reverse("admin:indikator_program_changelist"), "Impor buku kerja indikator",
            penting=True,
        ))  # fmt: skip
    if not KonfigurasiTandaTangan.objects.filter(organisasi=org).exists():
        hasil.append(Tindakan(
            "tanpa_tanda_tangan", "Tanda tangan elektronik Kepala Dinas belum diatur",
            "Laporan tidak dapat disetujui dan ditandatangani sebelum kunci dan sertifikatnya "
            "diatur (superuser, admin: Konfigurasi tanda tangan).",
            reverse("admin:index"), "Buka admin",
        ))  # fmt: skip
    return hasil
