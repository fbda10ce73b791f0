"""A safe .xlsx reader shared by every workbook import, and small helpers for writing.

Uploaded workbooks come from anyone with an admin login, so the reader assumes hostile
bytes: it bounds the file size, the zip's entry count and uncompressed size (zip bombs),
relies on defusedxml for XML entity attacks, streams the sheets (and shared strings)
element by element so memory stays flat, and bounds the rows, columns, non-empty cells and
XML elements it reads, so a read takes a few seconds and about 100 MB at most. Whatever the
bytes, the only exception that leaves ``baca_buku_kerja`` is ``ImporError``.

Text is cleaned as it is read (``bersihkan_teks``): Unicode NFC, zero-width characters
removed, non-breaking and other Unicode spaces turned into plain spaces, ends trimmed. So a
code pasted from a web page or a Word document (``R01`` followed by U+200B or NBSP) is the
same code as ``R01``.

Formula cells are read with ``data_only=False`` on purpose: the cached value of a formula
is whatever Excel last computed (or nothing, for files written by other tools), so an
import refuses formulas in the columns it reads rather than guess.
"""

import io
import re
import unicodedata
import warnings
import zipfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.reader.excel import ExcelReader, _find_workbook_part
from openpyxl.styles import Font
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml import functions
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS

from dasar.angka import SPASI_ZS, format_angka, format_desimal
from dasar.impor import ImporError, Kesalahan

# Defaults for limits that settings may override (WORKBOOK_MAX_BYTES, WORKBOOK_MAX_ROWS,
# WORKBOOK_MAX_UNCOMPRESSED_BYTES, WORKBOOK_MAX_CELLS, WORKBOOK_MAX_ENTRIES); keep them equal
# to the defaults in settings.py. Real workbooks of this product are well under 1 MB
# uncompressed and a few thousand rows of about 25 cells.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
MAX_ENTRIES = 500
# Non-empty cells read, over all the sheets read: bounds the time and memory of a read.
MAX_CELLS = 400_000
# Columns read: a non-blank cell beyond column IV (256, the column limit of Excel 97-2003,
# so any sheet that ever lived as .xls fits) refuses the file, naming its sheet, row and
# column; nothing is ever dropped unread. The widest sheets of this product are a ten-year
# plan's Indikator sheet (20 columns plus target, text target and NSPK for each of ten or
# eleven years: about 53) and the definitions sheet (24), so an office's own extra columns
# have room to spare. Rows are stored sparsely (``BarisMentah``), so the limit bounds only the
# header tuples and the column numbers; memory follows MAX_CELLS.
MAX_COLUMNS = 256
# XML elements read element by element (sheets, shared strings) per allowed cell: a cell is
# 2 or 3 elements (<c><v>, <c><is><t>) and its shared string 2 more (<si><t>), so real files
# stay well under this, and junk elements (empty <c/>, unknown tags) cannot make a read take
# longer than the largest real one.
ELEMEN_PER_SEL = 5
# Plus the elements around the cells (sheet views, column widths, merged ranges, ...).
ELEMEN_LAIN = 10_000
# Elements inside one <c> or <si> (a rich text has a few runs): more is a crafted file that
# would hold the whole subtree in memory.
MAX_ELEMEN_PER_SEL = 1_000
# '<' in one part that openpyxl parses whole (content types, workbook, its relations,
# styles). A real styles.xml has a few hundred to a few thousand; Excel's own limit of 64,000
# cell formats stays under this.
MAX_TAG_BAGIAN = 250_000
EXCEL_MAX_ROWS = 1_048_576

PESAN_BUKAN_XLSX = (
    "Berkas bukan buku kerja Excel (.xlsx). Simpan ulang dari Excel atau LibreOffice "
    "sebagai 'Buku Kerja Excel (.xlsx)' lalu unggah lagi."
)
PESAN_RUSAK = "Buku kerja tidak dapat dibaca (berkas rusak atau bukan .xlsx yang sah)."
PESAN_MAKRO = (
    "Buku kerja berisi makro (VBA, .xlsm); ditolak karena makro dapat menjalankan kode. Simpan "
    "ulang sebagai 'Buku Kerja Excel (.xlsx)' (tanpa makro) lalu unggah lagi."
)
# The main part of an ordinary workbook; a template (.xltx), a macro workbook (.xlsm) or an
# add-in declares another.
_JENIS_XLSX = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

_SPASI = re.compile(r"\s+")
_TAG_SI = f"{{{SHEET_MAIN_NS}}}si"
_TAG_IS = f"{{{SHEET_MAIN_NS}}}is"
_TAG_T = f"{{{SHEET_MAIN_NS}}}t"
_TAG_R = f"{{{SHEET_MAIN_NS}}}r"
_TAG_F = FORMULA_TAG
# Zero-width space, non-joiner and joiner, word joiner, byte order mark (zero-width no-break
# space): invisible, so never meant as part of a value.
_TAK_TERLIHAT = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# The Unicode spaces (category Zs) other than the plain one: NBSP, narrow NBSP, figure and em
# spaces, ideographic space, ...
_SPASI_LAIN = re.compile(f"[{SPASI_ZS.replace(' ', '')}]")


@dataclass(frozen=True)
class Sel:
    """One non-blank cell: its value, or the reason it cannot be used (formula, error)."""

    nilai: object
    masalah: str | None = None


SEL_KOSONG = Sel(None)


class BarisMentah:
    """A non-blank sheet row as read: ``nomor`` is the sheet's own row number (1-based).

    Kept sparse (the 0-based columns of the non-blank cells, ascending, and those cells), so
    that what a read holds grows with the cells a sheet has, not with its width: a hostile
    sheet of 20,000 rows with one cell each at column MAX_COLUMNS costs no more than one with
    its cells in column A.
    """

    __slots__ = ("_indeks", "_isi", "nomor")

    def __init__(self, nomor: int, sel: Sequence[Sel] | Mapping[int, Sel]) -> None:
        """``sel``: the row's cells from column A, or {0-based column: cell}."""
        pasangan = sorted(sel.items()) if isinstance(sel, Mapping) else enumerate(sel)
        terisi = [(i, s) for i, s in pasangan if s is not SEL_KOSONG]
        self.nomor = nomor
        self._indeks = tuple(i for i, _ in terisi)
        self._isi = tuple(s for _, s in terisi)

    @property
    def sel(self) -> tuple[Sel, ...]:
        """The row's cells from column A to its last non-blank one, blanks included."""
        if not self._indeks:
            return ()
        hasil = [SEL_KOSONG] * (self._indeks[-1] + 1)
        for i, s in zip(self._indeks, self._isi, strict=True):
            hasil[i] = s
        return tuple(hasil)

    def ambil(self, indeks: int) -> Sel:
        """The cell at 0-based column ``indeks`` (blank where the row has none)."""
        letak = bisect_left(self._indeks, indeks)
        if letak < len(self._indeks) and self._indeks[letak] == indeks:
            return self._isi[letak]
        return SEL_KOSONG

    def __eq__(self, lain: object) -> bool:
        if not isinstance(lain, BarisMentah):
            return NotImplemented
        return (self.nomor, self._indeks, self._isi) == (lain.nomor, lain._indeks, lain._isi)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BarisMentah({self.nomor}, {dict(zip(self._indeks, self._isi, strict=True))!r})"


@dataclass(frozen=True)
class Baris:
    """A data row of a table: values of the known columns keyed by normalised header.

    Blank cells are None, text is stripped. Columns listed in ``cacat`` held a formula or an
    Excel error; their value is None and the problem is already in ``Tabel.kesalahan``.
    """

    nomor: int
    nilai: Mapping[str, object]
    cacat: frozenset[str] = frozenset()

    def __getitem__(self, kolom: str) -> object:
        return self.nilai.get(kolom)


@dataclass(frozen=True)
class Tabel:
    """A sheet read as a table: header in row 1, data from row 2 (``baris 2``)."""

    sheet: str
    kolom: Mapping[str, int]  # normalised header -> 1-based column index, all headers
    baris: tuple[Baris, ...]
    kesalahan: tuple[Kesalahan, ...] = ()

    def ada(self, kolom: str) -> bool:
        return kolom in self.kolom

    def huruf(self, kolom: str) -> str:
        return get_column_letter(self.kolom[kolom])


@dataclass(frozen=True)
class Lembar:
    """One sheet as read: its non-blank rows, in order."""

    nama: str
    baris: tuple[BarisMentah, ...]

    def tabel(self, *, wajib: Sequence[str], opsional: Sequence[str] = ()) -> Tabel:
        """The sheet as a table whose header row is row 1.

        Missing required columns and duplicate headers raise ``ImporError`` at once (nothing
        else can be read sensibly). Formula and error cells in the known columns come back in
        ``Tabel.kesalahan`` so that an import reports them with its own findings. Unknown
        columns are ignored entirely, including their formulas; a row blank in every known
        column is skipped.
        """
        kesalahan: list[Kesalahan] = []
        kolom: dict[str, int] = {}
        header = self.baris[0] if self.baris and self.baris[0].nomor == 1 else None
        for indeks, sel in enumerate(header.sel if header else ()):
            if sel.masalah:
                kesalahan.append(
                    Kesalahan(
                        f"judul kolom {sel.masalah}", self.nama, 1, get_column_letter(indeks + 1)
                    )
                )
                continue
            nama = normalisasi_header(sel.nilai)
            if not nama:
                continue
            if nama in kolom:
                kesalahan.append(
                    Kesalahan(
                        f"judul kolom '{nama}' muncul dua kali (kolom "
                        f"{get_column_letter(kolom[nama])} dan {get_column_letter(indeks + 1)})",
                        self.nama,
                        1,
                    )
                )
                continue
            kolom[nama] = indeks + 1
        hilang = [k for k in wajib if k not in kolom]
        if hilang:
            kesalahan.append(
                Kesalahan(
                    "kolom wajib tidak ada: "
                    + ", ".join(hilang)
                    + " (judul kolom harus di baris 1)",
                    self.nama,
                    1,
                )
            )
        if kesalahan:
            raise ImporError(kesalahan)

        dikenal = [k for k in (*wajib, *opsional) if k in kolom]
        baris: list[Baris] = []
        masalah_sel: list[Kesalahan] = []
        for mentah in self.baris:
            if mentah.nomor == 1:
                continue
            nilai: dict[str, object] = {}
            cacat: set[str] = set()
            isi = False
            for nama in dikenal:
                sel = mentah.ambil(kolom[nama] - 1)
                if sel.masalah:
                    cacat.add(nama)
                    masalah_sel.append(Kesalahan(sel.masalah, self.nama, mentah.nomor, nama))
                    nilai[nama] = None
                    isi = True
                    continue
                value = rapikan(sel.nilai)
                nilai[nama] = value
                isi = isi or value is not None
            if isi:
                baris.append(Baris(mentah.nomor, nilai, frozenset(cacat)))
        return Tabel(self.nama, kolom, tuple(baris), tuple(masalah_sel))


@dataclass(frozen=True)
class BukuKerja:
    """The sheets an import asked for, found by name case-insensitively."""

    lembar: Mapping[str, Lembar] = field(default_factory=dict)  # by lowercase name
    nama_sheet: tuple[str, ...] = ()  # every sheet in the workbook, as named there

    def ambil(self, nama: str) -> Lembar | None:
        return self.lembar.get(nama.strip().lower())

    def wajib(self, nama: str) -> Lembar:
        lembar = self.ambil(nama)
        if lembar is None:
            ada = ", ".join(self.nama_sheet) or "-"
            raise ImporError(
                [Kesalahan(f"sheet '{nama}' tidak ada di buku kerja (sheet yang ada: {ada})")]
            )
        return lembar


def bersihkan_teks(teks: str) -> str:
    """Text as every import compares it: NFC, without zero-width characters, with NBSP and
    the other Unicode spaces as plain spaces, ends trimmed. Line breaks inside are kept."""
    teks = unicodedata.normalize("NFC", teks)
    teks = _TAK_TERLIHAT.sub("", teks)
    return _SPASI_LAIN.sub(" ", teks).strip()


def normalisasi_header(value: object) -> str:
    """``' Kode Program '`` -> ``'kode_program'``: cleaned, lowercase, spaces as ``_``."""
    if value is None:
        return ""
    return _SPASI.sub("_", bersihkan_teks(str(value)).lower())


def rapikan(value: object) -> object:
    """Cell value as an import wants it: text cleaned (``bersihkan_teks``), blank text as
    None."""
    if isinstance(value, str):
        return bersihkan_teks(value) or None
    return value


def ringkas(teks: str, panjang: int = 50) -> str:
    """Text shortened for a message or a preview line: whitespace runs (line breaks too) as
    one space, at most ``panjang`` characters."""
    teks = _SPASI.sub(" ", teks).strip()
    return teks if len(teks) <= panjang else teks[: panjang - 1] + "…"


def _batas(nama: str, bawaan: int) -> int:
    return int(getattr(settings, nama, bawaan))


def _ukuran_mb(nilai: int) -> str:
    return format_angka(Decimal(nilai) / (1024 * 1024), desimal=1).removesuffix(",0") + " MB"


def _baca_bytes(data: bytes | bytearray | memoryview | BinaryIO, maks: int) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        isi = bytes(data)
    else:
        try:
            if getattr(data, "seekable", lambda: False)():
                data.seek(0)
            isi = data.read(maks + 1)
        except Exception as exc:
            raise ImporError([Kesalahan("Berkas tidak dapat dibaca.")]) from exc
        if not isinstance(isi, bytes | bytearray):
            raise ImporError([Kesalahan(PESAN_BUKAN_XLSX)])
        isi = bytes(isi)
    if len(isi) > maks:
        raise ImporError([Kesalahan(f"Berkas terlalu besar; ukuran maksimal {_ukuran_mb(maks)}.")])
    return isi


def _periksa_zip(isi: bytes) -> None:
    if not isi.startswith(b"PK"):
        raise ImporError([Kesalahan(PESAN_BUKAN_XLSX)])
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            entri = arsip.infolist()
    except Exception as exc:
        raise ImporError([Kesalahan(PESAN_BUKAN_XLSX)]) from exc
    if len(entri) > _batas("WORKBOOK_MAX_ENTRIES", MAX_ENTRIES):
        raise ImporError(
            [Kesalahan(f"Buku kerja berisi terlalu banyak bagian ({len(entri)}); ditolak.")]
        )
    # The declared sizes bound what zipfile will ever inflate (it stops at file_size and
    # fails the CRC otherwise), so checking them is enough against zip bombs.
    total = sum(info.file_size for info in entri)
    maks = _batas("WORKBOOK_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)
    if total > maks:
        raise ImporError(
            [
                Kesalahan(
                    f"Isi buku kerja terlalu besar setelah diekstrak ({_ukuran_mb(total)}; "
                    f"maksimal {_ukuran_mb(maks)}); ditolak."
                )
            ]
        )
    if not any(info.filename == "[Content_Types].xml" for info in entri):
        raise ImporError([Kesalahan(PESAN_BUKAN_XLSX)])
    # Refused by content, whatever the file is called and on every path (admin, commands):
    # macros (a VBA project, macro sheets) and anything that is not a plain workbook.
    nama = [info.filename.lower() for info in entri]
    if any("vbaproject" in n or n.startswith("xl/macrosheets/") for n in nama):
        raise ImporError([Kesalahan(PESAN_MAKRO)])
    try:  # sizes are bounded above; a corrupt part (bad CRC, bad compression) is refused
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            jenis = arsip.read("[Content_Types].xml")[:1_000_000]
    except Exception as exc:
        raise ImporError([Kesalahan(PESAN_RUSAK)]) from exc
    if b"macroenabled" in jenis.lower():
        raise ImporError([Kesalahan(PESAN_MAKRO)])
    if _JENIS_XLSX not in jenis:
        raise ImporError([Kesalahan(PESAN_BUKAN_XLSX)])


def _pastikan_defusedxml() -> None:
    # openpyxl only parses with defusedxml when it is importable and not disabled through
    # OPENPYXL_DEFUSEDXML; without it a billion-laughs payload would be expanded.
    aman = getattr(openpyxl, "DEFUSEDXML", False) and openpyxl.xml.DEFUSEDXML
    aman = aman and functions.iterparse.__module__.startswith("defusedxml")
    if not aman:
        raise ImproperlyConfigured(
            "openpyxl tidak memakai defusedxml; pasang defusedxml dan jangan setel "
            "OPENPYXL_DEFUSEDXML=False sebelum membaca buku kerja unggahan."
        )


def _sel(value: object, data_type: str, quote_prefix: bool) -> Sel:
    if value is None:
        return SEL_KOSONG
    if data_type == "f":
        teks = value if isinstance(value, str) else getattr(value, "text", None)
        teks = teks if isinstance(teks, str) and teks else "tabel data"
        return Sel(None, f"berisi rumus Excel ({ringkas(teks, 60)}); isi dengan nilai, bukan rumus")
    if data_type == "e":
        return Sel(None, f"berisi galat Excel ({value}); isi dengan nilai yang benar")
    if isinstance(value, str):
        teks = bersihkan_teks(value)
        if not teks:
            return SEL_KOSONG
        # Text typed after an apostrophe ('=...) carries quotePrefix: Excel's own "this is text".
        if teks.startswith("=") and not quote_prefix:
            return Sel(
                None, f"berisi rumus Excel ({ringkas(teks, 60)}); isi dengan nilai, bukan rumus"
            )
    return Sel(value)


def _terlalu_banyak_sel(maks: int) -> ImporError:
    return ImporError(
        [
            Kesalahan(
                f"Buku kerja berisi lebih dari {format_angka(maks)} sel terisi; pecah menjadi "
                "beberapa berkas atau hapus isi yang tidak diperlukan."
            )
        ]
    )


def _terlalu_rumit() -> ImporError:
    return ImporError(
        [
            Kesalahan(
                "Buku kerja terlalu rumit untuk dibaca (terlalu banyak unsur XML); simpan ulang "
                "hanya dengan sheet yang diperlukan lalu unggah lagi."
            )
        ]
    )


class _Anggaran:
    """What one read may still spend: non-empty cells (``WORKBOOK_MAX_CELLS``) and XML
    elements of the parts read element by element (sheets and shared strings)."""

    def __init__(self, maks_sel: int) -> None:
        self.maks_sel = maks_sel
        self.maks_elemen = maks_sel * ELEMEN_PER_SEL + ELEMEN_LAIN
        self.sel = 0
        self.elemen = 0

    def tambah_sel(self) -> None:
        self.sel += 1
        if self.sel > self.maks_sel:
            raise _terlalu_banyak_sel(self.maks_sel)

    def tambah_elemen(self) -> None:
        self.elemen += 1
        if self.elemen > self.maks_elemen:
            raise _terlalu_rumit()


def _periksa_bagian(arsip: zipfile.ZipFile, nama: str) -> None:
    """A part that openpyxl parses into one tree (content types, workbook, its relations,
    styles) must be small: its size in memory grows with its element count, which is bounded
    here by counting ``<`` (every tag starts with one) before it is parsed."""
    try:
        info = arsip.getinfo(nama)
    except KeyError:
        return  # openpyxl reports a missing required part itself
    jumlah = 0
    with arsip.open(info) as sumber:
        while potongan := sumber.read(1 << 20):
            jumlah += potongan.count(b"<")
            if jumlah > MAX_TAG_BAGIAN:
                raise _terlalu_rumit()


def _urai(
    sumber: BinaryIO, anggaran: _Anggaran, utuh: str, tanda: str | None = None
) -> Iterator[tuple[str, object]]:
    """Stream an XML part with flat memory: ``("utuh", el)`` for every ``utuh`` element once
    complete (with its subtree), ``("buka", el)`` and ``("tutup", el)`` when a ``tanda``
    element opens and closes. Every element is counted against ``anggaran`` and dropped from
    the tree as soon as it has been read (openpyxl keeps a ``<row>`` until its end and every
    element outside the rows, so a crafted sheet could fill memory)."""
    jalur: list = []  # open elements, root first
    kedalaman = 0  # depth inside the current ``utuh`` element (0: outside)
    di_dalam = 0  # elements inside it so far
    for peristiwa, elemen in functions.iterparse(sumber, events=("start", "end")):
        if peristiwa == "start":
            anggaran.tambah_elemen()
            if kedalaman:
                kedalaman += 1
                di_dalam += 1
                if di_dalam > MAX_ELEMEN_PER_SEL:
                    raise _terlalu_rumit()
            elif elemen.tag == utuh:
                kedalaman, di_dalam = 1, 0
            elif elemen.tag == tanda:
                yield "buka", elemen
            jalur.append(elemen)
            continue
        jalur.pop()
        if kedalaman > 1:
            kedalaman -= 1
            continue  # part of the ``utuh`` element, read with it
        if kedalaman == 1:
            kedalaman = 0
            yield "utuh", elemen
        elif elemen.tag == tanda:
            yield "tutup", elemen
        if jalur:
            jalur[-1].remove(elemen)  # read: let it go


def _teks_kaya(elemen) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>``, then the ``<t>`` of each rich-text
    run ``<r>`` (phonetic ``<rPh>`` left out), as openpyxl's ``Text.content`` gives it, in a
    fraction of the time."""
    bagian = []
    for anak in elemen:
        if anak.tag == _TAG_T:
            bagian.append(anak.text or "")
        elif anak.tag == _TAG_R:
            t = anak.find(_TAG_T)
            if t is not None:
                bagian.append(t.text or "")
    return "".join(bagian)


def _baca_teks_bersama(arsip: zipfile.ZipFile, nama: str, anggaran: _Anggaran) -> list[str]:
    """The shared strings table, streamed (openpyxl's reader keeps an emptied element per
    string). More strings than cells allowed cannot all be used: refused."""
    teks: list[str] = []
    with arsip.open(nama) as sumber:
        for _, elemen in _urai(sumber, anggaran, _TAG_SI):
            teks.append(_teks_kaya(elemen).replace("x005F_", ""))
            if len(teks) > anggaran.maks_sel:
                raise _terlalu_banyak_sel(anggaran.maks_sel)
    return teks


def _nomor_baris(r: str) -> int:
    """A row's ``r`` attribute, read as openpyxl does (``"3"``, or ``"3.0"`` from some tools)."""
    try:
        return int(r)
    except ValueError:
        angka = float(r)
        if not angka.is_integer():
            raise
        return int(angka)


def _isi_sel(parser: WorkSheetParser, elemen) -> dict | None:
    """One ``<c>`` as openpyxl's ``parse_cell`` reads it (column, value, data_type, style_id),
    or None for a cell without content (only styled); those and inline strings are read
    here, several times faster."""
    kosong = len(elemen) == 0  # no <v>, <f> or <is>
    if not kosong and (elemen.get("t") != "inlineStr" or elemen.find(_TAG_F) is not None):
        return parser.parse_cell(elemen)
    koordinat = elemen.get("r")
    kolom = coordinate_to_tuple(koordinat)[1] if koordinat else parser.col_counter + 1
    parser.col_counter = kolom
    if kosong:
        return None
    isi = elemen.find(_TAG_IS)
    gaya = elemen.get("s")
    return {
        "column": kolom,
        "value": None if isi is None else _teks_kaya(isi),
        "data_type": "inlineStr" if isi is None else "s",
        "style_id": int(gaya) if gaya else 0,
    }


@dataclass(frozen=True)
class _Sumber:
    """What reading a sheet needs from the workbook."""

    arsip: zipfile.ZipFile
    teks_bersama: list[str]
    gaya: list  # openpyxl StyleArray per style id (quotePrefix)
    epoch: object
    format_tanggal: set[int]
    format_durasi: set[int]


def _periksa_lebar(cell: dict, nama: str, nomor: int) -> None:
    """A cell beyond MAX_COLUMNS: refused unless blank (only spaces), never dropped unread."""
    if _sel(cell["value"], cell["data_type"], False) is SEL_KOSONG:
        return
    batas = format_angka(MAX_COLUMNS)
    try:
        huruf = get_column_letter(cell["column"])
    except ValueError:  # past XFD: a crafted file
        huruf = f"ke-{format_angka(cell['column'])}"
    raise ImporError(
        [
            Kesalahan(
                f"sheet memuat lebih dari {batas} kolom; batasnya {batas} (kolom A sampai "
                f"{get_column_letter(MAX_COLUMNS)}). Pindahkan isi kolom {huruf} ke kolom "
                "yang lebih awal atau ke sheet lain, atau hapus bila tidak diperlukan, lalu "
                "unggah lagi",
                nama,
                nomor,
                huruf,
            )
        ]
    )


def _baris_xml(
    sumber: _Sumber, bagian: str, nama: str, anggaran: _Anggaran
) -> Iterator[tuple[int, list[dict]]]:
    """(row number, non-empty cells) of the rows a sheet's XML holds; a non-blank cell beyond
    MAX_COLUMNS refuses the workbook (``_periksa_lebar``).

    Like ``ReadOnlyWorksheet.iter_rows`` without its padding (``<row r="1000000">`` or a cell
    at column XFD would make it yield millions of cells from a few bytes of XML) and with flat
    memory (``_urai``); each non-empty cell is counted the moment it is read, so an oversized
    sheet is refused early, even in the middle of one huge row.
    """
    with sumber.arsip.open(bagian) as xml:
        parser = WorkSheetParser(
            xml,
            sumber.teks_bersama,
            data_only=False,
            epoch=sumber.epoch,
            date_formats=sumber.format_tanggal,
            timedelta_formats=sumber.format_durasi,
        )
        nomor = 0
        sel: list[dict] = []
        for peristiwa, elemen in _urai(xml, anggaran, CELL_TAG, ROW_TAG):
            if peristiwa == "utuh":
                cell = _isi_sel(parser, elemen)
                if cell is not None and cell["value"] is not None:
                    anggaran.tambah_sel()
                    if cell["column"] > MAX_COLUMNS:
                        _periksa_lebar(cell, nama, nomor)
                    elif cell["column"] >= 1:
                        sel.append(cell)
            elif peristiwa == "buka":
                r = elemen.get("r")
                nomor = _nomor_baris(r) if r is not None else nomor + 1
                parser.row_counter, parser.col_counter = nomor, 0
                sel = []
            else:
                yield nomor, sel
                sel = []


def _baca_lembar(
    sumber: _Sumber, bagian: str, nama: str, maks_baris: int, anggaran: _Anggaran
) -> Lembar:
    gaya = sumber.gaya
    baris: list[BarisMentah] = []
    jumlah_data = 0
    for nomor, cells in _baris_xml(sumber, bagian, nama, anggaran):
        if not 1 <= nomor <= EXCEL_MAX_ROWS:
            raise ImporError([Kesalahan(PESAN_RUSAK, nama)])
        terisi: dict[int, Sel] = {}
        for cell in cells:
            style_id = cell["style_id"] or 0
            quote_prefix = bool(style_id and gaya[style_id].quotePrefix)
            sel = _sel(cell["value"], cell["data_type"], quote_prefix)
            if sel is not SEL_KOSONG:
                terisi[cell["column"] - 1] = sel
        if not terisi:
            continue
        if nomor > 1:
            jumlah_data += 1
            if jumlah_data > maks_baris:
                raise ImporError(
                    [
                        Kesalahan(
                            f"sheet berisi lebih dari {format_angka(maks_baris)} baris data; "
                            "pecah menjadi beberapa berkas",
                            nama,
                        )
                    ]
                )
        if baris and nomor <= baris[-1].nomor:
            raise ImporError([Kesalahan(PESAN_RUSAK, nama)])
        baris.append(BarisMentah(nomor, terisi))
    return Lembar(nama, tuple(baris))


def _dari_defusedxml(exc: BaseException) -> bool:
    """Whether defusedxml refused some XML (openpyxl re-raises it as a ValueError)."""
    dilihat = set()
    while exc is not None and id(exc) not in dilihat:
        if isinstance(exc, DefusedXmlException):
            return True
        dilihat.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _buka(isi: bytes, anggaran: _Anggaran) -> tuple[_Sumber, list[tuple[str, str | None]]]:
    """The workbook's shared strings and styles, and its sheets as (name, worksheet part or
    None for a chart sheet), read
    with openpyxl's own steps but not ``load_workbook``: in read-only mode that parses every
    worksheet of the file once just to find its size (unbounded memory for a sheet without
    a ``<dimension>``), and its shared-strings reader keeps an element per string."""
    pembaca = ExcelReader(io.BytesIO(isi), read_only=True, data_only=False, keep_links=False)
    arsip = pembaca.archive
    _periksa_bagian(arsip, ARC_CONTENT_TYPES)
    pembaca.read_manifest()
    bagian_wb = _find_workbook_part(pembaca.package).PartName[1:]
    _periksa_bagian(arsip, bagian_wb)
    _periksa_bagian(arsip, get_rels_path(bagian_wb))
    pembaca.read_workbook()
    _periksa_bagian(arsip, ARC_STYLE)
    apply_stylesheet(arsip, pembaca.wb)
    wb = pembaca.wb
    teks_bersama: list[str] = []
    bagian_teks = pembaca.package.find(SHARED_STRINGS)
    if bagian_teks is not None:
        teks_bersama = _baca_teks_bersama(arsip, bagian_teks.PartName[1:], anggaran)
    lembar = [
        (sheet.name, None if "chartsheet" in rel.Type else rel.target)
        for sheet, rel in pembaca.parser.find_sheets()
        if rel.target in pembaca.valid_files
    ]
    sumber = _Sumber(
        arsip,
        teks_bersama,
        list(wb._cell_styles),
        wb.epoch,
        wb._date_formats,
        wb._timedelta_formats,
    )
    return sumber, lembar


def baca_buku_kerja(
    data: bytes | bytearray | memoryview | BinaryIO, *, sheets: Iterable[str]
) -> BukuKerja:
    """Read the named sheets (case-insensitive; absent ones are simply missing) safely.

    ``data`` is the file's bytes or a binary file object (read up to the size limit).
    Raises ``ImporError`` for every kind of bad input, never anything else.
    """
    _pastikan_defusedxml()
    isi = _baca_bytes(data, _batas("WORKBOOK_MAX_BYTES", MAX_BYTES))
    _periksa_zip(isi)
    maks_baris = _batas("WORKBOOK_MAX_ROWS", MAX_ROWS)
    anggaran = _Anggaran(_batas("WORKBOOK_MAX_CELLS", MAX_CELLS))
    diminta = {nama.strip().lower() for nama in sheets}
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions, styles and the like; irrelevant here.
            warnings.simplefilter("ignore")
            sumber, daftar = _buka(isi, anggaran)
            with sumber.arsip:
                lembar: dict[str, Lembar] = {}
                for nama, bagian in daftar:
                    kunci = nama.strip().lower()
                    if bagian and kunci in diminta and kunci not in lembar:
                        lembar[kunci] = _baca_lembar(sumber, bagian, nama, maks_baris, anggaran)
    except ImporError:
        raise
    except Exception as exc:
        pesan = PESAN_RUSAK
        if _dari_defusedxml(exc):
            pesan = (
                "Buku kerja berisi XML yang tidak diizinkan (DTD/entitas); berkas ditolak demi "
                "keamanan."
            )
        raise ImporError([Kesalahan(pesan)]) from exc
    return BukuKerja(lembar, tuple(nama for nama, _ in daftar))


# Writing


HEADER_FONT = Font(bold=True)
_AWALAN_RUMUS = ("=", "+", "-", "@")


def tulis_teks(ws: Worksheet, baris: int, kolom: int, teks: str | None) -> None:
    """Write text that Excel will keep as text, exactly.

    A value starting with ``=``, ``+``, ``-`` or ``@`` is stored as a string (never a formula)
    and marked with quotePrefix, as Excel does for text typed after an apostrophe; the reader
    accepts such cells, so the round trip is exact. Characters XML cannot carry are dropped.
    """
    teks = ILLEGAL_CHARACTERS_RE.sub("", teks or "")
    if not teks:
        return
    cell = ws.cell(row=baris, column=kolom)
    cell.value = teks
    if teks.startswith(_AWALAN_RUMUS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _seperti_dibaca(value: int | float) -> Decimal:
    """What the reader will get back for a number written by openpyxl (``%.16g`` text)."""
    teks = f"{value:.16g}"  # openpyxl writes numbers with "%.16g"
    kembali = float(teks) if any(c in teks for c in ".eE") else int(teks)
    return Decimal(kembali) if isinstance(kembali, int) else Decimal(repr(kembali))


def tulis_angka(ws: Worksheet, baris: int, kolom: int, angka: Decimal | None) -> None:
    """A number cell when Excel's doubles keep it exact, else Indonesian text (``1.234,5``)
    that ``parse_angka`` reads back exactly."""
    if angka is None:
        return
    cell = ws.cell(row=baris, column=kolom)
    nilai: int | float = int(angka) if angka == angka.to_integral_value() else float(angka)
    if _seperti_dibaca(nilai) == angka:
        cell.value = nilai
    else:
        cell.value = format_desimal(angka.normalize())


def tulis_header(ws: Worksheet, judul: Sequence[str], lebar: Mapping[str, float]) -> None:
    """Bold header in row 1, frozen, with column widths."""
    for indeks, nama in enumerate(judul, start=1):
        cell = ws.cell(row=1, column=indeks, value=nama)
        cell.font = HEADER_FONT
        ws.column_dimensions[get_column_letter(indeks)].width = lebar.get(nama, 18)
    ws.freeze_panes = "A2"


def simpan(wb: openpyxl.Workbook) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
