"""What a Perjanjian Kinerja holds, read from the plan every time: the positions, the
parties, the indicators with the year's target and the four quarterly targets, and the
budget per program (or kegiatan). Nothing of the plan is copied into a draft; only a signed
version freezes it (``VersiPerjanjian.data``).

Which indicators a position's PK holds by default (the admin may adjust the list per PK):

- eselon II (Kepala Dinas): the IKU of the year's plan (``rencana.selectors.dokumen_acuan``);
- eselon III: the indicators of Program elements whose bidang is the position's bidang, or
  whose program's kode is listed on the position (``Jabatan.kode_elemen``);
- eselon IV: the same for Kegiatan elements.

The quarterly targets come from ``rencana.selectors.baris_target_triwulan`` (the one read of
them); the budgets of the chosen programs/kegiatan (``PaguAnggaran``) in one query here.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch

from dasar.angka import to_decimal
from organisasi.models import Organisasi
from perjanjian.models import Eselon, Jabatan, KepalaDaerah, PerjanjianKinerja, VersiPerjanjian
from rencana import tampilan
from rencana.engine import pecahan
from rencana.models import (
    Elemen,
    IndikatorRencana,
    Kelompok,
    PaguAnggaran,
    Renstra,
    SimpulPohon,
    TargetTahunan,
    TargetTriwulan,
    Tingkat,
)
from rencana.selectors import baris_target_triwulan, dokumen_acuan

ROMAWI = ("I", "II", "III", "IV")

# What a position's PK lists, by eselon: the plan level of its indicators and its budget.
TINGKAT_ESELON = {Eselon.III: Tingkat.PROGRAM, Eselon.IV: Tingkat.KEGIATAN}
LABEL_SASARAN = {
    Eselon.II: "Sasaran Strategis",
    Eselon.III: "Sasaran Program",
    Eselon.IV: "Sasaran Kegiatan",
}
LABEL_ANGGARAN = {Eselon.II: "Program", Eselon.III: "Program", Eselon.IV: "Kegiatan"}


@dataclass(frozen=True)
class Pihak:
    nama: str
    nip: str
    pangkat: str
    jabatan: str

    def ke_json(self) -> dict:
        """Empty fields as null (a Bupati has no NIP)."""
        return {k: (getattr(self, k) or None) for k in ("nama", "nip", "pangkat", "jabatan")}


@dataclass(frozen=True)
class BarisIndikator:
    indikator: IndikatorRencana
    sasaran: str
    target: TargetTahunan | None
    triwulan: tuple[TargetTriwulan | None, ...]  # always four

    @property
    def target_nilai(self) -> Decimal | None:
        return _angka(self.target.nilai if self.target else None)

    @property
    def target_teks(self) -> str:
        return tampilan.teks_target(self.indikator, self.target)

    @property
    def triwulan_nilai(self) -> list[Decimal | None]:
        return [_angka(t.nilai) if t is not None else None for t in self.triwulan]

    @property
    def triwulan_teks(self) -> list[str]:
        return [_teks_triwulan(self.indikator, t) for t in self.triwulan]


@dataclass(frozen=True)
class BarisAnggaran:
    elemen: Elemen
    pagu: Decimal | None


@dataclass
class DokumenPK:
    organisasi: Organisasi
    jabatan: Jabatan
    tahun: int
    renstra: Renstra | None
    pihak_pertama: Pihak
    pihak_kedua: Pihak
    indikator: list[BarisIndikator] = field(default_factory=list)
    anggaran: list[BarisAnggaran] = field(default_factory=list)
    perjanjian: PerjanjianKinerja | None = None
    disesuaikan: bool = False
    pesan: list[str] = field(default_factory=list)  # what the page should warn about

    @property
    def label_sasaran(self) -> str:
        return LABEL_SASARAN[self.jabatan.eselon]

    @property
    def label_anggaran(self) -> str:
        return LABEL_ANGGARAN[self.jabatan.eselon]

    @property
    def total_anggaran(self) -> Decimal | None:
        ada = [b.pagu for b in self.anggaran if b.pagu is not None]
        return sum(ada, Decimal(0)) if ada else None


def _angka(nilai: Decimal | None) -> Decimal | None:
    """Exact and without trailing zeros, as ``capaian_tahunan`` prints targets."""
    p = pecahan(nilai)
    return None if p is None else to_decimal(Fraction(p))


def _teks_triwulan(ind: IndikatorRencana, t: TargetTriwulan | None) -> str:
    if t is None:
        return "-"
    if t.teks:
        return t.teks
    if t.nilai is None:
        return "-"
    return tampilan.teks_target(ind, TargetTahunan(indikator=ind, nilai=t.nilai))


# --- positions and parties ----------------------------------------------------------------


def daftar_jabatan(organisasi: Organisasi) -> list[Jabatan]:
    return list(
        Jabatan.objects.filter(organisasi=organisasi)
        .select_related("atasan", "bidang", "organisasi")
        .order_by("urutan", "eselon", "nama")
    )


def kepala_dinas(organisasi: Organisasi) -> Jabatan | None:
    return (
        Jabatan.objects.filter(organisasi=organisasi, eselon=Eselon.II)
        .select_related("organisasi")
        .order_by("urutan", "pk")
        .first()
    )


def pihak_jabatan(jabatan: Jabatan) -> Pihak:
    return Pihak(
        nama=jabatan.nama_pemangku,
        nip=jabatan.nip_pemangku,
        pangkat=jabatan.pangkat_pemangku,
        jabatan=jabatan.nama,
    )


def pihak_kedua(jabatan: Jabatan) -> Pihak:
    """The superior; for the Kepala Dinas the organisasi's Bupati/Walikota."""
    if jabatan.atasan_id is not None:
        return pihak_jabatan(jabatan.atasan)
    kd = KepalaDaerah.objects.filter(organisasi_id=jabatan.organisasi_id).first()
    if kd is None:
        return Pihak(nama="", nip="", pangkat="", jabatan="")
    return Pihak(nama=kd.nama, nip="", pangkat="", jabatan=kd.jabatan)


# --- indicators ---------------------------------------------------------------------------


def indikator_plan(renstra: Renstra, tahun: int):
    return (
        IndikatorRencana.objects.filter(renstra=renstra)
        .select_related("elemen", "elemen__induk", "bidang")
        .prefetch_related(Prefetch("target", queryset=TargetTahunan.objects.filter(tahun=tahun)))
        .order_by("urutan", "kode")
    )


def indikator_bawaan(jabatan: Jabatan, semua: list[IndikatorRencana]) -> list[IndikatorRencana]:
    """The position's indicators by the default rules (module docstring)."""
    if jabatan.eselon == Eselon.II:
        return [i for i in semua if i.kelompok == Kelompok.IKU]
    tingkat = TINGKAT_ESELON[jabatan.eselon]
    kode = set(jabatan.kode_elemen_daftar)
    return [
        i
        for i in semua
        if i.elemen is not None
        and i.elemen.tingkat == tingkat
        and (
            (jabatan.bidang_id is not None and i.bidang_id == jabatan.bidang_id)
            or i.elemen.kode in kode
        )
    ]


def calon_indikator(jabatan: Jabatan, semua: list[IndikatorRencana]) -> list[IndikatorRencana]:
    """What the admin may choose from: the position's level of the plan (IKU and indicators
    of Tujuan/Sasaran for the Kepala Dinas), plus whatever is already its default."""
    if jabatan.eselon == Eselon.II:
        return [
            i
            for i in semua
            if i.kelompok in (Kelompok.IKU, Kelompok.TUJUAN)
            or (i.elemen is not None and i.elemen.tingkat in (Tingkat.SASARAN, Tingkat.TUJUAN))
        ]
    tingkat = TINGKAT_ESELON[jabatan.eselon]
    return [i for i in semua if i.elemen is not None and i.elemen.tingkat == tingkat]


def pagu_tahun(elemen_ids: list[int], tahun: int) -> dict[int, Decimal]:
    return dict(
        PaguAnggaran.objects.filter(elemen_id__in=elemen_ids, tahun=tahun).values_list(
            "elemen_id", "pagu"
        )
    )


def _elemen_anggaran(jabatan: Jabatan, renstra: Renstra, dipilih: list[IndikatorRencana]):
    """The programs of the plan for the Kepala Dinas; the programs (eselon III) or kegiatan
    (eselon IV) of the chosen indicators otherwise, in the plan's order."""
    if jabatan.eselon == Eselon.II:
        return list(
            Elemen.objects.filter(renstra=renstra, tingkat=Tingkat.PROGRAM).order_by(
                "urutan", "kode"
            )
        )
    tingkat = TINGKAT_ESELON[jabatan.eselon]
    hasil: dict[int, Elemen] = {}
    for i in dipilih:
        e = i.elemen
        while e is not None and e.tingkat != tingkat:
            e = e.induk
        if e is not None:
            hasil.setdefault(e.pk, e)
    return sorted(hasil.values(), key=lambda e: (e.urutan, e.kode))


def perjanjian_tahun(jabatan: Jabatan, tahun: int) -> PerjanjianKinerja | None:
    return (
        PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun)
        .prefetch_related("indikator")
        .first()
    )


def susun(jabatan: Jabatan, tahun: int, perjanjian: PerjanjianKinerja | None = None) -> DokumenPK:
    """The PK of ``jabatan`` for ``tahun`` as the plan says now."""
    org = jabatan.organisasi
    if perjanjian is None:
        perjanjian = perjanjian_tahun(jabatan, tahun)
    renstra = dokumen_acuan(org, tahun)
    dok = DokumenPK(
        organisasi=org,
        jabatan=jabatan,
        tahun=tahun,
        renstra=renstra,
        pihak_pertama=pihak_jabatan(jabatan),
        pihak_kedua=pihak_kedua(jabatan),
        perjanjian=perjanjian,
    )
    if renstra is None:
        dok.pesan.append(f"Belum ada rencana (Renstra/IKU) yang mencakup tahun {tahun}.")
        return dok
    semua = list(indikator_plan(renstra, tahun))
    if perjanjian is not None and perjanjian.sesuaikan:
        dok.disesuaikan = True
        pilihan = {i.pk for i in perjanjian.indikator.all()}
        dipilih = [i for i in semua if i.pk in pilihan]
        if len(dipilih) < len(pilihan):
            dok.pesan.append(
                "Sebagian indikator yang dipilih bukan bagian dari rencana tahun ini dan tidak "
                "dimuat; periksa daftar indikator PK ini."
            )
    else:
        dipilih = indikator_bawaan(jabatan, semua)
    tw = baris_target_triwulan([i.pk for i in dipilih], tahun)
    for i in dipilih:
        target = next(iter(i.target.all()), None)
        sasaran = i.elemen.nama if i.elemen is not None else ""
        dok.indikator.append(BarisIndikator(i, sasaran, target, tuple(tw[i.pk])))
    elemen = _elemen_anggaran(jabatan, renstra, dipilih)
    pagu = pagu_tahun([e.pk for e in elemen], tahun)
    dok.anggaran = [BarisAnggaran(e, _angka(pagu.get(e.pk))) for e in elemen]
    if not dipilih:
        dok.pesan.append("PK ini belum memuat indikator.")
    if not dok.pihak_kedua.nama:
        dok.pesan.append(
            "Pihak kedua belum lengkap: isi Bupati/Walikota organisasi."
            if jabatan.atasan_id is None
            else "Pihak kedua belum lengkap: isi nama pemangku jabatan atasan."
        )
    if not dok.pihak_pertama.nama:
        dok.pesan.append("Nama pemangku jabatan (pihak pertama) belum diisi.")
    return dok


def saran_pohon(jabatan: Jabatan, renstra: Renstra | None) -> list[SimpulPohon]:
    """Nodes of the performance tree whose positions name this one (a hint for the
    admin): the tree's ``jabatan`` lines compared without case."""
    if renstra is None:
        return []
    nama = jabatan.nama.casefold()
    return [
        s
        for s in SimpulPohon.objects.filter(renstra=renstra)
        .exclude(jabatan="")
        .select_related("indikator", "elemen")
        if any(nama in baris.casefold() or baris.casefold() in nama
               for baris in (b.strip() for b in s.jabatan.splitlines()) if baris)
    ]  # fmt: skip


# --- data for machines and the snapshot ---------------------------------------------------


def ke_json(dok: DokumenPK) -> dict:
    """The command's JSON (issue 15): numbers unrounded, null where there is none."""
    return {
        "organisasi": dok.organisasi.slug,
        "tahun": dok.tahun,
        "jabatan": dok.jabatan.kode,
        "pihak_pertama": dok.pihak_pertama.ke_json(),
        "pihak_kedua": dok.pihak_kedua.ke_json(),
        "indikator": [
            {
                "kode": b.indikator.kode,
                "sasaran": b.sasaran,
                "nama": b.indikator.nama,
                "satuan": b.indikator.satuan,
                "target": b.target_nilai,
                "target_teks": (b.target.teks if b.target else "") or None,
                "triwulan": b.triwulan_nilai,
            }
            for b in dok.indikator
        ],
        "anggaran": [
            {"kode": a.elemen.kode, "program": a.elemen.nama, "pagu": a.pagu} for a in dok.anggaran
        ],
    }


def versi_perjanjian(perjanjian: PerjanjianKinerja | None) -> list[VersiPerjanjian]:
    if perjanjian is None:
        return []
    return list(perjanjian.versi.select_related("organisasi").order_by("-versi"))
