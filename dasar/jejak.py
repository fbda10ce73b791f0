"""Changes outside the monthly realisasi reach the audit trail (issue 13) through one signal,
so that the lower floors (organisasi, akun, indikator) can report a change without importing
the trail, which lives in ``capaian``: ``capaian.audit`` receives ``perubahan`` and appends a
chained entry in the same transaction.

``JejakAdminMixin`` reports every save and delete made in the Django admin, with the fields
before and after; the import runners report each applied workbook with its SHA-256 and the
changes it made; the plan's quarterly values report from their form.
"""

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import models
from django.dispatch import Signal

# kwargs: pengguna, organisasi_id (0 = the installation), tahun, objek ("app.Model#pk" or
# "impor:jenis"), label, aksi ("buat"/"ubah"/"hapus"/"impor"), sumber, lama, baru, catatan
perubahan = Signal()


def teks(nilai: Any) -> Any:
    """A field's value as JSON-safe text: exact decimals, ISO dates, ids of relations."""
    if nilai is None or isinstance(nilai, bool | int | str):
        return nilai
    if isinstance(nilai, Decimal):  # exact, without the column's trailing zeros: 800, 0.5
        t = format(nilai, "f")
        return t.rstrip("0").rstrip(".") if "." in t else t
    if isinstance(nilai, Fraction):
        return f"{nilai.numerator}/{nilai.denominator}"
    if isinstance(nilai, datetime.date | datetime.datetime):
        return nilai.isoformat()
    if isinstance(nilai, list | tuple):
        return [teks(v) for v in nilai]
    if isinstance(nilai, dict):
        return {k: teks(v) for k, v in nilai.items()}
    return str(nilai)


def potret(
    obj: models.Model, kecuali: tuple[str, ...] = ("password", "last_login"), m2m: bool = False
) -> dict:
    """The object's fields as text (a password hash never); with ``m2m``, its many-to-many
    relations as sorted ids too."""
    hasil = {
        f.attname: teks(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname not in kecuali
    }
    if m2m and obj.pk:
        for f in obj._meta.many_to_many:
            hasil[f.name] = sorted(str(o.pk) for o in getattr(obj, f.name).all())
    return hasil


def selisih(lama: dict, baru: dict) -> tuple[dict, dict]:
    kunci = [k for k in baru if lama.get(k) != baru.get(k)]
    return {k: lama.get(k) for k in kunci}, {k: baru.get(k) for k in kunci}


def objek(obj: models.Model) -> str:
    return f"{obj._meta.label}#{obj.pk}"


def _int_pertama(obj: Any, jalan: tuple[str, ...]) -> int:
    """The first of the dotted attribute paths that leads to an int on ``obj``; else 0."""
    for j in jalan:
        nilai: Any = obj
        try:
            for bagian in j.split("."):
                nilai = getattr(nilai, bagian)
        except Exception:
            continue
        if isinstance(nilai, int):
            return nilai
    return 0


def organisasi_dari(obj: Any) -> int:
    """The organisasi a changed object belongs to (0: none, e.g. a superuser's account)."""
    jalan = ("organisasi_id", "program.organisasi_id", "renstra.organisasi_id",
             "indikator.renstra.organisasi_id", "anggota.organisasi_id")  # fmt: skip
    return _int_pertama(obj, jalan)


def tahun_dari(obj: Any) -> int:
    return _int_pertama(obj, ("tahun", "program.tahun", "tahun_awal", "renstra.tahun_awal"))


def kirim(**kwargs: Any) -> None:
    perubahan.send(sender=None, **kwargs)


class JejakAdminMixin:
    """Every admin save and delete of this model goes to the audit trail, before and after."""

    def save_model(self, request, obj, form, change) -> None:
        lama = {}
        if change and obj.pk:
            sebelum = type(obj)._default_manager.filter(pk=obj.pk).first()
            lama = potret(sebelum) if sebelum is not None else {}
        super().save_model(request, obj, form, change)
        baru = potret(obj)
        if change:
            lama, baru = selisih(lama, baru)
            if not baru and not getattr(form, "changed_data", None):
                return
        kirim(pengguna=request.user, organisasi_id=organisasi_dari(obj), tahun=tahun_dari(obj),
              objek=objek(obj), label=str(obj)[:300], aksi="ubah" if change else "buat",
              sumber="admin", lama=lama or None, baru=baru or None,
              catatan=f"Diubah di admin: {obj._meta.verbose_name}.")  # fmt: skip

    def save_related(self, request, form, formsets, change) -> None:
        obj = form.instance
        m2m = {f.name: sorted(str(o.pk) for o in getattr(obj, f.name).all())
               for f in obj._meta.many_to_many}  # fmt: skip
        super().save_related(request, form, formsets, change)
        sesudah = {f.name: sorted(str(o.pk) for o in getattr(obj, f.name).all())
                   for f in obj._meta.many_to_many}  # fmt: skip
        lama, baru = selisih(m2m, sesudah)
        if baru:
            kirim(pengguna=request.user, organisasi_id=organisasi_dari(obj),
                  tahun=tahun_dari(obj), objek=objek(obj), label=str(obj)[:300], aksi="ubah",
                  sumber="admin", lama=lama, baru=baru,
                  catatan=f"Diubah di admin: {obj._meta.verbose_name} (keanggotaan).")  # fmt: skip

    def save_formset(self, request, form, formset, change) -> None:
        """Inline rows (a user's role and bidang, an organisasi's bidang) are changes too."""
        sebelum = {}
        for f in formset.forms:
            if f.instance.pk:
                ada = type(f.instance)._default_manager.filter(pk=f.instance.pk).first()
                if ada is not None:
                    sebelum[f.instance.pk] = potret(ada, m2m=True)
        super().save_formset(request, form, formset, change)
        catatan = f"Diubah di admin: {formset.model._meta.verbose_name}."
        for obj in formset.new_objects:
            self._kirim(request, obj, "buat", None, potret(obj, m2m=True), catatan)
        for obj, _ in formset.changed_objects:
            lama, baru = selisih(sebelum.get(obj.pk, {}), potret(obj, m2m=True))
            if baru:
                self._kirim(request, obj, "ubah", lama, baru, catatan)
        for obj in formset.deleted_objects:
            self._kirim(request, obj, "hapus", sebelum.get(obj.pk), None, catatan)

    def _kirim(self, request, obj, aksi, lama, baru, catatan) -> None:
        kirim(pengguna=request.user, organisasi_id=organisasi_dari(obj), tahun=tahun_dari(obj),
              objek=objek(obj), label=str(obj)[:300], aksi=aksi, sumber="admin", lama=lama,
              baru=baru, catatan=catatan)  # fmt: skip

    def delete_model(self, request, obj) -> None:
        lama, org, tahun, label, nama = (
            potret(obj), organisasi_dari(obj), tahun_dari(obj), str(obj)[:300], objek(obj),
        )  # fmt: skip
        super().delete_model(request, obj)
        kirim(pengguna=request.user, organisasi_id=org, tahun=tahun, objek=nama, label=label,
              aksi="hapus", sumber="admin", lama=lama, baru=None,
              catatan=f"Dihapus di admin: {obj._meta.verbose_name}.")  # fmt: skip

    def delete_queryset(self, request, queryset) -> None:
        for obj in list(queryset):
            self.delete_model(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        """The admin's "Riwayat" button opens the chained audit trail of this object (every
        change with its values before and after), not Django's unchained log. Scoped like
        the object: 404 when the user may not view it."""
        from django.core.exceptions import PermissionDenied
        from django.http import Http404, HttpResponseRedirect
        from django.urls import reverse
        from django.utils.http import urlencode

        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied

        url = reverse("admin:capaian_jejakaudit_changelist")
        return HttpResponseRedirect(
            f"{url}?{urlencode({'objek': f'{self.model._meta.label}#{object_id}'})}"
        )

    def changeform_view(self, request, *args, **kwargs):
        return self._tolak_dengan_pesan(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._tolak_dengan_pesan(request, super().delete_view, *args, **kwargs)

    def _tolak_dengan_pesan(self, request, view, *args, **kwargs):
        """What the database refuses because a signed month depends on it becomes a message
        saying which month and what to do, not a server error; nothing was saved."""
        from django.contrib import messages
        from django.db import DatabaseError
        from django.http import HttpResponseRedirect

        from dasar.impor import pesan_tertanda

        try:
            return view(request, *args, **kwargs)
        except DatabaseError as exc:
            pesan = pesan_tertanda(exc)
            if not pesan:
                raise
            self.message_user(request, f"Tidak disimpan. {pesan}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
