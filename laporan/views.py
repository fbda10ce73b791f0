# Placeholder: written by the dashboard work.
from django.http import HttpResponse


def dasbor(request, organisasi):
    return HttpResponse("belum")


def dasbor_data(request, organisasi):
    return HttpResponse("belum")
