"""The performance plan of an organisasi for a period (Renstra, e.g. 2025-2029).

Renstra -> Elemen (Tujuan, Sasaran Strategis, Program, Kegiatan, Sub Kegiatan: the cascade)
and IndikatorRencana (Indikator Tujuan, IKU, IKK, SPM and the cascade's indicators), each
with a TargetTahunan per year and, where it is not tied to monthly rows, RealisasiRencana per
quarter. The performance tree (pohon kinerja) is SimpulPohon. The arithmetic is
``rencana.engine`` and docs/rencana.md.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from organisasi.models import Bidang, Organisasi


class Renstra(models.Model):
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="renstra", verbose_name="organisasi"
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
            models.UniqueConstraint(
                fields=["organisasi", "tahun_awal"], name="renstra_unik_per_tahun_awal"
            ),
            models.CheckConstraint(
                condition=Q(tahun_awal__gte=2000)
                & Q(tahun_akhir__gte=models.F("tahun_awal"))
                & Q(tahun_akhir__lte=models.F("tahun_awal") + 9),
                name="renstra_periode_wajar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi} {self.tahun_awal}-{self.tahun_akhir}"

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
