"""Locust users for the entry-page load bench: staf bidang who open their bidang's month
and save their own row. Run through ``bench/load_entri.py``, which sets the environment:

- BEBAN_MANIFEST: the JSON written by ``siapkan_beban.py`` (accounts, bidang, rumus)
- BEBAN_DIR: a fresh directory for this run (account claims, the login barrier, the logs)
- BEBAN_MODE: ``sendiri`` (staff k of a bidang edits row k) or ``konflik`` (staff 1 and 2
  share row 1, staff 3 and 4 row 2, staff 5 has row 3: concurrent edits of one row)
- BEBAN_DURASI: seconds of measured load after the last user has logged in
- BEBAN_JEDA: "min,max" seconds of think time, after the GET (typing) and after the POST
- BEBAN_BULAN: the month entered (2 = February)
- BEBAN_JUMLAH: how many users run (default: one per account), for the login barrier
- BEBAN_TUNGGU_MASUK: seconds the barrier waits at most (180)

Every user logs in once (PBKDF2 makes a login cost ~0.35 s of CPU, so logins are kept out of
the measurement: users wait until all are in), then loops GET, edit, POST ``aksi=simpan``.
Each request is appended as one JSON line to ``BEBAN_DIR/log-<pid>.jsonl``; saves carry the
rumus and the exact values written, so the run can be checked for lost saves afterwards.
"""

import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import gevent
from formulir import angka_id, parse_form
from locust import FastHttpUser, events, task
from locust.exception import StopUser

MANIFEST = json.loads(Path(os.environ["BEBAN_MANIFEST"]).read_text())
RUN_DIR = Path(os.environ["BEBAN_DIR"])
MODE = os.environ.get("BEBAN_MODE", "sendiri")
DURASI = float(os.environ.get("BEBAN_DURASI", "60"))
JEDA = tuple(float(x) for x in os.environ.get("BEBAN_JEDA", "5,15").split(","))
BULAN = int(os.environ.get("BEBAN_BULAN", "2"))
BARRIER_TIMEOUT = float(os.environ.get("BEBAN_TUNGGU_MASUK", "180"))

ORG = MANIFEST["organisasi"]
TAHUN = MANIFEST["tahun"]
ACCOUNTS = [
    (username, bidang, bidang["rumus"][s if MODE == "sendiri" else s // 2])
    for bidang in MANIFEST["bidang"]
    for s, username in enumerate(bidang["staf"])
]
JUMLAH = int(os.environ.get("BEBAN_JUMLAH") or len(ACCOUNTS))  # users that will log in
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}

(RUN_DIR / "klaim").mkdir(parents=True, exist_ok=True)
(RUN_DIR / "masuk").mkdir(parents=True, exist_ok=True)
_log = open(RUN_DIR / f"log-{os.getpid()}.jsonl", "a", buffering=1)  # noqa: SIM115


@events.request.add_listener
def _catat(request_type, name, response_time, response, context, exception, start_time, **kw):
    status = getattr(response, "status_code", 0) if response is not None else 0
    line = {"t": start_time, "n": name, "ms": response_time, "s": status, **context}
    if exception is not None and status not in (303, 409):
        line["err"] = str(exception)[:200]
    _log.write(json.dumps(line) + "\n")


def klaim_akun() -> int:
    """A unique account index across locust processes (O_EXCL on a file per index)."""
    for i in range(len(ACCOUNTS)):
        try:
            os.close(os.open(RUN_DIR / "klaim" / str(i), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return i
        except FileExistsError:
            continue
    raise StopUser


def tunggu_semua_masuk(jumlah: int) -> float:
    """Barrier: returns the time the last user finished logging in."""
    mulai = RUN_DIR / "mulai"
    if len(os.listdir(RUN_DIR / "masuk")) >= jumlah:
        try:
            fd = os.open(mulai, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(fd, str(time.time()).encode())
            os.close(fd)
        except FileExistsError:
            pass
    batas = time.time() + BARRIER_TIMEOUT
    while time.time() < batas:
        if mulai.exists() and (text := mulai.read_text()):
            return float(text)
        gevent.sleep(0.2)
    return time.time()


class StafBidang(FastHttpUser):
    host = "http://127.0.0.1:8790"
    network_timeout = 60.0
    connection_timeout = 10.0

    def wait_time(self) -> float:
        return random.uniform(*JEDA)

    def on_start(self) -> None:
        # DEBUG=0 marks the session and CSRF cookies Secure; this bench talks plain HTTP on
        # loopback, as the app would behind a TLS-terminating proxy.
        self.client.cookiejar.set_policy(
            DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        )
        self.index = klaim_akun()
        self.username, bidang, self.row = ACCOUNTS[self.index]
        self.url = f"/o/{ORG}/entri/{TAHUN}/{BULAN}/{bidang['slug']}/"
        self.seq = 0
        ctx = {"u": self.username}
        ok = self.masuk(ctx)
        (RUN_DIR / "masuk" / self.username).write_text("ok" if ok else "gagal")
        self.mulai = tunggu_semua_masuk(JUMLAH)
        self.selesai = self.mulai + DURASI
        if not ok:
            raise StopUser
        gevent.sleep(random.uniform(0, JEDA[1]))  # spread the first requests out

    def masuk(self, ctx: dict) -> bool:
        with self.client.get("/masuk/", name="masuk GET", context=ctx, catch_response=True) as r:
            _, csrf = parse_form(r.text or "")
            if r.status_code != 200 or not csrf:
                r.failure(f"masuk GET {r.status_code}, csrf {bool(csrf)}")
                return False
        data = {
            "username": self.username,
            "password": MANIFEST["sandi"],
            "csrfmiddlewaretoken": csrf,
            "next": self.url,
        }
        with self.client.post(
            "/masuk/", data=urlencode(data), headers=FORM_HEADERS, name="masuk POST",
            allow_redirects=False, context=ctx, catch_response=True,
        ) as r:  # fmt: skip
            if r.status_code != 302:
                r.failure(f"masuk POST {r.status_code}")
                return False
        return True

    @task
    def isi_bulan(self) -> None:
        if time.time() >= self.selesai:
            return  # the measured window is over; idle until locust's run-time ends
        pk = self.row["pk"]
        ctx = {"u": self.username, "rumus": pk}
        with self.client.get(self.url, name="entri GET", context=ctx, catch_response=True) as r:
            form, csrf = parse_form(r.text or "") if r.status_code == 200 else ({}, None)
            if r.status_code != 200 or f"r-{pk}-realisasi" not in form or not csrf:
                r.failure(f"entri GET {r.status_code}: no row {pk} or csrf in the page")
                return
        gevent.sleep(random.uniform(*JEDA))  # typing

        self.seq += 1
        pembagi = self.row["pembagi"]
        januari = self.row["realisasi_januari"]
        realisasi = random.randint(januari * 9 // 10, min(pembagi, januari * 11 // 10))
        keterangan = f"beban {self.username} #{self.seq}"
        form[f"r-{pk}-realisasi"] = angka_id(realisasi)
        form[f"r-{pk}-keterangan"] = keterangan
        if not form.get(f"r-{pk}-pembagi", "").strip():
            form[f"r-{pk}-pembagi"] = angka_id(pembagi)
        form["csrfmiddlewaretoken"] = csrf
        form["aksi"] = "simpan"
        nilai = {
            "pembagi": form[f"r-{pk}-pembagi"].replace(".", "").replace(",", "."),
            "realisasi": str(realisasi),
            "keterangan": keterangan,
        }
        ctx = {**ctx, "nilai": nilai, "versi": form.get(f"r-{pk}-versi")}
        # Sent before the request: a POST that never reports back shows up as sent - answered.
        _log.write(json.dumps({"kirim": pk, "u": self.username, "seq": self.seq}) + "\n")
        with self.client.post(
            self.url, data=urlencode(form), headers=FORM_HEADERS, name="entri POST",
            allow_redirects=False, context=ctx, catch_response=True,
        ) as r:  # fmt: skip
            if r.status_code in (303, 409):  # 409: a conflict correctly detected
                r.success()
            else:
                pesan = re.findall(r'class="[^"]*(?:galat|error|pesan)[^"]*"[^>]*>([^<]{0,160})',
                                   r.text or "")  # fmt: skip
                r.failure(f"entri POST {r.status_code} {pesan[:3]}")
