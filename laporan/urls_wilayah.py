from django.urls import path

from laporan import views_wilayah

urlpatterns = [
    path("", views_wilayah.wilayah_indeks, name="wilayah_indeks"),
    path("<slug:wilayah>/", views_wilayah.rekap_wilayah, name="rekap_wilayah"),
    path("<slug:wilayah>/data.json", views_wilayah.rekap_wilayah_data, name="rekap_wilayah_data"),
    path("<slug:wilayah>/xlsx/", views_wilayah.rekap_wilayah_xlsx, name="rekap_wilayah_xlsx"),
]
