"""Benchmark: a synthetic organisasi of N rumus rows with 12 months of realisasi.

    .venv/bin/python bench/bench_engine.py [--rows 1000] [--repeat 5]

Runs in a throw-away test database on whatever DATABASE_URL points at (SQLite by default).
Prints the query count and time to compute one month and the year's cumulative report,
and the time to import the definition and realisasi workbooks.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from indikator.impor import KOLOM_WAJIB as KOLOM  # noqa: E402

TAHUN = 2025


def workbook_indikator(rows: int) -> bytes:
    rnd = random.Random(1)
    wb = Workbook()
    ws = wb.active
    ws.title = "Indikator"
    ws.append(KOLOM)
    per_indikator, per_program = 10, 5
    for n in range(rows):
        p, i = n // (per_indikator * per_program), n // per_indikator
        agregasi = ["rata-rata", "jumlah", "rasio gabungan"][i % 3]
        periode = (
            "bulanan"
            if agregasi == "rasio gabungan"
            else rnd.choice(["bulanan", "triwulan", "semester", "tahunan", "sesuai kondisi"])
        )
        ws.append([
            f"P{p:03d}", f"Program {p}", f"Sasaran {p}", f"Indikator program {p}",
            f"I{i:04d}", f"Indikator {i}", agregasi, f"R{n:05d}", f"Bidang {n % 30}",
            f"Uraian {n}", f"Penyebut {n}", periode,
            "" if agregasi == "rasio gabungan" else rnd.choice(["", "1/12", "1/2", "1"]),
            "1/3" if agregasi == "jumlah" else "", rnd.randint(0, 5000), "Persentase (%)",
            "Tidak Kumulatif", f"Sumber {i}",
        ])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workbook_realisasi(rows: int) -> bytes:
    rnd = random.Random(2)
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws.append(["kode_rumus", "tahun", "bulan", "pembagi", "realisasi", "keterangan"])
    for bulan in range(1, 13):
        for n in range(rows):
            pembagi = rnd.randint(1, 5000)
            ws.append([f"R{n:05d}", TAHUN, bulan, pembagi, rnd.randint(0, pembagi), None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return result, statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from capaian.impor import impor_realisasi
    from capaian.selectors import muat_tahun
    from indikator.impor import impor_indikator
    from laporan.builder import bangun_laporan
    from organisasi.models import Organisasi

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} ({test_name}); rows: {args.rows}")
        org = Organisasi.objects.create(slug="bench", nama="Dinas Sosial Bench")
        data_ind = workbook_indikator(args.rows)
        _, ms, _ = timed(lambda: impor_indikator(data_ind, organisasi="bench", tahun=TAHUN), 1)
        print(f"impor_indikator ({args.rows} rumus, {len(data_ind) // 1024} KiB): {ms:.0f} ms")
        _, ms, _ = timed(
            lambda: impor_indikator(data_ind, organisasi="bench", tahun=TAHUN, dry_run=True), 1
        )
        print(f"impor_indikator again, dry run, no changes: {ms:.0f} ms")
        data_real = workbook_realisasi(args.rows)
        _, ms, _ = timed(lambda: impor_realisasi(data_real, organisasi=org), 1)
        print(f"impor_realisasi ({args.rows * 12} rows, 12 months): {ms:.0f} ms")

        def one_month():
            return muat_tahun(org, TAHUN, sampai_bulan=6, dari_bulan=6).hitung_bulan(6)

        with CaptureQueriesContext(connection) as ctx:
            one_month()
        _, med, best = timed(one_month, args.repeat)
        print(f"one month (load + compute): {len(ctx)} queries, median {med:.1f} ms, "
              f"best {best:.1f} ms")  # fmt: skip
        data = muat_tahun(org, TAHUN)
        _, med, best = timed(lambda: data.hitung_bulan(6), args.repeat)
        print(f"one month (compute only): median {med:.1f} ms, best {best:.1f} ms")
        with CaptureQueriesContext(connection) as ctx:
            laporan = bangun_laporan(org, TAHUN, 12)
        _, med, best = timed(lambda: bangun_laporan(org, TAHUN, 12), args.repeat)
        print(f"December report with cumulative (12 months): {len(ctx)} queries, "
              f"median {med:.1f} ms, best {best:.1f} ms")  # fmt: skip
        print(f"  capaian s.d. Desember = {float(laporan.capaian_sd_bulan):.4f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
