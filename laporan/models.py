"""The signed monthly report: its signed versions, the lock an approval puts on a month, and
each organisasi's signing configuration.

A month is approved by signing it: ``laporan.services.setujui_bulan`` renders the PDF, signs
it (PAdES), stores the bytes once as a ``LaporanTertanda`` and creates the month's
``KunciBulan``. While that row exists the database refuses every INSERT, UPDATE and DELETE of
the organisasi's realisasi for that month (trigger, migration 0002), whatever path the
application's connection takes. Reopening deletes the lock and marks the version superseded;
versions themselves are never changed or deleted (trigger too).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dasar.angka import nama_bulan
from organisasi.models import Organisasi


def token_baru() -> str:
    """The verification page's address: unguessable, short enough for a small QR code."""
    return secrets.token_urlsafe(18)


class LaporanTertandaQuerySet(models.QuerySet):
    def untuk_bulan(self, organisasi: Organisasi, tahun: int, bulan: int):
        return self.filter(organisasi=organisasi, tahun=tahun, bulan=bulan)

    def berlaku(self):
        return self.filter(digantikan_pada__isnull=True)


class LaporanTertanda(models.Model):
    """One signed version of a month's report: the exact PDF bytes, their SHA-256 and the
    data the PDF was built from. Never changed or deleted; a reopen sets ``digantikan_pada``
    (once) and the next approval makes version N+1."""

    organisasi = models.ForeignKey(
        Organisasi,
        on_delete=models.PROTECT,
        related_name="laporan_tertanda",
        verbose_name="organisasi",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    versi = models.PositiveSmallIntegerField("versi")
    token = models.CharField("token verifikasi", max_length=40, unique=True, default=token_baru)
    pdf = models.BinaryField("PDF bertanda tangan")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    # ke_json(laporan) plus the definitions, the printed rows and the signer: what was signed.
    data = models.JSONField("data laporan")
    tanggal = models.DateField("tanggal laporan", help_text="Dicetak di atas tanda tangan")
    kota = models.CharField("kota", max_length=100, blank=True)
    penanda_nama = models.CharField("nama penanda tangan", max_length=200)
    penanda_jabatan = models.CharField("jabatan penanda tangan", max_length=300)
    penanda_pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    penanda_nip = models.CharField("NIP", max_length=30, blank=True)
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
    digantikan_pada = models.DateTimeField("dibuka kembali pada", null=True, blank=True)
    alasan_dibuka = models.TextField("alasan dibuka kembali", blank=True)
    dibuka_oleh = models.CharField("dibuka kembali oleh", max_length=300, blank=True)

    objects = LaporanTertandaQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan bertanda tangan"
        verbose_name_plural = "laporan bertanda tangan"
        ordering = ["organisasi", "-tahun", "-bulan", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "bulan", "versi"],
                name="laporan_tertanda_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "bulan"],
                condition=Q(digantikan_pada__isnull=True),
                name="laporan_tertanda_satu_berlaku",
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12), name="laporan_tertanda_bulan_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi} {self.periode} versi {self.versi}"

    @property
    def periode(self) -> str:
        return f"{nama_bulan(self.bulan)} {self.tahun}"

    @property
    def berlaku(self) -> bool:
        return self.digantikan_pada is None

    @property
    def nama_berkas(self) -> str:
        return f"laporan-{self.organisasi.slug}-{self.tahun}-{self.bulan:02d}-v{self.versi}.pdf"


class KunciBulanQuerySet(models.QuerySet):
    def bulan_terkunci(self, organisasi: Organisasi | int) -> set[tuple[int, int]]:
        """The organisasi's approved (tahun, bulan): one query."""
        return set(self.filter(organisasi=organisasi).values_list("tahun", "bulan"))

    def bulan_terkunci_semua(self) -> set[tuple[int, int, int]]:
        """Every approved (organisasi_id, tahun, bulan): one query."""
        return set(self.values_list("organisasi_id", "tahun", "bulan"))

    def terkunci(self, organisasi: Organisasi | int, tahun: int, bulan: int) -> bool:
        return self.filter(organisasi=organisasi, tahun=tahun, bulan=bulan).exists()


class KunciBulan(models.Model):
    """An approved month. While it exists, the database refuses any write to the
    organisasi's realisasi of that month."""

    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.PROTECT, related_name="+", verbose_name="organisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    laporan = models.OneToOneField(
        LaporanTertanda, on_delete=models.PROTECT, related_name="kunci", verbose_name="laporan"
    )
    dikunci_pada = models.DateTimeField("dikunci pada", auto_now_add=True)

    objects = KunciBulanQuerySet.as_manager()

    class Meta:
        verbose_name = "bulan terkunci"
        verbose_name_plural = "bulan terkunci"
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "bulan"], name="kunci_bulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12), name="kunci_bulan_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi} {nama_bulan(self.bulan)} {self.tahun} (disetujui)"


class PemeriksaanIntegritas(models.Model):
    """One run of ``periksa_integritas``: kept (append-only for the application's role) so
    that admins see the last result, and so that the next run can tell whether the chain's
    head it saw was since removed."""

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    lulus = models.BooleanField("lulus")
    organisasi = models.CharField("organisasi diperiksa", max_length=60, blank=True)
    ringkasan = models.JSONField("ringkasan", default=dict)
    temuan = models.JSONField("temuan", default=list)
    # {organisasi_id: hash of its last trail entry} as this run saw it.
    kepala_rantai = models.JSONField("kepala rantai", default=dict)

    class Meta:
        verbose_name = "pemeriksaan integritas"
        verbose_name_plural = "pemeriksaan integritas"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        hasil = "lulus" if self.lulus else f"{len(self.temuan)} temuan"
        return f"{self.waktu:%Y-%m-%d %H:%M}: {hasil}"


class PengingatTerkirim(models.Model):
    """A reminder sent (``kirim_pengingat``): at most one per recipient, organisasi, bidang,
    month and kind a day, so that a second run the same day sends nothing again."""

    tanggal = models.DateField("tanggal")
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kepada = models.EmailField("kepada")
    organisasi = models.ForeignKey(Organisasi, on_delete=models.CASCADE, related_name="+")
    bidang = models.ForeignKey(
        "organisasi.Bidang", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    jenis = models.CharField("jenis", max_length=30)
    dikirim_pada = models.DateTimeField("dikirim pada", default=timezone.now)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        constraints = [
            models.UniqueConstraint(
                fields=["tanggal", "pengguna", "organisasi", "bidang", "tahun", "bulan", "jenis"],
                name="pengingat_sekali_sehari",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tanggal} {self.kepada} {self.jenis} {self.tahun}-{self.bulan:02d}"


class FormatKunci(models.TextChoices):
    PKCS12 = "pkcs12", "PKCS#12 (.p12/.pfx)"
    PEM = "pem", "PEM (kunci + sertifikat)"


class KonfigurasiTandaTangan(models.Model):
    """Where an organisasi's signing key and certificate live. The key stays on disk
    (encrypted PKCS#12 or PEM) and its passphrase in a file or an environment variable:
    neither is stored in the database. A certificate from a real certificate authority (BSrE,
    a PSrE) is configured the same way, with its chain, and an optional RFC 3161 timestamp
    server."""

    organisasi = models.OneToOneField(
        Organisasi,
        on_delete=models.CASCADE,
        related_name="konfigurasi_ttd",
        verbose_name="organisasi",
    )
    format = models.CharField(
        "format kunci", max_length=10, choices=FormatKunci.choices, default=FormatKunci.PKCS12
    )
    berkas_pkcs12 = models.CharField("berkas PKCS#12", max_length=500, blank=True)
    berkas_kunci = models.CharField("berkas kunci privat (PEM)", max_length=500, blank=True)
    berkas_sertifikat = models.CharField("berkas sertifikat (PEM)", max_length=500, blank=True)
    berkas_rantai = models.CharField(
        "berkas rantai sertifikat (PEM)",
        max_length=500,
        blank=True,
        help_text="Sertifikat CA perantara dan akar, bila tidak ada di dalam PKCS#12.",
    )
    berkas_sandi = models.CharField(
        "berkas sandi kunci",
        max_length=500,
        blank=True,
        help_text="Berkas berisi sandi kunci (mode 0600). Kosongkan bila memakai variabel.",
    )
    variabel_sandi = models.CharField(
        "variabel lingkungan sandi",
        max_length=100,
        blank=True,
        help_text="Nama variabel lingkungan yang berisi sandi kunci, mis. DINSOS_TTD_SANDI.",
    )
    url_tsa = models.URLField(
        "server cap waktu (TSA)",
        blank=True,
        help_text="Opsional: URL RFC 3161 dari penyelenggara sertifikat elektronik.",
    )
    gambar_tanda_tangan = models.CharField(
        "berkas gambar tanda tangan (opsional)",
        max_length=500,
        blank=True,
        help_text="PNG hasil pindai tanda tangan, ditampilkan di blok tanda tangan.",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "konfigurasi tanda tangan"
        verbose_name_plural = "konfigurasi tanda tangan"

    def __str__(self) -> str:
        return f"Tanda tangan {self.organisasi}"
