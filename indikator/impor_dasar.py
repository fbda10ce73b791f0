"""What every workbook import shares: its error type, its plan of changes, its result.

An import reads the whole workbook, collects every problem it finds (not just the first),
and writes nothing unless there are none; then it applies the whole plan in one
transaction. ``dry_run`` stops after the plan.
"""

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Kesalahan:
    """One problem, located as the user sees it: sheet, row number (``baris N``), column."""

    pesan: str
    sheet: str | None = None
    baris: int | None = None
    kolom: str | None = None

    def __str__(self) -> str:
        tempat = []
        if self.sheet:
            tempat.append(f"sheet {self.sheet}")
        if self.baris is not None:
            tempat.append(f"baris {self.baris}")
        if self.kolom:
            tempat.append(f"kolom {self.kolom}")
        return f"{', '.join(tempat)}: {self.pesan}" if tempat else self.pesan


class ImporError(Exception):
    """The workbook was refused; nothing was written. ``kesalahan`` lists every problem."""

    def __init__(self, kesalahan: list[Kesalahan]):
        self.kesalahan = list(kesalahan)
        super().__init__("\n".join(str(k) for k in self.kesalahan))


JenisPerubahan = Literal["baru", "ubah", "hapus"]


@dataclass(frozen=True)
class Perubahan:
    """One object the import creates, changes or removes, for the dry-run preview."""

    jenis: JenisPerubahan
    objek: str  # "organisasi", "bidang", "program", "indikator", "rumus", "realisasi"
    kode: str
    nama: str = ""
    rincian: tuple[str, ...] = ()  # e.g. ("agregasi: rata-rata → jumlah",)

    def __str__(self) -> str:
        teks = f"{self.jenis} {self.objek} {self.kode}"
        if self.nama:
            teks += f" ({self.nama})"
        if self.rincian:
            teks += ": " + "; ".join(self.rincian)
        return teks


@dataclass
class HasilImpor:
    """The plan (and, unless dry_run, what was applied)."""

    perubahan: list[Perubahan] = field(default_factory=list)
    dry_run: bool = True
    jumlah_baris: int = 0
    # A digest of the full planned values (not the shortened rincian texts), so a preview
    # can be compared with the plan at confirm time.
    sidik: str = ""

    def hitung(self, jenis: JenisPerubahan, objek: str | None = None) -> int:
        return sum(
            1 for p in self.perubahan if p.jenis == jenis and (objek is None or p.objek == objek)
        )

    @property
    def tanpa_perubahan(self) -> bool:
        return not self.perubahan

    def ringkasan(self) -> str:
        if self.tanpa_perubahan:
            return f"{self.jumlah_baris} baris dibaca; tidak ada perubahan."
        bagian = [
            f"{self.hitung(j)} {label}"
            for j, label in (("baru", "baru"), ("ubah", "diubah"), ("hapus", "dihapus"))
        ]
        awalan = "Pratinjau (belum disimpan)" if self.dry_run else "Disimpan"
        return f"{awalan}: {self.jumlah_baris} baris dibaca; " + ", ".join(bagian) + "."
