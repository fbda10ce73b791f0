"""Data attributes for a form that must not lose typed work to an ended session (issue 16),
read by ``static/js/sesi.js`` and ``static/js/draf.js``:

    <form ... {% atribut_sesi %} {% atribut_draf "entri" org tahun bulan bidang %}>

``atribut_sesi``: seconds left in the session (no query: ``dasar.sesi``), when to warn, and
the URLs to ask, extend and log in again (``next`` back to this page).
``atribut_draf``: the draft's key (its parts joined by ``/``) and its owner (the logged-in
user's name: a draft is never restored for anyone else), and ``data-draf-tersimpan`` when
this page follows a successful save (a success message is pending), so the browser forgets
the draft that was just saved.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from dasar.sesi import sisa_detik

register = template.Library()


@register.simple_tag(takes_context=True)
def atribut_sesi(context: template.Context) -> SafeString:
    request = context["request"]
    sisa = sisa_detik(request)
    if sisa is None:
        return mark_safe("")
    masuk = f"{reverse('masuk')}?{urlencode({'next': request.get_full_path()}, safe='/')}"
    return format_html(
        'data-sesi-sisa="{}" data-sesi-peringatan="{}" data-sesi-pengguna="{}" '
        'data-sesi-status="{}" data-sesi-perpanjang="{}" data-sesi-masuk="{}"',
        sisa,
        settings.SESI_PERINGATAN_DETIK,
        request.user.get_username(),
        reverse("sesi_status"),
        reverse("sesi_perpanjang"),
        masuk,
    )


@register.simple_tag(takes_context=True)
def atribut_draf(context: template.Context, *bagian: object) -> SafeString:
    request = context["request"]
    if not request.user.is_authenticated:
        return mark_safe("")
    tersimpan = any(m.level == messages.SUCCESS for m in messages.get_messages(request))
    return format_html(
        'data-draf="{}" data-draf-pengguna="{}"{}',
        "/".join(str(b) for b in bagian),
        request.user.get_username(),
        mark_safe(" data-draf-tersimpan") if tersimpan else "",
    )
