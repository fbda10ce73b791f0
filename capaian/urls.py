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
    path(
        "entri/<int:tahun>/<int:bulan>/<slug:bidang>/pengecualian/",
        views.entri_pengecualian,
        name="entri_pengecualian",
    ),
    path("jejak/<int:tahun>/<int:bulan>/", views.jejak_bulan, name="jejak_bulan"),
    path("jejak/baris/<int:rumus>/", views.jejak_baris, name="jejak_baris"),
]
