"""Faults: PostgreSQL restarted while staf save (issue 13).

    .venv/bin/python bench/gangguan_pg.py [--klien 10] [--simpan 30] [--restart 2]

Starts a PostgreSQL cluster of its own (``initdb`` in a temporary directory, port 5499; the
machine's shared cluster is never touched), migrates it, builds organisasi ``beban`` with one
staf per bidang (``siapkan_beban``), starts gunicorn (3 workers, DEBUG=0) against it, and lets
``--klien`` clients each make ``--simpan`` saves of their own row (log in, open the entry page,
type a new value, save). While they save, the cluster is restarted ``--restart`` times
(``pg_ctl restart -m fast``, spread over the run). Afterwards:

- failed requests: counted by status, with what the user was told (503 "Basis data tidak
  tersedia" is the expected answer during a restart);
- accepted saves missing: every save answered 303 must be in the audit trail with its value,
  and each row must hold the value of its client's last 303. Must be 0.

Prints one JSON summary line; exits 1 if a save went missing or a request failed without the
Indonesian message.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from decimal import Decimal
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
PORT_PG = 5499
PORT_WEB = 8793


class _TanpaIkut(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 303 is an answer to record, not to follow


def _pg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                          capture_output=True, text=True, **kw)  # fmt: skip


def _tunggu_port(port: int, batas: float = 30) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"port {port} tidak menjawab dalam {batas} s")


class Klien(threading.Thread):
    def __init__(self, username: str, sandi: str, url: str, rumus_pk: int, n: int, dasar: int):
        super().__init__(daemon=True)
        self.username, self.sandi, self.url, self.rumus_pk, self.n = (
            username, sandi, url, rumus_pk, n,
        )  # fmt: skip
        self.dasar = dasar  # January's realisasi: February stays near it (no warning to explain)
        # The session and CSRF cookies are Secure with DEBUG=0: this client is on loopback.
        self.jar = CookieJar(DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
        self.opener = build_opener(HTTPCookieProcessor(self.jar), _TanpaIkut())
        self.diterima: list[int] = []  # values answered 303, in order
        self.gagal: Counter[str] = Counter()
        self.pesan_gagal: set[str] = set()

    def _minta(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(f"http://127.0.0.1:{PORT_WEB}{path}", body, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")
        except (URLError, TimeoutError, ConnectionError) as e:
            return 0, str(e)

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def run(self) -> None:
        from bench.formulir import parse_form

        for _ in range(60):  # log in (retry through a restart)
            self._minta("/masuk/")
            status, _ = self._minta("/masuk/", {"username": self.username,
                                                "password": self.sandi,
                                                "csrfmiddlewaretoken": self._csrf()})  # fmt: skip
            if status == 302:
                break
            time.sleep(0.5)
        else:
            self.gagal["masuk"] += 1
            return
        for i in range(self.n):
            status, html = self._minta(self.url)
            if status != 200:
                self._catat("GET", status, html)
                time.sleep(0.5)
                continue
            form, csrf = parse_form(html)
            nilai = self.dasar - i  # a new value each save
            form[f"r-{self.rumus_pk}-realisasi"] = str(nilai)
            form["aksi"] = "simpan"
            form["csrfmiddlewaretoken"] = csrf or self._csrf()
            status, html = self._minta(self.url, form)
            if status == 303:
                self.diterima.append(nilai)
            else:
                self._catat("POST", status, html)
            time.sleep(0.05)

    def _catat(self, jenis: str, status: int, html: str) -> None:
        self.gagal[f"{jenis} {status}"] += 1
        judul = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        self.pesan_gagal.add((judul.group(1).strip() if judul else html[:80]).strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--klien", type=int, default=10)
    parser.add_argument("--simpan", type=int, default=30)
    parser.add_argument("--restart", type=int, default=2)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="dinsos-gangguan-"))
    shutil.chown(data, "postgres", "postgres")
    kluster = data / "pg"
    _pg("initdb", "-D", str(kluster), "-A", "trust", "-U", "postgres", "--no-sync")
    soket = str(data)
    mulai = ["pg_ctl", "-D", str(kluster), "-o", f"-p {PORT_PG} -k {soket}", "-l",
             str(data / "pg.log"), "-w"]  # fmt: skip
    _pg(*mulai, "start")
    gunicorn = None
    try:
        url_db = f"postgres://postgres@127.0.0.1:{PORT_PG}/gangguan"
        _pg("createdb", "-h", "127.0.0.1", "-p", str(PORT_PG), "gangguan")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dinsos_kinerja.settings",
               "DATABASE_URL": url_db, "DEBUG": "0", "SECRET_KEY": "gangguan-" + "x" * 50,
               "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0"}  # fmt: skip
        os.environ.update(env)
        for perintah in (["migrate"], ["collectstatic", "--clear"]):
            subprocess.run([sys.executable, "manage.py", *perintah, "--noinput", "-v0"],
                           cwd=ROOT, env=env, check=True)  # fmt: skip
        import django

        django.setup()
        from django.db import connections

        from bench.siapkan_beban import siapkan

        manifest = siapkan(bidang=args.klien, staf=1, baris=2)
        connections.close_all()
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "dinsos_kinerja.wsgi", "-w", "3", "--bind",
             f"127.0.0.1:{PORT_WEB}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _tunggu_port(PORT_WEB)
        klien = []
        for b in manifest["bidang"]:
            url = f"/o/beban/entri/2025/2/{b['slug']}/"
            r = b["rumus"][0]
            klien.append(Klien(b["staf"][0], manifest["sandi"], url, r["pk"], args.simpan,
                               r["realisasi_januari"]))  # fmt: skip
        awal = time.monotonic()
        for k in klien:
            k.start()
        total = args.klien * args.simpan
        restart = []
        for r in range(args.restart):
            target = total * (r + 1) // (args.restart + 1)
            while sum(len(k.diterima) for k in klien) < target and any(k.is_alive() for k in klien):
                time.sleep(0.05)
            t0 = time.monotonic()
            _pg(*mulai, "-m", "fast", "restart")
            restart.append(round(time.monotonic() - t0, 2))
        for k in klien:
            k.join(timeout=600)
        durasi = time.monotonic() - awal

        from capaian.models import JejakAudit, Realisasi

        hilang = 0
        for k in klien:
            jejak = set()
            for e in JejakAudit.objects.filter(
                rumus_id=k.rumus_pk, tahun=2025, bulan=2
            ).values_list("nilai_baru", flat=True):
                if e and e.get("realisasi") is not None:
                    jejak.add(int(Decimal(e["realisasi"])))
            hilang += sum(1 for v in k.diterima if v not in jejak)
            tersimpan = Realisasi.objects.filter(rumus_id=k.rumus_pk, tahun=2025, bulan=2).first()
            if k.diterima and (tersimpan is None or int(tersimpan.realisasi) != k.diterima[-1]):
                hilang += 1
        gagal = sum((k.gagal for k in klien), Counter())
        pesan = set().union(*(k.pesan_gagal for k in klien))
        ringkas = {
            "klien": args.klien, "simpan_diminta": total,
            "simpan_diterima_303": sum(len(k.diterima) for k in klien),
            "permintaan_gagal": dict(gagal), "pesan_gagal": sorted(pesan),
            "simpan_diterima_hilang": hilang, "restart_detik": restart,
            "durasi_detik": round(durasi, 1),
        }  # fmt: skip
        print(json.dumps(ringkas, ensure_ascii=False))
        jelas = all("Basis data tidak tersedia" in p for p in pesan)
        sys.exit(0 if hilang == 0 and jelas else 1)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        try:
            _pg("pg_ctl", "-D", str(kluster), "-m", "fast", "stop")
        finally:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
