"""Is this PDF a report this application issued, unaltered? One answer for the public upload
page and for ``manage.py verifikasi_pdf``.

A file is genuine (``asli``) iff both hold:

1. its SHA-256 equals the ``sha256`` of a stored ``LaporanTertanda``: the very bytes that
   were issued, not one byte more or less; and
2. its signature passes ``periksa_tanda_tangan`` with that version's certificate pinned by its
   stored ``sertifikat_sidik``, checked as of the version's ``ditandatangani_pada`` and, when
   the organisasi has a chain file (``berkas_rantai``), chained to it (see
   ``laporan.tanda_tangan``).

A superseded version (its month was reopened) is still genuine: it is what was issued then.
The result says so (``berlaku`` False) and names the current version when there is one.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dasar.tampilan import format_tanggal
from laporan import dokumen_lain
from laporan.models import LaporanTertanda

if TYPE_CHECKING:
    from laporan.tanda_tangan import HasilPeriksa

logger = logging.getLogger(__name__)

PESAN_TIDAK_COCOK = (
    "Berkas ini tidak cocok dengan dokumen mana pun yang diterbitkan aplikasi ini; mungkin "
    "telah diubah."
)


@dataclass(frozen=True)
class HasilVerifikasi:
    asli: bool
    pesan: str
    laporan: LaporanTertanda | None = None
    berlaku: bool = False
    versi_terbaru: LaporanTertanda | None = None
    periksa: HasilPeriksa | None = None
    bukan_pdf: bool = False

    @property
    def digantikan(self) -> bool:
        return self.laporan is not None and not self.berlaku


def versi_berlaku(laporan: LaporanTertanda) -> LaporanTertanda | None:
    """The current version of the same month, if it is another row than ``laporan`` (of
    the same document, for a kind registered in ``laporan.dokumen_lain``)."""
    jenis = dokumen_lain.jenis_dari(laporan)
    if jenis is not None:
        return jenis.versi_berlaku(laporan)
    return (
        LaporanTertanda.objects.untuk_bulan(laporan.organisasi, laporan.tahun, laporan.bulan)
        .berlaku()
        .exclude(pk=laporan.pk)
        .select_related("organisasi")
        .first()
    )


def periksa_laporan(laporan: LaporanTertanda, data: bytes) -> HasilPeriksa:
    """Check ``data``'s signature against ``laporan``'s pinned certificate and chain."""
    from laporan.tanda_tangan import (
        HasilPeriksa,
        TandaTanganError,
        periksa_tanda_tangan,
        rantai_dipercaya,
    )

    try:
        akar = rantai_dipercaya(laporan.organisasi)
    except TandaTanganError as exc:
        logger.error("Rantai sertifikat %s tidak dapat dibaca: %s", laporan.organisasi, exc)
        return HasilPeriksa(
            sah=False,
            pesan=(
                "Rantai sertifikat yang diatur untuk organisasi ini tidak dapat dibaca di "
                "server, sehingga tanda tangan tidak dapat diperiksa. Hubungi admin dinas."
            ),
        )
    return periksa_tanda_tangan(
        data,
        sertifikat_dipercaya=[laporan.sertifikat_sidik],
        akar=akar,
        waktu=laporan.ditandatangani_pada,
    )


def uraian_dokumen(laporan: LaporanTertanda) -> str:
    """``laporan <organisasi> <periode> versi N``, or a registered kind's own words."""
    jenis = dokumen_lain.jenis_dari(laporan)
    if jenis is not None:
        return jenis.uraian(laporan)
    return f"laporan {laporan.organisasi.nama} {laporan.periode} versi {laporan.versi}"


def sebab_tidak_berlaku(laporan: LaporanTertanda) -> str:
    """Why a superseded version is no longer current (the month was reopened, or ...)."""
    jenis = dokumen_lain.jenis_dari(laporan)
    if jenis is not None:
        return jenis.sebab_tidak_berlaku(laporan)
    return "bulannya dibuka kembali untuk perbaikan"


def _status_digantikan(terbaru: LaporanTertanda | None, laporan: LaporanTertanda) -> str:
    if terbaru is not None:
        return f"Versi ini sudah digantikan oleh versi {terbaru.versi}."
    return f"Versi ini sudah tidak berlaku: {sebab_tidak_berlaku(laporan)}."


def verifikasi_berkas(data: bytes) -> HasilVerifikasi:
    from laporan.tanda_tangan import periksa_tanda_tangan  # pyHanko, on first use

    data = bytes(data)
    if b"%PDF-" not in data[:1024]:  # a PDF's header is within its first kilobyte
        return HasilVerifikasi(
            asli=False,
            bukan_pdf=True,
            pesan=(
                "Berkas ini bukan PDF, jadi tidak dapat diperiksa. Unggah berkas PDF laporan "
                "persis seperti yang Anda terima atau unduh (bukan foto, hasil pindai, atau "
                "dokumen Word/Excel-nya)."
            ),
        )
    sha = hashlib.sha256(data).hexdigest()
    laporan = LaporanTertanda.objects.select_related("organisasi").filter(sha256=sha).first()
    if laporan is None:
        laporan = dokumen_lain.cari_sha256(sha)
    if laporan is None:
        periksa = periksa_tanda_tangan(data, sertifikat_dipercaya=[])
        return HasilVerifikasi(
            asli=False,
            pesan=f"{PESAN_TIDAK_COCOK} {_tentang_tanda_tangan(periksa)}",
            periksa=periksa,
        )

    periksa = periksa_laporan(laporan, data)
    terbaru = None if laporan.berlaku else versi_berlaku(laporan)
    if not periksa.sah:
        return HasilVerifikasi(
            asli=False,
            pesan=(
                "Berkas ini sama dengan dokumen yang tercatat, tetapi tanda tangan digitalnya "
                f"tidak dapat diverifikasi: {periksa.pesan}"
            ),
            laporan=laporan,
            berlaku=laporan.berlaku,
            versi_terbaru=terbaru,
            periksa=periksa,
        )
    pesan = (
        f"Dokumen asli: berkas ini sama persis dengan {uraian_dokumen(laporan)} yang "
        "diterbitkan aplikasi ini, dan tanda tangan digitalnya sah."
    )
    if not laporan.berlaku:
        pesan += " " + _status_digantikan(terbaru, laporan)
    return HasilVerifikasi(
        asli=True,
        pesan=pesan,
        laporan=laporan,
        berlaku=laporan.berlaku,
        versi_terbaru=terbaru,
        periksa=periksa,
    )


def _tentang_tanda_tangan(periksa: HasilPeriksa) -> str:
    """What the signature inside a file that matches no issued document says."""
    if not periksa.utuh:
        return f"Pemeriksaan tanda tangan digital: {periksa.pesan}"
    if LaporanTertanda.objects.filter(
        sertifikat_sidik=periksa.sidik
    ).exists() or dokumen_lain.sidik_dikenal(periksa.sidik):
        return (
            "Tanda tangan digital di dalamnya utuh dan dibuat dengan sertifikat yang dipakai "
            "aplikasi ini, tetapi berkas ini tidak tercatat sebagai dokumen yang diterbitkan."
        )
    return (
        "Tanda tangan digital di dalamnya utuh, tetapi dibuat dengan sertifikat yang tidak "
        f"dikenal aplikasi ini ({periksa.penanda})."
    )


def detail_laporan(laporan: LaporanTertanda) -> list[tuple[str, str]]:
    """The label/value rows shown for a version (web page and command)."""
    from laporan.tanda_tangan import teks_waktu

    jenis = dokumen_lain.jenis_dari(laporan)
    if jenis is not None:
        return jenis.detail(laporan)
    if laporan.berlaku:
        status = "Berlaku"
    else:
        status = f"Digantikan: bulan dibuka kembali pada {teks_waktu(laporan.digantikan_pada)}"
        if laporan.dibuka_oleh:
            status += f" oleh {laporan.dibuka_oleh}"
        if laporan.alasan_dibuka:
            status += f", alasan: {laporan.alasan_dibuka}"
    penanda = [laporan.penanda_nama, laporan.penanda_jabatan, laporan.penanda_pangkat]
    if laporan.penanda_nip:
        penanda.append(f"NIP {laporan.penanda_nip}")
    return [
        ("Organisasi", laporan.organisasi.nama),
        ("Periode", laporan.periode),
        ("Versi", str(laporan.versi)),
        ("Status", status),
        ("Penanda tangan", ", ".join(p for p in penanda if p)),
        ("Ditandatangani pada", teks_waktu(laporan.ditandatangani_pada)),
        ("Tanggal laporan", format_tanggal(laporan.tanggal)),
        ("SHA-256", laporan.sha256),
        ("Sertifikat", f"{laporan.sertifikat_subjek} (sidik SHA-256 {laporan.sertifikat_sidik})"),
    ]
