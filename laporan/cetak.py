"""The monthly report as a printed document: HTML (the shared partials) and PDF (WeasyPrint),
laid out like seed 000. Renderers only format the rows ``bangun_laporan`` built.

Nothing here fetches anything: the stylesheet is read from disk and inlined, the logo and the
optional signature image become data URIs, and WeasyPrint's fetcher accepts ``data:`` only.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dasar.angka import format_angka, format_persen
from dasar.dokumen import (
    css_cetak,
    data_uri,
    kop_organisasi,
    qr_svg,
    render_pdf,
)
from dasar.tampilan import format_tanggal
from dasar.tampilan import format_waktu_wib as format_waktu
from indikator.models import Indikator, Program
from laporan.builder import BarisLaporan, BlokProgram, LaporanBulanan
from laporan.models import LaporanTertanda
from laporan.rumus import BagianRumus, urai_daftar, urai_rumus
from organisasi.models import Organisasi


@dataclass(frozen=True)
class Pengesahan:
    """The place/date/signer lines under the table."""

    kota: str
    tanggal: datetime.date
    jabatan: str
    nama: str
    pangkat: str
    nip: str


def pengesahan_bawaan(organisasi: Organisasi, tanggal: datetime.date) -> Pengesahan:
    return Pengesahan(
        kota=organisasi.kota,
        tanggal=tanggal,
        jabatan=f"Kepala {organisasi.nama}",
        nama=organisasi.kepala_nama,
        pangkat=organisasi.kepala_pangkat,
        nip=organisasi.kepala_nip,
    )


def pengesahan_versi(versi: LaporanTertanda) -> Pengesahan:
    """The lines a signed version printed (its Excel shows the same)."""
    return Pengesahan(
        kota=versi.kota,
        tanggal=versi.tanggal,
        jabatan=versi.penanda_jabatan,
        nama=versi.penanda_nama,
        pangkat=versi.penanda_pangkat,
        nip=versi.penanda_nip,
    )


@dataclass(frozen=True)
class BlokTanda:
    """The visible electronic-signature block of a signed version."""

    url_verifikasi: str
    token: str
    versi: int
    ditandatangani_pada: datetime.datetime  # aware
    sertifikat_subjek: str
    gambar: bytes | None = None  # optional scanned signature, PNG


@dataclass(frozen=True)
class BarisTampil:
    """One table line as printed: every figure already text."""

    jenis: str
    nomor: int | None = None
    bidang: str = ""
    uraian: str = ""
    pembagi: str = ""
    realisasi: str = ""
    persen: str = ""
    persen_tahunan: str = ""
    keterangan: str = ""
    label: str = ""
    nilai: str = ""


@dataclass(frozen=True)
class BarisDefinisi:
    label: str
    jenis: str  # "teks", "daftar" (list of str) or "rumus" (list of BagianRumus)
    nilai: Any
    tebal: bool = False


@dataclass(frozen=True)
class DefinisiIndikator:
    indikator: Indikator
    baris: list[BarisDefinisi]


@dataclass(frozen=True)
class DefinisiProgram:
    program: Program
    judul: str
    indikator: list[DefinisiIndikator]


# --- text helpers -------------------------------------------------------------------------


def teks_target(organisasi: Organisasi) -> str:
    """``90-100%``; ``92,5-100%``; a single figure when both bounds are equal."""
    bawah = format_angka(Decimal(organisasi.target_bawah))
    atas = format_angka(Decimal(organisasi.target_atas))
    return f"{bawah}%" if bawah == atas else f"{bawah}-{atas}%"


def _jumlah(value: Decimal | Fraction | int | None) -> str:
    if isinstance(value, Fraction) and value.denominator != 1:
        return format_angka(value, 2)
    return format_angka(value)


def baris_tampil(b: BarisLaporan) -> BarisTampil:
    if b.jenis == "rumus":
        return BarisTampil(
            jenis=b.jenis,
            nomor=b.nomor,
            bidang=b.bidang,
            uraian=b.uraian,
            pembagi=_jumlah(b.pembagi),
            realisasi=_jumlah(b.realisasi),
            persen=format_persen(b.persen, 1),
            persen_tahunan=format_persen(b.persen_tahunan, 1),
            keterangan=b.keterangan,
        )
    desimal = 2 if b.jenis == "total" else 1
    return BarisTampil(jenis=b.jenis, label=b.label, nilai=format_persen(b.nilai, desimal))


def _definisi(program: Program, indikator: Indikator) -> DefinisiIndikator:
    def teks(label: str, nilai: str, tebal: bool = False) -> BarisDefinisi:
        return BarisDefinisi(label, "teks", (nilai or "").strip(), tebal)

    def daftar(label: str, nilai: str) -> BarisDefinisi:
        return BarisDefinisi(label, "daftar", urai_daftar(nilai))

    rumus: list[BagianRumus] = urai_rumus(indikator.rumus_teks)
    return DefinisiIndikator(
        indikator=indikator,
        baris=[
            teks("Sasaran Program", program.sasaran, tebal=True),
            teks("Indikator Program", program.indikator_program),
            teks("Target", program.target_teks),
            daftar("Konsep/Definisi", indikator.konsep_definisi),
            BarisDefinisi("Rumus", "rumus", rumus),
            teks("Satuan", indikator.satuan),
            daftar("Regulasi", indikator.regulasi),
            teks("Periode Pengukuran", indikator.periode_pengukuran),
            teks("Sifat Target", indikator.sifat_target),
            teks("Sumber Data", indikator.sumber_data),
        ],
    )


def definisi_program(blok: BlokProgram) -> DefinisiProgram:
    """Seed 000 repeats the definition block for each indikator of a program."""
    return DefinisiProgram(
        program=blok.program,
        judul=f"PROGRAM {blok.program.nama.upper()}",
        indikator=[_definisi(blok.program, i) for i in blok.indikator],
    )


# --- context and renderers ----------------------------------------------------------------


def judul_dokumen(laporan: LaporanBulanan) -> str:
    return (
        f"Progres Capaian Indikator Kinerja {laporan.organisasi.nama} "
        f"{laporan.nama_bulan} {laporan.tahun}"
    )


def konteks_laporan(laporan: LaporanBulanan) -> dict[str, Any]:
    """What the shared partials need (``_definisi_program.html`` takes one item of
    ``program_definisi`` as ``program``; ``_tabel_laporan.html`` takes the whole context)."""
    org = laporan.organisasi
    bulan = laporan.nama_bulan.upper()
    return {
        "laporan": laporan,
        "organisasi": org,
        "kop": kop_organisasi(org),
        "judul_dokumen": judul_dokumen(laporan),
        "judul": f"PROGRES CAPAIAN INDIKATOR KINERJA {org.nama.upper()} TAHUN {laporan.tahun}",
        "sub_judul": f"UB. {bulan} {laporan.tahun}",
        "judul_tabel": f"Progres Capaian Indikator Kinerja Tahun {laporan.tahun}",
        "program_definisi": [definisi_program(b) for b in laporan.blok],
        "baris_laporan": [baris_tampil(b) for b in laporan.baris],
        "capaian": [
            ("CAPAIAN SD BULAN LALU", format_persen(laporan.capaian_sd_bulan_lalu, 2)),
            (f"CAPAIAN SD BULAN {bulan}", format_persen(laporan.capaian_sd_bulan, 2)),
            (f"TARGET {laporan.tahun}", teks_target(org)),
        ],
    }


def html_laporan(
    laporan: LaporanBulanan,
    *,
    pengesahan: Pengesahan,
    tanda: BlokTanda | None = None,
    draf: bool = True,
) -> str:
    """The whole printable document, stylesheet inlined."""
    konteks = konteks_laporan(laporan)
    konteks.update(
        {
            "css": mark_safe(css_cetak()),  # our own file
            "draf": draf,
            "pengesahan": pengesahan,
            "tanggal_pengesahan": format_tanggal(pengesahan.tanggal),
            "jabatan": pengesahan.jabatan.rstrip().rstrip(","),
            "tanda": tanda,
        }
    )
    if tanda is not None:
        konteks["tanda_qr"] = qr_svg(tanda.url_verifikasi)
        konteks["tanda_waktu"] = format_waktu(tanda.ditandatangani_pada)
        if tanda.gambar:
            konteks["tanda_gambar"] = data_uri("image/png", tanda.gambar)
    return render_to_string("laporan/cetak.html", konteks)


def pdf_laporan(
    laporan: LaporanBulanan,
    *,
    pengesahan: Pengesahan,
    tanda: BlokTanda | None = None,
    draf: bool = True,
) -> bytes:
    """A4 portrait PDF; "DRAF" on every page unless ``draf=False``."""

    return render_pdf(html_laporan(laporan, pengesahan=pengesahan, tanda=tanda, draf=draf))
