"""The dashboard (the landing page after login, and its figures as JSON) and the monthly
report: preview, the Kepala Dinas's review and approval, downloads."""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from akun.akses import Lingkup, lingkup, wajib_tinjau
from capaian.forms import KembalikanForm
from capaian.validasi import bulan_akan_datang
from dasar.angka import nama_bulan
from dasar.http import JENIS_XLSX, periode_atau_404, see_other, unduhan
from dasar.periode import bulan_geser
from dasar.teks_json import dumps_json
from laporan import cetak, excel, services
from laporan.builder import LaporanBulanan, bangun_laporan
from laporan.dasbor import bangun_dasbor, ke_json
from laporan.forms import BukaForm, SetujuiForm
from laporan.grafik import PENUH, RINGKAS, grafik_capaian, pola_cetak
from laporan.models import LaporanTertanda, PemeriksaanIntegritas
from laporan.tindakan import ketepatan_tahun, kisi_tahun, muat_keadaan, perlu_tindakan


def _dasbor(request: HttpRequest, organisasi: str):
    ling = lingkup(request, organisasi)
    data = bangun_dasbor(
        ling, request.GET.get("tahun"), request.GET.get("bulan"), hari_ini=timezone.localdate()
    )
    return ling, data


@login_required
@require_safe
def dasbor(request: HttpRequest, organisasi: str) -> HttpResponse:
    ling, data = _dasbor(request, organisasi)
    grafik = {}
    if data.per_bulan:
        args = (data.per_bulan, data.tahun, data.bulan, data.target_bawah, data.target_atas)
        grafik = {
            "penuh": grafik_capaian(*args, tata=PENUH),
            "ringkas": grafik_capaian(*args, tata=RINGKAS),
            "pola": pola_cetak(),
        }
    return render(
        request,
        "laporan/dasbor.html",
        {
            "ling": ling,
            "dasbor": data,
            "grafik": grafik,
            "pilihan_bulan": [(b, nama_bulan(b)) for b in range(1, 13)],
            "sekarang": timezone.localtime(),
            "integritas": _integritas(ling) if ling.boleh_admin else None,
            **_tindakan_dan_kisi(ling, data.tahun),
        },
    )


def _tindakan_dan_kisi(ling, tahun: int) -> dict:
    """ "Perlu tindakan" for the organisasi's own people, and the year grid (bidang x month)
    for those who see every bidang: one load of the year's state for both."""
    if not ling.boleh_lihat_isian:
        return {"tindakan": [], "kisi": [], "ketepatan": []}
    hari_ini = timezone.localdate()
    keadaan = muat_keadaan(ling.organisasi, tahun)
    return {
        "tindakan": perlu_tindakan(ling, tahun, hari_ini, keadaan),
        "kisi": kisi_tahun(keadaan, hari_ini) if ling.lihat_semua_bidang else [],
        "ketepatan": ketepatan_tahun(keadaan, hari_ini) if ling.lihat_semua_bidang else [],
        "kisi_bulan": [nama_bulan(b)[:3] for b in range(1, 13)],
    }


def _integritas(ling) -> dict:
    """The last integrity check that covered this organisasi, with its findings for it: one
    query."""
    slug = ling.organisasi.slug
    lalu = (
        PemeriksaanIntegritas.objects.filter(organisasi__in=["", slug])
        .order_by("-waktu", "-pk")
        .only("waktu", "temuan")
        .first()
    )
    if lalu is None:
        return {"waktu": None, "temuan": []}
    return {"waktu": lalu.waktu, "temuan": [t for t in lalu.temuan if t["organisasi"] == slug]}


@login_required
@require_safe
def dasbor_ketepatan_xlsx(request: HttpRequest, organisasi: str) -> HttpResponse:
    """The timeliness table of the dashboard's year as a workbook (those who see every
    bidang)."""
    from laporan.excel import xlsx_ketepatan

    ling, data = _dasbor(request, organisasi)
    if not (ling.boleh_lihat_isian and ling.lihat_semua_bidang):
        raise Http404
    baris = ketepatan_tahun(muat_keadaan(ling.organisasi, data.tahun), timezone.localdate())
    isi = xlsx_ketepatan(ling.organisasi, data.tahun, baris, dibuat=timezone.localtime())
    return unduhan(isi, f"ketepatan-{ling.organisasi.slug}-{data.tahun}.xlsx", JENIS_XLSX)


@login_required
@require_safe
def dasbor_data(request: HttpRequest, organisasi: str) -> HttpResponse:
    _, data = _dasbor(request, organisasi)
    return HttpResponse(dumps_json(ke_json(data)), content_type="application/json")


# The monthly report: preview, review and approval, downloads.


def _lingkup_laporan(request: HttpRequest, organisasi: str, tahun: int, bulan: int) -> Lingkup:
    """The report covers every bidang: for the roles that see all of them (Kepala Dinas,
    admin, pemantau, superuser); a staf bidang gets 404 like any other page out of scope."""
    ling = lingkup(request, organisasi)
    if not ling.lihat_semua_bidang:
        raise Http404
    periode_atau_404(tahun, bulan)
    return ling


def _nama_berkas(org: str, tahun: int, bulan: int, akhiran: str) -> str:
    return f"laporan-{org}-{tahun}-{bulan:02d}-{akhiran}"


@dataclass
class HalamanLaporan:
    ling: Lingkup
    tahun: int
    bulan: int
    laporan: LaporanBulanan | None
    galat: str
    status: list[services.StatusBidang]
    versi: list[LaporanTertanda]

    @classmethod
    def muat(cls, ling: Lingkup, tahun: int, bulan: int) -> "HalamanLaporan":
        org = ling.organisasi
        laporan, galat = None, ""
        if not bulan_akan_datang(tahun, bulan):
            try:
                laporan = bangun_laporan(org, tahun, bulan)
            except ValueError as exc:  # inconsistent definitions: say so, don't 500
                galat = str(exc)
        versi = list(
            LaporanTertanda.objects.untuk_bulan(org, tahun, bulan)
            .defer("pdf", "data")
            .order_by("-versi")
        )
        return cls(
            ling, tahun, bulan, laporan, galat, services.status_bulan(org, tahun, bulan), versi
        )

    @property
    def berlaku(self) -> LaporanTertanda | None:
        return next((v for v in self.versi if v.berlaku), None)

    @property
    def belum_diajukan(self) -> list[services.StatusBidang]:
        return services.belum_diajukan(self.status)

    @property
    def bisa_setujui(self) -> bool:
        return (
            self.ling.boleh_tinjau
            and self.berlaku is None
            and self.laporan is not None
            and bool(self.status)
            and not self.belum_diajukan
        )

    def konteks(self, **tambahan: Any) -> dict[str, Any]:
        lalu = bulan_geser(self.tahun, self.bulan, -1)
        depan = bulan_geser(self.tahun, self.bulan, 1)
        org = self.ling.organisasi
        konteks = {
            "ling": self.ling,
            "halaman": self,
            "tahun": self.tahun,
            "bulan": self.bulan,
            "nama_bulan": nama_bulan(self.bulan),
            "lalu": lalu,
            "label_lalu": f"{nama_bulan(lalu[1])} {lalu[0]}",
            "depan": None if bulan_akan_datang(*depan) else depan,
            "label_depan": f"{nama_bulan(depan[1])} {depan[0]}",
            "setujui_form": SetujuiForm(tahun=self.tahun, bulan=self.bulan),
            "buka_form": BukaForm(),
            "kembalikan_form": KembalikanForm(),
            "pengesahan": cetak.pengesahan_bawaan(org, timezone.localdate()),
            **tambahan,
        }
        if self.laporan is not None:
            konteks.update(cetak.konteks_laporan(self.laporan))
        return konteks


def _render_laporan(
    request: HttpRequest, halaman: HalamanLaporan, status: int = 200, **tambahan: Any
) -> HttpResponse:
    return render(request, "laporan/laporan.html", halaman.konteks(**tambahan), status=status)


@login_required
@require_safe
def laporan_bulan(request: HttpRequest, organisasi: str, tahun: int, bulan: int) -> HttpResponse:
    ling = _lingkup_laporan(request, organisasi, tahun, bulan)
    return _render_laporan(request, HalamanLaporan.muat(ling, tahun, bulan))


@login_required
@require_safe
def laporan_pdf(request: HttpRequest, organisasi: str, tahun: int, bulan: int) -> HttpResponse:
    """The signed PDF (stored bytes) when the month is approved; otherwise a DRAF."""
    ling = _lingkup_laporan(request, organisasi, tahun, bulan)
    org = ling.organisasi
    berlaku = LaporanTertanda.objects.untuk_bulan(org, tahun, bulan).berlaku().first()
    if berlaku is not None:
        return unduhan(bytes(berlaku.pdf), berlaku.nama_berkas, "application/pdf")
    if bulan_akan_datang(tahun, bulan):
        raise Http404
    laporan = bangun_laporan(org, tahun, bulan)
    pdf = cetak.pdf_laporan(
        laporan, pengesahan=cetak.pengesahan_bawaan(org, timezone.localdate()), draf=True
    )
    return unduhan(pdf, _nama_berkas(org.slug, tahun, bulan, "draf.pdf"), "application/pdf")


@login_required
@require_safe
def laporan_xlsx(request: HttpRequest, organisasi: str, tahun: int, bulan: int) -> HttpResponse:
    ling = _lingkup_laporan(request, organisasi, tahun, bulan)
    org = ling.organisasi
    if bulan_akan_datang(tahun, bulan):
        raise Http404
    berlaku = LaporanTertanda.objects.untuk_bulan(org, tahun, bulan).berlaku().defer("pdf").first()
    if berlaku is not None:
        pengesahan = cetak.pengesahan_versi(berlaku)
    else:
        pengesahan = cetak.pengesahan_bawaan(org, timezone.localdate())
    isi = excel.xlsx_laporan(
        bangun_laporan(org, tahun, bulan), pengesahan=pengesahan, draf=berlaku is None
    )
    akhiran = f"v{berlaku.versi}.xlsx" if berlaku else "draf.xlsx"
    return unduhan(
        isi,
        _nama_berkas(org.slug, tahun, bulan, akhiran),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_safe
def laporan_versi_pdf(
    request: HttpRequest, organisasi: str, tahun: int, bulan: int, versi: int
) -> HttpResponse:
    ling = _lingkup_laporan(request, organisasi, tahun, bulan)
    laporan = (
        LaporanTertanda.objects.untuk_bulan(ling.organisasi, tahun, bulan)
        .filter(versi=versi)
        .first()
    )
    if laporan is None:
        raise Http404
    return unduhan(bytes(laporan.pdf), laporan.nama_berkas, "application/pdf")


def _tindakan_kepala(
    request: HttpRequest,
    organisasi: str,
    tahun: int,
    bulan: int,
    *,
    form_class: type,
    nama_form: str,
    jalankan,
    pesan,
) -> HttpResponse:
    """Approve or reopen: the form, one domain call, then back to the report page (303), or
    the page again with the form's errors (422) or the refusal's reason (409)."""
    ling = _lingkup_laporan(request, organisasi, tahun, bulan)
    wajib_tinjau(ling)
    form = form_class(request.POST)
    if not form.is_valid():
        halaman = HalamanLaporan.muat(ling, tahun, bulan)
        return _render_laporan(request, halaman, 422, **{nama_form: form})
    try:
        versi = jalankan(
            organisasi=ling.organisasi,
            tahun=tahun,
            bulan=bulan,
            pengguna=request.user,
            **form.argumen(),
        )
    except services.PersetujuanDitolak as exc:
        halaman = HalamanLaporan.muat(ling, tahun, bulan)
        return _render_laporan(request, halaman, 409, pesan_galat=[str(exc)], **{nama_form: form})
    messages.success(request, pesan(versi))
    return see_other(reverse("laporan_bulan", args=[organisasi, tahun, bulan]))


@login_required
@require_POST
def laporan_setujui(request: HttpRequest, organisasi: str, tahun: int, bulan: int):
    periode = f"{nama_bulan(bulan)} {tahun}"
    return _tindakan_kepala(
        request, organisasi, tahun, bulan,
        form_class=SetujuiForm,
        nama_form="setujui_form",
        # With URL_SITUS unset (the demo), the QR code carries the address this request came
        # to, not 127.0.0.1:8000.
        jalankan=partial(services.setujui_bulan, situs=request.build_absolute_uri("/")),
        pesan=lambda versi: (
            f"Laporan {periode} disetujui dan ditandatangani (versi {versi.versi}). "
            "Realisasi bulan ini kini terkunci."
        ),
    )  # fmt: skip


@login_required
@require_POST
def laporan_buka(request: HttpRequest, organisasi: str, tahun: int, bulan: int):
    periode = f"{nama_bulan(bulan)} {tahun}"
    return _tindakan_kepala(
        request, organisasi, tahun, bulan,
        form_class=BukaForm,
        nama_form="buka_form",
        jalankan=services.buka_kembali,
        pesan=lambda versi: (
            f"{periode} dibuka kembali; versi {versi.versi} ditandai digantikan. "
            "Kembalikan isian bidang yang perlu diperbaiki, lalu setujui lagi."
        ),
    )  # fmt: skip
