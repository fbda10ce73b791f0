from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    name = "indikator"
    verbose_name = "Indikator kinerja"

    def ready(self) -> None:
        from indikator import forms  # noqa: F401  (how choices of definitions read)
