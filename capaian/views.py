"""The entry page of a bidang's month, its live preview, the Kepala Dinas's return, and the
audit trail. Every view starts with ``akun.akses.lingkup``; what the user may not reach
answers 404."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akun.akses import Lingkup, bidang_terlihat, lingkup, wajib_tinjau
from capaian import services, validasi
from capaian.forms import FormEntri, KembalikanForm, PengecualianForm, segarkan
from capaian.hasil import total_per_bulan
from capaian.models import (
    Aksi,
    JejakAudit,
    PengajuanBulan,
    StatusPengajuan,
    Sumber,
    kedaluwarsa,
)
from capaian.selectors import DataTahun, muat_entri, pengajuan_bulan, realisasi_bidang_bulan
from dasar.angka import nama_bulan
from dasar.http import masuk_wajib_json, periode_atau_404, see_other
from dasar.periode import TAHUN_MAX, TAHUN_MIN, bulan_geser
from dasar.tampilan import format_tanggal, format_waktu, nama_orang, teks_nilai
from indikator.models import Rumus
from organisasi.models import Bidang

JEJAK_PER_HALAMAN = 100


def _muat_bulan(ling: Lingkup, tahun: int, bulan: int, bidang: Bidang) -> tuple[DataTahun, dict]:
    """The month for ``bidang``'s page (``muat_entri``) and the earlier months' totals from
    the stored results (capaian.hasil; months whose inputs changed are loaded and computed
    there, the input counts read before their inputs)."""
    data = muat_entri(ling.organisasi, tahun, bulan, bidang)
    sebelum = total_per_bulan(ling.organisasi, tahun, range(1, bulan))
    return data, sebelum


@dataclass
class Halaman:
    """Everything the entry page shows, loaded in a fixed number of queries."""

    ling: Lingkup
    bidang: Bidang
    tahun: int
    bulan: int
    pengajuan: PengajuanBulan | None
    entri: FormEntri | None  # None for a month that has not come yet

    @classmethod
    def muat(
        cls, ling: Lingkup, bidang: Bidang, tahun: int, bulan: int, post: Any = None
    ) -> "Halaman":
        pengajuan = pengajuan_bulan(bidang, tahun, bulan)
        if validasi.bulan_akan_datang(tahun, bulan):
            return cls(ling, bidang, tahun, bulan, pengajuan, None)
        data, sebelum = _muat_bulan(ling, tahun, bulan, bidang)
        entri = FormEntri(
            data=data,
            bidang=bidang,
            bulan=bulan,
            tersimpan=realisasi_bidang_bulan(bidang, tahun, bulan),
            post=post,
            total_sebelum=sebelum,
        )
        return cls(ling, bidang, tahun, bulan, pengajuan, entri)

    @property
    def status(self) -> str:
        return self.pengajuan.status if self.pengajuan else StatusPengajuan.DRAF.value

    @property
    def akan_datang(self) -> bool:
        return self.entri is None

    @property
    def kedaluwarsa(self) -> bool:
        """Locked for staf by the organisasi's expiry (no query: the month's row is loaded)."""
        p = self.pengajuan
        return not self.akan_datang and kedaluwarsa(
            self.ling.organisasi, self.tahun, self.bulan, self.status,
            p.pengecualian_sampai if p else None, timezone.localdate(),
        )  # fmt: skip

    @property
    def keterangan_kedaluwarsa(self) -> str:
        return services.keterangan_kedaluwarsa(self.ling.organisasi, self.tahun, self.bulan)

    @property
    def pengecualian_berjalan(self) -> date | None:
        """The end of a running exception to expiry, if any."""
        p = self.pengajuan
        if p is None or p.pengecualian_sampai is None:
            return None
        return p.pengecualian_sampai if timezone.localdate() <= p.pengecualian_sampai else None

    @property
    def bisa_isi(self) -> bool:
        return (
            self.ling.boleh_isi(self.bidang)
            and not self.akan_datang
            and bool(self.entri.baris)
            and self.status not in (StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI)
            and not self.kedaluwarsa
        )

    @property
    def bisa_beri_pengecualian(self) -> bool:
        return self.ling.boleh_tinjau and self.kedaluwarsa

    @property
    def staf_bidang(self) -> bool:
        """The bidang's own staf, on a month with rows: their browser keeps a draft of what
        they type (static/js/draf.js), and forgets it after a save, even one that makes the
        month read-only (submitting)."""
        return self.ling.boleh_isi(self.bidang) and not self.akan_datang and bool(self.entri.baris)

    @property
    def bisa_kembalikan(self) -> bool:
        return self.ling.boleh_tinjau and self.status == StatusPengajuan.DIAJUKAN

    def konteks(self, **tambahan: Any) -> dict[str, Any]:
        if self.entri is not None:
            self.entri.ringkasan  # noqa: B018  (the figures, before the rows read theirs)
        p = self.pengajuan
        lalu = bulan_geser(self.tahun, self.bulan, -1)
        depan = bulan_geser(self.tahun, self.bulan, 1)
        org = self.ling.organisasi.slug
        daftar_bidang = [
            b
            for b in Bidang.objects.filter(organisasi=self.ling.organisasi).order_by("nama")
            if self.ling.boleh_lihat(b)
        ]
        return {
            "ling": self.ling,
            "halaman": self,
            "bidang": self.bidang,
            "tahun": self.tahun,
            "bulan": self.bulan,
            "nama_bulan": nama_bulan(self.bulan),
            "entri": self.entri,
            "status": self.status,
            "label_status": StatusPengajuan(self.status).label,
            "oleh": nama_orang(p.diubah_oleh) if p else "",
            "pada": format_waktu(p.diubah_pada) if p else "",
            "catatan": p.catatan if p and self.status == StatusPengajuan.DIKEMBALIKAN else "",
            "url_lalu": reverse("entri", args=[org, *lalu, self.bidang.slug])
            if lalu[0] >= TAHUN_MIN
            else "",
            "label_lalu": f"{nama_bulan(lalu[1])} {lalu[0]}",
            "url_depan": ""
            if validasi.bulan_akan_datang(*depan) or depan[0] > TAHUN_MAX
            else reverse("entri", args=[org, *depan, self.bidang.slug]),
            "label_depan": f"{nama_bulan(depan[1])} {depan[0]}",
            "daftar_bidang": daftar_bidang if len(daftar_bidang) > 1 else [],
            "kembalikan_form": KembalikanForm(),
            "pengecualian_form": PengecualianForm(),
            "target": self.ling.organisasi,
            **tambahan,
        }


def _render(
    request: HttpRequest, halaman: Halaman, status: int = 200, **tambahan: Any
) -> HttpResponse:
    return render(request, "capaian/entri.html", halaman.konteks(**tambahan), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def entri(request: HttpRequest, organisasi: str, tahun: int, bulan: int, bidang: str):
    ling = lingkup(request, organisasi)
    periode_atau_404(tahun, bulan)
    bid = bidang_terlihat(ling, bidang)
    if request.method == "POST":
        if not ling.boleh_isi(bid):
            raise Http404
        return _simpan(request, ling, bid, tahun, bulan)
    return _render(request, Halaman.muat(ling, bid, tahun, bulan))


def _simpan(request: HttpRequest, ling: Lingkup, bidang: Bidang, tahun: int, bulan: int):
    halaman = Halaman.muat(ling, bidang, tahun, bulan, post=request.POST)
    if halaman.akan_datang:
        pesan = f"{nama_bulan(bulan)} {tahun} belum tiba; realisasinya belum dapat diisi."
        return _render(request, halaman, 422, pesan_galat=[pesan])
    entri = halaman.entri
    if halaman.status in (StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI):
        return _tolak_diajukan(request, halaman)
    if not entri.baris:
        return _render(request, halaman, 422, pesan_galat=["Tidak ada baris untuk diisi."])
    if halaman.kedaluwarsa:
        return _render(request, halaman, 409, pesan_galat=[_pesan_kedaluwarsa(halaman)])
    if not entri.is_valid():
        return _render(request, halaman, 422)
    try:
        hasil = services.simpan_bulan(
            pengguna=request.user,
            bidang=bidang,
            tahun=tahun,
            bulan=bulan,
            isian=entri.isian(),
            ajukan=request.POST.get("aksi") == "ajukan",
        )
    except services.BulanSudahDiajukan:
        return _tolak_diajukan(request, Halaman.muat(ling, bidang, tahun, bulan, request.POST))
    except services.DataBerubah as exc:
        return _konflik(request, halaman, [str(exc)])
    except services.BulanBelumTiba as exc:
        return _render(request, halaman, 422, pesan_galat=[str(exc)])
    except services.BulanKedaluwarsa as exc:
        return _render(request, halaman, 409, pesan_galat=[str(exc)])
    if not hasil.berhasil:
        return _konflik(request, halaman, [k.pesan() for k in hasil.konflik], hasil.konflik)
    messages.success(request, _pesan_sukses(hasil, tahun, bulan))
    return see_other(reverse("entri", args=[ling.organisasi.slug, tahun, bulan, bidang.slug]))


def _pesan_kedaluwarsa(halaman: Halaman) -> str:
    return str(services.BulanKedaluwarsa(halaman.bidang, halaman.tahun, halaman.bulan))


def _pesan_sukses(hasil: services.HasilSimpan, tahun: int, bulan: int) -> str:
    bagian = []
    if hasil.dibuat:
        bagian.append(f"{hasil.dibuat} baris diisi")
    if hasil.diubah:
        bagian.append(f"{hasil.diubah} baris diubah")
    if hasil.dihapus:
        bagian.append(f"{hasil.dihapus} baris dikosongkan")
    rincian = ", ".join(bagian)
    periode = f"{nama_bulan(bulan)} {tahun}"
    if hasil.diajukan:
        teks = f"Isian {periode} diajukan ke Kepala Dinas"
        teks += f" ({rincian})." if rincian else "."
        if hasil.kosong:
            teks += f" {hasil.kosong} baris diajukan tanpa realisasi."
        return teks
    if not rincian:
        return "Tidak ada perubahan untuk disimpan."
    return f"Draf {periode} tersimpan: {rincian}."


def _konflik(
    request: HttpRequest, lama: Halaman, pesan: list[str], konflik: tuple = ()
) -> HttpResponse:
    """409: reread the month; keep the user's typed values in the rows they changed, with the
    versi now stored, so that saving again (deliberately) overwrites."""
    ling, bidang, tahun, bulan = lama.ling, lama.bidang, lama.tahun, lama.bulan
    data, sebelum = _muat_bulan(ling, tahun, bulan, bidang)
    tersimpan = realisasi_bidang_bulan(bidang, tahun, bulan)
    entri = FormEntri(
        data=data,
        bidang=bidang,
        bulan=bulan,
        tersimpan=tersimpan,
        post=segarkan(request.POST, lama.entri, data, tersimpan),
        total_sebelum=sebelum,
    )
    per_rumus = {k.rumus_id: k for k in konflik}
    for b in entri.baris:
        b.konflik = per_rumus.get(b.rumus.pk)
    halaman = Halaman(ling, bidang, tahun, bulan, pengajuan_bulan(bidang, tahun, bulan), entri)
    return _render(request, halaman, 409, konflik=pesan)


def _tolak_diajukan(request: HttpRequest, halaman: Halaman) -> HttpResponse:
    """409: the month was submitted (perhaps by a colleague while this page was open). The page
    is read-only; the values the user typed are listed so that nothing is lost silently."""
    tidak_tersimpan = []
    if halaman.entri is not None:
        for b in halaman.entri.baris:
            if b.form.is_bound and b.form.diubah:
                nilai = [
                    f"{label} {b.form.data.get(f'{b.prefix}-{kolom}', '').strip() or '-'}"
                    for kolom, label in (
                        ("pembagi", "pembagi"),
                        ("realisasi", "realisasi"),
                        ("keterangan", "keterangan"),
                    )
                ]
                tidak_tersimpan.append(f"{b.rumus.kode}: {', '.join(nilai)}")
    p = halaman.pengajuan
    if halaman.status == StatusPengajuan.DISETUJUI:
        pesan = (
            f"{nama_bulan(halaman.bulan)} {halaman.tahun} sudah disetujui dan ditandatangani "
            "Kepala Dinas; perubahan Anda tidak disimpan."
        )
        return _render(request, halaman, 409, pesan_galat=[pesan], tidak_tersimpan=tidak_tersimpan)
    pesan = (
        f"Isian {nama_bulan(halaman.bulan)} {halaman.tahun} sudah diajukan"
        + (f" oleh {nama_orang(p.diubah_oleh)} pada {format_waktu(p.diubah_pada)}" if p else "")
        + " dan menunggu tinjauan Kepala Dinas; perubahan Anda tidak disimpan."
    )
    return _render(request, halaman, 409, pesan_galat=[pesan], tidak_tersimpan=tidak_tersimpan)


@masuk_wajib_json
@require_POST
def entri_pratinjau(request: HttpRequest, organisasi: str, tahun: int, bulan: int, bidang: str):
    """The page's figures for the typed values, computed by the real engine: JSON with the
    formatted row percentages, program values, month total and capaian s.d. bulan."""
    ling = lingkup(request, organisasi)
    periode_atau_404(tahun, bulan)
    bid = bidang_terlihat(ling, bidang)
    if validasi.bulan_akan_datang(tahun, bulan):
        return JsonResponse({"pesan": f"{nama_bulan(bulan)} {tahun} belum tiba."}, status=422)
    data, sebelum = _muat_bulan(ling, tahun, bulan, bid)
    entri = FormEntri(
        data=data,
        bidang=bid,
        bulan=bulan,
        tersimpan=realisasi_bidang_bulan(bid, tahun, bulan),
        post=request.POST if ling.boleh_isi(bid) else None,
        total_sebelum=sebelum,
    )
    return JsonResponse(entri.pratinjau())


@login_required
@require_POST
def entri_kembalikan(request: HttpRequest, organisasi: str, tahun: int, bulan: int, bidang: str):
    ling = lingkup(request, organisasi)
    wajib_tinjau(ling)
    periode_atau_404(tahun, bulan)
    bid = bidang_terlihat(ling, bidang)
    form = KembalikanForm(request.POST)
    if not form.is_valid():
        halaman = Halaman.muat(ling, bid, tahun, bulan)
        return _render(request, halaman, 422, kembalikan_form=form)
    try:
        services.kembalikan_bulan(
            pengguna=request.user,
            bidang=bid,
            tahun=tahun,
            bulan=bulan,
            catatan=form.cleaned_data["catatan"],
        )
    except services.BulanBelumDiajukan as exc:
        halaman = Halaman.muat(ling, bid, tahun, bulan)
        return _render(request, halaman, 409, pesan_galat=[str(exc)])
    messages.success(
        request,
        f"Isian {nama_bulan(bulan)} {tahun} dikembalikan ke Bidang {bid.nama} dengan catatan.",
    )
    if request.POST.get("dari") == "laporan":  # returned from the report page: back there
        return see_other(reverse("laporan_bulan", args=[organisasi, tahun, bulan]))
    return see_other(reverse("entri", args=[organisasi, tahun, bulan, bid.slug]))


@login_required
@require_POST
def entri_pengecualian(request: HttpRequest, organisasi: str, tahun: int, bulan: int, bidang: str):
    """The Kepala Dinas opens an expired month to its bidang's staf until a date."""
    ling = lingkup(request, organisasi)
    wajib_tinjau(ling)
    periode_atau_404(tahun, bulan)
    bid = bidang_terlihat(ling, bidang)
    form = PengecualianForm(request.POST)
    if not form.is_valid():
        halaman = Halaman.muat(ling, bid, tahun, bulan)
        return _render(request, halaman, 422, pengecualian_form=form)
    try:
        services.beri_pengecualian(
            pengguna=request.user, bidang=bid, tahun=tahun, bulan=bulan,
            sampai=form.cleaned_data["sampai"], alasan=form.cleaned_data["alasan"],
        )  # fmt: skip
    except services.BulanSudahDiajukan as exc:
        halaman = Halaman.muat(ling, bid, tahun, bulan)
        return _render(request, halaman, 409, pesan_galat=[str(exc)])
    messages.success(
        request,
        f"Bidang {bid.nama} dapat mengisi {nama_bulan(bulan)} {tahun} sampai "
        f"{format_tanggal(form.cleaned_data['sampai'])}.",
    )
    return see_other(reverse("entri", args=[organisasi, tahun, bulan, bid.slug]))


# The audit trail


LABEL_KOLOM = (("pembagi", "Pembagi"), ("realisasi", "Realisasi"), ("keterangan", "Keterangan"))


def _tampil_nilai(kolom: str, nilai: Any) -> str:
    if kolom == "keterangan":
        return nilai or "-"
    if kolom == "status":
        try:
            return StatusPengajuan(nilai).label
        except ValueError:
            return str(nilai or "-")
    return teks_nilai(nilai)


def _perubahan(j: JejakAudit) -> list[dict[str, str]]:
    """(label, lama, baru) for each value the entry changed."""
    lama, baru = j.nilai_lama or {}, j.nilai_baru or {}
    kolom = [("status", "Status")] if "status" in lama or "status" in baru else []
    kolom += [k for k in LABEL_KOLOM if k[0] in lama or k[0] in baru]
    hasil = []
    for kunci, label in kolom:
        a, b = lama.get(kunci), baru.get(kunci)
        if a == b or (a in (None, "") and b in (None, "")):
            continue
        hasil.append(
            {
                "label": label,
                "lama": _tampil_nilai(kunci, a) if j.nilai_lama is not None else "",
                "baru": _tampil_nilai(kunci, b) if j.nilai_baru is not None else "-",
            }
        )
    return hasil


def _baris_jejak(daftar: Any) -> list[dict[str, Any]]:
    return [
        {
            "jejak": j,
            "waktu": format_waktu(j.waktu),
            "aksi": Aksi(j.aksi).label if j.aksi in Aksi.values else j.aksi,
            "sumber": Sumber(j.sumber).label if j.sumber in Sumber.values else j.sumber,
            "periode": f"{nama_bulan(j.bulan)} {j.tahun}",
            "perubahan": _perubahan(j),
        }
        for j in daftar
    ]


def _halaman_jejak(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, JEJAK_PER_HALAMAN).get_page(request.GET.get("halaman"))


@login_required
@require_GET
def jejak_bulan(request: HttpRequest, organisasi: str, tahun: int, bulan: int):
    """The month's trail, newest first. Staf bidang see their bidang's entries only; others
    may filter by bidang."""
    ling = lingkup(request, organisasi)
    if not ling.boleh_lihat_isian:
        raise Http404
    periode_atau_404(tahun, bulan)
    qs = JejakAudit.objects.untuk_organisasi(ling.organisasi).filter(tahun=tahun, bulan=bulan)
    semua_bidang = Bidang.objects.filter(organisasi=ling.organisasi).order_by("nama")
    if not ling.lihat_semua_bidang:
        qs = qs.filter(bidang_id__in=ling.bidang_ids)
        semua_bidang = semua_bidang.filter(pk__in=ling.bidang_ids)
    pilihan = None
    if request.GET.get("bidang"):
        pilihan = bidang_terlihat(ling, request.GET["bidang"])
        qs = qs.filter(bidang=pilihan)
    halaman = _halaman_jejak(request, qs.order_by("-waktu", "-pk"))
    return render(
        request,
        "capaian/jejak.html",
        {
            "ling": ling,
            "judul": f"Jejak perubahan {nama_bulan(bulan)} {tahun}",
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": nama_bulan(bulan),
            "daftar_bidang": list(semua_bidang),
            "bidang_pilihan": pilihan,
            "halaman": halaman,
            "baris": _baris_jejak(halaman.object_list),
            "per_bulan": True,
        },
    )


@login_required
@require_GET
def jejak_baris(request: HttpRequest, organisasi: str, rumus: int):
    """One rumus row's trail over its year, newest first."""
    ling = lingkup(request, organisasi)
    obj = (
        Rumus.objects.filter(pk=rumus, organisasi=ling.organisasi)
        .select_related("bidang", "indikator__program")
        .first()
    )
    if obj is None or not ling.boleh_lihat(obj.bidang):
        raise Http404
    qs = JejakAudit.objects.untuk_organisasi(ling.organisasi).filter(rumus_id=obj.pk)
    halaman = _halaman_jejak(request, qs.order_by("-waktu", "-pk"))
    return render(
        request,
        "capaian/jejak.html",
        {
            "ling": ling,
            "judul": f"Jejak perubahan {obj.kode} ({obj.tahun})",
            "rumus": obj,
            "tahun": obj.tahun,
            "halaman": halaman,
            "baris": _baris_jejak(halaman.object_list),
            "per_bulan": False,
        },
    )
