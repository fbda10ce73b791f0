"""Admin for monthly realisasi, plus its workbook import/export."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern
from django.utils.text import Truncator

from capaian import engine
from capaian.impor import ekspor_realisasi, impor_realisasi
from capaian.models import Realisasi
from indikator.admin import BidangListFilter
from indikator.admin_views import (
    EksporAdmin,
    ImporAdmin,
    JenisImpor,
    PilihanBerlabelAdmin,
    TombolImporMixin,
)
from indikator.angka import format_angka, format_persen, nama_bulan
from indikator.forms import BULAN_CHOICES, EksporForm, ImporRealisasiForm, RealisasiAdminForm
from indikator.impor_dasar import HasilImpor, ImporError, Kesalahan
from indikator.models import Organisasi


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
        if value and value.isdigit():
            return queryset.filter(bulan=int(value))
        return queryset


def pembagi_efektif(obj: Realisasi) -> Any:
    """The month's pembagi as the report uses it: the one entered, else the rumus's default."""
    return obj.pembagi if obj.pembagi is not None else obj.rumus.pembagi_default


@admin.register(Realisasi)
class RealisasiAdmin(TombolImporMixin, PilihanBerlabelAdmin, admin.ModelAdmin):
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
    readonly_fields = ["tahun", "diisi_oleh", "dibuat_pada", "diubah_pada"]
    fieldsets = [
        (None, {"fields": ["rumus", "tahun", "bulan"]}),
        ("Nilai", {"fields": ["pembagi", "realisasi", "keterangan"]}),
        ("Riwayat", {"fields": ["diisi_oleh", "dibuat_pada", "diubah_pada"]}),
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
        obj.diisi_oleh = request.user
        super().save_model(request, obj, form, change)

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
