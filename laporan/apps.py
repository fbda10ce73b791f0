from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


def cek_url_situs(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Signed PDFs carry URL_SITUS in their QR code forever: production must set it."""
    host = urlsplit(settings.URL_SITUS).hostname or ""
    if settings.DEBUG or host not in ("127.0.0.1", "localhost", "::1", ""):
        return []
    return [
        checks.Warning(
            "URL_SITUS belum diatur atau masih menunjuk ke localhost; kode QR laporan bertanda "
            "tangan harus menunjuk ke alamat publik yang tetap.",
            hint="Set URL_SITUS ke alamat publik aplikasi, mis. https://kinerja.dinsos.go.id",
            id="laporan.W001",
        )
    ]


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self) -> None:
        checks.register(cek_url_situs, checks.Tags.security, deploy=True)
        # The writers of realisasi (capaian, a floor below) ask the approval's month lock.
        from capaian import kunci
        from laporan.models import KunciBulan

        kunci.pasang(KunciBulan.objects)
