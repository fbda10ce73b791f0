"""The dashboard: the landing page after login, and the same figures as JSON."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from akun.akses import lingkup
from indikator.angka import nama_bulan
from laporan.builder import dumps_json
from laporan.dasbor import bangun_dasbor, ke_json
from laporan.grafik import PENUH, RINGKAS, grafik_capaian, pola_cetak


def _dasbor(request: HttpRequest, organisasi: str):
    ling = lingkup(request, organisasi)
    data = bangun_dasbor(
        ling, request.GET.get("tahun"), request.GET.get("bulan"), hari_ini=timezone.localdate()
    )
    return ling, data


@login_required
@require_safe
def dasbor(request: HttpRequest, organisasi: str) -> HttpResponse:
    ling, data = _dasbor(request, organisasi)
    grafik = {}
    if data.per_bulan:
        args = (data.per_bulan, data.tahun, data.bulan, data.target_bawah, data.target_atas)
        grafik = {
            "penuh": grafik_capaian(*args, tata=PENUH),
            "ringkas": grafik_capaian(*args, tata=RINGKAS),
            "pola": pola_cetak(),
        }
    return render(
        request,
        "laporan/dasbor.html",
        {
            "ling": ling,
            "dasbor": data,
            "grafik": grafik,
            "pilihan_bulan": [(b, nama_bulan(b)) for b in range(1, 13)],
            "sekarang": timezone.localtime(),
        },
    )


@login_required
@require_safe
def dasbor_data(request: HttpRequest, organisasi: str) -> HttpResponse:
    _, data = _dasbor(request, organisasi)
    return HttpResponse(dumps_json(ke_json(data)), content_type="application/json")
