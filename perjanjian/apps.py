from django.apps import AppConfig


class PerjanjianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perjanjian"
    verbose_name = "Perjanjian Kinerja"
