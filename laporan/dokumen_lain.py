"""Other kinds of signed document that the public verification pages check besides the
monthly report: a registry a higher floor declares into (``perjanjian`` registers its signed
Perjanjian Kinerja in its ``AppConfig.ready()``), so ``laporan`` never imports it.

A registered document is duck-typed like ``LaporanTertanda``: ``token``, ``pdf``, ``sha256``,
``organisasi``, ``versi``, ``periode``, ``nama_berkas``, ``berlaku``, ``sertifikat_sidik``,
``ditandatangani_pada``; the kind supplies the lookups and the words.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class JenisDokumen:
    kode: str  # the documents' ``JENIS_DOKUMEN``
    cari_token: Callable[[str], Any | None]
    cari_sha256: Callable[[str], Any | None]
    versi_berlaku: Callable[[Any], Any | None]  # the current version, if another
    detail: Callable[[Any], list[tuple[str, str]]]  # label/value rows
    uraian: Callable[[Any], str]  # "Perjanjian Kinerja Tahun 2025 ... versi 1"
    sebab_tidak_berlaku: Callable[[Any], str]  # why a superseded one is no longer current
    sidik_dikenal: Callable[[str], bool]  # a certificate this kind has signed with


JENIS: dict[str, JenisDokumen] = {}


def daftarkan(jenis: JenisDokumen) -> None:
    JENIS[jenis.kode] = jenis


def jenis_dari(dokumen: Any) -> JenisDokumen | None:
    """The registered kind of ``dokumen``; None for the monthly report (or unknown)."""
    return JENIS.get(getattr(dokumen, "JENIS_DOKUMEN", ""))


def cari_token(token: str) -> Any | None:
    for jenis in JENIS.values():
        dokumen = jenis.cari_token(token)
        if dokumen is not None:
            return dokumen
    return None


def cari_sha256(sha: str) -> Any | None:
    for jenis in JENIS.values():
        dokumen = jenis.cari_sha256(sha)
        if dokumen is not None:
            return dokumen
    return None


def sidik_dikenal(sidik: str) -> bool:
    return any(jenis.sidik_dikenal(sidik) for jenis in JENIS.values())
