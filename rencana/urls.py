from django.urls import path, register_converter

from rencana import views, views_aksi, views_dokumen, views_pohon


class KunciRencana:
    """A plan in a URL: its kind and first year, ``renstra-2025`` or ``iku-2025``
    (``Renstra.kunci``); two plans of one organisasi never share it."""

    regex = r"[a-z]+-[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KunciRencana, "rencana")

r = "rencana/<rencana:kunci>/"

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
    path(
        r + "indikator/<str:kode>/target-triwulan/<int:tahun>/",
        views_aksi.rencana_target_triwulan,
        name="rencana_target_triwulan",
    ),
    path(r + "aksi/<int:tahun>/", views_aksi.rencana_aksi, name="rencana_aksi"),
    path(r + "aksi/<int:tahun>/baru/", views_aksi.rencana_aksi_baru, name="rencana_aksi_baru"),
    path(r + "aksi/<int:tahun>/<int:pk>/", views_aksi.rencana_aksi_ubah, name="rencana_aksi_ubah"),
    path(
        r + "aksi/<int:tahun>/<int:pk>/hapus/",
        views_aksi.rencana_aksi_hapus,
        name="rencana_aksi_hapus",
    ),
    path(r + "anggaran/<int:tahun>/", views_aksi.rencana_anggaran, name="rencana_anggaran"),
    path(r + "pohon/", views_pohon.pohon, name="rencana_pohon"),
    path(r + "pohon/pdf/", views_pohon.pohon_pdf, name="rencana_pohon_pdf"),
    path(r + "ekspor.xlsx", views_dokumen.ekspor_rencana, name="rencana_ekspor"),
    path(
        r + "dokumen/<slug:dokumen>.<str:fmt>",
        views_dokumen.dokumen,
        name="rencana_dokumen",
    ),
    # Addresses from before issue 16 named a plan by its first year only.
    path("rencana/<int:awal>/", views.rencana_lama, name="rencana_lama"),
    path("rencana/<int:awal>/<path:sisa>", views.rencana_lama),
]
