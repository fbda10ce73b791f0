"""Issue 16: several plan documents per organisasi (an IKU decree of one year beside a
five-year Renstra), no overlap within a kind (model, import, admin), the dokumen acuan of a
year, and the end-of-period condition (kondisi akhir) that carries targets only."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from akun.models import Peran
from dasar.impor import ImporError
from organisasi.models import Organisasi
from rencana.demo import muat_palangkaraya
from rencana.impor import impor_rencana
from rencana.models import (
    IndikatorRencana,
    Jenis,
    JenisRencana,
    Kelompok,
    Renstra,
    TargetTahunan,
)
from rencana.selectors import dokumen_acuan
from tests.personas import buat_pengguna
from tests.rencana.test_halaman import anggota

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return Organisasi.objects.create(slug="palangkaraya", nama="Dinas Sosial Kota Palangka Raya")


def renstra(org, jenis, awal, akhir, nama=""):
    return Renstra.objects.create(
        organisasi=org, jenis=jenis, tahun_awal=awal, tahun_akhir=akhir, nama=nama
    )


def buku(rencana: list, indikator: list | None = None, realisasi: list | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    isi = {
        "Rencana": [("kunci", "nilai"), *rencana],
        "Indikator": indikator
        or [
            ("kode", "kelompok", "nama", "jenis", "target 2025"),
            ("IKU-1", "IKU", "Persentase PPKS yang ditangani", "persentase", 100),
        ],
    }
    if realisasi is not None:
        isi["Realisasi"] = realisasi
    for nama, baris in isi.items():
        ws = wb.create_sheet(nama)
        for b in baris:
            ws.append(list(b))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- A. kinds side by side ------------------------------------------------------------------


def test_a_one_year_iku_decree_and_a_five_year_renstra_of_one_organisasi_coexist(org, client):
    keputusan = muat_palangkaraya(org)  # seed 002: Keputusan IKU 2025
    lima = renstra(org, JenisRencana.RENSTRA, 2025, 2029, "Renstra Dinas Sosial 2025-2029")
    lima.full_clean()  # another kind: no overlap
    assert keputusan.jenis == JenisRencana.KEPUTUSAN_IKU
    assert (keputusan.kunci, lima.kunci) == ("iku-2025", "renstra-2025")
    assert sorted(Renstra.objects.filter(organisasi=org).values_list("jenis", "tahun_akhir")) == [
        ("iku", 2025),
        ("renstra", 2029),
    ]

    client.force_login(anggota(keputusan, username="kepala.pr"))
    indeks = client.get(reverse("rencana", args=["palangkaraya"]))
    html = indeks.content.decode()
    assert indeks.status_code == 200
    assert "/o/palangkaraya/rencana/iku-2025/" in html
    assert "/o/palangkaraya/rencana/renstra-2025/" in html
    assert "dokumen acuan" in html
    # each page names its plan
    a = client.get(reverse("rencana_detail", args=["palangkaraya", "iku-2025"])).content
    b = client.get(reverse("rencana_detail", args=["palangkaraya", "renstra-2025"])).content
    assert "Keputusan IKU · Periode 2025" in a.decode()
    assert "Renstra · Periode 2025-2029" in b.decode()
    # an address of before issue 16 names only the year: two plans start in 2025
    lama = client.get("/o/palangkaraya/rencana/2025/capaian/2025/?triwulan=1")
    assert lama.status_code == 302 and lama.url == reverse("rencana", args=["palangkaraya"])
    assert (
        client.get(reverse("rencana_detail", args=["palangkaraya", "rpjmd-2025"])).status_code
        == 404
    )


def test_an_old_address_goes_to_the_only_plan_starting_that_year(seruyan, client):
    client.force_login(anggota(seruyan))
    r = client.get("/o/seruyan/rencana/2025/capaian/2024/?triwulan=2")
    assert r.status_code == 302
    assert r.url == "/o/seruyan/rencana/renstra-2025/capaian/2024/?triwulan=2"


def test_the_dokumen_acuan_of_a_year_prefers_the_years_iku_decree(org):
    keputusan = renstra(org, JenisRencana.KEPUTUSAN_IKU, 2025, 2025)
    lima = renstra(org, JenisRencana.RENSTRA, 2025, 2029)
    rpjmd = renstra(org, JenisRencana.IKU_RPJMD, 2025, 2029)
    assert dokumen_acuan(org, 2025) == keputusan
    assert dokumen_acuan(org, 2026) == lima
    assert dokumen_acuan(org, 2024) == keputusan  # baseline year of the plans of 2025
    lima.delete()
    assert dokumen_acuan(org, 2027) == rpjmd
    # the end-of-period condition (2030) does not make a plan the year's plan
    assert dokumen_acuan(org, 2030) is None


def test_capaian_tahunan_names_the_plan_or_takes_the_dokumen_acuan(org):
    renstra(org, JenisRencana.RENSTRA, 2025, 2029)
    keputusan = muat_palangkaraya(org)
    out = io.StringIO()
    call_command("capaian_tahunan", organisasi="palangkaraya", tahun=2025, stdout=out)
    assert '"IKU-1"' in out.getvalue()  # the decree's indicator: the dokumen acuan of 2025
    out = io.StringIO()
    call_command(
        "capaian_tahunan", organisasi="palangkaraya", tahun=2025, tahun_awal=2025,
        jenis="renstra", stdout=out,
    )  # fmt: skip
    assert '"IKU-1"' not in out.getvalue()  # the Renstra has no indicator yet
    with pytest.raises(CommandError, match=r"Ada 2 rencana .*--jenis iku.*--jenis renstra"):
        call_command("ekspor_rencana", organisasi="palangkaraya", tahun_awal=2025, output="x")
    assert keputusan.kunci == "iku-2025"


# -- A. overlap within a kind ---------------------------------------------------------------

PESAN = re.escape(
    "Periode 2027-2031 bertumpang tindih dengan Renstra 2025-2029 (“Renstra Lama”) yang sudah "
    "ada untuk organisasi ini"
)


def test_the_model_refuses_an_overlapping_plan_of_the_same_kind(org):
    renstra(org, JenisRencana.RENSTRA, 2025, 2029, "Renstra Lama")
    baru = Renstra(organisasi=org, jenis=JenisRencana.RENSTRA, tahun_awal=2027, tahun_akhir=2031)
    with pytest.raises(ValidationError, match=PESAN):
        baru.full_clean()
    # the next period starts on the old one's end-of-period condition: no overlap
    Renstra(
        organisasi=org, jenis=JenisRencana.RENSTRA, tahun_awal=2030, tahun_akhir=2034
    ).full_clean()
    # another kind over the same years is fine
    Renstra(
        organisasi=org, jenis=JenisRencana.IKU_RPJMD, tahun_awal=2027, tahun_akhir=2031
    ).full_clean()


def test_the_import_refuses_an_overlapping_plan_and_writes_nothing(org):
    renstra(org, JenisRencana.RENSTRA, 2025, 2029, "Renstra Lama")
    data = buku([("jenis", "Renstra"), ("tahun_awal", 2027), ("tahun_akhir", 2031)],
                [("kode", "kelompok", "nama", "jenis", "target 2027"),
                 ("IKU-1", "IKU", "Persentase PPKS", "persentase", 100)])  # fmt: skip
    for dry_run in (True, False):
        with pytest.raises(ImporError) as info:
            impor_rencana(data, organisasi="palangkaraya", dry_run=dry_run)
        (pesan,) = [str(k) for k in info.value.kesalahan]
        assert pesan.startswith("sheet Rencana: ") and re.search(PESAN, pesan)
    assert Renstra.objects.filter(organisasi=org).count() == 1


def test_the_import_adds_a_decree_beside_a_renstra_and_replaces_only_its_own_kind(org):
    renstra(org, JenisRencana.RENSTRA, 2025, 2029)
    # no "jenis" key: a one-year plan is an IKU decree (as the migration decides)
    impor_rencana(buku([("tahun_awal", 2025), ("tahun_akhir", 2025), ("nama", "IKU 2025")]),
                  organisasi="palangkaraya")  # fmt: skip
    keputusan = Renstra.objects.get(organisasi=org, jenis=JenisRencana.KEPUTUSAN_IKU)
    assert keputusan.nama == "IKU 2025" and keputusan.indikator.count() == 1
    # the Renstra of 2025 gets its own contents by naming its kind
    impor_rencana(buku([("jenis", "renstra"), ("tahun_awal", 2025), ("tahun_akhir", 2029)]),
                  organisasi="palangkaraya")  # fmt: skip
    assert Renstra.objects.filter(organisasi=org).count() == 2
    assert IndikatorRencana.objects.filter(renstra__organisasi=org).count() == 2
    # a second decree over 2025 (two years) overlaps the first
    with pytest.raises(ImporError, match="bertumpang tindih dengan Keputusan IKU 2025"):
        impor_rencana(
            buku([("jenis", "Keputusan IKU"), ("tahun_awal", 2024), ("tahun_akhir", 2025)]),
            organisasi="palangkaraya",
        )


def test_the_admin_refuses_an_overlapping_plan_with_the_message(client, org):
    renstra(org, JenisRencana.RENSTRA, 2025, 2029, "Renstra Lama")
    client.force_login(buat_pengguna("admin_pr", org, Peran.ADMIN, is_staff=True))
    url = reverse("admin:rencana_renstra_add")
    data = {
        "organisasi": org.pk, "jenis": "renstra", "tahun_awal": 2027, "tahun_akhir": 2031,
        "elemen-TOTAL_FORMS": 0, "elemen-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert re.search(PESAN, response.content.decode())
    assert Renstra.objects.filter(organisasi=org).count() == 1
    data["jenis"] = "rpjmd"  # another kind over the same years
    assert client.post(url, data).status_code == 302
    assert Renstra.objects.filter(organisasi=org).count() == 2


# -- B. the end-of-period condition ---------------------------------------------------------


def test_the_import_takes_the_end_of_period_column_but_no_realisasi_in_it(org):
    rencana = [("jenis", "Renstra"), ("tahun_awal", 2025), ("tahun_akhir", 2026)]
    indikator = [("kode", "kelompok", "nama", "jenis", "target 2025", "target 2026",
                  "target 2027"),
                 ("IKK-1", "IKK", "Persentase", "persentase", 100, 100, 90)]  # fmt: skip
    realisasi = [("kode", "tahun", "triwulan", "nilai"), ("IKK-1", 2027, 4, 5)]
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(rencana, indikator, realisasi), organisasi="palangkaraya")
    assert [str(k) for k in info.value.kesalahan] == [
        "sheet Realisasi, baris 2, kolom tahun: tahun 2027 bukan tahun rencana ini (paling akhir "
        "2026: tahun sesudahnya hanya kondisi akhir periode, bertarget tanpa realisasi); catat "
        "realisasinya di rencana yang memuat tahun itu"
    ]
    impor_rencana(buku(rencana, indikator), organisasi="palangkaraya")
    assert list(
        TargetTahunan.objects.filter(indikator__renstra__organisasi=org)
        .order_by("tahun")
        .values_list("tahun", "nilai")
    ) == [(2025, 100), (2026, 100), (2027, 90)]


def test_a_target_after_the_end_of_period_condition_is_refused_by_the_model(seruyan):
    ind = IndikatorRencana.objects.get(renstra=seruyan, kode="IKK-01")
    TargetTahunan(indikator=ind, tahun=2030, nilai=100).clean()  # Tabel 4.2's 2030
    TargetTahunan(indikator=ind, tahun=2024, nilai=100).clean()  # the baseline year
    with pytest.raises(ValidationError, match="kondisi akhir periode \\(2030\\)"):
        TargetTahunan(indikator=ind, tahun=2031, nilai=100).full_clean()


def test_the_end_of_period_condition_shows_in_the_tables_but_is_no_year_of_achievement(
    seruyan, client
):
    client.force_login(anggota(seruyan))
    detail = client.get(reverse("rencana_detail", args=["seruyan", "renstra-2025"]))
    html = detail.content.decode()
    assert html.count("Kondisi Akhir 2030") >= 3  # IT-1 (in the IKU table), IKK, SPM x 2
    assert ">60 orang<" in html
    capaian = client.get(reverse("rencana_capaian", args=["seruyan", "renstra-2025", 2029]))
    assert capaian.status_code == 200
    assert '<option value="2030"' not in capaian.content.decode()
    assert 'value="2029"' in capaian.content.decode()
    assert (
        client.get(reverse("rencana_capaian", args=["seruyan", "renstra-2025", 2030])).status_code
        == 404
    )
    url_ind = reverse("rencana_indikator", args=["seruyan", "renstra-2025", "SPM-1"])
    halaman = client.get(url_ind).content.decode()
    assert '2030 <span class="samar">(kondisi akhir periode)</span>' in halaman
    assert client.get(url_ind + "?tahun=2030").status_code == 404
    admin = buat_pengguna("admin.seruyan", seruyan.organisasi, Peran.ADMIN)
    client.force_login(admin)
    url = reverse("rencana_realisasi", args=["seruyan", "renstra-2025", "SPM-1", 2030, 4])
    assert client.post(url, {"nilai": "5", "versi": "0"}).status_code == 404
    assert dokumen_acuan(seruyan.organisasi, 2030) is None


@pytest.mark.django_db(transaction=True)
def test_existing_plans_get_a_kind_by_their_length_when_migrating():
    from django.db import connection

    org = Organisasi.objects.create(slug="lama", nama="Dinas Sosial Lama")
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    terakhir = executor.loader.graph.leaf_nodes()
    sebelum = [("rencana", "0003_organisasi_pindah")]
    sesudah = [("rencana", "0004_jenis_dokumen")]
    executor.migrate(sebelum)
    try:
        apps = executor.loader.project_state(sebelum).apps
        Lama = apps.get_model("rencana", "Renstra")
        Lama.objects.create(organisasi_id=org.pk, tahun_awal=2024, tahun_akhir=2024)
        Lama.objects.create(organisasi_id=org.pk, tahun_awal=2025, tahun_akhir=2029)
        executor = MigrationExecutor(connection)
        executor.migrate(sesudah)
        assert sorted(
            Renstra.objects.filter(organisasi=org).values_list("tahun_awal", "jenis")
        ) == [(2024, "iku"), (2025, "renstra")]
    finally:
        # Back to the latest schema: later tests (and module-scoped fixtures that load the
        # demo) need the tables of the migrations after 0004.
        executor = MigrationExecutor(connection)
        executor.migrate(terakhir)


def test_a_plan_key_of_another_kind_is_not_a_plan(seruyan, client):
    client.force_login(anggota(seruyan))
    assert client.get("/o/seruyan/rencana/iku-2025/").status_code == 404
    ind = IndikatorRencana.objects.create(
        renstra=seruyan, kelompok=Kelompok.IKK, kode="X", nama="x", jenis=Jenis.JUMLAH
    )
    assert ind.renstra.kunci == "renstra-2025"
