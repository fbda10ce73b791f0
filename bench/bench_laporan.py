"""Benchmark: the signed monthly report PDF, against the spreadsheet route (LibreOffice).

    .venv/bin/python bench/bench_laporan.py [--runs 7] [--lo-runs N] [--profil] [--andaikan]
        [--tanpa-libreoffice]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_laporan.py

Runs in a throw-away database of its own on whatever DATABASE_URL points at: SQLite in a
temporary file by default; on PostgreSQL a ``bench_laporan_<pid>_<hex>`` database created and
dropped by this script (no other database is touched). Signing keys go to a temporary
``TANDA_TANGAN_DIR``. Two reports, both March 2025:

- the demo month: Palangka Raya (``muat_demo --tanpa-akun``), 12 rumus rows;
- a synthetic organisasi: 10 programs x 3 indikator x 10 rumus = 300 rows over 10 bidang,
  realisasi for January to March with keterangan, definitions filled in.

For each: the signed report (build rows + render the PDF with its signature block + PAdES
signature) split into its parts, the first (cold) run apart from the warm ones, median and
best over ``--runs``; the whole service ``setujui_bulan`` (in a transaction rolled back after
each run); page count and size. For comparison: the same table as .xlsx (``xlsx_laporan``)
converted to PDF by ``libreoffice --headless --convert-to pdf`` (a subprocess, its own
profile; the first conversion creates the profile). LibreOffice's PDF is not signed.

Besides wall time (``time.perf_counter``) it prints the CPU time of the signed report and the
time spent in the cyclic garbage collector, and how many cores other processes used while
it measured (the machine is shared). On PostgreSQL it also times how long a staf's save of
another month waits while the 300-row month is being approved. ``--profil`` prints
cProfile's top 30 for one warm run of each report; ``--andaikan`` measures again with the GC
paused during the PDF render (patched in this process only, the app's code is untouched);
``--bagian`` renders the demo month's HTML with parts cut out (definition blocks, table) to
show what each part costs.
"""

import argparse
import atexit
import cProfile
import gc
import io
import os
import pstats
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

T_AWAL = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos_kinerja.settings")
TMP = Path(tempfile.mkdtemp(prefix="bench-laporan-"))
atexit.register(shutil.rmtree, TMP, True)
# Never the project's db.sqlite3: without DATABASE_URL, a SQLite file in the temp dir.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'utama.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

T_SETUP = time.perf_counter() - T_AWAL
TAHUN, BULAN = 2025, 3
TANGGAL = date(2025, 4, 15)


def ms(detik: float) -> float:
    return detik * 1000


@contextmanager
def stopwatch(hasil: list[float]):
    mulai = time.perf_counter()
    yield
    hasil.append(ms(time.perf_counter() - mulai))


def ringkas(nilai: list[float]) -> tuple[float, float]:
    return statistics.median(nilai), min(nilai)


# --- data --------------------------------------------------------------------------------


def siapkan_demo():
    from laporan.tanda_tangan import buat_sertifikat_demo
    from organisasi.models import Organisasi

    call_command("muat_demo", "--tanpa-akun", stdout=io.StringIO())
    org = Organisasi.objects.get(slug="palangkaraya")
    buat_sertifikat_demo(org, direktori=settings.TANDA_TANGAN_DIR)
    return org


URAIAN = (
    "Jumlah {sasaran} di wilayah Kecamatan {kec} yang mendapatkan pelayanan {layanan} sesuai "
    "standar pelayanan minimal bidang sosial, termasuk pendampingan, asesmen dan rujukan"
)
KETERANGAN = (
    "Data dari laporan bulanan {kec}; {n} berkas diverifikasi, sisanya menunggu validasi "
    "DTSEN dan tanda tangan pendamping"
)
SASARAN = [
    "PPKS", "lanjut usia terlantar", "anak terlantar", "penyandang disabilitas",
    "gelandangan dan pengemis", "korban bencana alam", "keluarga miskin", "KPM PKH",
]  # fmt: skip
KECAMATAN = ["Pahandut", "Jekan Raya", "Sabangau", "Bukit Batu", "Rakumpit"]
LAYANAN = ["rehabilitasi sosial dasar", "perlindungan sosial", "jaminan sosial",
           "pemberdayaan sosial", "tanggap darurat", "bantuan permakanan"]  # fmt: skip
KONSEP = (
    "1. Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) adalah perseorangan, keluarga, kelompok, "
    "dan/atau masyarakat yang karena suatu hambatan, kesulitan, atau gangguan tidak dapat "
    "melaksanakan fungsi sosialnya. 2. Pelayanan sesuai standar adalah pemberian layanan "
    "sesuai rekomendasi hasil asesmen Pekerja Sosial. 3. Data bersumber dari laporan bidang."
)
REGULASI = (
    "1. Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial 2. Peraturan Menteri "
    "Sosial Nomor 9 Tahun 2018 tentang Standar Teknis Pelayanan Dasar 3. Peraturan Daerah "
    "Kota tentang Penyelenggaraan Kesejahteraan Sosial"
)


def siapkan_sintetis(programs: int = 10, indikator: int = 3, rumus: int = 10, bidang: int = 10):
    """300 rows (10 x 3 x 10) over 10 bidang, realisasi for months 1..3 with keterangan,
    every bidang's March submitted, kepala and a demo certificate."""
    import random

    from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
    from indikator.models import Indikator
    from laporan.tanda_tangan import buat_sertifikat_demo
    from organisasi.models import Bidang, Organisasi
    from tests.factories import buat_definisi

    rnd = random.Random(4)
    org = Organisasi.objects.create(
        slug="bench-laporan",
        nama="Dinas Sosial Kota Bench",
        pemerintah="Pemerintah Kota Bench",
        dinas="Dinas Sosial",
        alamat="Jalan Contoh No. 1, Kota Bench, Kalimantan Tengah 73111",
        telepon="0536 123456",
        laman="dinsos.bench.go.id",
        email="dinsos@bench.go.id",
        kota="Kota Bench",
        kepala_nama="Drs. CONTOH NAMA KEPALA, M.Si",
        kepala_pangkat="Pembina Utama Muda (IV/c)",
        kepala_nip="197001011990031001",
    )
    rows, n = [], 0
    for p in range(programs):
        for i in range(indikator):
            for _ in range(rumus):
                rows.append({
                    "kode_program": f"1.06.{p:02d}",
                    "program": f"Program Pelayanan dan Perlindungan Sosial {p + 1}",
                    "sasaran_program": f"Meningkatnya kualitas pelayanan sosial sasaran {p + 1}",
                    "indikator_program": f"Persentase PPKS yang tertangani program {p + 1}",
                    "target_program": "100%",
                    "kode_indikator": f"1.06.{p:02d}.{i + 1}",
                    "indikator": f"Persentase {SASARAN[(p + i) % len(SASARAN)]} yang mendapat "
                                 f"pelayanan sesuai standar ({p + 1}.{i + 1})",
                    "agregasi": ["rata-rata", "jumlah", "rata-rata"][i],
                    "kode_rumus": f"R{n:04d}",
                    "bidang": f"Bidang Pelayanan Sosial {n % bidang + 1}",
                    "uraian": URAIAN.format(
                        sasaran=SASARAN[n % len(SASARAN)],
                        kec=KECAMATAN[n % len(KECAMATAN)],
                        layanan=LAYANAN[n % len(LAYANAN)],
                    ),
                    "penyebut": "Jumlah sasaran yang terdata",
                    "periode": "bulanan",
                    "faktor_tahunan": "1/12",
                    "pembagi_default": "",
                })  # fmt: skip
                n += 1
    rumus_map = buat_definisi(org, TAHUN, rows)
    Indikator.objects.filter(program__organisasi=org).update(
        konsep_definisi=KONSEP,
        rumus_teks="Jumlah PPKS yang mendapat pelayanan / Jumlah PPKS yang terdata x 100%",
        satuan="Persentase (%)",
        regulasi=REGULASI,
        periode_pengukuran="Bulanan",
        sifat_target="Tidak Kumulatif",
        sumber_data="Laporan bulanan bidang dan DTSEN",
    )
    realisasi = []
    for bulan in range(1, BULAN + 1):
        for k, obj in enumerate(rumus_map.values()):
            pembagi = rnd.randint(20, 5000)
            realisasi.append(
                Realisasi(
                    rumus=obj,
                    tahun=TAHUN,
                    bulan=bulan,
                    pembagi=pembagi,
                    realisasi=rnd.randint(0, pembagi),
                    keterangan=KETERANGAN.format(kec=KECAMATAN[k % len(KECAMATAN)], n=k + 3)
                    if k % 3
                    else "",
                )
            )
    Realisasi.objects.bulk_create(realisasi, batch_size=500)
    PengajuanBulan.objects.bulk_create(
        PengajuanBulan(bidang=b, tahun=TAHUN, bulan=BULAN, status=StatusPengajuan.DIAJUKAN)
        for b in Bidang.objects.filter(organisasi=org)
    )
    buat_sertifikat_demo(org, direktori=settings.TANDA_TANGAN_DIR)
    return org


# --- the signed report -------------------------------------------------------------------


class MeterGC:
    """Time spent in the cyclic garbage collector (``gc.callbacks``), in ms."""

    def __init__(self) -> None:
        self.total = 0.0
        self._mulai: float | None = None

    def __call__(self, fase: str, info: dict) -> None:
        if fase == "start":
            self._mulai = time.perf_counter()
        elif self._mulai is not None:
            self.total += ms(time.perf_counter() - self._mulai)
            self._mulai = None


GC = MeterGC()
gc.callbacks.append(GC)
BAGIAN = ("total", "bangun", "render", "tanda", "cpu", "gc")


def catatan() -> dict[str, list[float]]:
    return {k: [] for k in BAGIAN}


def laporan_bertanda(org, penanda, w: dict[str, list[float]] | None = None) -> bytes:
    """What ``setujui_bulan`` does for the document itself, timed in its three parts."""
    from django.utils import timezone

    from laporan import cetak, services, tanda_tangan
    from laporan.builder import bangun_laporan

    w = w if w is not None else catatan()
    mulai, cpu, gc_awal = time.perf_counter(), time.process_time(), GC.total
    with stopwatch(w["bangun"]):
        laporan = bangun_laporan(org, TAHUN, BULAN)
    with stopwatch(w["render"]):
        pengesahan = cetak.pengesahan_bawaan(org, TANGGAL)
        token = "bench" + secrets.token_hex(8)
        tanda = cetak.BlokTanda(
            url_verifikasi=services.url_verifikasi(token),
            token=token,
            versi=1,
            ditandatangani_pada=timezone.now(),
            sertifikat_subjek=penanda.subjek,
            gambar=penanda.gambar,
        )
        pdf = cetak.pdf_laporan(laporan, pengesahan=pengesahan, tanda=tanda, draf=False)
    with stopwatch(w["tanda"]):
        bertanda = tanda_tangan.tandatangani(
            pdf, penanda, nama=pengesahan.nama, lokasi=pengesahan.kota, alasan="Benchmark"
        )
    w["total"].append(ms(time.perf_counter() - mulai))
    w["cpu"].append(ms(time.process_time() - cpu))
    w["gc"].append(GC.total - gc_awal)
    return bertanda


def jumlah_halaman(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


def ukur_bertanda(org, runs: int, penanda=None) -> dict:
    """The first run apart (the process's first PDF for the demo month), then ``runs`` warm."""
    from laporan import tanda_tangan

    mulai = time.perf_counter()
    penanda = penanda or tanda_tangan.muat_penanda(org)
    muat_kunci = ms(time.perf_counter() - mulai)
    pertama, hangat = catatan(), catatan()
    laporan_bertanda(org, penanda, pertama)
    for _ in range(runs):
        pdf = laporan_bertanda(org, penanda, hangat)
    hasil = tanda_tangan.periksa_tanda_tangan(pdf, sertifikat_dipercaya=[penanda.sidik])
    assert hasil.sah, hasil.pesan
    return {
        "pertama": {k: v[0] for k, v in pertama.items()},
        "hangat": {k: ringkas(v) for k, v in hangat.items()},
        "muat_kunci": muat_kunci,
        "halaman": jumlah_halaman(pdf),
        "ukuran": len(pdf),
        "penanda": penanda,
    }


def ukur_layanan(org, runs: int) -> dict:
    """``setujui_bulan`` whole (locks, key loading, build, render, sign, store, audit), in a
    transaction rolled back each time so it can repeat."""
    from laporan.services import setujui_bulan

    waktu, cpu = [], []
    for _ in range(runs + 1):
        with transaction.atomic():
            mulai = time.process_time()
            with stopwatch(waktu):
                versi = setujui_bulan(organisasi=org, tahun=TAHUN, bulan=BULAN, tanggal=TANGGAL)
            cpu.append(ms(time.process_time() - mulai))
            assert versi.versi == 1
            transaction.set_rollback(True)
    return {"pertama": waktu[0], "hangat": ringkas(waktu[1:]), "cpu": ringkas(cpu[1:])}


def ukur_tunggu(org) -> tuple[float, float] | None:
    """PostgreSQL only: a staf's save of a January realisasi row of ``org``, started 1 s into
    ``setujui_bulan`` of March, waits until the approval ends (the realisasi trigger's KEY SHARE
    lock on the organisasi row against the approval's FOR UPDATE). Approval ms, wait ms."""
    if connection.vendor != "postgresql":
        return None
    from capaian.models import Realisasi
    from laporan.services import setujui_bulan

    mulai, hasil = threading.Event(), {}

    def staf() -> None:
        try:
            mulai.wait(120)
            time.sleep(1)
            t = time.perf_counter()
            with transaction.atomic():
                Realisasi.objects.filter(
                    rumus__organisasi=org, tahun=TAHUN, bulan=1, rumus__kode="R0007"
                ).update(keterangan="diubah staf")
            hasil["tunggu"] = ms(time.perf_counter() - t)
        finally:
            connections.close_all()  # this thread's connection

    benang = threading.Thread(target=staf)
    benang.start()
    with transaction.atomic():
        t = time.perf_counter()
        mulai.set()
        setujui_bulan(organisasi=org, tahun=TAHUN, bulan=BULAN, tanggal=TANGGAL)
        lama = ms(time.perf_counter() - t)
        transaction.set_rollback(True)
    benang.join()
    return lama, hasil["tunggu"]


def ukur_xlsx(org, runs: int) -> tuple[bytes, tuple[float, float]]:
    from laporan import cetak
    from laporan.builder import bangun_laporan
    from laporan.excel import xlsx_laporan

    laporan = bangun_laporan(org, TAHUN, BULAN)
    pengesahan = cetak.pengesahan_bawaan(org, TANGGAL)
    waktu: list[float] = []
    data = b""
    for _ in range(runs + 1):
        with stopwatch(waktu):
            data = xlsx_laporan(laporan, pengesahan=pengesahan, draf=False)
    return data, ringkas(waktu[1:])


def impor_weasyprint(kali: int = 3) -> float:
    """``import weasyprint`` in a fresh interpreter (part of the cold first PDF), median ms."""
    kode = "import time; t = time.perf_counter(); import weasyprint; print(time.perf_counter() - t)"
    hasil = [
        float(subprocess.run([sys.executable, "-c", kode], capture_output=True, check=True).stdout)
        for _ in range(kali)
    ]
    return ms(statistics.median(hasil))


# --- LibreOffice -------------------------------------------------------------------------


class LibreOffice:
    def __init__(self) -> None:
        self.program = shutil.which("libreoffice") or shutil.which("soffice")
        self.profil = TMP / "lo-profil"
        self.keluar = TMP / "lo-keluar"
        self.keluar.mkdir()

    def ubah(self, xlsx: Path) -> tuple[float, bytes]:
        perintah = [
            self.program,
            f"-env:UserInstallation={self.profil.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(self.keluar),
            str(xlsx),
        ]
        hasil_pdf = self.keluar / (xlsx.stem + ".pdf")
        hasil_pdf.unlink(missing_ok=True)
        mulai = time.perf_counter()
        subprocess.run(perintah, check=True, capture_output=True, timeout=300)
        lama = ms(time.perf_counter() - mulai)
        return lama, hasil_pdf.read_bytes()


def ukur_libreoffice(lo: LibreOffice, xlsx: bytes, nama: str, runs: int) -> dict:
    berkas = TMP / f"{nama}.xlsx"
    berkas.write_bytes(xlsx)
    waktu, pdf = [], b""
    for _ in range(runs):
        lama, pdf = lo.ubah(berkas)
        waktu.append(lama)
    return {"waktu": ringkas(waktu), "halaman": jumlah_halaman(pdf), "ukuran": len(pdf)}


# --- machine load, profile, what-if ------------------------------------------------------


class BebanLain:
    """CPU used by other processes while we measure: busy jiffies of the whole machine
    (/proc/stat) minus our own and our children's CPU time (LibreOffice included)."""

    def __init__(self) -> None:
        self.mulai = (self._mesin(), self._sendiri(), time.perf_counter())

    @staticmethod
    def _mesin() -> float:
        with open("/proc/stat") as f:
            kolom = [int(x) for x in f.readline().split()[1:]]
        sibuk = sum(kolom[:3]) + sum(kolom[5:8])  # user nice system, irq softirq steal
        return sibuk / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _sendiri() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def inti(self) -> float:
        mesin, sendiri, mulai = self.mulai
        lama = time.perf_counter() - mulai
        return ((self._mesin() - mesin) - (self._sendiri() - sendiri)) / lama


def profil(label: str, org, penanda, n: int = 1) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        laporan_bertanda(org, penanda)
    prof.disable()
    for urut in ("cumulative", "tottime"):
        print(f"\n== cProfile, {label}, {n} warm run(s), top 30 by {urut}")
        pstats.Stats(prof).sort_stats(urut).print_stats(30)


@contextmanager
def andaikan_tanpa_gc():
    """What-if, this process only (the app's code is untouched): the cyclic garbage
    collector paused while WeasyPrint renders (``cetak.pdf_laporan``)."""
    from laporan import cetak

    asli = cetak.pdf_laporan

    def pdf_laporan(*args, **kwargs):
        aktif = gc.isenabled()
        gc.disable()
        try:
            return asli(*args, **kwargs)
        finally:
            if aktif:
                gc.enable()

    cetak.pdf_laporan = pdf_laporan
    try:
        yield
    finally:
        cetak.pdf_laporan = asli


def bagian_demo(org, runs: int) -> None:
    """Where the demo month's render time goes by part of the document: the same HTML with
    parts cut out, rendered alternately with the GC paused; CPU ms, median."""
    from django.utils import timezone
    from weasyprint import HTML, URLFetcher

    from laporan import cetak, services
    from laporan.builder import bangun_laporan

    tanda = cetak.BlokTanda(
        url_verifikasi=services.url_verifikasi("x" * 22),
        token="x" * 22,
        versi=1,
        ditandatangani_pada=timezone.now(),
        sertifikat_subjek="Kepala Dinas, Dinas Sosial",
    )
    laporan = bangun_laporan(org, TAHUN, BULAN)
    pengesahan = cetak.pengesahan_bawaan(org, TANGGAL)
    html = cetak.html_laporan(laporan, pengesahan=pengesahan, tanda=tanda, draf=False)
    penanda = ('<section class="definisi-program">', '<section class="progres">',
               '<div class="penutup">', "<body")  # fmt: skip
    if any(p not in html for p in penanda):
        print("\nparts of the demo render: the template's section markers changed, skipped")
        return
    definisi, tabel, penutup, body = (html.index(p) for p in penanda)
    body = html.index(">", body) + 1
    varian = {
        "whole document": html,
        "without the definition blocks": html[:definisi] + html[tabel:],
        "without the table": html[:tabel] + html[penutup:],
        "letterhead, title, capaian and signature only": html[:definisi] + html[penutup:],
        "empty body (stylesheet, one page)": html[:body] + "</body></html>",
    }
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    waktu: dict[str, list[float]] = {k: [] for k in varian}
    halaman: dict[str, int] = {}
    aktif = gc.isenabled()
    gc.disable()
    try:
        for _ in range(runs):
            for nama, teks in varian.items():
                mulai = time.process_time()
                dokumen = HTML(string=teks, url_fetcher=fetcher).render()
                dokumen.write_pdf()
                waktu[nama].append(ms(time.process_time() - mulai))
                halaman[nama] = len(dokumen.pages)
                del dokumen
    finally:
        if aktif:
            gc.enable()
    print(f"\nparts of the demo render (GC paused, CPU ms, median of {runs}, alternating):")
    m = {k: statistics.median(v) for k, v in waktu.items()}
    for nama in varian:
        print(f"  {nama}: {m[nama]:,.0f} ({halaman[nama]} pages)")
    print(
        f"  => definition blocks ({len(laporan.blok)} programs, "
        f"{sum(len(b.indikator) for b in laporan.blok)} indikator): "
        f"{m['whole document'] - m['without the definition blocks']:,.0f}; table "
        f"({len(laporan.baris)} lines): {m['whole document'] - m['without the table']:,.0f}"
    )


def rss_puncak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- report ------------------------------------------------------------------------------


def baris(label: str, *kolom: str) -> None:
    print(f"| {label} | " + " | ".join(kolom) + " |")


def med(pasangan: tuple[float, float]) -> str:
    return f"{pasangan[0]:,.0f} ({pasangan[1]:,.0f})"


def cetak_tabel(args, hasil, layanan, xlsx, lo_hasil, impor_wp) -> dict:
    print(f"\nms; warm figures: median (best) over {args.runs} runs")
    baris("figure", "demo month (12 rows)", "300 rows")
    baris("---", "---", "---")
    kolom = ("demo", "300")
    for nama, kunci in (
        ("**signed report: build + render + sign**", "total"),
        ("  build rows (`bangun_laporan`)", "bangun"),
        ("  render PDF (`pdf_laporan`, with signature block)", "render"),
        ("  sign (`tandatangani`, PAdES)", "tanda"),
        ("  CPU time of the signed report", "cpu"),
        ("  of which cyclic GC", "gc"),
    ):
        baris(f"{nama}, warm", *(med(hasil[k]["hangat"][kunci]) for k in kolom))
    for nama, kunci in (
        ("signed report, first run", "total"),
        ("  build, first", "bangun"),
        ("  render, first", "render"),
        ("  sign, first", "tanda"),
    ):
        baris(nama, *(f"{hasil[k]['pertama'][kunci]:,.0f}" for k in kolom))
    baris("`import weasyprint`, fresh interpreter (part of the first run)", f"{impor_wp:,.0f}", "")
    baris("load key (`muat_penanda`), once", *(f"{hasil[k]['muat_kunci']:,.0f}" for k in kolom))
    baris(
        "**`setujui_bulan` whole** (rolled back), warm", *(med(layanan[k]["hangat"]) for k in kolom)
    )
    baris("  its CPU time, warm", *(med(layanan[k]["cpu"]) for k in kolom))
    baris("  first", *(f"{layanan[k]['pertama']:,.0f}" for k in kolom))
    baris(
        "signed PDF: pages, size",
        *(f"{hasil[k]['halaman']} pages, {hasil[k]['ukuran'] / 1024:,.0f} KiB" for k in kolom),
    )
    baris(
        "render per page, warm median",
        *(f"{hasil[k]['hangat']['render'][0] / hasil[k]['halaman']:,.0f}" for k in kolom),
    )
    baris("`xlsx_laporan`, warm", *(med(xlsx[k][1]) for k in kolom))
    rute = {}
    if lo_hasil:
        baris(
            "LibreOffice xlsx -> pdf (subprocess), first start (new profile)",
            f"{lo_hasil['pertama']['waktu'][0]:,.0f}",
            "",
        )
        baris(
            f"**LibreOffice xlsx -> pdf**, warm ({args.lo_runs} runs)",
            *(med(lo_hasil[k]["waktu"]) for k in kolom),
        )
        rute = {
            k: hasil[k]["hangat"]["bangun"][0] + xlsx[k][1][0] + lo_hasil[k]["waktu"][0]
            for k in kolom
        }
        baris(
            "**spreadsheet route**: build + xlsx + LibreOffice (unsigned), sum of warm medians",
            *(f"{rute[k]:,.0f}" for k in kolom),
        )
        baris(
            "LibreOffice PDF (unsigned): pages, size",
            *(f"{lo_hasil[k]['halaman']} pages, {lo_hasil[k]['ukuran'] / 1024:,.0f} KiB"
              for k in kolom),
        )  # fmt: skip
    return rute


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm runs per figure (default 7)")
    parser.add_argument("--lo-runs", type=int, default=None, help="LibreOffice warm runs")
    parser.add_argument("--profil", action="store_true", help="cProfile a warm run of each")
    parser.add_argument(
        "--andaikan", action="store_true", help="what-if: GC paused during the PDF render"
    )
    parser.add_argument(
        "--bagian", action="store_true", help="demo render time by part of the document"
    )
    parser.add_argument("--tanpa-libreoffice", action="store_true")
    args = parser.parse_args()
    args.lo_runs = args.lo_runs or args.runs

    settings.TANDA_TANGAN_DIR = TMP / "tanda-tangan"
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(TMP / "bench.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = (
            f"bench_laporan_{os.getpid()}_{secrets.token_hex(3)}"
        )
    # autoclobber=False: a database of that name is never dropped (input() fails instead).
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=False)
    try:
        mulai = time.perf_counter()
        demo = siapkan_demo()
        sintetis = siapkan_sintetis()
        siap = ms(time.perf_counter() - mulai)
        print(f"database: {connection.vendor} ({test_name}); runs: {args.runs}")
        print(f"django.setup {ms(T_SETUP):.0f} ms; data (muat_demo + 300 rows) {siap:.0f} ms")
        # A web worker has its URLconf loaded before anyone approves: not part of "cold".
        reverse("verifikasi_token", args=["x"])
        berat = [m for m in ("weasyprint", "pyhanko", "openpyxl") if m in sys.modules]
        print(f"already imported before the first report: {', '.join(berat) or '-'}")

        beban = BebanLain()
        # The demo month's first run is the process's first PDF: WeasyPrint import, fonts.
        hasil = {"demo": ukur_bertanda(demo, args.runs)}
        hasil["300"] = ukur_bertanda(sintetis, args.runs)
        layanan = {"demo": ukur_layanan(demo, args.runs), "300": ukur_layanan(sintetis, args.runs)}
        xlsx = {"demo": ukur_xlsx(demo, args.runs), "300": ukur_xlsx(sintetis, args.runs)}
        lo_hasil: dict = {}
        if not args.tanpa_libreoffice:
            lo = LibreOffice()
            # Cold: the first start, which also creates the profile; then warm starts.
            lo_hasil["pertama"] = ukur_libreoffice(lo, xlsx["demo"][0], "pertama", 1)
            lo_hasil["demo"] = ukur_libreoffice(lo, xlsx["demo"][0], "demo", args.lo_runs)
            lo_hasil["300"] = ukur_libreoffice(lo, xlsx["300"][0], "sintetis", args.lo_runs)
            print(f"libreoffice: {lo.program}, profile {lo.profil}")
        tunggu = ukur_tunggu(sintetis)
        lain = beban.inti()
        impor_wp = impor_weasyprint()
        rss = rss_puncak_mib()

        rute = cetak_tabel(args, hasil, layanan, xlsx, lo_hasil, impor_wp)
        if tunggu:
            print(
                f"\nPostgreSQL: a staf's save of a January row, started 1 s into `setujui_bulan` "
                f"(300 rows, {tunggu[0]:,.0f} ms), waited {tunggu[1]:,.0f} ms for it"
            )
        print(f"\npeak RSS of this process: {rss:,.0f} MiB")
        print(f"other processes used {lain:.2f} cores while measuring (2 = the whole machine)")
        if lain > 0.2:
            print("  WARNING: the machine was busy; wall times are inflated (compare CPU times)")

        print("\naims:")
        demo_ms = hasil["demo"]["hangat"]["total"][0]
        print(
            f"  demo month signed PDF < 1 s warm: {demo_ms:,.0f} ms median -> "
            f"{'met' if demo_ms < 1000 else 'MISSED'}"
        )
        for k, label in (("demo", "demo month"), ("300", "300 rows")):
            if k not in rute:
                continue
            ours = hasil[k]["hangat"]["total"][0]
            print(
                f"  faster than the spreadsheet route ({label}): {ours:,.0f} vs "
                f"{rute[k]:,.0f} ms -> {'met' if ours < rute[k] else 'MISSED'}"
                f" (spreadsheet/ours = {rute[k] / ours:.2f})"
            )
        if rute:
            print("  (LibreOffice's PDF is unsigned: no PAdES signature, no signature block)")

        if args.andaikan:
            print(
                "\nwhat-if (this process only), runs alternating: as is / GC paused during "
                "`pdf_laporan`; signed report ms, median (best)"
            )
            beban = BebanLain()
            for k, org in (("demo", demo), ("300", sintetis)):
                penanda, biasa, jeda = hasil[k]["penanda"], catatan(), catatan()
                for _ in range(args.runs):
                    laporan_bertanda(org, penanda, biasa)
                    with andaikan_tanpa_gc():
                        laporan_bertanda(org, penanda, jeda)
                for nama, w in (("as is", biasa), ("GC paused", jeda)):
                    print(
                        f"  {k}, {nama}: {med(ringkas(w['total']))} (CPU "
                        f"{med(ringkas(w['cpu']))}, render {med(ringkas(w['render']))}, "
                        f"GC {med(ringkas(w['gc']))})"
                    )
            print(f"  peak RSS now {rss_puncak_mib():,.0f} MiB (before: {rss:,.0f})")
            print(f"  other processes used {beban.inti():.2f} cores meanwhile")

        if args.bagian:
            bagian_demo(demo, args.runs)

        if args.profil:
            profil("demo month", demo, hasil["demo"]["penanda"])
            profil("300 rows", sintetis, hasil["300"]["penanda"])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
