"""The demo data that `make demo` loads, through the real workbook imports, prints the seeds'
figures."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from capaian.impor import ekspor_realisasi, impor_realisasi
from dasar.angka import format_persen
from demo.muat import AKUN_DEMO
from indikator.impor import ekspor_indikator, impor_indikator
from laporan.builder import bangun_laporan
from organisasi.models import Organisasi


@pytest.fixture
def demo(db):
    call_command("muat_demo", "--tanpa-akun", stdout=StringIO())


def laporan(slug: str, tahun: int, bulan: int):
    return bangun_laporan(Organisasi.objects.get(slug=slug), tahun, bulan)


def test_demo_palangkaraya_march_2025_prints_every_seed_000_line(demo):
    maret = laporan("palangkaraya", 2025, 3)
    assert [format_persen(p.nilai) for p in maret.hasil.program] == [
        "6,9%", "4,6%", "18,9%", "8,3%",
    ]  # fmt: skip
    assert [format_persen(i.nilai) for i in maret.hasil.program[2].indikator] == ["29,4%", "8,3%"]
    assert format_persen(maret.total_bulan, 2) == "9,66%"
    assert format_persen(maret.capaian_sd_bulan_lalu, 2) == "15,19%"
    assert format_persen(maret.capaian_sd_bulan, 2) == "24,86%"
    rows = [(format_persen(b.persen), format_persen(b.persen_tahunan))
            for b in maret.baris if b.jenis == "rumus"]  # fmt: skip
    assert rows == [
        ("82,6%", "6,9%"), ("20,0%", "1,7%"), ("0,0%", "0,0%"), ("7,4%", "3,7%"),
        ("100,0%", "8,3%"), ("88,2%", "88,2%"), ("0,0%", "0,0%"), ("0,0%", "0,0%"),
        ("100,0%", "8,3%"), ("100,0%", "8,3%"), ("100,0%", "8,3%"), ("100,0%", "8,3%"),
    ]  # fmt: skip


def test_demo_organisasi_carries_the_letterhead_and_signer_of_seed_000(demo):
    org = Organisasi.objects.get(slug="palangkaraya")
    assert org.kepala_nama == "H. RIDUAN, SKM, M.M. Kes"
    assert org.kepala_nip == "197112061994031006"
    assert org.kota == "Palangka Raya"


def test_demo_seruyan_ppks_tertangani_is_82_20_in_triwulan_i_2025(demo):
    assert format_persen(laporan("seruyan", 2025, 3).total_bulan, 2) == "82,20%"


def test_demo_seruyan_ppks_tertangani_is_95_76_in_2024(demo):
    assert format_persen(laporan("seruyan", 2024, 12).total_bulan, 2) == "95,76%"


def test_loading_the_demo_twice_changes_nothing(demo):
    out = StringIO()
    call_command("muat_demo", "--tanpa-akun", stdout=out)
    assert out.getvalue().count("tidak ada perubahan") == 5


def test_laporan_bulanan_command_gives_the_seed_figures_for_the_demo(demo):
    out = StringIO()
    call_command(
        "laporan_bulanan", "--organisasi", "palangkaraya", "--tahun", "2025", "--bulan", "3",
        "--format", "json", stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue(), parse_float=str)
    assert format_persen(Decimal(data["total_bulan"]), 2) == "9,66%"
    assert format_persen(Decimal(data["capaian_sd_bulan"]), 2) == "24,86%"


@pytest.mark.parametrize(("slug", "tahun"), [("palangkaraya", 2025), ("seruyan", 2024)])
def test_exporting_the_demo_definitions_and_importing_them_back_changes_nothing(demo, slug, tahun):
    org = Organisasi.objects.get(slug=slug)
    data = ekspor_indikator(organisasi=org, tahun=tahun)
    assert impor_indikator(data, organisasi=slug, tahun=tahun, dry_run=True).tanpa_perubahan
    realisasi = ekspor_realisasi(organisasi=org, tahun=tahun)
    assert impor_realisasi(realisasi, organisasi=org, dry_run=True).tanpa_perubahan


@pytest.fixture
def demo_dengan_akun(db, settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("muat_demo", stdout=out)
    return out.getvalue()


def test_the_demo_accounts_are_made_only_when_debug_is_on(db, settings):
    User = get_user_model()
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("muat_demo", stdout=out)
    assert not User.objects.exists()
    assert "dinsos-demo-2025" not in out.getvalue()
    settings.DEBUG = True
    out = StringIO()
    call_command("muat_demo", stdout=out)
    assert User.objects.get(username="admin").check_password("dinsos-demo-2025")
    assert "dinsos-demo-2025" in out.getvalue()


def test_every_demo_account_logs_in_with_the_shared_password(demo_dengan_akun):
    User = get_user_model()
    names = {a.username for a in AKUN_DEMO}
    assert set(User.objects.values_list("username", flat=True)) == names
    for user in User.objects.all():
        assert user.check_password("dinsos-demo-2025"), user.username
        assert user.get_full_name().strip(), user.username


@pytest.mark.parametrize(
    ("username", "slug", "peran", "bidang"),
    [
        ("kepala", "palangkaraya", "kepala", []),
        ("admin.palangkaraya", "palangkaraya", "admin", []),
        ("staf.fakirmiskin", "palangkaraya", "staf", ["Penanganan Fakir Miskin"]),
        ("staf.pemberdayaan", "palangkaraya", "staf", ["Pemberdayaan Sosial"]),
        ("pemantau", "palangkaraya", "pemantau", []),
        ("kepala.seruyan", "seruyan", "kepala", []),
        ("staf.seruyan", "seruyan", "staf", ["Rehabilitasi Sosial"]),
        ("admin", "palangkaraya", "superuser", []),
        ("admin", "seruyan", "superuser", []),
    ],
)
def test_each_demo_account_has_its_role(demo_dengan_akun, username, slug, peran, bidang):
    from akun.akses import lingkup_pengguna
    from organisasi.models import Bidang

    user = get_user_model().objects.get(username=username)
    ling = lingkup_pengguna(user, slug)
    assert ling.peran == peran
    assert sorted(Bidang.objects.filter(pk__in=ling.bidang_ids).values_list("nama", flat=True)) == (
        bidang
    )


def test_every_bidang_of_palangkaraya_has_a_demo_staf(demo_dengan_akun):
    from akun.models import Anggota
    from organisasi.models import Bidang

    for bidang in Bidang.objects.filter(organisasi__slug="palangkaraya"):
        assert Anggota.objects.filter(peran="staf", bidang=bidang).exists(), bidang.nama


def test_the_organisasi_admin_of_the_demo_may_open_the_django_admin(demo_dengan_akun):
    User = get_user_model()
    assert User.objects.get(username="admin.palangkaraya").is_staff
    assert not User.objects.get(username="admin.palangkaraya").is_superuser
    assert not User.objects.get(username="kepala").is_staff


def test_the_demo_prints_a_table_of_its_accounts(demo_dengan_akun):
    lines = demo_dengan_akun.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Nama pengguna"))
    assert lines[header].split() == [
        "Nama",
        "pengguna",
        "Peran",
        "Organisasi",
        "Bidang",
        "Kata",
        "sandi",
    ]
    table = lines[header + 2 : header + 2 + len(AKUN_DEMO)]
    assert [line.split()[0] for line in table] == [a.username for a in AKUN_DEMO]
    assert all(line.endswith("dinsos-demo-2025") for line in table)
    fakir = next(line for line in table if line.startswith("staf.fakirmiskin "))
    assert "Staf Bidang" in fakir and "Penanganan Fakir Miskin" in fakir


def test_loading_the_demo_accounts_twice_changes_nothing(demo_dengan_akun):
    from akun.models import Anggota

    User = get_user_model()

    def keadaan():
        return (
            sorted(User.objects.values_list("username", "password", "is_staff", "is_superuser")),
            sorted(Anggota.objects.values_list("pengguna__username", "organisasi__slug", "peran")),
            sorted(Anggota.objects.values_list("pengguna__username", "bidang__slug")),
        )

    sebelum = keadaan()
    out = StringIO()
    call_command("muat_demo", stdout=out)
    assert keadaan() == sebelum
    assert out.getvalue().count("dinsos-demo-2025") == len(AKUN_DEMO)


def test_a_demo_staf_logs_in_and_reaches_the_dashboard(demo_dengan_akun, client):
    response = client.post(
        "/masuk/", {"username": "staf.fakirmiskin", "password": "dinsos-demo-2025"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/o/palangkaraya/dasbor/"


def test_the_demo_loads_both_plans_and_seruyans_tree(demo):
    from rencana.models import Renstra, SimpulPohon
    from rencana.selectors import hitung_capaian

    seruyan = Renstra.objects.get(organisasi__slug="seruyan")
    assert (seruyan.tahun_awal, seruyan.tahun_akhir) == (2025, 2029)
    assert SimpulPohon.objects.filter(renstra=seruyan).count() == 87
    assert SimpulPohon.objects.filter(renstra=seruyan, indikator__isnull=False).count() == 4
    tw1 = {h.indikator.kode: h for h in hitung_capaian(seruyan, 2025, 1).hasil}
    assert format_persen(tw1["IKU-1"].capaian, 2) == "82,20%"
    assert format_persen(tw1["IT-1"].realisasi.nilai, 2) == "16,44%"
    palangkaraya = Renstra.objects.get(organisasi__slug="palangkaraya")
    assert palangkaraya.periode == "2025"
    assert palangkaraya.nomor_keputusan == "000.8.6.3/158/Sos/II/2025"


def test_the_demo_tree_names_the_programs_and_kegiatan_of_its_nodes(demo, client):
    from akun.models import Anggota, Peran
    from rencana.models import Renstra, SimpulPohon

    seruyan = Renstra.objects.get(organisasi__slug="seruyan")
    assert SimpulPohon.objects.filter(renstra=seruyan, elemen__isnull=False).count() == 9
    user = get_user_model().objects.create_user("lihat.pohon", password="x")
    Anggota.objects.create(pengguna=user, organisasi=seruyan.organisasi, peran=Peran.PEMANTAU)
    client.force_login(user)
    html = client.get("/o/seruyan/rencana/renstra-2025/pohon/").content.decode()
    assert "Program: Program Rehabilitasi Sosial" in html
    assert "Sub Kegiatan: Pemberian Layanan Kedaruratan" in html
