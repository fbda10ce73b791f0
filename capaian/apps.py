from django.apps import AppConfig


class CapaianConfig(AppConfig):
    name = "capaian"
    verbose_name = "Capaian (realisasi bulanan)"

    def ready(self) -> None:
        from capaian import audit
        from dasar.jejak import perubahan

        perubahan.connect(audit.catat_perubahan, dispatch_uid="capaian.audit.catat_perubahan")
