"""What every workbook import shares: its error type, its plan of changes, its result.

An import reads the whole workbook, collects every problem it finds (not just the first),
and writes nothing unless there are none; then it applies the whole plan in one
transaction (``dalam_satu_transaksi``). ``dry_run`` stops after the plan.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, BinaryIO, Literal

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import ProtectedError


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
    """One object the import creates, changes or removes, for the dry-run preview.

    ``nama`` and ``rincian`` are for people and shortened; ``isi`` holds the full values
    (new values, and for a change the old ones of the fields that change and the row's pk),
    from which ``HasilImpor.sidik`` is computed.
    """

    jenis: JenisPerubahan
    objek: str  # "organisasi", "bidang", "program", "indikator", "rumus", "realisasi"
    kode: str
    nama: str = ""
    rincian: tuple[str, ...] = ()  # e.g. ("agregasi: rata-rata → jumlah",)
    isi: tuple[tuple[str, object], ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        teks = f"{self.jenis} {self.objek} {self.kode}"
        if self.nama:
            teks += f" ({self.nama})"
        if self.rincian:
            teks += ": " + "; ".join(self.rincian)
        return teks


def isi_lengkap(nilai: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """Field values as ``Perubahan.isi`` keeps them: (name, value) pairs sorted by name."""
    return tuple(sorted(nilai.items()))


def _untuk_json(value: object) -> object:
    # Tagged so that the text "1/3" and the fraction 1/3 never digest the same.
    if isinstance(value, Fraction):
        return {"pecahan": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, Decimal):
        return {"desimal": format(value.normalize(), "f")}  # 46 and 46.0000 are one amount
    if isinstance(value, date):
        return {"tanggal": value.isoformat()}
    return {"teks": str(value)}


def hitung_sidik(perubahan: Iterable[Perubahan], *konteks: object) -> str:
    """SHA-256 (hex) of a plan: ``konteks`` (what was imported where) and every change with
    its full values. Equal for equal plans, whatever the order of dict keys or the run."""
    sidik = hashlib.sha256()
    for bagian in (konteks, *((p.jenis, p.objek, p.kode, p.isi) for p in perubahan)):
        teks = json.dumps(bagian, default=_untuk_json, ensure_ascii=False, separators=(",", ":"))
        sidik.update(teks.encode())
        sidik.update(b"\n")
    return sidik.hexdigest()


@dataclass
class HasilImpor:
    """The plan (and, unless dry_run, what was applied)."""

    perubahan: list[Perubahan] = field(default_factory=list)
    dry_run: bool = True
    jumlah_baris: int = 0
    # A digest of the full planned values (``hitung_sidik``; not the shortened rincian
    # texts), so that a preview can be compared with the plan at confirm time.
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


PESAN_DATA_BERUBAH = "Data berubah selama impor; tidak ada yang disimpan. Coba lagi."


def dalam_satu_transaksi(
    rencanakan_dan_terapkan: Callable[[], HasilImpor], tabel: Sequence[type[models.Model]]
) -> HasilImpor:
    """Plan and apply in one transaction; whatever the database refuses on the way
    (``IntegrityError``, ``ProtectedError``) becomes ``ImporError`` with nothing written.

    Foreign keys are deferred, so a row removed by someone else meanwhile is only noticed at
    commit. When this function owns the transaction that commit happens inside the ``try``
    below; inside a caller's transaction the commit is the caller's, so the deferred checks
    of ``tabel`` run here before returning.
    """
    koneksi = transaction.get_connection()
    milik_sendiri = not koneksi.in_atomic_block
    try:
        with transaction.atomic():
            hasil = rencanakan_dan_terapkan()
            if not milik_sendiri and not hasil.dry_run and hasil.perubahan:
                koneksi.check_constraints(table_names=[m._meta.db_table for m in tabel])
    except DatabaseError as exc:
        pesan = pesan_tertanda(exc)
        if pesan:
            raise ImporError([Kesalahan(pesan)]) from exc
        if isinstance(exc, IntegrityError):
            raise ImporError([Kesalahan(PESAN_DATA_BERUBAH)]) from exc
        raise
    except ProtectedError as exc:
        raise ImporError([Kesalahan(PESAN_DATA_BERUBAH)]) from exc
    return hasil


_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip


def pesan_tertanda(exc: BaseException) -> str:
    """The database's refusal to change what a signed month is made of (laporan migrations
    0002 and 0004), in the words a user needs: which months, and to reopen them first. Empty
    for any other error."""
    teks = str(exc)
    m = re.search(r"Definisi indikator tahun (\d+) tidak dapat diubah: bulan ([\d, ]+)", teks)
    if m:
        bulan = ", ".join(_BULAN[int(b) - 1] for b in m.group(2).split(",") if b.strip())
        return (
            f"Definisi indikator tahun {m.group(1)} tidak dapat diubah karena {bulan} "
            f"{m.group(1)} sudah disetujui dan ditandatangani: angka dan definisi bulan itu "
            "tercetak di laporan bertanda tangan. Minta Kepala Dinas membuka kembali bulan "
            "itu dulu (halaman laporan bulan, 'Buka kembali'), lalu ulangi perubahan ini."
        )
    if "Definisi indikator tahun itu tidak dapat diubah" in teks:  # SQLite's wording
        return (
            "Definisi indikator tahun ini tidak dapat diubah karena sebagian bulannya sudah "
            "disetujui dan ditandatangani. Minta Kepala Dinas membuka kembali bulan itu dulu, "
            "lalu ulangi perubahan ini."
        )
    if "Bulan ini sudah disetujui dan ditandatangani" in teks:
        return (
            "Sebagian realisasi berada pada bulan yang sudah disetujui dan ditandatangani; "
            "bulan itu tidak dapat diubah. Minta Kepala Dinas membuka kembali bulan itu dulu."
        )
    return ""


# The commands' side: every impor_* command is this runner around an import function.


def buka_berkas(path: str) -> BinaryIO:
    """The workbook file, or a CommandError in Indonesian (never a traceback)."""
    berkas = Path(path)
    if not berkas.exists():
        raise CommandError(f"Berkas '{path}' tidak ditemukan.")
    if not berkas.is_file():
        raise CommandError(f"'{path}' bukan berkas.")
    try:
        return berkas.open("rb")
    except OSError as exc:
        raise CommandError(f"Berkas '{path}' tidak dapat dibuka: {exc.strerror}.") from exc


def catat_impor(
    *,
    jenis: str,
    data: bytes,
    nama_berkas: str,
    hasil: HasilImpor,
    pengguna: Any,
    sumber: str,
    organisasi_id: int | None = None,
    organisasi_slug: str = "",
    tahun: int | None = None,
) -> None:
    """An applied import in the audit trail: who, when, the workbook's SHA-256 and every
    change it made (each with its old and new values). Call inside the import's transaction."""
    from dasar.jejak import kirim

    if hasil.dry_run:
        return
    sha = hashlib.sha256(data).hexdigest()
    perubahan = [
        {"jenis": p.jenis, "objek": p.objek, "kode": p.kode, "rincian": list(p.rincian)}
        for p in hasil.perubahan[:2000]
    ]
    kirim(
        pengguna=pengguna, organisasi_id=organisasi_id, organisasi_slug=organisasi_slug,
        tahun=tahun or 0, objek=f"impor:{jenis}", label=nama_berkas[:200], aksi="impor",
        sumber=sumber, lama=None,
        baru={"sha256": sha, "berkas": nama_berkas[:200], "jumlah_perubahan": len(hasil.perubahan),
              "perubahan": perubahan},
        catatan=f"Impor {jenis}: {hasil.ringkasan()} SHA-256 {sha}.",
    )  # fmt: skip


def jalankan_impor(
    command: BaseCommand,
    path: str,
    impor: Callable[[BinaryIO], HasilImpor],
    dry_run: bool,
    *,
    jenis: str = "",
    organisasi: str = "",
    tahun: int | None = None,
) -> None:
    """Run one import and report it: every error on its own stderr line and a non-zero
    exit; on success every removal (so that deletions are always in the log), with
    --dry-run every planned change, then the summary. An applied import is recorded in the
    audit trail (``catat_impor``) in the same transaction, by "sistem"."""
    stderr: OutputWrapper = command.stderr
    with buka_berkas(path) as berkas:
        data = berkas.read()
        try:
            with transaction.atomic():
                hasil = impor(io.BytesIO(data))
                if jenis and not dry_run:
                    catat_impor(jenis=jenis, data=data, nama_berkas=Path(path).name, hasil=hasil,
                                pengguna=None, sumber="impor", organisasi_slug=organisasi,
                                tahun=tahun)  # fmt: skip
        except ImporError as exc:
            for kesalahan in exc.kesalahan:
                stderr.write(str(kesalahan))
            raise CommandError(
                f"Impor dibatalkan: {len(exc.kesalahan)} kesalahan; tidak ada yang disimpan."
            ) from exc
    for perubahan in hasil.perubahan:
        if dry_run or perubahan.jenis == "hapus":
            command.stdout.write(str(perubahan))
    command.stdout.write(hasil.ringkasan())
