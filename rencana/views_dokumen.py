"""Downloads of the plan's documents, PDF and Excel: the LAMPIRAN of the IKU decree, the
five-year targets, the cascade and the achievement table (``rencana.cetak``,
``rencana.excel``). Any member of the organisasi may download; everything else is 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from akun.akses import lingkup
from dasar.http import unduhan
from dasar.periode import TAHUN_MAX, TAHUN_MIN
from rencana import cetak, ekspor, excel
from rencana.views import muat_renstra, tahun_bawaan

JENIS_BERKAS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _angka(request: HttpRequest, nama: str, bawah: int, atas: int, bawaan: int | None):
    """An integer query parameter within [bawah, atas]; its default when absent; 404 when
    it is anything else."""
    teks = request.GET.get(nama)
    if teks is None or teks == "":
        return bawaan
    if not teks.isdigit() or len(teks) > 4:
        raise Http404
    nilai = int(teks)
    if not bawah <= nilai <= atas:
        raise Http404
    return nilai


@login_required
@require_GET
def dokumen(request: HttpRequest, organisasi: str, kunci: str, dokumen: str, fmt: str):
    """``lampiran-iku`` (``?tahun=`` a year of the plan, default its first), ``target``,
    ``cascading``, ``capaian`` (``?tahun=`` default this year within the plan,
    ``&triwulan=1..4`` default 4 = the whole year, ``&banding=`` default ``tahun - 1``)."""
    if dokumen not in cetak.DOKUMEN or fmt not in JENIS_BERKAS:
        lingkup(request, organisasi)  # the same answer whether or not the plan exists
        raise Http404
    _, renstra = muat_renstra(request, organisasi, kunci)
    hari_ini = timezone.localdate()
    tahun = triwulan = banding = None
    if dokumen == "lampiran-iku":
        tahun = _angka(request, "tahun", renstra.tahun_awal, renstra.tahun_akhir, None)
    elif dokumen == "capaian":
        # The plan's years and its baseline year (the year before it starts).
        bawaan = tahun_bawaan(renstra)  # the latest year with data
        tahun = _angka(request, "tahun", renstra.tahun_awal - 1, renstra.tahun_akhir, bawaan)
        triwulan = _angka(request, "triwulan", 1, 4, 4)
        banding = _angka(request, "banding", TAHUN_MIN, TAHUN_MAX, tahun - 1)
        if banding == tahun:
            raise Http404
    dok = cetak.bangun_dokumen(
        renstra,
        dokumen,
        tahun=tahun,
        triwulan=triwulan or 4,
        banding=banding,
        hari_ini=hari_ini,
    )
    isi = cetak.pdf_dokumen(dok) if fmt == "pdf" else excel.xlsx_dokumen(dok)
    return unduhan(isi, f"{dok.nama_berkas}.{fmt}", JENIS_BERKAS[fmt])


@login_required
@require_GET
def ekspor_rencana(request: HttpRequest, organisasi: str, kunci: str) -> HttpResponse:
    """The whole plan as a workbook (``rencana.ekspor``), for any member of the organisasi."""
    _, renstra = muat_renstra(request, organisasi, kunci)
    return unduhan(
        ekspor.ekspor_rencana(renstra),
        f"{cetak.nama_berkas(renstra, 'rencana')}.xlsx",
        JENIS_BERKAS["xlsx"],
    )
