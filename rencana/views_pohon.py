"""The performance tree page and its landscape PDF (helper-owned; stubs until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from akun.akses import lingkup


def pohon(request: HttpRequest, organisasi: str, awal: int) -> HttpResponse:
    lingkup(request, organisasi)
    raise Http404


def pohon_pdf(request: HttpRequest, organisasi: str, awal: int) -> HttpResponse:
    lingkup(request, organisasi)
    raise Http404
