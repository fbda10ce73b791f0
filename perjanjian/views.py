"""The Perjanjian Kinerja pages under /o/<slug>/perjanjian/. Every member of the organisasi
(and a Pemantau wilayah of it) reads them; the admin prepares (holder, indicator list, the
Bupati/Walikota); the Kepala Dinas (or a superuser) approves and signs.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akun.akses import Lingkup, lingkup
from dasar.http import see_other, unduhan
from perjanjian import cetak, services
from perjanjian.models import Eselon, Jabatan, KepalaDaerah
from perjanjian.selectors import (
    calon_indikator,
    daftar_jabatan,
    indikator_bawaan,
    indikator_plan,
    ke_json,
    perjanjian_tahun,
    saran_pohon,
    susun,
    versi_perjanjian,
)
from rencana.selectors import dokumen_acuan

JENIS_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _tahun_wajar(tahun: int) -> None:
    if not 2000 <= tahun <= 2100:
        raise Http404


def _jabatan(ling: Lingkup, kode: str) -> Jabatan:
    jabatan = (
        Jabatan.objects.filter(organisasi=ling.organisasi, kode=kode)
        .select_related("atasan", "bidang")
        .first()
    )
    if jabatan is None:
        raise Http404
    jabatan.organisasi = ling.organisasi
    if jabatan.atasan is not None:
        jabatan.atasan.organisasi = ling.organisasi
    return jabatan


@login_required
@require_safe
def perjanjian_indeks(request: HttpRequest, organisasi: str) -> HttpResponse:
    ling = lingkup(request, organisasi)
    try:
        tahun = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    _tahun_wajar(tahun)
    baris = []
    for j in daftar_jabatan(ling.organisasi):
        pk = perjanjian_tahun(j, tahun)
        versi = versi_perjanjian(pk)
        berlaku = next((v for v in versi if v.berlaku), None)
        baris.append({"jabatan": j, "berlaku": berlaku, "jumlah_versi": len(versi)})
    konteks = {
        "ling": ling,
        "tahun": tahun,
        "daftar_tahun": list(range(tahun - 2, tahun + 3)),
        "baris": baris,
        "renstra": dokumen_acuan(ling.organisasi, tahun),
        "kepala_daerah": KepalaDaerah.objects.filter(organisasi=ling.organisasi).first(),
    }
    return render(request, "perjanjian/indeks.html", konteks)


@login_required
@require_safe
def perjanjian_detail(request: HttpRequest, organisasi: str, tahun: int, kode: str):
    ling = lingkup(request, organisasi)
    _tahun_wajar(tahun)
    jabatan = _jabatan(ling, kode)
    dok = susun(jabatan, tahun)
    versi = versi_perjanjian(dok.perjanjian)
    berlaku = next((v for v in versi if v.berlaku), None)
    berubah = False
    if berlaku is not None:
        berubah = services.teks_json(ke_json(dok)) != berlaku.data.get("pk")
    konteks = {
        "ling": ling,
        "tahun": tahun,
        "jabatan": jabatan,
        "dok": dok,
        "versi": versi,
        "berlaku": berlaku,
        "berubah": berubah,
        "hari_ini": timezone.localdate().isoformat(),
        "tanggal_bawaan": services.tanggal_bawaan(
            tahun, dok.perjanjian.tanggal if dok.perjanjian else None
        ),
    }
    return render(request, "perjanjian/detail.html", konteks)


def _tanggal(teks: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(teks.strip()) if teks.strip() else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def perjanjian_siapkan(request: HttpRequest, organisasi: str, tahun: int, kode: str):
    ling = lingkup(request, organisasi)
    if not ling.boleh_admin:
        raise Http404
    _tahun_wajar(tahun)
    jabatan = _jabatan(ling, kode)
    dok = susun(jabatan, tahun)
    semua = []
    if dok.renstra is not None:
        semua = list(indikator_plan(dok.renstra, tahun))
    calon = calon_indikator(jabatan, semua)
    dipilih = {b.indikator.pk for b in dok.indikator}
    if request.method == "POST":
        ids = {int(i) for i in request.POST.getlist("indikator") if i.isdigit()}
        sah = {i.pk for i in calon}
        if not ids <= sah:
            raise Http404
        bawaan = {b.pk for b in indikator_bawaan(jabatan, semua)}
        services.simpan_persiapan(
            jabatan=jabatan,
            tahun=tahun,
            pemangku={
                k: request.POST.get(k, "")
                for k in ("pemangku_nama", "pemangku_nip", "pemangku_pangkat")
            },
            sesuaikan=ids != bawaan,
            indikator_ids=sorted(ids),
            tanggal=_tanggal(request.POST.get("tanggal", "")),
            kepala_daerah=(
                {
                    "nama": request.POST.get("kd_nama", ""),
                    "jabatan": request.POST.get("kd_jabatan", ""),
                }
                if jabatan.eselon == Eselon.II
                else None
            ),
        )
        messages.success(request, f"Persiapan PK {tahun} {jabatan.nama} disimpan.")
        return see_other(reverse("perjanjian_detail", args=[organisasi, tahun, kode]))
    konteks = {
        "ling": ling,
        "tahun": tahun,
        "jabatan": jabatan,
        "dok": dok,
        "calon": [(i, i.pk in dipilih) for i in calon],
        "saran": saran_pohon(jabatan, dok.renstra),
        "kepala_daerah": KepalaDaerah.objects.filter(organisasi=ling.organisasi).first(),
    }
    return render(request, "perjanjian/siapkan.html", konteks)


@login_required
@require_POST
def perjanjian_setujui(request: HttpRequest, organisasi: str, tahun: int, kode: str):
    ling = lingkup(request, organisasi)
    if not ling.boleh_tinjau:
        raise Http404
    _tahun_wajar(tahun)
    jabatan = _jabatan(ling, kode)
    tujuan = reverse("perjanjian_detail", args=[organisasi, tahun, kode])
    if not request.POST.get("konfirmasi"):
        messages.error(request, "Centang pernyataan persetujuan dulu.")
        return see_other(tujuan)
    try:
        versi = services.setujui_perjanjian(
            jabatan=jabatan,
            tahun=tahun,
            pengguna=request.user,
            tanggal=_tanggal(request.POST.get("tanggal", "")),
            alasan=request.POST.get("alasan", ""),
            situs=request.build_absolute_uri("/"),
        )
    except services.PerjanjianDitolak as exc:
        messages.error(request, str(exc))
        return see_other(tujuan)
    messages.success(
        request, f"PK {tahun} {jabatan.nama} disetujui dan ditandatangani (versi {versi.versi})."
    )
    return see_other(tujuan)


@login_required
@require_safe
def perjanjian_berkas(request: HttpRequest, organisasi: str, tahun: int, kode: str, fmt: str):
    """The draft as the plan says now (DRAF on every page), PDF or Word."""
    ling = lingkup(request, organisasi)
    _tahun_wajar(tahun)
    jabatan = _jabatan(ling, kode)
    dok = susun(jabatan, tahun)
    tanggal = services.tanggal_bawaan(tahun, dok.perjanjian.tanggal if dok.perjanjian else None)
    t = cetak.tampilan(dok, tanggal)
    nama = f"perjanjian-kinerja-{ling.organisasi.slug}-{tahun}-{kode}-draf"
    if fmt == "pdf":
        return unduhan(cetak.pdf(t, ling.organisasi), f"{nama}.pdf", "application/pdf")
    if fmt == "docx":
        return unduhan(cetak.docx(t, ling.organisasi), f"{nama}.docx", JENIS_DOCX)
    raise Http404


@login_required
@require_safe
def perjanjian_versi(request: HttpRequest, organisasi: str, tahun: int, kode: str, versi: int):
    """A signed version's bytes, exactly as signed (also when superseded)."""
    ling = lingkup(request, organisasi)
    jabatan = _jabatan(ling, kode)
    pk = perjanjian_tahun(jabatan, tahun)
    v = pk.versi.filter(versi=versi).first() if pk else None
    if v is None:
        raise Http404
    return unduhan(bytes(v.pdf), v.nama_berkas, "application/pdf")
