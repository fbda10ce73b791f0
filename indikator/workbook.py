"""A safe .xlsx reader shared by every workbook import, and small helpers for writing.

Uploaded workbooks come from anyone with an admin login, so the reader assumes hostile
bytes: it bounds the file size, the zip's entry count and uncompressed size (zip bombs),
relies on defusedxml for XML entity attacks, reads with ``read_only=True`` so memory stays
flat, and bounds the rows and columns it looks at. Whatever the bytes, the only exception
that leaves ``baca_buku_kerja`` is ``ImporError``.

Formula cells are read with ``data_only=False`` on purpose: the cached value of a formula
is whatever Excel last computed (or nothing, for files written by other tools), so an
import refuses formulas in the columns it reads rather than guess.
"""

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml import functions

from indikator.angka import format_angka, format_desimal
from indikator.impor_dasar import ImporError, Kesalahan

# Defaults for limits that settings may override (WORKBOOK_MAX_UNCOMPRESSED_BYTES,
# WORKBOOK_MAX_ENTRIES). Real workbooks of this product are a few MB uncompressed.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 500
# Cells beyond this column are ignored, which bounds the length of every row kept (a stray
# cell at column XFD would otherwise make a row of 16,384 cells).
MAX_COLUMNS = 200
EXCEL_MAX_ROWS = 1_048_576

PESAN_BUKAN_XLSX = (
    "Berkas bukan buku kerja Excel (.xlsx). Simpan ulang dari Excel atau LibreOffice "
    "sebagai 'Buku Kerja Excel (.xlsx)' lalu unggah lagi."
)
PESAN_RUSAK = "Buku kerja tidak dapat dibaca (berkas rusak atau bukan .xlsx yang sah)."

_SPASI = re.compile(r"\s+")


@dataclass(frozen=True)
class Sel:
    """One non-blank cell: its value, or the reason it cannot be used (formula, error)."""

    nilai: object
    masalah: str | None = None


SEL_KOSONG = Sel(None)


@dataclass(frozen=True)
class BarisMentah:
    """A non-blank sheet row as read: ``nomor`` is the sheet's own row number (1-based)."""

    nomor: int
    sel: tuple[Sel, ...]

    def ambil(self, indeks: int) -> Sel:
        """The cell at 0-based column ``indeks`` (blank beyond the row's end)."""
        return self.sel[indeks] if indeks < len(self.sel) else SEL_KOSONG


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


def normalisasi_header(value: object) -> str:
    """``' Kode Program '`` -> ``'kode_program'``: trimmed, lowercase, spaces as ``_``."""
    if value is None:
        return ""
    return _SPASI.sub("_", str(value).strip().lower())


def rapikan(value: object) -> object:
    """Cell value as an import wants it: text stripped, blank text as None."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


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


def _ringkas(teks: str, panjang: int = 60) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1] + "…"


def _sel(value: object, data_type: str, quote_prefix: bool) -> Sel:
    if value is None:
        return SEL_KOSONG
    if data_type == "f":
        teks = value if isinstance(value, str) else getattr(value, "text", None)
        teks = teks if isinstance(teks, str) and teks else "tabel data"
        return Sel(None, f"berisi rumus Excel ({_ringkas(teks)}); isi dengan nilai, bukan rumus")
    if data_type == "e":
        return Sel(None, f"berisi galat Excel ({value}); isi dengan nilai yang benar")
    if isinstance(value, str):
        if not value.strip():
            return SEL_KOSONG
        # Text typed after an apostrophe ('=...) carries quotePrefix: Excel's own "this is text".
        if value.lstrip().startswith("=") and not quote_prefix:
            return Sel(
                None,
                f"berisi rumus Excel ({_ringkas(value.strip())}); isi dengan nilai, bukan rumus",
            )
    return Sel(value)


def _baris_xml(ws: ReadOnlyWorksheet) -> Iterator[tuple[int, list[dict]]]:
    """(row number, cells) of the rows the sheet's XML holds, only the cells present there.

    This is what ``ReadOnlyWorksheet.iter_rows`` does inside, minus the padding: iter_rows
    fills gaps with empty rows and cells, so ``<row r="1000000">`` or a cell at column XFD
    would make it yield millions of cells from a few bytes of XML.
    """
    wb = ws.parent
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=False,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        yield from parser.parse()


def _baca_lembar(ws: ReadOnlyWorksheet, nama: str, maks_baris: int) -> Lembar:
    gaya = ws.parent._cell_styles
    baris: list[BarisMentah] = []
    jumlah_data = 0
    for nomor, cells in _baris_xml(ws):
        if not 1 <= nomor <= EXCEL_MAX_ROWS:
            raise ImporError([Kesalahan(PESAN_RUSAK, nama)])
        terisi: dict[int, Sel] = {}
        for cell in cells:
            kolom = cell["column"]
            if not 1 <= kolom <= MAX_COLUMNS or cell["value"] is None:
                continue
            style_id = cell["style_id"] or 0
            quote_prefix = bool(style_id and gaya[style_id].quotePrefix)
            sel = _sel(cell["value"], cell["data_type"], quote_prefix)
            if sel is not SEL_KOSONG:
                terisi[kolom - 1] = sel
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
        sel = tuple(terisi.get(i, SEL_KOSONG) for i in range(max(terisi) + 1))
        baris.append(BarisMentah(nomor, sel))
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


def baca_buku_kerja(
    data: bytes | bytearray | memoryview | BinaryIO, *, sheets: Iterable[str]
) -> BukuKerja:
    """Read the named sheets (case-insensitive; absent ones are simply missing) safely.

    ``data`` is the file's bytes or a binary file object (read up to the size limit).
    Raises ``ImporError`` for every kind of bad input, never anything else.
    """
    _pastikan_defusedxml()
    isi = _baca_bytes(data, _batas("WORKBOOK_MAX_BYTES", 10 * 1024 * 1024))
    _periksa_zip(isi)
    maks_baris = _batas("WORKBOOK_MAX_ROWS", 20_000)
    diminta = {nama.strip().lower() for nama in sheets}
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions, styles and the like; irrelevant here.
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(
                io.BytesIO(isi), read_only=True, data_only=False, keep_links=False
            )
            try:
                nama_sheet = tuple(wb.sheetnames)
                lembar: dict[str, Lembar] = {}
                for nama in nama_sheet:
                    kunci = nama.strip().lower()
                    if kunci in diminta and kunci not in lembar:
                        lembar[kunci] = _baca_lembar(wb[nama], nama, maks_baris)
            finally:
                wb.close()
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
    return BukuKerja(lembar, nama_sheet)


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
