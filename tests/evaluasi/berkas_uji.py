"""Small real files made in memory for the evidence tests: a PNG and a JPEG (Pillow), a PDF
(WeasyPrint's minimal output is slow; a hand-written valid PDF is enough for sniffing), a
workbook (openpyxl), a Word document (the parts python-docx would write, by hand), and
impostors (an EXE, a macro workbook, a plain zip)."""

import io
import zipfile

import openpyxl
from PIL import Image


def png(ukuran=(40, 30), warna=(11, 83, 148)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", ukuran, warna).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Rekap PPKS"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CT_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{ct}"/></Types>'
)
DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOC_MAKRO = "application/vnd.ms-word.document.macroEnabled.main+xml"


def docx(ct: str = DOC_MAIN, vba: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT_DOCX.format(ct=ct))
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Berita acara</w:t></w:r>'
            "</w:p></w:body></w:document>",
        )
        if vba:
            z.writestr("word/vbaProject.bin", b"\x00" * 16)
    return out.getvalue()


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"


def zip_biasa() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("catatan.txt", "bukan dokumen Office")
    return out.getvalue()
