"""The quarter's evaluation pages (docs/evaluasi.md).

Who may do what (every view starts with ``akun.akses.lingkup``; not allowed is 404):

- read the analysis and the evidence of an indicator's quarter: whoever reads the plan (every
  member of the organisasi and a Pemantau wilayah of it: the same as the indicator's page);
- write the analysis and add evidence: the staf of the indicator's bidang
  (``Lingkup.boleh_isi``) and the organisasi's admin (and a superuser);
- evidence of a monthly row: read by whoever may open that bidang's entry page
  (``Lingkup.boleh_lihat``), added by its staf and the admin;
- delete evidence: whoever uploaded it, and the admin.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akun.akses import Lingkup, lingkup
from dasar.angka import format_persen, nama_bulan
from dasar.http import periode_atau_404, see_other, unduhan
from evaluasi import berkas as berkas_
from evaluasi import cetak
from evaluasi.models import ROMAWI, AnalisisTriwulan, BuktiDukung, JenisSasaran
from evaluasi.selectors import (
    BarisEvaluasi,
    bukti_bulanan,
    bukti_indikator,
    evaluasi_triwulan,
)
from evaluasi.services import (
    KOLOM_ANALISIS,
    AnalisisBentrok,
    Sasaran,
    baca_analisis,
    hapus_bukti,
    simpan_analisis,
    tautkan_bukti,
    unggah_bukti,
)
from indikator.models import Rumus
from rencana import tampilan
from rencana.models import AksiRencana, IndikatorRencana, Renstra
from rencana.selectors import (
    KODE_TOTAL,
    SUMBER_BULANAN,
    baris_target_triwulan,
    hitung_indikator_tahun,
)
from rencana.views import KELOMPOK_TAMPIL, baris_capaian, daftar_tahun, muat_renstra

# -- who may ----------------------------------------------------------------------------


def boleh_tulis(ling: Lingkup, ind: IndikatorRencana) -> bool:
    """The analysis and evidence of an indicator: its bidang's staf, the admin."""
    if ling.boleh_admin:
        return True
    return ind.bidang is not None and ling.boleh_isi(ind.bidang)


def boleh_baca(ling: Lingkup, bukti: BuktiDukung) -> bool:
    if bukti.organisasi_id != ling.organisasi.pk:
        return False
    if bukti.jenis in (JenisSasaran.INDIKATOR, JenisSasaran.AKSI):
        return True  # whoever reads the plan reads its indicators' and action lines' evidence
    return bukti.rumus is not None and ling.boleh_lihat(bukti.rumus.bidang)


def boleh_hapus(ling: Lingkup, bukti: BuktiDukung) -> bool:
    return ling.boleh_admin or (
        bukti.diunggah_oleh_id is not None and bukti.diunggah_oleh_id == ling.pengguna.pk
    )


# -- helpers -----------------------------------------------------------------------------


def _periode(renstra: Renstra, tahun: int, triwulan: int) -> None:
    if tahun not in daftar_tahun(renstra) or not 1 <= triwulan <= 4:
        raise Http404


def _url_indikator(org: str, kunci: str, kode: str, tahun: int, triwulan: int) -> str:
    return reverse("evaluasi_indikator", args=[org, kunci, kode, tahun, triwulan])


def _tetangga(renstra: Renstra, tahun: int, triwulan: int):
    """The quarters before and after (within the plan's years), as (tahun, triwulan)."""
    lalu = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    depan = (tahun, triwulan + 1) if triwulan < 4 else (tahun + 1, 1)
    tahun_sah = daftar_tahun(renstra)
    return (lalu if lalu[0] in tahun_sah else None, depan if depan[0] in tahun_sah else None)


def teks_capaian(nilai) -> str:
    return format_persen(nilai, 2)


def _baris_bukti(ling: Lingkup, daftar: list[BuktiDukung]) -> list[tuple[BuktiDukung, bool]]:
    return [(b, boleh_hapus(ling, b)) for b in daftar]


def _baris_bulanan(ling: Lingkup, ind: IndikatorRencana, tahun: int, triwulan: int):
    """An indicator tied to monthly rows: its rows for the quarter's months, each with its
    evidence count, for those who may see the row (two queries)."""
    if not ind.kode_bulanan or ind.kode_bulanan.upper() == KODE_TOTAL:
        return []
    rumus = [
        r
        for r in Rumus.objects.filter(
            organisasi=ling.organisasi, tahun=tahun, indikator__kode=ind.kode_bulanan
        )
        .select_related("bidang")
        .order_by("urutan", "kode")
        if ling.boleh_lihat(r.bidang)
    ]
    bulan = list(range(triwulan * 3 - 2, triwulan * 3 + 1))
    hitungan = dict(
        ((r, b), n)
        for r, b, n in BuktiDukung.objects.filter(
            jenis=JenisSasaran.BULANAN, rumus__in=rumus, tahun=tahun, bulan__in=bulan
        )
        .values_list("rumus_id", "bulan")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r, [(b, nama_bulan(b), hitungan.get((r.pk, b), 0)) for b in bulan]) for r in rumus]


# -- one indicator's quarter -------------------------------------------------------------


def _halaman_indikator(
    request: HttpRequest,
    ling: Lingkup,
    renstra: Renstra,
    kode: str,
    tahun: int,
    triwulan: int,
    *,
    status: int = 200,
    isian: dict | None = None,
    bentrok: AnalisisBentrok | None = None,
    galat_analisis: list[str] = (),
    galat_bukti: list[str] = (),
    isian_bukti: dict | None = None,
) -> HttpResponse:
    dihitung = hitung_indikator_tahun(renstra, kode, tahun)
    if dihitung is None:
        raise Http404
    ind, per_triwulan = dihitung
    h = per_triwulan[triwulan - 1]
    target_tw = baris_target_triwulan([ind.pk], tahun)[ind.pk]
    baris = BarisEvaluasi(h, target_tw[triwulan - 1], None, 0)
    analisis = (
        AnalisisTriwulan.objects.filter(indikator=ind, tahun=tahun, triwulan=triwulan)
        .select_related("diubah_oleh")
        .first()
    )
    if bentrok is not None:
        analisis = bentrok.tersimpan
    boleh = boleh_tulis(ling, ind)
    nilai_form = isian or {
        nama: (getattr(analisis, nama) if analisis else "") for nama, _ in KOLOM_ANALISIS
    }
    bukti = bukti_indikator(ind, tahun, triwulan)
    lalu, depan = _tetangga(renstra, tahun, triwulan)
    org = ling.organisasi.slug
    return render(
        request,
        "evaluasi/indikator.html",
        {
            "ling": ling,
            "renstra": renstra,
            "ind": ind,
            "tahun": tahun,
            "triwulan": triwulan,
            "romawi": ROMAWI[triwulan],
            "periode": f"Triwulan {ROMAWI[triwulan]} {tahun}",
            "b": baris_capaian(h),
            "h": h,
            "sumber_bulanan": SUMBER_BULANAN,
            "target_tw": [
                (ROMAWI[n], tampilan.teks_target(ind, t), n == triwulan)
                for n, t in enumerate(target_tw, start=1)
            ],
            "ada_target_tw": any(t is not None for t in target_tw),
            "teks_target_tw": tampilan.teks_target(ind, baris.target_tw),
            "capaian_tw": teks_capaian(baris.capaian_tw),
            "analisis": analisis,
            "kolom": [(nama, label, nilai_form.get(nama, "")) for nama, label in KOLOM_ANALISIS],
            "kolom_tersimpan": [
                (label, getattr(analisis, nama) if analisis else "")
                for nama, label in KOLOM_ANALISIS
            ],
            "versi": analisis.versi if analisis else 0,
            "boleh_tulis": boleh,
            "bentrok": bentrok,
            "galat_analisis": galat_analisis,
            "galat_bukti": galat_bukti,
            "isian_bukti": isian_bukti or {},
            "bukti": _baris_bukti(ling, bukti),
            "batas_ukuran": berkas_.teks_ukuran(berkas_.batas_ukuran()),
            "url_unggah": reverse(
                "evaluasi_bukti_unggah", args=[org, renstra.kunci, ind.kode, tahun, triwulan]
            ),
            "url_lalu": _url_indikator(org, renstra.kunci, ind.kode, *lalu) if lalu else "",
            "label_lalu": f"Triwulan {ROMAWI[lalu[1]]} {lalu[0]}" if lalu else "",
            "url_depan": _url_indikator(org, renstra.kunci, ind.kode, *depan) if depan else "",
            "label_depan": f"Triwulan {ROMAWI[depan[1]]} {depan[0]}" if depan else "",
            "bulanan": _baris_bulanan(ling, ind, tahun, triwulan),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def indikator_triwulan(
    request: HttpRequest, organisasi: str, kunci: str, kode: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The quarter of one indicator: achievement, analysis (POST saves it), evidence."""
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _periode(renstra, tahun, triwulan)
    if request.method != "POST":
        return _halaman_indikator(request, ling, renstra, kode, tahun, triwulan)
    ind = _indikator(renstra, kode)
    if not boleh_tulis(ling, ind):
        raise Http404
    nilai, galat = baca_analisis(request.POST)
    try:
        versi = int(request.POST.get("versi", ""))
    except ValueError:
        versi = -1
    if galat:
        return _halaman_indikator(request, ling, renstra, kode, tahun, triwulan, status=422,
                                  isian=nilai, galat_analisis=galat)  # fmt: skip
    try:
        simpan_analisis(pengguna=request.user, indikator=ind, tahun=tahun, triwulan=triwulan,
                        versi=versi, nilai=nilai)  # fmt: skip
    except AnalisisBentrok as exc:
        return _halaman_indikator(request, ling, renstra, kode, tahun, triwulan, status=409,
                                  isian=nilai, bentrok=exc)  # fmt: skip
    messages.success(request, f"Analisis {ind.kode} Triwulan {ROMAWI[triwulan]} {tahun} tersimpan.")
    return see_other(_url_indikator(organisasi, kunci, kode, tahun, triwulan))


def _indikator(renstra: Renstra, kode: str) -> IndikatorRencana:
    ind = (
        IndikatorRencana.objects.filter(renstra=renstra, kode=kode)
        .select_related("bidang", "renstra")
        .first()
    )
    if ind is None:
        raise Http404
    ind.renstra = renstra
    return ind


def _terima_bukti(request: HttpRequest, ling: Lingkup, sasaran: Sasaran) -> list[str]:
    """Store the posted file or link for ``sasaran``; the refusals, in Indonesian."""
    unggahan = request.FILES.get("berkas")
    tautan = (request.POST.get("tautan") or "").strip()
    keterangan = (request.POST.get("keterangan") or "").strip()
    if len(keterangan) > 300:
        return ["Keterangan paling banyak 300 karakter."]
    if unggahan and tautan:
        return ["Pilih salah satu: unggah berkas atau tulis tautan, bukan keduanya."]
    if not unggahan and not tautan:
        return ["Pilih berkas untuk diunggah atau tulis tautannya."]
    try:
        if unggahan:
            hasil = berkas_.periksa(unggahan, unggahan.name or "berkas")
            bukti = unggah_bukti(pengguna=request.user, sasaran=sasaran, berkas=hasil,
                                 keterangan=keterangan)  # fmt: skip
            pesan = f"Bukti dukung {bukti.nama_berkas} tersimpan."
            if hasil.diganti:
                pesan += (
                    f" Isinya {bukti.get_jenis_berkas_display()}, jadi namanya disesuaikan "
                    f"menjadi {bukti.nama_berkas}."
                )
        else:
            tautkan_bukti(pengguna=request.user, sasaran=sasaran, tautan=tautan,
                          keterangan=keterangan)  # fmt: skip
            pesan = "Tautan bukti dukung tersimpan."
    except berkas_.BerkasDitolak as exc:
        return [str(exc)]
    messages.success(request, pesan)
    return []


@login_required
@require_POST
def bukti_unggah(
    request: HttpRequest, organisasi: str, kunci: str, kode: str, tahun: int, triwulan: int
) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _periode(renstra, tahun, triwulan)
    ind = _indikator(renstra, kode)
    if not boleh_tulis(ling, ind):
        raise Http404
    galat = _terima_bukti(request, ling, Sasaran.indikator_triwulan(ind, tahun, triwulan))
    if galat:
        return _halaman_indikator(
            request, ling, renstra, kode, tahun, triwulan, status=422, galat_bukti=galat,
            isian_bukti={"tautan": request.POST.get("tautan", ""),
                         "keterangan": request.POST.get("keterangan", "")},
        )  # fmt: skip
    return see_other(_url_indikator(organisasi, kunci, kode, tahun, triwulan) + "#bukti")


# -- a monthly row's evidence ------------------------------------------------------------


def _rumus(ling: Lingkup, rumus: int, tahun: int, bulan: int) -> Rumus:
    periode_atau_404(tahun, bulan)
    r = (
        Rumus.objects.filter(pk=rumus, organisasi=ling.organisasi, tahun=tahun)
        .select_related("bidang", "indikator")
        .first()
    )
    if r is None or not ling.boleh_lihat(r.bidang):
        raise Http404
    return r


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bukti_bulanan_halaman(
    request: HttpRequest, organisasi: str, rumus: int, tahun: int, bulan: int
) -> HttpResponse:
    """The evidence of one monthly row (a rumus in a month): listed for whoever may open the
    bidang's entry page; a file or link added (POST) by its staf and the admin."""
    ling = lingkup(request, organisasi)
    r = _rumus(ling, rumus, tahun, bulan)
    boleh = ling.boleh_admin or ling.boleh_isi(r.bidang)
    galat: list[str] = []
    if request.method == "POST":
        if not boleh:
            raise Http404
        galat = _terima_bukti(request, ling, Sasaran.bulanan(r, bulan))
        if not galat:
            return see_other(reverse("evaluasi_bukti_bulanan",
                                     args=[organisasi, r.pk, tahun, bulan]) + "#bukti")  # fmt: skip
    return render(
        request,
        "evaluasi/bulanan.html",
        {
            "ling": ling,
            "rumus": r,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": nama_bulan(bulan),
            "boleh_tulis": boleh,
            "bukti": _baris_bukti(ling, bukti_bulanan(r.pk, tahun, bulan)),
            "galat_bukti": galat,
            "isian_bukti": request.POST if galat else {},
            "batas_ukuran": berkas_.teks_ukuran(berkas_.batas_ukuran()),
            "url_unggah": reverse("evaluasi_bukti_bulanan", args=[organisasi, r.pk, tahun, bulan]),
        },
        status=422 if galat else 200,
    )


# -- a Rencana Aksi line's evidence ------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bukti_aksi_halaman(request: HttpRequest, organisasi: str, aksi: int) -> HttpResponse:
    """The evidence of one Rencana Aksi line (seed 003's "link bukti dukung" column, as files
    or links): listed for whoever reads the plan; added (POST) by the line's bidang staf and
    the admin."""
    ling = lingkup(request, organisasi)
    baris = (
        AksiRencana.objects.filter(pk=aksi, renstra__organisasi=ling.organisasi)
        .select_related("renstra", "bidang", "indikator")
        .first()
    )
    if baris is None:
        raise Http404
    boleh = ling.boleh_admin or (baris.bidang is not None and ling.boleh_isi(baris.bidang))
    galat: list[str] = []
    url_ini = reverse("evaluasi_bukti_aksi", args=[organisasi, baris.pk])
    if request.method == "POST":
        if not boleh:
            raise Http404
        galat = _terima_bukti(request, ling, Sasaran.aksi_rencana(baris))
        if not galat:
            return see_other(url_ini + "#bukti")
    daftar = list(
        BuktiDukung.objects.filter(aksi=baris)
        .select_related("diunggah_oleh")
        .order_by("diunggah_pada", "pk")
    )
    return render(
        request,
        "evaluasi/aksi.html",
        {
            "ling": ling,
            "aksi": baris,
            "renstra": baris.renstra,
            "boleh_tulis": boleh,
            "bukti": _baris_bukti(ling, daftar),
            "galat_bukti": galat,
            "isian_bukti": request.POST if galat else {},
            "batas_ukuran": berkas_.teks_ukuran(berkas_.batas_ukuran()),
            "url_unggah": url_ini,
        },
        status=422 if galat else 200,
    )


# -- a file: download, delete ------------------------------------------------------------


def _bukti(ling: Lingkup, pk: int) -> BuktiDukung:
    bukti = (
        BuktiDukung.objects.filter(pk=pk, organisasi=ling.organisasi)
        .select_related("indikator__renstra", "rumus__bidang", "diunggah_oleh")
        .first()
    )
    if bukti is None or not boleh_baca(ling, bukti):
        raise Http404
    return bukti


@login_required
@require_safe
def bukti_unduh(request: HttpRequest, organisasi: str, pk: int) -> HttpResponse:
    """The file, as an attachment, never rendered by the browser."""
    ling = lingkup(request, organisasi)
    bukti = _bukti(ling, pk)
    if bukti.adalah_tautan or not bukti.berkas:
        raise Http404
    try:
        isi = default_storage.open(bukti.berkas.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        isi,
        as_attachment=True,
        filename=bukti.nama_berkas,
        content_type=berkas_.MIME[bukti.jenis_berkas],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def url_sasaran(organisasi: str, bukti: BuktiDukung) -> str:
    if bukti.jenis == JenisSasaran.INDIKATOR:
        ind = bukti.indikator
        return _url_indikator(organisasi, ind.renstra.kunci, ind.kode, bukti.tahun,
                              bukti.triwulan)  # fmt: skip
    if bukti.jenis == JenisSasaran.AKSI:
        return reverse("evaluasi_bukti_aksi", args=[organisasi, bukti.aksi_id])
    return reverse("evaluasi_bukti_bulanan",
                   args=[organisasi, bukti.rumus_id, bukti.tahun, bukti.bulan])  # fmt: skip


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, organisasi: str, pk: int) -> HttpResponse:
    ling = lingkup(request, organisasi)
    bukti = _bukti(ling, pk)
    if not boleh_hapus(ling, bukti):
        raise Http404
    kembali = url_sasaran(organisasi, bukti) + "#bukti"
    nama = str(bukti)
    hapus_bukti(pengguna=request.user, bukti=bukti)
    messages.success(request, f"Bukti dukung {nama} dihapus.")
    return see_other(kembali)


# -- the quarter: overview and achievement document --------------------------------------


@login_required
@require_safe
def triwulan_ringkasan(
    request: HttpRequest, organisasi: str, kunci: str, tahun: int, triwulan: int
) -> HttpResponse:
    """Every indicator of the plan for the quarter: capaian, analysis written, evidence."""
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _periode(renstra, tahun, triwulan)
    ev = evaluasi_triwulan(renstra, tahun, triwulan)
    kelompok = []
    for kode, label in KELOMPOK_TAMPIL:
        baris = [
            (e, baris_capaian(e.hasil), tampilan.teks_target(e.indikator, e.target_tw),
             teks_capaian(e.capaian_tw))
            for e in ev.baris
            if e.indikator.kelompok == kode
        ]  # fmt: skip
        if baris:
            kelompok.append((label, baris))
    lalu, depan = _tetangga(renstra, tahun, triwulan)
    return render(
        request,
        "evaluasi/triwulan.html",
        {
            "ling": ling,
            "renstra": renstra,
            "tahun": tahun,
            "triwulan": triwulan,
            "periode": f"Triwulan {ROMAWI[triwulan]} {tahun}",
            "kelompok": kelompok,
            "jumlah": len(ev.baris),
            "jumlah_analisis": sum(1 for e in ev.baris if e.ada_analisis),
            "jumlah_bukti": sum(e.jumlah_bukti for e in ev.baris),
            "pilihan": [(n, ROMAWI[n]) for n in range(1, 5)],
            "daftar_tahun": daftar_tahun(renstra),
            "lalu": lalu,
            "depan": depan,
        },
    )


@login_required
@require_safe
def triwulan_pdf(
    request: HttpRequest, organisasi: str, kunci: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The quarter's achievement document with every analysis, letterhead, signature."""
    _, renstra = muat_renstra(request, organisasi, kunci)
    _periode(renstra, tahun, triwulan)
    isi = cetak.pdf_triwulan(renstra, tahun, triwulan, timezone.localdate())
    return unduhan(isi, f"capaian-analisis-{organisasi}-{tahun}-tw{triwulan}.pdf",
                   "application/pdf")  # fmt: skip
