from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

admin.site.site_header = "Dinsos Kinerja — Administrasi"
admin.site.site_title = "Dinsos Kinerja"
admin.site.index_title = "Pengelolaan indikator kinerja"

# Every page of an organisasi lives under /o/<slug>/ and is scoped by akun.akses.lingkup.
organisasi_urls = [
    path("", include("laporan.urls")),
    path("", include("capaian.urls")),
    path("", include("rencana.urls")),
    path("", include("evaluasi.urls")),
    path("", include("perjanjian.urls")),
]


def favicon(request: HttpRequest) -> HttpResponse:
    """Clients that ask /favicon.ico without reading the page's icon link (every page has one)."""
    return redirect(static("favicon.ico"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("o/<slug:organisasi>/", include(organisasi_urls)),
    # The regional roll-up, scoped by akun.akses.wilayah_terlihat.
    path("wilayah/", include("laporan.urls_wilayah")),
    # Public (no login): the verification page a signed report's QR code points to.
    path("", include("laporan.urls_publik")),
    path("", include("akun.urls")),
]
