"""The regional roll-up (issue 12): each organisasi of a wilayah side by side for one month.

Its figures equal a computation from scratch and the signed report's, it costs the same number
of queries for two organisasi as for many, a write made after a roll-up shows in the next one,
and a Pemantau wilayah sees its members and nothing else."""

import json
from decimal import Decimal
from fractions import Fraction
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from capaian import engine
from capaian.hasil import ringkas
from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
from capaian.selectors import muat_tahun
from fixtures.buat_demo import seruyan_rows
from laporan import rekap as r
from laporan.builder import bangun_laporan
from laporan.models import KunciBulan, LaporanTertanda
from organisasi.models import Organisasi, Wilayah
from tests.factories import buat_definisi
from tests.personas import TAHUN, buat_pemantau_wilayah

pytestmark = pytest.mark.django_db


def _segar(org: Organisasi, bulan: int) -> tuple[Fraction | None, Fraction | None]:
    """The month's total and capaian s.d. bulan computed from scratch (no stored results)."""
    data = muat_tahun(org, TAHUN)
    total = {b: ringkas(data.hitung_bulan(b)).total for b in range(1, bulan + 1)}
    return total[bulan], engine.capaian_sd(total, bulan)


def _seruyan(org: Organisasi) -> None:
    rumus = buat_definisi(org, TAHUN, seruyan_rows())
    pertama = next(iter(rumus.values()))
    Realisasi.objects.create(
        rumus=pertama, tahun=TAHUN, bulan=2, pembagi=Decimal(10), realisasi=Decimal(7)
    )


@pytest.fixture
def wilayah(kantor) -> Wilayah:
    _seruyan(kantor.organisasi_lain)
    w = Wilayah.objects.create(slug="kalteng", nama="Provinsi Kalimantan Tengah")
    w.organisasi.add(kantor.organisasi, kantor.organisasi_lain)
    return w


@pytest.fixture
def pemantau_wilayah(wilayah) -> Client:
    client = Client()
    client.force_login(buat_pemantau_wilayah("maria", wilayah.slug, []))
    return client


def _baris(rekap: r.Rekap, slug: str) -> r.BarisRekap:
    return next(b for b in rekap.baris if b.organisasi.slug == slug)


# -- figures --------------------------------------------------------------------------------


def test_each_organisasi_s_figures_equal_a_computation_from_scratch(kantor, wilayah):
    for _ in range(2):  # computed and stored, then read from the store
        rekap = r.hitung_rekap(r.organisasi_wilayah(wilayah), TAHUN, 2, wilayah=wilayah)
        assert [b.organisasi.slug for b in rekap.baris] == ["seruyan", "palangkaraya"]
        for b in rekap.baris:
            assert (b.total_bulan, b.capaian_sd_bulan) == _segar(b.organisasi, 2)
    assert rekap.dihitung == 0  # the second roll-up read only


def test_the_figures_are_the_signed_report_s_seed_000(kantor, wilayah):
    rekap = r.hitung_rekap([kantor.organisasi], TAHUN, 2)
    b = rekap.baris[0]
    laporan = bangun_laporan(kantor.organisasi, TAHUN, 2)
    assert b.total_bulan == laporan.total_bulan
    assert b.capaian_sd_bulan == laporan.capaian_sd_bulan
    assert (b.teks_total, b.teks_capaian_sd) == ("9,07%", "15,19%")  # seed 000, February


def test_the_band_is_the_year_s_target_pro_rata_to_the_month(kantor):
    b = r.hitung_rekap([kantor.organisasi], TAHUN, 3).baris[0]
    assert (b.jalur_bawah, b.jalur_atas) == (Fraction(90) * 3 / 12, Fraction(100) * 3 / 12)
    assert b.teks_jalur == "22,50%–25,00%"
    assert b.teks_target == "90–100%"
    # January and February alone give 15,19% by March: below 22,5%.
    assert b.jalur == r.DI_BAWAH
    for capaian, jalur in [("22.49", r.DI_BAWAH), ("22.5", r.SESUAI), ("25", r.SESUAI),
                           ("25.01", r.DI_ATAS)]:  # fmt: skip
        sendiri = r.BarisRekap(
            kantor.organisasi, 3, True, None, Fraction(capaian), 0, 5, None, None
        )
        assert sendiri.jalur == jalur, capaian


def test_a_write_after_a_roll_up_shows_in_the_next(kantor, wilayah):
    sebelum = _baris(r.hitung_rekap([kantor.organisasi], TAHUN, 2), "palangkaraya")
    rumus = kantor.rumus["R06"]
    Realisasi.objects.filter(rumus=rumus, tahun=TAHUN, bulan=2).update(realisasi=Decimal(6780))
    sesudah = r.hitung_rekap([kantor.organisasi], TAHUN, 2)
    b = _baris(sesudah, "palangkaraya")
    assert b.total_bulan != sebelum.total_bulan
    assert (b.total_bulan, b.capaian_sd_bulan) == _segar(kantor.organisasi, 2)
    assert sesudah.dihitung == 1  # February only: January's inputs did not change


def test_completeness_and_approval_come_from_the_month(kantor, wilayah):
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN
    )
    PengajuanBulan.objects.create(
        bidang=kantor.pemberdayaan, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIKEMBALIKAN
    )
    versi = LaporanTertanda.objects.create(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, versi=1, pdf=b"%PDF-1.7 uji",
        sha256="0" * 64, data={}, tanggal="2025-03-14", penanda_nama="H. Riduan",
        penanda_jabatan="Kepala Dinas", sertifikat_subjek="CN=uji", sertifikat_sidik="0" * 64,
        ditandatangani_pada="2025-03-14T10:00:00+07:00",
    )  # fmt: skip
    KunciBulan.objects.create(organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, laporan=versi)
    b = _baris(r.hitung_rekap(r.organisasi_wilayah(wilayah), TAHUN, 2), "palangkaraya")
    assert (b.bidang_diajukan, b.bidang_total) == (1, 5)  # a returned bidang is not counted
    assert b.disetujui and b.versi == 1 and b.token == versi.token
    lain = _baris(r.hitung_rekap(r.organisasi_wilayah(wilayah), TAHUN, 2), "seruyan")
    assert not lain.disetujui and lain.bidang_diajukan == 0


def test_an_organisasi_without_definitions_for_the_year_is_listed_without_figures(kantor):
    kosong = Organisasi.objects.create(slug="katingan", nama="Dinas Sosial Kabupaten Katingan")
    b = r.hitung_rekap([kosong], TAHUN, 2).baris[0]
    assert not b.ada_definisi and b.total_bulan is None and b.capaian_sd_bulan is None
    assert b.jalur == "" and b.bidang_total == 0
    assert r.ke_json(r.hitung_rekap([kosong], TAHUN, 2))["organisasi"][0]["total_bulan"] is None


# -- cost -----------------------------------------------------------------------------------


def _banyak(n: int) -> list[Organisasi]:
    daftar = []
    for i in range(n):
        org = Organisasi.objects.create(slug=f"kab-{i:02d}", nama=f"Dinas Sosial Kab {i:02d}")
        _seruyan(org)
        daftar.append(org)
    return daftar


def _kueri(orgs) -> int:
    r.hitung_rekap(orgs, TAHUN, 2)  # fills the store
    with CaptureQueriesContext(connection) as q:
        rekap = r.hitung_rekap(orgs, TAHUN, 2)
    assert rekap.dihitung == 0
    return len(q.captured_queries)


def test_a_stored_roll_up_costs_the_same_queries_for_two_organisasi_as_for_eight(db):
    semua = _banyak(8)
    assert _kueri(semua[:2]) == _kueri(semua) == 5


# -- pages, JSON, Excel, command ------------------------------------------------------------


def test_the_pemantau_wilayah_lands_on_its_roll_up(kantor, pemantau_wilayah):
    beranda = pemantau_wilayah.get(reverse("beranda"))
    assert beranda["Location"] == reverse("wilayah_indeks")
    indeks = pemantau_wilayah.get(reverse("wilayah_indeks"))
    assert indeks["Location"] == reverse("rekap_wilayah", args=["kalteng"])


def test_the_page_lists_the_members_with_links_to_their_dashboards(kantor, pemantau_wilayah):
    page = pemantau_wilayah.get(reverse("rekap_wilayah", args=["kalteng"]), {"bulan": 2})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Provinsi Kalimantan Tengah" in html and "Februari 2025" in html
    assert reverse("dasbor", args=["palangkaraya"]) in html
    assert reverse("dasbor", args=["seruyan"]) in html
    assert "9,07%" in html and "15,19%" in html
    assert 'class="rekap-grafik"' in html


def test_the_page_opens_on_the_latest_month_with_data(kantor, pemantau_wilayah):
    page = pemantau_wilayah.get(reverse("rekap_wilayah", args=["kalteng"]))
    assert page.context["rekap"].tahun == TAHUN
    assert page.context["rekap"].bulan == 2


def test_an_unknown_month_is_named_and_the_default_shown(kantor, pemantau_wilayah):
    page = pemantau_wilayah.get(reverse("rekap_wilayah", args=["kalteng"]), {"bulan": "13"})
    assert page.status_code == 200
    assert "Bulan “13” tidak dikenali; ditampilkan Februari." in page.content.decode()


@pytest.mark.parametrize(
    ("urut", "urutan"),
    [("nama", ["seruyan", "palangkaraya"]), ("-nama", ["palangkaraya", "seruyan"]),
     ("-capaian", None), ("capaian", None), ("bukan-kolom", ["seruyan", "palangkaraya"])],
)  # fmt: skip
def test_the_table_sorts_by_the_column_asked(kantor, pemantau_wilayah, urut, urutan):
    page = pemantau_wilayah.get(
        reverse("rekap_wilayah", args=["kalteng"]), {"bulan": 2, "urut": urut}
    )
    baris = [b for b, _ in page.context["baris"]]
    if urutan is None:
        nilai = [b.capaian_sd_bulan for b in baris]
        assert nilai == sorted(nilai, reverse=urut.startswith("-"))
    else:
        assert [b.organisasi.slug for b in baris] == urutan


def test_the_json_holds_unrounded_figures_and_only_the_members(kantor, wilayah):
    hanya_kota = Wilayah.objects.create(slug="kota", nama="Kota")
    hanya_kota.organisasi.add(kantor.organisasi)
    client = Client()
    client.force_login(buat_pemantau_wilayah("kota", "kota", []))
    response = client.get(reverse("rekap_wilayah_data", args=["kota"]), {"bulan": 2})
    data = json.loads(response.content, parse_float=Decimal)
    assert [o["slug"] for o in data["organisasi"]] == ["palangkaraya"]
    assert "Seruyan" not in response.content.decode()
    o = data["organisasi"][0]
    total, sd = _segar(kantor.organisasi, 2)
    assert abs(o["total_bulan"] - Decimal(total.numerator) / total.denominator) < Decimal("1e-20")
    assert abs(o["capaian_sd_bulan"] - Decimal(sd.numerator) / sd.denominator) < Decimal("1e-20")
    assert o["target"] == {"bawah": 90, "atas": 100}
    assert (o["bidang_diajukan"], o["bidang_total"], o["disetujui"]) == (0, 5, False)
    assert o["verifikasi"] is None and o["galat"] is None
    assert client.get(reverse("rekap_wilayah_data", args=["kalteng"])).status_code == 404


def test_the_command_prints_what_the_page_s_json_answers(kantor, wilayah, capsys):
    root = Client()
    root.force_login(kantor.root)
    web = root.get(reverse("rekap_wilayah_data", args=["kalteng"]), {"tahun": 2025, "bulan": 2})
    call_command("rekap_wilayah", "--tahun", "2025", "--bulan", "2", "--wilayah", "kalteng")
    assert json.loads(capsys.readouterr().out) == json.loads(web.content)
    call_command("rekap_wilayah", "--tahun", "2025", "--bulan", "2")  # every organisasi
    assert {o["slug"] for o in json.loads(capsys.readouterr().out)["organisasi"]} == {
        "palangkaraya",
        "seruyan",
    }


def test_the_command_names_what_is_wrong(kantor, wilayah):
    with pytest.raises(CommandError, match="Wilayah 'tidak-ada' tidak ditemukan"):
        call_command("rekap_wilayah", "--tahun", "2025", "--bulan", "2", "--wilayah", "tidak-ada")
    with pytest.raises(CommandError, match="--bulan harus 1 sampai 12"):
        call_command("rekap_wilayah", "--tahun", "2025", "--bulan", "13")
    with pytest.raises(CommandError, match="sebutkan --output"):
        call_command("rekap_wilayah", "--tahun", "2025", "--bulan", "2", "--format", "xlsx")


def test_the_excel_holds_the_figures_as_numbers(kantor, pemantau_wilayah):
    response = pemantau_wilayah.get(
        reverse("rekap_wilayah_xlsx", args=["kalteng"]), {"tahun": 2025, "bulan": 2}
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "rekap-kalteng-2025-02.xlsx" in response["Content-Disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    baris = {ws.cell(row=n, column=2).value: n for n in range(5, 7)}
    n = baris["Dinas Sosial Kota Palangka Raya"]
    total, sd = _segar(kantor.organisasi, 2)
    assert ws.cell(row=n, column=3).value == pytest.approx(float(total / 100), rel=1e-12)
    assert ws.cell(row=n, column=4).value == pytest.approx(float(sd / 100), rel=1e-12)
    assert ws.cell(row=n, column=3).number_format.endswith("%")


def test_the_superuser_reads_every_wilayah_and_the_whole_installation(kantor, wilayah):
    root = Client()
    root.force_login(kantor.root)
    indeks = root.get(reverse("wilayah_indeks")).content.decode()
    assert reverse("rekap_wilayah", args=["kalteng"]) in indeks
    assert reverse("rekap_wilayah", args=["semua"]) in indeks
    semua = root.get(reverse("rekap_wilayah", args=["semua"]), {"bulan": 2})
    assert "Seluruh organisasi" in semua.content.decode()


def test_a_pemantau_wilayah_reads_a_member_s_dashboard_but_not_its_entry(kantor, pemantau_wilayah):
    dasbor = pemantau_wilayah.get(reverse("dasbor", args=["palangkaraya"]))
    html = dasbor.content.decode()
    assert dasbor.status_code == 200
    assert "Pemantau wilayah" in html
    assert reverse("wilayah_indeks") in html  # the way back to the roll-up
    entri = reverse("entri", args=["palangkaraya", TAHUN, 2, "penanganan-fakir-miskin"])
    assert entri not in html
    assert pemantau_wilayah.get(entri).status_code == 404


def test_a_member_of_an_organisasi_cannot_also_be_a_pemantau_wilayah(kantor, wilayah):
    from django.core.exceptions import ValidationError

    from akun.models import PemantauWilayah

    with pytest.raises(ValidationError, match="sudah anggota sebuah organisasi"):
        PemantauWilayah(pengguna=kantor.kepala, wilayah=wilayah).full_clean()
