"""Named people for view tests (the healthchecks habit): one office, Palangka Raya 2025 with
seed 000's rows and January-February realisasi, and the people who use it.

- alice: staf bidang Penanganan Fakir Miskin (R06-R08)
- bob: staf bidang Pemberdayaan Sosial (R02-R05)
- kepala: Kepala Dinas
- admin_org: Admin of the organisasi (Django admin, scoped)
- pemantau: read-only
- charlie: staf bidang of another organisasi (Seruyan)
- root: superuser
- wilayah / wilayah_lain: Pemantau wilayah of a province holding Palangka Raya / only Seruyan
  (made on demand by ``buat_pemantau_wilayah``, not by ``buat_kantor``)
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils.text import slugify

from akun.models import Anggota, PemantauWilayah, Peran
from fixtures.buat_demo import PALANGKARAYA_REALISASI, palangkaraya_rows
from indikator.models import Rumus
from organisasi.models import Bidang, Organisasi, Wilayah
from tests.factories import buat_definisi, isi_realisasi

SANDI = "rahasia-uji-123"
TAHUN = 2025
FAKIR_MISKIN = "penanganan-fakir-miskin"
PEMBERDAYAAN = "pemberdayaan-sosial"


def buat_pengguna(
    username: str,
    organisasi: Organisasi | None,
    peran: str | None,
    bidang: list[Bidang] = (),
    **extra,
) -> User:
    nama_depan = extra.pop("first_name", username.replace("_", " ").title())
    user = User.objects.create_user(username, password=SANDI, first_name=nama_depan, **extra)
    if organisasi is not None and peran is not None:
        anggota = Anggota.objects.create(pengguna=user, organisasi=organisasi, peran=peran)
        anggota.bidang.set(bidang)
    return user


@dataclass
class Kantor:
    organisasi: Organisasi
    organisasi_lain: Organisasi
    rumus: dict[str, Rumus]
    fakir_miskin: Bidang
    pemberdayaan: Bidang
    bidang_lain: Bidang
    alice: User
    bob: User
    kepala: User
    admin_org: User
    pemantau: User
    charlie: User
    root: User


def buat_kantor(organisasi: Organisasi, organisasi_lain: Organisasi, bulan_terisi=(1, 2)) -> Kantor:
    rumus = buat_definisi(organisasi, TAHUN, palangkaraya_rows())
    for bulan in bulan_terisi:
        isi_realisasi(rumus, TAHUN, bulan, PALANGKARAYA_REALISASI[bulan])
    fakir = Bidang.objects.get(organisasi=organisasi, slug=FAKIR_MISKIN)
    pemberdayaan = Bidang.objects.get(organisasi=organisasi, slug=PEMBERDAYAAN)
    lain = Bidang.objects.create(
        organisasi=organisasi_lain, nama="Rehabilitasi Sosial", slug=slugify("Rehabilitasi Sosial")
    )
    return Kantor(
        organisasi=organisasi,
        organisasi_lain=organisasi_lain,
        rumus=rumus,
        fakir_miskin=fakir,
        pemberdayaan=pemberdayaan,
        bidang_lain=lain,
        alice=buat_pengguna("alice", organisasi, Peran.STAF, [fakir]),
        bob=buat_pengguna("bob", organisasi, Peran.STAF, [pemberdayaan]),
        kepala=buat_pengguna("kepala", organisasi, Peran.KEPALA),
        admin_org=buat_pengguna("admin_org", organisasi, Peran.ADMIN, is_staff=True),
        pemantau=buat_pengguna("pemantau", organisasi, Peran.PEMANTAU),
        charlie=buat_pengguna("charlie", organisasi_lain, Peran.STAF, [lain]),
        root=User.objects.create_superuser("root", password=SANDI),
    )


def buat_pemantau_wilayah(username: str, slug: str, anggota: list[Organisasi]) -> User:
    """A Pemantau wilayah of wilayah ``slug`` (made if missing) whose members are ``anggota``."""
    wilayah, _ = Wilayah.objects.get_or_create(slug=slug, defaults={"nama": slug.title()})
    wilayah.organisasi.add(*anggota)
    user = User.objects.filter(username=username).first() or buat_pengguna(username, None, None)
    PemantauWilayah.objects.get_or_create(pengguna=user, defaults={"wilayah": wilayah})
    return user
