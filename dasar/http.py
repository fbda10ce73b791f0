"""Small HTTP helpers shared by the views of every app."""

from django.http import Http404, HttpResponse, HttpResponseRedirect

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
