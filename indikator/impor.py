"""Indikator definitions in and out of a workbook: one row per rumus, one year at a time.

The import is a full sync of one organisasi's definitions for one ``tahun``: programs,
indikator and rumus in the sheet are created or updated, those of that year missing from it
are removed (never a rumus that already has realisasi). Other years are never touched, so a
2025 report stays what it was when 2026 is imported.

It reads the whole workbook, collects every problem, plans every change, and only then
writes the plan in one transaction with a bounded number of queries.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from dasar.angka import (
    BATAS_BILANGAN,
    AngkaError,
    format_angka,
    format_pecahan,
    parse_angka,
    parse_pecahan,
)
from dasar.buku_kerja import (
    Baris,
    BukuKerja,
    Lembar,
    baca_buku_kerja,
    bersihkan_teks,
    normalisasi_header,
    rapikan,
    ringkas,
    simpan,
    tulis_angka,
    tulis_header,
    tulis_teks,
)
from dasar.impor import (
    HasilImpor,
    ImporError,
    Kesalahan,
    Perubahan,
    dalam_satu_transaksi,
    hitung_sidik,
    isi_lengkap,
)
from dasar.periode import TAHUN_MAX, TAHUN_MIN
from indikator.models import Agregasi, Indikator, Periode, Program, Rumus, default_faktor
from organisasi.models import Bidang, Organisasi

SHEET_INDIKATOR = "Indikator"
SHEET_ORGANISASI = "Organisasi"
SHEET_PETUNJUK = "Petunjuk"

KOLOM_WAJIB = (
    "kode_program", "program", "sasaran_program", "indikator_program", "kode_indikator",
    "indikator", "agregasi", "kode_rumus", "bidang", "uraian", "penyebut", "periode",
    "faktor_tahunan", "bobot", "pembagi_default", "satuan", "sifat_target", "sumber_data",
)  # fmt: skip
KOLOM_OPSIONAL = (
    "target_program", "bobot_indikator", "konsep_definisi", "rumus_indikator", "regulasi",
    "periode_pengukuran",
)  # fmt: skip
# Export order: program, then indikator (with its definition block), then rumus columns.
KOLOM = (
    "kode_program", "program", "sasaran_program", "indikator_program", "target_program",
    "kode_indikator", "indikator", "agregasi", "bobot_indikator", "konsep_definisi",
    "rumus_indikator", "satuan", "regulasi", "periode_pengukuran", "sifat_target",
    "sumber_data", "kode_rumus", "bidang", "uraian", "penyebut", "periode",
    "faktor_tahunan", "bobot", "pembagi_default",
)  # fmt: skip

KUNCI_ORGANISASI = (
    "slug", "nama", "pemerintah", "dinas", "alamat", "telepon", "laman", "email", "kota",
    "kepala_nama", "kepala_pangkat", "kepala_nip",
)  # fmt: skip
ALIAS_KUNCI = {"pos-el": "email", "pos_el": "email"}

# Sheet column -> model attribute, per level. "bobot"/"faktor" are numerator/denominator pairs.
BOBOT, FAKTOR = "<bobot>", "<faktor>"
ATRIBUT_PROGRAM = {
    "program": "nama",
    "sasaran_program": "sasaran",
    "indikator_program": "indikator_program",
    "target_program": "target_teks",
    "urutan": "urutan",
}
ATRIBUT_INDIKATOR = {
    "indikator": "nama",
    "agregasi": "agregasi",
    "bobot_indikator": BOBOT,
    "konsep_definisi": "konsep_definisi",
    "rumus_indikator": "rumus_teks",
    "satuan": "satuan",
    "regulasi": "regulasi",
    "periode_pengukuran": "periode_pengukuran",
    "sifat_target": "sifat_target",
    "sumber_data": "sumber_data",
    "urutan": "urutan",
}
ATRIBUT_RUMUS = {
    "indikator": "indikator_id",
    "bidang": "bidang_id",
    "uraian": "uraian",
    "penyebut": "penyebut",
    "periode": "periode",
    "faktor_tahunan": FAKTOR,
    "bobot": BOBOT,
    "pembagi_default": "pembagi_default",
    "urutan": "urutan",
}
KOLOM_PROGRAM = ("program", "sasaran_program", "indikator_program", "target_program")
KOLOM_INDIKATOR = (
    "indikator", "agregasi", "bobot_indikator", "konsep_definisi", "rumus_indikator", "satuan",
    "regulasi", "periode_pengukuran", "sifat_target", "sumber_data",
)  # fmt: skip

# Longest text each column may hold (from the models, so PostgreSQL never refuses it).
PANJANG_MAKS = {
    "kode_program": Program._meta.get_field("kode").max_length,
    "program": Program._meta.get_field("nama").max_length,
    "target_program": Program._meta.get_field("target_teks").max_length,
    "kode_indikator": Indikator._meta.get_field("kode").max_length,
    "indikator": Indikator._meta.get_field("nama").max_length,
    "satuan": Indikator._meta.get_field("satuan").max_length,
    "periode_pengukuran": Indikator._meta.get_field("periode_pengukuran").max_length,
    "sifat_target": Indikator._meta.get_field("sifat_target").max_length,
    "sumber_data": Indikator._meta.get_field("sumber_data").max_length,
    "kode_rumus": Rumus._meta.get_field("kode").max_length,
    "bidang": Bidang._meta.get_field("nama").max_length,
}
DIGIT_DESIMAL = Rumus._meta.get_field("pembagi_default").decimal_places
DIGIT_MAKS = Rumus._meta.get_field("pembagi_default").max_digits

_SPASI = re.compile(r"\s+")


# Reading cell values


def teks_sel(value: object) -> str | None:
    """A cell as text: numbers typed into text columns (kode ``1``) become ``'1'``."""
    value = rapikan(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "BENAR" if value else "SALAH"
    if isinstance(value, float):
        if abs(value) >= 1e15:
            raise AngkaError("angka sepanjang ini dibulatkan oleh Excel; tulis sebagai teks")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value)


def _kunci_nama(teks: str) -> str:
    """Bidang names match case-insensitively and ignoring repeated spaces."""
    return _SPASI.sub(" ", teks).strip().casefold()


def _pilihan(nilai: str) -> str:
    return _SPASI.sub(" ", nilai.replace("-", " ").replace("_", " ")).strip().casefold()


_AGREGASI = {_pilihan(v): v for v in Agregasi.values}
_PERIODE = {_pilihan(v): v for v in Periode.values}


def parse_agregasi(value: object) -> str | None:
    teks = teks_sel(value)
    if teks is None:
        return None
    hasil = _AGREGASI.get(_pilihan(teks))
    if hasil is None:
        raise AngkaError(f"'{teks}' tidak dikenal; gunakan rata-rata, jumlah atau rasio gabungan")
    return hasil


def parse_periode(value: object) -> str | None:
    teks = teks_sel(value)
    if teks is None:
        return None
    hasil = _PERIODE.get(_pilihan(teks))
    if hasil is None:
        raise AngkaError(
            f"'{teks}' tidak dikenal; gunakan bulanan, triwulan, semester, tahunan atau "
            "sesuai kondisi"
        )
    return hasil


PENYEBUT_SEDERHANA = 100


class PecahanDibaca(Fraction):
    """A fraction read from a decimal that approximated it; ``ditulis`` is what the cell held,
    so that the preview can say "0,0833333333 dibaca 1/12"."""

    ditulis: object

    def __new__(cls, nilai: Fraction, *, ditulis: object):
        obj = super().__new__(cls, nilai.numerator, nilai.denominator)
        obj.ditulis = ditulis
        return obj


def parse_pecahan_positif(value: object) -> Fraction | None:
    """A faktor or bobot: > 0, and small enough for the numerator/denominator columns."""
    if isinstance(value, datetime | date):
        raise AngkaError(
            "terbaca sebagai tanggal oleh Excel; format sel sebagai Teks lalu tulis mis. 1/12"
        )
    pecahan = parse_pecahan(rapikan(value))
    if pecahan is None:
        return None
    if pecahan <= 0:
        raise AngkaError("harus lebih dari 0")
    if pecahan.denominator > PENYEBUT_SEDERHANA:
        # Excel shows 1/12 as 0,0833333333: a decimal within 1e-9 of a fraction with a
        # denominator up to 100 is read as that fraction; any other is taken as written.
        dekat = pecahan.limit_denominator(PENYEBUT_SEDERHANA)
        if abs(dekat - pecahan) <= Fraction(1, 10**9):
            return PecahanDibaca(dekat, ditulis=rapikan(value))
    if pecahan.numerator > BATAS_BILANGAN or pecahan.denominator > BATAS_BILANGAN:
        raise AngkaError("angka terlalu besar atau terlalu rinci; tulis sebagai pecahan, mis. 1/3")
    return pecahan


def parse_jumlah(value: object) -> Decimal | None:
    """An amount for a DecimalField(20, 4): Indonesian text or a number cell, checked so the
    database never rounds it silently."""
    try:
        angka = parse_angka(rapikan(value))
    except ArithmeticError as exc:  # format_angka cannot print a negative like -1E+28
        raise AngkaError("angka tidak wajar (terlalu besar atau negatif)") from exc
    if angka is None:
        return None
    batas = DIGIT_MAKS - DIGIT_DESIMAL
    if angka >= Decimal(10) ** batas:
        raise AngkaError(f"angka terlalu besar (paling banyak {batas} angka sebelum koma)")
    if angka != angka.quantize(Decimal(1).scaleb(-DIGIT_DESIMAL)):
        raise AngkaError(f"paling banyak {DIGIT_DESIMAL} angka di belakang koma")
    return angka


# Rows as the sheet describes them


@dataclass
class _RumusSheet:
    kode: str
    nomor: int
    kunci_indikator: tuple[str, str]
    bidang: str  # _kunci_nama of the bidang
    nilai: dict[str, object]
    urutan: int = 0


@dataclass
class _IndikatorSheet:
    kode_program: str
    kode: str
    nomor: int
    nilai: dict[str, object] = field(default_factory=dict)
    rumus: list[_RumusSheet] = field(default_factory=list)
    urutan: int = 0


@dataclass
class _ProgramSheet:
    kode: str
    nomor: int
    nilai: dict[str, object] = field(default_factory=dict)
    indikator: list[_IndikatorSheet] = field(default_factory=list)
    urutan: int = 0


@dataclass
class _Isi:
    """What the Indikator sheet asks for, grouped and ordered."""

    program: list[_ProgramSheet]
    bidang: dict[str, str]  # key -> name as first written
    jumlah_baris: int


class _Kumpulan:
    """Every problem found, in the order found."""

    def __init__(self) -> None:
        self.daftar: list[Kesalahan] = []

    def tambah(
        self, pesan: str, *, sheet: str | None = SHEET_INDIKATOR, baris=None, kolom=None
    ) -> None:
        self.daftar.append(Kesalahan(pesan, sheet, baris, kolom))

    def __bool__(self) -> bool:
        return bool(self.daftar)


_PARSER: dict[str, Callable[[object], object]] = {
    "agregasi": parse_agregasi,
    "periode": parse_periode,
    "faktor_tahunan": parse_pecahan_positif,
    "bobot": parse_pecahan_positif,
    "bobot_indikator": parse_pecahan_positif,
    "pembagi_default": parse_jumlah,
}
WAJIB_PER_BARIS = ("kode_program", "kode_indikator", "kode_rumus", "bidang", "uraian")
# Indikator-level columns whose rows may differ: their distinct values are listed together.
DIGABUNG = ("sumber_data",)


def _baca_baris(baris: Baris, kolom: Iterable[str], kumpulan: _Kumpulan) -> dict[str, object]:
    nilai: dict[str, object] = {}
    salah = set(baris.cacat)
    for nama in kolom:
        value = None
        if nama not in salah:
            try:
                value = _PARSER.get(nama, teks_sel)(baris[nama])
            except AngkaError as exc:
                kumpulan.tambah(str(exc), baris=baris.nomor, kolom=nama)
                salah.add(nama)
        batas = PANJANG_MAKS.get(nama)
        if isinstance(value, str) and batas and len(value) > batas:
            kumpulan.tambah(
                f"terlalu panjang ({len(value)} karakter; maksimal {batas})",
                baris=baris.nomor,
                kolom=nama,
            )
            salah.add(nama)
            value = None
        nilai[nama] = value
    for nama in WAJIB_PER_BARIS:
        if nilai.get(nama) is None and nama not in salah:
            kumpulan.tambah("wajib diisi", baris=baris.nomor, kolom=nama)
    return nilai


def _gabung(
    tujuan: dict[str, object],
    asal: dict[str, int],
    nilai: dict[str, object],
    kolom: Sequence[str],
    nomor: int,
    label: str,
    kumpulan: _Kumpulan,
) -> None:
    """Fold one row's program- or indikator-level cells into its group: blank means "same as
    above", a different non-blank value is an error naming both rows."""
    for nama in kolom:
        value = nilai.get(nama)
        if value is None:
            continue
        if nama not in tujuan:
            tujuan[nama] = value
            asal[nama] = nomor
        elif nama in DIGABUNG and tujuan[nama] != value:
            # Each rumus row may name its own source (typically its bidang): the indikator's
            # definition block lists the distinct sources of its rows, in row order.
            sudah = str(tujuan[nama]).split("; ")
            if str(value) not in sudah:
                gabungan = "; ".join([*sudah, str(value)])
                batas = PANJANG_MAKS.get(nama)
                if batas and len(gabungan) > batas:
                    kumpulan.tambah(
                        f"sumber data baris-baris {label} ini bila digabung terlalu panjang "
                        f"({len(gabungan)} karakter; maksimal {batas}); persingkat",
                        baris=nomor,
                        kolom=nama,
                    )
                else:
                    tujuan[nama] = gabungan
        elif tujuan[nama] != value:
            kumpulan.tambah(
                f"'{_tampil(value)}' berbeda dengan baris {asal[nama]} "
                f"('{_tampil(tujuan[nama])}') untuk {label} yang sama; kosongkan sel "
                "(berarti sama seperti di atas) atau samakan isinya",
                baris=nomor,
                kolom=nama,
            )


def _baca_indikator(buku: BukuKerja, kumpulan: _Kumpulan) -> _Isi | None:
    tabel = buku.wajib(SHEET_INDIKATOR).tabel(wajib=KOLOM_WAJIB, opsional=KOLOM_OPSIONAL)
    if not tabel.baris:
        # A full sync of nothing would remove every definition of the year: far more likely
        # the wrong file or sheet than the intent.
        raise ImporError(
            [
                Kesalahan(
                    f"sheet {tabel.sheet} tidak berisi baris data; impor dibatalkan (untuk "
                    "menghapus semua definisi tahun ini, hapus lewat halaman admin)"
                )
            ]
        )
    kumpulan.daftar.extend(tabel.kesalahan)
    kolom = frozenset(k for k in (*KOLOM_WAJIB, *KOLOM_OPSIONAL) if tabel.ada(k))
    program: dict[str, _ProgramSheet] = {}
    indikator: dict[tuple[str, str], _IndikatorSheet] = {}
    asal: dict[tuple, dict[str, int]] = {}
    rumus_di: dict[str, int] = {}
    bidang: dict[str, str] = {}
    for baris in tabel.baris:
        nilai = _baca_baris(baris, (k for k in KOLOM if k in kolom), kumpulan)
        kode_program, kode_indikator = nilai["kode_program"], nilai["kode_indikator"]
        kode_rumus = nilai["kode_rumus"]
        if kode_program is None or kode_indikator is None:
            continue
        prog = program.get(kode_program)
        if prog is None:
            prog = program[kode_program] = _ProgramSheet(kode_program, baris.nomor)
        _gabung(
            prog.nilai,
            asal.setdefault(("p", kode_program), {}),
            nilai,
            KOLOM_PROGRAM,
            baris.nomor,
            f"kode_program '{kode_program}'",
            kumpulan,
        )
        kunci = (kode_program, kode_indikator)
        ind = indikator.get(kunci)
        if ind is None:
            ind = indikator[kunci] = _IndikatorSheet(kode_program, kode_indikator, baris.nomor)
            prog.indikator.append(ind)
        _gabung(
            ind.nilai,
            asal.setdefault(("i", *kunci), {}),
            nilai,
            KOLOM_INDIKATOR,
            baris.nomor,
            f"indikator '{kode_indikator}' (program '{kode_program}')",
            kumpulan,
        )
        if kode_rumus is None:
            continue
        if kode_rumus in rumus_di:
            kumpulan.tambah(
                f"kode_rumus '{kode_rumus}' ganda: dipakai di baris {rumus_di[kode_rumus]} "
                f"dan baris {baris.nomor}",
                baris=baris.nomor,
                kolom="kode_rumus",
            )
            continue
        rumus_di[kode_rumus] = baris.nomor
        nama_bidang = nilai["bidang"]
        kunci_bidang = None
        if nama_bidang is not None:
            kunci_bidang = _kunci_nama(nama_bidang)
            bidang.setdefault(kunci_bidang, _SPASI.sub(" ", nama_bidang).strip())
        ind.rumus.append(
            _RumusSheet(
                kode=kode_rumus,
                nomor=baris.nomor,
                kunci_indikator=kunci,
                bidang=kunci_bidang or "",
                nilai={
                    "uraian": nilai["uraian"] or "",
                    "penyebut": nilai["penyebut"] or "",
                    "periode": nilai["periode"] or Periode.BULANAN,
                    "faktor_tahunan": nilai["faktor_tahunan"],
                    "bobot": nilai["bobot"] or Fraction(1),
                    "pembagi_default": nilai["pembagi_default"],
                },
            )
        )

    for prog in program.values():
        if "program" not in prog.nilai:
            kumpulan.tambah("wajib diisi", baris=prog.nomor, kolom="program")
        for nama in KOLOM_PROGRAM:
            if nama in kolom:
                prog.nilai.setdefault(nama, "")
        for ind in prog.indikator:
            if "indikator" not in ind.nilai:
                kumpulan.tambah("wajib diisi", baris=ind.nomor, kolom="indikator")
            for nama in KOLOM_INDIKATOR:
                if nama in kolom:
                    bawaan = {"agregasi": Agregasi.RATA_RATA, "bobot_indikator": Fraction(1)}
                    ind.nilai.setdefault(nama, bawaan.get(nama, ""))
            if ind.nilai.get("agregasi") == Agregasi.RASIO_GABUNGAN:
                _periksa_rasio_gabungan(ind, kumpulan)
    _beri_urutan(list(program.values()))
    return _Isi(list(program.values()), bidang, len(tabel.baris))


def _periksa_rasio_gabungan(ind: _IndikatorSheet, kumpulan: _Kumpulan) -> None:
    """Rule 3 of docs/perhitungan.md: a pooled indikator's rows share one periode and faktor."""
    if not ind.rumus:
        return
    pertama = ind.rumus[0]

    def efektif(r: _RumusSheet) -> tuple[str, Fraction]:
        faktor = r.nilai["faktor_tahunan"]
        return r.nilai["periode"], faktor if faktor is not None else default_faktor(
            r.nilai["periode"]
        )

    acuan = efektif(pertama)
    for r in ind.rumus[1:]:
        sekarang = efektif(r)
        if sekarang != acuan:
            kumpulan.tambah(
                f"indikator '{ind.kode}' memakai agregasi rasio gabungan, jadi semua rumusnya "
                f"harus sama periode dan faktor tahunannya: baris {r.nomor} ({sekarang[0]}, "
                f"{format_pecahan(sekarang[1])}) berbeda dengan baris {pertama.nomor} "
                f"({acuan[0]}, {format_pecahan(acuan[1])})",
                baris=r.nomor,
                kolom="periode" if sekarang[0] != acuan[0] else "faktor_tahunan",
            )


def _beri_urutan(program: list[_ProgramSheet]) -> None:
    """Sheet order, grouped: programs by first appearance, their indikator by first
    appearance, their rumus in row order. Numbered 1..n over the whole year, which is also
    the order the export writes back."""
    n_indikator = n_rumus = 0
    for i, prog in enumerate(program, start=1):
        prog.urutan = i
        for ind in prog.indikator:
            n_indikator += 1
            ind.urutan = n_indikator
            for r in ind.rumus:
                n_rumus += 1
                r.urutan = n_rumus


SLUG_MAKS = Organisasi._meta.get_field("slug").max_length


def pesan_slug(slug: str) -> str | None:
    """Why ``slug`` cannot be an organisasi's slug (None when it can): the model field's
    rules, checked before any query so that neither PostgreSQL nor a bad slug gets in."""
    if len(slug) > SLUG_MAKS:
        return (
            f"slug '{ringkas(slug, 70)}' terlalu panjang ({len(slug)} karakter; maksimal "
            f"{SLUG_MAKS})"
        )
    try:
        validate_slug(slug)
    except ValidationError:
        return f"slug '{slug}' hanya boleh huruf, angka, tanda hubung dan garis bawah (tanpa spasi)"
    return None


def _baca_organisasi(lembar: Lembar | None, kumpulan: _Kumpulan) -> dict[str, tuple[str, int]]:
    """Key -> (value, row) of the Organisasi sheet (column A key, column B value)."""
    hasil: dict[str, tuple[str, int]] = {}
    if lembar is None:
        return hasil
    sheet = lembar.nama
    for urut, baris in enumerate(lembar.baris):
        sel_kunci, sel_nilai = baris.ambil(0), baris.ambil(1)
        for sel, kolom in ((sel_kunci, "kunci"), (sel_nilai, "nilai")):
            if sel.masalah:
                kumpulan.tambah(sel.masalah, sheet=sheet, baris=baris.nomor, kolom=kolom)
        if sel_kunci.masalah or sel_nilai.masalah:
            continue
        kunci = normalisasi_header(sel_kunci.nilai)
        if urut == 0 and kunci in ("kunci", "key"):
            continue
        try:
            nilai = teks_sel(sel_nilai.nilai) or ""
        except AngkaError as exc:
            kumpulan.tambah(str(exc), sheet=sheet, baris=baris.nomor, kolom="nilai")
            continue
        if not kunci:
            if nilai:
                kumpulan.tambah("kunci kosong", sheet=sheet, baris=baris.nomor, kolom="kunci")
            continue
        kunci = ALIAS_KUNCI.get(kunci, kunci)
        if kunci not in KUNCI_ORGANISASI:
            kumpulan.tambah(
                f"kunci '{sel_kunci.nilai}' tidak dikenal; gunakan " + ", ".join(KUNCI_ORGANISASI),
                sheet=sheet,
                baris=baris.nomor,
                kolom="kunci",
            )
            continue
        if kunci in hasil:
            kumpulan.tambah(
                f"kunci '{kunci}' ganda (baris {hasil[kunci][1]} dan baris {baris.nomor})",
                sheet=sheet,
                baris=baris.nomor,
                kolom="kunci",
            )
            continue
        hasil[kunci] = (nilai, baris.nomor)
    for kunci, (nilai, nomor) in hasil.items():
        model_field = Organisasi._meta.get_field(kunci)
        pesan = None
        if kunci == "slug" and nilai:
            pesan = pesan_slug(nilai)
        elif model_field.max_length and len(nilai) > model_field.max_length:
            pesan = f"terlalu panjang ({len(nilai)} karakter; maksimal {model_field.max_length})"
        elif kunci == "nama" and not nilai:
            pesan = "nama organisasi wajib diisi"
        elif kunci == "email" and nilai:
            try:
                validate_email(nilai)
            except ValidationError:
                pesan = f"alamat pos-el '{nilai}' tidak sah"
        if pesan:
            kumpulan.tambah(pesan, sheet=sheet, baris=nomor, kolom="nilai")
    return hasil


# Comparing with the database


def _ambil(obj: models.Model, atribut: str) -> object:
    if atribut == BOBOT:
        return Fraction(obj.bobot_pembilang, obj.bobot_penyebut)
    if atribut == FAKTOR:
        return obj.faktor_diatur
    return getattr(obj, atribut)


def _setel(obj: models.Model, atribut: str, value: object) -> tuple[str, ...]:
    """Set one attribute; returns the model fields it wrote (for bulk_update)."""
    if atribut == BOBOT:
        obj.bobot_pembilang, obj.bobot_penyebut = value.numerator, value.denominator
        return ("bobot_pembilang", "bobot_penyebut")
    if atribut == FAKTOR:
        obj.faktor_pembilang = None if value is None else value.numerator
        obj.faktor_penyebut = None if value is None else value.denominator
        return ("faktor_pembilang", "faktor_penyebut")
    setattr(obj, atribut, value)
    return (atribut.removesuffix("_id"),)


def _tampil(value: object, kolom: str = "") -> str:
    if value is None:
        return "(bawaan periode)" if kolom == "faktor_tahunan" else "(kosong)"
    if isinstance(value, PecahanDibaca):
        ditulis = str(value.ditulis).replace(".", ",")
        return f"{format_pecahan(value)} ({ditulis} dibaca {format_pecahan(value)})"
    if isinstance(value, Fraction):
        return format_pecahan(value)
    if isinstance(value, Decimal):
        return format_angka(value)
    if isinstance(value, str):
        return ringkas(value) if value else "(kosong)"
    return str(value)


@dataclass
class _Rencana:
    """The changes for one kind of object, ready to apply."""

    baru: list = field(default_factory=list)
    ubah: list[tuple[models.Model, object, tuple[str, ...]]] = field(default_factory=list)
    hapus: list[models.Model] = field(default_factory=list)


def _rencanakan(
    rencana: "_Rencana",
    perubahan: list[Perubahan],
    objek: str,
    label: str,
    sumber: object,
    lama: models.Model | None,
    tujuan: dict[str, object],
) -> None:
    """Plan one program or indikator: create it, or change the attributes that differ.
    (Rumus have their own loop: they may also move to another indikator or bidang.)"""
    atribut = ATRIBUT_PROGRAM if objek == "program" else ATRIBUT_INDIKATOR
    if lama is None:
        rencana.baru.append((sumber, tujuan))
        nama = str(tujuan.get(objek, ""))
        perubahan.append(
            Perubahan("baru", objek, label, nama, tuple(_dibaca(tujuan)), isi=isi_lengkap(tujuan))
        )
        return
    berubah, rincian = _banding(lama, tujuan, atribut)
    if berubah:
        rencana.ubah.append((lama, tujuan, tuple(berubah)))
        lengkap = _isi_ubah(lama, tujuan, atribut, berubah)
        perubahan.append(Perubahan("ubah", objek, label, lama.nama, tuple(rincian), lengkap))


def _dibaca(tujuan: dict[str, object]) -> list[str]:
    """For a new row, the decimals read as fractions ("faktor_tahunan: 0,0833333333 dibaca
    1/12"): said in the preview, since nothing else shows a new row's values."""
    return [f"{k}: {_tampil(v, k)}" for k, v in tujuan.items() if isinstance(v, PecahanDibaca)]


def _banding(
    obj: models.Model, tujuan: dict[str, object], atribut: dict[str, str]
) -> tuple[list[str], list[str]]:
    """(changed columns, rincian lines) between an object and what the sheet asks."""
    berubah, rincian = [], []
    for kolom, value in tujuan.items():
        lama = _ambil(obj, atribut[kolom])
        if lama != value:
            berubah.append(kolom)
            rincian.append(f"{kolom}: {_tampil(lama, kolom)} → {_tampil(value, kolom)}")
    return berubah, rincian


def _isi_ubah(
    obj: models.Model, tujuan: dict[str, object], atribut: dict[str, str], berubah: Iterable[str]
) -> tuple[tuple[str, object], ...]:
    """``Perubahan.isi`` of a change: the row's pk, every value the sheet asks for, and the
    stored value of each field that changes."""
    lama = {f"lama:{k}": _ambil(obj, atribut[k]) for k in berubah}
    return isi_lengkap({"pk": obj.pk, **tujuan, **lama})


def _isi_hapus(obj: models.Model) -> tuple[tuple[str, object], ...]:
    return isi_lengkap({"pk": obj.pk})


def _urutan_tetap(
    kelompok: Iterable[Sequence[object]], lama: dict[object, models.Model], jumlah_baru: int
) -> bool:
    """Keep the stored urutan when, within each group, they already follow the sheet's order
    and nothing is new, so that exporting and importing data entered elsewhere (urutan 10,
    20, ...) changes nothing."""
    if jumlah_baru:
        return False
    for kunci_urut in kelompok:
        nilai = [lama[k].urutan for k in kunci_urut]
        if not all(a < b for a, b in pairwise(nilai)):
            return False
    return True


def _nilai_program(prog: _ProgramSheet, urutan: int | None) -> dict[str, object]:
    nilai = {k: v for k, v in prog.nilai.items() if k in ATRIBUT_PROGRAM}
    if urutan is not None:
        nilai["urutan"] = urutan
    return nilai


def baris_pelindung(model: type[models.Model], objek: Sequence[models.Model]) -> dict[int, int]:
    """How many rows protect each of ``objek`` from deletion (foreign keys ``PROTECT`` to
    ``model``, as the realisasi of a rumus do), by pk; the unprotected are left out.

    Read from the model's relations rather than named, so that the definitions floor does not
    import the apps built on it."""
    hitung: dict[int, int] = {}
    for relasi in model._meta.related_objects:
        if relasi.on_delete is not models.PROTECT or relasi.many_to_many:
            continue
        kolom = relasi.field.attname
        for pk, n in (
            relasi.related_model._base_manager.filter(**{f"{relasi.field.name}__in": objek})
            .values_list(kolom)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            hitung[pk] = hitung.get(pk, 0) + n
    return hitung


def _slug_bidang(nama: str, terpakai: set[str]) -> str:
    dasar = slugify(nama)[:190] or "bidang"
    slug, n = dasar, 1
    while slug in terpakai:
        n += 1
        slug = f"{dasar}-{n}"
    terpakai.add(slug)
    return slug


def impor_indikator(
    data: bytes | BinaryIO, *, organisasi: str, tahun: int, dry_run: bool = False
) -> HasilImpor:
    """Sync one organisasi's definitions for ``tahun`` with the workbook's Indikator sheet
    (and its optional Organisasi sheet). ``organisasi`` is the slug.

    Raises ``ImporError`` listing every problem; then nothing was written. With ``dry_run``
    the plan is returned and nothing is written either.
    """
    if not isinstance(tahun, int) or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ImporError([Kesalahan(f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}")])
    # The command passes whatever was typed after --organisasi; the admin a stored slug.
    slug_argumen = bersihkan_teks(organisasi or "")
    pesan = pesan_slug(slug_argumen) if slug_argumen else None
    if pesan:
        raise ImporError([Kesalahan(f"organisasi yang dipilih: {pesan}")])
    buku = baca_buku_kerja(data, sheets=(SHEET_INDIKATOR, SHEET_ORGANISASI))
    kumpulan = _Kumpulan()
    lembar_org = buku.ambil(SHEET_ORGANISASI)
    data_org = _baca_organisasi(lembar_org, kumpulan)
    try:
        isi = _baca_indikator(buku, kumpulan)
    except ImporError as exc:
        raise ImporError(kumpulan.daftar + exc.kesalahan) from None

    slug_sheet = data_org.get("slug", ("", 0))
    if slug_sheet[0] and slug_argumen and slug_sheet[0] != slug_argumen:
        kumpulan.tambah(
            f"slug '{slug_sheet[0]}' berbeda dengan organisasi yang dipilih ('{slug_argumen}')",
            sheet=lembar_org.nama,
            baris=slug_sheet[1],
            kolom="nilai",
        )
    slug = slug_sheet[0] or slug_argumen
    if not slug:
        kumpulan.tambah("organisasi belum ditentukan (isi slug di sheet Organisasi)", sheet=None)
        raise ImporError(kumpulan.daftar)

    # Someone may change the same definitions or enter realisasi while we write.
    return dalam_satu_transaksi(
        lambda: _rencanakan_dan_terapkan(slug, tahun, isi, data_org, lembar_org, kumpulan, dry_run),
        (Organisasi, Bidang, Program, Indikator, Rumus),
    )


def _rencanakan_dan_terapkan(
    slug: str,
    tahun: int,
    isi: _Isi,
    data_org: dict[str, tuple[str, int]],
    lembar_org: Lembar | None,
    kumpulan: _Kumpulan,
    dry_run: bool,
) -> HasilImpor:
    perubahan: list[Perubahan] = []
    qs_org = Organisasi.objects.filter(slug=slug)
    if not dry_run:
        qs_org = qs_org.select_for_update()  # one import per organisasi at a time
    org = qs_org.first()

    # Organisasi
    nilai_org = {k: v for k, (v, _) in data_org.items() if k != "slug"}
    ubah_org: list[str] = []
    if org is None:
        if lembar_org is None:
            kumpulan.tambah(
                f"Organisasi '{slug}' tidak ditemukan; tambahkan sheet Organisasi atau buat "
                "organisasinya dulu",
                sheet=None,
            )
        elif "nama" not in nilai_org:
            kumpulan.tambah(
                f"Organisasi '{slug}' belum ada; isi kunci 'nama' untuk membuatnya",
                sheet=lembar_org.nama,
            )
        perubahan.append(
            Perubahan(
                "baru",
                "organisasi",
                slug,
                nilai_org.get("nama", ""),
                isi=isi_lengkap({"slug": slug, **nilai_org}),
            )
        )
    else:
        rincian = []
        for kunci, value in nilai_org.items():
            if getattr(org, kunci) != value:
                ubah_org.append(kunci)
                rincian.append(f"{kunci}: {_tampil(getattr(org, kunci))} → {_tampil(value)}")
        if rincian:
            lengkap = {
                "pk": org.pk,
                **nilai_org,
                **{f"lama:{k}": getattr(org, k) for k in ubah_org},
            }
            perubahan.append(
                Perubahan(
                    "ubah", "organisasi", slug, org.nama, tuple(rincian), isi_lengkap(lengkap)
                )
            )

    # What exists now, in five queries.
    if org is not None:
        bidang_ada = list(Bidang.objects.filter(organisasi=org).order_by("pk"))
        program_ada = {
            p.kode: p for p in Program.objects.filter(organisasi=org, tahun=tahun).order_by("pk")
        }
        kode_program_dari = {p.pk: p.kode for p in program_ada.values()}
        indikator_ada = {
            (kode_program_dari[i.program_id], i.kode): i
            for i in Indikator.objects.filter(program__in=list(program_ada.values())).order_by("pk")
        }
        rumus_ada = {
            r.kode: r
            for r in Rumus.objects.filter(organisasi=org, tahun=tahun).order_by("urutan", "pk")
        }
    else:
        bidang_ada, program_ada, indikator_ada, rumus_ada = [], {}, {}, {}
    kunci_indikator_dari = {i.pk: k for k, i in indikator_ada.items()}

    # Bidang: matched by name, created when unknown, never renamed or removed (shared by years).
    bidang_dari: dict[str, Bidang] = {}
    for b in bidang_ada:
        bidang_dari.setdefault(_kunci_nama(b.nama), b)
    nama_bidang_dari_pk = {b.pk: b.nama for b in bidang_ada}
    slug_terpakai = {b.slug for b in bidang_ada}
    bidang_baru: list[Bidang] = []
    for kunci, nama in isi.bidang.items():
        if kunci not in bidang_dari:
            baru = Bidang(nama=nama, slug=_slug_bidang(nama, slug_terpakai))
            bidang_dari[kunci] = baru
            bidang_baru.append(baru)
            lengkap = isi_lengkap({"slug": baru.slug, "nama": nama})
            perubahan.append(Perubahan("baru", "bidang", baru.slug, nama, isi=lengkap))

    semua_program = isi.program
    semua_indikator = [i for p in semua_program for i in p.indikator]
    semua_rumus = [r for i in semua_indikator for r in i.rumus]

    # Programs
    rencana_program = _Rencana()
    tetap = _urutan_tetap(
        [[p.kode for p in semua_program]],
        program_ada,
        sum(p.kode not in program_ada for p in semua_program),
    )
    for prog in semua_program:
        tujuan = _nilai_program(prog, None if tetap else prog.urutan)
        lama = program_ada.get(prog.kode)
        _rencanakan(rencana_program, perubahan, "program", prog.kode, prog, lama, tujuan)

    # Indikator
    rencana_indikator = _Rencana()
    kunci_ind = [(i.kode_program, i.kode) for i in semua_indikator]
    # Indikator are ordered within their program (the report and the export do so).
    tetap = _urutan_tetap(
        [[(i.kode_program, i.kode) for i in p.indikator] for p in semua_program],
        indikator_ada,
        sum(k not in indikator_ada for k in kunci_ind),
    )
    for ind in semua_indikator:
        kunci = (ind.kode_program, ind.kode)
        lama = indikator_ada.get(kunci)
        tujuan = {k: v for k, v in ind.nilai.items() if k in ATRIBUT_INDIKATOR}
        if not tetap:
            tujuan["urutan"] = ind.urutan
        label = f"{ind.kode_program}/{ind.kode}"
        _rencanakan(rencana_indikator, perubahan, "indikator", label, ind, lama, tujuan)

    # Rumus: matched by kode alone, so one may move to another indikator and keep its pk
    # (and with it its realisasi). Its indikator and bidang are compared by their keys, as
    # either may only be created by this import.
    def tempat(r: _RumusSheet) -> dict[str, object]:
        """Where the rumus goes, by keys that exist before anything is written."""
        bidang = bidang_dari.get(r.bidang)
        return {
            "indikator": "/".join(r.kunci_indikator),
            "bidang": bidang.slug if bidang is not None else None,
        }

    rencana_rumus = _Rencana()
    kode_rumus = [r.kode for r in semua_rumus]
    # Rumus urutan is compared over the whole year: realisasi lists sort by it.
    tetap = _urutan_tetap([kode_rumus], rumus_ada, sum(k not in rumus_ada for k in kode_rumus))
    for r in semua_rumus:
        lama = rumus_ada.get(r.kode)
        tujuan = dict(r.nilai)
        if not tetap:
            tujuan["urutan"] = r.urutan
        if lama is None:
            rencana_rumus.baru.append((r, tujuan))
            lengkap = isi_lengkap({**tujuan, **tempat(r)})
            perubahan.append(
                Perubahan(
                    "baru",
                    "rumus",
                    r.kode,
                    ringkas(tujuan["uraian"], 80),
                    tuple(_dibaca(tujuan)),
                    isi=lengkap,
                )
            )
            continue
        berubah, rincian = _banding(lama, tujuan, ATRIBUT_RUMUS)
        kunci_lama = kunci_indikator_dari.get(lama.indikator_id)
        if kunci_lama != r.kunci_indikator:
            berubah.append("indikator")
            dari = "/".join(kunci_lama) if kunci_lama else "(lain)"
            rincian.append(f"indikator: {dari} → {'/'.join(r.kunci_indikator)}")
        bidang_tujuan = bidang_dari.get(r.bidang)
        if bidang_tujuan is not None and bidang_tujuan.pk != lama.bidang_id:
            berubah.append("bidang")
            dari = nama_bidang_dari_pk.get(lama.bidang_id, "(lain)")
            rincian.append(f"bidang: {dari} → {bidang_tujuan.nama}")
        if berubah:
            rencana_rumus.ubah.append((lama, (r, tujuan), tuple(berubah)))
            perubahan.append(
                Perubahan(
                    "ubah",
                    "rumus",
                    r.kode,
                    ringkas(lama.uraian, 80),
                    tuple(rincian),
                    _isi_ubah(lama, {**tujuan, **tempat(r)}, ATRIBUT_RUMUS, berubah),
                )
            )

    # Removals: what the year has and the sheet does not.
    di_sheet = set(kode_rumus)
    rencana_rumus.hapus = [r for k, r in rumus_ada.items() if k not in di_sheet]
    if rencana_rumus.hapus:
        bulan_realisasi = baris_pelindung(Rumus, rencana_rumus.hapus)
        for r in rencana_rumus.hapus:
            n = bulan_realisasi.get(r.pk, 0)
            if n:
                kumpulan.tambah(
                    f"rumus '{r.kode}' tidak ada lagi di sheet, tetapi sudah punya realisasi "
                    f"{n} bulan; rumus itu tidak dapat dihapus. Kembalikan barisnya ke sheet "
                    "(boleh dipindah ke indikator lain).",
                    kolom="kode_rumus",
                )
            else:
                perubahan.append(
                    Perubahan("hapus", "rumus", r.kode, ringkas(r.uraian, 80), isi=_isi_hapus(r))
                )
    di_sheet_ind = set(kunci_ind)
    rencana_indikator.hapus = [i for k, i in indikator_ada.items() if k not in di_sheet_ind]
    for i in rencana_indikator.hapus:
        label = "/".join(kunci_indikator_dari[i.pk])
        perubahan.append(Perubahan("hapus", "indikator", label, i.nama, isi=_isi_hapus(i)))
    di_sheet_prog = {p.kode for p in semua_program}
    rencana_program.hapus = [p for k, p in program_ada.items() if k not in di_sheet_prog]
    for p in rencana_program.hapus:
        perubahan.append(Perubahan("hapus", "program", p.kode, p.nama, isi=_isi_hapus(p)))

    if kumpulan:
        raise ImporError(kumpulan.daftar)
    hasil = HasilImpor(
        perubahan=perubahan,
        dry_run=dry_run,
        jumlah_baris=isi.jumlah_baris,
        sidik=hitung_sidik(perubahan, "indikator", slug, tahun),
    )
    if dry_run or not perubahan:
        return hasil

    # Apply, parents first; removals last so that moved rumus are out of the way.
    if org is None:
        org = Organisasi.objects.create(slug=slug, **nilai_org)
    elif ubah_org:
        for kunci in ubah_org:
            setattr(org, kunci, nilai_org[kunci])
        org.save(update_fields=ubah_org)
    for b in bidang_baru:
        b.organisasi = org
    Bidang.objects.bulk_create(bidang_baru, batch_size=500)
    if any(b.pk is None for b in bidang_baru):
        pk_dari_slug = dict(Bidang.objects.filter(organisasi=org).values_list("slug", "pk"))
        for b in bidang_baru:
            b.pk = pk_dari_slug[b.slug]

    baru = _terapkan(
        Program,
        rencana_program,
        ATRIBUT_PROGRAM,
        lambda prog: Program(organisasi=org, tahun=tahun, kode=prog.kode),
    )
    program_pk = {kode: p.pk for kode, p in program_ada.items()}
    program_pk.update({prog.kode: obj.pk for prog, obj in baru})
    if None in program_pk.values():
        program_pk = dict(
            Program.objects.filter(organisasi=org, tahun=tahun).values_list("kode", "pk")
        )

    baru = _terapkan(
        Indikator,
        rencana_indikator,
        ATRIBUT_INDIKATOR,
        lambda ind: Indikator(program_id=program_pk[ind.kode_program], kode=ind.kode),
    )
    indikator_pk = {kunci: i.pk for kunci, i in indikator_ada.items()}
    indikator_pk.update({(ind.kode_program, ind.kode): obj.pk for ind, obj in baru})
    if None in indikator_pk.values():
        indikator_pk = {
            (kode_program, kode): pk
            for kode_program, kode, pk in Indikator.objects.filter(
                program__organisasi=org, program__tahun=tahun
            ).values_list("program__kode", "kode", "pk")
        }

    def dengan_id(r: _RumusSheet, tujuan: dict[str, object]) -> dict[str, object]:
        return {
            **tujuan,
            "indikator": indikator_pk[r.kunci_indikator],
            "bidang": bidang_dari[r.bidang].pk,
        }

    rencana_rumus.baru = [(r, dengan_id(r, tujuan)) for r, tujuan in rencana_rumus.baru]
    rencana_rumus.ubah = [
        (obj, dengan_id(r, tujuan), berubah) for obj, (r, tujuan), berubah in rencana_rumus.ubah
    ]
    _terapkan(
        Rumus,
        rencana_rumus,
        ATRIBUT_RUMUS,
        lambda r: Rumus(organisasi=org, tahun=tahun, kode=r.kode),
    )

    if rencana_rumus.hapus:
        Rumus.objects.filter(pk__in=[r.pk for r in rencana_rumus.hapus]).delete()
    if rencana_indikator.hapus:
        Indikator.objects.filter(pk__in=[i.pk for i in rencana_indikator.hapus]).delete()
    if rencana_program.hapus:
        Program.objects.filter(pk__in=[p.pk for p in rencana_program.hapus]).delete()
    return hasil


def _terapkan(
    model: type[models.Model],
    rencana: _Rencana,
    atribut: dict[str, str],
    buat: Callable[[object], models.Model],
) -> list[tuple[object, models.Model]]:
    """Create and update one level in bulk (a few queries whatever the count); returns the
    (sheet item, new object) pairs."""
    baru = []
    for sumber, tujuan in rencana.baru:
        obj = buat(sumber)
        for kolom, value in tujuan.items():
            _setel(obj, atribut[kolom], value)
        baru.append((sumber, obj))
    model.objects.bulk_create([obj for _, obj in baru], batch_size=500)
    ubah, kolom_db = [], set()
    for obj, tujuan, berubah in rencana.ubah:
        for kolom in berubah:
            kolom_db.update(_setel(obj, atribut[kolom], tujuan[kolom]))
        ubah.append(obj)
    if ubah:
        model.objects.bulk_update(ubah, sorted(kolom_db), batch_size=500)
    return baru


# Export


LEBAR_KOLOM = {
    "kode_program": 12, "program": 32, "sasaran_program": 40, "indikator_program": 40,
    "target_program": 12, "kode_indikator": 14, "indikator": 40, "agregasi": 14,
    "bobot_indikator": 10, "konsep_definisi": 50, "rumus_indikator": 50, "satuan": 16,
    "regulasi": 40, "periode_pengukuran": 20, "sifat_target": 16, "sumber_data": 28,
    "kode_rumus": 12, "bidang": 28, "uraian": 50, "penyebut": 40, "periode": 14,
    "faktor_tahunan": 12, "bobot": 10, "pembagi_default": 14,
}  # fmt: skip
KOLOM_PECAHAN = ("faktor_tahunan", "bobot", "bobot_indikator")


def _pecahan_teks(value: Fraction | None, bawaan: Fraction | None) -> str:
    """Faktor/bobot as typed (``1/12``); empty when it is the default."""
    if value is None or value == bawaan:
        return ""
    return format_pecahan(value)


def _format_kolom_teks(ws, kolom: Sequence[str]) -> None:
    """Faktor/bobot columns formatted as Text, so that typing 1/12 in Excel stays 1/12
    instead of becoming 1 December."""
    for nama in KOLOM_PECAHAN:
        if nama in kolom:
            ws.column_dimensions[get_column_letter(kolom.index(nama) + 1)].number_format = "@"


def _lembar_organisasi(wb: Workbook, nilai: dict[str, str], keterangan: bool = False) -> None:
    ws = wb.create_sheet(SHEET_ORGANISASI)
    judul = ["kunci", "nilai"] + (["keterangan"] if keterangan else [])
    tulis_header(ws, judul, {"kunci": 18, "nilai": 60, "keterangan": 60})
    for baris, kunci in enumerate(KUNCI_ORGANISASI, start=2):
        ws.cell(row=baris, column=1, value=kunci)
        tulis_teks(ws, baris, 2, nilai.get(kunci, ""))
        if keterangan:
            ws.cell(row=baris, column=3, value=PETUNJUK_ORGANISASI[kunci])
    ws.column_dimensions["B"].number_format = "@"  # NIP and phone numbers stay text


def _baris_ekspor(program: Program, ind: Indikator, r: Rumus) -> dict[str, object]:
    return {
        "kode_program": program.kode,
        "program": program.nama,
        "sasaran_program": program.sasaran,
        "indikator_program": program.indikator_program,
        "target_program": program.target_teks,
        "kode_indikator": ind.kode,
        "indikator": ind.nama,
        "agregasi": ind.agregasi,
        "bobot_indikator": _pecahan_teks(ind.bobot, Fraction(1)),
        "konsep_definisi": ind.konsep_definisi,
        "rumus_indikator": ind.rumus_teks,
        "satuan": ind.satuan,
        "regulasi": ind.regulasi,
        "periode_pengukuran": ind.periode_pengukuran,
        "sifat_target": ind.sifat_target,
        "sumber_data": ind.sumber_data,
        "kode_rumus": r.kode,
        "bidang": r.bidang.nama,
        "uraian": r.uraian,
        "penyebut": r.penyebut,
        "periode": r.periode,
        "faktor_tahunan": _pecahan_teks(r.faktor_diatur, None),
        "bobot": _pecahan_teks(r.bobot, Fraction(1)),
        "pembagi_default": r.pembagi_default,
    }


def _tulis_indikator(ws, baris_data: Sequence[dict[str, object]]) -> None:
    tulis_header(ws, KOLOM, LEBAR_KOLOM)
    _format_kolom_teks(ws, KOLOM)
    for nomor, data in enumerate(baris_data, start=2):
        for indeks, nama in enumerate(KOLOM, start=1):
            value = data.get(nama)
            if nama == "pembagi_default":
                tulis_angka(ws, nomor, indeks, value)
            else:
                tulis_teks(ws, nomor, indeks, value)
                if nama in KOLOM_PECAHAN:
                    ws.cell(row=nomor, column=indeks).number_format = "@"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(KOLOM)).column_letter}1"


def ekspor_indikator(*, organisasi: Organisasi, tahun: int) -> bytes:
    """The year's definitions in the import's own format (sheets Indikator and Organisasi);
    importing the result changes nothing."""
    rumus_qs = Rumus.objects.select_related("bidang").order_by("urutan", "kode")
    indikator_qs = Indikator.objects.order_by("urutan", "kode").prefetch_related(
        Prefetch("rumus", queryset=rumus_qs)
    )
    program = (
        Program.objects.untuk_tahun(organisasi, tahun)
        .order_by("urutan", "kode")
        .prefetch_related(Prefetch("indikator", queryset=indikator_qs))
    )
    baris_data = [
        _baris_ekspor(p, i, r) for p in program for i in p.indikator.all() for r in i.rumus.all()
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_INDIKATOR
    _tulis_indikator(ws, baris_data)
    _lembar_organisasi(
        wb,
        {k: getattr(organisasi, k) for k in KUNCI_ORGANISASI},
    )
    return simpan(wb)


# Template


PETUNJUK_ORGANISASI = {
    "slug": "pengenal singkat organisasi (huruf kecil, angka, tanda hubung), mis. palangkaraya",
    "nama": "nama dinas, mis. Dinas Sosial Kota Palangka Raya (wajib)",
    "pemerintah": "baris pertama kop, mis. Pemerintah Kota Palangka Raya",
    "dinas": "nama dinas pada kop, mis. Dinas Sosial",
    "alamat": "alamat kantor",
    "telepon": "nomor telepon",
    "laman": "alamat situs web",
    "email": "alamat pos-el (kunci 'pos-el' juga diterima)",
    "kota": "kota tempat laporan ditandatangani",
    "kepala_nama": "nama Kepala Dinas beserta gelar",
    "kepala_pangkat": "pangkat/golongan Kepala Dinas",
    "kepala_nip": "NIP Kepala Dinas (tulis sebagai teks)",
}

PETUNJUK_KOLOM = [
    ("kode_program", "ya", "Kode program, mis. 1.06.04. Baris dengan kode sama = program sama."),
    ("program", "ya", "Nama program. Cukup diisi di baris pertama program itu."),
    ("sasaran_program", "kolom ya", "Sasaran program."),
    ("indikator_program", "kolom ya", "Indikator program."),
    ("target_program", "tidak", "Target program sebagai teks, mis. 100% atau 90-100%."),
    ("kode_indikator", "ya", "Kode indikator; unik di dalam satu program."),
    ("indikator", "ya", "Nama indikator. Cukup diisi di baris pertama indikator itu."),
    (
        "agregasi",
        "kolom ya",
        "rata-rata, jumlah atau rasio gabungan (kosong = rata-rata). Rasio gabungan: semua "
        "rumusnya harus sama periode dan faktor tahunannya.",
    ),
    ("bobot_indikator", "tidak", "Bobot indikator dalam program, mis. 1 atau 1/2 (kosong = 1)."),
    ("konsep_definisi", "tidak", "Konsep/definisi indikator."),
    ("rumus_indikator", "tidak", "Rumus indikator sebagai teks."),
    ("satuan", "kolom ya", "Satuan, mis. Persentase (%)."),
    ("regulasi", "tidak", "Dasar regulasi."),
    ("periode_pengukuran", "tidak", "Teks bebas, mis. Bulanan, Triwulan dan Tahunan."),
    ("sifat_target", "kolom ya", "Mis. Kumulatif atau Tidak Kumulatif."),
    ("sumber_data", "kolom ya", "Mis. Bidang Rehabilitasi Sosial."),
    ("kode_rumus", "ya", "Kode rumus; unik dalam satu tahun. Satu baris = satu rumus."),
    ("bidang", "ya", "Bidang pemilik baris; bidang baru dibuat otomatis."),
    ("uraian", "ya", "Uraian pembilang, mis. Jumlah PPKS yang menerima layanan."),
    ("penyebut", "kolom ya", "Uraian penyebut (target/pembagi)."),
    (
        "periode",
        "kolom ya",
        "bulanan, triwulan, semester, tahunan atau sesuai kondisi (kosong = bulanan).",
    ),
    (
        "faktor_tahunan",
        "kolom ya",
        "Pecahan seperti 1/12, 1/4, 0,5. Kosong = bawaan periode (bulanan 1/12, triwulan 1/4, "
        "semester 1/2, tahunan 1, sesuai kondisi 1/12).",
    ),
    ("bobot", "kolom ya", "Bobot rumus dalam indikator, mis. 1/3 (kosong = 1)."),
    ("pembagi_default", "kolom ya", "Target/pembagi bawaan, mis. 6.780 (kosong = tidak ada)."),
]

CONTOH_BARIS = {
    "kode_program": "1.06.04",
    "program": "Rehabilitasi Sosial",
    "sasaran_program": "Meningkatnya Pelayanan Rehabilitasi Sosial",
    "indikator_program": "Persentase PPKS yang mendapat bantuan dan pelayanan",
    "target_program": "100%",
    "kode_indikator": "1.06.04.1",
    "indikator": "Persentase PPKS yang mendapat bantuan dan pelayanan",
    "agregasi": "rata-rata",
    "bobot_indikator": "",
    "konsep_definisi": "Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) ...",
    "rumus_indikator": (
        "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar / Jumlah PPKS penerima "
        "pelayanan Rehabilitasi Sosial x 100%"
    ),
    "satuan": "Persentase (%)",
    "regulasi": "Berdasarkan hasil asesmen pekerja sosial",
    "periode_pengukuran": "Bulanan",
    "sifat_target": "Tidak Kumulatif",
    "sumber_data": "Bidang Rehabilitasi Sosial",
    "kode_rumus": "R01",
    "bidang": "Rehabilitasi Sosial",
    "uraian": "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar",
    "penyebut": "Jumlah PPKS penerima pelayanan Rehabilitasi Sosial",
    "periode": "bulanan",
    "faktor_tahunan": "1/12",
    "bobot": "",
    "pembagi_default": Decimal(46),
}


def templat_indikator() -> bytes:
    """A workbook to fill in: Indikator (headers and one example row), Organisasi (keys to
    fill) and Petunjuk (what each column means)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_INDIKATOR
    _tulis_indikator(ws, [CONTOH_BARIS])
    _lembar_organisasi(wb, {}, keterangan=True)
    ws = wb.create_sheet(SHEET_PETUNJUK)
    tulis_header(ws, ["kolom", "wajib", "keterangan"], {"kolom": 20, "wajib": 10, "keterangan": 90})
    for baris, (nama, wajib, keterangan) in enumerate(PETUNJUK_KOLOM, start=2):
        ws.cell(row=baris, column=1, value=nama)
        ws.cell(row=baris, column=2, value=wajib)
        ws.cell(row=baris, column=3, value=keterangan).alignment = Alignment(wrap_text=True)
    catatan = [
        "Sheet Indikator: satu baris per rumus; judul kolom di baris 1, urutan kolom bebas.",
        "'ya' = harus diisi; 'kolom ya' = kolomnya harus ada, isinya boleh kosong.",
        "Kolom program dan indikator boleh dikosongkan di baris berikutnya (= sama seperti "
        "di atas); isi yang berbeda ditolak.",
        "Impor menyamakan definisi satu tahun dengan sheet ini: yang tidak ada di sheet "
        "dihapus, kecuali rumus yang sudah punya realisasi (impor ditolak).",
        "Jangan memakai rumus Excel; isi nilai langsung. Angka boleh ditulis 6.780 atau 1.234,5.",
        "Sheet Organisasi (boleh dihapus bila organisasi sudah ada): kolom A kunci, kolom B "
        "nilai; nilai kosong mengosongkan isian itu.",
    ]
    awal = len(PETUNJUK_KOLOM) + 3
    for i, teks in enumerate(catatan):
        ws.cell(row=awal + i, column=1, value=teks)
    return simpan(wb)
