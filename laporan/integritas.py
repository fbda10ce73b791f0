"""Whether the database still holds what the application wrote (issue 13), for someone who
could have changed it behind the application (a superuser with the triggers off, a restored
backup, a disk): ``python manage.py periksa_integritas``.

Checked, per organisasi:

1. the audit trail's hash chain (``capaian.rantai``): an entry changed, removed or inserted
   breaks it; the last run's chain head must still be in the chain (a removed tail);
2. every signed PDF: its bytes against its recorded SHA-256, and its PAdES signature against
   the certificate pinned when it was signed;
3. every approved month: its figures computed now from scratch, from the current realisasi
   and definitions, against its signed snapshot;
4. the stored month results (``HasilBulan``) that their counts still vouch for, against a
   computation from scratch.

Every finding names the organisasi, what broke and which entry or month.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from capaian import rantai
from capaian.hasil import dari_baris, ringkas, versi_masukan
from capaian.models import HasilBulan, JejakAudit
from capaian.selectors import muat_tahun
from dasar.angka import nama_bulan
from laporan.builder import bangun_laporan, ke_json
from laporan.models import KunciBulan, LaporanTertanda, PemeriksaanIntegritas
from laporan.services import _teks
from laporan.verifikasi import periksa_laporan
from organisasi.models import Organisasi


@dataclass
class Temuan:
    organisasi: str
    jenis: str  # "jejak", "pdf", "tanda_tangan", "angka", "hasil_tersimpan"
    rincian: str
    entri: int | None = None
    tahun: int | None = None
    bulan: int | None = None

    def ke_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    def __str__(self) -> str:
        return f"[{self.organisasi}] {self.jenis}: {self.rincian}"


@dataclass
class HasilPemeriksaan:
    temuan: list[Temuan] = field(default_factory=list)
    diperiksa: dict[str, int] = field(default_factory=dict)
    kepala: dict[str, str] = field(default_factory=dict)

    @property
    def lulus(self) -> bool:
        return not self.temuan


def _slug(org_id: int, nama: dict[int, str]) -> str:
    return nama.get(org_id, f"organisasi #{org_id}")


def _periksa_jejak(orgs: QuerySet, hasil: HasilPemeriksaan, nama: dict[int, str]) -> None:
    ids = list(nama)
    if len(nama) == Organisasi.objects.count():
        ids.append(0)  # the installation's own chain (accounts without an organisasi)
        nama.setdefault(0, "(instalasi)")
    baris = (
        JejakAudit.objects.filter(organisasi_id__in=ids)
        .order_by("organisasi_id", "pk")
        .values("id", "hash", "hash_sebelum", *rantai.KOLOM)
        .iterator(chunk_size=2000)
    )
    putus, kepala, jumlah = rantai.periksa_rantai(baris)
    hasil.diperiksa["entri_jejak"] = jumlah
    for p in putus:
        hasil.temuan.append(Temuan(_slug(p.organisasi_id, nama), "jejak", p.rincian, p.entri_id))
    hasil.kepala = {str(k): v for k, v in kepala.items()}
    # A removed tail leaves a valid but shorter chain: the head the last run saw must still
    # be in it.
    lalu = PemeriksaanIntegritas.objects.order_by("-waktu", "-pk").first()
    if lalu is None:
        return
    for org_id, h in lalu.kepala_rantai.items():
        if int(org_id) not in nama or not h:
            continue
        if not JejakAudit.objects.filter(organisasi_id=int(org_id), hash=h).exists():
            waktu = timezone.localtime(lalu.waktu).strftime("%Y-%m-%d %H.%M")
            hasil.temuan.append(Temuan(_slug(int(org_id), nama), "jejak", (
                f"entri terakhir yang dilihat pemeriksaan {waktu} (hash {h[:12]}…) tidak ada "
                "lagi: entri di ujung jejak telah dihapus"
            )))  # fmt: skip


def _periksa_pdf(orgs: QuerySet, hasil: HasilPemeriksaan, nama: dict[int, str]) -> None:
    jumlah = 0
    for laporan in LaporanTertanda.objects.filter(organisasi__in=orgs).select_related("organisasi"):
        jumlah += 1
        slug = nama[laporan.organisasi_id]
        periode = f"{nama_bulan(laporan.bulan)} {laporan.tahun} versi {laporan.versi}"
        pdf = bytes(laporan.pdf)
        if hashlib.sha256(pdf).hexdigest() != laporan.sha256:
            hasil.temuan.append(Temuan(slug, "pdf", (
                f"PDF bertanda tangan {periode} tidak cocok dengan SHA-256 yang dicatat saat "
                "ditandatangani: berkasnya diubah"
            ), tahun=laporan.tahun, bulan=laporan.bulan))  # fmt: skip
            continue
        periksa = periksa_laporan(laporan, pdf)
        if not periksa.sah:
            hasil.temuan.append(Temuan(slug, "tanda_tangan", (
                f"tanda tangan PDF {periode} tidak sah: {periksa.pesan}"
            ), tahun=laporan.tahun, bulan=laporan.bulan))  # fmt: skip
    hasil.diperiksa["pdf_tertanda"] = jumlah


def _periksa_angka(orgs: QuerySet, hasil: HasilPemeriksaan, nama: dict[int, str]) -> None:
    jumlah = 0
    for kunci in (
        KunciBulan.objects.filter(organisasi__in=orgs)
        .select_related("organisasi", "laporan")
        .order_by("organisasi_id", "tahun", "bulan")
    ):
        jumlah += 1
        tertanda = kunci.laporan.data.get("laporan", {})
        sekarang = _teks(ke_json(bangun_laporan(kunci.organisasi, kunci.tahun, kunci.bulan,
                                                dari_awal=True)))  # fmt: skip
        if sekarang != tertanda:
            beda = [k for k in sekarang if sekarang.get(k) != tertanda.get(k)]
            hasil.temuan.append(Temuan(nama[kunci.organisasi_id], "angka", (
                f"{nama_bulan(kunci.bulan)} {kunci.tahun} disetujui (versi "
                f"{kunci.laporan.versi}), tetapi realisasi dan definisinya sekarang memberi "
                f"angka lain daripada laporan bertanda tangannya ({', '.join(beda)} berbeda)"
            ), tahun=kunci.tahun, bulan=kunci.bulan))  # fmt: skip
    hasil.diperiksa["bulan_disetujui"] = jumlah


def _periksa_tersimpan(orgs: QuerySet, hasil: HasilPemeriksaan, nama: dict[int, str]) -> None:
    jumlah = 0
    tahun_org = (
        HasilBulan.objects.filter(organisasi__in=orgs)
        .values_list("organisasi_id", "tahun")
        .distinct()
        .order_by("organisasi_id", "tahun")
    )
    per_pk = {o.pk: o for o in orgs}
    for org_id, tahun in tahun_org:
        org = per_pk[org_id]
        versi = versi_masukan(org, tahun)
        data = muat_tahun(org, tahun)
        for h in HasilBulan.objects.filter(organisasi=org, tahun=tahun):
            if h.versi_definisi != versi.get(0, 0) or h.versi_bulan != versi.get(h.bulan, 0):
                continue  # stale: never read, recomputed when next asked
            jumlah += 1
            if dari_baris(h) != ringkas(data.hitung_bulan(h.bulan)):
                hasil.temuan.append(Temuan(nama[org_id], "hasil_tersimpan", (
                    f"hasil tersimpan {nama_bulan(h.bulan)} {tahun} berbeda dari perhitungan "
                    "ulang padahal hitungan masukannya tidak berubah: masukan diubah dengan "
                    "trigger dimatikan, atau hasilnya diubah langsung"
                ), tahun=tahun, bulan=h.bulan))  # fmt: skip
    hasil.diperiksa["hasil_tersimpan"] = jumlah


def periksa_integritas(slug: str | None = None, *, simpan: bool = True) -> HasilPemeriksaan:
    orgs = Organisasi.objects.order_by("pk")
    if slug:
        orgs = orgs.filter(slug=slug)
    nama = dict(orgs.values_list("pk", "slug"))
    hasil = HasilPemeriksaan()
    hasil.diperiksa["organisasi"] = len(nama)
    _periksa_jejak(orgs, hasil, nama)
    _periksa_pdf(orgs, hasil, nama)
    _periksa_angka(orgs, hasil, nama)
    _periksa_tersimpan(orgs, hasil, nama)
    if simpan:
        PemeriksaanIntegritas.objects.create(
            lulus=hasil.lulus,
            organisasi=slug or "",
            ringkasan=hasil.diperiksa,
            temuan=[t.ke_json() for t in hasil.temuan],
            kepala_rantai=hasil.kepala if not slug else _gabung_kepala(hasil.kepala),
        )
    return hasil


def _gabung_kepala(kepala: dict[str, str]) -> dict[str, str]:
    """A run for one organisasi keeps the other organisasi's heads from the last run."""
    lalu = PemeriksaanIntegritas.objects.order_by("-waktu", "-pk").first()
    return {**(lalu.kepala_rantai if lalu else {}), **kepala}
