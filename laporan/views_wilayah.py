"""The regional roll-up pages: each organisasi of a wilayah side by side for one month, as a
sortable table, a chart, JSON and Excel. A Pemantau wilayah reads its own wilayah; the
superuser reads every one, and the whole installation as ``semua``."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from akun.akses import wilayah_pengguna, wilayah_terlihat
from capaian.models import VersiMasukan
from dasar.angka import nama_bulan
from dasar.http import unduhan
from dasar.periode import TAHUN_MAX, TAHUN_MIN
from dasar.teks_json import dumps_json
from indikator.models import Rumus
from laporan import rekap as r
from laporan.dasbor import bilangan, bulan_bawaan, pilih_bulan
from laporan.excel import xlsx_rekap
from laporan.grafik import grafik_rekap
from organisasi.models import Wilayah

SEMUA = "semua"  # the superuser's roll-up of every organisasi

# ?urut= column keys; a leading "-" sorts descending.
URUTAN = {
    "nama": lambda b: b.organisasi.nama.casefold(),
    "total": lambda b: (b.total_bulan is None, b.total_bulan or 0),
    "capaian": lambda b: (b.capaian_sd_bulan is None, b.capaian_sd_bulan or 0),
    "bidang": lambda b: (b.bidang_total == 0, b.bidang_diajukan / (b.bidang_total or 1)),
    "status": lambda b: (not b.disetujui, b.organisasi.nama.casefold()),
}


# The table's sortable columns: key, heading, whether it holds figures.
KOLOM = [
    ("nama", "Organisasi", False),
    ("total", "Total bulan", True),
    ("capaian", "Capaian s.d. bulan", True),
    ("bidang", "Bidang mengajukan", True),
    ("status", "Persetujuan", False),
]


def _wilayah(request: HttpRequest, slug: str) -> Wilayah | None:
    """The wilayah asked for (None: every organisasi, superuser only); 404 out of scope."""
    if slug == SEMUA and request.user.is_authenticated and request.user.is_superuser:
        return None
    return wilayah_terlihat(request, slug)


def _periode(request: HttpRequest, organisasi) -> tuple[int, int, list[str]]:
    """The year and month asked for; by default the latest year with definitions and the
    latest month written to in it. Two small queries."""
    pesan: list[str] = []
    tahun_ada = Rumus.objects.filter(organisasi__in=organisasi).aggregate(t=Max("tahun"))["t"]
    tahun_default = tahun_ada or timezone.localdate().year
    tahun = bilangan(request.GET.get("tahun"))
    if request.GET.get("tahun") and (tahun is None or not TAHUN_MIN <= tahun <= TAHUN_MAX):
        pesan.append(
            f"Tahun “{request.GET['tahun'][:20]}” tidak dikenali; ditampilkan {tahun_default}."
        )
        tahun = None
    tahun = tahun or tahun_default
    bulan_ada = VersiMasukan.objects.filter(
        organisasi__in=organisasi, tahun=tahun, bulan__gte=1, versi__gt=0
    ).aggregate(b=Max("bulan"))["b"]
    # As the dashboard: the latest month written to, else this month / December / January.
    bawaan = bulan_bawaan({bulan_ada} if bulan_ada else set(), tahun, timezone.localdate())
    return tahun, pilih_bulan(request.GET.get("bulan"), bawaan, pesan), pesan


def _rekap(request: HttpRequest, slug: str) -> tuple[r.Rekap, list[str]]:
    wilayah = _wilayah(request, slug)
    organisasi = r.organisasi_wilayah(wilayah)
    tahun, bulan, pesan = _periode(request, organisasi)
    return r.hitung_rekap(organisasi, tahun, bulan, wilayah=wilayah), pesan


@login_required
@require_safe
def wilayah_indeks(request: HttpRequest) -> HttpResponse:
    daftar = wilayah_pengguna(request.user)
    if len(daftar) == 1 and not request.user.is_superuser:
        return redirect("rekap_wilayah", daftar[0].slug)
    return render(
        request,
        "laporan/wilayah_indeks.html",
        {"daftar": daftar, "semua": SEMUA if request.user.is_superuser else None},
    )


@login_required
@require_safe
def rekap_wilayah(request: HttpRequest, wilayah: str) -> HttpResponse:
    rekap, pesan = _rekap(request, wilayah)
    urut = request.GET.get("urut") or "nama"
    kunci = urut.removeprefix("-")
    if kunci not in URUTAN:
        urut = kunci = "nama"
    turun = urut.startswith("-")
    # Each row's dashboard link by substitution: reverse() 550 times costs ~15 ms.
    pola = reverse("dasbor", args=["__org__"])
    baris = [
        (b, pola.replace("__org__", b.organisasi.slug))
        for b in sorted(rekap.baris, key=URUTAN[kunci], reverse=turun)
    ]
    kolom = []
    for k, label, angka in KOLOM:
        # A click on the sorted column flips it; another column starts descending for
        # figures (best first) and ascending for names.
        berikut = ("" if turun else "-") + k if k == kunci else ("-" + k if angka else k)
        query = urlencode({"tahun": rekap.tahun, "bulan": rekap.bulan, "urut": berikut})
        arah = ("descending" if turun else "ascending") if k == kunci else ""
        kolom.append({"kunci": k, "label": label, "url": f"?{query}", "aria_sort": arah})
    return render(
        request,
        "laporan/rekap_wilayah.html",
        {
            "rekap": rekap,
            "baris": baris,
            "slug": wilayah,
            "urut": urut,
            "kolom": kolom,
            "pesan": pesan,
            "grafik": grafik_rekap(rekap) if rekap.baris else "",
            "pilihan_bulan": [(b, nama_bulan(b)) for b in range(1, 13)],
            "sekarang": timezone.localtime(),
        },
    )


@login_required
@require_safe
def rekap_wilayah_data(request: HttpRequest, wilayah: str) -> HttpResponse:
    rekap, _ = _rekap(request, wilayah)
    return HttpResponse(dumps_json(r.ke_json(rekap)), content_type="application/json")


@login_required
@require_safe
def rekap_wilayah_xlsx(request: HttpRequest, wilayah: str) -> HttpResponse:
    rekap, _ = _rekap(request, wilayah)
    nama = f"rekap-{wilayah}-{rekap.tahun}-{rekap.bulan:02d}.xlsx"
    jenis = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return unduhan(xlsx_rekap(rekap, dibuat=timezone.localtime()), nama, jenis)
