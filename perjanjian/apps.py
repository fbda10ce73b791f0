from django.apps import AppConfig


class PerjanjianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perjanjian"
    verbose_name = "Perjanjian Kinerja"

    def ready(self) -> None:
        # The public verification pages (laporan, a floor below) check signed PKs too.
        from perjanjian import verifikasi

        verifikasi.daftar()
