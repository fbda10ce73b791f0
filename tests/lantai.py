"""The package graph of the project's floors, drawn from the code's own imports with grimp (the
graph import-linter checks).

    python -m tests.lantai            # edges between packages, cycles, and the checks below

Prints every package-to-package edge with its number of imports, the cycles among packages,
and the imports that break the rules import-linter cannot state: a name beginning with ``_``
imported from another package, and any import of a management command module. Exit 1 when
there is a cycle or a broken rule. tests/test_lantai.py asserts the same.
"""

import ast
import itertools
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import grimp

# Bottom up, as in pyproject.toml's layers contract and docs/arsitektur.md.
PAKET = (
    "dasar",
    "organisasi",
    "akun",
    "indikator",
    "capaian",
    "laporan",
    "rencana",
    "evaluasi",
    "perjanjian",
    "demo",
    "dinsos_kinerja",
)
AKAR = Path(__file__).resolve().parent.parent


def paket_ada(akar: Path = AKAR) -> tuple[str, ...]:
    """The packages of PAKET present in this tree (an older checkout lacks some)."""
    return tuple(p for p in PAKET if (akar / p).is_dir())


def _paket(modul: str) -> str:
    return modul.split(".", 1)[0]


def sisi_paket() -> Counter[tuple[str, str]]:
    """(importer package, imported package) -> number of module-level imports between them."""
    graf = grimp.build_graph(*paket_ada())
    hitung: Counter[tuple[str, str]] = Counter()
    for modul in graf.modules:
        for tujuan in graf.find_modules_directly_imported_by(modul):
            a, b = _paket(modul), _paket(tujuan)
            if a != b:
                hitung[a, b] += len(graf.get_import_details(importer=modul, imported=tujuan)) or 1
    return hitung


def siklus(sisi: set[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Every elementary cycle among the packages (few nodes: all orderings are tried)."""
    hasil = []
    paket = paket_ada()
    for n in range(2, len(paket) + 1):
        for kombinasi in itertools.combinations(paket, n):
            awal, *sisa = kombinasi
            for urut in itertools.permutations(sisa):
                jalan = (awal, *urut)
                if all((jalan[i], jalan[(i + 1) % n]) in sisi for i in range(n)):
                    hasil.append(jalan)
    return hasil


@dataclass(frozen=True)
class Pelanggaran:
    berkas: str
    baris: int
    teks: str

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris}: {self.teks}"


def pelanggaran(akar: Path = AKAR) -> list[Pelanggaran]:
    """Imports of another package's ``_private`` name or of a management command module."""
    hasil = []
    for paket in paket_ada(akar):
        for berkas in sorted((akar / paket).rglob("*.py")):
            if "migrations" in berkas.parts:
                continue
            relatif = str(berkas.relative_to(akar))
            for simpul in ast.walk(ast.parse(berkas.read_text(encoding="utf-8"))):
                if isinstance(simpul, ast.ImportFrom) and simpul.level == 0 and simpul.module:
                    dari = simpul.module
                    nama = [a.name for a in simpul.names]
                elif isinstance(simpul, ast.Import):
                    dari, nama = "", [a.name for a in simpul.names]
                else:
                    continue
                for n in nama:
                    lengkap = f"{dari}.{n}" if dari else n
                    if ".management.commands" in f".{lengkap}":
                        hasil.append(Pelanggaran(relatif, simpul.lineno, f"mengimpor {lengkap}"))
                    elif (
                        dari
                        and n.startswith("_")
                        and _paket(dari) in PAKET
                        and _paket(dari) != paket
                    ):
                        hasil.append(Pelanggaran(relatif, simpul.lineno, f"nama privat {dari}.{n}"))
    return hasil


def main() -> int:
    sisi = sisi_paket()
    urutan = {p: i for i, p in enumerate(PAKET)}
    print("Impor antarpaket (pengimpor -> yang diimpor: jumlah impor)")
    for (a, b), n in sorted(sisi.items(), key=lambda x: (urutan[x[0][0]], urutan[x[0][1]])):
        arah = "turun" if urutan[b] < urutan[a] else "NAIK"
        print(f"  {a:15} -> {b:15} {n:4}  {arah}")
    print(f"Sisi: {len(sisi)}, impor antarpaket: {sum(sisi.values())}")
    daftar_siklus = siklus(set(sisi))
    print(f"Siklus antarpaket: {len(daftar_siklus)}")
    for s in daftar_siklus:
        print("  " + " -> ".join((*s, s[0])))
    salah = pelanggaran()
    print(f"Impor nama privat lintas paket atau modul perintah: {len(salah)}")
    for p in salah:
        print(f"  {p}")
    return 1 if daftar_siklus or salah else 0


if __name__ == "__main__":
    sys.exit(main())
