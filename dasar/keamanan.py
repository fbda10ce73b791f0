"""Content-Security-Policy for every response (issue 13). No inline or foreign script runs:
scripts come from this site's own static files only (``static/js/``), front-end assets are
vendored, and nothing is loaded from elsewhere. Inline ``style`` attributes stay allowed (the
progress bars' widths and the plan's colour swatches are data, set as style attributes), which
cannot run code.

Django 5.2 has no CSP of its own (6.0 will); this is the header, nothing more, so it adds no
dependency. A response that already carries the header (none today) keeps its own.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

KEBIJAKAN = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class KebijakanKeamananKonten:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", KEBIJAKAN)
        return response


class BasisDataTakTersedia:
    """A request that loses the database (a restart, a failover, a network cut) answers 503
    with a plain Indonesian message instead of a 500 traceback page, and says to try again:
    its transaction was rolled back, so nothing of it was half-written. The next request
    reconnects (``CONN_HEALTH_CHECKS``)."""

    PESAN = (
        "Basis data sedang tidak dapat dihubungi, mungkin sedang dimulai ulang. Permintaan "
        "Anda tidak diproses dan tidak ada yang tersimpan sebagian. Coba lagi sebentar lagi; "
        "bila Anda sedang mengisi, kembali ke halaman sebelumnya dan simpan lagi."
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        from django.db import InterfaceError, OperationalError, connection

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if isinstance(exception, OperationalError) and connection.is_usable():
            return None  # the database answered: a real error, not an outage
        connection.close_if_unusable_or_obsolete()
        response = HttpResponse(
            '<!doctype html><html lang="id"><meta charset="utf-8"><title>Basis data tidak '
            "tersedia</title><h1>Basis data tidak tersedia</h1><p>" + self.PESAN + "</p></html>",
            status=503,
        )
        response["Retry-After"] = "10"
        return response
