"""Who may see and do what: a user's membership of one organisasi, with a role and, for
staf bidang, the bidang whose rows they enter. Login lockout and the session register
that lets deactivation end a user's sessions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from organisasi.models import Bidang, Organisasi, Wilayah


class Peran(models.TextChoices):
    ADMIN = "admin", "Admin"
    KEPALA = "kepala", "Kepala Dinas"
    STAF = "staf", "Staf Bidang"
    PEMANTAU = "pemantau", "Pemantau"


class Anggota(models.Model):
    """A user's place in one organisasi. A superuser needs none: it spans all."""

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="anggota",
        verbose_name="pengguna",
    )
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="anggota", verbose_name="organisasi"
    )
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    bidang = models.ManyToManyField(
        Bidang,
        blank=True,
        related_name="staf",
        verbose_name="bidang",
        help_text="Untuk Staf Bidang: bidang yang barisnya ia isi.",
    )
    jabatan = models.CharField("jabatan", max_length=200, blank=True)
    terima_pengingat = models.BooleanField(
        "terima pengingat lewat surel",
        default=True,
        help_text="Pengingat tenggat, bulan dikembalikan, dan bulan menunggu persetujuan.",
    )

    class Meta:
        verbose_name = "anggota"
        verbose_name_plural = "anggota"
        ordering = ["organisasi", "peran", "pengguna__username"]

    def __str__(self) -> str:
        return f"{self.pengguna} — {self.get_peran_display()} ({self.organisasi.slug})"


class PemantauWilayah(models.Model):
    """A user who reads, and only reads, every organisasi of one wilayah: its roll-up and
    each member's dashboard, reports and plan. Not an ``Anggota`` of any of them."""

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pemantau_wilayah",
        verbose_name="pengguna",
    )
    wilayah = models.ForeignKey(
        Wilayah, on_delete=models.CASCADE, related_name="pemantau", verbose_name="wilayah"
    )
    jabatan = models.CharField("jabatan", max_length=200, blank=True)

    class Meta:
        verbose_name = "pemantau wilayah"
        verbose_name_plural = "pemantau wilayah"
        ordering = ["wilayah", "pengguna__username"]

    def __str__(self) -> str:
        return f"{self.pengguna} — Pemantau wilayah ({self.wilayah.slug})"

    def clean(self) -> None:
        # One place per user: an organisasi's member reads through that membership.
        if self.pengguna_id and Anggota.objects.filter(pengguna_id=self.pengguna_id).exists():
            raise ValidationError(
                {"pengguna": "Pengguna ini sudah anggota sebuah organisasi; "
                 "pemantau wilayah memakai akun tersendiri."}
            )  # fmt: skip


class KunciMasuk(models.Model):
    """Failed logins per account name (not per IP: a whole office shares one address)."""

    nama_pengguna = models.CharField("nama pengguna", max_length=150, unique=True)
    gagal = models.PositiveIntegerField("jumlah gagal", default=0)
    gagal_terakhir = models.DateTimeField("gagal terakhir", null=True, blank=True)
    terkunci_sampai = models.DateTimeField("terkunci sampai", null=True, blank=True)

    class Meta:
        verbose_name = "kunci masuk"
        verbose_name_plural = "kunci masuk"

    def __str__(self) -> str:
        return self.nama_pengguna


class BatasPermintaan(models.Model):
    """Requests counted per key (e.g. an IP address and what it asked) in a fixed window, in
    the database so that every worker shares the count (``akun.batas``)."""

    kunci = models.CharField("kunci", max_length=200, unique=True)
    jumlah = models.PositiveIntegerField("jumlah", default=0)
    mulai = models.DateTimeField("jendela mulai")

    class Meta:
        verbose_name = "batas permintaan"
        verbose_name_plural = "batas permintaan"

    def __str__(self) -> str:
        return f"{self.kunci}: {self.jumlah}"


class SesiPengguna(models.Model):
    """The sessions a user opened, so that deactivating the user can end them."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sesi_terdaftar"
    )
    kunci_sesi = models.CharField(max_length=64, unique=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sesi pengguna"
        verbose_name_plural = "sesi pengguna"

    def __str__(self) -> str:
        return f"{self.pengguna_id}: {self.kunci_sesi[:8]}…"


class JenisNotifikasi(models.TextChoices):
    DIKEMBALIKAN = "dikembalikan", "Isian dikembalikan"
    BELUM_DIAJUKAN = "belum_diajukan", "Isian belum diajukan"
    MENUNGGU = "menunggu_persetujuan", "Menunggu persetujuan"
    DISETUJUI = "disetujui", "Laporan disetujui"
    KEDALUWARSA = "kedaluwarsa", "Isian terkunci (kedaluwarsa)"
    PENGECUALIAN = "pengecualian", "Pengecualian kedaluwarsa"


class Notifikasi(models.Model):
    """What a user is told in the application (``akun.notifikasi``): the same events as the
    e-mail reminders plus returns, pending approvals and approvals as they happen. One unread
    notification per user, organisasi, bidang, month and kind: a repeat refreshes it."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    organisasi = models.ForeignKey(Organisasi, on_delete=models.CASCADE, related_name="+")
    bidang = models.ForeignKey(
        Bidang, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    jenis = models.CharField("jenis", max_length=30, choices=JenisNotifikasi.choices)
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi", blank=True)
    url = models.CharField("tautan", max_length=300)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=False)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [
            models.Index(
                fields=["pengguna"],
                condition=models.Q(dibaca_pada__isnull=True),
                name="notifikasi_belum_dibaca",
            ),
            models.Index(fields=["pengguna", "-dibuat_pada"], name="notifikasi_terbaru"),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id}: {self.judul}"
