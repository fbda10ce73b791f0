"""The plan's pages: overview with the five-year targets, the achievement table of a year or
quarter, one indicator, and the quarterly realisasi of an indicator not tied to monthly rows.

Every view starts with ``akun.akses.lingkup``: members of the organisasi read the plan; the
admin of the organisasi, and the staf of the indicator's bidang, enter quarterly realisasi.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from akun.akses import Lingkup, lingkup
from akun.models import Peran
from capaian.models import Realisasi
from dasar.angka import AngkaError, format_angka, format_persen, parse_angka
from dasar.jejak import kirim, objek, potret, selisih
from rencana import tampilan
from rencana.models import (
    Elemen,
    IndikatorRencana,
    Jenis,
    Kelompok,
    RealisasiRencana,
    Renstra,
    Skala,
    TargetTahunan,
    TargetTriwulan,
    Tingkat,
    peringatan_triwulan,
)
from rencana.selectors import (
    ROMAWI,
    SUMBER_BULANAN,
    BarisSerapan,
    HasilRencana,
    dokumen_acuan,
    hitung_capaian,
    hitung_indikator_tahun,
    indikator_rencana,
    serapan_anggaran,
)


def muat_renstra(request: HttpRequest, organisasi: str, kunci: str) -> tuple[Lingkup, Renstra]:
    """The request's scope and the organisasi's plan named by ``kunci`` (``renstra-2025``:
    its kind and first year, ``Renstra.kunci``); 404 otherwise."""
    ling = lingkup(request, organisasi)
    jenis, _, awal = kunci.rpartition("-")
    renstra = Renstra.objects.filter(
        organisasi=ling.organisasi, jenis=jenis, tahun_awal=int(awal)
    ).first()
    if renstra is None:
        raise Http404
    renstra.organisasi = ling.organisasi  # the same row: saves a query in every renderer
    return ling, renstra


def daftar_tahun(renstra: Renstra) -> list[int]:
    """The years one can ask the achievement of: the baseline year before the plan, then the
    plan's years. Never the end-of-period condition (2030 for 2025-2029): it carries targets
    only; its achievement belongs to the plan whose year it is."""
    return [renstra.tahun_awal - 1, *renstra.daftar_tahun]


def tahun_bawaan(renstra: Renstra) -> int:
    """The year the achievement pages, the tree and its documents open on: the latest year of
    the plan (or its baseline year) with any realisasi, quarterly or monthly; without any,
    this year within the plan's period. Two queries, once per request (kept on ``renstra``)."""
    if hasattr(renstra, "_tahun_bawaan"):
        return renstra._tahun_bawaan
    renstra._tahun_bawaan = _tahun_berisi(renstra)
    return renstra._tahun_bawaan


def _tahun_berisi(renstra: Renstra) -> int:
    awal, akhir = renstra.tahun_awal - 1, renstra.tahun_akhir
    berisi = [
        RealisasiRencana.objects.filter(
            indikator__renstra=renstra, tahun__gte=awal, tahun__lte=akhir
        ).aggregate(t=Max("tahun"))["t"],
        Realisasi.objects.filter(
            rumus__organisasi_id=renstra.organisasi_id, tahun__gte=awal, tahun__lte=akhir,
            realisasi__isnull=False,
        ).aggregate(t=Max("tahun"))["t"],
    ]  # fmt: skip
    berisi = [t for t in berisi if t is not None]
    if berisi:
        return max(berisi)
    tahun = timezone.localdate().year
    return min(max(tahun, renstra.tahun_awal), renstra.tahun_akhir)


def boleh_isi(ling: Lingkup, ind: IndikatorRencana) -> bool:
    """Quarterly realisasi: the organisasi's admin, or the staf of the indicator's bidang;
    never for an indicator whose figures come from the monthly rows."""
    if ind.kode_bulanan:
        return False
    if ling.boleh_admin:
        return True
    return (
        ling.peran == Peran.STAF
        and ind.bidang_id is not None
        and (ind.bidang_id in ling.bidang_ids)
    )


@login_required
def rencana_indeks(request: HttpRequest, organisasi: str) -> HttpResponse:
    ling = lingkup(request, organisasi)
    daftar = list(
        Renstra.objects.filter(organisasi=ling.organisasi).order_by("-tahun_awal", "jenis")
    )
    if len(daftar) == 1:
        return redirect("rencana_detail", organisasi, daftar[0].kunci)
    tahun = timezone.localdate().year
    return render(
        request,
        "rencana/indeks.html",
        {
            "ling": ling,
            "daftar": daftar,
            "tahun_ini": tahun,
            "acuan": dokumen_acuan(ling.organisasi, tahun) if daftar else None,
        },
    )


@login_required
@require_safe
def rencana_lama(request: HttpRequest, organisasi: str, awal: int, sisa: str = "") -> HttpResponse:
    """An address from before issue 16 (``rencana/2025/...``): to the same page of the plan
    starting that year when there is exactly one, else to the list of plans."""
    ling = lingkup(request, organisasi)
    daftar = list(Renstra.objects.filter(organisasi=ling.organisasi, tahun_awal=awal)[:2])
    if len(daftar) != 1:
        return redirect("rencana", organisasi)
    url = reverse("rencana_detail", args=[organisasi, daftar[0].kunci]) + sisa
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url)


# -- the plan: five-year targets --------------------------------------------------------


@dataclass(frozen=True)
class BarisTarget:
    indikator: IndikatorRencana
    target: list[str]  # one text per column (the plan's years, maybe its end condition)
    nspk: list[str]
    judul: list[str]  # the columns' headings: "2029", "Kondisi Akhir 2030"

    @property
    def per_tahun(self) -> list[tuple[str, str]]:
        return list(zip(self.judul, self.target, strict=True))


def _baris_target(renstra: Renstra, ind: IndikatorRencana, tahun: list[int]) -> BarisTarget:
    per_tahun = {t.tahun: t for t in ind.target.all()}
    return BarisTarget(
        ind,
        [tampilan.teks_target(ind, per_tahun.get(t)) for t in tahun],
        [
            tampilan.format_persen_bulat(per_tahun[t].nspk)
            if t in per_tahun and per_tahun[t].nspk is not None
            else "-"
            for t in tahun
        ],
        [tampilan.judul_tahun(renstra, t) for t in tahun],
    )


@dataclass(frozen=True)
class SimpulElemen:
    elemen: Elemen
    indikator: list[BarisTarget]
    anak: list["SimpulElemen"]


def pohon_elemen(elemen: list[Elemen], baris: dict[int, list[BarisTarget]]) -> list[SimpulElemen]:
    anak: dict[int | None, list[Elemen]] = {}
    for e in elemen:
        anak.setdefault(e.induk_id, []).append(e)

    def bangun(e: Elemen) -> SimpulElemen:
        return SimpulElemen(e, baris.get(e.pk, []), [bangun(a) for a in anak.get(e.pk, [])])

    return [bangun(e) for e in anak.get(None, [])]


@login_required
def rencana_detail(request: HttpRequest, organisasi: str, kunci: str) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    daftar = indikator_rencana(renstra)
    elemen = list(Elemen.objects.filter(renstra=renstra).order_by("urutan", "kode"))

    def tabel(indikator: list[IndikatorRencana]) -> tuple[list[str], list[BarisTarget]]:
        """A table's column headings and rows: the plan's years, and the end-of-period
        condition when one of its indicators has a target for it."""
        tahun = tampilan.kolom_target(renstra, indikator)
        judul = [tampilan.judul_tahun(renstra, t) for t in tahun]
        return judul, [_baris_target(renstra, i, tahun) for i in indikator]

    kolom_utama, utama = tabel([i for i in daftar if i.kelompok in (Kelompok.TUJUAN, Kelompok.IKU)])
    kolom_ikk, ikk = tabel(
        sorted((i for i in daftar if i.urutan_ikk is not None), key=lambda i: i.urutan_ikk)
    )
    kolom_spm, spm = tabel([i for i in daftar if i.kelompok == Kelompok.SPM])
    per_elemen: dict[int, list[BarisTarget]] = {}
    for i in daftar:
        if i.elemen_id:
            per_elemen.setdefault(i.elemen_id, []).append(
                _baris_target(renstra, i, tampilan.kolom_target(renstra, [i]))
            )
    cascading = [s for s in pohon_elemen(elemen, per_elemen) if s.elemen.tingkat == Tingkat.TUJUAN]
    return render(
        request,
        "rencana/detail.html",
        {
            "ling": ling,
            "renstra": renstra,
            "tahun": renstra.daftar_tahun,
            "kolom_utama": kolom_utama,
            "kolom_ikk": kolom_ikk,
            "kolom_spm": kolom_spm,
            "utama": utama,
            "ikk": ikk,
            "spm": spm,
            "cascading": cascading,
            "fungsi": [f for f in renstra.fungsi.splitlines() if f.strip()],
            "tahun_capaian": tahun_bawaan(renstra),
        },
    )


# -- achievement of a year or quarter ----------------------------------------------------


@dataclass(frozen=True)
class BarisCapaian:
    hasil: HasilRencana
    target: str
    realisasi: str
    rincian: str
    capaian: str
    target_tw: str = "-"  # the quarter's target (Rencana Aksi)
    capaian_tw: str = "-"  # capaian against it


def baris_capaian(h: HasilRencana) -> BarisCapaian:
    return BarisCapaian(
        h,
        tampilan.teks_target(h.indikator, h.target),
        tampilan.teks_realisasi(h),
        tampilan.teks_rincian(h),
        tampilan.teks_capaian(h),
        tampilan.teks_target_nilai(h.indikator, h.target_tw),
        tampilan.teks_capaian_tw(h),
    )


def _triwulan(request: HttpRequest) -> int:
    try:
        triwulan = int(request.GET.get("triwulan", 4))
    except ValueError as exc:
        raise Http404 from exc
    if not 1 <= triwulan <= 4:
        raise Http404
    return triwulan


KELOMPOK_TAMPIL = [
    (Kelompok.TUJUAN, "Indikator Tujuan"),
    (Kelompok.IKU, "Indikator Kinerja Utama (IKU)"),
    (Kelompok.IKK, "Indikator Kinerja Kunci (IKK)"),
    (Kelompok.SPM, "Standar Pelayanan Minimal (SPM)"),
    (Kelompok.KINERJA, "Indikator Program dan Kegiatan"),
]


@login_required
def rencana_capaian(request: HttpRequest, organisasi: str, kunci: str, tahun: int) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    if tahun not in daftar_tahun(renstra):
        raise Http404
    triwulan = _triwulan(request)
    diminta = request.GET.get("tahun")
    if diminta and diminta != str(tahun):
        # The period form (works without JavaScript) names the year as a query parameter.
        if not diminta.isdigit() or int(diminta) not in daftar_tahun(renstra):
            raise Http404
        url = reverse("rencana_capaian", args=[organisasi, kunci, int(diminta)])
        return redirect(f"{url}?triwulan={triwulan}")
    cp = hitung_capaian(renstra, tahun, triwulan)
    kelompok = [
        (label, kode, [baris_capaian(h) for h in cp.kelompok(kode)])
        for kode, label in KELOMPOK_TAMPIL
    ]
    pita = cp.pita
    return render(
        request,
        "rencana/capaian.html",
        {
            **_konteks_capaian(ling, renstra, tahun, triwulan, cp, kelompok, pita),
            "serapan": serapan_program(renstra, tahun, triwulan, cp),
            "ada_target_tw": any(h.target_tw is not None for h in cp.hasil),
            "romawi_tw": ROMAWI[triwulan],
        },
    )


@dataclass(frozen=True)
class BarisSerapanTampil:
    """A Program's or Kegiatan's budget absorption beside its indicators' capaian."""

    serapan: BarisSerapan
    pagu: str
    realisasi: str
    persen: str
    indikator: list[BarisCapaian]


def serapan_program(renstra: Renstra, tahun: int, triwulan: int, cp) -> list[BarisSerapanTampil]:
    """Budget absorption through the period, per Program/Kegiatan with a budget, beside the
    capaian of the indicators hung under it (two queries; none outside the plan's years)."""
    if tahun not in renstra.daftar_tahun:
        return []
    per_elemen: dict[int, list[BarisCapaian]] = {}
    for h in cp.hasil:
        if h.indikator.elemen_id:
            per_elemen.setdefault(h.indikator.elemen_id, []).append(baris_capaian(h))
    return [
        BarisSerapanTampil(
            b,
            "-" if b.pagu is None else f"Rp {format_angka(b.pagu)}",
            "-" if b.realisasi is None else f"Rp {format_angka(b.realisasi)}",
            format_persen(b.serapan, 2),
            per_elemen.get(b.elemen.pk, []),
        )
        for b in serapan_anggaran(renstra, tahun, triwulan)
    ]


def _konteks_capaian(ling, renstra, tahun, triwulan, cp, kelompok, pita) -> dict:
    return {
        "ling": ling,
        "renstra": renstra,
        "tahun": tahun,
        "triwulan": triwulan,
        "label_periode": cp.label_periode,
        "kelompok": [k for k in kelompok if k[2]],
        "daftar_tahun": daftar_tahun(renstra),
        "pilihan_triwulan": [(n, f"s.d. Triwulan {ROMAWI[n]}") for n in (1, 2, 3)]
        + [(4, "Setahun penuh")],
        "pita_capaian": pita[Skala.CAPAIAN],
        "pita_spm": pita[Skala.SPM],
        "ada_spm": any(k[1] == Kelompok.SPM for k in kelompok if k[2]),
    }


# -- one indicator -----------------------------------------------------------------------


def _tahun_diminta(request: HttpRequest, renstra: Renstra) -> int:
    teks = request.GET.get("tahun")
    try:
        tahun = int(teks) if teks is not None else tahun_bawaan(renstra)
    except ValueError as exc:
        raise Http404 from exc
    if tahun not in daftar_tahun(renstra):
        raise Http404
    return tahun


@login_required
def rencana_indikator(request: HttpRequest, organisasi: str, kunci: str, kode: str):
    ling, renstra = muat_renstra(request, organisasi, kunci)
    tahun = _tahun_diminta(request, renstra)
    dihitung = hitung_indikator_tahun(renstra, kode, tahun)
    if dihitung is None:
        raise Http404
    ind, per_triwulan = dihitung
    target_tw = {t.triwulan: t for t in TargetTriwulan.objects.filter(indikator=ind, tahun=tahun)}
    target_tahun = next((t for t in ind.target.all() if t.tahun == tahun), None)
    nilai_tw = [target_tw[n].nilai if n in target_tw else None for n in range(1, 5)]
    # The targets of every year (the selector loaded only this year's).
    semua_target = {t.tahun: t for t in TargetTahunan.objects.filter(indikator=ind)}
    akhir = renstra.tahun_kondisi_akhir
    kondisi_akhir = [akhir] if akhir in semua_target else []
    manual = {
        r.triwulan: r
        for r in RealisasiRencana.objects.filter(indikator=ind, tahun=tahun).select_related(
            "diisi_oleh"
        )
    }
    return render(
        request,
        "rencana/indikator.html",
        {
            "ling": ling,
            "renstra": renstra,
            "ind": ind,
            "tahun": tahun,
            "daftar_tahun": daftar_tahun(renstra),
            # the years one can ask, and the end-of-period condition when it has a target
            "target": [
                (t, tampilan.teks_target(ind, semua_target.get(t)))
                for t in daftar_tahun(renstra) + kondisi_akhir
            ],
            "triwulan": [
                (n, ROMAWI[n], baris_capaian(h), manual.get(n))
                for n, h in zip(range(1, 5), per_triwulan, strict=True)
            ],
            "bulanan": ind.kode_bulanan,
            "boleh_isi": boleh_isi(ling, ind),
            "sumber_bulanan": SUMBER_BULANAN,
            "isian": _isian(ind),
            # Rencana Aksi: the year's quarterly targets, their warnings, who may set them
            "target_tw": [
                (
                    n,
                    ROMAWI[n],
                    target_tw.get(n),
                    tampilan.teks_target_nilai(
                        ind, nilai_tw[n - 1], target_tw[n].teks if n in target_tw else ""
                    ),
                )
                for n in range(1, 5)
            ],
            "peringatan_tw": peringatan_triwulan(
                ind, tahun, nilai_tw, target_tahun.nilai if target_tahun else None
            ),
            "boleh_target": ling.boleh_admin and tahun in renstra.daftar_tahun,
            "ada_target_tw": bool(target_tw),
        },
    )


# -- quarterly realisasi -----------------------------------------------------------------

# Which fields an indicator's quarter takes, by jenis (label, field name).
ISIAN = {
    Jenis.PERSENTASE: [("Pembilang", "pembilang"), ("Penyebut", "penyebut")],
    Jenis.RASIO_GABUNGAN: [("Jumlah tertangani (pembilang)", "pembilang"),
                           ("Jumlah terdata (penyebut)", "penyebut")],
    Jenis.JUMLAH: [("Jumlah", "nilai")],
    Jenis.NILAI: [("Nilai", "nilai"), ("Predikat (teks)", "teks")],
    Jenis.PENURUNAN: [("Jumlah pada tahun itu", "nilai")],
}  # fmt: skip


def _isian(ind: IndikatorRencana) -> list[tuple[str, str]]:
    return ISIAN.get(ind.jenis, [("Nilai", "nilai")])


def _baca_isian(ind: IndikatorRencana, data) -> tuple[dict, list[str]]:
    nilai: dict = {}
    galat = []
    for label, nama in _isian(ind):
        teks = (data.get(nama) or "").strip()
        if nama == "teks":
            if len(teks) > 100:
                galat.append(f"{label}: paling banyak 100 karakter.")
            nilai[nama] = teks
            continue
        if not teks:
            nilai[nama] = None
            continue
        try:
            angka = parse_angka(teks)
        except AngkaError as exc:
            galat.append(f"{label}: {exc} (contoh: 6.780 atau 82,6).")
            continue
        if angka is None:
            nilai[nama] = None
        elif angka >= Decimal(10) ** 16:
            galat.append(f"{label}: terlalu besar.")
        else:
            nilai[nama] = angka
    if (
        not galat
        and nilai.get("penyebut") is not None
        and nilai["penyebut"] == 0
        and nilai.get("pembilang")
    ):
        galat.append("Penyebut 0 dengan pembilang terisi: persentase tidak dapat dihitung.")
    keterangan = (data.get("keterangan") or "").strip()
    if len(keterangan) > 2000:
        galat.append("Keterangan: paling banyak 2.000 karakter.")
    nilai["keterangan"] = keterangan
    return nilai, galat


@login_required
@require_http_methods(["GET", "POST"])
def rencana_realisasi(
    request: HttpRequest, organisasi: str, kunci: str, kode: str, tahun: int, triwulan: int
):
    """Save one quarter. A GET (the login page's ``next`` after a save whose session had
    ended) goes back to the indicator's page, where the browser's draft is restored."""
    if request.method == "GET":
        muat_renstra(request, organisasi, kunci)  # scoped: 404 outside the user's organisasi
        return redirect(
            reverse("rencana_indikator", args=[organisasi, kunci, kode]) + f"?tahun={tahun}"
        )
    ling, renstra = muat_renstra(request, organisasi, kunci)
    ind = IndikatorRencana.objects.filter(renstra=renstra, kode=kode).first()
    if ind is None or tahun not in daftar_tahun(renstra) or not 1 <= triwulan <= 4:
        raise Http404
    if not boleh_isi(ling, ind):
        raise Http404
    kembali = reverse("rencana_indikator", args=[organisasi, kunci, kode]) + f"?tahun={tahun}"
    periode = f"Triwulan {ROMAWI[triwulan]} {tahun}"
    nilai, galat = _baca_isian(ind, request.POST)
    if galat:
        for g in galat:
            messages.error(request, f"{periode}: {g}")
        return redirect(kembali)
    try:
        versi = int(request.POST.get("versi", "0"))
    except ValueError:
        versi = -1
    with transaction.atomic():
        ada = (
            RealisasiRencana.objects.select_for_update()
            .filter(indikator=ind, tahun=tahun, triwulan=triwulan)
            .first()
        )
        if (ada.versi if ada else 0) != versi:
            messages.error(
                request,
                f"{periode}: realisasi ini sudah diubah orang lain sejak halaman dibuka; "
                "isian Anda tidak disimpan. Periksa nilai terbaru lalu isi kembali.",
            )
            return redirect(kembali)
        kosong = all(v in (None, "") for k, v in nilai.items())
        if ada is None and kosong:
            return redirect(kembali)
        baru = ada is None
        if ada is None:
            ada = RealisasiRencana(indikator=ind, tahun=tahun, triwulan=triwulan, versi=0)
        lama = potret(ada) if not baru else {}
        for kunci, v in nilai.items():
            setattr(ada, kunci, v)
        ada.diisi_oleh = request.user
        ada.versi += 1
        ada.save()
        sebelum, sesudah = selisih(lama, potret(ada))
        kirim(pengguna=request.user, organisasi_id=renstra.organisasi_id, tahun=tahun,
              objek=objek(ada), label=f"{ind.kode} {periode}", aksi="buat" if baru else "ubah",
              sumber="entri", lama=sebelum or None, baru=sesudah,
              catatan="Realisasi triwulan rencana.")  # fmt: skip
    messages.success(request, f"Realisasi {periode} {ind.kode} tersimpan.")
    return redirect(kembali)
