"""The demo: Palangka Raya 2025 (seeds 000, 002) and Seruyan 2024-2025 (seeds 003, 004), with
one account per role. The top floor: it may use every app (docs/arsitektur.md)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from akun.akses import PEMANTAU_WILAYAH
from akun.models import Anggota, PemantauWilayah, Peran
from capaian.impor import impor_realisasi
from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
from capaian.services import kabari_diajukan
from dasar.impor import ImporError
from evaluasi.demo import muat_evaluasi_demo
from indikator.impor import impor_indikator
from laporan.integritas import periksa_integritas
from laporan.models import KonfigurasiTandaTangan, KunciBulan
from laporan.services import setujui_bulan
from laporan.tanda_tangan import buat_sertifikat_demo
from organisasi.models import Bidang, Organisasi, Wilayah
from perjanjian.demo import muat_perjanjian_demo
from rencana.demo import muat_rencana_demo
from rencana.impor_pohon import impor_pohon
from rencana.models import JenisRencana, Renstra

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# (berkas, slug, tahun) in order; the Seruyan definitions serve 2024 and 2025 alike.
INDIKATOR = [
    ("palangkaraya-2025-indikator.xlsx", "palangkaraya", 2025),
    ("seruyan-indikator.xlsx", "seruyan", 2024),
    ("seruyan-indikator.xlsx", "seruyan", 2025),
]
REALISASI = [
    ("palangkaraya-2025-realisasi.xlsx", "palangkaraya"),
    ("seruyan-realisasi.xlsx", "seruyan"),
]

POHON_SERUYAN = "seruyan-pohon-kinerja.xlsx"  # seed 003, FORM INDIKATOR

DEMO_SANDI = "dinsos-demo-2025"
# Palangka Raya's months signed by the demo (bulan, tanggal laporan); March is left to try.
PERSETUJUAN_DEMO = [(1, date(2025, 2, 14)), (2, date(2025, 3, 14))]


class DemoGagal(Exception):
    """The demo data could not be loaded; the message says why, in Indonesian."""


@dataclass(frozen=True)
class AkunDemo:
    username: str
    nama_depan: str
    nama_belakang: str
    organisasi: str | None  # slug; None for the superuser
    peran: str | None  # a Peran value; None for the superuser
    bidang: tuple[str, ...] = ()  # bidang slugs, for staf bidang
    jabatan: str = ""
    wilayah: str = ""  # wilayah slug, for a Pemantau wilayah


# The province's social-affairs office watching both demo offices side by side.
WILAYAH_DEMO = ("kalimantan-tengah", "Provinsi Kalimantan Tengah", ("palangkaraya", "seruyan"))


# One account per role for Palangka Raya (a staf for every bidang) and two for Seruyan.
AKUN_DEMO = [
    AkunDemo("admin", "Admin", "Demo", None, None, jabatan="Pengelola aplikasi"),
    AkunDemo("kepala", "H. Riduan", "", "palangkaraya", Peran.KEPALA, jabatan="Kepala Dinas"),
    AkunDemo("admin.palangkaraya", "Rina", "Marlina", "palangkaraya", Peran.ADMIN,
             jabatan="Pranata Komputer, Sekretariat"),
    AkunDemo("staf.fakirmiskin", "Siti", "Rahmawati", "palangkaraya", Peran.STAF,
             ("penanganan-fakir-miskin",), "Analis Data Kesejahteraan Sosial"),
    AkunDemo("staf.pemberdayaan", "Yohanes", "Dandan", "palangkaraya", Peran.STAF,
             ("pemberdayaan-sosial",), "Penyuluh Sosial"),
    AkunDemo("staf.rehabilitasi", "Dewi", "Anggraini", "palangkaraya", Peran.STAF,
             ("rehabilitasi-sosial",), "Pekerja Sosial"),
    AkunDemo("staf.jaminansosial", "Hendra", "Saputra", "palangkaraya", Peran.STAF,
             ("perlindungan-dan-jaminan-sosial",), "Pengelola Data Jaminan Sosial"),
    AkunDemo("staf.bencana", "Rudi", "Hartono", "palangkaraya", Peran.STAF,
             ("penanganan-bencana",), "Analis Penanggulangan Bencana"),
    AkunDemo("pemantau", "Lestari", "Wulandari", "palangkaraya", Peran.PEMANTAU,
             jabatan="Perencana, Subbagian Program"),
    AkunDemo("kepala.seruyan", "Angga", "", "seruyan", Peran.KEPALA, jabatan="Kepala Dinas"),
    AkunDemo("staf.seruyan", "Nur", "Aisyah", "seruyan", Peran.STAF,
             ("rehabilitasi-sosial",), "Pekerja Sosial"),
    AkunDemo("pemantau.kalteng", "Maria", "Ulfah", None, PEMANTAU_WILAYAH,
             jabatan="Perencana, Dinas Sosial Provinsi Kalimantan Tengah",
             wilayah="kalimantan-tengah"),
]  # fmt: skip


Tulis = Callable[[str], None]


@transaction.atomic
def muat_demo(*, tanpa_akun: bool = False, tulis: Tulis = print) -> list[tuple[str, ...]]:
    """Load the demo (again: what exists is kept) and return the demo accounts' rows
    (username, peran, organisasi, bidang, sandi); none when accounts are not made."""
    try:
        for berkas, slug, tahun in INDIKATOR:
            hasil = impor_indikator((FIXTURES / berkas).read_bytes(), organisasi=slug, tahun=tahun)
            tulis(f"{berkas} ({slug} {tahun}): {hasil.ringkasan()}")
        for berkas, slug in REALISASI:
            org = Organisasi.objects.get(slug=slug)
            hasil = impor_realisasi((FIXTURES / berkas).read_bytes(), organisasi=org)
            tulis(f"{berkas}: {hasil.ringkasan()}")
        _rencana_demo(tulis)
        muat_perjanjian_demo(tulis)
    except ImporError as exc:
        raise DemoGagal(f"Data demo tidak dapat dimuat:\n{exc}") from exc
    _pengajuan_demo()
    _wilayah_demo()
    if tanpa_akun:
        return []
    if not settings.DEBUG:
        # A known password must never reach a production database.
        tulis("Akun demo tidak dibuat karena DEBUG mati (produksi).")
        return []
    baris = _akun_demo()
    _persetujuan_demo(tulis)
    hasil = periksa_integritas()  # the admins' dashboard shows a first, passing, check
    tulis("Pemeriksaan integritas: " + ("utuh." if hasil.lulus else f"{len(hasil.temuan)} temuan."))
    return baris


def _rencana_demo(tulis: Tulis) -> None:
    """Palangka Raya's IKU 2025 (seed 002) and Seruyan's 2025-2029 plan with its
    performance tree (seed 003)."""
    for renstra in muat_rencana_demo():
        tulis(
            f"Rencana {renstra.organisasi.slug} {renstra.label}: "
            f"{renstra.indikator.count()} indikator"
        )
    seruyan = Renstra.objects.filter(
        organisasi__slug="seruyan", jenis=JenisRencana.RENSTRA, tahun_awal=2025
    ).first()
    if seruyan is not None:
        hasil = impor_pohon((FIXTURES / POHON_SERUYAN).read_bytes(), renstra=seruyan)
        tulis(f"{POHON_SERUYAN}: {hasil.ringkasan()}")
        # Issue 15: the Triwulan I 2025 analysis and evidence links (seed 003).
        tulis(f"Evaluasi Triwulan I 2025 seruyan: {muat_evaluasi_demo()} analisis")


def _wilayah_demo() -> None:
    slug, nama, anggota = WILAYAH_DEMO
    wilayah, _ = Wilayah.objects.get_or_create(slug=slug, defaults={"nama": nama})
    wilayah.organisasi.add(*Organisasi.objects.filter(slug__in=anggota))


def _diajukan_demo(tahun: int, bulan: int):
    """Demo submission times: the 8th of the following month at 14.00 WIB (before the 10th)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    t, b = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return datetime(t, b, 8, 14, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _pengajuan_demo() -> None:
    """Every demo month with realisasi is submitted by its bidang (as the offices' past
    months were), so the Kepala Dinas can review and approve them."""
    sudah = set(PengajuanBulan.objects.values_list("bidang_id", "tahun", "bulan"))
    baru = [
        PengajuanBulan(
            bidang_id=b,
            tahun=t,
            bulan=m,
            status=StatusPengajuan.DIAJUKAN,
            diajukan_pada=_diajukan_demo(t, m),
        )
        for b, t, m in Realisasi.objects.values_list("rumus__bidang_id", "tahun", "bulan")
        .distinct()
        .order_by()
        if (b, t, m) not in sudah
    ]
    PengajuanBulan.objects.bulk_create(baru)


def _persetujuan_demo(tulis: Tulis) -> None:
    """Palangka Raya's January and February 2025 approved and signed with a demo
    certificate (self-signed, made here when missing); March waits for the Kepala Dinas."""
    org = Organisasi.objects.get(slug="palangkaraya")
    if not KonfigurasiTandaTangan.objects.filter(organisasi=org).exists():
        buat_sertifikat_demo(org)
        tulis("Sertifikat demo Kepala Dinas Palangka Raya dibuat.")
    for bulan, tanggal in PERSETUJUAN_DEMO:
        if KunciBulan.objects.terkunci(org, 2025, bulan):
            continue
        versi = setujui_bulan(organisasi=org, tahun=2025, bulan=bulan, tanggal=tanggal)
        tulis(f"Laporan {versi.periode} disetujui (versi {versi.versi}).")
    # The months left waiting (all bidang submitted) are in the Kepala's notifications, as
    # they would be had the staf submitted them on the entry page.
    menunggu = {
        (tahun, bulan): bidang_id
        for bidang_id, tahun, bulan in PengajuanBulan.objects.filter(
            bidang__organisasi=org, status=StatusPengajuan.DIAJUKAN
        ).values_list("bidang_id", "tahun", "bulan")
    }
    for (tahun, bulan), bidang_id in sorted(menunggu.items()):
        kabari_diajukan(Bidang.objects.get(pk=bidang_id), tahun, bulan)


def _akun_demo() -> list[tuple[str, ...]]:
    """Create the demo accounts that are missing (a re-run leaves existing ones' passwords
    alone) and set each one's role and bidang; then print them."""
    User = get_user_model()
    sandi = make_password(DEMO_SANDI)  # hashed once: they share it
    organisasi = {o.slug: o for o in Organisasi.objects.all()}
    baris = []
    for akun in AKUN_DEMO:
        pengguna, _ = User.objects.get_or_create(
            username=akun.username,
            defaults={
                "first_name": akun.nama_depan,
                "last_name": akun.nama_belakang,
                "email": f"{akun.username}@contoh.go.id",
                "password": sandi,
                "is_staff": akun.peran in (None, Peran.ADMIN),
                "is_superuser": akun.peran is None,
            },
        )
        if akun.peran is None:
            baris.append((akun.username, "Superuser", "semua organisasi", "—", DEMO_SANDI))
            continue
        if akun.peran == PEMANTAU_WILAYAH:
            wilayah = Wilayah.objects.get(slug=akun.wilayah)
            PemantauWilayah.objects.update_or_create(
                pengguna=pengguna, defaults={"wilayah": wilayah, "jabatan": akun.jabatan}
            )
            baris.append((akun.username, "Pemantau wilayah", wilayah.nama, "—", DEMO_SANDI))
            continue
        org = organisasi[akun.organisasi]
        anggota, _ = Anggota.objects.update_or_create(
            pengguna=pengguna,
            defaults={"organisasi": org, "peran": akun.peran, "jabatan": akun.jabatan},
        )
        bidang = list(Bidang.objects.filter(organisasi=org, slug__in=akun.bidang))
        if len(bidang) != len(akun.bidang):
            raise DemoGagal(f"Bidang {akun.bidang} tidak ada di {org.slug}.")
        anggota.bidang.set(bidang)
        nama_bidang = ", ".join(b.nama for b in bidang) or "semua bidang"
        nama_org = org.nama.removeprefix("Dinas Sosial ")  # "Kota Palangka Raya"
        baris.append((akun.username, Peran(akun.peran).label, nama_org, nama_bidang, DEMO_SANDI))
    return baris
