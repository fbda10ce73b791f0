"""The quarter's achievement document (issue 15: the analysis is "printed in the achievement
documents"): per indicator of the plan the year's target, the quarter's target, realisasi
through the quarter, capaian against both, and the analysis (faktor pendorong, faktor
penghambat, tindak lanjut); letterhead and the Kepala Dinas's signature lines. A4 landscape
through the project's renderer (``dasar.dokumen.render_pdf``: nothing fetched)."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dasar.angka import format_persen
from dasar.dokumen import berkas_statis, kop_organisasi, render_pdf
from dasar.tampilan import format_tanggal
from evaluasi.models import ROMAWI, AnalisisTriwulan
from evaluasi.selectors import evaluasi_triwulan
from laporan.cetak import pengesahan_bawaan
from rencana import tampilan
from rencana.models import Renstra

KELOMPOK = (
    ("tujuan", "Indikator Tujuan"),
    ("iku", "Indikator Kinerja Utama (IKU)"),
    ("ikk", "Indikator Kinerja Kunci (IKK)"),
    ("spm", "Standar Pelayanan Minimal (SPM)"),
    ("kinerja", "Indikator Program dan Kegiatan"),
)


@dataclass(frozen=True)
class BarisCetak:
    nomor: int
    kode: str
    nama: str
    bidang: str
    target_tahun: str
    target_tw: str
    realisasi: str
    rincian: str
    capaian_tahun: str
    capaian_tw: str
    analisis: AnalisisTriwulan | None


@dataclass(frozen=True)
class Penanda:
    tempat_tanggal: str
    jabatan: tuple[str, ...]
    nama: str
    pangkat: str
    nip: str


def konteks_triwulan(renstra: Renstra, tahun: int, triwulan: int, tanggal: datetime.date):
    ev = evaluasi_triwulan(renstra, tahun, triwulan)
    kelompok = []
    nomor = 0
    for kode, label in KELOMPOK:
        baris = []
        for e in ev.baris:
            ind = e.indikator
            if ind.kelompok != kode:
                continue
            nomor += 1
            h = e.hasil
            baris.append(
                BarisCetak(
                    nomor, ind.kode, ind.nama, ind.bidang.nama if ind.bidang else "",
                    tampilan.teks_target(ind, h.target), tampilan.teks_target(ind, e.target_tw),
                    tampilan.teks_realisasi(h), tampilan.teks_rincian(h),
                    tampilan.teks_capaian(h), format_persen(e.capaian_tw, 2),
                    e.analisis if e.ada_analisis else None,
                )
            )  # fmt: skip
        if baris:
            kelompok.append((label, baris))
    org = renstra.organisasi
    p = pengesahan_bawaan(org, tanggal)
    periode = f"Triwulan {ROMAWI[triwulan]} Tahun {tahun}"
    return {
        "organisasi": org,
        "kop": kop_organisasi(org),
        "css": mark_safe(
            berkas_statis("css/cetak.css").decode()
            + berkas_statis("css/cetak_evaluasi.css").decode()
        ),  # our own files
        "judul": f"CAPAIAN KINERJA DAN ANALISIS {periode.upper()}",
        "periode": periode,
        "tahun": tahun,
        "romawi": ROMAWI[triwulan],
        "renstra": renstra,
        "kelompok": kelompok,
        "jumlah_analisis": sum(1 for e in ev.baris if e.ada_analisis),
        "penanda": Penanda(
            tempat_tanggal=f"{p.kota + ', ' if p.kota else ''}{format_tanggal(tanggal)}",
            jabatan=(f"{p.jabatan.rstrip(', ')},",),
            nama=p.nama,
            pangkat=p.pangkat,
            nip=f"NIP {p.nip}" if p.nip else "",
        ),
    }


def html_triwulan(renstra: Renstra, tahun: int, triwulan: int, tanggal: datetime.date) -> str:
    return render_to_string(
        "evaluasi/cetak_triwulan.html", konteks_triwulan(renstra, tahun, triwulan, tanggal)
    )


def pdf_triwulan(renstra: Renstra, tahun: int, triwulan: int, tanggal: datetime.date) -> bytes:
    return render_pdf(html_triwulan(renstra, tahun, triwulan, tanggal))
