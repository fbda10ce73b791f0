from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Dinsos Kinerja — Administrasi"
admin.site.site_title = "Dinsos Kinerja"
admin.site.index_title = "Pengelolaan indikator kinerja"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
