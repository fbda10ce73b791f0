"""Monthly realisasi: what a rumus row achieved in one month."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from indikator.models import Organisasi, Rumus


class RealisasiQuerySet(models.QuerySet):
    def untuk_organisasi(self, organisasi: Organisasi) -> "RealisasiQuerySet":
        return self.filter(rumus__organisasi=organisasi)


class Realisasi(models.Model):
    rumus = models.ForeignKey(
        Rumus, on_delete=models.PROTECT, related_name="realisasi", verbose_name="rumus"
    )
    # Always the rumus's year (definitions are per year); kept here so that month queries
    # and the constraints below need no join.
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    pembagi = models.DecimalField(
        "target/pembagi", max_digits=20, decimal_places=4, null=True, blank=True
    )
    realisasi = models.DecimalField(
        "realisasi", max_digits=20, decimal_places=4, null=True, blank=True
    )
    keterangan = models.TextField("keterangan", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diisi oleh",
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    objects = RealisasiQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["tahun", "bulan", "rumus__urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["rumus", "tahun", "bulan"], name="realisasi_unik_per_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12), name="realisasi_bulan_1_12"
            ),
            models.CheckConstraint(
                condition=Q(pembagi__isnull=True) | Q(pembagi__gte=0),
                name="realisasi_pembagi_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="realisasi_realisasi_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rumus.kode} {self.bulan:02d}/{self.tahun}"
