"""Reads that feed the plan's arithmetic: a plan and its achievement for a year or quarter in
a bounded number of queries (asserted in tests/rencana/test_kueri.py)."""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from django.db.models import Prefetch

from capaian import engine as bulanan
from capaian.selectors import DataTahun, muat_tahun
from indikator.models import Indikator
from organisasi.models import Organisasi
from rencana import engine
from rencana.engine import Nilai, PitaNilai
from rencana.models import (
    URUTAN_ACUAN,
    AksiRencana,
    Bagian,
    IndikatorRencana,
    Jenis,
    Kelompok,
    PaguAnggaran,
    RealisasiAnggaran,
    RealisasiRencana,
    Renstra,
    Sifat,
    Skala,
    TargetTahunan,
    TargetTriwulan,
)
from rencana.pita import pita_organisasi

SUMBER_BULANAN = "bulanan"
SUMBER_TRIWULAN = "triwulan"
SUMBER_ACUAN = "acuan"
# kode_bulanan that ties an indicator to the month's Persentase Capaian TOTAL (seed 002's IKU
# is the mean of the programs, which is what the monthly report's total is).
KODE_TOTAL = "TOTAL"


def dokumen_acuan(organisasi: Organisasi, tahun: int) -> Renstra | None:
    """The plan whose figures are ``tahun``'s achievement ("dokumen acuan"), when a page or a
    command names a year rather than a plan: among the plans that cover ``tahun``, the first
    kind of ``URUTAN_ACUAN`` (the year's IKU decree before the Renstra before the IKU of the
    RPJMD); with none, the plan that starts the year after, in the same order (``tahun`` is
    then its baseline year, as 2024 is for Seruyan's 2025-2029). A plan's end-of-period
    condition (2030 for 2025-2029) never makes it the year's plan. One query."""
    calon = list(
        Renstra.objects.filter(
            organisasi=organisasi, tahun_awal__lte=tahun + 1, tahun_akhir__gte=tahun
        )
    )
    urutan = {jenis: n for n, jenis in enumerate(URUTAN_ACUAN)}
    calon.sort(key=lambda r: (r.tahun_awal > tahun, urutan.get(r.jenis, len(urutan))))
    return calon[0] if calon else None


def rencana_dimulai(organisasi_slug: str, tahun_awal: int, jenis: str | None = None):
    """(the plan of ``organisasi_slug`` starting in ``tahun_awal``, of ``jenis`` when given;
    else None and why, in Indonesian): for commands that name a plan by its first year."""
    qs = Renstra.objects.filter(organisasi__slug=organisasi_slug, tahun_awal=tahun_awal)
    if jenis:
        qs = qs.filter(jenis=jenis)
    daftar = list(qs.order_by("jenis"))
    if len(daftar) == 1:
        return daftar[0], ""
    if not daftar:
        jenis_teks = f" berjenis {jenis}" if jenis else ""
        return None, (
            f"Rencana {organisasi_slug}{jenis_teks} dengan tahun awal {tahun_awal} tidak ditemukan."
        )
    pilihan = ", ".join(f"{r.label} (--jenis {r.jenis})" for r in daftar)
    return None, (
        f"Ada {len(daftar)} rencana {organisasi_slug} yang dimulai tahun {tahun_awal}: "
        f"{pilihan}. Pilih satu dengan --jenis."
    )


def indikator_rencana(renstra: Renstra, tahun: int | None = None):
    """The plan's indicators with their element, its parent and bidang, and their targets
    (of ``tahun`` only, when given): two queries."""
    target = TargetTahunan.objects.order_by("tahun")
    if tahun is not None:
        target = target.filter(tahun=tahun)
    return list(
        IndikatorRencana.objects.filter(renstra=renstra)
        .select_related("elemen", "elemen__induk", "bidang")
        .prefetch_related(Prefetch("target", queryset=target))
        .order_by("urutan", "kode")
    )


@dataclass(frozen=True)
class HasilRencana:
    indikator: IndikatorRencana
    target: TargetTahunan | None
    realisasi: Nilai
    capaian: Fraction | None
    status: PitaNilai | None  # the status colour of the capaian
    kategori_spm: PitaNilai | None  # SPM indicators only
    sumber: str  # bulanan | triwulan | acuan | "" (no data)
    periode_data: int | None  # the month (bulanan) or quarter of the last data used
    teks_realisasi: str = ""  # e.g. "CC" next to a score
    dasar: tuple[Fraction | None, Fraction | None] | None = None  # penurunan: (N-1, N)
    # The quarter's target (Rencana Aksi, TargetTriwulan of the period's quarter; cumulative
    # for a Kumulatif indicator) and the capaian against it; None where there is none.
    target_tw: Decimal | None = None
    capaian_tw: Fraction | None = None

    @property
    def target_nilai(self) -> Fraction | None:
        if self.target is None or self.target.nilai is None:
            return None
        return engine.pecahan(self.target.nilai)

    @property
    def kategori(self) -> PitaNilai | None:
        return self.kategori_spm if self.indikator.kelompok == Kelompok.SPM else self.status


@dataclass
class CapaianPeriode:
    renstra: Renstra
    tahun: int
    triwulan: int  # 1..4; 4 is the whole year
    hasil: list[HasilRencana] = field(default_factory=list)
    pita: dict[str, tuple[PitaNilai, ...]] = field(default_factory=dict)

    @property
    def label_periode(self) -> str:
        return (
            f"Tahun {self.tahun}"
            if self.triwulan == 4
            else (f"Triwulan {ROMAWI[self.triwulan]} {self.tahun}")
        )

    def kelompok(self, kelompok: str) -> list[HasilRencana]:
        return [h for h in self.hasil if h.indikator.kelompok == kelompok]

    @cached_property
    def per_indikator(self) -> dict[int, HasilRencana]:
        return {h.indikator.pk: h for h in self.hasil}


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def label_periode(tahun: int, triwulan: int) -> str:
    """ "Tahun 2024" for the whole year (s.d. Triwulan IV), else "Triwulan I 2025"."""
    return f"Tahun {tahun}" if triwulan == 4 else f"Triwulan {ROMAWI[triwulan]} {tahun}"


class _Penghitung:
    """Computes every indicator of a plan for (tahun, triwulan), loading the monthly data of
    a year only when some indicator is tied to monthly rows."""

    def __init__(self, renstra: Renstra, tahun: int, triwulan: int, daftar: list):
        self.renstra = renstra
        self.tahun = tahun
        self.triwulan = triwulan
        self.daftar = daftar
        self.per_pk = {i.pk: i for i in daftar}
        self._bulanan: dict[int, DataTahun] = {}
        self._indeks_bulanan: dict[int, dict[str, Indikator]] = {}
        self._cache_bulan: dict[tuple, Nilai | None] = {}
        self.manual: dict[tuple[int, int], dict[int, RealisasiRencana]] = {}
        self.target_tw = target_triwulan(self.per_pk, tahun)  # one query
        tahun_dimuat = {tahun, tahun - 1}
        for r in RealisasiRencana.objects.filter(
            indikator__renstra=renstra, tahun__in=tahun_dimuat
        ).order_by("triwulan"):
            self.manual.setdefault((r.indikator_id, r.tahun), {})[r.triwulan] = r

    # -- monthly rows ----------------------------------------------------------------------

    def _data_bulanan(self, tahun: int) -> DataTahun:
        if tahun not in self._bulanan:
            data = muat_tahun(self.renstra.organisasi, tahun)
            self._bulanan[tahun] = data
            indeks: dict[str, Indikator] = {}
            for p in data.program:
                for i in p.indikator.all():
                    indeks.setdefault(i.kode, i)
            self._indeks_bulanan[tahun] = indeks
        return self._bulanan[tahun]

    def _per_bulan(
        self, ind: IndikatorRencana, tahun: int, sampai: int, cara: str
    ) -> dict[int, Nilai]:
        """The monthly values the quarter needs: the months 1..sampai that have data, or only
        the latest of them when ``cara`` takes the latest (each month computed once)."""
        data = self._data_bulanan(tahun)
        if ind.kode_bulanan.upper() == KODE_TOTAL:
            rumus = None
            terisi = sorted({b for (_, b), e in data.realisasi.items() if e.realisasi is not None})
        else:
            sumber = self._indeks_bulanan[tahun].get(ind.kode_bulanan)
            if sumber is None:
                return {}
            rumus = list(sumber.rumus.all())
            terisi = [
                bulan
                for bulan in range(1, 13)
                if any(
                    (e := data.realisasi.get((r.pk, bulan))) is not None and e.realisasi is not None
                    for r in rumus
                )
            ]
        bulan_dipakai = [b for b in terisi if b <= sampai]
        if cara == engine.TERAKHIR:
            bulan_dipakai = bulan_dipakai[-1:]
        hasil = {}
        for bulan in bulan_dipakai:
            kunci = (ind.kode_bulanan, ind.jenis, tahun, bulan)
            if kunci not in self._cache_bulan:
                self._cache_bulan[kunci] = (
                    self._total_bulan(data, bulan)
                    if rumus is None
                    else self._nilai_bulan(ind, sumber, rumus, data, bulan)
                )
            if self._cache_bulan[kunci] is not None:
                hasil[bulan] = self._cache_bulan[kunci]
        return hasil

    @staticmethod
    def _total_bulan(data: DataTahun, bulan: int) -> Nilai | None:
        """The monthly report's TOTAL of the month."""
        total = data.hitung_bulan(bulan).total
        return None if total is None else Nilai(total)

    @staticmethod
    def _nilai_bulan(ind, sumber: Indikator, rumus: list, data: DataTahun, bulan: int) -> Nilai:
        baris = [data.baris(r, bulan) for r in rumus]
        pembilang = sum((engine.pecahan(b.realisasi) or Fraction(0) for b in baris), Fraction(0))
        if ind.jenis in (Jenis.JUMLAH, Jenis.NILAI):
            return Nilai(pembilang)
        dihitung = bulanan.hitung_indikator(
            bulanan.Indikator(sumber.kode, sumber.nama, baris, sumber.agregasi)
        )
        penyebut = sum(
            (engine.pecahan(h.baris.pembagi) for h in dihitung.rumus if h.persen is not None),
            Fraction(0),
        )
        return Nilai(dihitung.nilai, pembilang, penyebut)

    # -- one indicator ---------------------------------------------------------------------

    def _cara(self, ind: IndikatorRencana, bulanan_: bool) -> str:
        if ind.jenis == Jenis.NILAI or ind.sifat_target != Sifat.KUMULATIF:
            return engine.TERAKHIR
        if bulanan_ or ind.jenis == Jenis.JUMLAH:
            # Monthly-tied: the monthly report's s.d. arithmetic (the sum of the months).
            return engine.JUMLAH
        return engine.GABUNGAN

    def nilai(self, ind: IndikatorRencana, tahun: int, triwulan: int):
        """(realisasi through the quarter, source, last period with data, text)."""
        if ind.jenis == Jenis.PENURUNAN:
            return self._penurunan(ind, tahun, triwulan)
        if ind.kode_bulanan:
            cara = self._cara(ind, True)
            per = self._per_bulan(ind, tahun, triwulan * 3, cara)
            n, p = engine.akumulasi(per, triwulan * 3, cara)
            return n, (SUMBER_BULANAN if p else ""), p, ""
        manual = self.manual.get((ind.pk, tahun), {})
        per = {tw: self._nilai_manual(r) for tw, r in manual.items()}
        n, p = engine.akumulasi(per, triwulan, self._cara(ind, False))
        teks = manual[p].teks if p else ""
        return n, (SUMBER_TRIWULAN if p else ""), p, teks

    @staticmethod
    def _nilai_manual(r: RealisasiRencana) -> Nilai:
        if r.penyebut is not None:
            return engine.rasio(engine.pecahan(r.pembilang), engine.pecahan(r.penyebut))
        return Nilai(engine.pecahan(r.nilai))

    def _jumlah_dasar(self, ind: IndikatorRencana, tahun: int, triwulan: int):
        """The count a decrease compares: entered for the indicator itself, else the
        acuan's pembilang or penyebut through the quarter."""
        manual = self.manual.get((ind.pk, tahun), {})
        ada = [tw for tw, r in manual.items() if tw <= triwulan and r.nilai is not None]
        if ada:
            return engine.pecahan(manual[max(ada)].nilai), SUMBER_TRIWULAN, max(ada)
        acuan = self.per_pk.get(ind.acuan_id) if ind.acuan_id else None
        if acuan is None or acuan.jenis == Jenis.PENURUNAN:
            # (the import and the admin refuse a decrease as acuan: no cycles to follow)
            return None, "", None
        n, _, periode, _ = self.nilai(acuan, tahun, triwulan)
        bagian = n.pembilang if ind.acuan_bagian == Bagian.PEMBILANG else n.penyebut
        return bagian, (SUMBER_ACUAN if bagian is not None else ""), periode

    def _penurunan(self, ind: IndikatorRencana, tahun: int, triwulan: int):
        sebelum, _, _ = self._jumlah_dasar(ind, tahun - 1, 4)
        sekarang, sumber, periode = self._jumlah_dasar(ind, tahun, triwulan)
        nilai = engine.penurunan(sebelum, sekarang)
        return Nilai(nilai, sebelum, sekarang), (sumber if nilai is not None else ""), periode, ""

    def hitung(self, pita: dict[str, tuple[PitaNilai, ...]]) -> list[HasilRencana]:
        return [self.hasil_satu(ind, self.triwulan, pita) for ind in self.daftar]

    def hasil_satu(
        self, ind: IndikatorRencana, triwulan: int, pita: dict[str, tuple[PitaNilai, ...]]
    ) -> HasilRencana:
        target = next((t for t in ind.target.all() if t.tahun == self.tahun), None)
        n, sumber, periode, teks = self.nilai(ind, self.tahun, triwulan)
        target_nilai = engine.pecahan(target.nilai) if target and target.nilai is not None else None
        cap = engine.capaian(n.nilai, target_nilai, ind.polaritas)
        target_tw = self.target_tw.get(ind.pk, [None] * 4)[triwulan - 1]
        cap_tw = (
            engine.capaian(n.nilai, engine.pecahan(target_tw), ind.polaritas)
            if target_tw is not None
            else None
        )
        return HasilRencana(
            indikator=ind,
            target=target,
            realisasi=n,
            capaian=cap,
            status=engine.kategori(cap, pita[Skala.CAPAIAN]),
            kategori_spm=(
                engine.kategori(cap, pita[Skala.SPM]) if ind.kelompok == Kelompok.SPM else None
            ),
            sumber=sumber,
            periode_data=periode,
            teks_realisasi=teks,
            dasar=(n.pembilang, n.penyebut) if ind.jenis == Jenis.PENURUNAN else None,
            target_tw=target_tw,
            capaian_tw=cap_tw,
        )


def hitung_indikator_tahun(
    renstra: Renstra, kode: str, tahun: int
) -> tuple[IndikatorRencana, list[HasilRencana]] | None:
    """One indicator through each quarter of ``tahun`` (TW I..IV); None for an unknown kode.
    The plan's other indicators are loaded too (a decrease reads its acuan)."""
    daftar = indikator_rencana(renstra, tahun)
    ind = next((i for i in daftar if i.kode == kode), None)
    if ind is None:
        return None
    pita = pita_organisasi(renstra.organisasi_id)
    penghitung = _Penghitung(renstra, tahun, 4, daftar)
    return ind, [penghitung.hasil_satu(ind, triwulan, pita) for triwulan in range(1, 5)]


def hitung_capaian(renstra: Renstra, tahun: int, triwulan: int = 4) -> CapaianPeriode:
    """Every indicator of the plan through Triwulan ``triwulan`` of ``tahun`` (4 = the whole
    year): target of the year, realisasi, capaian, status and SPM category."""
    if not 1 <= triwulan <= 4:
        raise ValueError("triwulan harus 1 sampai 4")
    daftar = indikator_rencana(renstra, tahun)
    penghitung = _Penghitung(renstra, tahun, triwulan, daftar)
    pita = pita_organisasi(renstra.organisasi_id)
    return CapaianPeriode(renstra, tahun, triwulan, penghitung.hitung(pita), pita)


# -- Rencana Aksi and budgets (issue 15) ---------------------------------------------------


def baris_target_triwulan(indikator_ids, tahun: int) -> dict[int, list]:
    """The four quarterly target rows (``TargetTriwulan``, with their text, or ``None``) of
    each indicator in ``indikator_ids`` for ``tahun``: every id asked for is a key. One query.
    The one read of quarterly targets: the plan's pages, the evaluation and the PK use it."""
    ids = list(indikator_ids)
    hasil: dict[int, list] = {pk: [None, None, None, None] for pk in ids}
    if ids:
        for t in TargetTriwulan.objects.filter(indikator_id__in=ids, tahun=tahun):
            hasil.setdefault(t.indikator_id, [None, None, None, None])[t.triwulan - 1] = t
    return hasil


def target_triwulan(indikator_ids, tahun: int) -> dict[int, list]:
    """The four quarterly targets (TW I..IV, ``Decimal`` or ``None``) of each indicator in
    ``indikator_ids`` for ``tahun``: every id asked for is a key (four ``None`` when it has
    none). For a Kumulatif indicator the values are cumulative (TW IV is the year's target).
    One query."""
    return {
        pk: [t.nilai if t is not None else None for t in baris]
        for pk, baris in baris_target_triwulan(indikator_ids, tahun).items()
    }


def pagu_tahun(renstra: Renstra, tahun: int) -> list:
    """``[(elemen, pagu), ...]``: the budget (``Decimal`` Rp) of each Program and Kegiatan of
    ``renstra`` that has one for ``tahun``, in the plan's order (programs and their
    kegiatan as they appear in the cascade). One query."""
    return [
        (p.elemen, p.pagu)
        for p in PaguAnggaran.objects.filter(elemen__renstra=renstra, tahun=tahun)
        .select_related("elemen")
        .order_by("elemen__urutan", "elemen__kode")
    ]


@dataclass(frozen=True)
class BarisSerapan:
    """A Program's or Kegiatan's budget absorption for a year through a quarter."""

    elemen: object  # Elemen
    pagu: Decimal | None
    per_triwulan: tuple  # the quarters' own spending, TW I..IV (Decimal or None)
    triwulan: int  # through which quarter ``realisasi`` runs

    @property
    def realisasi(self) -> Decimal | None:
        """Spending through the quarter: the sum of TW I..n; None when none is entered."""
        isi = [v for v in self.per_triwulan[: self.triwulan] if v is not None]
        return sum(isi, Decimal(0)) if isi else None

    @property
    def serapan(self) -> Fraction | None:
        """realisasi / pagu × 100; None without pagu (or pagu 0) or without realisasi."""
        if self.realisasi is None or not self.pagu:
            return None
        return Fraction(self.realisasi) / Fraction(self.pagu) * 100


def serapan_anggaran(renstra: Renstra, tahun: int, triwulan: int = 4) -> list[BarisSerapan]:
    """Every Program and Kegiatan of the plan with a pagu or a realisasi anggaran in
    ``tahun``, in the plan's order, with spending through Triwulan ``triwulan``. Two
    queries."""
    pagu = {elemen.pk: (elemen, nilai) for elemen, nilai in pagu_tahun(renstra, tahun)}
    per_tw: dict[int, list] = {}
    elemen_lain = {}
    for r in (
        RealisasiAnggaran.objects.filter(elemen__renstra=renstra, tahun=tahun)
        .select_related("elemen")
        .order_by("triwulan")
    ):
        per_tw.setdefault(r.elemen_id, [None] * 4)[r.triwulan - 1] = r.nilai
        elemen_lain.setdefault(r.elemen_id, r.elemen)
    semua = {pk: e for pk, (e, _) in pagu.items()} | {
        pk: e for pk, e in elemen_lain.items() if pk not in pagu
    }
    urut = sorted(semua.values(), key=lambda e: (e.urutan, e.kode))
    return [
        BarisSerapan(
            e,
            pagu[e.pk][1] if e.pk in pagu else None,
            tuple(per_tw.get(e.pk, [None] * 4)),
            triwulan,
        )
        for e in urut
    ]


def aksi_rencana(renstra: Renstra, tahun: int) -> list:
    """The year's Rencana Aksi lines with their bidang and linked indicator. One query."""
    return list(
        AksiRencana.objects.filter(renstra=renstra, tahun=tahun)
        .select_related("bidang", "indikator", "diubah_oleh")
        .order_by("nomor")
    )
