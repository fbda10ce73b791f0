"""The regional roll-up: every organisasi of a wilayah (or of the installation) side by side for
one month: its total, capaian s.d. bulan against its band, how many bidang submitted, and
whether the month is approved and signed.

Read from the stored month results (``capaian.hasil``) in a fixed number of queries whatever
the number of organisasi: the organisasi, the input counts, the stored totals, the bidang
with rows, the submitted bidang, the signed versions. A stored total is taken only while the
counts it was computed from still hold; an organisasi whose months are missing or stale is
computed through the engine (``hasil_bulan``, which stores them), so the first roll-up of a
month pays for what nobody computed yet and the next reads only. The sums are exact: the
stored totals are fractions ``p/q`` and are added as fractions, never as floats or SQL
numerics, so the figures equal the engine's to the last digit.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from django.db.models import Count, Q, QuerySet

from capaian import engine
from capaian.hasil import hasil_bulan, pecahan_teks
from capaian.models import HasilBulan, PengajuanBulan, StatusPengajuan, VersiMasukan
from dasar.angka import format_persen, nama_bulan, to_decimal
from indikator.models import Rumus
from laporan.dasbor import teks_target
from laporan.models import KunciBulan
from laporan.services import url_verifikasi
from organisasi.models import Organisasi, Wilayah

# Where capaian s.d. bulan stands against the year's band taken pro rata to the month.
DI_BAWAH, SESUAI, DI_ATAS = "di-bawah", "sesuai", "di-atas"
LABEL_JALUR = {DI_BAWAH: "Di bawah jalur", SESUAI: "Sesuai jalur", DI_ATAS: "Di atas jalur"}


@dataclass(frozen=True)
class BarisRekap:
    organisasi: Organisasi
    bulan: int
    ada_definisi: bool
    total_bulan: Fraction | None
    capaian_sd_bulan: Fraction | None  # None without definitions or when the engine refused
    bidang_diajukan: int
    bidang_total: int
    versi: int | None  # the signed version in force, None when the month is not approved
    token: str | None  # its verification token
    galat: str = ""

    @property
    def disetujui(self) -> bool:
        return self.versi is not None

    @cached_property
    def jalur_bawah(self) -> Fraction:
        """The band's lower edge pro rata to the month: 90% a year is 22,5% by March."""
        return Fraction(self.organisasi.target_bawah) * self.bulan / 12

    @cached_property
    def jalur_atas(self) -> Fraction:
        return Fraction(self.organisasi.target_atas) * self.bulan / 12

    @cached_property
    def jalur(self) -> str:
        if self.capaian_sd_bulan is None:
            return ""
        if self.capaian_sd_bulan < self.jalur_bawah:
            return DI_BAWAH
        if self.capaian_sd_bulan > self.jalur_atas:
            return DI_ATAS
        return SESUAI

    @cached_property
    def label_jalur(self) -> str:
        return LABEL_JALUR.get(self.jalur, "")

    @cached_property
    def teks_total(self) -> str:
        return "-" if self.total_bulan is None else format_persen(self.total_bulan, 2)

    @cached_property
    def teks_capaian_sd(self) -> str:
        return "-" if self.capaian_sd_bulan is None else format_persen(self.capaian_sd_bulan, 2)

    @cached_property
    def teks_jalur(self) -> str:
        return f"{format_persen(self.jalur_bawah, 2)}–{format_persen(self.jalur_atas, 2)}"

    @property
    def teks_target(self) -> str:
        return teks_target(self.organisasi.target_bawah, self.organisasi.target_atas)

    @property
    def lengkap(self) -> bool:
        return self.bidang_total > 0 and self.bidang_diajukan == self.bidang_total


@dataclass(frozen=True)
class Rekap:
    tahun: int
    bulan: int
    wilayah: Wilayah | None
    baris: list[BarisRekap]
    dihitung: int  # organisasi-months computed through the engine for this roll-up

    @property
    def nama_bulan(self) -> str:
        return nama_bulan(self.bulan)

    @property
    def judul(self) -> str:
        tempat = self.wilayah.nama if self.wilayah else "Seluruh organisasi"
        return f"Rekap capaian {tempat}, {self.nama_bulan} {self.tahun}"

    @property
    def jumlah_disetujui(self) -> int:
        return sum(1 for b in self.baris if b.disetujui)

    @property
    def jumlah_lengkap(self) -> int:
        return sum(1 for b in self.baris if b.lengkap)

    def _jumlah_jalur(self, jalur: str) -> int:
        return sum(1 for b in self.baris if b.jalur == jalur)

    @property
    def jumlah_di_bawah(self) -> int:
        return self._jumlah_jalur(DI_BAWAH)

    @property
    def jumlah_sesuai(self) -> int:
        return self._jumlah_jalur(SESUAI)

    @property
    def jumlah_di_atas(self) -> int:
        return self._jumlah_jalur(DI_ATAS)


def _total_tersimpan(
    org_ids: list[int], tahun: int, bulan: int
) -> tuple[dict[int, dict[int, Fraction | None]], dict[int, list[int]]]:
    """Each organisasi's stored, still valid totals for months 1..bulan, and the months that
    have none. Two queries."""
    versi: dict[tuple[int, int], int] = {
        (o, b): v
        for o, b, v in VersiMasukan.objects.filter(
            organisasi_id__in=org_ids, tahun=tahun
        ).values_list("organisasi_id", "bulan", "versi")
    }
    total: dict[int, dict[int, Fraction | None]] = defaultdict(dict)
    for o, b, vd, vb, t in HasilBulan.objects.filter(
        organisasi_id__in=org_ids, tahun=tahun, bulan__lte=bulan
    ).values_list("organisasi_id", "bulan", "versi_definisi", "versi_bulan", "total"):
        if vd == versi.get((o, 0), 0) and vb == versi.get((o, b), 0):
            total[o][b] = pecahan_teks(t)
    kurang = {
        o: [b for b in range(1, bulan + 1) if b not in total[o]]
        for o in org_ids
        if len(total[o]) < bulan
    }
    return total, kurang


def hitung_rekap(
    organisasi: Iterable[Organisasi] | QuerySet, tahun: int, bulan: int, *, wilayah=None
) -> Rekap:
    """The roll-up of ``organisasi`` for the month. Five queries when every month is stored
    (and one for the organisasi when given a queryset);
    an organisasi with months to compute adds ``hasil_bulan``'s few."""
    daftar = list(organisasi)
    ids = [o.pk for o in daftar]
    bidang_total = dict(
        Rumus.objects.filter(organisasi_id__in=ids, tahun=tahun)
        .values("organisasi_id")
        .annotate(n=Count("bidang_id", distinct=True))
        .values_list("organisasi_id", "n")
    )
    diajukan = dict(
        PengajuanBulan.objects.filter(
            bidang__organisasi_id__in=ids,
            tahun=tahun,
            bulan=bulan,
            status__in=[StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI],
        )
        .filter(Q(bidang__rumus__tahun=tahun))
        .values("bidang__organisasi_id")
        .annotate(n=Count("bidang_id", distinct=True))
        .values_list("bidang__organisasi_id", "n")
    )
    tertanda = {
        o: (v, t)
        for o, v, t in KunciBulan.objects.filter(
            organisasi_id__in=ids, tahun=tahun, bulan=bulan
        ).values_list("organisasi_id", "laporan__versi", "laporan__token")
    }
    berdefinisi = [o for o in ids if bidang_total.get(o)]
    total, kurang = _total_tersimpan(berdefinisi, tahun, bulan)
    galat: dict[int, str] = {}
    dihitung = 0
    per_pk = {o.pk: o for o in daftar}
    for o, bulan_kurang in kurang.items():
        try:
            for b, r in hasil_bulan(per_pk[o], tahun, bulan_kurang).items():
                total[o][b] = r.total
        except engine.PerhitunganError as exc:
            galat[o] = str(exc)
        dihitung += len(bulan_kurang)
    baris = []
    for org in daftar:
        ada = bool(bidang_total.get(org.pk))
        per_bulan = total.get(org.pk, {})
        v, t = tertanda.get(org.pk, (None, None))
        sah = ada and org.pk not in galat
        baris.append(
            BarisRekap(
                organisasi=org,
                bulan=bulan,
                ada_definisi=ada,
                total_bulan=per_bulan.get(bulan) if sah else None,
                capaian_sd_bulan=engine.capaian_sd(per_bulan, bulan) if sah else None,
                bidang_diajukan=diajukan.get(org.pk, 0),
                bidang_total=bidang_total.get(org.pk, 0),
                versi=v,
                token=t,
                galat=galat.get(org.pk, ""),
            )
        )
    return Rekap(tahun=tahun, bulan=bulan, wilayah=wilayah, baris=baris, dihitung=dihitung)


def organisasi_wilayah(wilayah: Wilayah | None) -> QuerySet:
    qs = Organisasi.objects.order_by("nama")
    return qs if wilayah is None else qs.filter(wilayah=wilayah)


def _angka(nilai: Fraction | None) -> Decimal | None:
    return None if nilai is None else to_decimal(nilai)


def ke_json(rekap: Rekap) -> dict[str, Any]:
    """``rekap_wilayah``'s JSON: unrounded figures in percent units, null where none."""
    return {
        "tahun": rekap.tahun,
        "bulan": rekap.bulan,
        "wilayah": rekap.wilayah.slug if rekap.wilayah else None,
        "organisasi": [
            {
                "slug": b.organisasi.slug,
                "nama": b.organisasi.nama,
                "total_bulan": _angka(b.total_bulan),
                "capaian_sd_bulan": _angka(b.capaian_sd_bulan),
                "target": {
                    "bawah": _angka(Fraction(b.organisasi.target_bawah)),
                    "atas": _angka(Fraction(b.organisasi.target_atas)),
                },
                "bidang_diajukan": b.bidang_diajukan,
                "bidang_total": b.bidang_total,
                "disetujui": b.disetujui,
                "versi": b.versi,
                "verifikasi": url_verifikasi(b.token) if b.token else None,
                "galat": b.galat or None,
            }
            for b in rekap.baris
        ],
    }
