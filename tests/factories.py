"""Builds definitions and realisasi straight through the ORM (not through the workbook import),
so report and engine tests do not depend on the importer."""

from decimal import Decimal
from fractions import Fraction

from django.utils.text import slugify

from capaian.models import Realisasi
from dasar.angka import parse_angka, parse_pecahan
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi


def buat_definisi(organisasi: Organisasi, tahun: int, rows: list[dict]) -> dict[str, Rumus]:
    """rows use the workbook's column names (see fixtures/buat_demo.py)."""
    program: dict[str, Program] = {}
    indikator: dict[tuple[str, str], Indikator] = {}
    rumus: dict[str, Rumus] = {}
    for n, row in enumerate(rows):
        bidang, _ = Bidang.objects.get_or_create(
            organisasi=organisasi,
            slug=slugify(row["bidang"]),
            defaults={"nama": row["bidang"]},
        )
        kp = row["kode_program"]
        if kp not in program:
            program[kp] = Program.objects.create(
                organisasi=organisasi,
                tahun=tahun,
                kode=kp,
                nama=row["program"],
                sasaran=row.get("sasaran_program", ""),
                indikator_program=row.get("indikator_program", ""),
                target_teks=row.get("target_program", ""),
                urutan=len(program),
            )
        ki = (kp, row["kode_indikator"])
        if ki not in indikator:
            indikator[ki] = Indikator.objects.create(
                program=program[kp],
                kode=row["kode_indikator"],
                nama=row["indikator"],
                agregasi=row.get("agregasi") or "rata-rata",
                urutan=len(indikator),
            )
        faktor = parse_pecahan(row.get("faktor_tahunan") or None)
        bobot = parse_pecahan(row.get("bobot") or None) or Fraction(1)
        pembagi = row.get("pembagi_default")
        rumus[row["kode_rumus"]] = Rumus.objects.create(
            organisasi=organisasi,
            tahun=tahun,
            indikator=indikator[ki],
            kode=row["kode_rumus"],
            bidang=bidang,
            uraian=row["uraian"],
            penyebut=row.get("penyebut", ""),
            periode=row.get("periode") or "bulanan",
            faktor_pembilang=None if faktor is None else faktor.numerator,
            faktor_penyebut=None if faktor is None else faktor.denominator,
            bobot_pembilang=bobot.numerator,
            bobot_penyebut=bobot.denominator,
            pembagi_default=None if pembagi in (None, "") else Decimal(pembagi),
            urutan=n,
        )
    return rumus


def isi_realisasi(rumus: dict[str, Rumus], tahun: int, bulan: int, nilai: dict) -> None:
    """nilai: kode_rumus -> (pembagi, realisasi text as staff type it)."""
    Realisasi.objects.bulk_create(
        Realisasi(
            rumus=rumus[kode],
            tahun=tahun,
            bulan=bulan,
            pembagi=parse_angka(pembagi),
            realisasi=parse_angka(realisasi),
        )
        for kode, (pembagi, realisasi) in nilai.items()
    )
