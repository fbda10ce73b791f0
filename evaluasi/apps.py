from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi triwulan"

    def ready(self) -> None:
        from evaluasi import services  # noqa: F401  (deletes a row's file with the row)
