"""Public pages (no login), included at the site root: verification of signed reports."""

from django.urls import path

from laporan import views_verifikasi

urlpatterns = [
    path("verifikasi/", views_verifikasi.verifikasi, name="verifikasi"),
    path(
        "verifikasi/<slug:token>/",
        views_verifikasi.verifikasi_laporan,
        name="verifikasi_token",
    ),
    path(
        "verifikasi/<slug:token>/unduh/",
        views_verifikasi.verifikasi_unduh,
        name="verifikasi_unduh",
    ),
]
