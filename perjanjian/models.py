"""Perjanjian Kinerja (issue 15): the year's performance agreement per position, drawn
from the plan (rencana), signed like the monthly report.

- ``KepalaDaerah``: the Bupati/Walikota an organisasi's Kepala Dinas signs with (kept here,
  one-to-one with the organisasi, rather than on the organisasi app a floor below).
- ``Jabatan``: a position of the organisasi (eselon II/III/IV), its superior and its holder.
- ``PerjanjianKinerja``: one position's agreement for a year: only what the admin adjusted
  (the indicator list, the date). Targets, quarterly targets and budgets are always read
  from the plan (``perjanjian.selectors``), never copied into the draft.
- ``VersiPerjanjian``: a signed version: the PDF bytes, their SHA-256, the verification
  token and the snapshot of what was signed. Never changed; a PK perubahan makes version
  N+1 and marks the earlier one superseded with its reason.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from laporan.models import token_baru
from organisasi.models import Bidang, Organisasi
from rencana.models import IndikatorRencana


class KepalaDaerah(models.Model):
    """The Bupati/Walikota: the second party of the Kepala Dinas's PK."""

    organisasi = models.OneToOneField(
        Organisasi,
        on_delete=models.CASCADE,
        related_name="kepala_daerah",
        verbose_name="organisasi",
    )
    nama = models.CharField("nama", max_length=200)
    jabatan = models.CharField("jabatan", max_length=200, help_text="Mis. Bupati Seruyan")

    class Meta:
        verbose_name = "kepala daerah (Bupati/Walikota)"
        verbose_name_plural = "kepala daerah (Bupati/Walikota)"

    def __str__(self) -> str:
        return f"{self.jabatan}: {self.nama}"


class Eselon(models.TextChoices):
    II = "II", "Eselon II (Kepala Dinas)"
    III = "III", "Eselon III (Sekretaris, Kepala Bidang)"
    IV = "IV", "Eselon IV (Kepala Subbagian/Seksi)"


class Jabatan(models.Model):
    """A structural position and its holder. The Kepala Dinas (eselon II) has no superior
    here: theirs is the organisasi's ``KepalaDaerah``; their holder's data default from the
    organisasi's Kepala Dinas fields when left empty."""

    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="jabatan", verbose_name="organisasi"
    )
    kode = models.SlugField("kode", max_length=60, help_text="Mis. kepala-dinas, kabid-rehsos")
    nama = models.CharField(
        "nama jabatan", max_length=200, help_text="Mis. Kepala Bidang Rehabilitasi Sosial"
    )
    eselon = models.CharField("eselon", max_length=3, choices=Eselon.choices)
    atasan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan",
        verbose_name="atasan",
        help_text="Kosong untuk Kepala Dinas (atasannya Bupati/Walikota).",
    )
    bidang = models.ForeignKey(
        Bidang,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jabatan",
        verbose_name="bidang",
    )
    kode_elemen = models.CharField(
        "kode program/kegiatan",
        max_length=300,
        blank=True,
        help_text="Kode program (eselon III) atau kegiatan (eselon IV) rencana yang menjadi "
        "tanggung jawab jabatan ini, dipisah koma (mis. P2, P2.1). Indikatornya masuk PK "
        "bersama indikator yang bidangnya bidang jabatan ini.",
    )
    pemangku_nama = models.CharField("nama pemangku", max_length=200, blank=True)
    pemangku_nip = models.CharField("NIP", max_length=30, blank=True)
    pemangku_pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jabatan_pk",
        verbose_name="akun pemangku",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["organisasi", "urutan", "eselon", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "kode"], name="jabatan_kode_unik"),
            models.CheckConstraint(
                condition=Q(eselon__in=["II", "III", "IV"]), name="jabatan_eselon_sah"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        galat = {}
        if self.atasan_id is not None:
            if self.atasan_id == self.pk:
                galat["atasan"] = "Jabatan tidak dapat menjadi atasannya sendiri."
            elif self.atasan.organisasi_id != self.organisasi_id:
                galat["atasan"] = "Pilih atasan dari organisasi yang sama."
        elif self.eselon and self.eselon != Eselon.II:
            galat["atasan"] = "Jabatan eselon III dan IV harus mempunyai atasan."
        if self.bidang_id is not None and self.bidang.organisasi_id != self.organisasi_id:
            galat["bidang"] = "Pilih bidang dari organisasi yang sama."
        if galat:
            raise ValidationError(galat)

    @property
    def kode_elemen_daftar(self) -> list[str]:
        return [k.strip() for k in self.kode_elemen.split(",") if k.strip()]

    # The holder, defaulting from the organisasi for the Kepala Dinas.
    def _pemangku(self, sendiri: str, bawaan: str) -> str:
        if sendiri.strip() or self.eselon != Eselon.II:
            return sendiri.strip()
        return getattr(self.organisasi, bawaan, "").strip()

    @property
    def nama_pemangku(self) -> str:
        return self._pemangku(self.pemangku_nama, "kepala_nama")

    @property
    def nip_pemangku(self) -> str:
        return self._pemangku(self.pemangku_nip, "kepala_nip")

    @property
    def pangkat_pemangku(self) -> str:
        return self._pemangku(self.pemangku_pangkat, "kepala_pangkat")


class PerjanjianKinerja(models.Model):
    """A position's PK for a year: what the admin adjusted. Without a row the PK is the
    default one (the position's indicators by the rules of ``perjanjian.selectors``)."""

    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="perjanjian", verbose_name="jabatan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    sesuaikan = models.BooleanField(
        "daftar indikator disesuaikan",
        default=False,
        help_text="Bila dicentang, PK memuat indikator yang dipilih di bawah, bukan daftar "
        "bawaan jabatan.",
    )
    indikator = models.ManyToManyField(
        IndikatorRencana, blank=True, related_name="+", verbose_name="indikator dipilih"
    )
    tanggal = models.DateField(
        "tanggal perjanjian", null=True, blank=True, help_text="Bawaan: tanggal persetujuan"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["jabatan__organisasi", "-tahun", "jabatan__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "tahun"], name="pk_unik_per_tahun"),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000) & Q(tahun__lte=2100), name="pk_tahun_wajar"
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.tahun} {self.jabatan}"


class VersiPerjanjian(models.Model):
    """One signed version of a PK. Never changed but once: a PK perubahan sets
    ``digantikan_pada`` and ``alasan_digantikan`` on the version it replaces."""

    # laporan's verification registry finds the kind by this name (laporan.dokumen_lain).
    JENIS_DOKUMEN = "perjanjian"

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.PROTECT, related_name="versi", verbose_name="PK"
    )
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.PROTECT, related_name="+", verbose_name="organisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.PositiveSmallIntegerField("versi")
    token = models.CharField("token verifikasi", max_length=40, unique=True, default=token_baru)
    pdf = models.BinaryField("PDF bertanda tangan")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    data = models.JSONField("potret PK")
    tanggal = models.DateField("tanggal perjanjian")
    kota = models.CharField("kota", max_length=100, blank=True)
    jabatan_nama = models.CharField("jabatan", max_length=200)
    penanda_nama = models.CharField("nama penanda tangan", max_length=200)
    penanda_jabatan = models.CharField("jabatan penanda tangan", max_length=300)
    sertifikat_subjek = models.CharField("subjek sertifikat", max_length=500)
    sertifikat_sidik = models.CharField("sidik SHA-256 sertifikat", max_length=64)
    ditandatangani_pada = models.DateTimeField("ditandatangani pada")
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="disetujui oleh",
    )
    nama_penyetuju = models.CharField("nama penyetuju", max_length=300, blank=True)
    alasan_perubahan = models.TextField("alasan perubahan (PK perubahan)", blank=True)
    digantikan_pada = models.DateTimeField("digantikan pada", null=True, blank=True)
    alasan_digantikan = models.TextField("alasan digantikan", blank=True)

    class Meta:
        verbose_name = "versi PK bertanda tangan"
        verbose_name_plural = "versi PK bertanda tangan"
        ordering = ["perjanjian", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "versi"], name="versi_pk_unik"),
            models.UniqueConstraint(
                fields=["perjanjian"],
                condition=Q(digantikan_pada__isnull=True),
                name="versi_pk_satu_berlaku",
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.tahun} {self.jabatan_nama} versi {self.versi}"

    @property
    def berlaku(self) -> bool:
        return self.digantikan_pada is None

    @property
    def periode(self) -> str:
        return f"Tahun {self.tahun}"

    @property
    def nama_berkas(self) -> str:
        return (
            f"perjanjian-kinerja-{self.organisasi.slug}-{self.tahun}-"
            f"{self.perjanjian.jabatan.kode}-v{self.versi}.pdf"
        )

    @property
    def uraian(self) -> str:
        """``Perjanjian Kinerja Tahun 2025 Kepala Dinas ... versi 1`` (verification pages)."""
        return f"Perjanjian Kinerja Tahun {self.tahun} {self.jabatan_nama} versi {self.versi}"
