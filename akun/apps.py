from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "akun"
    verbose_name = "Akun dan peran"

    def ready(self) -> None:
        # signals connects the receivers; forms says how choices of a bidang read.
        from akun import forms, signals  # noqa: F401
