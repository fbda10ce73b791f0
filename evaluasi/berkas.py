"""What an uploaded evidence file is, read from its bytes only (never its name or the type the
browser sent), and where it is stored.

Accepted: PDF, JPEG, PNG, XLSX, DOCX. The rule, per type:

- PDF: starts with ``%PDF-`` and has ``%%EOF`` in its last 1 kB;
- PNG: the 8-byte signature, then an ``IHDR`` chunk; JPEG: ``FF D8 FF`` and the end marker
  ``FF D9`` in its last bytes; both then opened by Pillow (header and size only: a
  decompression bomb is refused by Pillow's pixel limit) and ``verify()``-ed;
- XLSX and DOCX: a zip (Office Open XML) whose entry count and declared uncompressed size are
  bounded (a zip bomb is refused before anything is inflated), without a VBA project, whose
  ``[Content_Types].xml`` (at most 1 MB, parsed with defusedxml) names the main part of a
  plain workbook (``xl/workbook.xml``, spreadsheetml.sheet.main) or a plain document
  (``word/document.xml``, wordprocessingml.document.main), and that part is in the zip.
  Macro-enabled files (xlsm, docm), templates and every other zip are refused. Nothing but
  ``[Content_Types].xml`` is ever inflated.

The type found is the type stored: a Word document named ``laporan.pdf`` is kept as a Word
document, its name's extension corrected to ``.docx`` (the user is told). Anything else (an
EXE named ``.pdf``, a macro workbook, a truncated PDF) is refused with a message.
"""

import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import PurePosixPath

from defusedxml import ElementTree
from django.conf import settings

from dasar.angka import format_angka
from evaluasi.models import JenisBerkas

MAX_BYTES = 10 * 1024 * 1024  # BUKTI_MAX_BYTES
MAX_ENTRI_ZIP = 2000
MAX_UNCOMPRESSED_ZIP = 200 * 1024 * 1024
MAX_CONTENT_TYPES = 1024 * 1024

EKSTENSI = {
    JenisBerkas.PDF: "pdf",
    JenisBerkas.JPEG: "jpg",
    JenisBerkas.PNG: "png",
    JenisBerkas.XLSX: "xlsx",
    JenisBerkas.DOCX: "docx",
}
MIME = {
    JenisBerkas.PDF: "application/pdf",
    JenisBerkas.JPEG: "image/jpeg",
    JenisBerkas.PNG: "image/png",
    JenisBerkas.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JenisBerkas.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The main part of each Office Open XML type accepted (content type, part name).
UTAMA_OOXML = {
    JenisBerkas.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "/xl/workbook.xml",
    ),
    JenisBerkas.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "/word/document.xml",
    ),
}
NS_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

PESAN_JENIS = (
    "Jenis berkas tidak diterima: hanya PDF, JPEG, PNG, Excel (.xlsx) dan Word (.docx), "
    "dikenali dari isinya, bukan dari namanya."
)


class BerkasDitolak(Exception):
    pass


@dataclass(frozen=True)
class HasilPeriksa:
    jenis: str  # a JenisBerkas value
    isi: bytes
    nama: str  # the name to show and to download as, extension matching the content
    sha256: str
    diganti: bool  # the name's extension was corrected


def batas_ukuran() -> int:
    return int(getattr(settings, "BUKTI_MAX_BYTES", MAX_BYTES))


def teks_ukuran(n: int) -> str:
    """``2,5 MB``, ``120 kB``, ``900 byte``."""
    if n >= 1024 * 1024:
        return format_angka(Fraction(n, 1024 * 1024), desimal=1).removesuffix(",0") + " MB"
    if n >= 1024:
        return format_angka(Fraction(n, 1024), desimal=0) + " kB"
    return f"{n} byte"


def _ooxml(isi: bytes) -> str:
    try:
        arsip = zipfile.ZipFile(io.BytesIO(isi))
        entri = arsip.infolist()
    except Exception as exc:
        raise BerkasDitolak(PESAN_JENIS) from exc
    with arsip:
        if len(entri) > MAX_ENTRI_ZIP or sum(i.file_size for i in entri) > MAX_UNCOMPRESSED_ZIP:
            raise BerkasDitolak("Berkas arsip terlalu besar setelah diekstrak; ditolak.")
        nama = {i.filename for i in entri}
        if any("vbaproject" in n.lower() or n.lower().startswith("xl/macrosheets/") for n in nama):
            raise BerkasDitolak("Berkas berisi makro (VBA); simpan sebagai .xlsx/.docx biasa.")
        info = next((i for i in entri if i.filename == "[Content_Types].xml"), None)
        if info is None or info.file_size > MAX_CONTENT_TYPES:
            raise BerkasDitolak(PESAN_JENIS)
        try:
            with arsip.open(info) as f:
                xml = f.read(MAX_CONTENT_TYPES + 1)
            akar = ElementTree.fromstring(xml, forbid_dtd=True)
        except Exception as exc:
            raise BerkasDitolak(PESAN_JENIS) from exc
    override = {
        (el.get("PartName") or ""): (el.get("ContentType") or "").lower()
        for el in akar.iter(f"{NS_CT}Override")
    }
    if any("macroenabled" in ct for ct in override.values()):
        raise BerkasDitolak("Berkas berisi makro (VBA); simpan sebagai .xlsx/.docx biasa.")
    for jenis, (ct, bagian) in UTAMA_OOXML.items():
        if override.get(bagian) == ct and bagian.lstrip("/") in nama:
            return jenis
    raise BerkasDitolak(PESAN_JENIS)


def _gambar(isi: bytes, jenis: str) -> str:
    from PIL import Image  # only where an image is checked

    try:
        with Image.open(io.BytesIO(isi)) as gambar:
            format_ = gambar.format
            gambar.verify()
    except Image.DecompressionBombError as exc:
        raise BerkasDitolak("Gambar terlalu besar (jumlah piksel); ditolak.") from exc
    except Exception as exc:
        raise BerkasDitolak("Gambar rusak atau tidak lengkap; ditolak.") from exc
    if (format_, jenis) not in (("PNG", JenisBerkas.PNG), ("JPEG", JenisBerkas.JPEG)):
        raise BerkasDitolak(PESAN_JENIS)
    return jenis


def kenali(isi: bytes) -> str:
    """The JenisBerkas of ``isi`` by its content; ``BerkasDitolak`` otherwise."""
    if isi.startswith(b"%PDF-"):
        if b"%%EOF" not in isi[-1024:]:
            raise BerkasDitolak("Berkas PDF tidak lengkap (terpotong); ditolak.")
        return JenisBerkas.PDF
    if isi.startswith(b"\x89PNG\r\n\x1a\n") and isi[12:16] == b"IHDR":
        return _gambar(isi, JenisBerkas.PNG)
    if isi.startswith(b"\xff\xd8\xff"):
        if b"\xff\xd9" not in isi[-64:]:
            raise BerkasDitolak("Gambar rusak atau tidak lengkap; ditolak.")
        return _gambar(isi, JenisBerkas.JPEG)
    if isi.startswith(b"PK\x03\x04"):
        return _ooxml(isi)
    raise BerkasDitolak(PESAN_JENIS)


_TIDAK_AMAN = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def nama_aman(nama: str, jenis: str) -> tuple[str, bool]:
    """The name shown and downloaded as: no path, no control or quoting characters, at most
    120 characters, its extension the content's (``True`` when it had to change)."""
    nama = unicodedata.normalize("NFC", PurePosixPath(nama.replace("\\", "/")).name)
    nama = _TIDAK_AMAN.sub("_", nama).strip(" ._") or "berkas"
    dasar, titik, ekstensi = nama.rpartition(".")
    if not titik or not dasar:
        dasar, ekstensi = nama, ""
    benar = EKSTENSI[jenis]
    sah = {benar, "jpeg"} if jenis == JenisBerkas.JPEG else {benar}
    if ekstensi.lower() in sah:
        return f"{dasar[:110]}.{ekstensi.lower()}", False
    return f"{dasar[:110]}.{benar}", bool(ekstensi)


def periksa(berkas, nama: str) -> HasilPeriksa:
    """Read an uploaded file (up to the limit) and tell what it is; ``BerkasDitolak``
    with an Indonesian message otherwise."""
    maks = batas_ukuran()
    if getattr(berkas, "size", None) is not None and berkas.size > maks:
        raise BerkasDitolak(f"Berkas terlalu besar; ukuran maksimal {teks_ukuran(maks)}.")
    isi = berkas.read(maks + 1)
    if len(isi) > maks:
        raise BerkasDitolak(f"Berkas terlalu besar; ukuran maksimal {teks_ukuran(maks)}.")
    if not isi:
        raise BerkasDitolak("Berkas kosong.")
    jenis = kenali(isi)
    tampil, diganti = nama_aman(nama, jenis)
    return HasilPeriksa(jenis, isi, tampil, hashlib.sha256(isi).hexdigest(), diganti)


def jalur_acak(organisasi_id: int, jenis: str) -> str:
    """Where a file goes in default_storage: not guessable, not derived from its name."""
    return f"bukti-dukung/{organisasi_id}/{secrets.token_urlsafe(24)}.{EKSTENSI[jenis]}"
