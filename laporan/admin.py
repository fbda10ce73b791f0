"""Signed versions, view-only (the database refuses changes anyway), and each organisasi's
signing configuration (superuser only: it names files on the server)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from akun.lingkup_admin import LingkupAdminMixin, lingkup
from capaian.admin import HanyaLihat
from dasar.angka import nama_bulan
from dasar.jejak import JejakAdminMixin
from laporan.models import KonfigurasiTandaTangan, LaporanTertanda, PemeriksaanIntegritas

lingkup(LaporanTertanda, "organisasi", ("view",))


@admin.register(LaporanTertanda)
class LaporanTertandaAdmin(HanyaLihat, LingkupAdminMixin, admin.ModelAdmin):
    list_display = [
        "organisasi",
        "tahun",
        "bulan_nama",
        "versi",
        "berlaku",
        "penanda_nama",
        "ditandatangani_pada",
        "tautan_verifikasi",
    ]
    list_filter = ["tahun", "organisasi"]
    list_select_related = ["organisasi"]
    search_fields = ["sha256", "token", "penanda_nama"]
    exclude = ["pdf", "data"]

    @admin.display(description="bulan", ordering="bulan")
    def bulan_nama(self, obj: LaporanTertanda) -> str:
        return nama_bulan(obj.bulan)

    @admin.display(description="berlaku", boolean=True)
    def berlaku(self, obj: LaporanTertanda) -> bool:
        return obj.berlaku

    @admin.display(description="verifikasi")
    def tautan_verifikasi(self, obj: LaporanTertanda) -> str:
        return format_html(
            '<a href="{}">halaman verifikasi</a>', reverse("verifikasi_token", args=[obj.token])
        )

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("pdf")


@admin.register(PemeriksaanIntegritas)
class PemeriksaanIntegritasAdmin(HanyaLihat, admin.ModelAdmin):
    """The runs of ``periksa_integritas`` (cron): installation-wide, so superusers only;
    an organisasi's admin sees its own findings on the dashboard."""

    list_display = ["waktu", "lulus", "organisasi", "jumlah_temuan", "diperiksa"]
    list_filter = ["lulus"]
    readonly_fields = ["waktu", "lulus", "organisasi", "ringkasan", "daftar_temuan"]
    exclude = ["temuan", "kepala_rantai"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    @admin.display(description="temuan")
    def jumlah_temuan(self, obj: PemeriksaanIntegritas) -> int:
        return len(obj.temuan)

    @admin.display(description="diperiksa")
    def diperiksa(self, obj: PemeriksaanIntegritas) -> str:
        r = obj.ringkasan
        return (
            f"{r.get('entri_jejak', 0)} entri jejak, {r.get('pdf_tertanda', 0)} PDF, "
            f"{r.get('bulan_disetujui', 0)} bulan disetujui"
        )

    @admin.display(description="temuan")
    def daftar_temuan(self, obj: PemeriksaanIntegritas) -> str:
        if not obj.temuan:
            return "Tidak ada: semuanya utuh."
        return format_html_join(
            "",
            "<p>[{}] {}: {}</p>",
            ((t["organisasi"], t["jenis"], t["rincian"]) for t in obj.temuan),
        )


@admin.register(KonfigurasiTandaTangan)
class KonfigurasiTandaTanganAdmin(JejakAdminMixin, admin.ModelAdmin):
    list_display = ["organisasi", "format", "berkas_pkcs12", "berkas_sertifikat", "diubah_pada"]
    fieldsets = [
        (None, {"fields": ["organisasi", "format"]}),
        ("PKCS#12", {"fields": ["berkas_pkcs12"]}),
        ("PEM", {"fields": ["berkas_kunci", "berkas_sertifikat"]}),
        (
            "Sandi dan rantai",
            {
                "fields": ["berkas_sandi", "variabel_sandi", "berkas_rantai", "url_tsa"],
                "description": "Sandi kunci tidak pernah disimpan di basis data: tulis di "
                "berkas (mode 0600) atau variabel lingkungan server.",
            },
        ),
        ("Tampilan", {"fields": ["gambar_tanda_tangan"]}),
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser
