"""Users and their place in an organisasi, managed by superusers only; login lockouts.

The admin's login form shares the lockout of ``/masuk/`` (``FormMasukAdmin``).
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from akun.admin_impor import PilihanBerlabelAdmin
from akun.forms import AnggotaForm, FormMasukAdmin
from akun.lingkup_admin import LingkupAdminMixin, akses_admin
from akun.models import Anggota, KunciMasuk, PemantauWilayah
from dasar.jejak import JejakAdminMixin
from organisasi.models import Bidang, Organisasi, Wilayah

admin.site.login_form = FormMasukAdmin
# django.contrib.auth registered these with its own classes; ours add roles and restrict access.
admin.site.unregister(User)
admin.site.unregister(Group)


class HanyaSuperuser:
    """Managing users and roles is for superusers: an organisasi's admin could otherwise
    raise their own rights."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)


class AnggotaInline(HanyaSuperuser, admin.StackedInline):
    model = Anggota
    form = AnggotaForm
    can_delete = True
    max_num = 1
    extra = 1
    verbose_name = "keanggotaan organisasi"
    verbose_name_plural = "keanggotaan organisasi"
    filter_horizontal = ["bidang"]


@admin.register(User)
class PenggunaAdmin(JejakAdminMixin, HanyaSuperuser, UserAdmin):
    inlines = [AnggotaInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "peran"]
    list_select_related = ["anggota__organisasi"]
    list_filter = ["is_active", "is_staff", "is_superuser", "anggota__organisasi", "anggota__peran"]

    @admin.display(description="peran", ordering="anggota__peran")
    def peran(self, obj: User) -> str:
        anggota = getattr(obj, "anggota", None)
        if anggota is None:
            return "Superuser" if obj.is_superuser else "—"
        return f"{anggota.get_peran_display()} · {anggota.organisasi.nama}"


@admin.register(Group)
class GrupAdmin(HanyaSuperuser, GroupAdmin):
    pass


@admin.register(Anggota)
class AnggotaAdmin(JejakAdminMixin, HanyaSuperuser, admin.ModelAdmin):
    form = AnggotaForm
    fields = ["pengguna", "organisasi", "peran", "bidang", "jabatan"]
    autocomplete_fields = ["pengguna"]
    filter_horizontal = ["bidang"]
    list_display = ["pengguna", "nama_lengkap", "organisasi", "peran", "daftar_bidang", "aktif"]
    list_filter = ["organisasi", "peran", "bidang", "pengguna__is_active"]
    list_select_related = ["pengguna", "organisasi"]
    search_fields = ["pengguna__username", "pengguna__first_name", "pengguna__last_name", "jabatan"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Anggota]:
        return super().get_queryset(request).prefetch_related("bidang")

    @admin.display(description="nama lengkap", ordering="pengguna__first_name")
    def nama_lengkap(self, obj: Anggota) -> str:
        return obj.pengguna.get_full_name()

    @admin.display(description="bidang")
    def daftar_bidang(self, obj: Anggota) -> str:
        return ", ".join(b.nama for b in obj.bidang.all()) or "—"

    @admin.display(description="aktif", boolean=True, ordering="pengguna__is_active")
    def aktif(self, obj: Anggota) -> bool:
        return obj.pengguna.is_active


@admin.register(PemantauWilayah)
class PemantauWilayahAdmin(JejakAdminMixin, HanyaSuperuser, admin.ModelAdmin):
    fields = ["pengguna", "wilayah", "jabatan"]
    autocomplete_fields = ["pengguna"]
    list_display = ["pengguna", "wilayah", "jabatan"]
    list_filter = ["wilayah"]
    list_select_related = ["pengguna", "wilayah"]
    search_fields = ["pengguna__username", "pengguna__first_name", "jabatan"]


@admin.register(Wilayah)
class WilayahAdmin(JejakAdminMixin, HanyaSuperuser, admin.ModelAdmin):
    """Wilayah group organisasi for the regional roll-up; only a superuser forms them."""

    fields = ["nama", "slug", "organisasi"]
    prepopulated_fields = {"slug": ["nama"]}
    filter_horizontal = ["organisasi"]
    list_display = ["nama", "slug", "jumlah_organisasi"]
    search_fields = ["nama", "slug"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Wilayah]:
        return super().get_queryset(request).annotate(n=Count("organisasi"))

    @admin.display(description="organisasi", ordering="n")
    def jumlah_organisasi(self, obj: Wilayah) -> int:
        return obj.n


@admin.register(KunciMasuk)
class KunciMasukAdmin(HanyaSuperuser, admin.ModelAdmin):
    list_display = ["nama_pengguna", "gagal", "gagal_terakhir", "terkunci_sampai", "terkunci"]
    search_fields = ["nama_pengguna"]
    ordering = ["-gagal_terakhir"]
    readonly_fields = ["nama_pengguna", "gagal", "gagal_terakhir", "terkunci_sampai"]
    actions = ["buka_kunci"]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="terkunci sekarang", boolean=True)
    def terkunci(self, obj: KunciMasuk) -> bool:
        return obj.terkunci_sampai is not None and obj.terkunci_sampai > timezone.now()

    @admin.action(description="Buka kunci", permissions=["delete"])
    def buka_kunci(self, request: HttpRequest, queryset: QuerySet[KunciMasuk]) -> None:
        jumlah, _ = queryset.delete()
        self.message_user(
            request, f"{jumlah} akun dibuka kuncinya; hitungan gagalnya dimulai dari nol.",
            messages.SUCCESS,
        )  # fmt: skip


# The organisasi and its bidang: a superuser adds them (or the definitions import does); an
# organisasi admin changes their own organisasi's letterhead, signer and bidang.


class BidangInline(LingkupAdminMixin, admin.TabularInline):
    model = Bidang
    fields = ["nama", "slug"]
    prepopulated_fields = {"slug": ["nama"]}
    extra = 0


@admin.register(Organisasi)
class OrganisasiAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["nama", "slug", "kota", "kepala_nama"]
    search_fields = ["nama", "slug", "kota"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [BidangInline]
    fieldsets = [
        ("Identitas", {"fields": ["nama", "slug", "pemerintah", "dinas"]}),
        ("Kop surat", {"fields": ["alamat", "telepon", "laman", "email", "logo"]}),
        (
            "Penandatangan",
            {"fields": ["kota", "kepala_nama", "kepala_pangkat", "kepala_nip"]},
        ),
        ("Tenggat", {"fields": ["hari_tenggat", "hari_kedaluwarsa"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Organisasi | None = None) -> list[str]:
        # The slug names the organisasi in its URLs and imports; only a superuser renames it.
        if akses_admin(request).terbatas:
            return [*super().get_readonly_fields(request, obj), "slug"]
        return list(super().get_readonly_fields(request, obj))

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Organisasi | None = None
    ) -> dict[str, list[str]]:
        if akses_admin(request).terbatas:
            return {}  # the slug is read-only for them
        return super().get_prepopulated_fields(request, obj)


@admin.register(Bidang)
class BidangAdmin(JejakAdminMixin, LingkupAdminMixin, PilihanBerlabelAdmin, admin.ModelAdmin):
    list_display = ["nama", "organisasi", "slug"]
    list_filter = ["organisasi"]
    list_select_related = ["organisasi"]
    search_fields = ["nama", "slug", "organisasi__nama", "organisasi__slug"]
    prepopulated_fields = {"slug": ["nama"]}
