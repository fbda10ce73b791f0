"""Small HTTP helpers shared by the views of every app."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url

from dasar.periode import periode_sah


def see_other(url: str) -> HttpResponseRedirect:
    """303 See Other: after a POST, the browser GETs ``url`` (a reload never re-posts)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def periode_atau_404(tahun: int, bulan: int) -> None:
    """A month in a URL outside what the application holds answers 404."""
    if not periode_sah(tahun, bulan):
        raise Http404


JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    """A download: saved under ``nama``, never cached by a shared proxy or the browser."""
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["Cache-Control"] = "private, no-store"
    return response


SESI_BERAKHIR = "Sesi Anda berakhir. Masuk lagi untuk melanjutkan."


def sesi_berakhir_json() -> JsonResponse:
    """401 for a script's request without a logged-in session: a page's fetch reads this
    instead of following a redirect to the login page's HTML (and failing silently)."""
    return JsonResponse(
        {"masuk": False, "pesan": SESI_BERAKHIR, "url_masuk": resolve_url(settings.LOGIN_URL)},
        status=401,
    )


def masuk_wajib_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``login_required`` for views answered to scripts (JSON): 401 instead of a redirect."""

    @wraps(view)
    def _view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return sesi_berakhir_json()
        return view(request, *args, **kwargs)

    return _view
