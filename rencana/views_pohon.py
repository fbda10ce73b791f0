"""The performance tree page (zoomable SVG) and its landscape PDF with the letterhead.

Both colour each node by the capaian status of its linked indicator in a chosen year and
quarter (``?tahun=YYYY&triwulan=N``; default: this year clamped into the plan's period, the
whole year). The work is a fixed number of queries whatever the number of nodes.
"""

import datetime
import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from dasar.angka import format_angka
from dasar.dokumen import berkas_statis, data_uri, kop_organisasi, render_pdf
from dasar.http import unduhan
from dasar.tampilan import format_tanggal
from laporan.cetak import pengesahan_bawaan
from rencana import pohon as tata
from rencana.models import Renstra, SimpulPohon, Skala
from rencana.pita import pita_organisasi
from rencana.selectors import ROMAWI, CapaianPeriode, hitung_capaian, label_periode
from rencana.views import muat_renstra, tahun_bawaan

# The printed page: A3 landscape, 12 mm margins; the room the tree gets (mm).
LEBAR_CETAK = 396
TINGGI_CETAK_PERTAMA = 176  # under the letterhead and title, above the signature
TINGGI_CETAK_LANJUTAN = 262
# Or the signature beside the tree (a tall tree leaves room on the right).
LEBAR_CETAK_SAMPING = 296
TINGGI_CETAK_SAMPING = 214
# Boxes are wider on paper (fewer lines, a shorter tree on the wide page).
LEBAR_KOTAK_CETAK = 340
# Below this scale (mm per SVG px) the box titles would print under ~4 pt: the tree is then
# printed in parts (html_pohon): each fitted to a page at SKALA_CABANG_MIN or larger (up to
# SKALA_MAKS), else at SKALA_HALAMAN over several pages.
SKALA_MIN = 0.115
SKALA_HALAMAN = 0.17
SKALA_CABANG_MIN = 0.15
SKALA_MAKS = 0.22
# A part's heading (branch title and its path from the root), the list of branches on the
# first page (a line each, plus its title) and the signature block under a picture (mm).
TINGGI_JUDUL_CABANG = 13
TINGGI_DAFTAR_CABANG = 8
TINGGI_BARIS_DAFTAR = 4.5
TINGGI_TANDA = 42


def periode_dipilih(request: HttpRequest, renstra: Renstra) -> tuple[int, int]:
    """(tahun, triwulan) from the query string, else the latest year of the plan with data
    (``tahun_bawaan``) and the whole year (triwulan 4). Values out of range fall back to the
    defaults."""
    tahun = _angka(request.GET.get("tahun"))
    if tahun is None or not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
        # The tree shows the plan's years only (not its baseline year).
        tahun = min(max(tahun_bawaan(renstra), renstra.tahun_awal), renstra.tahun_akhir)
    triwulan = _angka(request.GET.get("triwulan"))
    if triwulan is None or not 1 <= triwulan <= 4:
        triwulan = 4
    return tahun, triwulan


def _angka(teks: str | None) -> int | None:
    return int(teks) if teks and re.fullmatch(r"\d{1,4}", teks) else None


def _simpul(renstra: Renstra) -> list[SimpulPohon]:
    """Every node of the plan with its indicator's kode and its program/kegiatan: one query."""
    return list(
        SimpulPohon.objects.filter(renstra=renstra)
        .select_related("indikator", "elemen")
        .only(
            "pk",
            "induk_id",
            "level",
            "nama",
            "indikator_teks",
            "target_teks",
            "jabatan",
            "urutan",
            "indikator_id",
            "indikator__kode",
            "elemen_id",
            "elemen__tingkat",
            "elemen__nama",
        )
        .order_by("urutan", "pk")
    )


def _tautan(simpul: list[SimpulPohon], organisasi: str, kunci: str) -> dict[int, str]:
    return {
        s.indikator_id: reverse("rencana_indikator", args=[organisasi, kunci, s.indikator.kode])
        for s in simpul
        if s.indikator_id is not None
    }


def _ringkasan(simpul: list[SimpulPohon], capaian: CapaianPeriode) -> dict[str, int]:
    per = capaian.per_indikator
    berdata = sum(
        1
        for s in simpul
        if s.indikator_id is not None
        and (h := per.get(s.indikator_id)) is not None
        and h.capaian is not None
    )
    return {
        "jumlah": len(simpul),
        "terhubung": sum(1 for s in simpul if s.indikator_id is not None),
        "berdata": berdata,
    }


def legenda(renstra: Renstra) -> list[dict[str, str]]:
    """The status bands, highest first, with their range as text: ``≥ 91%``, ``76-<91%``."""
    pita = sorted(
        pita_organisasi(renstra.organisasi_id)[Skala.CAPAIAN], key=lambda p: -p.batas_bawah
    )
    hasil = []
    for i, p in enumerate(pita):
        bawah = format_angka(p.batas_bawah)
        rentang = f"≥ {bawah}%" if i == 0 else f"{bawah}–<{format_angka(pita[i - 1].batas_bawah)}%"
        hasil.append({"label": p.label, "warna": tata.warna_sah(p.warna), "rentang": rentang})
    return hasil


def _judul(renstra: Renstra) -> str:
    return f"Pohon Kinerja {renstra.organisasi.nama} {renstra.periode}"


@login_required
@require_safe
def pohon(request: HttpRequest, organisasi: str, kunci: str) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    tahun, triwulan = periode_dipilih(request, renstra)
    konteks = {
        "ling": ling,
        "renstra": renstra,
        "judul": _judul(renstra),
        "tahun": tahun,
        "triwulan": triwulan,
        "label_periode": label_periode(tahun, triwulan),
        "pilihan_tahun": renstra.daftar_tahun,
        "pilihan_triwulan": [
            (tw, "Setahun (s.d. Triwulan IV)" if tw == 4 else f"s.d. Triwulan {ROMAWI[tw]}")
            for tw in range(1, 5)
        ],
    }
    simpul = _simpul(renstra)
    if not simpul:
        return render(request, "rencana/pohon.html", {**konteks, "kosong": True})
    capaian = hitung_capaian(renstra, tahun, triwulan)
    letak = tata.tata_letak(simpul)
    svg = tata.svg_pohon(
        letak,
        capaian.per_indikator,
        _tautan(simpul, ling.organisasi.slug, kunci),
        judul=f"{konteks['judul']} — {konteks['label_periode']}",
    )
    konteks.update(
        {
            "svg": mark_safe(svg),  # built by rencana.pohon, every text escaped
            "legenda": legenda(renstra),
            "ringkasan": _ringkasan(simpul, capaian),
            "url_pdf": reverse("rencana_pohon_pdf", args=[ling.organisasi.slug, kunci])
            + f"?tahun={tahun}&triwulan={triwulan}",
        }
    )
    return render(request, "rencana/pohon.html", konteks)


@login_required
@require_safe
def pohon_pdf(request: HttpRequest, organisasi: str, kunci: str) -> HttpResponse:
    ling, renstra = muat_renstra(request, organisasi, kunci)
    tahun, triwulan = periode_dipilih(request, renstra)
    simpul = _simpul(renstra)
    if not simpul:
        raise Http404
    capaian = hitung_capaian(renstra, tahun, triwulan)
    isi = pdf_pohon(
        renstra,
        simpul,
        capaian,
        tautan=None,
        tanggal=timezone.localdate(),
    )
    nama = f"pohon-kinerja-{ling.organisasi.slug}-{renstra.periode}-{tahun}"
    nama += "" if triwulan == 4 else f"-tw{triwulan}"
    return unduhan(isi, f"{nama}.pdf", "application/pdf")


def html_pohon(
    renstra: Renstra,
    simpul: list[SimpulPohon],
    capaian: CapaianPeriode,
    *,
    tautan: dict[int, str] | None = None,
    tanggal: datetime.date,
) -> str:
    """The printable document (A3 landscape): letterhead, title, legend, the tree and the
    Kepala Dinas's signature block.

    A tree that stays readable on one page is one picture. A larger one is printed from the
    top down: the first page shows the root and the nodes down to where the tree first
    branches (the heads of its branches), with the list of branches and their pages; then
    every branch with children follows as its own picture, fitted to a page when it stays
    readable there, else cut between boxes over several pages (a parent level with its
    first child, so the branch's head opens its first page). Branches flow one after the
    other: a small one shares a page with the next. Every node is printed in full once in
    its branch; the heads are repeated on the first page."""
    org = renstra.organisasi
    judul = _judul(renstra)
    label = label_periode(capaian.tahun, capaian.triwulan)
    judul_svg = f"{judul} — {label}"

    def lukis(letak: tata.TataLetak, rentang, skala: float, baru: bool) -> dict[str, Any]:
        svg = tata.svg_pohon(letak, capaian.per_indikator, tautan, judul=judul_svg, rentang=rentang)
        if rentang is None:
            tinggi = letak.tinggi
        else:
            tinggi = rentang[1] - rentang[0] + tata.TINGGI_KEPALA + tata.JARAK_KEPALA / 2
            tinggi += tata.TEPI
        return {
            "src": data_uri("image/svg+xml", svg.encode("utf-8")),
            "lebar_mm": letak.lebar * skala,
            "lebar": f"{letak.lebar * skala:.1f}mm",
            "tinggi": f"{tinggi * skala:.1f}mm",
            "baru": baru,
        }

    letak = tata.tata_letak(simpul, LEBAR_KOTAK_CETAK)
    tinggi_isi = letak.tinggi
    skala_bawah = min(LEBAR_CETAK / letak.lebar, TINGGI_CETAK_PERTAMA / tinggi_isi)
    skala_samping = min(LEBAR_CETAK_SAMPING / letak.lebar, TINGGI_CETAK_SAMPING / tinggi_isi)
    skala = max(skala_bawah, skala_samping)
    if skala >= SKALA_MIN:
        bagian = [
            {
                "gambar": [lukis(letak, None, skala, False)],
                "tanda_samping": skala_samping > skala_bawah,
            }
        ]
        daftar_cabang: list[dict[str, Any]] = []
    else:
        ringkasan, cabang, jalur = bagi_cabang(letak)
        daftar_cabang = [{"nomor": i, "nama": _nama(c[0])} for i, c in enumerate(cabang, start=1)]
        tinggi_ringkasan = TINGGI_CETAK_SAMPING
        if cabang:
            tinggi_ringkasan -= TINGGI_DAFTAR_CABANG + TINGGI_BARIS_DAFTAR * len(cabang)
        bagian = [{"gambar": _gambar(ringkasan, lukis, tinggi_ringkasan)}]
        for d, c in zip(daftar_cabang, cabang, strict=True):
            bagian.append(
                {
                    **d,
                    "jalur": jalur,
                    "gambar": _gambar(c, lukis, TINGGI_CETAK_LANJUTAN - TINGGI_JUDUL_CABANG),
                }
            )
        # The signature beside the last picture when it leaves room on the right, else under
        # it (the last part then fitted to leave that room).
        terakhir = bagian[-1]
        terakhir["tanda_samping"] = terakhir["gambar"][-1]["lebar_mm"] <= LEBAR_CETAK_SAMPING
        if not terakhir["tanda_samping"] and len(terakhir["gambar"]) == 1:
            simpul_terakhir = cabang[-1] if cabang else ringkasan
            tinggi = TINGGI_CETAK_LANJUTAN - TINGGI_JUDUL_CABANG if cabang else tinggi_ringkasan
            terakhir["gambar"] = _gambar(simpul_terakhir, lukis, tinggi - TINGGI_TANDA)
    pengesahan = pengesahan_bawaan(org, tanggal)
    konteks = {
        "css": mark_safe(berkas_statis("css/cetak.css").decode("utf-8")),  # our own file
        "organisasi": org,
        "renstra": renstra,
        "kop": kop_organisasi(org),
        "judul_dokumen": f"{judul} — {label}",
        "judul": f"POHON KINERJA {org.nama.upper()}",
        "sub_judul": f"RENCANA STRATEGIS {renstra.periode} · CAPAIAN {label.upper()}",
        "bagian": bagian,
        "daftar_cabang": daftar_cabang,
        "legenda": legenda(renstra),
        "pengesahan": pengesahan,
        "tanggal_pengesahan": format_tanggal(pengesahan.tanggal),
        "jabatan": pengesahan.jabatan.rstrip().rstrip(","),
    }
    return render_to_string("rencana/cetak_pohon.html", konteks)


def bagi_cabang(letak: tata.TataLetak) -> tuple[list[Any], list[list[Any]], list[str]]:
    """A large tree in printable parts: (the nodes of the first page: the root down to where
    the tree first branches, and the heads of the branches; each branch with children: its
    head and every node under it, in tree order; the names from the root to the heads)."""
    anak = {id(a) for k in letak.kotak for a in k.anak}
    kepala = [k for k in letak.kotak if id(k) not in anak]  # the roots, in tree order
    batang: list[tata.KotakSimpul] = []
    while len(kepala) == 1 and kepala[0].anak:
        batang.append(kepala[0])
        kepala = kepala[0].anak
    cabang = []
    for k in kepala:
        if not k.anak:
            continue
        isi, tumpukan = [], [k]
        while tumpukan:
            x = tumpukan.pop()
            isi.append(x.simpul)
            tumpukan.extend(reversed(x.anak))
        cabang.append(isi)
    jalur = [_nama(k.simpul) for k in batang]
    return [k.simpul for k in batang + kepala], cabang, jalur


def _nama(s: Any) -> str:
    return " ".join((s.nama or "").split()) or "(tanpa nama)"


def _gambar(simpul: list[Any], lukis, tinggi_pertama: float) -> list[dict[str, Any]]:
    """The pictures of one part: one, fitted to ``tinggi_pertama`` mm (and the page's
    width) when it prints at SKALA_CABANG_MIN or larger; else at SKALA_HALAMAN (or
    narrower, to fit the width) cut between boxes, the first piece at most
    ``tinggi_pertama`` tall and the others a page each, parents level with their first
    child so that a branch's head is at the top of its first piece."""
    letak = tata.tata_letak(simpul, LEBAR_KOTAK_CETAK, rapat=True)
    skala = min(LEBAR_CETAK / letak.lebar, tinggi_pertama / letak.tinggi, SKALA_MAKS)
    if skala >= SKALA_CABANG_MIN:
        return [lukis(letak, None, skala, False)]
    letak = tata.tata_letak(simpul, LEBAR_KOTAK_CETAK, rata_atas=True, rapat=True)
    skala = min(LEBAR_CETAK / letak.lebar, SKALA_HALAMAN)
    ruang_kepala = tata.TINGGI_KEPALA + tata.JARAK_KEPALA / 2 + tata.TEPI
    potongan = tata.potong_halaman(
        letak,
        TINGGI_CETAK_LANJUTAN / skala - ruang_kepala,
        tinggi_pertama / skala - ruang_kepala,
    )
    return [lukis(letak, r, skala, i > 0) for i, r in enumerate(potongan)]


def pdf_pohon(
    renstra: Renstra,
    simpul: list[SimpulPohon],
    capaian: CapaianPeriode,
    *,
    tautan: dict[int, str] | None = None,
    tanggal: datetime.date,
) -> bytes:
    return render_pdf(html_pohon(renstra, simpul, capaian, tautan=tautan, tanggal=tanggal))
