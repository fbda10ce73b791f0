"""Downloads of the plan's documents, PDF and Excel (helper-owned; stubs until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from akun.akses import lingkup


def dokumen(request: HttpRequest, organisasi: str, awal: int, dokumen: str, fmt: str):
    lingkup(request, organisasi)
    raise Http404


def ekspor_rencana(request: HttpRequest, organisasi: str, awal: int) -> HttpResponse:
    lingkup(request, organisasi)
    raise Http404
