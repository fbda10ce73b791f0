from django.apps import AppConfig


class CapaianConfig(AppConfig):
    name = "capaian"
    verbose_name = "Capaian (realisasi bulanan)"
