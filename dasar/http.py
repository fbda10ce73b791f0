"""Small HTTP helpers shared by the views of every app."""

from django.http import Http404, HttpResponseRedirect

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
