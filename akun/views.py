# Placeholder: written by the accounts work (login, logout, beranda).
from django.http import HttpResponse


def beranda(request):
    return HttpResponse("belum")


def masuk(request):
    return HttpResponse("belum")


def keluar(request):
    return HttpResponse("belum")
