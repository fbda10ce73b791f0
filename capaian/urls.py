from django.urls import path

from capaian import views

urlpatterns = [
    path("entri/<int:tahun>/<int:bulan>/<slug:bidang>/", views.entri, name="entri"),
    path(
        "entri/<int:tahun>/<int:bulan>/<slug:bidang>/pratinjau/",
        views.entri_pratinjau,
        name="entri_pratinjau",
    ),
    path(
        "entri/<int:tahun>/<int:bulan>/<slug:bidang>/kembalikan/",
        views.entri_kembalikan,
        name="entri_kembalikan",
    ),
    path("jejak/<int:tahun>/<int:bulan>/", views.jejak_bulan, name="jejak_bulan"),
    path("jejak/baris/<int:rumus>/", views.jejak_baris, name="jejak_baris"),
]
