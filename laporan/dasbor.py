"""The dashboard as data: where a month stands for one user's view of an organisasi.

One call, a fixed number of queries (the years with definitions, the input counts,
``muat_tahun``'s four, the stored month results, the month's pengajuan), whatever the number
of rows and bidang; months whose stored results are missing or stale are computed and stored.
The figures come from the same engine as the report; the template and the JSON endpoint only
format them.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from django.utils import timezone

from akun.akses import Lingkup
from capaian import engine
from capaian.hasil import hasil_bulan, versi_masukan
from capaian.models import PengajuanBulan, StatusPengajuan
from capaian.selectors import DataTahun, muat_tahun
from dasar.angka import format_angka, format_persen, nama_bulan, to_decimal
from indikator.models import Program
from organisasi.models import Bidang, Organisasi


class BulanTahun(NamedTuple):
    tahun: int
    bulan: int

    @property
    def nama(self) -> str:
        return f"{nama_bulan(self.bulan)} {self.tahun}"


@dataclass(frozen=True)
class Periode:
    """The year and month on screen, and what was wrong with the ones asked for."""

    tahun: int
    bulan: int
    tahun_tersedia: tuple[int, ...]
    pesan: tuple[str, ...] = ()


@dataclass(frozen=True)
class KelengkapanBidang:
    bidang: Bidang
    terisi: int  # rows whose realisasi is entered for the month
    jumlah: int  # rows the bidang owns in the year's definitions
    status: str  # a StatusPengajuan value; no PengajuanBulan row means draf
    diubah_pada: datetime | None
    diubah_oleh: str
    catatan: str
    boleh_lihat: bool
    milik_saya: bool  # the user enters this bidang's rows

    @property
    def label_status(self) -> str:
        return StatusPengajuan(self.status).label

    @property
    def persen_terisi(self) -> int:
        """Whole percent for the progress bar's width (display only)."""
        return self.terisi * 100 // self.jumlah if self.jumlah else 0

    @property
    def lengkap(self) -> bool:
        return self.jumlah > 0 and self.terisi == self.jumlah


@dataclass(frozen=True)
class NilaiProgram:
    kode: str
    nama: str
    nilai: Fraction | None

    @property
    def teks(self) -> str:
        return format_persen(self.nilai)  # one decimal, as the report's program lines


@dataclass(frozen=True)
class RingkasBulan:
    """One month of the chart: its total and the cumulative capaian through it."""

    bulan: int
    total: Fraction | None
    capaian_sd: Fraction
    ada_isian: bool  # any realisasi entered that month

    @property
    def nama(self) -> str:
        return nama_bulan(self.bulan)

    @property
    def teks_total(self) -> str:
        return format_persen(self.total, 2) if self.ada_isian else "-"

    @property
    def teks_capaian_sd(self) -> str:
        return format_persen(self.capaian_sd, 2)


@dataclass(frozen=True)
class Dasbor:
    organisasi: Organisasi
    periode: Periode
    target_bawah: Decimal
    target_atas: Decimal
    ada_definisi: bool
    bulan_mendatang: bool  # the chosen month has not started yet (nothing to enter)
    total_bulan: Fraction | None = None
    capaian_sd_bulan_lalu: Fraction = Fraction(0)
    capaian_sd_bulan: Fraction = Fraction(0)
    program: list[NilaiProgram] = field(default_factory=list)
    bidang: list[KelengkapanBidang] = field(default_factory=list)
    per_bulan: list[RingkasBulan] = field(default_factory=list)
    galat: str = ""  # the engine refused the definitions (the admin must fix them)
    bidang_saya_tanpa_baris: bool = False

    @property
    def tahun(self) -> int:
        return self.periode.tahun

    @property
    def bulan(self) -> int:
        return self.periode.bulan

    @property
    def disetujui(self) -> bool:
        """The month is approved and signed (every bidang-month is DISETUJUI)."""
        return bool(self.bidang) and all(k.status == StatusPengajuan.DISETUJUI for k in self.bidang)

    @property
    def semua_diajukan(self) -> bool:
        return bool(self.bidang) and all(k.status == StatusPengajuan.DIAJUKAN for k in self.bidang)

    @property
    def nama_bulan(self) -> str:
        return nama_bulan(self.bulan)

    @property
    def nama_bulan_lalu(self) -> str:
        return nama_bulan(self.bulan - 1) if self.bulan > 1 else ""

    @property
    def label_total(self) -> str:
        """Worded as the report's total line."""
        return f"Persentase Capaian TOTAL {self.nama_bulan.upper()} {self.tahun}"

    @property
    def sebelumnya(self) -> BulanTahun | None:
        """The month before, within the years that have definitions."""
        if self.bulan > 1:
            return BulanTahun(self.tahun, self.bulan - 1)
        ada = self.tahun - 1 in self.periode.tahun_tersedia
        return BulanTahun(self.tahun - 1, 12) if ada else None

    @property
    def berikutnya(self) -> BulanTahun | None:
        if self.bulan < 12:
            return BulanTahun(self.tahun, self.bulan + 1)
        ada = self.tahun + 1 in self.periode.tahun_tersedia
        return BulanTahun(self.tahun + 1, 1) if ada else None

    @property
    def teks_total_bulan(self) -> str:
        return format_persen(self.total_bulan, 2)

    @property
    def teks_capaian_sd_bulan_lalu(self) -> str:
        return format_persen(self.capaian_sd_bulan_lalu, 2)

    @property
    def teks_capaian_sd_bulan(self) -> str:
        return format_persen(self.capaian_sd_bulan, 2)

    @property
    def target_teks(self) -> str:
        return teks_target(self.target_bawah, self.target_atas)

    @property
    def terisi(self) -> int:
        return sum(b.terisi for b in self.bidang)

    @property
    def jumlah_baris(self) -> int:
        return sum(b.jumlah for b in self.bidang)

    @property
    def bidang_saya(self) -> list[KelengkapanBidang]:
        return [b for b in self.bidang if b.milik_saya]

    @property
    def persen_menuju_target(self) -> int:
        """How far capaian s.d. bulan has come towards the band's lower edge (for a bar)."""
        if self.target_bawah <= 0:
            return 100
        return min(100, int(self.capaian_sd_bulan * 100 / Fraction(self.target_bawah)))


def teks_target(target_bawah: Decimal, target_atas: Decimal) -> str:
    """The year's band as the report prints it: 90–100%."""
    return f"{format_angka(target_bawah)}–{format_angka(target_atas)}%"


def bulan_bawaan(bulan_berisi: set[int], tahun: int, hari_ini: date) -> int:
    """The latest month with any realisasi; else this month for this year, December for a
    past year and January for a year still to come."""
    if bulan_berisi:
        return max(bulan_berisi)
    if tahun == hari_ini.year:
        return hari_ini.month
    return 12 if tahun < hari_ini.year else 1


def bilangan(teks: str | None) -> int | None:
    teks = (teks or "").strip()
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) <= 4 else None


def pilih_tahun(
    organisasi: Organisasi, tahun_teks: str | None, hari_ini: date
) -> tuple[int, tuple[int, ...], list[str]]:
    """The year asked for if it has definitions, else the latest that has: one query."""
    tersedia = tuple(
        Program.objects.filter(organisasi=organisasi)
        .order_by("tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )
    default = tersedia[-1] if tersedia else hari_ini.year
    pesan: list[str] = []
    if not (tahun_teks or "").strip():
        return default, tersedia, pesan
    tahun = bilangan(tahun_teks)
    if tahun is None:
        pesan.append(f"Tahun “{tahun_teks.strip()[:20]}” tidak dikenali; ditampilkan {default}.")
        return default, tersedia, pesan
    if tahun not in tersedia:
        if tersedia:
            pesan.append(f"Belum ada indikator untuk tahun {tahun}; ditampilkan {default}.")
        return default, tersedia, pesan
    return tahun, tersedia, pesan


def pilih_bulan(bulan_teks: str | None, default: int, pesan: list[str]) -> int:
    if not (bulan_teks or "").strip():
        return default
    bulan = bilangan(bulan_teks)
    if bulan is None or not 1 <= bulan <= 12:
        pesan.append(
            f"Bulan “{bulan_teks.strip()[:20]}” tidak dikenali; ditampilkan {nama_bulan(default)}."
        )
        return default
    return bulan


def _kelengkapan(
    ling: Lingkup, data: DataTahun, tahun: int, bulan: int
) -> tuple[list[KelengkapanBidang], bool]:
    bidang: dict[int, Bidang] = {}
    jumlah: Counter[int] = Counter()
    terisi: Counter[int] = Counter()
    for program in data.program:
        for indikator in program.indikator.all():
            for rumus in indikator.rumus.all():
                bidang.setdefault(rumus.bidang_id, rumus.bidang)
                jumlah[rumus.bidang_id] += 1
                entri = data.realisasi.get((rumus.pk, bulan))
                if entri is not None and entri.realisasi is not None:
                    terisi[rumus.bidang_id] += 1
    pengajuan = {
        p.bidang_id: p
        for p in PengajuanBulan.objects.filter(
            bidang__organisasi=data.organisasi, tahun=tahun, bulan=bulan
        ).select_related("diubah_oleh")
    }
    hasil = []
    for pk, b in bidang.items():
        p = pengajuan.get(pk)
        oleh = ""
        if p is not None and p.diubah_oleh is not None:
            oleh = p.diubah_oleh.get_full_name() or p.diubah_oleh.get_username()
        hasil.append(
            KelengkapanBidang(
                bidang=b,
                terisi=terisi[pk],
                jumlah=jumlah[pk],
                status=p.status if p is not None else StatusPengajuan.DRAF,
                diubah_pada=p.diubah_pada if p is not None else None,
                diubah_oleh=oleh,
                catatan=p.catatan if p is not None else "",
                boleh_lihat=ling.boleh_lihat(b),
                milik_saya=ling.boleh_isi(b),
            )
        )
    # The user's own bidang first, then by name.
    hasil.sort(key=lambda k: (not k.milik_saya, k.bidang.nama.casefold()))
    tanpa_baris = bool(ling.bidang_ids) and not (ling.bidang_ids & bidang.keys())
    return hasil, tanpa_baris


def bangun_dasbor(
    ling: Lingkup, tahun_teks: str | None, bulan_teks: str | None, hari_ini: date
) -> Dasbor:
    """The dashboard of ``ling``'s organisasi for the year and month asked for (query text,
    validated here: anything unusable falls back to the default with a message)."""
    organisasi = ling.organisasi
    tahun, tersedia, pesan = pilih_tahun(organisasi, tahun_teks, hari_ini)
    versi = versi_masukan(organisasi, tahun)  # read before the inputs, see hasil_bulan
    data = muat_tahun(organisasi, tahun)
    bulan_berisi = {b for (_, b), e in data.realisasi.items() if e.realisasi is not None}
    bulan = pilih_bulan(bulan_teks, bulan_bawaan(bulan_berisi, tahun, hari_ini), pesan)
    periode = Periode(tahun, bulan, tersedia, tuple(pesan))
    dasar: dict[str, Any] = {
        "organisasi": organisasi,
        "periode": periode,
        "target_bawah": organisasi.target_bawah,
        "target_atas": organisasi.target_atas,
        "ada_definisi": bool(data.program),
        "bulan_mendatang": (tahun, bulan) > (hari_ini.year, hari_ini.month),
    }
    bidang, tanpa_baris = _kelengkapan(ling, data, tahun, bulan)
    dasar["bidang"] = bidang
    dasar["bidang_saya_tanpa_baris"] = tanpa_baris
    try:
        # Stored month results: only months whose inputs changed since are computed.
        per_bulan = hasil_bulan(organisasi, tahun, range(1, bulan + 1), versi=versi, data=data)
    except engine.PerhitunganError as exc:
        return Dasbor(**dasar, galat=str(exc))
    totals = {b: h.total for b, h in per_bulan.items()}
    hasil = per_bulan[bulan]
    return Dasbor(
        **dasar,
        total_bulan=hasil.total,
        capaian_sd_bulan_lalu=engine.capaian_sd(totals, bulan - 1),
        capaian_sd_bulan=engine.capaian_sd(totals, bulan),
        program=[NilaiProgram(p.kode, p.nama, hasil.program.get(p.kode)) for p in data.program],
        per_bulan=[
            RingkasBulan(b, totals[b], engine.capaian_sd(totals, b), b in bulan_berisi)
            for b in range(1, bulan + 1)
        ],
    )


def _angka(value: Fraction | Decimal | None) -> Decimal | None:
    return None if value is None else to_decimal(Fraction(value))


def ke_json(dasbor: Dasbor) -> dict[str, Any]:
    """Unrounded figures in percent units as Decimals (exact when they terminate, else 28
    significant digits); ``laporan.builder.dumps_json`` writes them as JSON numbers."""
    return {
        "organisasi": dasbor.organisasi.slug,
        "tahun": dasbor.tahun,
        "bulan": dasbor.bulan,
        "tahun_tersedia": list(dasbor.periode.tahun_tersedia),
        "pesan": list(dasbor.periode.pesan),
        "galat": dasbor.galat or None,
        "target": {"bawah": _angka(dasbor.target_bawah), "atas": _angka(dasbor.target_atas)},
        "total_bulan": _angka(dasbor.total_bulan),
        "capaian_sd_bulan_lalu": _angka(dasbor.capaian_sd_bulan_lalu),
        "capaian_sd_bulan": _angka(dasbor.capaian_sd_bulan),
        "program": [
            {"kode": p.kode, "nama": p.nama, "nilai": _angka(p.nilai)} for p in dasbor.program
        ],
        "bidang": [
            {
                "slug": k.bidang.slug,
                "nama": k.bidang.nama,
                "terisi": k.terisi,
                "jumlah": k.jumlah,
                "status": k.status,
                "diubah_pada": (
                    timezone.localtime(k.diubah_pada).isoformat() if k.diubah_pada else None
                ),
                "milik_saya": k.milik_saya,
            }
            for k in dasbor.bidang
        ],
        "per_bulan": [
            {
                "bulan": r.bulan,
                "total": _angka(r.total),
                "capaian_sd": _angka(r.capaian_sd),
                "ada_isian": r.ada_isian,
            }
            for r in dasbor.per_bulan
        ],
    }
