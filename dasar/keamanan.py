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
