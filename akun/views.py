"""Logging in and out, and the landing page that sends each user to their organisasi."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from akun.akses import bukan_anggota, organisasi_pengguna
from akun.forms import FormMasuk
from dasar.http import masuk_wajib_json
from dasar.sesi import sisa_detik


def _tujuan_aman(request: HttpRequest) -> str:
    """Where to go after login: ``next`` when it points into this site, else the beranda."""
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def masuk(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FormMasuk(request, data=request.POST)
        if form.is_valid():
            if request.user.is_authenticated:
                # login() keeps the key when the same user logs in again; renew it anyway.
                request.session.cycle_key()
            login(request, form.get_user())
            return HttpResponseRedirect(_tujuan_aman(request))
    else:
        if request.user.is_authenticated:
            return HttpResponseRedirect(_tujuan_aman(request))
        form = FormMasuk(request)
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    return render(request, "akun/masuk.html", {"form": form, "next": nxt})


@require_POST
def keluar(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "Anda sudah keluar.")
    return redirect("masuk")


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    daftar = organisasi_pengguna(request.user)
    if daftar and not request.user.is_superuser and bukan_anggota(request.user):
        return redirect("wilayah_indeks")  # a Pemantau wilayah starts at the roll-up
    if len(daftar) == 1:
        return redirect("dasbor", organisasi=daftar[0].slug)
    if daftar:
        return render(request, "akun/pilih_organisasi.html", {"daftar_organisasi": daftar})
    return render(request, "akun/tanpa_organisasi.html")


@login_required
def pengaturan(request: HttpRequest) -> HttpResponse:
    """The user's own settings: e-mail reminders on or off (members of an organisasi)."""
    from akun.akses import lingkup
    from akun.models import Anggota

    anggota = Anggota.objects.filter(pengguna=request.user).select_related("organisasi").first()
    if request.method == "POST" and anggota is not None:
        anggota.terima_pengingat = request.POST.get("terima_pengingat") == "on"
        anggota.save(update_fields=["terima_pengingat"])
        messages.success(
            request,
            "Pengingat lewat surel dinyalakan."
            if anggota.terima_pengingat
            else "Pengingat lewat surel dimatikan.",
        )
        return redirect("pengaturan")
    ling = lingkup(request, anggota.organisasi.slug) if anggota is not None else None
    return render(request, "akun/pengaturan.html", {"anggota": anggota, "ling": ling})


@login_required
def notifikasi(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; "Tandai semua dibaca" marks them read."""
    from django.utils import timezone

    from akun.models import Notifikasi

    milik = Notifikasi.objects.filter(pengguna=request.user)
    if request.method == "POST":
        n = milik.filter(dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())
        messages.success(request, f"{n} notifikasi ditandai sudah dibaca.")
        return redirect("notifikasi")
    daftar = list(milik.select_related("organisasi", "bidang")[:BATAS_NOTIFIKASI])
    return render(
        request,
        "akun/notifikasi.html",
        {"daftar": daftar, "batas": BATAS_NOTIFIKASI, "ling": _lingkup_sendiri(request)},
    )


def _lingkup_sendiri(request: HttpRequest):
    """The member's own organisasi scope, so the account pages keep the office's navigation."""
    from akun.akses import lingkup
    from akun.models import Anggota

    slug = (
        Anggota.objects.filter(pengguna=request.user)
        .values_list("organisasi__slug", flat=True)
        .first()
    )
    return lingkup(request, slug) if slug else None


BATAS_NOTIFIKASI = 100


@login_required
def buka_notifikasi(request: HttpRequest, pk: int) -> HttpResponse:
    """Open one notification: mark it read and go to its page (only the user's own)."""
    from django.shortcuts import get_object_or_404
    from django.utils import timezone

    from akun.models import Notifikasi

    n = get_object_or_404(Notifikasi, pk=pk, pengguna=request.user)
    if n.dibaca_pada is None:
        Notifikasi.objects.filter(pk=n.pk).update(dibaca_pada=timezone.now())
    if url_has_allowed_host_and_scheme(n.url, allowed_hosts=None):  # a path of this site
        return HttpResponseRedirect(n.url)
    return redirect("notifikasi")


def _keadaan_sesi(request: HttpRequest) -> dict:
    return {
        "masuk": True,
        "pengguna": request.user.get_username(),
        "sisa_detik": sisa_detik(request),
        "peringatan_detik": settings.SESI_PERINGATAN_DETIK,
    }


@never_cache
@require_GET
def sesi_status(request: HttpRequest) -> JsonResponse:
    """How long the session still has, for a page that warns before it ends (issue 16). Asking
    does not extend it; a visitor without a session gets ``{"masuk": false}``."""
    if not request.user.is_authenticated:
        return JsonResponse({"masuk": False})
    return JsonResponse(_keadaan_sesi(request))


@never_cache
@require_POST
@masuk_wajib_json
def sesi_perpanjang(request: HttpRequest) -> JsonResponse:
    """The user asked to stay: the session is saved again and lasts a full
    ``SESSION_COOKIE_AGE`` from now. Only a deliberate click extends it (CSRF-checked POST);
    reading pages does not (``SESSION_SAVE_EVERY_REQUEST`` stays off)."""
    request.session.modified = True
    return JsonResponse(_keadaan_sesi(request))
