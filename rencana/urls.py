from django.urls import path

from rencana import views, views_dokumen, views_pohon

r = "rencana/<int:awal>/"

urlpatterns = [
    path("rencana/", views.rencana_indeks, name="rencana"),
    path(r, views.rencana_detail, name="rencana_detail"),
    path(r + "capaian/<int:tahun>/", views.rencana_capaian, name="rencana_capaian"),
    path(r + "indikator/<str:kode>/", views.rencana_indikator, name="rencana_indikator"),
    path(
        r + "indikator/<str:kode>/realisasi/<int:tahun>/<int:triwulan>/",
        views.rencana_realisasi,
        name="rencana_realisasi",
    ),
    path(r + "pohon/", views_pohon.pohon, name="rencana_pohon"),
    path(r + "pohon/pdf/", views_pohon.pohon_pdf, name="rencana_pohon_pdf"),
    path(r + "ekspor.xlsx", views_dokumen.ekspor_rencana, name="rencana_ekspor"),
    path(
        r + "dokumen/<slug:dokumen>.<str:fmt>",
        views_dokumen.dokumen,
        name="rencana_dokumen",
    ),
]
