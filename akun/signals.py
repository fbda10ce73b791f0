"""Keep the session register in step with logins, logouts and deactivations."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from akun import services


@receiver(user_logged_in, dispatch_uid="akun.daftarkan_sesi")
def _setelah_masuk(sender, request, user, **kwargs) -> None:
    services.daftarkan_sesi(pengguna=user, request=request)


@receiver(user_logged_out, dispatch_uid="akun.lupakan_sesi")
def _setelah_keluar(sender, request, user, **kwargs) -> None:
    services.lupakan_sesi(kunci_sesi=request.session.session_key)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="akun.akhiri_sesi_nonaktif")
def _setelah_pengguna_disimpan(sender, instance, update_fields=None, **kwargs) -> None:
    # Deactivated by the admin form or any .save(): end every session the user still has.
    # (QuerySet.update() sends no signal; deactivate through .save().)
    if instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    services.akhiri_semua_sesi(pengguna=instance)
