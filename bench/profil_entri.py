"""Query counts and time of one entry-page GET and POST, in-process (Django's test client,
no HTTP server), on the data of ``siapkan_beban.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dinsos_beban \\
        .venv/bin/python bench/profil_entri.py [--ulang 30] [--profil] [--andaikan]
            [--bulan 12 --isi-sampai 11]

``--profil`` prints where the time of the GET and the POST goes (pyinstrument when installed,
else cProfile); ``--andaikan`` measures again with two proposed changes patched in (see
``andaikan``). Runs ``siapkan_beban`` first, so it resets organisasi ``beban``.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-profil-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.formulir import angka_id, parse_form  # noqa: E402
from bench.siapkan_beban import siapkan  # noqa: E402


def profil(label: str, fn, n: int) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            fn()
        prof.disable()
        print(f"\n== {label}: cProfile, {n} runs, top 25 by cumulative time")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    p = Profiler(interval=0.0005)
    p.start()
    for _ in range(n):
        fn()
    p.stop()
    print(f"\n== {label}: pyinstrument, {n} runs")
    print(p.output_text(unicode=False, color=False, show_all=False))


def andaikan(bulan: int) -> None:
    """What-if estimates for the changes docs/benchmarks.md proposes, patched in for this
    process only (the app's code is untouched): the totals of the months before ``bulan``
    computed once and reused (they do not depend on what is typed), and a save that is
    answered with 303 not computing the page's figures at all."""
    from capaian.forms import FormEntri
    from capaian.selectors import DataTahun

    asli_hitung_bulan = DataTahun.hitung_bulan
    cache: dict = {}

    def hitung_bulan(self, b):
        if b >= bulan:
            return asli_hitung_bulan(self, b)
        key = (self.organisasi.pk, self.tahun, b)
        if key not in cache:
            cache[key] = asli_hitung_bulan(self, b)
        return cache[key]

    asli_hitung = FormEntri._hitung

    def _hitung(self):
        if any(b.form.is_bound for b in self.baris):
            return None  # a POST: only a 409/422 re-render would need the figures
        return asli_hitung(self)

    DataTahun.hitung_bulan = hitung_bulan
    FormEntri._hitung = _hitung


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", type=int, default=30)
    parser.add_argument("--bulan", type=int, default=2)
    parser.add_argument("--isi-sampai", type=int, default=1, help="realisasi filled up to")
    parser.add_argument("--profil", action="store_true")
    parser.add_argument(
        "--andaikan", action="store_true", help="measure again with the what-if patches"
    )
    args = parser.parse_args()

    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG=0: manifest storage
    manifest = siapkan(isi_sampai=args.isi_sampai)
    bidang = manifest["bidang"][0]
    row = bidang["rumus"][0]
    url = f"/o/{manifest['organisasi']}/entri/{manifest['tahun']}/{args.bulan}/{bidang['slug']}/"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=bidang["staf"][0]))
    print(f"database: {connection.vendor}; {url}")

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    seq = [0]

    def post():
        form, csrf = parse_form(get().content.decode())
        seq[0] += 1
        pk = row["pk"]
        form[f"r-{pk}-realisasi"] = angka_id(row["realisasi_januari"] + seq[0] % 7)
        form[f"r-{pk}-keterangan"] = f"profil #{seq[0]}"
        form[f"r-{pk}-pembagi"] = form.get(f"r-{pk}-pembagi") or angka_id(row["pembagi"])
        form.update(csrfmiddlewaretoken=csrf or "", aksi="simpan")
        t, c = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                url, urlencode(form), content_type="application/x-www-form-urlencoded"
            )
        ms = (time.perf_counter() - t) * 1000
        cpu = (time.process_time() - c) * 1000
        assert response.status_code == 303, (response.status_code, response.content[:3000])
        return ms, cpu, len(ctx.captured_queries)

    def ukur(label: str) -> None:
        get()  # warm up: templates, connection
        with CaptureQueriesContext(connection) as ctx:
            response = get()
        # Read now: every request_started signal empties the connection's query log.
        n_queries, kib = len(ctx.captured_queries), len(response.content) // 1024
        times, cpus = [], []
        for _ in range(args.ulang):
            t, c = time.perf_counter(), time.process_time()
            get()
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        print(
            f"{label}GET: {n_queries} queries, {kib} KiB HTML, median "
            f"{statistics.median(times):.1f} ms (best {min(times):.1f}), "
            f"Python CPU median {statistics.median(cpus):.1f} ms"
        )
        results = [post() for _ in range(args.ulang)]
        queries = sorted({q for *_, q in results})
        print(
            f"{label}POST (one row changed): {queries} queries, median "
            f"{statistics.median(r[0] for r in results):.1f} ms (best "
            f"{min(r[0] for r in results):.1f}), Python CPU median "
            f"{statistics.median(r[1] for r in results):.1f} ms"
        )

    ukur("")
    if args.andaikan:
        andaikan(args.bulan)
        ukur("what-if: ")
    if args.profil:
        profil("entri GET", get, args.ulang)
        profil("entri POST (including its GET)", post, args.ulang)


if __name__ == "__main__":
    main()
