"""Spreadsheet output shared by every document: the report's cell styles, formula-safe text
and the two cell helpers the documents write with."""

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

TIPIS = Side(style="thin", color="000000")
KOTAK = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
TEBAL = Font(bold=True)
LATAR_KEPALA = PatternFill("solid", fgColor="E6E6E6")
BUNGKUS = Alignment(wrap_text=True, vertical="top")
TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Text a spreadsheet would read as a formula (OWASP "CSV injection"), also after a tab/CR.
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def teks_aman(teks: str) -> str:
    """Text cell content that no spreadsheet evaluates.

    OWASP's advice: prefix a leading ``= + - @ TAB CR`` with a single quote. openpyxl stores
    the result as a plain shared string (``data_type`` "s", set again by ``tulis``); the
    quote stays visible, which is the point: the reader sees the value was neutralised."""
    return f"'{teks}" if teks.startswith(AWAL_RUMUS) else teks


def tulis(ws: Worksheet, baris: int, kolom: int, nilai: object) -> Cell:
    cell = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        cell.value = teks_aman(nilai)
        cell.data_type = "s"
    else:
        cell.value = nilai
    return cell


def gabung(ws: Worksheet, baris: int, dari: int, sampai: int) -> None:
    ws.merge_cells(start_row=baris, start_column=dari, end_row=baris, end_column=sampai)
