"""The performance plans of an organisasi: each a document of one kind (``JenisRencana``: an
IKU decree, a Renstra, IKU derived from the RPJMD) for its own period. Plans of different
kinds may cover the same years (Palangka Raya's IKU decree 2025 beside a Renstra 2025-2029);
plans of one kind may not overlap (``Renstra.clean``, and the import under the organisasi's
row lock). Which plan a year's achievement uses is ``rencana.selectors.dokumen_acuan``.

Renstra -> Elemen (Tujuan, Sasaran Strategis, Program, Kegiatan, Sub Kegiatan: the cascade)
and IndikatorRencana (Indikator Tujuan, IKU, IKK, SPM and the cascade's indicators), each
with a TargetTahunan per year and, where it is not tied to monthly rows, RealisasiRencana per
quarter. The performance tree (pohon kinerja) is SimpulPohon. The arithmetic is
``rencana.engine`` and docs/rencana.md.
"""

from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models, transaction
from django.db.models import Q

from dasar.angka import format_angka
from organisasi.models import Bidang, Organisasi


class JenisRencana(models.TextChoices):
    """The kinds of plan document. The value is also the plan's key in its URLs
    (``iku-2025``, ``renstra-2025``); the order is the precedence of ``dokumen_acuan``."""

    KEPUTUSAN_IKU = "iku", "Keputusan IKU"
    RENSTRA = "renstra", "Renstra"
    IKU_RPJMD = "rpjmd", "IKU turunan RPJMD"


# Which kind a year's achievement uses when several plans cover that year: the IKU decree of
# the year (it names what is measured that year: seed 002, KEEMPAT), else the Renstra, else
# the IKU derived from the RPJMD.
URUTAN_ACUAN = (JenisRencana.KEPUTUSAN_IKU, JenisRencana.RENSTRA, JenisRencana.IKU_RPJMD)


def jenis_bawaan(tahun_awal: int | None, tahun_akhir: int | None) -> str:
    """The kind of a plan that does not say: a one-year plan is an IKU decree, a longer one a
    Renstra (the migration and the workbook import use the same rule)."""
    if tahun_awal is not None and tahun_awal == tahun_akhir:
        return JenisRencana.KEPUTUSAN_IKU
    return JenisRencana.RENSTRA


def pesan_tumpang_tindih(jenis: str, awal: int, akhir: int, lain: "Renstra") -> str:
    """The refusal of a period that overlaps another plan of the same kind."""
    periode = str(awal) if awal == akhir else f"{awal}-{akhir}"
    nama = f" (“{lain.nama}”)" if lain.nama else ""
    return (
        f"Periode {periode} bertumpang tindih dengan {JenisRencana(jenis).label} "
        f"{lain.periode}{nama} yang sudah ada untuk organisasi ini: dokumen sejenis tidak "
        "boleh mencakup tahun yang sama. Ubah periodenya, ubah periode dokumen yang lain, "
        "atau pilih jenis dokumen lain."
    )


class Renstra(models.Model):
    """A plan document (the model keeps its first name; its kind is ``jenis``)."""

    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="renstra", verbose_name="organisasi"
    )
    jenis = models.CharField(
        "jenis dokumen",
        max_length=10,
        choices=JenisRencana.choices,
        default=JenisRencana.RENSTRA,
        help_text="Dokumen sejenis tidak boleh bertumpang tindih periodenya; jenis berbeda "
        "boleh (mis. Keputusan IKU 2025 di samping Renstra 2025-2029).",
    )
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    nama = models.CharField("nama dokumen", max_length=300, blank=True)
    nomor_keputusan = models.CharField("nomor keputusan", max_length=120, blank=True)
    tanggal_keputusan = models.DateField("tanggal keputusan", null=True, blank=True)
    penetap = models.CharField(
        "ditetapkan oleh", max_length=200, blank=True, help_text="Mis. A.n. Bupati Seruyan"
    )
    unit_kerja = models.CharField("unit kerja", max_length=200, blank=True)
    jabatan = models.CharField("jabatan", max_length=200, blank=True)
    tugas = models.TextField("tugas", blank=True)
    fungsi = models.TextField("fungsi", blank=True, help_text="Satu fungsi per baris")

    class Meta:
        verbose_name = "rencana strategis"
        verbose_name_plural = "rencana strategis"
        ordering = ["organisasi", "-tahun_awal"]
        constraints = [
            # The database's part of "no overlap within a kind" (a range exclusion needs
            # btree_gist on PostgreSQL): one plan per kind and first year. The rest is
            # Renstra.clean and the import's check under the organisasi's row lock.
            models.UniqueConstraint(
                fields=["organisasi", "jenis", "tahun_awal"], name="renstra_unik_per_jenis_awal"
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisRencana.values), name="renstra_jenis_sah"
            ),
            models.CheckConstraint(
                condition=Q(tahun_awal__gte=2000)
                & Q(tahun_akhir__gte=models.F("tahun_awal"))
                & Q(tahun_akhir__lte=models.F("tahun_awal") + 9),
                name="renstra_periode_wajar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi} {self.get_jenis_display()} {self.periode}"

    @property
    def kunci(self) -> str:
        """The plan in its URLs: ``renstra-2025``, ``iku-2025`` (unique per organisasi)."""
        return f"{self.jenis}-{self.tahun_awal}"

    @property
    def label(self) -> str:
        """``Renstra 2025-2029``, ``Keputusan IKU 2025``."""
        return f"{self.get_jenis_display()} {self.periode}"

    @property
    def tahun_kondisi_awal(self) -> int:
        """The baseline year before the plan (2024 for 2025-2029)."""
        return self.tahun_awal - 1

    @property
    def tahun_kondisi_akhir(self) -> int:
        """The end-of-period condition (seed 003 Tabel 4.2/4.3: 2030 for 2025-2029). It may
        carry targets; it is not a year of the plan (no achievement is measured in it)."""
        return self.tahun_akhir + 1

    def tahun_target_sah(self, tahun: int) -> bool:
        """A target may be set up to the end-of-period condition (and, as the workbook
        import has always allowed, for earlier years: the baseline year, a count of 2023)."""
        return tahun <= self.tahun_kondisi_akhir

    def bertumpang_tindih(self) -> "Renstra | None":
        """Another plan of this organisasi and kind sharing a year with this one."""
        if self.organisasi_id is None or self.tahun_awal is None or self.tahun_akhir is None:
            return None
        return (
            Renstra.objects.filter(
                organisasi_id=self.organisasi_id,
                jenis=self.jenis,
                tahun_awal__lte=self.tahun_akhir,
                tahun_akhir__gte=self.tahun_awal,
            )
            .exclude(pk=self.pk)
            .order_by("tahun_awal")
            .first()
        )

    def clean(self) -> None:
        awal, akhir = self.tahun_awal, self.tahun_akhir
        if awal is None or akhir is None:
            return
        if not awal <= akhir <= awal + 9:
            raise ValidationError(
                {"tahun_akhir": f"Tahun akhir harus antara {awal} dan {awal + 9}."}
            )
        if transaction.get_connection().in_atomic_block:
            # The admin validates and saves in one transaction: holding the organisasi's row
            # (as the workbook import does) makes two overlapping saves wait for each other.
            Organisasi.objects.select_for_update().filter(pk=self.organisasi_id).first()
        lain = self.bertumpang_tindih()
        if lain is not None:
            raise ValidationError(
                {"tahun_akhir": pesan_tumpang_tindih(self.jenis, awal, akhir, lain)}
            )

    @property
    def periode(self) -> str:
        """``2025-2029``; a one-year plan (an annual IKU decree) is just ``2025``."""
        if self.tahun_awal == self.tahun_akhir:
            return str(self.tahun_awal)
        return f"{self.tahun_awal}-{self.tahun_akhir}"

    @property
    def daftar_tahun(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class Tingkat(models.TextChoices):
    TUJUAN = "tujuan", "Tujuan"
    SASARAN = "sasaran", "Sasaran Strategis"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub kegiatan", "Sub Kegiatan"


# The parent each level hangs under in the cascade (Tabel 4.6 of seed 003).
INDUK_TINGKAT = {
    Tingkat.TUJUAN: None,
    Tingkat.SASARAN: Tingkat.TUJUAN,
    Tingkat.PROGRAM: Tingkat.SASARAN,
    Tingkat.KEGIATAN: Tingkat.PROGRAM,
    Tingkat.SUB_KEGIATAN: Tingkat.KEGIATAN,
}


class Elemen(models.Model):
    """A Tujuan, Sasaran Strategis, Program, Kegiatan or Sub Kegiatan of the plan."""

    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="elemen", verbose_name="renstra"
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name="induk",
    )
    tingkat = models.CharField("tingkat", max_length=20, choices=Tingkat.choices)
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama")
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "elemen rencana"
        verbose_name_plural = "elemen rencana"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="elemen_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tingkat_display()} {self.kode}: {self.nama[:60]}"


class Kelompok(models.TextChoices):
    TUJUAN = "tujuan", "Indikator Tujuan"
    IKU = "iku", "IKU"
    IKK = "ikk", "IKK"
    SPM = "spm", "SPM"
    KINERJA = "kinerja", "Indikator program/kegiatan"


class Jenis(models.TextChoices):
    PERSENTASE = "persentase", "Persentase"
    RASIO_GABUNGAN = "rasio gabungan", "Rasio gabungan"
    JUMLAH = "jumlah", "Jumlah"
    NILAI = "nilai", "Nilai"
    PENURUNAN = "penurunan", "Penurunan"


class Polaritas(models.TextChoices):
    NAIK = "naik", "Semakin tinggi semakin baik"
    TURUN = "turun", "Semakin rendah semakin baik"


class Sifat(models.TextChoices):
    KUMULATIF = "kumulatif", "Kumulatif"
    TIDAK_KUMULATIF = "tidak kumulatif", "Tidak Kumulatif"


class Bagian(models.TextChoices):
    PEMBILANG = "pembilang", "Pembilang (mis. tertangani)"
    PENYEBUT = "penyebut", "Penyebut (mis. terdata)"


class IndikatorRencana(models.Model):
    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="indikator", verbose_name="renstra"
    )
    elemen = models.ForeignKey(
        Elemen,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name="tujuan/sasaran/program/kegiatan",
    )
    kelompok = models.CharField("kelompok", max_length=10, choices=Kelompok.choices)
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama indikator")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    polaritas = models.CharField(
        "polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.NAIK
    )
    sifat_target = models.CharField(
        "sifat target", max_length=20, choices=Sifat.choices, default=Sifat.TIDAK_KUMULATIF
    )
    definisi = models.TextField("definisi operasional / penjelasan", blank=True)
    rumus = models.TextField("formulasi perhitungan", blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200, blank=True)
    sumber_data = models.TextField("sumber data", blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    layanan_dasar = models.TextField(
        "jenis pelayanan dasar (SPM)", blank=True, help_text="Hanya untuk indikator SPM"
    )
    bidang = models.ForeignKey(
        Bidang,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indikator_rencana",
        verbose_name="bidang penanggung jawab",
    )
    # Tied to monthly rows: the kode of an indikator.Indikator of the same organisasi in the
    # year being measured (or TOTAL: the month's Persentase Capaian TOTAL); its realisasi then
    # come from the monthly entry, never retyped.
    kode_bulanan = models.CharField("kode indikator bulanan", max_length=40, blank=True)
    # Penurunan: the counts compared year over year come from this indicator's pembilang or
    # penyebut (seed 003: the PPKS tertangani), unless a count is entered for the year.
    acuan = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indikator acuan (penurunan)",
    )
    acuan_bagian = models.CharField(
        "bagian acuan", max_length=10, choices=Bagian.choices, default=Bagian.PEMBILANG
    )
    urutan = models.PositiveIntegerField("urutan", default=0)
    # Its place in the IKK list (seed 003 Tabel 4.2), which also lists SPM indicators and the
    # decrease of PPKS: None = not listed there.
    urutan_ikk = models.PositiveSmallIntegerField("nomor dalam daftar IKK", null=True, blank=True)

    class Meta:
        verbose_name = "indikator rencana"
        verbose_name_plural = "indikator rencana"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_rencana_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama[:80]}"

    def clean(self) -> None:
        """The admin's check of what the workbook import also refuses."""
        galat = {}
        if self.acuan_id is not None:
            if self.jenis != Jenis.PENURUNAN:
                galat["acuan"] = "Indikator acuan hanya untuk indikator berjenis penurunan."
            elif self.acuan_id == self.pk:
                galat["acuan"] = "Indikator tidak dapat mengacu pada dirinya sendiri."
            elif self.acuan.jenis == Jenis.PENURUNAN:
                galat["acuan"] = "Acuan harus indikator yang jumlahnya dibandingkan."
            elif self.acuan.renstra_id != self.renstra_id:
                galat["acuan"] = "Acuan harus indikator dari rencana yang sama."
        if self.elemen_id is not None and self.elemen.renstra_id != self.renstra_id:
            galat["elemen"] = "Pilih tujuan/sasaran/program dari rencana yang sama."
        if galat:
            raise ValidationError(galat)


class TargetTahunan(models.Model):
    indikator = models.ForeignKey(
        IndikatorRencana, on_delete=models.CASCADE, related_name="target", verbose_name="indikator"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nilai = models.DecimalField("target", max_digits=20, decimal_places=4, null=True, blank=True)
    teks = models.CharField(
        "target (teks)", max_length=100, blank=True, help_text="Mis. 'B (Baik)'; dicetak bila ada"
    )
    nspk = models.DecimalField(
        "target NSPK (%)", max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "target tahunan"
        verbose_name_plural = "target tahunan"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik_per_tahun"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}"

    def clean(self) -> None:
        renstra = getattr(getattr(self, "indikator", None), "renstra", None)
        if renstra is None or self.tahun is None or renstra.tahun_target_sah(self.tahun):
            return
        raise ValidationError(
            {
                "tahun": f"Tahun {self.tahun} di luar rencana {renstra.periode}: target paling "
                f"akhir untuk kondisi akhir periode ({renstra.tahun_kondisi_akhir})."
            }
        )


class TargetTriwulan(models.Model):
    """A Rencana Aksi quarterly target of an indicator for a year (issue 15). For a Kumulatif
    indicator the values run cumulatively to the annual target (TW IV should equal it; a
    difference is warned, not refused); otherwise each is the quarter's own target."""

    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.CASCADE,
        related_name="target_triwulan",
        verbose_name="indikator",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    nilai = models.DecimalField("target", max_digits=20, decimal_places=4, null=True, blank=True)
    teks = models.CharField("target (teks)", max_length=100, blank=True)

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="target_triwulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name="target_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW{self.triwulan}"

    def clean(self) -> None:
        renstra = getattr(getattr(self, "indikator", None), "renstra", None)
        if renstra is None or self.tahun is None or self.tahun in renstra.daftar_tahun:
            return
        raise ValidationError(
            {"tahun": f"Tahun {self.tahun} bukan tahun rencana {renstra.periode}."}
        )


ROMAWI_TW = {1: "I", 2: "II", 3: "III", 4: "IV"}


def peringatan_triwulan(
    indikator: "IndikatorRencana", tahun: int, nilai: list, target_tahun
) -> list[str]:
    """Warnings (never refusals) about an indicator's four quarterly targets of ``tahun``
    (``nilai``: TW I..IV, Decimal or None) against its annual target (Decimal or None). A
    Kumulatif indicator's targets run cumulatively to the year's: TW IV should equal it and
    no quarter should fall below the one before."""
    if indikator.sifat_target != Sifat.KUMULATIF:
        return []
    pesan = []
    tw4 = nilai[3] if len(nilai) == 4 else None
    if tw4 is not None and target_tahun is not None and tw4 != target_tahun:
        pesan.append(
            f"Target TW IV {tahun} ({_angka(tw4)}) berbeda dengan target tahun {tahun} "
            f"({_angka(target_tahun)}): indikator ini Kumulatif, jadi target triwulan "
            "bertambah sampai target setahun pada TW IV."
        )
    terisi = [(n, v) for n, v in enumerate(nilai, start=1) if v is not None]
    for (n0, v0), (n1, v1) in pairwise(terisi):
        if v1 < v0:
            pesan.append(
                f"Target TW {ROMAWI_TW[n1]} ({_angka(v1)}) lebih kecil dari TW {ROMAWI_TW[n0]} "
                f"({_angka(v0)}): target Kumulatif biasanya tidak menurun."
            )
    return pesan


def _angka(nilai) -> str:
    return format_angka(nilai)


class PaguAnggaran(models.Model):
    """The budget (pagu, Rp) of a Program or Kegiatan of the plan for a year (issue 15): what
    a Perjanjian Kinerja lists, and the denominator of budget absorption."""

    elemen = models.ForeignKey(
        Elemen, on_delete=models.CASCADE, related_name="pagu", verbose_name="program/kegiatan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    pagu = models.DecimalField("pagu (Rp)", max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = "pagu anggaran"
        verbose_name_plural = "pagu anggaran"
        ordering = ["elemen", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["elemen", "tahun"], name="pagu_unik_per_tahun"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="pagu_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.elemen.kode} {self.tahun}: Rp {self.pagu}"

    @property
    def organisasi_id(self) -> int | None:
        """For the audit trail (``dasar.jejak.organisasi_dari``)."""
        return self.elemen.renstra.organisasi_id if self.elemen_id else None

    def clean(self) -> None:
        elemen = getattr(self, "elemen", None) if self.elemen_id else None
        if elemen is None:
            return
        if elemen.tingkat not in TINGKAT_ANGGARAN:
            raise ValidationError({"elemen": "Pagu hanya untuk Program atau Kegiatan."})
        if self.tahun is not None and self.tahun not in elemen.renstra.daftar_tahun:
            raise ValidationError(
                {"tahun": f"Tahun {self.tahun} bukan tahun rencana {elemen.renstra.periode}."}
            )


# The levels that carry a budget (pagu and its realisasi): Program and Kegiatan.
TINGKAT_ANGGARAN = (Tingkat.PROGRAM, Tingkat.KEGIATAN)


class RealisasiAnggaran(models.Model):
    """What a Program or Kegiatan spent IN a quarter (issue 15): the quarter's own amount,
    not the running total. Spending through Triwulan n is the sum of TW I..n; absorption
    (serapan) is that sum over the year's ``PaguAnggaran``. A quarter without a row counts as
    nothing spent; a year without any row has no absorption yet ("-")."""

    elemen = models.ForeignKey(
        Elemen,
        on_delete=models.CASCADE,
        related_name="realisasi_anggaran",
        verbose_name="program/kegiatan",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    nilai = models.DecimalField("realisasi triwulan itu (Rp)", max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["elemen", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["elemen", "tahun", "triwulan"], name="realisasi_anggaran_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4),
                name="realisasi_anggaran_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0), name="realisasi_anggaran_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.elemen.kode} {self.tahun} TW {self.triwulan}: Rp {self.nilai}"

    @property
    def organisasi_id(self) -> int | None:
        """For the audit trail (``dasar.jejak.organisasi_dari``)."""
        return self.elemen.renstra.organisasi_id if self.elemen_id else None

    def clean(self) -> None:
        PaguAnggaran(elemen_id=self.elemen_id, tahun=self.tahun, pagu=0).clean()


class AksiRencana(models.Model):
    """One line of a year's Rencana Aksi (seed 003 §2.3.3): a problem, the sasaran and
    indicator it serves, the action and its output with the output's own quarterly targets
    (text: "1 orang / 2 keluarga 2 lembaga"), its budget, what was done, what was spent, the
    evidence link and the responsible bidang. Edited by the organisasi's admin; the realisasi
    fields also by the staf of the line's bidang."""

    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="aksi", verbose_name="rencana"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nomor = models.PositiveSmallIntegerField("nomor urut")
    permasalahan = models.TextField("permasalahan", blank=True)
    sasaran = models.TextField("sasaran", blank=True)
    indikator_teks = models.TextField("indikator", blank=True)
    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aksi",
        verbose_name="indikator rencana (tautan)",
    )
    target = models.CharField("target", max_length=100, blank=True)
    rencana_aksi = models.TextField("rencana aksi")
    kegiatan = models.TextField("uraian kegiatan", blank=True)
    output = models.CharField("output", max_length=200, blank=True)
    indikator_output = models.TextField("indikator output", blank=True)
    tw1 = models.CharField("target TW I", max_length=100, blank=True)
    tw2 = models.CharField("target TW II", max_length=100, blank=True)
    tw3 = models.CharField("target TW III", max_length=100, blank=True)
    tw4 = models.CharField("target TW IV", max_length=100, blank=True)
    total = models.CharField("target total", max_length=100, blank=True)
    anggaran = models.DecimalField(
        "anggaran (Rp)", max_digits=18, decimal_places=2, null=True, blank=True
    )
    realisasi = models.TextField("realisasi", blank=True)
    realisasi_anggaran = models.DecimalField(
        "realisasi anggaran (Rp)", max_digits=18, decimal_places=2, null=True, blank=True
    )
    tautan_bukti = models.URLField(
        "tautan bukti",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Mis. tautan Google Drive ke bukti dukung",
    )
    bidang = models.ForeignKey(
        Bidang,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aksi_rencana",
        verbose_name="bidang penanggung jawab",
    )
    unit = models.CharField("unit", max_length=100, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diubah oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    versi = models.PositiveIntegerField("versi", default=1)

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["renstra", "tahun", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "tahun", "nomor"], name="aksi_rencana_nomor_unik"
            ),
            models.CheckConstraint(
                condition=(Q(anggaran__isnull=True) | Q(anggaran__gte=0))
                & (Q(realisasi_anggaran__isnull=True) | Q(realisasi_anggaran__gte=0)),
                name="aksi_rencana_anggaran_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"Rencana aksi {self.tahun} no. {self.nomor}: {self.rencana_aksi[:60]}"

    @property
    def target_triwulan(self) -> list[str]:
        return [self.tw1, self.tw2, self.tw3, self.tw4]

    def clean(self) -> None:
        galat = {}
        renstra = getattr(self, "renstra", None) if self.renstra_id else None
        if renstra is not None:
            if self.tahun is not None and self.tahun not in renstra.daftar_tahun:
                galat["tahun"] = f"Tahun {self.tahun} bukan tahun rencana {renstra.periode}."
            if self.indikator_id and self.indikator.renstra_id != renstra.pk:
                galat["indikator"] = "Pilih indikator dari rencana yang sama."
            if self.bidang_id and self.bidang.organisasi_id != renstra.organisasi_id:
                galat["bidang"] = "Pilih bidang organisasi rencana ini."
        if galat:
            raise ValidationError(galat)


class RealisasiRencana(models.Model):
    """What an indicator not tied to monthly rows achieved by the end of a quarter
    (triwulan 4 is the year). For a penurunan indicator ``nilai`` is the count of the year
    (e.g. PPKS in 2023), compared with the year before."""

    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.CASCADE,
        related_name="realisasi",
        verbose_name="indikator",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    nilai = models.DecimalField("nilai", max_digits=20, decimal_places=4, null=True, blank=True)
    pembilang = models.DecimalField(
        "pembilang", max_digits=20, decimal_places=4, null=True, blank=True
    )
    penyebut = models.DecimalField(
        "penyebut", max_digits=20, decimal_places=4, null=True, blank=True
    )
    teks = models.CharField("nilai (teks)", max_length=100, blank=True, help_text="Mis. 'CC'")
    keterangan = models.TextField("keterangan", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diisi oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    versi = models.PositiveIntegerField("versi", default=1)

    class Meta:
        verbose_name = "realisasi triwulan"
        verbose_name_plural = "realisasi triwulan"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="realisasi_rencana_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4),
                name="realisasi_rencana_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=(Q(nilai__isnull=True) | Q(nilai__gte=0))
                & (Q(pembilang__isnull=True) | Q(pembilang__gte=0))
                & (Q(penyebut__isnull=True) | Q(penyebut__gte=0)),
                name="realisasi_rencana_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW {self.triwulan}"


class Skala(models.TextChoices):
    CAPAIAN = "capaian", "Status capaian"
    SPM = "spm", "Kategori SPM"


class Pita(models.Model):
    """One band of a scale: capaian at or above ``batas_bawah`` (percent) gets this label,
    up to the next band. An organisasi without bands uses the defaults of rencana.pita."""

    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="pita", verbose_name="organisasi"
    )
    skala = models.CharField("skala", max_length=10, choices=Skala.choices)
    batas_bawah = models.DecimalField("batas bawah (%)", max_digits=7, decimal_places=2)
    label = models.CharField("label", max_length=60)
    warna = models.CharField(
        "warna",
        max_length=7,
        help_text="Mis. #1a7f37",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Tulis warna sebagai #rrggbb.")],
    )

    class Meta:
        verbose_name = "pita kategori"
        verbose_name_plural = "pita kategori"
        ordering = ["organisasi", "skala", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "skala", "batas_bawah"], name="pita_batas_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_skala_display()}: >= {self.batas_bawah}% {self.label}"


LEVEL_POHON = {
    0: "Ultimate Outcome",
    1: "Intermediate Outcome",
    2: "Immediate Outcome",
    3: "Immediate Outcome",
    4: "Output",
    5: "Output",
}


class SimpulPohon(models.Model):
    """A node of the performance tree: a condition (outcome/output) with its indicator."""

    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="simpul", verbose_name="renstra"
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name="induk",
    )
    level = models.PositiveSmallIntegerField("level")
    nama = models.TextField("kondisi / outcome / output")
    indikator_teks = models.TextField("indikator", blank=True)
    target_teks = models.CharField("target", max_length=100, blank=True)
    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="simpul",
        verbose_name="indikator rencana",
    )
    elemen = models.ForeignKey(
        Elemen,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="simpul",
        verbose_name="program/kegiatan/sub kegiatan",
    )
    jabatan = models.TextField("jabatan penanggung jawab", blank=True, help_text="Satu per baris")
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "simpul pohon kinerja"
        verbose_name_plural = "simpul pohon kinerja"
        ordering = ["renstra", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=0) & Q(level__lte=5), name="simpul_level_0_5"
            ),
        ]

    def __str__(self) -> str:
        return f"L{self.level} {self.nama[:60]}"

    @property
    def nama_level(self) -> str:
        return LEVEL_POHON.get(self.level, "")
