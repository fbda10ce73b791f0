"""The plan's documents as Excel workbooks: the rows ``rencana.cetak`` built, one sheet per
document, with the letterhead lines on top and the signature lines at the bottom.

Numbers are number cells. Targets, realisasi and capaian stay in the plan's own units: a
percentage is the number in percent units (82.2) with a ``0.00"%"``-style format, the way
the plan's targets are written (100, 1,5, 95), so a user can set realisasi against target
without converting; counts get ``#,##0``. The viewer's locale supplies the separators
(82,20% and 6.780 on an Indonesian Excel). A target or realisasi written as text (``B
(Baik)``, ``CC (58,30)``) stays text. All text goes through ``laporan.excel.teks_aman``.
"""

import math
from fractions import Fraction
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dasar.excel import BUNGKUS, KOTAK, LATAR_KEPALA, TEBAL, TENGAH, gabung, tulis
from rencana.cetak import STRIP, Dokumen, Sel, Tabel

LEBAR_PER_SATUAN = 0.6  # a column weight (about mm at 7pt in the PDF) to Excel characters
LEBAR_MAKS = 70
TINGGI_BARIS = 12.5  # points per line of wrapped 10pt text
FONT_ISI = Font(size=10)
TENGAH_ATAS = Alignment(horizontal="center", vertical="top", wrap_text=True)
LATAR_KELOMPOK = PatternFill("solid", fgColor="F0F0F0")
LATAR_TINGKAT = {
    "tingkat-0": PatternFill("solid", fgColor="E9EEF5"),
    "tingkat-1": PatternFill("solid", fgColor="F1F4F8"),
    "tingkat-2": PatternFill("solid", fgColor="F7F7F7"),
}


def format_angka_excel(sel: Sel) -> str:
    """``#,##0``, ``#,##0.##``, ``#,##0.00`` (2 decimals asked), with ``"%"`` appended for
    a percentage in percent units."""
    if sel.desimal:
        fmt = "#,##0." + "0" * sel.desimal
    elif sel.nilai is not None and Fraction(sel.nilai).denominator != 1:
        fmt = "#,##0.##"
    else:
        fmt = "#,##0"
    return f'{fmt}"%"' if sel.persen else fmt


def _nilai_sel(sel: Sel) -> int | float | str | None:
    """The cell value: the number, else the text; nothing for the printed "-"."""
    if sel.nilai is None:
        return None if sel.teks == STRIP and not sel.paragraf else sel.teks_polos
    nilai = Fraction(sel.nilai)
    return int(nilai) if nilai.denominator == 1 else float(nilai)


def latar_tipis(warna: str) -> PatternFill | None:
    """A light tint (a quarter of the colour on white) of a band colour, for the cell."""
    if not warna:
        return None
    hex_ = warna.lstrip("#")
    if len(hex_) == 3:
        hex_ = "".join(c * 2 for c in hex_)
    try:
        rgb = [int(hex_[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return None
    tipis = "".join(f"{round(255 - (255 - c) * 0.35):02X}" for c in rgb)
    return PatternFill("solid", fgColor=tipis)


class _Lembar:
    def __init__(self, ws: Worksheet, jumlah_kolom: int, lebar: list[float]):
        self.ws = ws
        self.n = jumlah_kolom
        self.lebar = lebar
        self.baris = 1

    def garis_tengah(self, teks: str, font: Font | None = None) -> None:
        if teks:
            cell = tulis(self.ws, self.baris, 1, teks)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
            if font is not None:
                cell.font = font
            gabung(self.ws, self.baris, 1, self.n)
        self.baris += 1

    def teks(self, kolom: int, teks: str, font: Font | None = None) -> None:
        if teks:
            cell = tulis(self.ws, self.baris, kolom, teks)
            if font is not None:
                cell.font = font
        self.baris += 1

    def _perkiraan_baris(self, sel: Sel, kolom: int) -> int:
        """Lines a wrapped cell needs at its merged width (for the row height)."""
        lebar = sum(self.lebar[kolom - 1 : kolom - 1 + max(sel.colspan, 1)]) or 10
        teks = sel.teks_polos
        return sum(max(1, math.ceil(len(b) * 1.1 / lebar)) for b in teks.split("\n")) or 1

    def tabel(self, tabel: Tabel) -> tuple[int, int]:
        """Writes the table; returns the first and last header row."""
        ws = self.ws
        for judul in tabel.judul:
            self.garis_tengah(judul, TEBAL)
        for label, isi in tabel.info:
            tulis(ws, self.baris, 1, label)
            gabung(ws, self.baris, 1, 2)
            cell = tulis(ws, self.baris, 3, f": {isi}" if isi else ":")
            cell.alignment = BUNGKUS
            gabung(ws, self.baris, 3, self.n)
            ws.row_dimensions[self.baris].height = TINGGI_BARIS * (isi.count("\n") + 1) + 2
            self.baris += 1
        if tabel.info:
            self.baris += 1
        kepala_awal = self.baris
        for baris in tabel.kepala:
            self._baris(baris, kepala=True)
        kepala_akhir = self.baris - 1
        if not tabel.baris:
            cell = tulis(ws, self.baris, 1, tabel.kosong)
            cell.alignment = Alignment(horizontal="center")
            cell.font = Font(italic=True)
            gabung(ws, self.baris, 1, tabel.jumlah_kolom)
            self.baris += 1
        sisa: dict[int, float] = {}  # row offset -> height still owed to a tall merged cell
        for baris in tabel.baris:
            self._baris(baris, kepala=False, sisa=sisa)
        return kepala_awal, kepala_akhir

    def _baris(self, baris: tuple[Sel, ...], *, kepala: bool, sisa=None) -> None:
        ws = self.ws
        r = self.baris
        tinggi = 1
        for kolom, sel in enumerate(baris, start=1):
            cell = ws.cell(row=r, column=kolom)
            cell.border = KOTAK
            if sel.tertutup:
                continue
            cell = tulis(ws, r, kolom, _nilai_sel(sel))
            gaya = sel.gaya.split()
            if kepala:
                cell.font = TEBAL if "nomor-kolom" not in gaya else Font(size=8)
                cell.fill = LATAR_KEPALA
                cell.alignment = TENGAH
            else:
                cell.font = FONT_ISI
                cell.alignment = TENGAH_ATAS if "tengah" in gaya else BUNGKUS
                utama = {"tingkat-0", "tingkat-1", "tingkat-2"} & set(gaya)
                if "tebal" in gaya or "kelompok" in gaya or ("uraian" in gaya and utama):
                    cell.font = Font(size=10, bold=True)
                if "kelompok" in gaya:
                    cell.fill = LATAR_KELOMPOK
                for g in gaya:
                    if g in LATAR_TINGKAT:
                        cell.fill = LATAR_TINGKAT[g]
                if "uraian" in gaya:
                    tingkat = next((int(g[-1]) for g in gaya if g.startswith("tingkat-")), 0)
                    cell.alignment = Alignment(wrap_text=True, vertical="top", indent=tingkat)
                if (latar := latar_tipis(sel.warna)) is not None:
                    cell.fill = latar
            if sel.nilai is not None:
                cell.number_format = format_angka_excel(sel)
            if sel.rowspan > 1 or sel.colspan > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=kolom,
                    end_row=r + max(sel.rowspan, 1) - 1,
                    end_column=kolom + max(sel.colspan, 1) - 1,
                )
            baris_perlu = self._perkiraan_baris(sel, kolom)
            if sel.rowspan > 1 and sisa is not None:
                baris_perlu = math.ceil(baris_perlu / sel.rowspan)
            tinggi = max(tinggi, baris_perlu)
        ws.row_dimensions[r].height = TINGGI_BARIS * tinggi + 3
        self.baris += 1


def _lebar_kolom(dok: Dokumen) -> list[float]:
    n = max(t.jumlah_kolom for t in dok.tabel)
    lebar = [8.0] * n
    for t in dok.tabel:
        for i, w in enumerate(t.lebar):
            lebar[i] = max(lebar[i], min(LEBAR_MAKS, w * LEBAR_PER_SATUAN))
    return lebar


def xlsx_dokumen(dok: Dokumen) -> bytes:
    """The document as a one-sheet workbook."""
    org = dok.organisasi
    wb = Workbook()
    ws = wb.active
    ws.title = {
        "lampiran-iku": "Lampiran IKU",
        "target": "Target",
        "cascading": "Cascading",
        "capaian": "Capaian",
    }.get(dok.jenis, "Dokumen")
    wb.properties.title = dok.judul_dokumen
    wb.properties.creator = org.nama
    wb.properties.language = "id-ID"
    lebar = _lebar_kolom(dok)
    n = len(lebar)
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    lembar = _Lembar(ws, n, lebar)

    laman = f"Laman {org.laman}" if org.laman else ""
    pos_el = f"Pos-el : {org.email}" if org.email else ""
    for teks, font in (
        (org.pemerintah.upper(), Font(bold=True, size=13)),
        ((org.dinas or org.nama).upper(), Font(bold=True, size=15)),
        (org.alamat, None),
        (f"Telepon {org.telepon}" if org.telepon else "", None),
        (", ".join(t for t in (laman, pos_el) if t), None),
    ):
        if teks:
            lembar.garis_tengah(teks, font)
    lembar.baris += 1

    kanan = max(1, n - 3)  # the LAMPIRAN block and the signature sit at the right
    if dok.lampiran:
        for label, isi in dok.lampiran:
            lembar.teks(kanan, f"{label} : {isi}" if isi else label)
        lembar.baris += 1
    for judul in dok.judul:
        lembar.garis_tengah(judul, Font(bold=True, size=12))

    kepala = []
    for tabel in dok.tabel:
        lembar.baris += 1
        kepala.append(lembar.tabel(tabel))

    lembar.baris += 1
    for skala in dok.skala:
        tulis(ws, lembar.baris, 1, f"{skala.judul}:").font = TEBAL
        gabung(ws, lembar.baris, 1, 2)
        for kolom, p in enumerate(skala.pita, start=3):
            if kolom > n:
                break
            cell = tulis(ws, lembar.baris, kolom, f"{p.label} {p.batas}")
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
            if (latar := latar_tipis(p.warna)) is not None:
                cell.fill = latar
        ws.row_dimensions[lembar.baris].height = TINGGI_BARIS * 2 + 2
        lembar.baris += 1
    for k in dok.keterangan:
        cell = tulis(ws, lembar.baris, 1, k)
        cell.alignment = BUNGKUS
        cell.font = Font(size=9, italic=True)
        gabung(ws, lembar.baris, 1, n)
        ws.row_dimensions[lembar.baris].height = TINGGI_BARIS * 2 + 2
        lembar.baris += 1

    lembar.baris += 1
    p = dok.penandatangan
    for teks, font in (
        (p.tempat_tanggal, None),
        *((j, None) for j in p.jabatan),
        ("", None),
        ("", None),
        ("", None),
        (p.nama, Font(bold=True, underline="single")),
        (p.pangkat, None),
        (p.nip, None),
    ):
        lembar.teks(kanan, teks, font)

    # Print setup: A4 landscape fitted to the page width; with one table its header is
    # frozen and repeated on every printed page.
    if len(kepala) == 1:
        awal, akhir = kepala[0]
        ws.freeze_panes = ws.cell(row=akhir + 1, column=1)
        ws.print_title_rows = f"{awal}:{akhir}"
    ws.print_area = f"A1:{get_column_letter(n)}{lembar.baris}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.sheet_view.showGridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Halaman &P dari &N"

    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
