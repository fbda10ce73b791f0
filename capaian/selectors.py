"""Reads that feed the engine: a year of definitions and realisasi in four queries."""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Prefetch, Q

from capaian import engine
from capaian.models import PengajuanBulan, Realisasi
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi


class Entri(NamedTuple):
    """The part of a Realisasi row the computation reads (plain tuples load ~3x faster)."""

    pembagi: Decimal | None
    realisasi: Decimal | None
    keterangan: str


@dataclass(frozen=True)
class DataTahun:
    organisasi: Organisasi
    tahun: int
    program: list[Program]
    realisasi: dict[tuple[int, int], Entri]  # (rumus_id, bulan) -> Entri
    # The months whose realisasi are loaded for every row: only those can be computed.
    lengkap: tuple[int, int] = (1, 12)

    def baris(self, rumus: Rumus, bulan: int) -> engine.Baris:
        entri = self.realisasi.get((rumus.pk, bulan))
        pembagi = entri.pembagi if entri is not None and entri.pembagi is not None else None
        if pembagi is None:
            pembagi = rumus.pembagi_default
        return engine.Baris(
            kode=rumus.kode,
            pembagi=pembagi,
            realisasi=entri.realisasi if entri is not None else None,
            faktor=rumus.faktor,
            bobot=rumus.bobot,
            bidang=rumus.bidang.nama,
            uraian=rumus.uraian,
            penyebut=rumus.penyebut,
            keterangan=entri.keterangan if entri is not None else "",
        )

    def input_bulan(self, bulan: int) -> list[engine.Program]:
        return [
            engine.Program(
                kode=p.kode,
                nama=p.nama,
                indikator=[
                    engine.Indikator(
                        kode=i.kode,
                        nama=i.nama,
                        agregasi=i.agregasi,
                        bobot=i.bobot,
                        rumus=[self.baris(r, bulan) for r in i.rumus.all()],
                    )
                    for i in p.indikator.all()
                ],
            )
            for p in self.program
        ]

    def hitung_bulan(self, bulan: int) -> engine.HasilBulan:
        if not self.lengkap[0] <= bulan <= self.lengkap[1]:
            # A month loaded for some rows only would compute a wrong total.
            raise ValueError(f"bulan {bulan} tidak dimuat utuh (hanya {self.lengkap})")
        return engine.hitung_bulan(self.input_bulan(bulan))


def muat_tahun(
    organisasi: Organisasi, tahun: int, sampai_bulan: int = 12, dari_bulan: int = 1
) -> DataTahun:
    """The year's definitions with their realisasi for months dari_bulan..sampai_bulan:
    4 queries, whatever the number of rows."""
    rows = Realisasi.objects.untuk_organisasi(organisasi).filter(
        tahun=tahun, bulan__gte=dari_bulan, bulan__lte=sampai_bulan
    )
    return DataTahun(
        organisasi, tahun, _definisi(organisasi, tahun), _entri(rows), (dari_bulan, sampai_bulan)
    )


def muat_entri(organisasi: Organisasi, tahun: int, bulan: int, bidang: Bidang) -> DataTahun:
    """What one bidang's entry page reads: the year's definitions, every row's realisasi of
    ``bulan`` (the month's figures) and the bidang's own rows of the months before (their
    history and last pembagi). Earlier months' totals come from ``capaian.hasil``, so
    December loads about as much as February. 4 queries."""
    rows = Realisasi.objects.untuk_organisasi(organisasi).filter(
        Q(bulan=bulan) | Q(bulan__lt=bulan, rumus__bidang=bidang), tahun=tahun
    )
    return DataTahun(organisasi, tahun, _definisi(organisasi, tahun), _entri(rows), (bulan, bulan))


def _definisi(organisasi: Organisasi, tahun: int) -> list[Program]:
    rumus_qs = Rumus.objects.select_related("bidang").order_by("urutan", "kode")
    indikator_qs = Indikator.objects.order_by("urutan", "kode").prefetch_related(
        Prefetch("rumus", queryset=rumus_qs)
    )
    return list(
        Program.objects.untuk_tahun(organisasi, tahun)
        .order_by("urutan", "kode")
        .prefetch_related(Prefetch("indikator", queryset=indikator_qs))
    )


def _entri(rows) -> dict[tuple[int, int], Entri]:
    daftar = rows.values_list("rumus_id", "bulan", "pembagi", "realisasi", "keterangan")
    return {(rumus_id, bulan): Entri(*rest) for rumus_id, bulan, *rest in daftar}


def realisasi_bidang_bulan(bidang: Bidang, tahun: int, bulan: int) -> dict[int, Realisasi]:
    """The bidang's stored rows of one month with their versi and who last wrote them, by
    rumus id: one query."""
    return {
        r.rumus_id: r
        for r in Realisasi.objects.filter(rumus__bidang=bidang, tahun=tahun, bulan=bulan)
        .select_related("diisi_oleh")
        .order_by("pk")
    }


def pengajuan_bulan(bidang: Bidang, tahun: int, bulan: int) -> PengajuanBulan | None:
    """The bidang's month on its way to review (None = draf, nothing submitted): one query."""
    return (
        PengajuanBulan.objects.filter(bidang=bidang, tahun=tahun, bulan=bulan)
        .select_related("diubah_oleh")
        .first()
    )
