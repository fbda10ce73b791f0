"""Quarterly evaluation (issue 15): the analysis of each plan indicator per quarter (faktor
pendorong, faktor penghambat, tindak lanjut) and the supporting evidence (bukti dukung) that
SAKIP evaluators check. Sits above the plan (rencana); docs/evaluasi.md.

``AnalisisTriwulan`` carries a ``versi`` like the monthly realisasi: a save from a page that
showed an older versi is refused, naming who changed it (``evaluasi.services``).

``BuktiDukung`` is one file or one link attached to a target named by ``jenis``:

- ``indikator``: an indicator of the plan in a quarter (``indikator``, ``tahun``,
  ``triwulan``);
- ``bulanan``: a monthly row (``rumus``, ``tahun``, ``bulan``: the ``capaian.Realisasi`` of
  that rumus and month, which need not exist yet).

A later target (a Rencana Aksi line of the plan) is one more ``jenis`` value, one nullable
foreign key and one more branch of the ``bukti_sasaran_lengkap`` constraint: nothing else
changes (the files, their sniffing, download and audit are the same for every target).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from indikator.models import Rumus
from organisasi.models import Organisasi
from rencana.models import IndikatorRencana

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class AnalisisTriwulan(models.Model):
    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.CASCADE,
        related_name="analisis_triwulan",
        verbose_name="indikator",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    pendorong = models.TextField("faktor pendorong", blank=True)
    penghambat = models.TextField("faktor penghambat", blank=True)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diubah oleh",
    )
    nama_pengubah = models.CharField("nama pengubah", max_length=300, blank=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    versi = models.PositiveIntegerField("versi", default=1)

    class Meta:
        verbose_name = "analisis triwulan"
        verbose_name_plural = "analisis triwulan"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="analisis_triwulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name="analisis_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} Triwulan {ROMAWI.get(self.triwulan, '?')} {self.tahun}"

    @property
    def kosong(self) -> bool:
        return not (self.pendorong.strip() or self.penghambat.strip() or self.tindak_lanjut.strip())


class JenisSasaran(models.TextChoices):
    INDIKATOR = "indikator", "Indikator per triwulan"
    BULANAN = "bulanan", "Baris realisasi bulanan"
    AKSI = "aksi", "Baris rencana aksi"


class JenisBerkas(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "Gambar JPEG"
    PNG = "png", "Gambar PNG"
    XLSX = "xlsx", "Buku kerja Excel"
    DOCX = "docx", "Dokumen Word"
    TAUTAN = "tautan", "Tautan"


class BuktiDukung(models.Model):
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="+", verbose_name="organisasi"
    )
    jenis = models.CharField("sasaran", max_length=20, choices=JenisSasaran.choices)
    indikator = models.ForeignKey(
        IndikatorRencana,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bukti_dukung",
        verbose_name="indikator",
    )
    rumus = models.ForeignKey(
        Rumus,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rumus (baris bulanan)",
    )
    aksi = models.ForeignKey(
        "rencana.AksiRencana",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bukti_dukung",
        verbose_name="baris rencana aksi",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", null=True, blank=True)
    bulan = models.PositiveSmallIntegerField("bulan", null=True, blank=True)
    # A file in default_storage under a random name (evaluasi.berkas.jalur_acak), or a link.
    berkas = models.FileField("berkas", max_length=200, blank=True)
    tautan = models.URLField("tautan", max_length=1000, blank=True)
    jenis_berkas = models.CharField("jenis berkas", max_length=10, choices=JenisBerkas.choices)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    ukuran = models.PositiveBigIntegerField("ukuran (byte)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diunggah oleh",
    )
    nama_pengunggah = models.CharField("nama pengunggah", max_length=300, blank=True)
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["diunggah_pada", "pk"]
        indexes = [
            models.Index(fields=["indikator", "tahun", "triwulan"], name="bukti_indikator_tw"),
            models.Index(fields=["rumus", "tahun", "bulan"], name="bukti_bulanan"),
            models.Index(fields=["aksi"], name="bukti_aksi"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        jenis=JenisSasaran.INDIKATOR,
                        indikator__isnull=False,
                        rumus__isnull=True,
                        aksi__isnull=True,
                        triwulan__gte=1,
                        triwulan__lte=4,
                        bulan__isnull=True,
                    )
                    | Q(
                        jenis=JenisSasaran.BULANAN,
                        rumus__isnull=False,
                        indikator__isnull=True,
                        aksi__isnull=True,
                        bulan__gte=1,
                        bulan__lte=12,
                        triwulan__isnull=True,
                    )
                    | Q(
                        jenis=JenisSasaran.AKSI,
                        aksi__isnull=False,
                        indikator__isnull=True,
                        rumus__isnull=True,
                        triwulan__isnull=True,
                        bulan__isnull=True,
                    )
                ),
                name="bukti_sasaran_lengkap",
            ),
            models.CheckConstraint(
                condition=(Q(jenis_berkas=JenisBerkas.TAUTAN) & ~Q(tautan="") & Q(berkas=""))
                | (~Q(jenis_berkas=JenisBerkas.TAUTAN) & Q(tautan="") & ~Q(berkas="")),
                name="bukti_berkas_atau_tautan",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_berkas or self.tautan

    @property
    def adalah_tautan(self) -> bool:
        return self.jenis_berkas == JenisBerkas.TAUTAN

    @property
    def teks_ukuran(self) -> str:
        from evaluasi.berkas import teks_ukuran

        return teks_ukuran(self.ukuran)

    @property
    def label_sasaran(self) -> str:
        if self.jenis == JenisSasaran.INDIKATOR:
            kode = self.indikator.kode if self.indikator_id else "?"
            return f"{kode} Triwulan {ROMAWI.get(self.triwulan, '?')} {self.tahun}"
        if self.jenis == JenisSasaran.AKSI:
            nomor = self.aksi.nomor if self.aksi_id else "?"
            return f"Rencana aksi {self.tahun} no. {nomor}"
        kode = self.rumus.kode if self.rumus_id else "?"
        return f"{kode} bulan {self.bulan}/{self.tahun}"
