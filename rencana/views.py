"""The plan's pages: overview with the five-year targets, the achievement table of a year or
quarter, one indicator, and the quarterly realisasi of an indicator not tied to monthly rows.

Every view starts with ``akun.akses.lingkup``: members of the organisasi read the plan; the
admin of the organisasi, and the staf of the indicator's bidang, enter quarterly realisasi.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from akun.akses import Lingkup, lingkup
from rencana.models import Renstra


def muat_renstra(request: HttpRequest, organisasi: str, awal: int) -> tuple[Lingkup, Renstra]:
    """The request's scope and the organisasi's plan starting in ``awal``; 404 otherwise."""
    ling = lingkup(request, organisasi)
    renstra = Renstra.objects.filter(organisasi=ling.organisasi, tahun_awal=awal).first()
    if renstra is None:
        raise Http404
    renstra.organisasi = ling.organisasi  # the same row: saves a query in every renderer
    return ling, renstra


def rencana_indeks(request: HttpRequest, organisasi: str) -> HttpResponse:
    ling = lingkup(request, organisasi)
    daftar = list(Renstra.objects.filter(organisasi=ling.organisasi).order_by("-tahun_awal"))
    if len(daftar) == 1:
        return redirect("rencana_detail", organisasi, daftar[0].tahun_awal)
    return render(request, "rencana/indeks.html", {"ling": ling, "daftar": daftar})


def rencana_detail(request: HttpRequest, organisasi: str, awal: int) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, awal)
    raise Http404


def rencana_capaian(request: HttpRequest, organisasi: str, awal: int, tahun: int) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, awal)
    raise Http404


def rencana_indikator(request: HttpRequest, organisasi: str, awal: int, kode: str):
    ling, renstra = muat_renstra(request, organisasi, awal)
    raise Http404


def rencana_realisasi(
    request: HttpRequest, organisasi: str, awal: int, kode: str, tahun: int, triwulan: int
):
    ling, renstra = muat_renstra(request, organisasi, awal)
    raise Http404
