"""The admin's preparation of Perjanjian Kinerja: the Bupati/Walikota, the positions and
their holders (scoped to the admin's organisasi through ``akun.lingkup_admin``). The
indicator list of a PK is adjusted on the site (``…/perjanjian/<tahun>/<jabatan>/siapkan/``);
signed versions are read-only here."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from akun.lingkup_admin import LingkupAdminMixin, akses_admin, lingkup
from dasar.jejak import JejakAdminMixin
from perjanjian.models import Jabatan, KepalaDaerah, PerjanjianKinerja, VersiPerjanjian

lingkup(KepalaDaerah, "organisasi")
lingkup(Jabatan, "organisasi")
lingkup(PerjanjianKinerja, "jabatan__organisasi", ("view",))
lingkup(VersiPerjanjian, "organisasi", ("view",))


@admin.register(KepalaDaerah)
class KepalaDaerahAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["jabatan", "nama", "organisasi"]


@admin.register(Jabatan)
class JabatanAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["nama", "eselon", "atasan", "bidang", "pemangku_nama", "organisasi"]
    list_filter = ["organisasi", "eselon"]
    search_fields = ["nama", "kode", "pemangku_nama"]
    fieldsets = [
        (None, {"fields": ["organisasi", "kode", "nama", "eselon", "atasan", "bidang",
                           "kode_elemen", "urutan"]}),
        ("Pemangku", {"fields": ["pemangku_nama", "pemangku_nip", "pemangku_pangkat",
                                 "pengguna"],
                      "description": "Untuk Kepala Dinas, yang kosong diambil dari data "
                                     "Kepala Dinas organisasi."}),
    ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "pengguna":
            akses = akses_admin(request)
            if akses.terbatas:
                kwargs["queryset"] = get_user_model().objects.filter(
                    anggota__organisasi=akses.organisasi
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["jabatan", "tahun", "sesuaikan", "diubah_pada"]
    list_filter = ["tahun"]
    readonly_fields = ["jabatan", "tahun", "sesuaikan", "tanggal", "diubah_pada"]
    exclude = ["indikator"]

    def has_add_permission(self, request, *args):
        return False


@admin.register(VersiPerjanjian)
class VersiPerjanjianAdmin(LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["jabatan_nama", "tahun", "versi", "ditandatangani_pada", "digantikan_pada"]
    list_filter = ["tahun"]
    exclude = ["pdf", "data"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in ("pdf", "data")]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
