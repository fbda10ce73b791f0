"""Indicator definitions: Organisasi -> Program -> Indikator -> Rumus, versioned by year.

A year's definitions are their own rows (Program carries ``tahun``), so importing 2026
never touches the rows a 2025 report was computed from.
"""

from fractions import Fraction

from django.db import models
from django.db.models import Q

from organisasi.models import Bidang, Organisasi

# The faktor a rumus takes from its periode when none is set (docs/perhitungan.md).
FAKTOR_DEFAULT = {
    "bulanan": Fraction(1, 12),
    "triwulan": Fraction(1, 4),
    "semester": Fraction(1, 2),
    "tahunan": Fraction(1),
    "sesuai kondisi": Fraction(1, 12),
}


def default_faktor(periode: str) -> Fraction:
    return FAKTOR_DEFAULT.get(periode, Fraction(1, 12))


class Agregasi(models.TextChoices):
    RATA_RATA = "rata-rata", "Rata-rata"
    JUMLAH = "jumlah", "Jumlah"
    RASIO_GABUNGAN = "rasio gabungan", "Rasio gabungan"


class Periode(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULAN = "triwulan", "Triwulan"
    SEMESTER = "semester", "Semester"
    TAHUNAN = "tahunan", "Tahunan"
    SESUAI_KONDISI = "sesuai kondisi", "Sesuai kondisi"


class JenisIndikator(models.TextChoices):
    # The planning issue adds count ("jumlah") and score ("nilai") indicators here.
    PERSENTASE = "persentase", "Persentase"


class ProgramQuerySet(models.QuerySet):
    def untuk_tahun(self, organisasi: Organisasi, tahun: int) -> "ProgramQuerySet":
        return self.filter(organisasi=organisasi, tahun=tahun)


class Program(models.Model):
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="program", verbose_name="organisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    kode = models.CharField("kode program", max_length=40)
    nama = models.CharField("nama program", max_length=300)
    sasaran = models.TextField("sasaran program", blank=True)
    indikator_program = models.TextField("indikator program", blank=True)
    target_teks = models.CharField("target", max_length=100, blank=True, help_text="Mis. 90-100%")
    urutan = models.PositiveIntegerField("urutan", default=0)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["organisasi", "tahun", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "kode"], name="program_kode_unik_per_tahun"
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000) & Q(tahun__lte=2100), name="program_tahun_wajar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama} ({self.tahun})"


class Indikator(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="indikator", verbose_name="program"
    )
    kode = models.CharField("kode indikator", max_length=40)
    nama = models.CharField("nama indikator", max_length=500)
    jenis = models.CharField(
        "jenis", max_length=20, choices=JenisIndikator.choices, default=JenisIndikator.PERSENTASE
    )
    agregasi = models.CharField(
        "agregasi", max_length=20, choices=Agregasi.choices, default=Agregasi.RATA_RATA
    )
    bobot_pembilang = models.PositiveIntegerField("bobot (pembilang)", default=1)
    bobot_penyebut = models.PositiveIntegerField("bobot (penyebut)", default=1)
    konsep_definisi = models.TextField("konsep/definisi", blank=True)
    rumus_teks = models.TextField("rumus", blank=True)
    satuan = models.CharField("satuan", max_length=100, blank=True)
    regulasi = models.TextField("regulasi", blank=True)
    periode_pengukuran = models.CharField("periode pengukuran", max_length=200, blank=True)
    sifat_target = models.CharField("sifat target", max_length=100, blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["program", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kode"], name="indikator_kode_unik_per_program"
            ),
            models.CheckConstraint(
                condition=Q(bobot_pembilang__gt=0) & Q(bobot_penyebut__gt=0),
                name="indikator_bobot_positif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def bobot(self) -> Fraction:
        return Fraction(self.bobot_pembilang, self.bobot_penyebut)


class RumusQuerySet(models.QuerySet):
    def untuk_tahun(self, organisasi: Organisasi, tahun: int) -> "RumusQuerySet":
        return self.filter(organisasi=organisasi, tahun=tahun)


class Rumus(models.Model):
    # organisasi and tahun repeat the program's so that kode_rumus is unique per year in the
    # database itself; only the workbook import writes them, always from the program.
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="rumus", verbose_name="organisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="rumus", verbose_name="indikator"
    )
    kode = models.CharField("kode rumus", max_length=40)
    bidang = models.ForeignKey(
        Bidang, on_delete=models.PROTECT, related_name="rumus", verbose_name="bidang"
    )
    uraian = models.TextField("uraian (pembilang)")
    penyebut = models.TextField("penyebut", blank=True)
    periode = models.CharField(
        "periode", max_length=20, choices=Periode.choices, default=Periode.BULANAN
    )
    faktor_pembilang = models.PositiveIntegerField(
        "faktor tahunan (pembilang)", null=True, blank=True
    )
    faktor_penyebut = models.PositiveIntegerField(
        "faktor tahunan (penyebut)", null=True, blank=True
    )
    bobot_pembilang = models.PositiveIntegerField("bobot (pembilang)", default=1)
    bobot_penyebut = models.PositiveIntegerField("bobot (penyebut)", default=1)
    pembagi_default = models.DecimalField(
        "pembagi default", max_digits=20, decimal_places=4, null=True, blank=True
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    objects = RumusQuerySet.as_manager()

    class Meta:
        verbose_name = "rumus"
        verbose_name_plural = "rumus"
        ordering = ["organisasi", "tahun", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "kode"], name="rumus_kode_unik_per_tahun"
            ),
            models.CheckConstraint(
                condition=(
                    Q(faktor_pembilang__isnull=True, faktor_penyebut__isnull=True)
                    | Q(faktor_pembilang__gt=0, faktor_penyebut__gt=0)
                ),
                name="rumus_faktor_positif_atau_default",
            ),
            models.CheckConstraint(
                condition=Q(bobot_pembilang__gt=0) & Q(bobot_penyebut__gt=0),
                name="rumus_bobot_positif",
            ),
            models.CheckConstraint(
                condition=Q(pembagi_default__isnull=True) | Q(pembagi_default__gte=0),
                name="rumus_pembagi_default_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:60]}"

    @property
    def faktor_diatur(self) -> Fraction | None:
        """The factor the office set, or None when the periode's default applies."""
        if self.faktor_pembilang is None or self.faktor_penyebut is None:
            return None
        return Fraction(self.faktor_pembilang, self.faktor_penyebut)

    @property
    def faktor(self) -> Fraction:
        diatur = self.faktor_diatur
        return diatur if diatur is not None else default_faktor(self.periode)

    @property
    def bobot(self) -> Fraction:
        return Fraction(self.bobot_pembilang, self.bobot_penyebut)
