"""The office: an organisasi (a Dinas Sosial, with its letterhead and its head) and its
bidang. Every other app hangs its rows on one of them, so they sit on the lowest domain floor
(docs/arsitektur.md); who may do what there is ``akun``'s, one floor up, which also keeps
their admin."""

from datetime import date, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Organisasi(models.Model):
    slug = models.SlugField("slug", max_length=60, unique=True)
    nama = models.CharField(
        "nama dinas", max_length=200, help_text="Mis. Dinas Sosial Kota Palangka Raya"
    )
    pemerintah = models.CharField(
        "pemerintah", max_length=200, blank=True, help_text="Mis. Pemerintah Kota Palangka Raya"
    )
    dinas = models.CharField(
        "nama dinas pada kop", max_length=200, blank=True, help_text="Mis. Dinas Sosial"
    )
    alamat = models.CharField("alamat", max_length=300, blank=True)
    telepon = models.CharField("telepon", max_length=60, blank=True)
    laman = models.CharField("laman", max_length=200, blank=True)
    email = models.EmailField("pos-el", blank=True)
    logo = models.FileField("logo", upload_to="logo/", blank=True)
    kota = models.CharField("kota penandatanganan", max_length=100, blank=True)
    kepala_nama = models.CharField("nama Kepala Dinas", max_length=200, blank=True)
    kepala_pangkat = models.CharField("pangkat/golongan Kepala Dinas", max_length=120, blank=True)
    kepala_nip = models.CharField("NIP Kepala Dinas", max_length=30, blank=True)
    # "TARGET 2025 : 90-100%" of seed 000: the band capaian s.d. Desember should reach.
    target_bawah = models.DecimalField(
        "target capaian tahunan, batas bawah (%)", max_digits=7, decimal_places=2, default=90
    )
    target_atas = models.DecimalField(
        "target capaian tahunan, batas atas (%)", max_digits=7, decimal_places=2, default=100
    )
    # A month's entry is due on this day of the following month (commonly the 10th).
    hari_tenggat = models.PositiveSmallIntegerField(
        "tenggat isian (tanggal bulan berikutnya)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="Isian sebuah bulan jatuh tempo pada tanggal ini di bulan berikutnya (1-28).",
    )
    # Optional expiry (as DHIS2's expiry days): this many days after the deadline a month
    # locks for staf unless the Kepala Dinas grants the bidang an exception.
    hari_kedaluwarsa = models.PositiveSmallIntegerField(
        "kunci isian setelah tenggat (hari)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(366)],
        help_text="Kosongkan bila isian tidak pernah terkunci karena terlambat. Bila diisi N, "
        "isian sebuah bulan terkunci bagi staf N hari setelah tenggatnya, kecuali Kepala Dinas "
        "memberi bidang itu pengecualian.",
    )

    class Meta:
        # Made by the definitions app (indikator) before the model moved here: the table
        # keeps its name.
        db_table = "indikator_organisasi"
        verbose_name = "organisasi"
        verbose_name_plural = "organisasi"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def tenggat(self, tahun: int, bulan: int) -> date:
        """The day a month's entry is due: ``hari_tenggat`` of the following month."""
        berikut_tahun, berikut_bulan = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
        return date(berikut_tahun, berikut_bulan, self.hari_tenggat)

    def batas_isian(self, tahun: int, bulan: int) -> date | None:
        """The last day staf may still write a month (the deadline plus ``hari_kedaluwarsa``);
        None when months never expire."""
        if self.hari_kedaluwarsa is None:
            return None
        return self.tenggat(tahun, bulan) + timedelta(days=self.hari_kedaluwarsa)


class Bidang(models.Model):
    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="bidang", verbose_name="organisasi"
    )
    nama = models.CharField("nama bidang", max_length=200)
    slug = models.SlugField("slug", max_length=200)

    class Meta:
        db_table = "indikator_bidang"
        verbose_name = "bidang"
        verbose_name_plural = "bidang"
        ordering = ["organisasi", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "slug"], name="bidang_unik_per_organisasi"
            )
        ]

    def __str__(self) -> str:
        return self.nama


def label_bidang(bidang: Bidang) -> str:
    return f"{bidang.nama} ({bidang.organisasi.slug})"


class Wilayah(models.Model):
    """A group of organisasi watched together: a province's kabupaten/kota, or the whole
    country. An organisasi may belong to several (its province and a national group)."""

    slug = models.SlugField("slug", max_length=60, unique=True)
    nama = models.CharField("nama wilayah", max_length=200, help_text="Mis. Kalimantan Tengah")
    organisasi = models.ManyToManyField(
        Organisasi, related_name="wilayah", blank=True, verbose_name="organisasi anggota"
    )

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama
