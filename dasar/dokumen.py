"""Printed documents: the letterhead, images as data URIs, QR codes and the PDF renderer
(WeasyPrint), shared by the monthly report, the plan's documents and the tree.

Nothing here fetches anything: the stylesheet is read from disk and inlined, images become
data URIs, and WeasyPrint's fetcher accepts ``data:`` only. The organisasi a letterhead is
drawn for is any object with its fields (``nama``, ``pemerintah``, ``dinas``, ``alamat``,
``telepon``, ``laman``, ``email``, ``logo``).
"""

import base64
import gc
import logging
import mimetypes
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

LAMBANG_BAWAAN = "img/lambang-bawaan.svg"
CSS_CETAK = "css/cetak.css"
# Logos are shown, never executed; other types (or an unreadable file) fall back to the
# default emblem rather than failing the report.
JENIS_LOGO = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}

# WeasyPrint reports every layout step at INFO; the project's root logger prints INFO.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


# --- images -------------------------------------------------------------------------------


def data_uri(jenis: str, isi: bytes) -> str:
    return f"data:{jenis};base64,{base64.b64encode(isi).decode('ascii')}"


def berkas_statis(nama: str) -> bytes:
    """A file of static/ read afresh (a few kB: cheaper than keeping stale copies)."""
    jalur = finders.find(nama) or Path(settings.BASE_DIR) / "static" / nama
    return Path(jalur).read_bytes()


def logo_data_uri(organisasi: Any) -> str:
    """The organisasi's uploaded logo, else the neutral default emblem."""
    if organisasi.logo:
        jenis = mimetypes.guess_type(organisasi.logo.name)[0]
        if jenis in JENIS_LOGO:
            try:
                with organisasi.logo.open("rb") as berkas:
                    return data_uri(jenis, berkas.read())
            except OSError:
                pass
    return data_uri("image/svg+xml", berkas_statis(LAMBANG_BAWAAN))


def qr_svg(url: str) -> SafeString:
    """A vector QR code (inline SVG, no size: the stylesheet sizes it)."""
    qr = segno.make_qr(url, error="m")
    return mark_safe(qr.svg_inline(border=0, omitsize=True, dark="#000"))


def kop_organisasi(organisasi: Any) -> dict[str, str]:
    """The letterhead of templates/laporan/_kop.html, for every printed document."""
    return {
        "logo": logo_data_uri(organisasi),
        "pemerintah": organisasi.pemerintah.upper(),
        "dinas": (organisasi.dinas or organisasi.nama).upper(),
        "alamat": organisasi.alamat,
        "telepon": organisasi.telepon,
        "laman": organisasi.laman,
        "email": organisasi.email,
    }


def css_cetak() -> str:
    return berkas_statis(CSS_CETAK).decode("utf-8")


def render_pdf(html: str) -> bytes:
    """A self-contained HTML document as PDF: nothing fetched but ``data:`` URIs, the
    garbage collector paused while WeasyPrint lays it out."""
    from weasyprint import HTML, URLFetcher  # heavy import, only where a PDF is made

    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    with tanpa_gc():
        # pdf_identifier=True: a trailer /ID from the content's hash, stable across renders.
        return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_identifier=True)


_gc_kunci = threading.Lock()
_gc_pemakai = 0
_gc_aktif_sebelumnya = [True]


@contextmanager
def tanpa_gc():
    """The cyclic garbage collector paused while WeasyPrint lays out the document: its full
    collections over the box tree cost 20-30% of a render (docs/benchmarks.md). Counted, so
    that concurrent renders in threads re-enable it only when the last one ends."""
    global _gc_pemakai
    with _gc_kunci:
        if _gc_pemakai == 0:
            _gc_aktif_sebelumnya[0] = gc.isenabled()
            gc.disable()
        _gc_pemakai += 1
    try:
        yield
    finally:
        with _gc_kunci:
            _gc_pemakai -= 1
            if _gc_pemakai == 0 and _gc_aktif_sebelumnya[0]:
                gc.enable()
