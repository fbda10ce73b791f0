"""The Django admin's half of the scope rules (``akun.akses`` is the site's): who may use the
admin, with which model permissions, over which organisasi's rows.

- A superuser spans every organisasi, with every permission.
- An organisasi admin (``Anggota.peran == admin``, marked staff) works on their own
  organisasi's rows only, with the permissions in ``IZIN_ADMIN_ORGANISASI``. They come from
  the role, not from Django groups: changing someone's peran changes their rights at once,
  and no group membership can drift out of step with it.
- Any other member of an organisasi (Kepala Dinas, staf bidang, pemantau) has no admin
  rights, even when marked staff.
- A staff account without a membership keeps Django's user and group permissions, over
  every organisasi: an operator account that only a superuser can set up (managing users is
  superuser-only, see ``akun.admin``).

For an organisasi admin, rows of another organisasi are left out of every list, choice,
filter and autocomplete, and their pages answer 404 (as missing objects do).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Field, ForeignKey, Model, QuerySet
from django.http import Http404, HttpRequest

from akun.models import Anggota, Peran
from organisasi.models import Bidang, Organisasi, label_bidang

# The lookup from each scoped model to its organisasi, and what an organisasi admin may do
# there (within their organisasi), as "app_label.codename". Each app declares its own models
# with ``lingkup`` in its admin module; the admin loads every admin module at start-up.
JALUR_ORGANISASI: dict[type[Model], str] = {}
IZIN_ADMIN_ORGANISASI: set[str] = set()

SEMUA_AKSI = ("view", "add", "change", "delete")


def lingkup(model: type[Model], jalur: str, aksi: tuple[str, ...] = SEMUA_AKSI) -> None:
    """``model``'s rows belong to the organisasi at ``jalur`` (``"pk"`` for Organisasi itself,
    ``"rumus__organisasi"`` ...); an organisasi admin may do ``aksi`` to them."""
    JALUR_ORGANISASI[model] = jalur
    opts = model._meta
    IZIN_ADMIN_ORGANISASI.update(f"{opts.app_label}.{a}_{opts.model_name}" for a in aksi)


# Organisasi: no add or delete (a superuser's job).
lingkup(Organisasi, "pk", ("view", "change"))
lingkup(Bidang, "organisasi")

SEMUA = "semua"  # superuser
ORGANISASI = "organisasi"  # organisasi admin: one organisasi, the role's permissions
IZIN_DJANGO = "izin-django"  # staff without membership: Django's permissions, every organisasi
TANPA = "tanpa"  # no admin rights

PESAN_ORGANISASI_LAIN = "Anda hanya dapat memilih organisasi Anda sendiri ({nama})."
PESAN_PILIHAN_LAIN = "Pilih {objek} milik organisasi Anda sendiri ({nama})."


@dataclass(frozen=True)
class AksesAdmin:
    jenis: str
    organisasi: Organisasi | None = None  # set for ORGANISASI only

    @property
    def terbatas(self) -> bool:
        """Confined to one organisasi."""
        return self.jenis == ORGANISASI

    def punya_izin(self, pengguna: AbstractBaseUser, *izin: str) -> bool:
        """Every one of ``izin`` ("app_label.codename")."""
        if self.jenis == ORGANISASI:
            return all(i in IZIN_ADMIN_ORGANISASI for i in izin)
        if self.jenis == TANPA:
            return False
        return pengguna.has_perms(izin)


def akses_pengguna(pengguna: AbstractBaseUser) -> AksesAdmin:
    """What the user may do in the admin (one query for a non-superuser)."""
    if not pengguna.is_authenticated or not pengguna.is_active:
        return AksesAdmin(TANPA)
    if pengguna.is_superuser:
        return AksesAdmin(SEMUA)
    anggota = Anggota.objects.filter(pengguna=pengguna).select_related("organisasi").first()
    if anggota is None:
        return AksesAdmin(IZIN_DJANGO)
    if anggota.peran == Peran.ADMIN and pengguna.is_staff:
        return AksesAdmin(ORGANISASI, anggota.organisasi)
    return AksesAdmin(TANPA)


def akses_admin(request: HttpRequest) -> AksesAdmin:
    """``akses_pengguna`` for the request's user, computed once per request."""
    if "_akses_admin" not in request.__dict__:
        request._akses_admin = akses_pengguna(request.user)
    return request._akses_admin


def organisasi_admin(pengguna: AbstractBaseUser) -> Organisasi | None:
    """The organisasi an organisasi admin is confined to; None for anyone not confined to
    one (a superuser, an operator, or someone without admin rights at all)."""
    return akses_pengguna(pengguna).organisasi


def dalam_organisasi(queryset: QuerySet, organisasi: Organisasi) -> QuerySet:
    return queryset.filter(**{JALUR_ORGANISASI[queryset.model]: organisasi.pk})


def organisasi_id_objek(obj: Model) -> Any:
    """The pk of the organisasi an object (saved or not) belongs to, through its loaded or
    assigned relations."""
    *relasi, akhir = JALUR_ORGANISASI[type(obj)].split("__")
    for nama in relasi:
        obj = getattr(obj, nama)
    return obj.pk if akhir == "pk" else getattr(obj, f"{akhir}_id")


def batasi_pilihan_organisasi(field: forms.ModelChoiceField, organisasi: Organisasi) -> None:
    """A choice of organisasi that offers and accepts only ``organisasi``, preselected."""
    field.queryset = Organisasi.objects.filter(pk=organisasi.pk)
    field.required = True
    field.empty_label = None
    field.initial = organisasi.pk
    field.error_messages = {
        **field.error_messages,
        "invalid_choice": PESAN_ORGANISASI_LAIN.format(nama=organisasi.nama),
    }


def _bukan_filter_organisasi(item: Any) -> bool:
    nama = item[0] if isinstance(item, (tuple, list)) else item
    return not (isinstance(nama, str) and nama.split("__")[-1] == "organisasi")


class LingkupAdminMixin:
    """For a ModelAdmin or inline of a model in ``JALUR_ORGANISASI``: rows, choices and
    permissions as ``akses_admin`` allows. Put it first among the bases."""

    opts: Any

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        akses = akses_admin(request)
        if akses.terbatas:
            return dalam_organisasi(qs, akses.organisasi)
        if akses.jenis == TANPA:
            return qs.none()
        return qs

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        # The admin redirects to its index for a missing object; here an object of another
        # organisasi and a missing one both answer 404, as the rest of the site does.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(f"{self.opts.verbose_name} tidak ditemukan")
        return obj

    def _izin_peran(self, request: HttpRequest, aksi: str) -> bool:
        kode = f"{self.opts.app_label}.{get_permission_codename(aksi, self.opts)}"
        return akses_admin(request).punya_izin(request.user, kode)

    def _diatur_peran(self, request: HttpRequest) -> bool:
        return akses_admin(request).jenis in (ORGANISASI, TANPA)

    def has_module_permission(self, request: HttpRequest) -> bool:
        if self._diatur_peran(request):
            return self.has_view_permission(request)
        return super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._diatur_peran(request):
            return self._izin_peran(request, "view") or self._izin_peran(request, "change")
        return super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self._diatur_peran(request):
            return self._izin_peran(request, "add")
        return super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._diatur_peran(request):
            return self._izin_peran(request, "change")
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._diatur_peran(request):
            return self._izin_peran(request, "delete")
        return super().has_delete_permission(request, obj)

    def get_list_filter(self, request: HttpRequest) -> list:
        filters = list(super().get_list_filter(request))
        if akses_admin(request).terbatas:
            # One organisasi: a filter by organisasi would only name the others.
            filters = [f for f in filters if _bukan_filter_organisasi(f)]
        return filters

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        akses = akses_admin(request)
        model = db_field.related_model
        if akses.terbatas and model in JALUR_ORGANISASI and "queryset" not in kwargs:
            qs = self.get_field_queryset(kwargs.get("using"), db_field, request)
            if qs is None:
                qs = model._default_manager.using(kwargs.get("using"))
            kwargs["queryset"] = dalam_organisasi(qs, akses.organisasi)
            nama = akses.organisasi.nama
            if model is Organisasi:
                kwargs.setdefault("empty_label", None)  # their own, preselected
                kwargs.setdefault("initial", akses.organisasi.pk)
                pesan = PESAN_ORGANISASI_LAIN.format(nama=nama)
            else:
                pesan = PESAN_PILIHAN_LAIN.format(objek=model._meta.verbose_name, nama=nama)
            kwargs.setdefault("error_messages", {"invalid_choice": pesan})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        # The choices already allow nothing else; this keeps it so whatever the form does.
        akses = akses_admin(request)
        if akses.terbatas and organisasi_id_objek(obj) != akses.organisasi.pk:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class BidangListFilter(admin.RelatedFieldListFilter):
    """The bidang filter of lists that span organisasi: each bidang with its organisasi
    (only the user's own organisasi's for an organisasi admin)."""

    def field_choices(
        self, field: Field, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[int, str]]:
        bidang = field.related_model._default_manager.select_related("organisasi")
        akses = akses_admin(request)
        if akses.terbatas:
            bidang = bidang.filter(organisasi=akses.organisasi)
        return [
            (b.pk, label_bidang(b))
            for b in bidang.order_by("organisasi__nama", "organisasi_id", "nama", "pk")
        ]
