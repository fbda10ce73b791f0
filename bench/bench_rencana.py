"""Benchmark: the achievement of a large plan, and the plan workbook's round trip.

    .venv/bin/python bench/bench_rencana.py [--rows 1000] [--ikk 300] [--repeat 5]

A synthetic organisasi with the monthly rows of bench_engine (``--rows`` rumus, 10 per
indikator, 12 months of 2025 and 2024) and a 2025-2029 plan: one indicator tied to each
monthly indikator, ``--ikk`` indicators with a realisasi per quarter, and a decrease per
tied indicator's pembilang for every tenth of them. Runs in a throw-away test database on
whatever DATABASE_URL points at (SQLite by default) and prints queries and times.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection
from django.test.utils import CaptureQueriesContext, setup_test_environment

from bench.bench_engine import TAHUN, timed, workbook_indikator, workbook_realisasi


def buat_rencana(org, rows: int, ikk: int):
    from rencana.models import (
        Bagian,
        IndikatorRencana,
        Jenis,
        Kelompok,
        RealisasiRencana,
        Renstra,
        Sifat,
        TargetTahunan,
    )

    renstra = Renstra.objects.create(organisasi=org, tahun_awal=2025, tahun_akhir=2029)
    tahun = renstra.daftar_tahun
    terikat = []
    for i in range(rows // 10):
        agregasi = ["rata-rata", "jumlah", "rasio gabungan"][i % 3]
        terikat.append(IndikatorRencana(
            renstra=renstra, kelompok=Kelompok.IKU, kode=f"IKU-{i}", nama=f"IKU {i}",
            jenis=Jenis.RASIO_GABUNGAN if agregasi == "rasio gabungan" else Jenis.PERSENTASE,
            sifat_target=Sifat.KUMULATIF if i % 2 else Sifat.TIDAK_KUMULATIF,
            kode_bulanan=f"I{i:04d}", urutan=i,
        ))  # fmt: skip
    terikat = IndikatorRencana.objects.bulk_create(terikat)
    manual = IndikatorRencana.objects.bulk_create(
        IndikatorRencana(
            renstra=renstra, kelompok=Kelompok.IKK, kode=f"IKK-{i}", nama=f"IKK {i}",
            jenis=[Jenis.PERSENTASE, Jenis.JUMLAH, Jenis.NILAI][i % 3],
            sifat_target=Sifat.KUMULATIF if i % 2 else Sifat.TIDAK_KUMULATIF,
            urutan=10_000 + i, urutan_ikk=i + 1,
        )
        for i in range(ikk)
    )  # fmt: skip
    turun = IndikatorRencana.objects.bulk_create(
        IndikatorRencana(
            renstra=renstra, kelompok=Kelompok.TUJUAN, kode=f"IT-{i}", nama=f"Penurunan {i}",
            jenis=Jenis.PENURUNAN, acuan=ind, acuan_bagian=Bagian.PEMBILANG, urutan=20_000 + i,
        )
        for i, ind in enumerate(terikat[::10])
    )  # fmt: skip
    semua = [*terikat, *manual, *turun]
    TargetTahunan.objects.bulk_create(
        TargetTahunan(indikator=i, tahun=t, nilai=100) for i in semua for t in tahun
    )
    RealisasiRencana.objects.bulk_create(
        RealisasiRencana(indikator=ind, tahun=TAHUN, triwulan=tw, nilai=n % 97 + tw,
                         pembilang=n % 50 + tw, penyebut=60)
        for n, ind in enumerate(manual) for tw in range(1, 5)
    )  # fmt: skip
    return renstra, len(semua)


def buat_pohon(renstra, jumlah: int, indikator: list) -> list:
    """A tree of ``jumlah`` nodes, 1-2-4-8-... wide down to level 5, every fifth node linked
    to an indicator."""
    from rencana.models import SimpulPohon

    simpul = [SimpulPohon.objects.create(renstra=renstra, level=0, nama="Ultimate outcome")]
    n = 1
    while n < jumlah:
        induk = simpul[(n - 1) // 3]
        if induk.level == 5:
            induk = simpul[n % 40]
        s = SimpulPohon.objects.create(
            renstra=renstra, induk=induk, level=min(induk.level + 1, 5), urutan=n,
            nama=f"Kondisi {n} yang diperlukan untuk mencapai sasaran di atasnya",
            indikator_teks=f"Persentase capaian kondisi {n}",
            indikator=indikator[n % len(indikator)] if n % 5 == 0 else None,
        )  # fmt: skip
        simpul.append(s)
        n += 1
    return simpul


def ukur_dokumen(renstra, cp, jumlah_simpul: int) -> None:
    """The printed documents and the tree: layout, SVG and PDF times."""
    import datetime

    from rencana import pohon
    from rencana.cetak import bangun_dokumen, pdf_dokumen
    from rencana.views_pohon import pdf_pohon

    for jenis in ("target", "capaian"):
        dok, ms_bangun, _ = timed(lambda j=jenis: bangun_dokumen(renstra, j, tahun=TAHUN), 1)
        isi, ms_pdf, _ = timed(lambda d=dok: pdf_dokumen(d), 1)
        print(f"dokumen {jenis}: built in {ms_bangun:.0f} ms, PDF {len(isi) // 1024} KiB "
              f"in {ms_pdf:.0f} ms")  # fmt: skip
    simpul = buat_pohon(renstra, jumlah_simpul, [h.indikator for h in cp.hasil])
    tata, ms_tata, _ = timed(lambda: pohon.tata_letak(simpul), 3)
    hasil = {h.indikator.pk: h for h in cp.hasil}
    svg, ms_svg, _ = timed(lambda: pohon.svg_pohon(tata, hasil, judul="Bench"), 3)
    print(f"pohon {jumlah_simpul} simpul: layout {ms_tata:.0f} ms, SVG {len(svg) // 1024} KiB "
          f"in {ms_svg:.0f} ms")  # fmt: skip
    isi, ms_pdf, _ = timed(
        lambda: pdf_pohon(renstra, simpul, cp, tanggal=datetime.date(2025, 4, 15)), 1
    )
    print(f"pohon {jumlah_simpul} simpul: PDF {len(isi) // 1024} KiB in {ms_pdf:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--ikk", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--simpul", type=int, default=500, help="tree nodes")
    args = parser.parse_args()

    from capaian.impor import impor_realisasi
    from indikator.impor import impor_indikator
    from organisasi.models import Organisasi
    from rencana.selectors import hitung_capaian

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        org = Organisasi.objects.create(slug="bench", nama="Dinas Sosial Bench")
        data_ind = workbook_indikator(args.rows)
        for tahun in (TAHUN - 1, TAHUN):
            impor_indikator(data_ind, organisasi="bench", tahun=tahun)
        data_real = workbook_realisasi(args.rows)
        impor_realisasi(data_real, organisasi=org)
        renstra, jumlah = buat_rencana(org, args.rows, args.ikk)
        print(f"database: {connection.vendor} ({test_name}); monthly rows: {args.rows}; "
              f"plan indicators: {jumlah}")  # fmt: skip
        for triwulan in (1, 4):
            with CaptureQueriesContext(connection) as ctx:
                cp = hitung_capaian(renstra, TAHUN, triwulan)
            _, med, best = timed(lambda t=triwulan: hitung_capaian(renstra, TAHUN, t), args.repeat)
            ada = sum(1 for h in cp.hasil if h.capaian is not None)
            berapa = f"{ada}/{len(cp.hasil)} with capaian"
            print(f"hitung_capaian {TAHUN} TW {triwulan}: {len(ctx)} queries, median "
                  f"{med:.0f} ms, best {best:.0f} ms ({berapa})")  # fmt: skip
        ukur_dokumen(renstra, cp, args.simpul)
        try:
            from rencana.ekspor import ekspor_rencana
            from rencana.impor import impor_rencana
        except ImportError:
            return
        isi, med, _ = timed(lambda: ekspor_rencana(renstra), 1)
        print(f"ekspor_rencana: {len(isi) // 1024} KiB in {med:.0f} ms")
        _, med, _ = timed(lambda: impor_rencana(isi, organisasi="bench", dry_run=True), 1)
        print(f"impor_rencana of that workbook, dry run: {med:.0f} ms")
        _, med, _ = timed(lambda: impor_rencana(isi, organisasi="bench"), 1)
        print(f"impor_rencana of that workbook, replacing the plan: {med:.0f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
