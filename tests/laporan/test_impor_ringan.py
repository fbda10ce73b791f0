"""A fresh worker does not pay for pyHanko or WeasyPrint until it signs, verifies or renders
a PDF (issue 12): neither the settings nor the URLconf import them."""

import subprocess
import sys

from django.conf import settings

KODE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")
import django
django.setup()
import dinsos_kinerja.urls  # what the first request of a worker loads
print(sorted(m for m in ("pyhanko", "weasyprint") if m in sys.modules))
"""


def test_the_urlconf_imports_neither_pyhanko_nor_weasyprint():
    hasil = subprocess.run(
        [sys.executable, "-c", KODE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == "[]"
