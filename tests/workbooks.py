"""Workbooks for import tests, built with openpyxl: a valid Indikator workbook from a list of
dicts, so that each broken case is a one-line change of a good one."""

import io
import zipfile
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from dasar.buku_kerja import tulis_teks
from indikator.impor import KOLOM

ORGANISASI_CONTOH = {
    "slug": "palangkaraya",
    "nama": "Dinas Sosial Kota Palangka Raya",
    "pemerintah": "Pemerintah Kota Palangka Raya",
    "dinas": "Dinas Sosial",
    "kota": "Palangka Raya",
}

_PROGRAM_REHAB = {
    "kode_program": "1.06.04",
    "program": "Rehabilitasi Sosial",
    "sasaran_program": "Meningkatnya Pelayanan Rehabilitasi Sosial",
    "indikator_program": "Persentase PPKS yang mendapat bantuan dan pelayanan",
    "target_program": "100%",
    "kode_indikator": "1.06.04.1",
    "indikator": "Persentase PPKS yang mendapat bantuan dan pelayanan",
    "agregasi": "rata-rata",
    "satuan": "Persentase (%)",
    "periode_pengukuran": "Bulanan",
    "sifat_target": "Tidak Kumulatif",
    "sumber_data": "Bidang Rehabilitasi Sosial",
}
_PROGRAM_DAYASOS = {
    "kode_program": "1.06.02",
    "program": "Pemberdayaan Sosial",
    "sasaran_program": "Meningkatnya Pemberdayaan Sosial",
    "indikator_program": "Persentase PSKS yang aktif dan kompeten dalam penanganan PPKS",
    "target_program": "100%",
    "kode_indikator": "1.06.02.1",
    "indikator": "Persentase PSKS yang aktif dan kompeten dalam penanganan PPKS",
    "agregasi": "jumlah",
    "satuan": "Persentase (%)",
    "sifat_target": "Tidak Kumulatif",
    "sumber_data": "Bidang Pemberdayaan Sosial",
}
_PSKS = "PSKS yang berkontribusi dalam penanganan PPKS"


def baris_contoh() -> list[dict]:
    """Seed 000's first two programs: five rumus rows (rows 2..6 of the sheet)."""

    def r(base, kode, bidang, uraian, pembagi, periode="bulanan", faktor="", bobot=""):
        return {
            **base,
            "kode_rumus": kode,
            "bidang": bidang,
            "uraian": uraian,
            "penyebut": "Jumlah PSKS" if base is _PROGRAM_DAYASOS else "Jumlah PPKS",
            "periode": periode,
            "faktor_tahunan": faktor,
            "bobot": bobot,
            "pembagi_default": pembagi,
        }

    return [
        r(_PROGRAM_REHAB, "R01", "Rehabilitasi Sosial",
          "Jumlah PPKS yang menerima layanan dan bantuan kebutuhan dasar", 46),
        r(_PROGRAM_DAYASOS, "R02", "Pemberdayaan sosial", f"{_PSKS} (frekuensi bulanan)", 45,
          bobot="1/3"),
        r(_PROGRAM_DAYASOS, "R03", "Pemberdayaan Sosial", f"{_PSKS} (frekuensi triwulan)", 5,
          "triwulan", "1/2", "1/3"),
        r(_PROGRAM_DAYASOS, "R04", "Pemberdayaan  Sosial", f"{_PSKS} (frekuensi triwulan)", 54,
          "triwulan", "1/2", "1/3"),
        r(_PROGRAM_DAYASOS, "R05", "Pemberdayaan Sosial", f"{_PSKS} (sesuai kondisi)", 1,
          "sesuai kondisi", "", "1/3"),
    ]  # fmt: skip


def ubah(rows: Sequence[dict], index: int, **perubahan: object) -> list[dict]:
    """A copy of ``rows`` with row ``index`` (0-based; sheet row index + 2) changed."""
    salinan = [dict(row) for row in rows]
    salinan[index].update(perubahan)
    return salinan


def xlsx(sheets: dict[str, Iterable[Sequence[object]]], *, rumus_excel: bool = True) -> bytes:
    """A workbook with the given sheets, rows written as given: ``=...`` becomes a formula,
    or with ``rumus_excel=False`` quote-prefixed text, as Excel stores text typed as '=..."""
    wb = Workbook()
    wb.remove(wb.active)
    for nama, rows in sheets.items():
        ws = wb.create_sheet(nama)
        for nomor, row in enumerate(rows, start=1):
            for kolom, value in enumerate(row, start=1):
                if isinstance(value, str) and not rumus_excel:
                    tulis_teks(ws, nomor, kolom, value)
                else:
                    ws.cell(row=nomor, column=kolom, value=value)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def tabel_indikator(rows: Sequence[dict], kolom: Sequence[str] = KOLOM) -> list[list[object]]:
    """Header and rows of an Indikator sheet; empty strings become blank cells."""
    return [list(kolom)] + [
        [None if row.get(k) in ("", None) else row.get(k) for k in kolom] for row in rows
    ]


def buku_indikator(
    rows: Sequence[dict],
    *,
    organisasi: dict | None = None,
    kolom: Sequence[str] = KOLOM,
    sheet: str = "Indikator",
    rumus_excel: bool = True,
) -> bytes:
    """A valid Indikator workbook (and an Organisasi sheet when ``organisasi`` is given)."""
    sheets: dict[str, list[list[object]]] = {sheet: tabel_indikator(rows, kolom)}
    if organisasi is not None:
        sheets["Organisasi"] = [["kunci", "nilai"], *([k, v] for k, v in organisasi.items())]
    return xlsx(sheets, rumus_excel=rumus_excel)


KOLOM_REALISASI = ("kode_rumus", "tahun", "bulan", "pembagi", "realisasi", "keterangan")


def buku_realisasi(
    rows: Iterable[Sequence[object]],
    *,
    kolom: Sequence[str] = KOLOM_REALISASI,
    rumus_excel: bool = True,
) -> bytes:
    return xlsx({"Realisasi": [list(kolom), *rows]}, rumus_excel=rumus_excel)


def ganti_bagian(data: bytes, nama: str, isi: bytes) -> bytes:
    """The same zip with part ``nama`` replaced (for hand-made XML payloads)."""
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as asal,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as tujuan,
    ):
        for info in asal.infolist():
            tujuan.writestr(info.filename, isi if info.filename == nama else asal.read(info))
    return keluaran.getvalue()


def dengan_teks_bersama(data: bytes, sst_xml: str) -> bytes:
    """The workbook with a shared-strings part (``<si>`` elements, as Excel writes text) that
    its cells can refer to with ``t="s"``; openpyxl itself writes inline strings."""
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as asal,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as tujuan,
    ):
        for info in asal.infolist():
            isi = asal.read(info)
            if info.filename == "[Content_Types].xml":
                isi = isi.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            tujuan.writestr(info.filename, isi)
        tujuan.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
            f'/spreadsheetml/2006/main">{sst_xml}</sst>',
        )
    return keluaran.getvalue()


_LOL = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
BILLION_LAUGHS_SHEET = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol1 "lol">' + _LOL + "]>"
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
).encode()
"""A billion-laughs worksheet: nine levels of entities, 10**8 "lol" once expanded."""
