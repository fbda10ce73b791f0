"""The audit trail's hash chain (issue 13). Per organisasi, in insertion (id) order, each
entry stores the hash of the entry before it and its own: SHA-256 of that previous hash and a
canonical JSON of its fields. Changing an entry changes its hash; removing or inserting one
breaks the next entry's link. ``capaian.audit.simpan`` appends under a per-organisasi lock;
``periksa_rantai`` walks it back; ``laporan`` migration-free code (periksa_integritas) reports.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection

# The fields that make an entry, in a fixed order; ``hash`` and ``hash_sebelum`` excluded.
KOLOM = (
    "waktu", "organisasi_id", "pengguna_id", "nama_pengguna", "aksi", "sumber", "tahun",
    "bulan", "bidang_id", "nama_bidang", "rumus_id", "kode_rumus", "nilai_lama", "nilai_baru",
    "catatan", "objek",
)  # fmt: skip
# pg_advisory_xact_lock's first key: this lock's namespace (any constant of our own).
KUNCI_RANTAI = 1_320_613


def _waktu(nilai: datetime) -> str:
    return nilai.astimezone(UTC).isoformat(timespec="microseconds")


def teks_kanonik(nilai: dict[str, Any]) -> str:
    isi = [_waktu(v) if k == "waktu" else v for k, v in ((k, nilai[k]) for k in KOLOM)]
    return json.dumps(isi, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def hash_entri(sebelum: str, nilai: dict[str, Any]) -> str:
    return hashlib.sha256(f"{sebelum}\n{teks_kanonik(nilai)}".encode()).hexdigest()


def kunci_rantai(organisasi_id: int) -> None:
    """Serialise appends to one organisasi's chain until the transaction ends (PostgreSQL;
    SQLite runs one writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_advisory_xact_lock(%s, %s)", [KUNCI_RANTAI, organisasi_id])


@dataclass(frozen=True)
class Putus:
    organisasi_id: int
    entri_id: int
    jenis: str  # "diubah" (its hash does not match) or "tautan" (its link does not match)
    rincian: str


def periksa_rantai(baris: Iterator[dict[str, Any]]) -> tuple[list[Putus], dict[int, str], int]:
    """Walk entries (dicts with KOLOM, ``id``, ``hash``, ``hash_sebelum``) ordered by
    organisasi and id. Returns the breaks, each organisasi's last hash, and how many entries
    were read."""
    putus: list[Putus] = []
    kepala: dict[int, str] = {}
    jumlah = 0
    for e in baris:
        jumlah += 1
        org = e["organisasi_id"]
        sebelum = kepala.get(org, "")
        if e["hash_sebelum"] != sebelum:
            putus.append(Putus(org, e["id"], "tautan", (
                f"entri #{e['id']} menunjuk hash sebelumnya {e['hash_sebelum'][:12] or '(kosong)'}"
                f"…, padahal entri sebelumnya ber-hash {sebelum[:12] or '(awal rantai)'}…: ada "
                "entri yang dihapus atau disisipkan sebelum entri ini"
            )))  # fmt: skip
        if e["hash"] != hash_entri(e["hash_sebelum"], e):
            putus.append(Putus(org, e["id"], "diubah", (
                f"entri #{e['id']} ({e['aksi']}, {e['tahun']}-{e['bulan']:02d}) tidak cocok "
                "dengan hash-nya: isinya diubah setelah dicatat"
            )))  # fmt: skip
        kepala[org] = e["hash"]
    return putus, kepala, jumlah
