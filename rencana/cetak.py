"""The plan's printable documents: the LAMPIRAN of the IKU decree (seed 002), the five-year
target tables (seed 003 Tabel 4.1-4.3), the cascade (Tabel 4.6) and the achievement table
(Tabel 2.11), as PDF (WeasyPrint, A4 landscape) here and as Excel in ``rencana.excel``.

Builders turn the plan into plain rows (``Dokumen`` -> ``Tabel`` -> rows of ``Sel``) with
every figure already Indonesian text, plus the number behind it for the spreadsheet. The
renderers only lay those rows out. Nothing is fetched while rendering: the stylesheets are
inlined, the logo is a data URI and WeasyPrint's fetcher accepts ``data:`` only (as
``laporan.cetak``).
"""

import datetime
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from dasar.angka import format_angka
from dasar.dokumen import berkas_statis, kop_organisasi, render_pdf
from dasar.tampilan import format_tanggal
from laporan.cetak import pengesahan_bawaan
from organisasi.models import Organisasi
from rencana.engine import pecahan
from rencana.models import (
    INDUK_TINGKAT,
    Elemen,
    IndikatorRencana,
    Jenis,
    Kelompok,
    Renstra,
    TargetTahunan,
    Tingkat,
)
from rencana.pita import pita_organisasi
from rencana.selectors import CapaianPeriode, HasilRencana, hitung_capaian, indikator_rencana
from rencana.tampilan import JENIS_PERSEN, judul_tahun, kolom_target

DOKUMEN = ("lampiran-iku", "target", "cascading", "capaian")
CSS_CETAK = "css/cetak.css"
CSS_RENCANA = "css/cetak_rencana.css"

# Realisasi and capaian of these are percentages (82,20%); a NILAI is a score, JUMLAH a count.

NAMA_TINGKAT = {
    Tingkat.TUJUAN: "Tujuan",
    Tingkat.SASARAN: "Sasaran",
    Tingkat.PROGRAM: "Program",
    Tingkat.KEGIATAN: "Kegiatan",
    Tingkat.SUB_KEGIATAN: "Sub Kegiatan",
}
KEDALAMAN = {t: i for i, t in enumerate(INDUK_TINGKAT)}  # tujuan 0 ... sub kegiatan 4

KELOMPOK_LAIN = (
    (Kelompok.TUJUAN, "Indikator Tujuan"),
    (Kelompok.IKK, "Indikator Kinerja Kunci (IKK)"),
    (Kelompok.SPM, "Standar Pelayanan Minimal (SPM)"),
    (Kelompok.KINERJA, "Indikator Program/Kegiatan"),
)


# --- plain rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraf:
    """One paragraph of an explanation: a heading on its own line (underlined, as seed 002's
    "Rumus Perhitungan:") or an inline label (bold, as seed 003's "Definisi Operasional :"),
    then its lines, line breaks kept."""

    judul: str = ""
    label: str = ""
    baris: tuple[str, ...] = ()

    @property
    def isi(self) -> str:
        return "\n".join(self.baris)

    @property
    def teks(self) -> str:
        baris = list(self.baris)
        if self.label:
            baris[:1] = [f"{self.label}: {baris[0]}" if baris else f"{self.label}:"]
        if self.judul:
            baris.insert(0, f"{self.judul}:")
        return "\n".join(baris)


@dataclass(frozen=True)
class Sel:
    """A table cell as printed. ``nilai`` is the number behind ``teks`` (for the spreadsheet;
    None: a text cell); ``persen``: in percent units; ``desimal``: decimals shown (None: as
    many as the number has). ``rowspan``/``colspan`` 0 marks a cell covered by a merged one
    (every row lists all columns, so the spreadsheet writer can place cells by position)."""

    teks: str = ""
    nilai: Fraction | None = None
    persen: bool = False
    desimal: int | None = None
    paragraf: tuple[Paragraf, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    gaya: str = ""  # css classes: tengah, angka, tebal, kelompok, tingkat-N, kecil
    warna: str = ""  # status colour marker (#rrggbb)

    @property
    def tertutup(self) -> bool:
        return self.rowspan == 0 or self.colspan == 0

    @property
    def teks_polos(self) -> str:
        """The cell's text with its paragraphs, for the spreadsheet."""
        if self.paragraf:
            return "\n\n".join(p.teks for p in self.paragraf)
        return self.teks


TUTUP = Sel(rowspan=0)
STRIP = "-"


@dataclass(frozen=True)
class Tabel:
    judul: tuple[str, ...]  # caption lines above the table
    lebar: tuple[float, ...]  # relative column widths (one per column)
    kepala: tuple[tuple[Sel, ...], ...]  # header rows, repeated on every page
    baris: tuple[tuple[Sel, ...], ...]
    info: tuple[tuple[str, str], ...] = ()  # "Unit Kerja : ..." lines above the table
    kosong: str = "Belum ada indikator."
    halaman_baru: bool = False  # start on a new page (PDF)

    @property
    def jumlah_kolom(self) -> int:
        return len(self.lebar)

    @property
    def lebar_persen(self) -> list[str]:
        """Column widths as CSS percentages (text: never localised by the template)."""
        jumlah = sum(self.lebar)
        return [f"{lebar * 100 / jumlah:.2f}%" for lebar in self.lebar]


@dataclass(frozen=True)
class Penandatangan:
    tempat_tanggal: str
    jabatan: tuple[str, ...]  # e.g. ("a.n. WALI KOTA PALANGKA RAYA", "Kepala Dinas ...,")
    nama: str
    pangkat: str
    nip: str


@dataclass(frozen=True)
class Pita:
    label: str
    batas: str
    warna: str


@dataclass(frozen=True)
class Skala:
    judul: str  # "Status capaian", "Kategori SPM"
    pita: tuple[Pita, ...]


@dataclass
class Dokumen:
    jenis: str
    organisasi: Organisasi
    renstra: Renstra
    nama_berkas: str  # without extension
    judul_dokumen: str  # metadata title
    judul: tuple[str, ...]  # title lines
    tabel: list[Tabel]
    penandatangan: Penandatangan
    lampiran: tuple[tuple[str, str], ...] = ()  # LAMPIRAN header block: (label, value)
    keterangan: tuple[str, ...] = ()  # notes under the tables
    skala: tuple[Skala, ...] = ()  # the status colours' legend (capaian)
    kop: dict[str, Any] = field(default_factory=dict)


# --- text helpers -------------------------------------------------------------------------


def nama_berkas(renstra: Renstra, jenis: str, akhiran: str = "") -> str:
    """``seruyan-2025-2029-lampiran-iku`` (no extension)."""
    return f"{renstra.organisasi.slug}-{renstra.periode}-{jenis}{akhiran}"


def _baris_teks(teks: str) -> tuple[str, ...]:
    return tuple(b.strip() for b in (teks or "").splitlines() if b.strip())


_LABEL = re.compile(r"^([A-Z][\w/() ]{0,40}?)\s*:\s*(.*)$")


def penjelasan(definisi: str, rumus: str = "") -> tuple[Paragraf, ...]:
    """The explanation column: the definition's paragraphs (blank lines separate them, line
    breaks kept), a leading "Label:" of up to three words as heading or label, and the
    formula as "Formulasi Perhitungan" unless the definition already states it."""
    hasil = []
    for blok in re.split(r"\n\s*\n", (definisi or "").strip()):
        baris = list(_baris_teks(blok))
        if not baris:
            continue
        judul = label = ""
        cocok = _LABEL.match(baris[0])
        if cocok and len(cocok.group(1).split()) <= 3:
            if cocok.group(2):
                label, baris[0] = cocok.group(1).strip(), cocok.group(2)
            else:
                judul, baris = cocok.group(1).strip(), baris[1:]
        hasil.append(Paragraf(judul, label, tuple(baris)))
    if rumus.strip() and not re.search(r"rumus|formulasi", definisi or "", re.IGNORECASE):
        hasil.append(Paragraf(label="Formulasi Perhitungan", baris=_baris_teks(rumus)))
    return tuple(hasil)


def _sel_angka(nilai: Fraction, *, persen: bool = False, desimal: int | None = None, **kw) -> Sel:
    teks = format_angka(nilai, desimal) + ("%" if persen else "")
    return Sel(teks, nilai, persen=persen, desimal=desimal, **kw)


def sel_target(target: TargetTahunan | None, *, persen: bool = False, gaya: str = "tengah") -> Sel:
    """A year's target: its text when set (``100%``, ``B (Baik)``), else the number (with
    ``%`` when ``persen``); ``-`` when there is none. The number stays behind a text that
    is just that number, so the spreadsheet gets a number cell."""
    if target is None:
        return Sel(STRIP, gaya=gaya)
    nilai = pecahan(target.nilai)
    if target.teks:
        polos = target.teks.replace(" ", "")
        if nilai is not None and polos in (format_angka(nilai), format_angka(nilai) + "%"):
            return Sel(target.teks, nilai, persen=polos.endswith("%"), gaya=gaya)
        return Sel(target.teks, gaya=gaya)
    if nilai is None:
        return Sel(STRIP, gaya=gaya)
    return _sel_angka(nilai, persen=persen, gaya=gaya)


def sel_nspk(target: TargetTahunan | None) -> Sel:
    if target is None or target.nspk is None:
        return Sel(STRIP, gaya="tengah")
    return _sel_angka(Fraction(target.nspk), persen=True, gaya="tengah")


def sel_realisasi(h: HasilRencana) -> Sel:
    """``82,20%`` for a percentage, ``CC (58,30)`` for a score with its predicate (the
    predicate's explanation on the next line), ``20`` for a count; ``-`` without data."""
    n = h.realisasi.nilai
    if n is None:
        return Sel(STRIP, gaya="tengah")
    n = Fraction(n)
    jenis = h.indikator.jenis
    if jenis in JENIS_PERSEN:
        return _sel_angka(n, persen=True, desimal=2, gaya="tengah")
    if jenis == Jenis.NILAI:
        if h.teks_realisasi:
            kode, _, ket = h.teks_realisasi.partition(" (")
            teks = f"{kode.strip()} ({format_angka(n, 2)})"
            if ket.rstrip(")").strip():
                teks += f"\n{ket.rstrip(')').strip()}"
            return Sel(teks, gaya="tengah")
        return _sel_angka(n, desimal=2, gaya="tengah")
    return _sel_angka(n, desimal=None if n.denominator == 1 else 2, gaya="tengah")


def sel_capaian(h: HasilRencana | None) -> Sel:
    if h is None or h.capaian is None:
        return Sel(STRIP, gaya="tengah")
    warna = h.status.warna if h.status else ""  # bands are #rrggbb (rencana.pita)
    return _sel_angka(h.capaian, persen=True, desimal=2, gaya="tengah utuh", warna=warna)


def sel_status(h: HasilRencana | None) -> Sel:
    kategori = h.kategori if h is not None else None
    if kategori is None:
        return Sel(STRIP, gaya="tengah")
    return Sel(kategori.label, warna=kategori.warna, gaya="status")


def _target_hasil(h: HasilRencana | None) -> Sel:
    if h is None:
        return Sel(STRIP, gaya="tengah")
    return sel_target(h.target, persen=h.indikator.jenis in JENIS_PERSEN)


def penandatangan(renstra: Renstra, tanggal: datetime.date) -> Penandatangan:
    """``Kota, 20 Februari 2025``; the plan's ``penetap`` (``a.n. WALI KOTA ...``) above
    ``Kepala <organisasi>,``; name, pangkat and NIP of the organisasi's head."""
    p = pengesahan_bawaan(renstra.organisasi, tanggal)
    tempat = f"{p.kota}, " if p.kota else ""
    jabatan = tuple(t for t in (renstra.penetap.strip(), f"{p.jabatan.rstrip(', ')},") if t)
    return Penandatangan(
        tempat_tanggal=f"{tempat}{format_tanggal(tanggal)}",
        jabatan=jabatan,
        nama=p.nama,
        pangkat=p.pangkat,
        nip=f"NIP {p.nip}" if p.nip else "",
    )


def _target_per_tahun(ind: IndikatorRencana) -> dict[int, TargetTahunan]:
    return {t.tahun: t for t in ind.target.all()}


def _kepala(*baris: list[Sel]) -> tuple[tuple[Sel, ...], ...]:
    return tuple(tuple(b) for b in baris)


def _judul_kolom(teks: str, rowspan: int = 1, colspan: int = 1) -> list[Sel]:
    """A header cell and the placeholders of the columns it covers in its own row."""
    return [Sel(teks, rowspan=rowspan, colspan=colspan, gaya="tengah")] + [Sel(colspan=0)] * (
        colspan - 1
    )


def _nomor_kolom(jumlah: int) -> list[Sel]:
    return [Sel(str(i), Fraction(i), gaya="tengah nomor-kolom") for i in range(1, jumlah + 1)]


def _sel_nomor(nomor: int, teks: str = "", **kw) -> Sel:
    return Sel(teks or str(nomor), Fraction(nomor), gaya="tengah", **kw)


# --- grouping of the IKU by tujuan and sasaran --------------------------------------------


def _tujuan_sasaran(ind: IndikatorRencana) -> tuple[Elemen | None, Elemen | None]:
    e = ind.elemen
    if e is None:
        return None, None
    if e.tingkat == Tingkat.TUJUAN:
        return e, None
    if e.tingkat == Tingkat.SASARAN:
        return e.induk, e
    return None, None


def _urutan_elemen(e: Elemen | None) -> tuple:
    return (0, 0, "") if e is None else (1, e.urutan, e.kode)


@dataclass(frozen=True)
class _BarisIku:
    tujuan: Elemen | None
    sasaran: Elemen | None
    indikator: IndikatorRencana
    rentang_tujuan: int  # rowspan of the tujuan cells; 0 on the rows it covers
    rentang_sasaran: int
    nomor: int


def _baris_iku(daftar: list[IndikatorRencana], kelompok: str = Kelompok.IKU) -> list[_BarisIku]:
    """The IKU (or given kelompok) in tujuan, sasaran, indicator order, with the rowspans
    that print each tujuan and sasaran once per group."""
    iku = [i for i in daftar if i.kelompok == kelompok]
    iku.sort(
        key=lambda i: (
            _urutan_elemen(_tujuan_sasaran(i)[0]),
            _urutan_elemen(_tujuan_sasaran(i)[1]),
            i.urutan,
            i.kode,
        )
    )
    kunci = [(_tujuan_sasaran(i)[0], _tujuan_sasaran(i)[1]) for i in iku]
    hasil = []
    nomor = 0
    for n, ind in enumerate(iku):
        tujuan, sasaran = kunci[n]
        awal_tujuan = n == 0 or kunci[n - 1][0] != tujuan or tujuan is None
        awal_sasaran = awal_tujuan or kunci[n - 1][1] != sasaran or sasaran is None
        rentang_tujuan = rentang_sasaran = 0
        if awal_tujuan:
            nomor += 1
            rentang_tujuan = 1
            while (
                tujuan is not None
                and n + rentang_tujuan < len(iku)
                and kunci[n + rentang_tujuan][0] == tujuan
            ):
                rentang_tujuan += 1
        if awal_sasaran:
            rentang_sasaran = 1
            while (
                sasaran is not None
                and n + rentang_sasaran < len(iku)
                and kunci[n + rentang_sasaran] == (tujuan, sasaran)
            ):
                rentang_sasaran += 1
        hasil.append(_BarisIku(tujuan, sasaran, ind, rentang_tujuan, rentang_sasaran, nomor))
    return hasil


def _indikator_tujuan(daftar: list[IndikatorRencana]) -> dict[int, list[IndikatorRencana]]:
    hasil: dict[int, list[IndikatorRencana]] = {}
    for i in daftar:
        if i.kelompok == Kelompok.TUJUAN and i.elemen_id is not None:
            hasil.setdefault(i.elemen_id, []).append(i)
    return hasil


def _sel_grup(teks: str, rentang: int, gaya: str = "") -> Sel:
    return Sel(teks or STRIP, rowspan=rentang, gaya=gaya) if rentang else TUTUP


def _sel_kiri_iku(b: _BarisIku, ind_tujuan: dict[int, list[IndikatorRencana]]) -> list[Sel]:
    """No, Tujuan, Indikator Tujuan, Sasaran (merged per group), Indikator."""
    nama_it = ""
    if b.tujuan is not None:
        nama_it = "\n".join(i.nama for i in ind_tujuan.get(b.tujuan.pk, []))
    return [
        _sel_nomor(b.nomor, rowspan=b.rentang_tujuan) if b.rentang_tujuan else TUTUP,
        _sel_grup(b.tujuan.nama if b.tujuan else "", b.rentang_tujuan),
        _sel_grup(nama_it, b.rentang_tujuan),
        _sel_grup(b.sasaran.nama if b.sasaran else "", b.rentang_sasaran),
        Sel(b.indikator.nama),
    ]


# --- 1. LAMPIRAN of the IKU decree (seed 002) ---------------------------------------------


def _keputusan(renstra: Renstra) -> str:
    return f"KEPUTUSAN KEPALA {renstra.organisasi.nama.upper()}"


def bangun_lampiran_iku(
    renstra: Renstra, tahun: int | None = None, *, hari_ini: datetime.date | None = None
) -> Dokumen:
    """Seed 002's LAMPIRAN: the IKU with their explanation and the target of ``tahun`` (the
    plan's first year by default), signed on the decree's date."""
    org = renstra.organisasi
    tahun = tahun or renstra.tahun_awal
    daftar = indikator_rencana(renstra, tahun)
    ind_tujuan = _indikator_tujuan(daftar)
    baris = []
    for b in _baris_iku(daftar):
        ind = b.indikator
        target = next(iter(ind.target.all()), None)
        baris.append(
            (
                *_sel_kiri_iku(b, ind_tujuan),
                Sel(paragraf=penjelasan(ind.definisi, ind.rumus), gaya="penjelasan"),
                Sel(ind.satuan or STRIP, gaya="tengah"),
                sel_target(target),
                Sel(ind.penanggung_jawab or STRIP),
                Sel(ind.sumber_data or STRIP),
            )
        )
    satu_tahun = renstra.tahun_awal == renstra.tahun_akhir
    kolom = [
        "No",
        "Tujuan Strategis",
        "Indikator Tujuan",
        "Sasaran Strategis",
        "Indikator Kinerja Utama",
        "Penjelasan Indikator",
        "Satuan",
        "Target" if satu_tahun else f"Target {tahun}",
        "Penanggung Jawab",
        "Sumber Data",
    ]
    tabel = Tabel(
        judul=(),
        lebar=(7, 23, 21, 21, 22, 116, 13, 12, 19, 18),
        kepala=_kepala([Sel(k, gaya="tengah") for k in kolom]),
        baris=tuple(baris),
        kosong="Belum ada Indikator Kinerja Utama (IKU) pada rencana ini.",
    )
    tanggal = renstra.tanggal_keputusan or hari_ini or timezone.localdate()
    periode = renstra.periode
    return Dokumen(
        jenis="lampiran-iku",
        organisasi=org,
        renstra=renstra,
        nama_berkas=nama_berkas(renstra, "lampiran-iku"),
        judul_dokumen=f"Lampiran Keputusan: Indikator Kinerja Utama {org.nama} Tahun {periode}",
        judul=("INDIKATOR KINERJA UTAMA", f"{org.nama.upper()} TAHUN {periode}"),
        lampiran=(
            ("LAMPIRAN", ""),
            (_keputusan(renstra), ""),
            ("NOMOR", renstra.nomor_keputusan or STRIP),
            (
                "TANGGAL",
                format_tanggal(renstra.tanggal_keputusan) if renstra.tanggal_keputusan else STRIP,
            ),
        ),
        tabel=[tabel],
        penandatangan=penandatangan(renstra, tanggal),
    )


# --- 2. five-year targets (seed 003 Tabel 4.1, 4.2, 4.3) ----------------------------------


def _tabel_iku_target(renstra: Renstra, daftar: list[IndikatorRencana]) -> Tabel:
    ind_tujuan = _indikator_tujuan(daftar)
    tahun = kolom_target(renstra, [b.indikator for b in _baris_iku(daftar)])
    baris = []
    for b in _baris_iku(daftar):
        ind = b.indikator
        target = _target_per_tahun(ind)
        baris.append(
            tuple(
                _sel_kiri_iku(b, ind_tujuan)
                + [Sel(paragraf=penjelasan(ind.definisi, ind.rumus), gaya="penjelasan")]
                + [sel_target(target.get(t)) for t in tahun]
                + [Sel(ind.sumber_data or STRIP), Sel(ind.penanggung_jawab or STRIP)]
            )
        )
    n = len(tahun)
    kiri = [
        "NO",
        "TUJUAN",
        "INDIKATOR TUJUAN",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA UTAMA",
        "DEFINISI OPERASIONAL / FORMULASI PERHITUNGAN",
    ]
    atas = [s for k in kiri for s in _judul_kolom(k, rowspan=2)]
    atas += _judul_kolom("TARGET KINERJA SASARAN TAHUN", colspan=n)
    atas += _judul_kolom("SUMBER DATA", rowspan=2) + _judul_kolom("PENANGGUNG JAWAB", rowspan=2)
    bawah = (
        [TUTUP] * len(kiri)
        + [Sel(judul_tahun(renstra, t), gaya="tengah") for t in tahun]
        + [TUTUP] * 2
    )
    org = renstra.organisasi
    return Tabel(
        judul=(f"Indikator Kinerja Utama (IKU) {org.nama}",),
        info=tuple(
            (label, isi)
            for label, isi in (
                ("Unit Kerja", renstra.unit_kerja or org.nama),
                ("Jabatan", renstra.jabatan or f"Kepala {org.nama}"),
                ("Tugas", renstra.tugas),
                ("Fungsi", renstra.fungsi),
            )
            if isi.strip()
        ),
        lebar=(7, 24, 24, 24, 26, 70) + (11,) * n + (24, 23),
        kepala=_kepala(atas, bawah, _nomor_kolom(8 + n)),
        baris=tuple(baris),
        kosong="Belum ada Indikator Kinerja Utama (IKU) pada rencana ini.",
    )


def _nama_ikk(ind: IndikatorRencana) -> str:
    if ind.kelompok == Kelompok.SPM and "(SPM)" not in ind.nama:
        return f"{ind.nama} (SPM)"
    return ind.nama


def _tabel_ikk(renstra: Renstra, daftar: list[IndikatorRencana]) -> Tabel:
    ikk = sorted(
        (i for i in daftar if i.urutan_ikk is not None), key=lambda i: (i.urutan_ikk, i.kode)
    )
    tahun = kolom_target(renstra, ikk)
    baris = []
    for ind in ikk:
        target = _target_per_tahun(ind)
        baris.append(
            (
                _sel_nomor(ind.urutan_ikk),
                Sel(_nama_ikk(ind)),
                Sel(ind.satuan or STRIP, gaya="tengah"),
                *(sel_target(target.get(t)) for t in tahun),
            )
        )
    n = len(tahun)
    atas = (
        _judul_kolom("NO", rowspan=2)
        + _judul_kolom("INDIKATOR", rowspan=2)
        + _judul_kolom("SATUAN", rowspan=2)
        + _judul_kolom("TARGET TAHUN", colspan=n)
    )
    bawah = [TUTUP] * 3 + [Sel(judul_tahun(renstra, t), gaya="tengah") for t in tahun]
    return Tabel(
        judul=(f"Indikator Kinerja Kunci (IKK) {renstra.organisasi.nama}",),
        lebar=(10, 130, 18) + (16,) * n,
        kepala=_kepala(atas, bawah, _nomor_kolom(3 + n)),
        baris=tuple(baris),
        kosong="Belum ada indikator dalam daftar IKK.",
        halaman_baru=True,
    )


def _tabel_spm(renstra: Renstra, daftar: list[IndikatorRencana]) -> Tabel:
    spm = [i for i in daftar if i.kelompok == Kelompok.SPM]
    tahun = kolom_target(renstra, spm)
    baris = []
    for n, ind in enumerate(spm, start=1):
        target = _target_per_tahun(ind)
        baris.append(
            (
                _sel_nomor(n, f"{n}."),
                Sel(ind.layanan_dasar or STRIP),
                Sel(ind.nama),
                *(sel_target(target.get(t)) for t in tahun),
                *(sel_nspk(target.get(t)) for t in tahun),
            )
        )
    satuan = {i.satuan for i in spm}
    penerima = "Target Penerima Layanan"
    if len(satuan) == 1 and (s := satuan.pop()):
        penerima += f" ({s})"
    n = len(tahun)
    atas = (
        _judul_kolom("No", rowspan=2)
        + _judul_kolom("Jenis Pelayanan Dasar", rowspan=2)
        + _judul_kolom("Indikator Pencapaian", rowspan=2)
        + _judul_kolom(penerima, colspan=n)
        + _judul_kolom("Target NSPK", colspan=n)
    )
    bawah = [TUTUP] * 3 + [Sel(judul_tahun(renstra, t, "thn "), gaya="tengah") for t in tahun] * 2
    return Tabel(
        judul=(f"Target SPM Bidang Sosial Tahun {renstra.periode}",),
        lebar=(9, 52, 62) + (13,) * (2 * n),
        kepala=_kepala(atas, bawah),
        baris=tuple(baris),
        kosong="Belum ada indikator SPM.",
        halaman_baru=True,
    )


def bangun_target(renstra: Renstra, *, hari_ini: datetime.date | None = None) -> Dokumen:
    """The five-year tables: IKU (with the unit's tasks above), IKK, SPM."""
    org = renstra.organisasi
    daftar = indikator_rencana(renstra)
    periode = renstra.periode
    return Dokumen(
        jenis="target",
        organisasi=org,
        renstra=renstra,
        nama_berkas=nama_berkas(renstra, "target"),
        judul_dokumen=f"Target Indikator Kinerja {org.nama} Tahun {periode}",
        judul=("TARGET INDIKATOR KINERJA", f"{org.nama.upper()} TAHUN {periode}"),
        tabel=[
            _tabel_iku_target(renstra, daftar),
            _tabel_ikk(renstra, daftar),
            _tabel_spm(renstra, daftar),
        ],
        penandatangan=penandatangan(renstra, hari_ini or timezone.localdate()),
    )


# --- 3. cascading (seed 003 Tabel 4.6) ----------------------------------------------------


def _urut_pohon(elemen: list[Elemen]) -> list[Elemen]:
    """Depth first: each element followed by its children, in (urutan, kode) order."""
    anak: dict[int | None, list[Elemen]] = {}
    ada = {e.pk for e in elemen}
    for e in elemen:
        induk = e.induk_id if e.induk_id in ada else None
        anak.setdefault(induk, []).append(e)
    for daftar in anak.values():
        daftar.sort(key=lambda e: (e.urutan, e.kode))
    hasil: list[Elemen] = []
    tumpukan = list(reversed(anak.get(None, [])))
    while tumpukan:
        e = tumpukan.pop()
        hasil.append(e)
        tumpukan.extend(reversed(anak.get(e.pk, [])))
    return hasil


def bangun_cascading(renstra: Renstra, *, hari_ini: datetime.date | None = None) -> Dokumen:
    """Tujuan -> Sasaran -> Program -> Kegiatan -> Sub Kegiatan, one row per indicator.

    Not Tabel 4.6's five nested column groups (40-odd columns, unreadable in print): the
    level and name of each element are printed once (merged over its own indicators only, a
    few rows at most, so a page break never cuts a tall merged cell), indented by depth and
    shaded by level, followed by its indicators with satuan, formula and yearly targets."""
    org = renstra.organisasi
    elemen = _urut_pohon(list(Elemen.objects.filter(renstra=renstra)))
    per_elemen: dict[int, list[IndikatorRencana]] = {}
    for ind in indikator_rencana(renstra):
        if ind.elemen_id is not None:
            per_elemen.setdefault(ind.elemen_id, []).append(ind)
    tahun = kolom_target(renstra, [i for d in per_elemen.values() for i in d])
    baris = []
    for e in elemen:
        daftar = per_elemen.get(e.pk, [])
        rentang = max(len(daftar), 1)
        tingkat = f"tingkat-{KEDALAMAN.get(e.tingkat, 0)}"
        kiri = [
            Sel(NAMA_TINGKAT.get(e.tingkat, e.tingkat), rowspan=rentang, gaya=f"{tingkat} tebal"),
            Sel(e.nama, rowspan=rentang, gaya=f"{tingkat} uraian"),
        ]
        if not daftar:
            baris.append(
                (
                    *kiri,
                    Sel(STRIP),
                    Sel(STRIP, gaya="tengah"),
                    Sel(STRIP),
                    *(Sel(STRIP, gaya="tengah") for _ in tahun),
                )
            )
            continue
        for n, ind in enumerate(daftar):
            target = _target_per_tahun(ind)
            baris.append(
                (
                    *(kiri if n == 0 else [TUTUP, TUTUP]),
                    Sel(ind.nama),
                    Sel(ind.satuan or STRIP, gaya="tengah"),
                    Sel(ind.rumus or STRIP, gaya="kecil"),
                    *(sel_target(target.get(t)) for t in tahun),
                )
            )
    n = len(tahun)
    atas = (
        _judul_kolom("TINGKAT", rowspan=2)
        + _judul_kolom("URAIAN", rowspan=2)
        + _judul_kolom("INDIKATOR", rowspan=2)
        + _judul_kolom("SATUAN", rowspan=2)
        + _judul_kolom("RUMUSAN", rowspan=2)
        + _judul_kolom("TARGET", colspan=n)
    )
    bawah = [TUTUP] * 5 + [Sel(judul_tahun(renstra, t), gaya="tengah") for t in tahun]
    periode = renstra.periode
    tabel = Tabel(
        judul=(),
        lebar=(25, 70, 62, 15, 51) + (12,) * n,
        kepala=_kepala(atas, bawah),
        baris=tuple(baris),
        kosong="Belum ada tujuan, sasaran, program atau kegiatan pada rencana ini.",
    )
    return Dokumen(
        jenis="cascading",
        organisasi=org,
        renstra=renstra,
        nama_berkas=nama_berkas(renstra, "cascading"),
        judul_dokumen=f"Cascading (Penjenjangan) Kinerja {org.nama} Tahun {periode}",
        judul=("CASCADING (PENJENJANGAN) KINERJA", f"{org.nama.upper()} TAHUN {periode}"),
        tabel=[tabel],
        penandatangan=penandatangan(renstra, hari_ini or timezone.localdate()),
    )


# --- 4. capaian (seed 003 Tabel 2.11) -----------------------------------------------------


def _ada_data(periode: CapaianPeriode) -> bool:
    return any(h.sumber for h in periode.hasil)


def periode_capaian(
    renstra: Renstra, tahun: int, triwulan: int = 4, banding: int | None = None
) -> list[CapaianPeriode]:
    """The period asked for and, when it has any data, the comparison year (whole year,
    ``tahun - 1`` by default), in chronological order."""
    utama = hitung_capaian(renstra, tahun, triwulan)
    banding = tahun - 1 if banding is None else banding
    if banding == tahun:
        return [utama]
    pembanding = hitung_capaian(renstra, banding, 4)
    if not _ada_data(pembanding):
        return [utama]
    return sorted([utama, pembanding], key=lambda p: (p.tahun, p.triwulan))


def _kepala_periode(kiri: list[str], periode: list[CapaianPeriode], sub: list[str]):
    atas = [s for k in kiri for s in _judul_kolom(k, rowspan=2)]
    for p in periode:
        atas += _judul_kolom(p.label_periode, colspan=len(sub))
    bawah = [TUTUP] * len(kiri) + [Sel(s, gaya="tengah") for _ in periode for s in sub]
    return _kepala(atas, bawah)


def _tabel_capaian_iku(periode: list[CapaianPeriode], daftar: list[IndikatorRencana]) -> Tabel:
    ind_tujuan = _indikator_tujuan(daftar)
    baris = []
    for b in _baris_iku(daftar):
        sel = _sel_kiri_iku(b, ind_tujuan)
        for p in periode:
            h = p.per_indikator.get(b.indikator.pk)
            sel += [_target_hasil(h), sel_realisasi(h) if h else Sel(STRIP), sel_capaian(h)]
        baris.append(tuple(sel))
    label = " dan ".join(p.label_periode for p in periode)
    return Tabel(
        judul=("Realisasi Indikator Kinerja Utama (IKU)", label),
        lebar=(7, 30, 30, 30, 32) + (15, 18, 18) * len(periode),
        kepala=_kepala_periode(
            ["No", "Tujuan", "Indikator Tujuan", "Sasaran", "Indikator"],
            periode,
            ["Target", "Realisasi", "Capaian Kinerja"],
        ),
        baris=tuple(baris),
        kosong="Belum ada Indikator Kinerja Utama (IKU) pada rencana ini.",
    )


def _tabel_capaian_lain(periode: list[CapaianPeriode], daftar: list[IndikatorRencana]) -> Tabel:
    sub = ["Target", "Realisasi", "Capaian", "Status / Kategori"]
    lebar_kiri = (8, 88, 14)
    jumlah = len(lebar_kiri) + len(sub) * len(periode)
    baris = []
    for kelompok, judul in KELOMPOK_LAIN:
        anggota = [i for i in daftar if i.kelompok == kelompok]
        if kelompok == Kelompok.IKK:
            anggota.sort(key=lambda i: (i.urutan_ikk is None, i.urutan_ikk or 0, i.urutan))
        if not anggota:
            continue
        baris.append(
            (Sel(judul, colspan=jumlah, gaya="kelompok"),) + (Sel(colspan=0),) * (jumlah - 1)
        )
        for n, ind in enumerate(anggota, start=1):
            sel = [_sel_nomor(n), Sel(ind.nama), Sel(ind.satuan or STRIP, gaya="tengah")]
            for p in periode:
                h = p.per_indikator.get(ind.pk)
                sel += [
                    _target_hasil(h),
                    sel_realisasi(h) if h else Sel(STRIP),
                    sel_capaian(h),
                    sel_status(h),
                ]
            baris.append(tuple(sel))
    return Tabel(
        judul=("Capaian Indikator Lainnya (Indikator Tujuan, IKK, SPM, Program/Kegiatan)",),
        lebar=lebar_kiri + (14, 16, 17, 24) * len(periode),
        kepala=_kepala_periode(["No", "Indikator", "Satuan"], periode, sub),
        baris=tuple(baris),
        kosong="Tidak ada indikator lain.",
    )


def _batas(nilai: Fraction) -> str:
    return f"≥ {format_angka(nilai)}%"


def bangun_capaian(
    renstra: Renstra,
    tahun: int,
    triwulan: int = 4,
    banding: int | None = None,
    *,
    hari_ini: datetime.date | None = None,
) -> Dokumen:
    """Tabel 2.11: the IKU through Triwulan ``triwulan`` of ``tahun`` next to the
    comparison year, then every other indicator with its status or SPM category."""
    org = renstra.organisasi
    periode = periode_capaian(renstra, tahun, triwulan, banding)
    daftar = [h.indikator for h in periode[-1].hasil]
    utama = next(p for p in periode if p.tahun == tahun and p.triwulan == triwulan)
    pita = pita_organisasi(renstra.organisasi_id)
    label = " dan ".join(p.label_periode for p in periode)
    akhiran = f"-{tahun}" + (f"-tw{triwulan}" if triwulan != 4 else "")
    return Dokumen(
        jenis="capaian",
        organisasi=org,
        renstra=renstra,
        nama_berkas=nama_berkas(renstra, "capaian", akhiran),
        judul_dokumen=f"Capaian Indikator Kinerja {org.nama} {utama.label_periode}",
        judul=("CAPAIAN INDIKATOR KINERJA", org.nama.upper(), label.upper()),
        tabel=[_tabel_capaian_iku(periode, daftar), _tabel_capaian_lain(periode, daftar)],
        penandatangan=penandatangan(renstra, hari_ini or timezone.localdate()),
        keterangan=(
            "Capaian = realisasi / target × 100% (indikator yang semakin rendah semakin baik: "
            "(2 × target − realisasi) / target × 100%). Realisasi triwulan adalah keadaan s.d. "
            'akhir triwulan tersebut; "-": belum ada data atau target.',
        ),
        skala=tuple(
            Skala(
                "Kategori SPM" if skala == "spm" else "Status capaian",
                tuple(Pita(p.label, _batas(p.batas_bawah), p.warna) for p in isi),
            )
            for skala, isi in pita.items()
        ),
    )


def bangun_dokumen(
    renstra: Renstra,
    jenis: str,
    *,
    tahun: int | None = None,
    triwulan: int = 4,
    banding: int | None = None,
    hari_ini: datetime.date | None = None,
) -> Dokumen:
    """One of ``DOKUMEN``; ValueError for anything else."""
    if jenis == "lampiran-iku":
        return bangun_lampiran_iku(renstra, tahun, hari_ini=hari_ini)
    if jenis == "target":
        return bangun_target(renstra, hari_ini=hari_ini)
    if jenis == "cascading":
        return bangun_cascading(renstra, hari_ini=hari_ini)
    if jenis == "capaian":
        if tahun is None:
            raise ValueError("tahun wajib untuk dokumen capaian")
        return bangun_capaian(renstra, tahun, triwulan, banding, hari_ini=hari_ini)
    raise ValueError(f"dokumen tidak dikenal: {jenis}")


# --- renderers ----------------------------------------------------------------------------


def _css() -> str:
    return "\n".join(berkas_statis(n).decode("utf-8") for n in (CSS_CETAK, CSS_RENCANA))


def html_dokumen(dok: Dokumen) -> str:
    """The whole printable document, stylesheets inlined."""
    if not dok.kop:
        dok = replace(dok, kop=kop_organisasi(dok.organisasi))
    return render_to_string(
        "rencana/cetak_dokumen.html",
        {
            "dok": dok,
            "organisasi": dok.organisasi,
            "kop": dok.kop,
            "css": mark_safe(_css()),  # our own files
        },
    )


def pdf_dokumen(dok: Dokumen) -> bytes:
    """A4 landscape PDF, table headers repeated on every page."""
    return render_pdf(html_dokumen(dok))
