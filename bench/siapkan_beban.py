"""Data for the entry-page load bench: organisasi ``beban``, 30 bidang x 10 rumus, January
2025 filled, 5 staf bidang per bidang (150 accounts, one password).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dinsos_beban \\
        .venv/bin/python bench/siapkan_beban.py [--manifest bench/out/beban.json]

Idempotent: the organisasi's realisasi, pengajuan, definitions and accounts are dropped and
built again. Its audit rows stay (the trail refuses deletes, and carries no foreign key), so
the verification in ``load_entri.py`` only looks at rows of the rumus created by this run.
Writes a manifest (JSON) the locustfile reads: accounts, their bidang and rumus.
"""

import argparse
import json
import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")

SLUG = "beban"
TAHUN = 2025
BIDANG = 30
BARIS_PER_BIDANG = 10
STAF_PER_BIDANG = 5
PROGRAM = 5
INDIKATOR_PER_PROGRAM = 4
SANDI = "beban-entri-2025"
MANIFEST = Path(__file__).resolve().parent / "out" / "beban.json"

AGREGASI = ["rata-rata", "jumlah", "rasio gabungan", "rata-rata"]
URAIAN = [
    "Jumlah PPKS yang mendapat bantuan sosial",
    "Jumlah lansia terlantar yang mendapat layanan di dalam panti",
    "Jumlah anak terlantar yang mendapat pendampingan",
    "Jumlah penyandang disabilitas yang mendapat alat bantu",
    "Jumlah korban bencana yang mendapat bantuan darurat",
    "Jumlah keluarga miskin yang diverifikasi dalam DTKS",
    "Jumlah KPM yang menerima bantuan pangan",
    "Jumlah gelandangan dan pengemis yang dijangkau",
    "Jumlah PSKS yang dibina",
    "Jumlah kelompok usaha bersama yang didampingi",
]


def _django() -> None:
    import django

    django.setup()


def hapus(slug: str = SLUG) -> None:
    """Drops what an earlier run left (except the audit trail, which refuses deletes)."""
    from django.contrib.auth.models import User

    from akun.models import KunciMasuk
    from capaian.models import PengajuanBulan, Realisasi
    from indikator.models import Indikator, Program, Rumus
    from organisasi.models import Bidang, Organisasi

    org = Organisasi.objects.filter(slug=slug).first()
    prefix = f"{slug}-"
    User.objects.filter(username__startswith=prefix).delete()
    KunciMasuk.objects.filter(nama_pengguna__startswith=prefix).delete()
    if org is None:
        return
    # Rumus -> Realisasi and Bidang -> Rumus/Pengajuan are PROTECT: children first.
    Realisasi.objects.filter(rumus__organisasi=org).delete()
    PengajuanBulan.objects.filter(bidang__organisasi=org).delete()
    Rumus.objects.filter(organisasi=org).delete()
    Indikator.objects.filter(program__organisasi=org).delete()
    Program.objects.filter(organisasi=org).delete()
    Bidang.objects.filter(organisasi=org).delete()
    org.delete()


def siapkan(
    slug: str = SLUG,
    bidang: int = BIDANG,
    staf: int = STAF_PER_BIDANG,
    baris: int = BARIS_PER_BIDANG,
    sandi: str = SANDI,
    isi_sampai: int = 1,
) -> dict:
    """Builds the organisasi and returns the manifest (also what the locustfile needs).
    Realisasi are filled for January..``isi_sampai`` (January only by default)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils import timezone

    from akun.models import Anggota, Peran
    from capaian.models import Realisasi
    from indikator.models import Indikator, Program, Rumus
    from organisasi.models import Bidang, Organisasi

    rnd = random.Random(3)
    dibuat_pada = timezone.now()
    with transaction.atomic():
        hapus(slug)
        org = Organisasi.objects.create(
            slug=slug, nama="Dinas Sosial Kota Beban", dinas="Dinas Sosial", kota="Beban"
        )
        programs = Program.objects.bulk_create(
            Program(
                organisasi=org,
                tahun=TAHUN,
                kode=f"1.06.{p + 1:02d}",
                nama=f"Program Perlindungan dan Jaminan Sosial {p + 1}",
                target_teks="90-100%",
                urutan=p,
            )
            for p in range(PROGRAM)
        )
        indikator = Indikator.objects.bulk_create(
            Indikator(
                program=prog,
                kode=f"{prog.kode}.{i + 1}",
                nama=f"Persentase layanan sosial {prog.kode}.{i + 1} yang tuntas",
                agregasi=AGREGASI[i % len(AGREGASI)],
                urutan=p * INDIKATOR_PER_PROGRAM + i,
            )
            for p, prog in enumerate(programs)
            for i in range(INDIKATOR_PER_PROGRAM)
        )
        semua_bidang = Bidang.objects.bulk_create(
            Bidang(organisasi=org, nama=f"Bidang Beban {b + 1:02d}", slug=f"bidang-{b + 1:02d}")
            for b in range(bidang)
        )
        rumus: list[Rumus] = []
        for b, bd in enumerate(semua_bidang):
            for k in range(baris):
                # Half of a bidang's rows under one indikator, half under the next program's:
                # the page groups them by program and indikator as in a real office.
                ind = indikator[((b + (k >= baris // 2)) % PROGRAM) * INDIKATOR_PER_PROGRAM + b % 4]
                rumus.append(
                    Rumus(
                        organisasi=org,
                        tahun=TAHUN,
                        indikator=ind,
                        kode=f"B{b + 1:02d}R{k + 1:02d}",
                        bidang=bd,
                        uraian=f"{URAIAN[k % len(URAIAN)]} (bidang {b + 1})",
                        penyebut=f"Jumlah sasaran yang terdata (bidang {b + 1})",
                        periode="bulanan",
                        faktor_pembilang=1,
                        faktor_penyebut=12,
                        pembagi_default=Decimal(rnd.randint(200, 6000)),
                        urutan=b * baris + k,
                    )
                )
        rumus = Rumus.objects.bulk_create(rumus)
        januari: dict[int, tuple[int, int]] = {}
        for r in rumus:
            pembagi = int(r.pembagi_default)
            januari[r.pk] = (pembagi, rnd.randint(pembagi * 6 // 10, pembagi * 9 // 10))
        Realisasi.objects.bulk_create(
            Realisasi(rumus=r, tahun=TAHUN, bulan=bulan, pembagi=januari[r.pk][0],
                      realisasi=januari[r.pk][1] if bulan == 1 else
                      min(januari[r.pk][0], januari[r.pk][1] + rnd.randint(-20, 20)))
            for bulan in range(1, isi_sampai + 1)
            for r in rumus
        )  # fmt: skip

        hash_sandi = make_password(sandi)  # one hash for all: 150 PBKDF2 runs would take a minute
        pengguna = []
        for b, bd in enumerate(semua_bidang):
            for s in range(staf):
                user = User(
                    username=f"{slug}-b{b + 1:02d}-s{s + 1}",
                    first_name=f"Staf {s + 1} Bidang {b + 1:02d}",
                    password=hash_sandi,
                )
                pengguna.append((user, bd))
        User.objects.bulk_create([u for u, _ in pengguna])
        users = {u.username: u for u in User.objects.filter(username__startswith=f"{slug}-")}
        anggota = Anggota.objects.bulk_create(
            Anggota(pengguna=users[u.username], organisasi=org, peran=Peran.STAF)
            for u, _ in pengguna
        )
        Anggota.bidang.through.objects.bulk_create(
            Anggota.bidang.through(anggota_id=a.pk, bidang_id=bd.pk)
            for a, (_, bd) in zip(anggota, pengguna, strict=True)
        )

    per_bidang: dict[int, list[Rumus]] = {}
    for r in rumus:
        per_bidang.setdefault(r.bidang_id, []).append(r)
    return {
        "organisasi": slug,
        "tahun": TAHUN,
        "sandi": sandi,
        "dibuat_pada": dibuat_pada.isoformat(),
        "bidang": [
            {
                "slug": bd.slug,
                "rumus": [
                    {"pk": r.pk, "kode": r.kode, "pembagi": januari[r.pk][0],
                     "realisasi_januari": januari[r.pk][1]}
                    for r in per_bidang[bd.pk]
                ],
                "staf": [f"{slug}-b{b + 1:02d}-s{s + 1}" for s in range(staf)],
            }
            for b, bd in enumerate(semua_bidang)
        ],
    }  # fmt: skip


def siapkan_out(folder: Path) -> None:
    """The bench's output folder, ignored by git (it holds logs and per-run data)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def tulis_manifest(manifest: dict, path: Path = MANIFEST) -> Path:
    siapkan_out(path.parent)
    path.write_text(json.dumps(manifest, indent=1))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slug", default=SLUG)
    parser.add_argument("--bidang", type=int, default=BIDANG)
    parser.add_argument("--staf", type=int, default=STAF_PER_BIDANG)
    parser.add_argument("--isi-sampai", type=int, default=1, help="fill January..this month")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args = parser.parse_args()
    _django()
    manifest = siapkan(args.slug, bidang=args.bidang, staf=args.staf, isi_sampai=args.isi_sampai)
    path = tulis_manifest(manifest, args.manifest)
    n_staf = sum(len(b["staf"]) for b in manifest["bidang"])
    n_rumus = sum(len(b["rumus"]) for b in manifest["bidang"])
    print(
        f"{args.slug}: {len(manifest['bidang'])} bidang, {n_rumus} rumus, {n_staf} staf -> {path}"
    )


if __name__ == "__main__":
    main()
