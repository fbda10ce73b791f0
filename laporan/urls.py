from django.urls import path

from laporan import views

urlpatterns = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("dasbor/data.json", views.dasbor_data, name="dasbor_data"),
]
