"""Reminders by e-mail (issue 14), run daily by ``manage.py kirim_pengingat``:

- each staf of a bidang whose month is not submitted, from ``HARI_PERINGATAN`` days before its
  deadline (``laporan.tindakan.tenggat``) until ``BATAS_HARI_TERLAMBAT`` days after it;
- each staf of a bidang whose month was returned by the Kepala Dinas;
- each Kepala Dinas of months whose every bidang has submitted and that wait for approval.

At most one message per recipient, organisasi, bidang, month and kind a day
(``PengingatTerkirim``): a second run the same day sends nothing again. A member who turned
reminders off (``Anggota.terima_pengingat``) or has no e-mail address gets none by e-mail; every
member gets the same reminders as in-application notifications (``akun.notifikasi``).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from akun import notifikasi
from akun.models import Anggota, Peran
from capaian.models import StatusPengajuan
from dasar.angka import nama_bulan
from dasar.tampilan import format_tanggal
from laporan.models import PengingatTerkirim
from laporan.services import SITUS_BAWAAN
from laporan.tindakan import HARI_PERINGATAN, muat_keadaan, tenggat
from organisasi.models import Bidang, Organisasi

# Past this many days after the deadline a month is no longer e-mailed daily (it stays on the
# staf's "Perlu tindakan" list).
BATAS_HARI_TERLAMBAT = 60

BELUM_DIAJUKAN, DIKEMBALIKAN, MENUNGGU = "belum_diajukan", "dikembalikan", "menunggu_persetujuan"


@dataclass(frozen=True)
class Pesan:
    anggota: Anggota
    organisasi: Organisasi
    bidang: Bidang | None
    tahun: int
    bulan: int
    jenis: str
    subjek: str
    isi: str
    tautan: str  # the page that resolves it, a path of this site

    def ke_json(self) -> dict:
        return {
            "pengguna": self.anggota.pengguna.get_username(),
            "kepada": self.anggota.pengguna.email,
            "organisasi": self.organisasi.slug,
            "bidang": self.bidang.slug if self.bidang else None,
            "tahun": self.tahun,
            "bulan": self.bulan,
            "jenis": self.jenis,
        }


def _situs() -> str:
    return settings.URL_SITUS or SITUS_BAWAAN


def rencana_pengingat(hari_ini: date) -> list[Pesan]:
    """Every reminder due on ``hari_ini`` (before the once-a-day filter), for every active
    member: in the application to all, by e-mail to those who take it (``lewat_surel``)."""
    pesan: list[Pesan] = []
    anggota = list(
        Anggota.objects.filter(pengguna__is_active=True)
        .select_related("pengguna", "organisasi")
        .prefetch_related("bidang")
    )
    per_org: dict[int, list[Anggota]] = {}
    for a in anggota:
        per_org.setdefault(a.organisasi_id, []).append(a)
    for orang in per_org.values():
        org = orang[0].organisasi
        for tahun in (hari_ini.year - 1, hari_ini.year):
            pesan += _organisasi_tahun(org, tahun, hari_ini, orang)
    return pesan


def _organisasi_tahun(org, tahun, hari_ini, orang) -> list[Pesan]:
    keadaan = muat_keadaan(org, tahun)  # the same state the landing pages read
    bidang, pengajuan, terkunci = keadaan.bidang, keadaan.pengajuan, keadaan.terkunci
    if not bidang:
        return []
    hasil = []
    for bulan in range(1, 13):
        if (tahun, bulan) >= (hari_ini.year, hari_ini.month) or bulan in terkunci:
            continue  # a month still running, or approved
        jatuh = tenggat(org, tahun, bulan)
        sisa = (jatuh - hari_ini).days
        periode = f"{nama_bulan(bulan)} {tahun}"
        status = {
            k: (pengajuan[(k, bulan)].status if (k, bulan) in pengajuan else StatusPengajuan.DRAF)
            for k in bidang
        }
        for a in orang:
            if a.peran == Peran.STAF:
                for bd in a.bidang.all():
                    if bd.pk not in status:
                        continue
                    tautan = reverse("entri", args=[org.slug, tahun, bulan, bd.slug])
                    url = _situs() + tautan
                    if status[bd.pk] == StatusPengajuan.DIKEMBALIKAN:
                        catatan = pengajuan[(bd.pk, bulan)].catatan or "(tanpa catatan)"
                        hasil.append(Pesan(a, org, bd, tahun, bulan, DIKEMBALIKAN,
                            f"Isian {periode} dikembalikan Kepala Dinas",
                            f"Isian bidang {bd.nama} bulan {periode} dikembalikan Kepala Dinas "
                            f"dengan catatan:\n\n{catatan}\n\nPerbaiki lalu ajukan lagi sebelum "
                            f"{format_tanggal(jatuh)}: {url}", tautan))  # fmt: skip
                    elif (status[bd.pk] == StatusPengajuan.DRAF
                          and -BATAS_HARI_TERLAMBAT <= sisa <= HARI_PERINGATAN):  # fmt: skip
                        keadaan = (
                            f"tenggatnya {format_tanggal(jatuh)} ({sisa} hari lagi)"
                            if sisa > 0
                            else "tenggatnya hari ini"
                            if sisa == 0
                            else f"sudah lewat tenggat {format_tanggal(jatuh)} ({-sisa} hari)"
                        )
                        hasil.append(Pesan(a, org, bd, tahun, bulan, BELUM_DIAJUKAN,
                            f"Pengingat: isian {periode} belum diajukan",
                            f"Isian bidang {bd.nama} bulan {periode} belum diajukan; {keadaan}."
                            f"\n\nIsi dan ajukan di: {url}", tautan))  # fmt: skip
            elif a.peran == Peran.KEPALA and all(
                s == StatusPengajuan.DIAJUKAN for s in status.values()
            ):
                tautan = reverse("laporan_bulan", args=[org.slug, tahun, bulan])
                url = _situs() + tautan
                hasil.append(Pesan(a, org, None, tahun, bulan, MENUNGGU,
                    f"Laporan {periode} menunggu persetujuan Anda",
                    f"Semua {len(bidang)} bidang {org.nama} sudah mengajukan isian {periode}. "
                    f"Tinjau, lalu setujui dan tandatangani laporannya: {url}",
                    tautan))  # fmt: skip
    return hasil


def _tanpa_tautan(p: Pesan) -> str:
    """The message as shown in the application, where the notification itself is the link."""
    url = _situs() + p.tautan
    return p.isi.replace(f"\n\nIsi dan ajukan di: {url}", "").replace(f": {url}", ".")


def lewat_surel(anggota: Anggota) -> bool:
    return anggota.terima_pengingat and bool(anggota.pengguna.email)


def kirim_pengingat(hari_ini: date) -> list[Pesan]:
    """Post what is due today to each member's notifications (once a day each) and e-mail it
    to those who take e-mail reminders, unless already sent today; return what was e-mailed."""
    terkirim = []
    for p in rencana_pengingat(hari_ini):
        notifikasi.beri(
            [p.anggota.pengguna_id],
            organisasi=p.organisasi, bidang=p.bidang, tahun=p.tahun, bulan=p.bulan,
            jenis=p.jenis, judul=p.subjek, isi=_tanpa_tautan(p), url=p.tautan,
            sekali_sehari=True,
        )  # fmt: skip
        if not lewat_surel(p.anggota):
            continue
        kunci = dict(tanggal=hari_ini, pengguna=p.anggota.pengguna, organisasi=p.organisasi,
                     bidang=p.bidang, tahun=p.tahun, bulan=p.bulan, jenis=p.jenis)  # fmt: skip
        with transaction.atomic():
            if PengingatTerkirim.objects.select_for_update().filter(**kunci).exists():
                continue
            PengingatTerkirim.objects.create(kepada=p.anggota.pengguna.email, **kunci)
            salam = p.anggota.pengguna.get_full_name() or p.anggota.pengguna.get_username()
            send_mail(
                p.subjek,
                f"Yth. {salam},\n\n{p.isi}\n\nPesan ini dikirim otomatis oleh Dinsos Kinerja. "
                "Pengingat lewat surel dapat dimatikan di halaman Akun.",
                None,
                [p.anggota.pengguna.email],
            )
        terkirim.append(p)
    return terkirim
