# Placeholder: written by the entry-page work.
from django.http import HttpResponse


def entri(request, organisasi, tahun, bulan, bidang):
    return HttpResponse("belum")


def entri_pratinjau(request, organisasi, tahun, bulan, bidang):
    return HttpResponse("belum")


def entri_kembalikan(request, organisasi, tahun, bulan, bidang):
    return HttpResponse("belum")


def jejak_bulan(request, organisasi, tahun, bulan):
    return HttpResponse("belum")


def jejak_baris(request, organisasi, rumus):
    return HttpResponse("belum")
