"""The month lock as the writers of realisasi see it.

An approved month's realisasi never change. The approval belongs to the signed report (the
``laporan`` floor, above this one): it records the lock as ``laporan.KunciBulan``, and a
database trigger refuses every write to that month whatever path it takes. The writers here
(the entry page, the workbook import, the admin) ask beforehand, so that the user reads a
sentence instead of a database error. They ask this module; the approval installs the answer
at start-up (``laporan.apps.LaporanConfig.ready`` calls ``pasang`` with ``KunciBulan.objects``),
so that capaian never imports laporan. Until something is installed every question raises:
the lock never fails open.
"""

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from dasar.angka import nama_bulan


class PenjagaBulan(Protocol):
    """Who knows which months are approved (``laporan.models.KunciBulanQuerySet``)."""

    def bulan_terkunci(self, organisasi: Any) -> set[tuple[int, int]]:
        """The organisasi's approved (tahun, bulan): one query."""
        ...

    def bulan_terkunci_semua(self) -> set[tuple[int, int, int]]:
        """Every approved (organisasi_id, tahun, bulan): one query."""
        ...

    def terkunci(self, organisasi: Any, tahun: int, bulan: int) -> bool: ...


_penjaga: PenjagaBulan | None = None


def pasang(penjaga: PenjagaBulan) -> None:
    global _penjaga
    _penjaga = penjaga


def _aktif() -> PenjagaBulan:
    if _penjaga is None:
        raise ImproperlyConfigured(
            "Kunci bulan belum terpasang: aplikasi 'laporan' harus ada di INSTALLED_APPS."
        )
    return _penjaga


def bulan_terkunci(organisasi: Any) -> set[tuple[int, int]]:
    """The organisasi's (an Organisasi or its pk) approved (tahun, bulan)."""
    return _aktif().bulan_terkunci(organisasi)


def bulan_terkunci_semua() -> set[tuple[int, int, int]]:
    return _aktif().bulan_terkunci_semua()


def terkunci(organisasi: Any, tahun: int, bulan: int) -> bool:
    return _aktif().terkunci(organisasi, tahun, bulan)


def pesan_terkunci(tahun: int, bulan: int) -> str:
    return (
        f"{nama_bulan(bulan)} {tahun} sudah disetujui dan ditandatangani Kepala Dinas; "
        "realisasinya tidak dapat diubah sampai bulan itu dibuka kembali."
    )
