"""Admin for monthly realisasi, plus its workbook import/export; the month workflow and the
audit trail, view-only.

Every write of a realisasi here (add, change, delete, the delete action) bumps its versi and
records the old and new values in the audit trail (``capaian.audit``, sumber admin) in the
same transaction. An organisasi admin sees and chooses only their own organisasi's rows
(``akun.lingkup_admin``).
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern
from django.utils.text import Truncator

from akun.admin_impor import (
    EksporAdmin,
    EksporForm,
    ImporAdmin,
    JenisImpor,
    PilihanBerlabelAdmin,
    TombolImporMixin,
)
from akun.lingkup_admin import BidangListFilter, LingkupAdminMixin, lingkup
from capaian import engine
from capaian import kunci as kunci_bulan
from capaian.audit import jejak_realisasi, simpan, versi_awal
from capaian.forms_admin import BULAN_CHOICES, ImporRealisasiForm, RealisasiAdminForm
from capaian.impor import ekspor_realisasi, impor_realisasi
from capaian.kunci import pesan_terkunci
from capaian.models import Aksi, JejakAudit, PengajuanBulan, Realisasi, Sumber
from dasar.angka import format_angka, format_persen, nama_bulan
from dasar.impor import HasilImpor, ImporError, Kesalahan
from organisasi.models import Organisasi, label_bidang

lingkup(Realisasi, "rumus__organisasi")
# The month workflow and the audit trail: an organisasi admin only views them.
lingkup(PengajuanBulan, "bidang__organisasi", ("view",))
lingkup(JejakAudit, "organisasi", ("view",))


def _impor_realisasi(
    data: bytes, parameter: dict[str, Any], *, dry_run: bool, pengguna: Any
) -> HasilImpor:
    organisasi = Organisasi.objects.filter(pk=parameter["organisasi"]).first()
    if organisasi is None:
        raise ImporError([Kesalahan("Organisasi yang dipilih sudah tidak ada.")])
    return impor_realisasi(data, organisasi=organisasi, dry_run=dry_run, pengguna=pengguna)


IMPOR_REALISASI = JenisImpor(
    kunci="realisasi",
    judul="Impor realisasi",
    form_class=ImporRealisasiForm,
    jalankan=_impor_realisasi,
    izin=("capaian.add_realisasi", "capaian.change_realisasi"),
    keterangan=(
        "Buku kerja berisi realisasi bulanan per kode rumus. Anda akan melihat pratinjau "
        "perubahan sebelum apa pun disimpan."
    ),
)


class BulanFilter(admin.SimpleListFilter):
    title = "bulan"
    parameter_name = "bulan"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return BULAN_CHOICES

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isascii() and value.isdigit():
            return queryset.filter(bulan=int(value))
        return queryset


def pembagi_efektif(obj: Realisasi) -> Any:
    """The month's pembagi as the report uses it: the one entered, else the rumus's default."""
    return obj.pembagi if obj.pembagi is not None else obj.rumus.pembagi_default


def _kunci(obj: Realisasi) -> tuple[int, int, int]:
    return (obj.rumus_id, obj.tahun, obj.bulan)


def _nilai_sama(a: Realisasi, b: Realisasi) -> bool:
    return _kunci(a) == _kunci(b) and all(
        getattr(a, f) == getattr(b, f) for f in ("pembagi", "realisasi", "keterangan")
    )


def jejak_admin(pengguna: Any, lama: Realisasi | None, baru: Realisasi | None) -> list[JejakAudit]:
    """The trail of one admin write: ``lama`` as it was stored (None for an add), ``baru``
    as saved (None for a delete). A change of rumus or month moves the row: it is recorded
    as removed from the old month and created in the new one, so each row's history stays
    whole."""
    umum = {"sumber": Sumber.ADMIN, "pengguna": pengguna}

    def entri(aksi: str, obj: Realisasi, **kwargs: Any) -> JejakAudit:
        return jejak_realisasi(
            aksi=aksi, rumus=obj.rumus, tahun=obj.tahun, bulan=obj.bulan, **umum, **kwargs
        )

    if lama is None:
        return [entri(Aksi.BUAT, baru, lama=None, baru=baru)]
    if baru is None:
        return [entri(Aksi.HAPUS, lama, lama=lama, baru=None)]
    if _kunci(lama) == _kunci(baru):
        return [entri(Aksi.UBAH, baru, lama=lama, baru=baru)]
    return [
        entri(Aksi.HAPUS, lama, lama=lama, baru=None, catatan=f"dipindahkan ke {baru}"),
        entri(Aksi.BUAT, baru, lama=None, baru=baru, catatan=f"dipindahkan dari {lama}"),
    ]


def _terkunci(queryset: QuerySet[Realisasi]) -> QuerySet[Realisasi]:
    """The rows locked until the transaction ends (their rumus and bidang loaded)."""
    return queryset.select_related("rumus__bidang").select_for_update(of=("self",)).order_by("pk")


@admin.register(Realisasi)
class RealisasiAdmin(LingkupAdminMixin, TombolImporMixin, PilihanBerlabelAdmin, admin.ModelAdmin):
    """The rumus choice (an autocomplete) names each rumus's organisasi and year: the same
    kode exists in every year."""

    form = RealisasiAdminForm
    jenis_impor = IMPOR_REALISASI
    list_display = [
        "rumus_kode",
        "tahun",
        "bulan_nama",
        "pembagi_teks",
        "realisasi_teks",
        "persen",
        "keterangan_singkat",
        "diisi_oleh",
        "diubah_pada",
    ]
    list_display_links = ["rumus_kode", "bulan_nama"]
    list_filter = ["tahun", BulanFilter, "rumus__organisasi", ("rumus__bidang", BidangListFilter)]
    list_select_related = ["rumus", "diisi_oleh"]
    search_fields = ["rumus__kode", "rumus__uraian", "keterangan"]
    autocomplete_fields = ["rumus"]
    readonly_fields = ["tahun", "diisi_oleh", "dibuat_pada", "diubah_pada", "versi"]
    fieldsets = [
        (None, {"fields": ["rumus", "tahun", "bulan"]}),
        ("Nilai", {"fields": ["pembagi", "realisasi", "keterangan", "versi_asal"]}),
        ("Riwayat", {"fields": ["diisi_oleh", "dibuat_pada", "diubah_pada", "versi"]}),
    ]

    @admin.display(description="kode rumus", ordering="rumus__kode")
    def rumus_kode(self, obj: Realisasi) -> str:
        return obj.rumus.kode

    @admin.display(description="bulan", ordering="bulan")
    def bulan_nama(self, obj: Realisasi) -> str:
        return nama_bulan(obj.bulan)

    @admin.display(description="target/pembagi", ordering="pembagi")
    def pembagi_teks(self, obj: Realisasi) -> str:
        if obj.pembagi is None and obj.rumus.pembagi_default is not None:
            return f"{format_angka(obj.rumus.pembagi_default)} (bawaan)"
        return format_angka(obj.pembagi)

    @admin.display(description="realisasi", ordering="realisasi")
    def realisasi_teks(self, obj: Realisasi) -> str:
        return format_angka(obj.realisasi)

    @admin.display(description="persen")
    def persen(self, obj: Realisasi) -> str:
        hasil = engine.hitung_baris(
            engine.Baris(kode=obj.rumus.kode, pembagi=pembagi_efektif(obj), realisasi=obj.realisasi)
        )
        return format_persen(hasil.persen)

    @admin.display(description="keterangan")
    def keterangan_singkat(self, obj: Realisasi) -> str:
        return Truncator(obj.keterangan).chars(60)

    def save_model(self, request: HttpRequest, obj: Realisasi, form: Any, change: bool) -> None:
        with transaction.atomic():
            lama = None
            if change:
                # As stored now (the form's versi check locked it already): the trail's
                # old values, and the versi to bump.
                lama = _terkunci(Realisasi.objects.filter(pk=obj.pk)).get()
                if _nilai_sama(lama, obj):
                    return  # nothing changed: no write, no new versi, no trail
                obj.versi = lama.versi + 1
            kunci = (obj.rumus_id, obj.tahun, obj.bulan)
            if lama is None or kunci != (lama.rumus_id, lama.tahun, lama.bulan):
                # A new row-month (added, or moved here): never reuse a versi it once had.
                obj.versi = max(obj.versi if lama else 1, versi_awal([kunci])[kunci])
            obj.diisi_oleh = request.user
            super().save_model(request, obj, form, change)
            simpan(jejak_admin(request.user, lama, obj))

    def delete_model(self, request: HttpRequest, obj: Realisasi) -> None:
        with transaction.atomic():
            lama = _terkunci(Realisasi.objects.filter(pk=obj.pk)).get()
            simpan(jejak_admin(request.user, lama, None))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Realisasi]) -> None:
        # The delete action: one trail entry per row, written in bulk with the delete.
        with transaction.atomic():
            lama = list(_terkunci(Realisasi.objects.filter(pk__in=queryset.values("pk"))))
            simpan(e for r in lama for e in jejak_admin(request.user, r, None))
            super().delete_queryset(request, Realisasi.objects.filter(pk__in=[r.pk for r in lama]))

    def _bulan_disetujui(self, request: HttpRequest, obj: Realisasi | None) -> bool:
        """Whether ``obj`` lies in an approved month: one query per request, and the row's
        rumus is loaded only when some organisasi has that month approved."""
        if obj is None:
            return False
        if "_bulan_disetujui" not in request.__dict__:
            request._bulan_disetujui = kunci_bulan.bulan_terkunci_semua()
        terkunci = request._bulan_disetujui
        if not any((t, b) == (obj.tahun, obj.bulan) for _, t, b in terkunci):
            return False
        return (obj.rumus.organisasi_id, obj.tahun, obj.bulan) in terkunci

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An approved month's rows are shown read-only (the database refuses writes anyway).
        return super().has_change_permission(request, obj) and not self._bulan_disetujui(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not self._bulan_disetujui(
            request, obj
        )

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        """Rows of an approved month are listed as protected: the delete action then refuses
        the whole selection instead of half-deleting it."""
        hapus, jumlah, izin, terlindung = super().get_deleted_objects(objs, request)
        dikunci = [
            f"{obj}: {pesan_terkunci(obj.tahun, obj.bulan)}"
            for obj in objs
            if self._bulan_disetujui(request, obj)
        ]
        if dikunci and super().has_delete_permission(request):
            # The "no permission" comes from the lock alone: say that instead.
            izin = set(izin) - {self.opts.verbose_name}
        return hapus, jumlah, izin, [*terlindung, *dikunci]

    def get_urls(self) -> list[URLPattern]:
        ekspor = EksporAdmin(
            self,
            judul="Ekspor realisasi",
            ekspor=ekspor_realisasi,
            awalan_berkas="realisasi",
            form_class=EksporForm,
        )
        return [
            *ImporAdmin(self, IMPOR_REALISASI).get_urls(),
            *ekspor.get_urls(),
            *super().get_urls(),
        ]


class HanyaLihat:
    """Viewed in the admin, never written there, not even by a superuser."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PengajuanBulan)
class PengajuanBulanAdmin(HanyaLihat, LingkupAdminMixin, admin.ModelAdmin):
    """A bidang's month on its way to review: changed by the workflow (submit, return), not
    here."""

    list_display = [
        "bidang_organisasi",
        "tahun",
        "bulan_nama",
        "status",
        "diubah_oleh",
        "diubah_pada",
    ]
    list_filter = ["status", "tahun", BulanFilter, ("bidang", BidangListFilter)]
    list_select_related = ["bidang__organisasi", "diubah_oleh"]
    search_fields = ["bidang__nama", "catatan"]
    fields = ["bidang", "tahun", "bulan", "status", "catatan", "diubah_oleh", "diubah_pada"]

    @admin.display(description="bidang", ordering="bidang__nama")
    def bidang_organisasi(self, obj: PengajuanBulan) -> str:
        return label_bidang(obj.bidang)

    @admin.display(description="bulan", ordering="bulan")
    def bulan_nama(self, obj: PengajuanBulan) -> str:
        return nama_bulan(obj.bulan)


URUTAN_NILAI = ("pembagi", "realisasi", "keterangan")


def _teks_nilai(kunci: str, nilai: Any) -> str:
    if nilai is None or nilai == "":
        return "(kosong)"
    if kunci in ("pembagi", "realisasi"):
        try:
            return format_angka(Decimal(str(nilai)))
        except InvalidOperation:
            pass
    return Truncator(str(nilai)).chars(60)


def uraian_perubahan(lama: dict[str, Any] | None, baru: dict[str, Any] | None) -> str:
    """``pembagi: 46 → 50; realisasi: (kosong) → 38``: the values that differ (all of them
    for a creation or removal), numbers in Indonesian notation."""
    lama, baru = lama or None, baru or None
    kunci = [k for k in URUTAN_NILAI if k in (lama or {}) or k in (baru or {})]
    kunci += sorted({*(lama or {}), *(baru or {})} - set(URUTAN_NILAI))
    bagian = []
    for k in kunci:
        a, b = (lama or {}).get(k), (baru or {}).get(k)
        if lama is not None and baru is not None:
            if a == b:
                continue
            bagian.append(f"{k}: {_teks_nilai(k, a)} → {_teks_nilai(k, b)}")
        elif baru is not None:
            if b not in (None, ""):
                bagian.append(f"{k}: {_teks_nilai(k, b)}")
        elif a not in (None, ""):
            bagian.append(f"{k}: {_teks_nilai(k, a)}")
    return "; ".join(bagian) or "-"


@admin.register(JejakAudit)
class JejakAuditAdmin(HanyaLihat, LingkupAdminMixin, admin.ModelAdmin):
    """The audit trail, read-only: the database refuses changes to it anyway."""

    list_display = [
        "waktu",
        "nama_pengguna",
        "aksi",
        "sumber",
        "objek_atau_rumus",
        "bulan_tahun",
        "nama_bidang",
        "perubahan",
    ]
    list_display_links = ["waktu", "nama_pengguna"]
    list_filter = ["aksi", "sumber", "tahun", BulanFilter, "organisasi"]
    search_fields = ["kode_rumus", "nama_pengguna", "nama_bidang", "catatan", "objek"]
    fields = [
        "waktu",
        "organisasi",
        "nama_pengguna",
        "aksi",
        "sumber",
        "tahun",
        "bulan",
        "nama_bidang",
        "kode_rumus",
        "objek",
        "perubahan",
        "catatan",
        "hash",
    ]
    readonly_fields = ["perubahan"]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # ?objek=app.Model#pk: one object's history (the "Riwayat" button of its change form).
        return lookup == "objek" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="rumus / objek", ordering="kode_rumus")
    def objek_atau_rumus(self, obj: JejakAudit) -> str:
        return obj.kode_rumus or obj.objek or "—"

    @admin.display(description="bulan", ordering="bulan")
    def bulan_tahun(self, obj: JejakAudit) -> str:
        return f"{nama_bulan(obj.bulan)} {obj.tahun}"

    @admin.display(description="perubahan")
    def perubahan(self, obj: JejakAudit) -> str:
        return uraian_perubahan(obj.nilai_lama, obj.nilai_baru)
