"""The entry page's forms: one small Django form per rumus row (prefix ``r-<pk>``, so its
fields are ``r-N-pembagi``, ``r-N-realisasi``, ``r-N-keterangan``, ``r-N-versi``,
``r-N-asal``), gathered by ``FormEntri``, which also computes the page's figures with the
real engine from the typed values."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Any

from django import forms
from django.http import QueryDict

from capaian import engine
from capaian.models import Realisasi
from capaian.selectors import DataTahun, Entri
from capaian.services import IsianBaris, Konflik, NilaiBaris
from capaian.tampilan import label_indikator
from capaian.validasi import (
    IsianError,
    Riwayat,
    baca_angka,
    galat_pembagi,
    peringatan,
    riwayat_baris,
)
from dasar.angka import format_angka, format_persen, nama_bulan
from dasar.tampilan import format_waktu, nama_orang, teks_isian, teks_nilai
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang

KETERANGAN_MAKS = 1000
KOLOM_ISIAN = ("pembagi", "realisasi", "keterangan")
PERLU_KETERANGAN = "perlu_keterangan"


def seperti_input(teks: str) -> str:
    """A stored keterangan as a one-line text input holds it: browsers drop CR and LF from an
    input's value (notes from a workbook or the admin may have line breaks). Rendering and
    ``asal`` use this form, so an untouched row compares equal and is not rewritten."""
    return teks.replace("\r", "").replace("\n", "").strip()


def teks_asal(nilai: NilaiBaris) -> str:
    """The hidden ``r-N-asal``: the values as rendered, as exact decimal text in JSON."""

    def angka(v: Decimal | None) -> str | None:
        return None if v is None else format(v.normalize(), "f")

    return json.dumps(
        [angka(nilai.pembagi), angka(nilai.realisasi), nilai.keterangan], ensure_ascii=False
    )


def baca_asal(teks: str) -> NilaiBaris | None:
    """``teks_asal`` read back; None when it is missing or not ours (the row then counts as
    changed, and the versi check still guards it)."""
    try:
        pembagi, realisasi, keterangan = json.loads(teks)
        angka = [None if v is None else Decimal(str(v)) for v in (pembagi, realisasi)]
    except (ValueError, TypeError, InvalidOperation, RecursionError):
        return None
    if any(v is not None and not v.is_finite() for v in angka) or not isinstance(keterangan, str):
        return None
    return NilaiBaris(angka[0], angka[1], keterangan)


@dataclass(frozen=True)
class AwalBaris:
    """What the page shows in a row before anyone types: this month's stored values; for a
    month with no row yet, the previous month's pembagi, else the rumus's default."""

    nilai: NilaiBaris
    versi: int
    tersimpan: Realisasi | None

    @classmethod
    def untuk(
        cls, rumus: Rumus, data: DataTahun, bulan: int, tersimpan: Realisasi | None
    ) -> "AwalBaris":
        if tersimpan is not None:
            return cls(
                NilaiBaris(
                    tersimpan.pembagi, tersimpan.realisasi, seperti_input(tersimpan.keterangan)
                ),
                tersimpan.versi,
                tersimpan,
            )
        lalu = data.realisasi.get((rumus.pk, bulan - 1))
        pembagi = lalu.pembagi if lalu is not None and lalu.pembagi is not None else None
        if pembagi is None:
            pembagi = rumus.pembagi_default
        return cls(NilaiBaris(pembagi=pembagi), 0, None)


def _pesan(label: str) -> dict[str, str]:
    return {"max_length": f"{label}: paling banyak %(limit_value)d karakter."}


class BarisForm(forms.Form):
    pembagi = forms.CharField(required=False, max_length=40, error_messages=_pesan("Pembagi"))
    realisasi = forms.CharField(required=False, max_length=40, error_messages=_pesan("Realisasi"))
    # No max_length here: the limit applies to the user's own change only (clean), so a long
    # note that came from an import or the admin never blocks saving the other rows.
    keterangan = forms.CharField(required=False)
    versi = forms.CharField(required=False, max_length=12)
    asal = forms.CharField(required=False, max_length=4000)

    def __init__(
        self,
        data: QueryDict | dict | None = None,
        *,
        rumus: Rumus,
        awal: AwalBaris,
        riwayat: Riwayat,
    ) -> None:
        self.rumus = rumus
        self.awal = awal
        self.riwayat = riwayat
        self.peringatan: list[str] = []
        super().__init__(
            data,
            prefix=f"r-{rumus.pk}",
            initial={
                "pembagi": teks_isian(awal.nilai.pembagi),
                "realisasi": teks_isian(awal.nilai.realisasi),
                "keterangan": awal.nilai.keterangan,
                "versi": awal.versi,
                "asal": teks_asal(awal.nilai),
            },
        )

    def _angka(self, kolom: str, label: str) -> Decimal | None:
        try:
            return baca_angka(self.cleaned_data[kolom], label)
        except IsianError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def clean_pembagi(self) -> Decimal | None:
        return self._angka("pembagi", "Pembagi")

    def clean_realisasi(self) -> Decimal | None:
        return self._angka("realisasi", "Realisasi")

    def clean_versi(self) -> int:
        # Only our hidden field sends it; anything unreadable counts as "no row", which can
        # never overwrite a stored row (its versi is at least 1): at worst a conflict.
        teks = self.cleaned_data["versi"].strip()
        return int(teks) if teks.isascii() and teks.isdigit() else 0

    def clean_asal(self) -> NilaiBaris | None:
        return baca_asal(self.cleaned_data["asal"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "pembagi" not in data or "realisasi" not in data:
            return data
        nilai = NilaiBaris(data["pembagi"], data["realisasi"], data.get("keterangan", ""))
        asal = data.get("asal")
        if asal is not None and nilai == asal:
            return data  # not this user's change: stored data is not judged again here
        if len(nilai.keterangan) > KETERANGAN_MAKS:
            self.add_error("keterangan", f"Keterangan: paling banyak {KETERANGAN_MAKS} karakter.")
            return data
        efektif = self.pembagi_efektif(nilai.pembagi)
        galat = galat_pembagi(nilai.realisasi, efektif)
        if galat:
            self.add_error("pembagi", galat)
            return data
        angka_berubah = asal is None or (nilai.pembagi, nilai.realisasi) != (
            asal.pembagi,
            asal.realisasi,
        )
        if angka_berubah:
            self.peringatan = peringatan(nilai.realisasi, efektif, self.riwayat)
            if self.peringatan and "keterangan" in data and not data["keterangan"]:
                self.add_error(
                    "keterangan",
                    forms.ValidationError(
                        "Keterangan wajib diisi untuk menjelaskan peringatan pada baris ini.",
                        code=PERLU_KETERANGAN,
                    ),
                )
        return data

    def pembagi_efektif(self, pembagi: Decimal | None) -> Decimal | None:
        return pembagi if pembagi is not None else self.rumus.pembagi_default

    @property
    def diubah(self) -> bool:
        """The user's change: values that differ from what the page showed (a row whose
        numbers cannot be read counts as changed too)."""
        if not self.is_bound or not self.is_valid():
            return self.is_bound and bool(self.errors)
        return self.isian().diubah

    def nilai(self) -> NilaiBaris:
        d = self.cleaned_data
        return NilaiBaris(d["pembagi"], d["realisasi"], d["keterangan"])

    def isian(self) -> IsianBaris:
        return IsianBaris(
            rumus_id=self.rumus.pk,
            nilai=self.nilai(),
            versi=self.cleaned_data["versi"],
            asal=self.cleaned_data["asal"],
        )


@dataclass
class BarisEntri:
    """One row of the page: its rumus, its form, and its computed figures."""

    rumus: Rumus
    form: BarisForm
    persen: Fraction | None = None
    persen_tahunan: Fraction | None = None
    konflik: Konflik | None = None  # set on a 409 page: what someone else stored meanwhile

    @property
    def tersimpan(self) -> Realisasi | None:
        return self.form.awal.tersimpan

    @property
    def prefix(self) -> str:
        return self.form.prefix

    @property
    def persen_teks(self) -> str:
        return format_persen(self.persen)

    @property
    def persen_tahunan_teks(self) -> str:
        return format_persen(self.persen_tahunan)

    @property
    def pembagi_bawaan(self) -> str:
        d = self.rumus.pembagi_default
        return "" if d is None else format_angka(d)

    @property
    def terakhir(self) -> str:
        r = self.tersimpan
        if r is None:
            return ""
        return f"{nama_orang(r.diisi_oleh)}, {format_waktu(r.diubah_pada)}"

    @property
    def realisasi_kosong(self) -> bool:
        if self.form.is_bound and self.form.is_valid():
            return self.form.cleaned_data["realisasi"] is None
        return self.form.awal.nilai.realisasi is None

    @property
    def pembagi_tampil(self) -> str:
        """Read-only display: the stored pembagi, else the default the report uses."""
        r = self.tersimpan
        if r is not None and r.pembagi is not None:
            return format_angka(r.pembagi)
        return self.pembagi_bawaan or "-"

    @property
    def realisasi_tampil(self) -> str:
        r = self.tersimpan
        return teks_nilai(r.realisasi if r is not None else None)

    @property
    def pembagi_dari_bawaan(self) -> bool:
        r = self.tersimpan
        return (r is None or r.pembagi is None) and self.rumus.pembagi_default is not None

    def galat(self, *, saat_mengetik: bool = False) -> dict[str, list[str]]:
        """Messages per field. While typing, a missing keterangan is not yet an error: the
        warning itself asks for one (saving refuses it)."""
        if not self.form.is_bound:
            return {}
        hasil = {}
        for kolom, daftar in self.form.errors.as_data().items():
            if kolom not in KOLOM_ISIAN:
                continue
            pesan = [
                m
                for e in daftar
                if not (saat_mengetik and e.code == PERLU_KETERANGAN)
                for m in e.messages
            ]
            if pesan:
                hasil[kolom] = pesan
        return hasil

    def nilai_efektif(self) -> NilaiBaris | None:
        """The values the figures use: the user's change when its numbers are valid (a
        keterangan still owed does not matter here), else None (the stored row)."""
        form = self.form
        if not form.is_bound:
            return None
        if not form.is_valid():
            hanya_keterangan = all(
                e.code == PERLU_KETERANGAN for daftar in form.errors.as_data().values()
                for e in daftar
            )  # fmt: skip
            if not hanya_keterangan:
                return None
        d = form.cleaned_data
        nilai = NilaiBaris(d["pembagi"], d["realisasi"], d.get("keterangan", ""))
        asal = d.get("asal")
        return None if asal is not None and nilai == asal else nilai


@dataclass
class KelompokIndikator:
    indikator: Indikator
    baris: list[BarisEntri]


@dataclass
class KelompokProgram:
    program: Program
    indikator: list[KelompokIndikator]


@dataclass(frozen=True)
class GarisRingkasan:
    kunci: str
    label: str
    nilai: str
    jenis: str  # "indikator", "program", "total"
    milik_bidang: bool = False


@dataclass(frozen=True)
class Ringkasan:
    garis: tuple[GarisRingkasan, ...]
    total_bulan: str
    capaian_sd_bulan_lalu: str
    capaian_sd_bulan: str


class FormEntri:
    """A bidang's month: the rows (bound to the POST when there is one) and the figures."""

    def __init__(
        self,
        *,
        data: DataTahun,
        bidang: Bidang,
        bulan: int,
        tersimpan: dict[int, Realisasi],
        post: QueryDict | dict | None = None,
        total_sebelum: Mapping[int, Fraction | None] | None = None,
    ) -> None:
        """``total_sebelum``: the totals of months 1..bulan-1 (stored results, see
        ``capaian.hasil``); without it they are computed here from ``data``."""
        self.data = data
        self.total_sebelum = total_sebelum
        self.tersimpan = tersimpan
        self.bidang = bidang
        self.tahun = data.tahun
        self.bulan = bulan
        self.kelompok: list[KelompokProgram] = []
        self.baris: list[BarisEntri] = []
        for program in data.program:
            kelompok_indikator = []
            for indikator in program.indikator.all():
                baris = []
                for rumus in indikator.rumus.all():
                    if rumus.bidang_id != bidang.pk:
                        continue
                    form = BarisForm(
                        post if post is not None and _hadir(post, rumus) else None,
                        rumus=rumus,
                        awal=AwalBaris.untuk(rumus, data, bulan, tersimpan.get(rumus.pk)),
                        riwayat=riwayat_baris(data, rumus, bulan),
                    )
                    baris.append(BarisEntri(rumus, form))
                if baris:
                    kelompok_indikator.append(KelompokIndikator(indikator, baris))
                    self.baris.extend(baris)
            if kelompok_indikator:
                self.kelompok.append(KelompokProgram(program, kelompok_indikator))

    def is_valid(self) -> bool:
        return all(b.form.is_valid() for b in self.baris if b.form.is_bound)

    @property
    def ada_galat(self) -> bool:
        return not self.is_valid()

    def isian(self) -> list[IsianBaris]:
        """The submitted rows (a row whose fields were not posted at all is left alone)."""
        return [b.form.isian() for b in self.baris if b.form.is_bound]

    @property
    def kosong(self) -> int:
        return sum(1 for b in self.baris if b.realisasi_kosong)

    @property
    def galat_ringkas(self) -> list[tuple[BarisEntri, str, str]]:
        """(row, field, message) for the summary above the table."""
        return [(b, kolom, pesan) for b in self.baris for kolom, daftar in b.galat().items()
                for pesan in daftar]  # fmt: skip

    @cached_property
    def ringkasan(self) -> Ringkasan:
        """The figures (and each row's percentages), computed when first shown: a successful
        save (303) never shows them, so it never computes them."""
        return self._hitung()

    def _hitung(self) -> Ringkasan:
        bulan = self.bulan
        realisasi = dict(self.data.realisasi)
        for b in self.baris:
            nilai = b.nilai_efektif()
            if nilai is None:
                continue
            kunci = (b.rumus.pk, bulan)
            if nilai.kosong:
                realisasi.pop(kunci, None)
            else:
                realisasi[kunci] = Entri(nilai.pembagi, nilai.realisasi, nilai.keterangan)
        data = DataTahun(
            self.data.organisasi, self.tahun, self.data.program, realisasi, self.data.lengkap
        )
        if self.total_sebelum is not None:
            totals = {b: self.total_sebelum.get(b) for b in range(1, bulan)}
        else:
            totals = {b: self.data.hitung_bulan(b).total for b in range(1, bulan)}
        hasil = data.hitung_bulan(bulan)
        totals[bulan] = hasil.total

        per_rumus = {}
        garis = []
        for n, (program, hp) in enumerate(zip(data.program, hasil.program, strict=True)):
            milik = False
            for indikator, hi in zip(program.indikator.all(), hp.indikator, strict=True):
                for rumus, hb in zip(indikator.rumus.all(), hi.rumus, strict=True):
                    per_rumus[rumus.pk] = hb
                    milik = milik or rumus.bidang_id == self.bidang.pk
                if len(hp.indikator) > 1:
                    garis.append(
                        GarisRingkasan(
                            f"i{indikator.pk}",
                            label_indikator(hi),
                            format_persen(hi.nilai),
                            "indikator",
                            any(r.bidang_id == self.bidang.pk for r in indikator.rumus.all()),
                        )
                    )
            garis.append(
                GarisRingkasan(
                    f"p{n}",
                    f"Persentase Realisasi Program {program.nama}",
                    format_persen(hp.nilai),
                    "program",
                    milik,
                )
            )
        total = format_persen(hasil.total, 2)
        garis.append(
            GarisRingkasan(
                "total",
                f"Persentase Capaian TOTAL {nama_bulan(bulan).upper()} {self.tahun}",
                total,
                "total",
            )
        )
        for b in self.baris:
            hb = per_rumus[b.rumus.pk]
            b.persen, b.persen_tahunan = hb.persen, hb.persen_tahunan
        return Ringkasan(
            garis=tuple(garis),
            total_bulan=total,
            capaian_sd_bulan_lalu=format_persen(engine.capaian_sd(totals, bulan - 1), 2),
            capaian_sd_bulan=format_persen(engine.capaian_sd(totals, bulan), 2),
        )

    def pratinjau(self) -> dict[str, Any]:
        """The live preview's JSON: formatted figures, field errors and warnings."""
        ringkasan = self.ringkasan  # also sets each row's percentages, read below
        return {
            "baris": {
                str(b.rumus.pk): {
                    "persen": b.persen_teks,
                    "persen_tahunan": b.persen_tahunan_teks,
                    "galat": b.galat(saat_mengetik=True),
                    "peringatan": b.form.peringatan if b.form.is_bound else [],
                }
                for b in self.baris
            },
            "ringkasan": {g.kunci: g.nilai for g in ringkasan.garis},
            "total_bulan": ringkasan.total_bulan,
            "capaian_sd_bulan_lalu": ringkasan.capaian_sd_bulan_lalu,
            "capaian_sd_bulan": ringkasan.capaian_sd_bulan,
            "kosong": self.kosong,
            "galat": sum(len(b.galat(saat_mengetik=True)) for b in self.baris),
        }


def _hadir(post: QueryDict | dict, rumus: Rumus) -> bool:
    return any(f"r-{rumus.pk}-{kolom}" in post for kolom in KOLOM_ISIAN)


def segarkan(
    post: QueryDict, entri: FormEntri, data: DataTahun, tersimpan: dict[int, Realisasi]
) -> QueryDict:
    """After a conflict: keep what the user typed in the rows they changed, but carry the
    stored versi and values now current (``data``, ``tersimpan``, read again), so that a
    deliberate second save overwrites; the rows they did not change show what is stored now."""
    hasil = post.copy()
    for b in entri.baris:
        if b.form.is_bound and b.form.diubah:
            awal = AwalBaris.untuk(b.rumus, data, entri.bulan, tersimpan.get(b.rumus.pk))
            hasil[f"{b.prefix}-versi"] = str(awal.versi)
            hasil[f"{b.prefix}-asal"] = teks_asal(awal.nilai)
        else:
            for kolom in (*KOLOM_ISIAN, "versi", "asal"):
                hasil.pop(f"{b.prefix}-{kolom}", None)
    return hasil


class KembalikanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk bidang",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Tulis catatan: apa yang perlu diperbaiki bidang.",
            "max_length": "Catatan paling banyak %(limit_value)d karakter.",
        },
    )


def _sepekan_lagi():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=7)


class PengecualianForm(forms.Form):
    """The Kepala Dinas's exception to expiry: until when, and why (both in the trail)."""

    sampai = forms.DateField(
        label="Boleh diisi sampai",
        initial=_sepekan_lagi,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Isi tanggal akhir pengecualian.",
            "invalid": "Tanggal tidak dikenali; tulis TTTT-BB-HH.",
        },
    )
    alasan = forms.CharField(
        label="Alasan",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tulis alasan pengecualian (tercatat di jejak audit)."},
    )

    def clean_sampai(self):
        from django.utils import timezone

        sampai = self.cleaned_data["sampai"]
        if sampai < timezone.localdate():
            raise forms.ValidationError("Tanggal akhir pengecualian sudah lewat.")
        return sampai
