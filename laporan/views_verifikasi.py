"""Public verification pages (no login): reached from the QR code printed on a signed report.

- ``verifikasi/``: how to verify, and an upload form that says whether a PDF is genuine.
- ``verifikasi/<token>/``: one version's details and status, its original PDF, and an upload
  form that says whether a file is this very document, another document of this system, or
  not genuine.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from akun.batas import alamat, izinkan, sisa_menit
from laporan import dokumen_lain
from laporan.models import LaporanTertanda
from laporan.verifikasi import (
    HasilVerifikasi,
    detail_laporan,
    periksa_laporan,
    sebab_tidak_berlaku,
    uraian_dokumen,
    verifikasi_berkas,
    versi_berlaku,
)

BATAS_UNGGAHAN = 20 * 1024 * 1024
PESAN_TERLALU_BESAR = "Berkas terlalu besar: ukuran maksimal 20 MB."
# The rows shown for another document found by an upload on a version's page.
RINGKAS = {"Organisasi", "Periode", "Versi", "Status", "Ditandatangani pada"}


class _BatasUnggahan(FileUploadHandler):
    """Stops storing an uploaded file once it passes BATAS_UNGGAHAN; the view then says so."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > BATAS_UNGGAHAN:
            self.request.unggahan_terlalu_besar = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


# Uploads checked per client address: each costs a signature check (tens of ms of CPU).
BATAS_PERIKSA = 30
JENDELA_PERIKSA = 10 * 60


def _dengan_batas_unggahan(view):
    """Install the size guard before the CSRF check reads the body (Django's documented
    pattern for per-view upload handlers: csrf_exempt outside, csrf_protect inside)."""
    dilindungi = csrf_protect(view)

    @csrf_exempt
    def pembungkus(request, *args, **kwargs):
        if request.method == "POST":
            kunci = f"verifikasi:{alamat(request)}"
            if not izinkan(kunci, BATAS_PERIKSA, JENDELA_PERIKSA):
                pesan = (
                    f"Terlalu banyak berkas diperiksa dari alamat ini ({BATAS_PERIKSA} dalam "
                    f"{JENDELA_PERIKSA // 60} menit). Coba lagi dalam "
                    f"{sisa_menit(kunci, JENDELA_PERIKSA)} menit."
                )
                response = render(request, "laporan/verifikasi.html",
                                  {"galat": pesan, "hasil": None}, status=429)  # fmt: skip
                response["Retry-After"] = str(JENDELA_PERIKSA)
                return _tanpa_cache_bersama(response)
            request.upload_handlers.insert(0, _BatasUnggahan(request))
        return dilindungi(request, *args, **kwargs)

    pembungkus.__name__ = view.__name__
    pembungkus.__doc__ = view.__doc__
    return pembungkus


def _baca_unggahan(request: HttpRequest) -> tuple[bytes | None, str]:
    berkas = request.FILES.get("berkas")  # parses the body: _BatasUnggahan may flag it
    if getattr(request, "unggahan_terlalu_besar", False):
        return None, PESAN_TERLALU_BESAR
    if berkas is None:
        return None, "Pilih berkas PDF yang akan diperiksa."
    if berkas.size > BATAS_UNGGAHAN:
        return None, PESAN_TERLALU_BESAR
    data = berkas.read()
    if not data:
        return None, "Berkas yang diunggah kosong."
    return data, ""


def _tampilan_hasil(hasil: HasilVerifikasi, laporan_halaman: LaporanTertanda | None) -> dict:
    """The banner for an uploaded file's result, relative to the page's document if any."""
    ditemukan = hasil.laporan
    tampil = {"pesan": hasil.pesan, "laporan": None, "detail": []}
    if ditemukan is not None:
        tampil["laporan"] = ditemukan
        tampil["detail"] = detail_laporan(ditemukan)
        tampil["tautan"] = reverse("verifikasi_token", args=[ditemukan.token])
    if hasil.bukan_pdf:
        tampil.update(jenis="tidak", judul="Bukan berkas PDF")
    elif not hasil.asli:
        tampil.update(jenis="tidak", judul="Tidak asli")
    elif laporan_halaman is None or ditemukan.token == laporan_halaman.token:
        if laporan_halaman is not None:
            tampil["pesan"] = "Berkas yang Anda unggah sama persis dengan dokumen ini. " + (
                hasil.pesan
            )
            tampil["detail"] = []  # already shown on the page
        if hasil.berlaku:
            tampil.update(jenis="asli", judul="Dokumen asli")
        else:
            tampil.update(jenis="peringatan", judul=_judul_digantikan(hasil.versi_terbaru))
    else:
        pesan = (
            "Berkas yang Anda unggah asli, tetapi bukan dokumen ini: berkas itu adalah "
            f"{uraian_dokumen(ditemukan)}"
        )
        if not hasil.berlaku:
            pesan += f" ({_judul_digantikan(hasil.versi_terbaru).lower()})"
        tampil.update(
            jenis="peringatan",
            judul="Dokumen lain",
            pesan=pesan + ".",
            detail=[(k, v) for k, v in tampil["detail"] if k in RINGKAS],
        )
    return tampil


def _judul_digantikan(terbaru: LaporanTertanda | None) -> str:
    if terbaru is not None:
        return f"Versi ini sudah digantikan oleh versi {terbaru.versi}"
    return "Versi ini sudah tidak berlaku"


def _status_dokumen(laporan: LaporanTertanda) -> dict:
    """The banner for the page's own document: its stored bytes checked again."""
    periksa = periksa_laporan(laporan, bytes(laporan.pdf))
    terbaru = None if laporan.berlaku else versi_berlaku(laporan)
    if not periksa.sah:
        return {
            "jenis": "tidak",
            "judul": "Tanda tangan tidak dapat diverifikasi",
            "pesan": periksa.pesan,
            "terbaru": terbaru,
        }
    if laporan.berlaku:
        return {
            "jenis": "asli",
            "judul": "Dokumen asli",
            "pesan": (
                "Dokumen ini diterbitkan aplikasi Dinsos Kinerja, tanda tangan digitalnya sah, "
                "dan ini versi yang berlaku."
            ),
            "terbaru": None,
        }
    return {
        "jenis": "peringatan",
        "judul": _judul_digantikan(terbaru),
        "pesan": (
            "Dokumen ini asli (diterbitkan aplikasi ini dan tanda tangannya sah), tetapi "
            f"bukan lagi versi yang berlaku: {sebab_tidak_berlaku(laporan)}."
        ),
        "terbaru": terbaru,
    }


def _tanpa_cache_bersama(response: HttpResponse) -> HttpResponse:
    # The token is the only key to these pages: keep them out of shared caches.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@_dengan_batas_unggahan
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest) -> HttpResponse:
    konteks = {"galat": "", "hasil": None}
    if request.method == "POST":
        data, galat = _baca_unggahan(request)
        konteks["galat"] = galat
        if data is not None:
            konteks["hasil"] = _tampilan_hasil(verifikasi_berkas(data), None)
    status = 400 if konteks["galat"] else 200
    response = render(request, "laporan/verifikasi.html", konteks, status=status)
    return _tanpa_cache_bersama(response)


def _laporan_atau_404(token: str) -> LaporanTertanda:
    laporan = LaporanTertanda.objects.select_related("organisasi").filter(token=token).first()
    if laporan is None:
        # Another kind of signed document (laporan.dokumen_lain: a Perjanjian Kinerja).
        laporan = dokumen_lain.cari_token(token)
    if laporan is None:
        raise Http404
    return laporan


@_dengan_batas_unggahan
@require_http_methods(["GET", "POST"])
def verifikasi_laporan(request: HttpRequest, token: str) -> HttpResponse:
    laporan = _laporan_atau_404(token)
    konteks = {
        "laporan": laporan,
        "detail": detail_laporan(laporan),
        "status": _status_dokumen(laporan),
        "galat": "",
        "hasil": None,
    }
    if request.method == "POST":
        data, galat = _baca_unggahan(request)
        konteks["galat"] = galat
        if data is not None:
            konteks["hasil"] = _tampilan_hasil(verifikasi_berkas(data), laporan)
    status = 400 if konteks["galat"] else 200
    response = render(request, "laporan/verifikasi.html", konteks, status=status)
    return _tanpa_cache_bersama(response)


@require_GET
def verifikasi_unduh(request: HttpRequest, token: str) -> HttpResponse:
    laporan = _laporan_atau_404(token)
    data = bytes(laporan.pdf)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{laporan.nama_berkas}"'
    response["Content-Length"] = str(len(data))
    return _tanpa_cache_bersama(response)
