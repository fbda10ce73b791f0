"""Rencana Aksi (issue 15): an indicator's quarterly targets, the year's action lines (seed
003 §2.3.3) and the budget (pagu and realisasi anggaran per Program/Kegiatan).

Who may do what (docs/rencana.md, "Rencana Aksi"): every member of the organisasi reads;
the organisasi's admin (and the superuser) sets quarterly targets, budgets and action lines;
the staf of a line's bidang fills in its realisasi, realisasi anggaran and evidence link.
Anyone else asking to write gets 404, like ``rencana_realisasi``. Every write goes to the
audit trail (``dasar.jejak.kirim``), before and after.
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
from django.views.decorators.http import require_http_methods

from akun.akses import Lingkup
from akun.models import Peran
from dasar.angka import AngkaError, format_angka, format_persen, parse_angka
from dasar.jejak import kirim, objek, potret, selisih
from rencana.formulir import FIELD_REALISASI, AksiAdminForm, AksiRealisasiForm
from rencana.models import (
    TINGKAT_ANGGARAN,
    AksiRencana,
    Elemen,
    IndikatorRencana,
    PaguAnggaran,
    RealisasiAnggaran,
    Renstra,
    TargetTahunan,
    TargetTriwulan,
    peringatan_triwulan,
)
from rencana.selectors import ROMAWI, aksi_rencana, serapan_anggaran
from rencana.views import muat_renstra

BATAS = Decimal(10) ** 16


def _tahun_rencana(renstra: Renstra, tahun: int) -> None:
    if tahun not in renstra.daftar_tahun:
        raise Http404


def _ke_tahun_rencana(
    request: HttpRequest, renstra: Renstra, tahun: int, nama: str
) -> HttpResponse | None:
    """The plan's navigation names the year the other pages show, which may be the
    baseline year before the plan (2024 for 2025-2029): its Rencana Aksi and budget pages
    open on the plan's first year instead. The year form (no JavaScript) names the year as
    ``?tahun=``. Any other year outside the plan: 404."""
    diminta = request.GET.get("tahun")
    if diminta and diminta != str(tahun):
        if not diminta.isdigit() or int(diminta) not in renstra.daftar_tahun:
            raise Http404
        return redirect(reverse(nama, args=[renstra.organisasi.slug, renstra.kunci,
                                            int(diminta)]))  # fmt: skip
    if tahun == renstra.tahun_awal - 1:
        url = reverse(nama, args=[renstra.organisasi.slug, renstra.kunci, renstra.tahun_awal])
        return redirect(url)
    _tahun_rencana(renstra, tahun)
    return None


def _catat(request, renstra: Renstra, obj, label: str, lama: dict, baru: bool, catatan: str,
           tahun: int, hapus: bool = False) -> None:  # fmt: skip
    """One audit entry for a web write: the fields that changed, before and after."""
    if hapus:
        kirim(pengguna=request.user, organisasi_id=renstra.organisasi_id, tahun=tahun,
              objek=objek(obj), label=label, aksi="hapus", sumber="entri", lama=lama,
              baru=None, catatan=catatan)  # fmt: skip
        return
    sebelum, sesudah = selisih(lama, potret(obj))
    if not baru and not sesudah:
        return
    kirim(pengguna=request.user, organisasi_id=renstra.organisasi_id, tahun=tahun,
          objek=objek(obj), label=label, aksi="buat" if baru else "ubah", sumber="entri",
          lama=sebelum or None, baru=sesudah, catatan=catatan)  # fmt: skip


def _hapus(request, renstra: Renstra, obj, label: str, catatan: str, tahun: int) -> None:
    lama, pk = potret(obj), obj.pk
    obj.delete()
    obj.pk = pk
    _catat(request, renstra, obj, label, lama, False, catatan, tahun, hapus=True)


def _angka_isian(teks: str, label: str, galat: list[str], desimal: int = 4) -> Decimal | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        angka = parse_angka(teks)
    except AngkaError as exc:
        galat.append(f"{label}: {exc} (contoh: 6.780 atau 82,6).")
        return None
    if angka is not None and abs(angka) >= BATAS:
        galat.append(f"{label}: terlalu besar.")
        return None
    if angka is not None and angka < 0:
        galat.append(f"{label}: tidak boleh negatif.")
        return None
    if angka is not None and angka != angka.quantize(Decimal(1).scaleb(-desimal)):
        galat.append(f"{label}: paling banyak {desimal} angka di belakang koma.")
        return None
    return angka


# -- quarterly targets of an indicator ---------------------------------------------------


@login_required
@require_http_methods(["POST"])
def rencana_target_triwulan(
    request: HttpRequest, organisasi: str, kunci: str, kode: str, tahun: int
) -> HttpResponse:
    """Saves an indicator's four quarterly targets of ``tahun`` (admin only). A Kumulatif
    indicator whose TW IV differs from the annual target is saved with a warning."""
    ling, renstra = muat_renstra(request, organisasi, kunci)
    ind = IndikatorRencana.objects.filter(renstra=renstra, kode=kode).first()
    if ind is None or not ling.boleh_admin:
        raise Http404
    _tahun_rencana(renstra, tahun)
    kembali = reverse("rencana_indikator", args=[organisasi, kunci, kode]) + f"?tahun={tahun}"
    galat: list[str] = []
    isian = []
    for tw in range(1, 5):
        nilai = _angka_isian(request.POST.get(f"tw{tw}", ""), f"Target TW {ROMAWI[tw]}", galat)
        teks = (request.POST.get(f"teks{tw}") or "").strip()
        if len(teks) > 100:
            galat.append(f"Teks target TW {ROMAWI[tw]}: paling banyak 100 karakter.")
        isian.append((tw, nilai, teks))
    if galat:
        for g in galat:
            messages.error(request, f"Target triwulan {tahun}: {g} Tidak ada yang disimpan.")
        return redirect(kembali)
    with transaction.atomic():
        ada = {
            t.triwulan: t
            for t in TargetTriwulan.objects.select_for_update().filter(indikator=ind, tahun=tahun)
        }
        for tw, nilai, teks in isian:
            lama_obj = ada.get(tw)
            label = f"{ind.kode} target TW {ROMAWI[tw]} {tahun}"
            if nilai is None and not teks:
                if lama_obj is not None:
                    _hapus(request, renstra, lama_obj, label, "Target triwulan (Rencana Aksi).",
                           tahun)  # fmt: skip
                continue
            baru = lama_obj is None
            obj = lama_obj or TargetTriwulan(indikator=ind, tahun=tahun, triwulan=tw)
            lama = {} if baru else potret(obj)
            obj.nilai, obj.teks = nilai, teks
            obj.save()
            _catat(request, renstra, obj, label, lama, baru, "Target triwulan (Rencana Aksi).",
                   tahun)  # fmt: skip
    messages.success(request, f"Target triwulan {tahun} {ind.kode} tersimpan.")
    tahunan = TargetTahunan.objects.filter(indikator=ind, tahun=tahun).first()
    for p in peringatan_triwulan(
        ind, tahun, [n for _, n, _ in isian], tahunan.nilai if tahunan else None
    ):
        messages.warning(request, f"Perhatian: {p}")
    return redirect(kembali)


# -- the year's action lines ---------------------------------------------------------------


def boleh_isi_aksi(ling: Lingkup, aksi: AksiRencana) -> bool:
    """The realisasi fields of a line: the admin, or the staf of the line's bidang."""
    if ling.boleh_admin:
        return True
    return (
        ling.peran == Peran.STAF
        and aksi.bidang_id is not None
        and (aksi.bidang_id in ling.bidang_ids)
    )


@dataclass(frozen=True)
class BarisAksi:
    aksi: AksiRencana
    anggaran: str
    realisasi_anggaran: str
    serapan: str
    boleh_ubah: bool


def _rp(nilai) -> str:
    return "-" if nilai is None else f"Rp {format_angka(nilai)}"


def _serapan(realisasi, pagu) -> str:
    if realisasi is None or not pagu:
        return "-"
    return format_persen(Decimal(realisasi) / Decimal(pagu) * 100, 2)


@login_required
def rencana_aksi(request: HttpRequest, organisasi: str, kunci: str, tahun: int) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    if (ke := _ke_tahun_rencana(request, renstra, tahun, "rencana_aksi")) is not None:
        return ke
    daftar = aksi_rencana(renstra, tahun)
    baris = [
        BarisAksi(a, _rp(a.anggaran), _rp(a.realisasi_anggaran),
                  _serapan(a.realisasi_anggaran, a.anggaran), boleh_isi_aksi(ling, a))
        for a in daftar
    ]  # fmt: skip
    jumlah = sum((a.anggaran for a in daftar if a.anggaran is not None), Decimal(0))
    jumlah_realisasi = sum(
        (a.realisasi_anggaran for a in daftar if a.realisasi_anggaran is not None), Decimal(0)
    )
    return render(
        request,
        "rencana/aksi.html",
        {
            "ling": ling,
            "renstra": renstra,
            "tahun": tahun,
            "daftar_tahun": renstra.daftar_tahun,
            "baris": baris,
            "jumlah": _rp(jumlah),
            "jumlah_realisasi": _rp(jumlah_realisasi),
            "jumlah_serapan": _serapan(jumlah_realisasi, jumlah),
            "boleh_admin": ling.boleh_admin,
        },
    )


def _url_aksi(organisasi: str, renstra: Renstra, tahun: int) -> str:
    return reverse("rencana_aksi", args=[organisasi, renstra.kunci, tahun])


def _nomor_dipakai(renstra: Renstra, tahun: int, nomor: int, kecuali: int | None) -> bool:
    qs = AksiRencana.objects.filter(renstra=renstra, tahun=tahun, nomor=nomor)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.exists()


@login_required
@require_http_methods(["GET", "POST"])
def rencana_aksi_baru(
    request: HttpRequest, organisasi: str, kunci: str, tahun: int
) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _tahun_rencana(renstra, tahun)
    if not ling.boleh_admin:
        raise Http404
    aksi = AksiRencana(renstra=renstra, tahun=tahun)
    form = AksiAdminForm(request.POST or None, instance=aksi, renstra=renstra)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # One writer of the year's numbering at a time (the plan's row).
            Renstra.objects.select_for_update().filter(pk=renstra.pk).first()
            obj = form.save(commit=False)
            if obj.nomor is None:
                terakhir = AksiRencana.objects.filter(renstra=renstra, tahun=tahun).aggregate(
                    n=Max("nomor")
                )["n"]
                obj.nomor = (terakhir or 0) + 1
            if _nomor_dipakai(renstra, tahun, obj.nomor, None):
                form.add_error("nomor", f"Nomor {obj.nomor} sudah dipakai baris lain {tahun}.")
            else:
                obj.diubah_oleh = request.user
                obj.save()
                _catat(request, renstra, obj, f"Rencana aksi {tahun} no. {obj.nomor}", {}, True,
                       "Rencana aksi.", tahun)  # fmt: skip
                messages.success(request, f"Rencana aksi no. {obj.nomor} tersimpan.")
                return redirect(_url_aksi(organisasi, renstra, tahun))
    return render(
        request,
        "rencana/aksi_form.html",
        {"ling": ling, "renstra": renstra, "tahun": tahun, "form": form, "aksi": None,
         "judul": f"Tambah rencana aksi {tahun}"},
    )  # fmt: skip


def _muat_aksi(renstra: Renstra, tahun: int, pk: int) -> AksiRencana:
    aksi = (
        AksiRencana.objects.filter(renstra=renstra, tahun=tahun, pk=pk)
        .select_related("bidang", "indikator")
        .first()
    )
    if aksi is None:
        raise Http404
    return aksi


@login_required
@require_http_methods(["GET", "POST"])
def rencana_aksi_ubah(
    request: HttpRequest, organisasi: str, kunci: str, tahun: int, pk: int
) -> HttpResponse:
    """The admin edits the whole line; the staf of its bidang, its realisasi fields."""
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _tahun_rencana(renstra, tahun)
    aksi = _muat_aksi(renstra, tahun, pk)
    if not boleh_isi_aksi(ling, aksi):
        raise Http404
    lengkap = ling.boleh_admin
    data = request.POST if request.method == "POST" else None
    if lengkap:
        form = AksiAdminForm(data, instance=aksi, renstra=renstra, initial={"versi": aksi.versi})
    else:
        form = AksiRealisasiForm(data, instance=aksi, initial={"versi": aksi.versi})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            terkunci = AksiRencana.objects.select_for_update().get(pk=aksi.pk)
            lama = potret(terkunci)
            obj = form.save(commit=False)
            if form.cleaned_data.get("versi") != terkunci.versi:
                messages.error(
                    request,
                    f"Rencana aksi no. {terkunci.nomor} sudah diubah orang lain sejak halaman "
                    "dibuka; isian Anda tidak disimpan. Periksa isian terbaru lalu ubah kembali.",
                )
                return redirect(reverse("rencana_aksi_ubah", args=[organisasi, kunci, tahun, pk]))
            if obj.nomor is None:
                obj.nomor = terkunci.nomor
            if lengkap and _nomor_dipakai(renstra, tahun, obj.nomor, obj.pk):
                form.add_error("nomor", f"Nomor {obj.nomor} sudah dipakai baris lain {tahun}.")
            else:
                if not lengkap:
                    # Only the realisasi fields come from the form; the rest as stored.
                    for f in AksiRencana._meta.concrete_fields:
                        if f.attname not in FIELD_REALISASI:
                            setattr(obj, f.attname, getattr(terkunci, f.attname))
                obj.versi = terkunci.versi + 1
                obj.diubah_oleh = request.user
                obj.save()
                _catat(request, renstra, obj, f"Rencana aksi {tahun} no. {obj.nomor}", lama,
                       False, "Rencana aksi.", tahun)  # fmt: skip
                messages.success(request, f"Rencana aksi no. {obj.nomor} tersimpan.")
                return redirect(_url_aksi(organisasi, renstra, tahun))
    return render(
        request,
        "rencana/aksi_form.html",
        {"ling": ling, "renstra": renstra, "tahun": tahun, "form": form, "aksi": aksi,
         "lengkap": lengkap, "judul": f"Rencana aksi {tahun} no. {aksi.nomor}"},
    )  # fmt: skip


@login_required
@require_http_methods(["POST"])
def rencana_aksi_hapus(
    request: HttpRequest, organisasi: str, kunci: str, tahun: int, pk: int
) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    _tahun_rencana(renstra, tahun)
    if not ling.boleh_admin:
        raise Http404
    aksi = _muat_aksi(renstra, tahun, pk)
    nomor = aksi.nomor
    with transaction.atomic():
        _hapus(request, renstra, aksi, f"Rencana aksi {tahun} no. {nomor}",
               "Rencana aksi dihapus.", tahun)  # fmt: skip
    messages.success(request, f"Rencana aksi no. {nomor} dihapus.")
    return redirect(_url_aksi(organisasi, renstra, tahun))


# -- budget: pagu and realisasi anggaran -----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rencana_anggaran(request: HttpRequest, organisasi: str, kunci: str, tahun: int) -> HttpResponse:
    """The year's budget per Program and Kegiatan: pagu, each quarter's spending and the
    absorption; the admin enters them here (all rows in one form, all or nothing)."""
    ling, renstra = muat_renstra(request, organisasi, kunci)
    if (
        request.method == "GET"
        and (ke := _ke_tahun_rencana(request, renstra, tahun, "rencana_anggaran")) is not None
    ):
        return ke
    _tahun_rencana(renstra, tahun)
    elemen = list(
        Elemen.objects.filter(renstra=renstra, tingkat__in=TINGKAT_ANGGARAN).order_by(
            "urutan", "kode"
        )
    )
    if request.method == "POST":
        if not ling.boleh_admin:
            raise Http404
        return _simpan_anggaran(request, renstra, tahun, elemen)
    serapan = {b.elemen.pk: b for b in serapan_anggaran(renstra, tahun, 4)}
    baris = []
    for e in elemen:
        b = serapan.get(e.pk)
        per_tw = b.per_triwulan if b else (None,) * 4
        baris.append(
            {
                "elemen": e,
                "pagu": b.pagu if b else None,
                "per_tw": [(tw, per_tw[tw - 1]) for tw in range(1, 5)],
                "realisasi": _rp(b.realisasi) if b else "-",
                "serapan": format_persen(b.serapan, 2) if b and b.serapan is not None else "-",
            }
        )
    pagu_total = sum((b["pagu"] or Decimal(0) for b in baris if b["elemen"].tingkat ==
                      "program"), Decimal(0))  # fmt: skip
    return render(
        request,
        "rencana/anggaran.html",
        {
            "ling": ling,
            "renstra": renstra,
            "tahun": tahun,
            "daftar_tahun": renstra.daftar_tahun,
            "baris": baris,
            "pagu_program": _rp(pagu_total) if pagu_total else "-",
            "boleh_admin": ling.boleh_admin,
        },
    )


def _simpan_anggaran(request, renstra: Renstra, tahun: int, elemen: list[Elemen]):
    kembali = reverse("rencana_anggaran", args=[renstra.organisasi.slug, renstra.kunci, tahun])
    galat: list[str] = []
    isian: dict[int, tuple] = {}
    for e in elemen:
        pagu = _angka_isian(request.POST.get(f"pagu-{e.pk}", ""), f"{e.kode} pagu", galat, 2)
        tw = [
            _angka_isian(request.POST.get(f"tw{n}-{e.pk}", ""), f"{e.kode} TW {ROMAWI[n]}",
                         galat, 2)
            for n in range(1, 5)
        ]  # fmt: skip
        isian[e.pk] = (e, pagu, tw)
    if galat:
        for g in galat:
            messages.error(request, f"Anggaran {tahun}: {g}")
        messages.error(request, "Tidak ada yang disimpan; perbaiki isian lalu simpan lagi.")
        return redirect(kembali)
    with transaction.atomic():
        pagu_ada = {
            p.elemen_id: p
            for p in PaguAnggaran.objects.select_for_update().filter(
                elemen__renstra=renstra, tahun=tahun
            )
        }
        tw_ada = {
            (r.elemen_id, r.triwulan): r
            for r in RealisasiAnggaran.objects.select_for_update().filter(
                elemen__renstra=renstra, tahun=tahun
            )
        }
        for pk, (e, pagu, tw) in isian.items():
            _upsert(request, renstra, tahun, pagu_ada.get(pk), pagu,
                    lambda e=e: PaguAnggaran(elemen=e, tahun=tahun, pagu=0), "pagu",
                    f"{e.kode} pagu {tahun}")  # fmt: skip
            for n in range(1, 5):
                _upsert(request, renstra, tahun, tw_ada.get((pk, n)), tw[n - 1],
                        lambda e=e, n=n: RealisasiAnggaran(elemen=e, tahun=tahun, triwulan=n,
                                                           nilai=0),
                        "nilai", f"{e.kode} realisasi anggaran TW {ROMAWI[n]} {tahun}")  # fmt: skip
    messages.success(request, f"Anggaran {tahun} tersimpan.")
    return redirect(kembali)


def _upsert(request, renstra, tahun, ada, nilai, buat, atribut: str, label: str) -> None:
    if nilai is None:
        if ada is not None:
            _hapus(request, renstra, ada, label, "Anggaran.", tahun)
        return
    if ada is not None and getattr(ada, atribut) == nilai:
        return
    baru = ada is None
    obj = ada or buat()
    lama = {} if baru else potret(obj)
    setattr(obj, atribut, nilai)
    obj.save()
    _catat(request, renstra, obj, label, lama, baru, "Anggaran.", tahun)
