"""The quarter's evaluation under /o/<organisasi>/evaluasi/ (docs/evaluasi.md). A plan is named
as on the plan's pages (``renstra-2025``: the ``rencana`` converter of rencana.urls)."""

from django.urls import path

import rencana.urls  # noqa: F401  (registers the "rencana" path converter)
from evaluasi import views

r = "evaluasi/<rencana:kunci>/"

urlpatterns = [
    path(r + "<int:tahun>/tw<int:triwulan>/", views.triwulan_ringkasan, name="evaluasi_triwulan"),
    path(
        r + "<int:tahun>/tw<int:triwulan>/dokumen.pdf",
        views.triwulan_pdf,
        name="evaluasi_triwulan_pdf",
    ),
    path(
        r + "<str:kode>/<int:tahun>/tw<int:triwulan>/",
        views.indikator_triwulan,
        name="evaluasi_indikator",
    ),
    path(
        r + "<str:kode>/<int:tahun>/tw<int:triwulan>/bukti/",
        views.bukti_unggah,
        name="evaluasi_bukti_unggah",
    ),
    path(
        "evaluasi/bulanan/<int:rumus>/<int:tahun>/<int:bulan>/",
        views.bukti_bulanan_halaman,
        name="evaluasi_bukti_bulanan",
    ),
    path("evaluasi/aksi/<int:aksi>/", views.bukti_aksi_halaman, name="evaluasi_bukti_aksi"),
    path("evaluasi/bukti/<int:pk>/", views.bukti_unduh, name="evaluasi_bukti_unduh"),
    path("evaluasi/bukti/<int:pk>/hapus/", views.bukti_hapus, name="evaluasi_bukti_hapus"),
]
