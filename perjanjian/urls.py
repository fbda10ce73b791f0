from django.urls import path

from perjanjian import views

p = "perjanjian/<int:tahun>/<slug:kode>/"

urlpatterns = [
    path("perjanjian/", views.perjanjian_indeks, name="perjanjian"),
    path(p, views.perjanjian_detail, name="perjanjian_detail"),
    path(p + "siapkan/", views.perjanjian_siapkan, name="perjanjian_siapkan"),
    path(p + "setujui/", views.perjanjian_setujui, name="perjanjian_setujui"),
    path(p + "draf.<str:fmt>", views.perjanjian_berkas, name="perjanjian_berkas"),
    path(p + "versi/<int:versi>.pdf", views.perjanjian_versi, name="perjanjian_versi"),
]
