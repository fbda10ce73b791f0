"""Reads of the quarter's evaluation: every indicator of a plan for (tahun, triwulan) with its
achievement (``rencana.selectors.hitung_capaian``: the same figures as the plan's pages), its
quarterly target, its analysis and how much evidence it has, in a fixed number of queries."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count

from evaluasi.models import AnalisisTriwulan, BuktiDukung, JenisSasaran
from rencana import engine
from rencana.models import IndikatorRencana, Renstra, TargetTriwulan
from rencana.selectors import (
    CapaianPeriode,
    HasilRencana,
    baris_target_triwulan,
    hitung_capaian,
)


@dataclass(frozen=True)
class BarisEvaluasi:
    hasil: HasilRencana
    target_tw: TargetTriwulan | None
    analisis: AnalisisTriwulan | None
    jumlah_bukti: int

    @property
    def indikator(self) -> IndikatorRencana:
        return self.hasil.indikator

    @property
    def capaian_tw(self) -> Fraction | None:
        """Capaian against the quarter's target (Kumulatif: the cumulative one), with the
        indicator's polarity (rencana.engine.capaian)."""
        if self.target_tw is None or self.target_tw.nilai is None:
            return None
        return engine.capaian(
            self.hasil.realisasi.nilai,
            engine.pecahan(self.target_tw.nilai),
            self.indikator.polaritas,
        )

    @property
    def ada_analisis(self) -> bool:
        return self.analisis is not None and not self.analisis.kosong


@dataclass
class EvaluasiTriwulan:
    capaian: CapaianPeriode
    baris: list[BarisEvaluasi]

    @property
    def renstra(self) -> Renstra:
        return self.capaian.renstra


def jumlah_bukti(indikator_ids, tahun: int, triwulan: int | None = None) -> dict[int, int]:
    """Evidence per indicator for a quarter (or every quarter of the year). One query."""
    qs = BuktiDukung.objects.filter(
        jenis=JenisSasaran.INDIKATOR, indikator_id__in=list(indikator_ids), tahun=tahun
    )
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    return dict(
        qs.values_list("indikator_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("indikator_id", "n")
    )


def evaluasi_triwulan(renstra: Renstra, tahun: int, triwulan: int) -> EvaluasiTriwulan:
    """Every indicator of ``renstra`` through Triwulan ``triwulan`` of ``tahun``."""
    cp = hitung_capaian(renstra, tahun, triwulan)
    ids = [h.indikator.pk for h in cp.hasil]
    target = baris_target_triwulan(ids, tahun)
    analisis = {
        a.indikator_id: a
        for a in AnalisisTriwulan.objects.filter(
            indikator__renstra=renstra, tahun=tahun, triwulan=triwulan
        )
    }
    bukti = jumlah_bukti(ids, tahun, triwulan)
    baris = [
        BarisEvaluasi(
            h,
            target[h.indikator.pk][triwulan - 1],
            analisis.get(h.indikator.pk),
            bukti.get(h.indikator.pk, 0),
        )
        for h in cp.hasil
    ]
    return EvaluasiTriwulan(cp, baris)


def bukti_indikator(ind: IndikatorRencana, tahun: int, triwulan: int) -> list[BuktiDukung]:
    return list(
        BuktiDukung.objects.filter(
            jenis=JenisSasaran.INDIKATOR, indikator=ind, tahun=tahun, triwulan=triwulan
        ).select_related("diunggah_oleh")
    )


def bukti_bulanan(rumus_id: int, tahun: int, bulan: int) -> list[BuktiDukung]:
    return list(
        BuktiDukung.objects.filter(
            jenis=JenisSasaran.BULANAN, rumus_id=rumus_id, tahun=tahun, bulan=bulan
        ).select_related("diunggah_oleh")
    )


def jumlah_bukti_per_triwulan(indikator_id: int, tahun: int) -> dict[int, int]:
    """Evidence of one indicator per quarter of ``tahun``. One query."""
    return dict(
        BuktiDukung.objects.filter(
            jenis=JenisSasaran.INDIKATOR, indikator_id=indikator_id, tahun=tahun
        )
        .values_list("triwulan")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("triwulan", "n")
    )
