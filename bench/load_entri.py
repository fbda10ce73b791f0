"""Load bench for the entry page: 30 bidang x 5 staf open and save their month concurrently
against gunicorn and PostgreSQL, then every successful save is checked against the database.

    .venv/bin/pip install -e '.[bench]'          # locust
    .venv/bin/python bench/load_entri.py --buat-db [--workers 3] [--durasi 60] [--jeda 5,15]
        [--mode sendiri|konflik] [--processes 2] [--wrk 20] [--bulan 12 --isi-sampai 11]

Steps: (optionally) drop and create the database, migrate, build organisasi ``beban``
(``siapkan_beban.py``), start gunicorn with DEBUG=0, run locust headless
(``locust_entri.py``), stop gunicorn, verify, print p50/p95/p99 per request kind.

Figures are computed from every request that started inside the measured window (from the
moment the last of the users has logged in, for ``--durasi`` seconds); logins are reported
apart. Verification (per rumus row of organisasi ``beban``, February):

- each POST answered 303 wrote its exact values: they appear in the audit trail
  (``JejakAudit`` buat/ubah) once, and the audit holds nothing else for the row;
- the stored row equals the newest audit entry and the last successful save, and its
  ``versi`` equals the number of successful saves;
- no two successful saves of a row were made from the same rendered versi (that would be
  a blind overwrite: a lost update);
- rows nobody edited stay empty, January stays as it was set up.

409 is a correctly detected conflict; 422, any 5xx or other status is an error.
"""

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/dinsos_beban"
sys.path.insert(0, str(ROOT))


def env_for_app(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dinsos_kinerja.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    return env


def buat_db(database_url: str) -> None:
    import psycopg2

    url = urlparse(database_url)
    name = url.path.lstrip("/")
    conn = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
        dbname="postgres",
    )  # fmt: skip
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def persentil(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def cpu_proses(gunicorn_pid: int, locust_pid: int, dbname: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of each process, by group (gunicorn and its workers, locust and its
    processes, the postgres backends of the database)."""
    import psutil

    def cpu(p) -> float:
        t = p.cpu_times()
        return t.user + t.system

    out: dict[str, dict[int, float]] = {"gunicorn": {}, "locust": {}, "postgres": {}}
    for name, pid in (("gunicorn", gunicorn_pid), ("locust", locust_pid)):
        try:
            root = psutil.Process(pid)
            for p in [root, *root.children(recursive=True)]:
                out[name][p.pid] = cpu(p)
        except psutil.NoSuchProcess:
            pass
    for p in psutil.process_iter(["name", "cmdline"]):
        # The backends serving this database ("postgres: 15/main: postgres dinsos_beban ...").
        if p.info["name"] == "postgres" and f" {dbname} " in " ".join(p.info["cmdline"] or []):
            with contextlib.suppress(psutil.NoSuchProcess):
                out["postgres"][p.pid] = cpu(p)
    return out


def cpu_selisih(awal: dict, akhir: dict) -> dict[str, float]:
    """CPU seconds used between two snapshots (processes that started in between count
    whole; those that ended are missed)."""
    return {
        name: sum(t - awal[name].get(pid, 0.0) for pid, t in akhir[name].items()) for name in akhir
    }


def port_bebas(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def tunggu_server(server: subprocess.Popen, port: int, timeout: float = 30) -> None:
    batas = time.time() + timeout
    while time.time() < batas:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on port {port} within {timeout} s")


WRK_LUA = """
-- GET the entry page, each connection as one logged-in staf bidang of its own bidang.
local sessions = {%s}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
function init(args)
  n = offset
end
function request()
  n = n + 1
  local s = sessions[(n %% #sessions) + 1]
  return wrk.format("GET", s[2], {["Cookie"] = s[1]})
end
"""


def sesi_masuk(port: int, username: str, sandi: str, tujuan: str) -> str:
    """Logs in through the form; returns the Cookie header of the session."""
    import http.cookiejar
    import re
    from urllib.parse import urlencode

    jar = http.cookiejar.CookieJar(
        http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    html = opener.open(f"{base}/masuk/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {"username": username, "password": sandi, "csrfmiddlewaretoken": csrf, "next": tujuan}
    opener.open(f"{base}/masuk/", data=urlencode(data).encode()).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def jalankan_wrk(port: int, manifest: dict, run_dir: Path, detik: int, bulan: int) -> str:
    """GET-only comparison with wrk (a C load generator that leaves the CPU to the server):
    one session per bidang, closed loop without think time."""
    sessions = []
    for b in manifest["bidang"]:
        path = f"/o/{manifest['organisasi']}/entri/{manifest['tahun']}/{bulan}/{b['slug']}/"
        cookie = sesi_masuk(port, b["staf"][0], manifest["sandi"], path)
        sessions.append(f'{{"{cookie}", "{path}"}}')
    lua = run_dir / "wrk_entri.lua"
    lua.write_text(WRK_LUA % ", ".join(sessions))
    out = []
    for conns in (4, 30):
        result = subprocess.run(
            ["wrk", "-t", "1", "-c", str(conns), "-d", f"{detik}s", "--latency", "--timeout", "10s",
             "-s", str(lua), f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        out.append(f"wrk -t1 -c{conns} -d{detik}s (entri GET):\n{result.stdout}")
    return "\n".join(out)


def baca_log(run_dir: Path) -> list[dict]:
    lines = []
    for path in sorted(run_dir.glob("log-*.jsonl")):
        with path.open() as f:
            lines.extend(json.loads(line) for line in f if line.strip())
    return lines


def verifikasi(manifest: dict, posts: list[dict], bulan: int, mode: str) -> dict:
    """Compares the successful saves with the database. Returns counts and examples."""
    from capaian.models import Aksi, JejakAudit, Realisasi

    pks = [r["pk"] for b in manifest["bidang"] for r in b["rumus"]]
    januari = {r["pk"]: r for b in manifest["bidang"] for r in b["rumus"]}
    sukses: dict[int, list[dict]] = defaultdict(list)
    for p in posts:
        if p["s"] == 303:
            sukses[p["rumus"]].append(p)
    audit: dict[int, list[dict]] = defaultdict(list)
    lain: Counter = Counter()
    for j in (
        JejakAudit.objects.filter(rumus_id__in=pks, tahun=manifest["tahun"])
        .order_by("waktu", "pk")
        .values("rumus_id", "bulan", "aksi", "nilai_baru", "waktu", "pk")
    ):
        if j["bulan"] == bulan and j["aksi"] in (Aksi.BUAT, Aksi.UBAH):
            audit[j["rumus_id"]].append(j)
        else:
            lain[(j["bulan"], j["aksi"])] += 1
    stored = {
        r.rumus_id: r
        for r in Realisasi.objects.filter(rumus_id__in=pks, tahun=manifest["tahun"])
        if r.bulan == bulan
    }
    januari_berubah = sum(
        1
        for r in Realisasi.objects.filter(rumus_id__in=pks, tahun=manifest["tahun"], bulan=1)
        if (int(r.pembagi), int(r.realisasi))
        != (januari[r.rumus_id]["pembagi"], januari[r.rumus_id]["realisasi_januari"])
    )

    def kunci(nilai: dict | None) -> tuple:
        nilai = nilai or {}
        return (nilai.get("pembagi"), nilai.get("realisasi"), nilai.get("keterangan") or "")

    hasil = Counter()
    contoh: list[str] = []

    def salah(jenis: str, teks: str, n: int = 1) -> None:
        hasil[jenis] += n
        if len(contoh) < 15:
            contoh.append(f"{jenis}: {teks}")

    for pk in pks:
        saves = sukses.get(pk, [])
        jejak = audit.get(pk, [])
        row = stored.get(pk)
        hasil["baris diubah"] += bool(saves)
        # Each 303 wrote exactly its values, and nothing else wrote the row.
        dari_save = Counter(kunci(s["nilai"]) for s in saves)
        dari_audit = Counter(kunci(j["nilai_baru"]) for j in jejak)
        hilang = dari_save - dari_audit
        if hilang:
            salah("save 303 tanpa jejak", f"rumus {pk}: {list(hilang)[:2]}", sum(hilang.values()))
        ekstra = dari_audit - dari_save
        if ekstra:
            salah("tulisan tanpa save 303", f"rumus {pk}: {list(ekstra)[:2]}", sum(ekstra.values()))
        # Optimistic lock: a page rendered at versi v can be saved once.
        basis = Counter(str(s.get("versi")) for s in saves)
        ganda = sum(n - 1 for n in basis.values() if n > 1)
        if ganda:
            salah("save dari versi yang sama (timpa buta)", f"rumus {pk}: {dict(basis)}", ganda)
        if not saves:
            if row is not None or jejak:
                salah("baris tak disunting ikut tertulis", f"rumus {pk}")
            continue
        if row is None:
            salah("save hilang (baris tidak ada)", f"rumus {pk}")
            continue
        sekarang = kunci({
            "pembagi": _teks(row.pembagi), "realisasi": _teks(row.realisasi),
            "keterangan": row.keterangan,
        })  # fmt: skip
        if jejak and sekarang != kunci(jejak[-1]["nilai_baru"]):
            salah("tersimpan != jejak terbaru", f"rumus {pk}: {sekarang} vs {jejak[-1]}")
        if mode == "sendiri":
            # One writer per row, saving in sequence: the last 303 must be what is stored.
            terakhir = max(saves, key=lambda s: s["t"])
            if sekarang != kunci(terakhir["nilai"]):
                salah(
                    "save hilang", f"rumus {pk}: stored {sekarang}, last save {terakhir['nilai']}"
                )
        elif sekarang not in dari_save:
            salah("save hilang", f"rumus {pk}: stored {sekarang} is no 303's value")
        if row.versi != len(saves):
            hasil["versi != jumlah save"] += 1
            if len(contoh) < 15:
                contoh.append(f"versi: rumus {pk} versi {row.versi}, {len(saves)} saves")
    hasil["jejak lain (bulan, aksi)"] = sum(lain.values())
    hasil["januari berubah"] = januari_berubah
    if januari_berubah:
        contoh.append(f"{januari_berubah} January rows changed")
    return {
        "hitungan": dict(hasil),
        "contoh": contoh,
        "jejak_lain": {str(k): v for k, v in lain.items()},
    }


def _teks(value) -> str | None:
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def ringkas(lines: list[dict], mulai: float, durasi: float) -> dict:
    per_nama: dict[str, list[dict]] = defaultdict(list)
    for line in lines:
        if "n" in line:
            per_nama[line["n"]].append(line)
    out = {}
    for nama, items in sorted(per_nama.items()):
        dalam = (
            items
            if nama.startswith("masuk")
            else [i for i in items if mulai <= i["t"] < mulai + durasi]
        )
        ms = [i["ms"] for i in dalam]
        out[nama] = {
            "n": len(dalam),
            "n_total": len(items),
            "per_detik": len(dalam) / durasi if not nama.startswith("masuk") else None,
            "p50": persentil(ms, 50),
            "p95": persentil(ms, 95),
            "p99": persentil(ms, 99),
            "max": max(ms, default=float("nan")),
            "mean": statistics.fmean(ms) if ms else float("nan"),
            "status": dict(Counter(i["s"] for i in dalam)),
            "status_total": dict(Counter(i["s"] for i in items)),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DB)
    parser.add_argument("--buat-db", action="store_true", help="drop and create the database")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--users", type=int, default=150, help="locust users (<= accounts)")
    parser.add_argument("--spawn-rate", type=float, default=30)
    parser.add_argument("--durasi", type=float, default=60, help="measured seconds")
    parser.add_argument("--jeda", default="5,15", help="think time min,max seconds")
    parser.add_argument("--mode", choices=["sendiri", "konflik"], default="sendiri")
    parser.add_argument("--processes", type=int, default=0, help="locust --processes")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--bulan", type=int, default=2, help="the month entered")
    parser.add_argument("--isi-sampai", type=int, default=1, help="realisasi filled Jan..this")
    parser.add_argument("--wrk", type=int, default=0, help="then a GET-only wrk run, seconds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()

    if not port_bebas(args.port):
        raise SystemExit(f"port {args.port} is in use; pick another with --port")
    env = env_for_app(args.database_url)
    dbname = urlparse(args.database_url).path.lstrip("/")
    os.environ.update(env)
    if args.buat_db:
        buat_db(args.database_url)
    for command in (["migrate"], ["collectstatic", "--clear"]):
        # DEBUG=0 uses the manifest storage: templates' {% static %} needs collectstatic.
        subprocess.run(
            [sys.executable, "manage.py", *command, "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip

    import django
    import psutil

    django.setup()
    from django.db import connections

    from bench.siapkan_beban import siapkan, siapkan_out, tulis_manifest

    siapkan_out(args.out)
    run_dir = args.out / time.strftime(f"%Y%m%d-%H%M%S-{args.mode}")
    run_dir.mkdir(parents=True)
    manifest = siapkan(isi_sampai=args.isi_sampai)
    manifest_path = tulis_manifest(manifest, run_dir / "beban.json")
    akun = sum(len(b["staf"]) for b in manifest["bidang"])
    users = min(args.users, akun)
    connections.close_all()

    with (run_dir / "gunicorn.log").open("w") as log:  # Django's "Conflict: ..." warnings too
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "dinsos_kinerja.wsgi", "-w", str(args.workers),
             "--bind", f"127.0.0.1:{args.port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    locust = None
    try:
        tunggu_server(gunicorn, args.port)
        jeda_max = float(args.jeda.split(",")[1])
        locust_env = dict(
            env,
            BEBAN_MANIFEST=str(manifest_path),
            BEBAN_DIR=str(run_dir),
            BEBAN_MODE=args.mode,
            BEBAN_DURASI=str(args.durasi),
            BEBAN_JEDA=args.jeda,
            BEBAN_BULAN=str(args.bulan),
        )
        cmd = [
            str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_entri.py"), "--headless",
            "--users", str(users), "--spawn-rate", str(args.spawn_rate),
            "--run-time", f"{int(args.durasi + 600)}s", "--stop-timeout", "30",
            "--host", f"http://127.0.0.1:{args.port}", "--csv", str(run_dir / "locust"),
            "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        if args.processes:
            cmd += ["--processes", str(args.processes)]
        # Fewer users than accounts: tell the login barrier how many to wait for.
        if users < akun:
            locust_env["BEBAN_JUMLAH"] = str(users)
        t_start = time.time()
        with (run_dir / "locust.out").open("w") as out:
            locust = subprocess.Popen(
                cmd, cwd=ROOT, env=locust_env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: --processes forks workers
            )  # fmt: skip
        mulai_file = run_dir / "mulai"
        while not (mulai_file.exists() and mulai_file.read_text()):
            if locust.poll() is not None:
                raise SystemExit(f"locust ended early; see {run_dir / 'locust.out'}")
            if time.time() - t_start > 300:
                raise SystemExit("users did not all log in within 300 s")
            time.sleep(0.2)
        mulai = float(mulai_file.read_text())
        print(f"all {users} users logged in after {mulai - t_start:.1f} s; measuring")
        time.sleep(max(0.0, mulai + 1 - time.time()))
        cpu0, sys0 = cpu_proses(gunicorn.pid, locust.pid, dbname), psutil.cpu_times()
        time.sleep(max(0.0, mulai + args.durasi - 1 - time.time()))
        cpu1, sys1 = cpu_proses(gunicorn.pid, locust.pid, dbname), psutil.cpu_times()
        cpu = {k: v / (args.durasi - 2) for k, v in cpu_selisih(cpu0, cpu1).items()}
        # Everything else on the machine (other jobs sharing it) during the window.
        busy = sum(getattr(sys1, f) - getattr(sys0, f) for f in ("user", "system", "nice",
                   "irq", "softirq", "steal"))  # fmt: skip
        cpu["lain"] = max(0.0, busy / (args.durasi - 2) - sum(cpu.values()))
        loadavg = os.getloadavg()
        # Let the last iterations (GET, typing, POST) finish, then stop locust.
        time.sleep(max(0.0, mulai + args.durasi + jeda_max + 10 - time.time()))
        locust.send_signal(signal.SIGTERM)
        locust.wait(timeout=120)
        if args.wrk:
            wrk_out = jalankan_wrk(args.port, manifest, run_dir, args.wrk, args.bulan)
            (run_dir / "wrk.txt").write_text(wrk_out)
    finally:
        if locust is not None and locust.poll() is None:
            os.killpg(locust.pid, signal.SIGKILL)
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)

    lines = baca_log(run_dir)
    summary = ringkas(lines, mulai, args.durasi)
    posts = [line for line in lines if line.get("n") == "entri POST"]
    dikirim = sum(1 for line in lines if "kirim" in line)
    check = verifikasi(manifest, posts, args.bulan, args.mode)

    def is_error(line: dict) -> bool:
        # Locust failures with an expected status (e.g. a page without the row's fields) too.
        return line.get("s") not in (200, 302, 303, 409) or ("err" in line and line.get("s") != 409)

    request_lines = [line for line in lines if "n" in line]
    errors = sum(1 for line in request_lines if is_error(line))
    errors_login = sum(
        1 for line in request_lines if line["n"].startswith("masuk") and is_error(line)
    )
    conflicts = sum(item["status_total"].get(409, 0) for item in summary.values())
    hitungan = check["hitungan"]
    hilang = sum(v for k, v in hitungan.items()
                 if k.startswith(("save hilang", "save 303 tanpa", "save dari versi")))  # fmt: skip
    # Anything else the database shows that no successful save explains.
    anomali = sum(v for k, v in hitungan.items() if k != "baris diubah") - hilang

    print(f"\ngunicorn workers: {args.workers}, users: {users}, mode: {args.mode}, "
          f"think time: {args.jeda} s, measured: {args.durasi:.0f} s, locust processes: "
          f"{args.processes or 1}, cores: {os.cpu_count()}")  # fmt: skip
    print(
        f"{'request':<12} {'n':>6} {'req/s':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  status"
    )
    for nama, s in summary.items():
        rate = f"{s['per_detik']:6.1f}" if s["per_detik"] is not None else f"{'':>6}"
        print(f"{nama:<12} {s['n']:>6} {rate} {s['p50']:>7.0f} {s['p95']:>7.0f} {s['p99']:>7.0f} "
              f"{s['max']:>7.0f}  {s['status']}")  # fmt: skip
    print("CPU (cores busy during the window): "
          + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items())
          + f"; load average at the end {loadavg[0]:.2f}")  # fmt: skip
    if cpu["lain"] > 0.2:
        print(f"WARNING: other processes kept {cpu['lain']:.2f} cores busy during the window: "
              "the machine was shared, latencies are not representative")  # fmt: skip
    print(f"POSTs sent {dikirim}, answered {len(posts)}; errors (any status but 200/302/303/409): "
          f"{errors} ({errors_login} at login); conflicts (409): {conflicts}; "
          f"lost saves: {hilang}; other anomalies: {anomali}")  # fmt: skip
    print("verification:", json.dumps(check["hitungan"], ensure_ascii=False))
    for line in check["contoh"]:
        print("  ", line)
    (run_dir / "hasil.json").write_text(json.dumps({
        "args": {k: str(v) for k, v in vars(args).items()}, "users": users, "mulai": mulai,
        "cpu": cpu, "loadavg": loadavg, "summary": summary, "verifikasi": check, "errors": errors,
        "errors_login": errors_login,
        "conflicts": conflicts, "lost_saves": hilang, "anomalies": anomali, "posts_sent": dikirim,
    }, indent=1, default=str))  # fmt: skip
    if args.wrk:
        print(wrk_out)
    print(f"logs and locust CSV: {run_dir}")
    sys.exit(1 if errors or hilang or anomali else 0)


if __name__ == "__main__":
    main()
