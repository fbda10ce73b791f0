"""Monthly realisasi: what a rumus row achieved in one month."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from indikator.models import Rumus
from organisasi.models import Bidang, Organisasi


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
    # Optimistic locking: every write path bumps it, and the entry form saves a row only
    # if the version it was loaded with is still the one stored (no lost updates).
    versi = models.PositiveIntegerField("versi", default=1)

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


class StatusPengajuan(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISETUJUI = "disetujui", "Disetujui"


def kedaluwarsa(organisasi, tahun, bulan, status, pengecualian_sampai, hari_ini) -> bool:
    """See ``PengajuanBulan.kedaluwarsa`` (also for a month with no row yet: a draft)."""
    batas = organisasi.batas_isian(tahun, bulan)
    return (
        batas is not None
        and hari_ini > batas
        and status == StatusPengajuan.DRAF
        and not (pengecualian_sampai is not None and hari_ini <= pengecualian_sampai)
    )


class PengajuanBulan(models.Model):
    """A bidang's month on its way to review. No row means draf (nothing submitted yet)."""

    bidang = models.ForeignKey(
        Bidang, on_delete=models.PROTECT, related_name="pengajuan", verbose_name="bidang"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    status = models.CharField(
        "status", max_length=20, choices=StatusPengajuan.choices, default=StatusPengajuan.DRAF
    )
    catatan = models.TextField("catatan pengembalian", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diubah oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    # When the bidang last submitted the month (kept through approval): its timeliness.
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    # An exception to expiry (``Organisasi.hari_kedaluwarsa``) granted by the Kepala Dinas:
    # staf may write the month until this day. Each grant is in the audit trail.
    pengecualian_sampai = models.DateField("pengecualian kedaluwarsa sampai", null=True, blank=True)

    class Meta:
        verbose_name = "pengajuan bulan"
        verbose_name_plural = "pengajuan bulan"
        ordering = ["tahun", "bulan", "bidang__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["bidang", "tahun", "bulan"], name="pengajuan_unik_per_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12), name="pengajuan_bulan_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bidang} {self.bulan:02d}/{self.tahun}: {self.get_status_display()}"

    def kedaluwarsa(self, organisasi, hari_ini) -> bool:
        """Locked for staf by expiry: a draft past the organisasi's ``batas_isian`` without a
        running exception. A month the Kepala returned stays open (the return asks for a fix)."""
        return kedaluwarsa(organisasi, self.tahun, self.bulan, self.status,
                           self.pengecualian_sampai, hari_ini)  # fmt: skip

    @property
    def terkunci_untuk_staf(self) -> bool:
        return self.status in (StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI)


class Aksi(models.TextChoices):
    BUAT = "buat", "Buat"
    UBAH = "ubah", "Ubah"
    HAPUS = "hapus", "Hapus"
    AJUKAN = "ajukan", "Ajukan"
    KEMBALIKAN = "kembalikan", "Kembalikan"
    SETUJUI = "setujui", "Setujui"
    BUKA = "buka", "Buka kembali"
    IMPOR = "impor", "Impor buku kerja"
    PENGECUALIAN = "pengecualian", "Pengecualian kedaluwarsa"


class Sumber(models.TextChoices):
    ENTRI = "entri", "Halaman isian"
    IMPOR = "impor", "Impor buku kerja"
    ADMIN = "admin", "Admin"
    SISTEM = "sistem", "Sistem"


class JejakAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise JejakTidakBolehDiubah

    def delete(self):
        raise JejakTidakBolehDiubah

    def untuk_organisasi(self, organisasi: Organisasi) -> "JejakAuditQuerySet":
        return self.filter(organisasi=organisasi)


class JejakTidakBolehDiubah(Exception):
    def __init__(self) -> None:
        super().__init__("Jejak audit tidak dapat diubah atau dihapus.")


class JejakAudit(models.Model):
    """Append-only: who did what to which realisasi or month, with old and new values.

    The model refuses updates and deletes, and so does the database (a trigger on
    PostgreSQL refuses UPDATE and DELETE; on SQLite, UPDATE). Foreign keys carry no database
    constraint so that the trail outlives the users, rows and bidang it names; the names
    are copied in as text.
    """

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    organisasi = models.ForeignKey(
        Organisasi,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name="organisasi",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pengguna",
    )
    nama_pengguna = models.CharField("nama pengguna", max_length=300, blank=True)
    aksi = models.CharField("aksi", max_length=20, choices=Aksi.choices)
    sumber = models.CharField("sumber", max_length=20, choices=Sumber.choices)
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    bidang = models.ForeignKey(
        Bidang,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bidang",
    )
    nama_bidang = models.CharField("nama bidang", max_length=200, blank=True)
    rumus = models.ForeignKey(
        Rumus,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rumus",
    )
    kode_rumus = models.CharField("kode rumus", max_length=40, blank=True)
    # {"pembagi": "6780", "realisasi": "5780", "keterangan": "..."}: exact decimal text.
    nilai_lama = models.JSONField("nilai lama", null=True, blank=True)
    nilai_baru = models.JSONField("nilai baru", null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    # What else than a realisasi the entry is about: "app.Model#pk" (a definition, a plan
    # value or target, an account, a role) or "impor:jenis"; empty for realisasi and months.
    objek = models.CharField("objek", max_length=120, blank=True, db_index=True)
    # The chain (capaian.rantai): each entry's SHA-256 over the one before it in the same
    # organisasi and its own fields, so an entry changed, removed or inserted breaks it.
    hash_sebelum = models.CharField("hash entri sebelumnya", max_length=64, blank=True)
    hash = models.CharField("hash", max_length=64, blank=True)

    objects = JejakAuditQuerySet.as_manager()

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-waktu", "-pk"]
        indexes = [
            models.Index(fields=["organisasi", "tahun", "bulan"], name="jejak_org_bulan"),
            models.Index(fields=["rumus", "tahun", "bulan"], name="jejak_rumus_bulan"),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.nama_pengguna} {self.get_aksi_display()}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise JejakTidakBolehDiubah
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JejakTidakBolehDiubah


class VersiMasukan(models.Model):
    """How often the inputs of an organisasi's month changed: ``bulan`` 1..12 counts writes to
    that month's realisasi, ``bulan`` 0 writes to the year's definitions (program, indikator,
    rumus). Only database triggers write it (migration 0006), in the same transaction as the
    write, whatever path the write takes; ``HasilBulan`` rows carry the two counts they were
    computed from, and a reader takes a stored result only while both still hold."""

    organisasi = models.ForeignKey(
        Organisasi, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan", help_text="0 = definisi tahun itu")
    versi = models.BigIntegerField("versi", default=0)

    class Meta:
        verbose_name = "versi masukan"
        verbose_name_plural = "versi masukan"
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "bulan"], name="versi_masukan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi_id} {self.tahun}-{self.bulan:02d} versi {self.versi}"


class HasilBulan(models.Model):
    """The engine's exact result for one organisasi-month (total, each program, each
    indikator), kept so that a page reads earlier months instead of recomputing them.
    Fractions are stored as text ``p/q`` (never floats). Valid only while ``versi_definisi``
    and ``versi_bulan`` equal the current ``VersiMasukan`` counts (``capaian.hasil``)."""

    organisasi = models.ForeignKey(Organisasi, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    versi_definisi = models.BigIntegerField()
    versi_bulan = models.BigIntegerField()
    total = models.TextField(blank=True)  # "" = no total this month
    program = models.JSONField(default=dict)  # {program kode: "p/q" or null}
    indikator = models.JSONField(default=dict)  # {"program kode/indikator kode": ...}
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hasil bulan tersimpan"
        verbose_name_plural = "hasil bulan tersimpan"
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "bulan"], name="hasil_bulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12), name="hasil_bulan_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi_id} {self.tahun}-{self.bulan:02d}: {self.total or '-'}"
