"""The monthly progress report as data: one builder, rendered as JSON now and as HTML,
PDF and Excel by the report renderers. Renderers only format these rows."""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from capaian import engine
from capaian.hasil import total_per_bulan, versi_masukan
from capaian.selectors import DataTahun, muat_tahun
from capaian.tampilan import label_indikator
from dasar.angka import nama_bulan, to_decimal
from indikator.models import Indikator, Program
from organisasi.models import Organisasi

JenisBaris = Literal["rumus", "subtotal_indikator", "subtotal_program", "total"]


@dataclass(frozen=True)
class BarisLaporan:
    jenis: JenisBaris
    label: str = ""
    nomor: int | None = None
    bidang: str = ""
    uraian: str = ""
    pembagi: Decimal | Fraction | int | None = None
    realisasi: Decimal | Fraction | int | None = None
    persen: Fraction | None = None
    persen_tahunan: Fraction | None = None
    keterangan: str = ""
    nilai: Fraction | None = None


@dataclass(frozen=True)
class BlokProgram:
    """A program with its definitions (for the definition blocks) and its computed values."""

    program: Program
    indikator: list[Indikator]
    hasil: engine.HasilProgram


@dataclass(frozen=True)
class LaporanBulanan:
    organisasi: Organisasi
    tahun: int
    bulan: int
    hasil: engine.HasilBulan
    total_bulan: Fraction | None
    capaian_sd_bulan_lalu: Fraction
    capaian_sd_bulan: Fraction
    blok: list[BlokProgram] = field(default_factory=list)
    baris: list[BarisLaporan] = field(default_factory=list)

    @property
    def nama_bulan(self) -> str:
        return nama_bulan(self.bulan)


def susun_baris(hasil: engine.HasilBulan, bulan: int, tahun: int) -> list[BarisLaporan]:
    """The table of seed 000: numbered rumus rows, a subtotal per indikator where a program
    has several, a subtotal per program, and the month's total."""
    baris: list[BarisLaporan] = []
    nomor = 0
    for program in hasil.program:
        for indikator in program.indikator:
            for h in indikator.rumus:
                nomor += 1
                baris.append(
                    BarisLaporan(
                        jenis="rumus",
                        nomor=nomor,
                        bidang=h.baris.bidang,
                        uraian=h.baris.uraian,
                        pembagi=h.baris.pembagi,
                        realisasi=h.baris.realisasi,
                        persen=h.persen,
                        persen_tahunan=h.persen_tahunan,
                        keterangan=h.baris.keterangan,
                    )
                )
            if len(program.indikator) > 1:
                baris.append(
                    BarisLaporan(
                        jenis="subtotal_indikator",
                        label=label_indikator(indikator),
                        nilai=indikator.nilai,
                    )
                )
        baris.append(
            BarisLaporan(
                jenis="subtotal_program",
                label=f"Persentase Realisasi Program {program.program.nama}",
                nilai=program.nilai,
            )
        )
    baris.append(
        BarisLaporan(
            jenis="total",
            label=f"Persentase Capaian TOTAL {nama_bulan(bulan).upper()} {tahun}",
            nilai=hasil.total,
        )
    )
    return baris


def bangun_laporan(
    organisasi: Organisasi, tahun: int, bulan: int, *, dari_awal: bool = False
) -> LaporanBulanan:
    """Everything the monthly report shows, from a fixed number of queries. ``dari_awal``
    computes the earlier months too instead of reading their stored results (the integrity
    check must not trust what it checks)."""
    if not 1 <= bulan <= 12:
        raise ValueError("bulan must be 1..12")
    versi = versi_masukan(organisasi, tahun)  # read before the inputs, see hasil_bulan
    data: DataTahun = muat_tahun(organisasi, tahun, sampai_bulan=bulan)
    hasil = data.hitung_bulan(bulan)  # the month in full, row by row
    if dari_awal:
        totals = {b: data.hitung_bulan(b).total for b in range(1, bulan)}
    else:
        # The earlier months' totals only, from the stored results while their inputs hold.
        totals = total_per_bulan(organisasi, tahun, range(1, bulan), versi=versi, data=data)
    totals[bulan] = hasil.total
    blok = [
        BlokProgram(program=p, indikator=list(p.indikator.all()), hasil=h)
        for p, h in zip(data.program, hasil.program, strict=True)
    ]
    return LaporanBulanan(
        organisasi=organisasi,
        tahun=tahun,
        bulan=bulan,
        hasil=hasil,
        total_bulan=hasil.total,
        capaian_sd_bulan_lalu=engine.capaian_sd(totals, bulan - 1),
        capaian_sd_bulan=engine.capaian_sd(totals, bulan),
        blok=blok,
        baris=susun_baris(hasil, bulan, tahun),
    )


def _angka(value: Decimal | Fraction | int | None) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(Fraction(value))


def ke_json(laporan: LaporanBulanan) -> dict[str, Any]:
    """The computed month with unrounded numbers (percent units); Decimal values are exact or
    carry 28 significant digits, and are written as JSON numbers by ``dumps_json``."""
    return {
        "organisasi": laporan.organisasi.slug,
        "tahun": laporan.tahun,
        "bulan": laporan.bulan,
        "program": [
            {
                "kode": p.program.kode,
                "nama": p.program.nama,
                "nilai": _angka(p.nilai),
                "indikator": [
                    {
                        "kode": i.indikator.kode,
                        "nama": i.indikator.nama,
                        "agregasi": i.indikator.agregasi,
                        "nilai": _angka(i.nilai),
                        "rumus": [
                            {
                                "kode": h.baris.kode,
                                "bidang": h.baris.bidang,
                                "uraian": h.baris.uraian,
                                "pembagi": _angka(h.baris.pembagi),
                                "realisasi": _angka(h.baris.realisasi),
                                "persen": _angka(h.persen),
                                "persen_tahunan": _angka(h.persen_tahunan),
                            }
                            for h in i.rumus
                        ],
                    }
                    for i in p.indikator
                ],
            }
            for p in laporan.hasil.program
        ],
        "total_bulan": _angka(laporan.total_bulan),
        "capaian_sd_bulan_lalu": _angka(laporan.capaian_sd_bulan_lalu),
        "capaian_sd_bulan": _angka(laporan.capaian_sd_bulan),
    }
