from django.urls import path

from laporan import views

bulan = "laporan/<int:tahun>/<int:bulan>/"

urlpatterns = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("dasbor/data.json", views.dasbor_data, name="dasbor_data"),
    path("dasbor/ketepatan.xlsx", views.dasbor_ketepatan_xlsx, name="dasbor_ketepatan_xlsx"),
    path(bulan, views.laporan_bulan, name="laporan_bulan"),
    path(bulan + "pdf/", views.laporan_pdf, name="laporan_pdf"),
    path(bulan + "xlsx/", views.laporan_xlsx, name="laporan_xlsx"),
    path(bulan + "versi/<int:versi>/pdf/", views.laporan_versi_pdf, name="laporan_versi_pdf"),
    path(bulan + "setujui/", views.laporan_setujui, name="laporan_setujui"),
    path(bulan + "buka/", views.laporan_buka, name="laporan_buka"),
]
