"""The regional roll-up at the ministry's scale: 550 organisasi x 60 rumus x 12 months.

    .venv/bin/python bench/bench_wilayah.py [--organisasi 550] [--buat-db] [--ulang 5]

Uses its own database ``dinsos_wilayah`` on the local PostgreSQL (created and migrated with
``--buat-db``; the data are built once and kept). Each organisasi: 6 bidang, 5 programs x 3
indikator x 4 rumus (bulanan, faktor 1/12; the indikator's aggregation cycles through
rata-rata, jumlah and rasio gabungan), realisasi for all 12 months of 2025, February of every
organisasi submitted by every bidang. Measures, in this process:

1. the roll-up from nothing stored (every organisasi-month computed through the engine and
   stored: what the first roll-up after a deployment pays);
2. the roll-up read from the stored results (``hitung_rekap``, queries counted);
3. the page ``/wilayah/semua/`` and its JSON as the superuser (test client, no HTTP);
4. after one realisasi of one organisasi changes: the next roll-up (that month recomputed).

Prints one JSON line per measurement; ``docs/benchmarks.md`` records them with the load.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = "dinsos_wilayah"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-wilayah-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

TAHUN = 2025
BULAN = 12
BIDANG = 6
PROGRAM = 5
INDIKATOR = 3
RUMUS = 4
AGREGASI = ["rata-rata", "jumlah", "rasio gabungan"]


def buat_db() -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {DB}"],
        check=True,
    )
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {DB}"], check=True
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )


def isi(jumlah: int) -> float:
    """Builds the organisasi that are missing; returns the seconds it took."""
    from django.db import transaction

    from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
    from indikator.models import Indikator, Program, Rumus
    from organisasi.models import Bidang, Organisasi

    ada = Organisasi.objects.filter(slug__startswith="kab-").count()
    if ada >= jumlah:
        return 0.0
    awal = time.perf_counter()
    rnd = random.Random(12)
    for n in range(ada, jumlah):
        with transaction.atomic():
            org = Organisasi.objects.create(
                slug=f"kab-{n:03d}", nama=f"Dinas Sosial Kabupaten {n:03d}", kota=f"Kab {n:03d}"
            )
            bidang = Bidang.objects.bulk_create(
                Bidang(organisasi=org, nama=f"Bidang {b + 1}", slug=f"bidang-{b + 1}")
                for b in range(BIDANG)
            )
            program = Program.objects.bulk_create(
                Program(organisasi=org, tahun=TAHUN, kode=f"P{p + 1}", nama=f"Program {p + 1}",
                        urutan=p)
                for p in range(PROGRAM)
            )  # fmt: skip
            indikator = Indikator.objects.bulk_create(
                Indikator(program=prog, kode=f"{prog.kode}.{i + 1}", nama=f"Indikator {i + 1}",
                          agregasi=AGREGASI[i % 3], urutan=p * INDIKATOR + i)
                for p, prog in enumerate(program)
                for i in range(INDIKATOR)
            )  # fmt: skip
            rumus = Rumus.objects.bulk_create(
                Rumus(organisasi=org, tahun=TAHUN, indikator=ind, kode=f"R{k:02d}{j}",
                      bidang=bidang[(k * RUMUS + j) % BIDANG], uraian=f"Jumlah sasaran {k}.{j}",
                      penyebut="Jumlah sasaran terdata", periode="bulanan", faktor_pembilang=1,
                      faktor_penyebut=12, pembagi_default=Decimal(rnd.randint(50, 5000)),
                      urutan=k * RUMUS + j)
                for k, ind in enumerate(indikator)
                for j in range(RUMUS)
            )  # fmt: skip
            Realisasi.objects.bulk_create(
                (
                    Realisasi(rumus=r, tahun=TAHUN, bulan=b, pembagi=r.pembagi_default,
                              realisasi=Decimal(rnd.randint(0, int(r.pembagi_default))))
                    for r in rumus
                    for b in range(1, 13)
                ),
                batch_size=2000,
            )  # fmt: skip
            PengajuanBulan.objects.bulk_create(
                PengajuanBulan(bidang=bd, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN)
                for bd in bidang
            )
        if (n + 1) % 50 == 0:
            print(f"  {n + 1} organisasi", file=sys.stderr, flush=True)
    return time.perf_counter() - awal


def _median(fn, n: int) -> tuple[float, object]:
    waktu, hasil = [], None
    for _ in range(n):
        awal = time.perf_counter()
        hasil = fn()
        waktu.append((time.perf_counter() - awal) * 1000)
    return statistics.median(waktu), hasil


def cetak(**baris) -> None:
    print(json.dumps(baris, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisasi", type=int, default=550)
    parser.add_argument("--buat-db", action="store_true")
    parser.add_argument("--ulang", type=int, default=5)
    args = parser.parse_args()
    if args.buat_db:
        buat_db()
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from capaian.models import HasilBulan, Realisasi
    from laporan import rekap as r
    from organisasi.models import Organisasi

    detik = isi(args.organisasi)
    orgs = list(Organisasi.objects.filter(slug__startswith="kab-").order_by("nama"))
    with connection.cursor() as c:
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        ukuran = c.fetchone()[0]
    cetak(langkah="data", organisasi=len(orgs), realisasi=Realisasi.objects.count(),
          dibuat_detik=round(detik, 1), basis_data=ukuran)  # fmt: skip

    HasilBulan.objects.all().delete()
    awal = time.perf_counter()
    rekap = r.hitung_rekap(orgs, TAHUN, BULAN)
    cetak(
        langkah="rekap dari nol (semua bulan dihitung dan disimpan)",
        ms=round((time.perf_counter() - awal) * 1000), dihitung=rekap.dihitung,
    )  # fmt: skip

    with CaptureQueriesContext(connection) as q:
        r.hitung_rekap(orgs, TAHUN, BULAN)
    ms, rekap = _median(lambda: r.hitung_rekap(orgs, TAHUN, BULAN), args.ulang)
    cetak(langkah="rekap tersimpan", ms=round(ms, 1), kueri=len(q.captured_queries),
          dihitung=rekap.dihitung)  # fmt: skip

    root = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "root-bench", password="x" * 20
    )
    client = Client()
    client.force_login(root)
    for nama, url in (
        ("halaman /wilayah/semua/", f"/wilayah/semua/?tahun={TAHUN}&bulan={BULAN}"),
        ("JSON /wilayah/semua/data.json", f"/wilayah/semua/data.json?tahun={TAHUN}&bulan={BULAN}"),
    ):
        respon = client.get(url)
        assert respon.status_code == 200, respon.status_code
        ms, respon = _median(lambda url=url: client.get(url), args.ulang)
        cetak(langkah=nama, ms=round(ms, 1), kib=round(len(respon.content) / 1024))

    target = Realisasi.objects.filter(rumus__organisasi=orgs[0], tahun=TAHUN, bulan=BULAN).first()
    Realisasi.objects.filter(pk=target.pk).update(realisasi=target.realisasi + 1)
    awal = time.perf_counter()
    rekap = r.hitung_rekap(orgs, TAHUN, BULAN)
    cetak(
        langkah="rekap setelah satu realisasi berubah",
        ms=round((time.perf_counter() - awal) * 1000), dihitung=rekap.dihitung,
    )  # fmt: skip


if __name__ == "__main__":
    main()
