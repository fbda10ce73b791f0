"""The dashboard: the chosen month's figures as the report prints them, completeness and
submission per bidang, the chart, the JSON twin, scoping and a fixed number of queries."""

import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from akun.akses import lingkup_pengguna
from capaian.models import PengajuanBulan, StatusPengajuan
from dasar.angka import to_decimal
from fixtures.buat_demo import PALANGKARAYA_REALISASI, palangkaraya_rows
from laporan.builder import bangun_laporan
from laporan.dasbor import bangun_dasbor
from laporan.grafik import skala_atas
from organisasi.models import Bidang, Organisasi
from tests.factories import buat_definisi, isi_realisasi
from tests.personas import FAKIR_MISKIN, PEMBERDAYAAN, TAHUN

BIDANG = [
    "pemberdayaan-sosial",
    "penanganan-bencana",
    "penanganan-fakir-miskin",
    "perlindungan-dan-jaminan-sosial",
    "rehabilitasi-sosial",
]


def url(kantor, **query) -> str:
    base = reverse("dasbor", args=[kantor.organisasi.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def url_data(kantor, **query) -> str:
    base = reverse("dasbor_data", args=[kantor.organisasi.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def url_entri(bulan: int, bidang: str, tahun: int = TAHUN) -> str:
    return reverse("entri", args=["palangkaraya", tahun, bulan, bidang])


@pytest.fixture(autouse=True)
def sandi_cepat(settings):
    """The personas' passwords are never typed here; hashing them slowly only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def maret(kantor):
    """The office with March filled as in seed 000 (Jan-Feb come with the kantor)."""
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    return kantor


def data_json(client, address: str) -> dict:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content, parse_float=Decimal)


def svg_penuh(html: str) -> str:
    return re.search(r'<svg class="grafik grafik--penuh".*?</svg>', html, re.S).group(0)


# Figures


def test_dasbor_prints_the_seed_march_figures_next_to_the_year_target(client, maret):
    client.force_login(maret.kepala)
    response = client.get(url(maret, tahun=2025, bulan=3))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Persentase Capaian TOTAL MARET 2025" in html
    ringkasan = re.search(r'<section class="ringkasan".*?</section>', html, re.S).group(0)
    nilai = re.findall(r'<p class="ringkasan__nilai">([^<]*)', ringkasan)
    assert nilai[:3] == ["9,66%", "15,19%", "24,86%"]
    assert "Capaian s.d. Februari" in ringkasan
    assert "Target 2025: 90–100%" in ringkasan


def test_dasbor_shows_each_program_value_of_the_month_as_the_report_does(client, maret):
    client.force_login(maret.kepala)
    html = client.get(url(maret, tahun=2025, bulan=3)).content.decode()
    program = re.search(r'<section class="kartu program".*?</section>', html, re.S).group(0)
    rows = re.findall(r"</span> ([^<]+)</th><td class=\"angka\">([^<]+)</td>", program)
    assert rows == [
        ("Rehabilitasi Sosial", "6,9%"),
        ("Pemberdayaan Sosial", "4,6%"),
        ("Perlindungan dan Jaminan Sosial", "18,9%"),
        ("Penanganan Bencana", "8,3%"),
    ]


def test_dasbor_figures_are_the_report_builders_exact_fractions(maret):
    ling = lingkup_pengguna(maret.kepala, "palangkaraya")
    dasbor = bangun_dasbor(ling, "2025", "3", hari_ini=date(2025, 4, 10))
    laporan = bangun_laporan(maret.organisasi, 2025, 3)
    assert isinstance(dasbor.total_bulan, Fraction)
    assert dasbor.total_bulan == laporan.total_bulan
    assert dasbor.capaian_sd_bulan_lalu == laporan.capaian_sd_bulan_lalu
    assert dasbor.capaian_sd_bulan == laporan.capaian_sd_bulan
    assert [p.nilai for p in dasbor.program] == [p.nilai for p in laporan.hasil.program]
    assert [r.capaian_sd for r in dasbor.per_bulan] == [
        bangun_laporan(maret.organisasi, 2025, b).capaian_sd_bulan for b in (1, 2, 3)
    ]


def test_january_has_nothing_before_it(client, kantor):
    client.force_login(kantor.kepala)
    html = client.get(url(kantor, tahun=2025, bulan=1)).content.decode()
    assert "Capaian s.d. bulan lalu" in html
    assert "Belum ada bulan sebelumnya tahun ini" in html
    assert '<p class="ringkasan__nilai">0,00%</p>' in html


# Completeness and submission


def test_completeness_counts_rows_whose_realisasi_is_entered(client, kantor):
    client.force_login(kantor.kepala)
    data = data_json(client, url_data(kantor, tahun=2025, bulan=2))
    counts = {b["slug"]: (b["terisi"], b["jumlah"]) for b in data["bidang"]}
    # February of the demo: R03/R04 (pembagi only), R07 and R08 are empty.
    assert counts == {
        "pemberdayaan-sosial": (2, 4),
        "penanganan-bencana": (2, 2),
        "penanganan-fakir-miskin": (1, 3),
        "perlindungan-dan-jaminan-sosial": (2, 2),
        "rehabilitasi-sosial": (1, 1),
    }
    html = client.get(url(kantor, tahun=2025, bulan=2)).content.decode()
    assert "8 dari 12" in html
    assert "pembagi saja belum dihitung terisi" in html


def test_a_month_without_entries_counts_no_row_filled(client, kantor):
    client.force_login(kantor.kepala)
    data = data_json(client, url_data(kantor, tahun=2025, bulan=7))
    assert {b["terisi"] for b in data["bidang"]} == {0}
    assert sum(b["jumlah"] for b in data["bidang"]) == 12
    assert data["per_bulan"][-1]["ada_isian"] is False


def test_submission_states_and_dates_are_shown_per_bidang(client, kantor):
    diajukan = PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN,
        diubah_oleh=kantor.alice,
    )  # fmt: skip
    PengajuanBulan.objects.create(
        bidang=kantor.pemberdayaan, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIKEMBALIKAN,
        catatan="R04 belum diisi", diubah_oleh=kantor.kepala,
    )  # fmt: skip
    client.force_login(kantor.kepala)
    html = client.get(url(kantor, tahun=2025, bulan=2)).content.decode()
    states = dict(
        re.findall(
            r'<div class="bidang-baris__nama">\s*([^<]+?)\s*(?:<span.*?)?</div>.*?'
            r'label-status--(\w+)">',
            html,
            re.S,
        )
    )
    assert states == {
        "Pemberdayaan Sosial": "dikembalikan",
        "Penanganan Bencana": "draf",
        "Penanganan Fakir Miskin": "diajukan",
        "Perlindungan dan Jaminan Sosial": "draf",
        "Rehabilitasi Sosial": "draf",
    }
    assert date_format(timezone.localtime(diajukan.diubah_pada), "j M Y") in html
    assert "Dikembalikan oleh Kepala: R04 belum diisi" in html
    assert ">Tinjau<" in html  # the Kepala Dinas reviews what was submitted
    data = data_json(client, url_data(kantor, tahun=2025, bulan=2))
    status = {b["slug"]: b["status"] for b in data["bidang"]}
    assert status[FAKIR_MISKIN] == "diajukan"
    assert status[PEMBERDAYAAN] == "dikembalikan"


def test_a_returned_month_shows_the_staf_the_note_and_a_fix_button(client, kantor):
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=2, status=StatusPengajuan.DIKEMBALIKAN,
        catatan="Lengkapi R07", diubah_oleh=kantor.kepala,
    )  # fmt: skip
    client.force_login(kantor.alice)
    html = client.get(url(kantor, tahun=2025, bulan=2)).content.decode()
    assert "Catatan pengembalian:</strong> Lengkapi R07" in html
    assert f'href="{url_entri(2, FAKIR_MISKIN)}">Perbaiki isian Februari</a>' in html


# Links and scope


def entri_links(html: str) -> set[str]:
    """The entry links of the month shown (the "Perlu tindakan" list links other months)."""
    html = re.sub(r'<section class="kartu tindakan.*?</section>', "", html, flags=re.S)
    return set(re.findall(r'href="(/o/palangkaraya/entri/[^"]+)"', html))


def test_staf_sees_their_own_bidang_first_with_an_entry_button(client, kantor):
    client.force_login(kantor.alice)
    response = client.get(url(kantor))
    html = response.content.decode()
    assert f'href="{url_entri(2, FAKIR_MISKIN)}">Isi realisasi Februari</a>' in html
    bidang = response.context["dasbor"].bidang
    assert bidang[0].bidang.slug == FAKIR_MISKIN
    assert bidang[0].milik_saya
    assert "bidang-baris--saya" in html


@pytest.mark.parametrize(
    ("persona", "boleh"),
    [
        ("alice", {FAKIR_MISKIN}),
        ("bob", {PEMBERDAYAAN}),
        ("kepala", set(BIDANG)),
        ("admin_org", set(BIDANG)),
        ("pemantau", set(BIDANG)),
        ("root", set(BIDANG)),
    ],
)
def test_entry_links_go_only_to_the_bidang_the_user_may_see(client, kantor, persona, boleh):
    client.force_login(getattr(kantor, persona))
    html = client.get(url(kantor, tahun=2025, bulan=2)).content.decode()
    assert entri_links(html) == {url_entri(2, slug) for slug in boleh}


def test_no_entry_button_for_a_month_that_has_not_started(client, kantor, monkeypatch):
    monkeypatch.setattr("laporan.views.timezone.localdate", lambda: date(2025, 2, 14))
    client.force_login(kantor.alice)
    html = client.get(url(kantor, tahun=2025, bulan=5)).content.decode()
    assert "Mei 2025 belum berjalan" in html
    assert entri_links(html) == set()


@pytest.mark.parametrize("persona", ["alice", "bob", "kepala", "admin_org", "pemantau", "root"])
@pytest.mark.parametrize("name", ["dasbor", "dasbor_data"])
def test_every_member_of_the_organisasi_opens_the_dasbor(client, kantor, persona, name):
    client.force_login(getattr(kantor, persona))
    assert client.get(reverse(name, args=["palangkaraya"])).status_code == 200


@pytest.mark.parametrize("name", ["dasbor", "dasbor_data"])
def test_another_organisasi_answers_404(client, kantor, name):
    client.force_login(kantor.charlie)
    assert client.get(reverse(name, args=["palangkaraya"])).status_code == 404
    assert client.get(reverse(name, args=["tidak-ada"])).status_code == 404


@pytest.mark.parametrize("name", ["dasbor", "dasbor_data"])
def test_anonymous_is_sent_to_the_login_page(client, kantor, name):
    address = reverse(name, args=["palangkaraya"]) + "?bulan=2"
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("masuk") + "?next=")


def test_charlie_sees_his_own_organisasi_without_palangka_raya_figures(client, kantor):
    client.force_login(kantor.charlie)
    response = client.get(reverse("dasbor", args=["seruyan"]))
    assert response.status_code == 200
    assert "Belum ada indikator" in response.content.decode()
    assert "Penanganan Fakir Miskin" not in response.content.decode()


def test_the_dasbor_refuses_writes(client, kantor):
    client.force_login(kantor.kepala)
    assert client.post(url(kantor)).status_code == 405


# Year and month


def test_default_is_the_latest_month_with_realisasi(client, kantor):
    client.force_login(kantor.kepala)
    response = client.get(url(kantor))
    assert (response.context["dasbor"].tahun, response.context["dasbor"].bulan) == (2025, 2)
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    data = data_json(client, url_data(kantor))
    assert (data["tahun"], data["bulan"]) == (2025, 3)


def test_default_year_is_the_latest_with_definitions(client, kantor):
    buat_definisi(kantor.organisasi, 2024, palangkaraya_rows())
    client.force_login(kantor.kepala)
    assert data_json(client, url_data(kantor))["tahun"] == 2025
    buat_definisi(kantor.organisasi, 2026, palangkaraya_rows())
    data = data_json(client, url_data(kantor))
    assert data["tahun"] == 2026
    assert data["tahun_tersedia"] == [2024, 2025, 2026]


@pytest.mark.parametrize(
    ("hari_ini", "bulan"),
    [
        (date(2025, 6, 3), 6),  # this year: this month
        (date(2026, 6, 3), 12),  # a past year: December
        (date(2024, 6, 3), 1),  # a year still to come: January
    ],
)
def test_a_year_without_realisasi_defaults_to(organisasi, hari_ini, bulan):
    from akun.akses import Lingkup

    buat_definisi(organisasi, 2025, palangkaraya_rows())
    ling = Lingkup(None, organisasi, "kepala", frozenset())
    dasbor = bangun_dasbor(ling, None, None, hari_ini=hari_ini)
    assert (dasbor.tahun, dasbor.bulan) == (2025, bulan)
    assert dasbor.periode.pesan == ()


@pytest.mark.parametrize(
    ("query", "pesan"),
    [
        ("tahun=abc", "Tahun “abc” tidak dikenali; ditampilkan 2025."),
        ("tahun=2030", "Belum ada indikator untuk tahun 2030; ditampilkan 2025."),
        ("tahun=99999999999999999999", "tidak dikenali; ditampilkan 2025."),
        ("tahun=２０２５", "tidak dikenali; ditampilkan 2025."),
        ("bulan=13", "Bulan “13” tidak dikenali; ditampilkan Februari."),
        ("bulan=0", "Bulan “0” tidak dikenali; ditampilkan Februari."),
        ("bulan=-1", "Bulan “-1” tidak dikenali; ditampilkan Februari."),
        ("bulan=3.0", "Bulan “3.0” tidak dikenali; ditampilkan Februari."),
        ("bulan=%3Cb%3Emaret%3C/b%3E", "Bulan “&lt;b&gt;maret&lt;/b&gt;” tidak dikenali"),
        ("tahun=2025&bulan=", None),
        ("tahun=&bulan=", None),
    ],
)
def test_bad_query_values_fall_back_to_the_default_with_a_message(client, kantor, query, pesan):
    client.force_login(kantor.kepala)
    response = client.get(url(kantor) + "?" + query)
    assert response.status_code == 200
    dasbor = response.context["dasbor"]
    assert (dasbor.tahun, dasbor.bulan) == (2025, 2)
    html = response.content.decode()
    if pesan is None:
        assert dasbor.periode.pesan == ()
    else:
        assert pesan in html
    data_response = client.get(url_data(kantor) + "?" + query)
    assert data_response.status_code == 200
    data = json.loads(data_response.content)
    assert (data["tahun"], data["bulan"]) == (2025, 2)
    assert bool(data["pesan"]) is (pesan is not None)


def test_a_valid_month_is_kept_when_the_year_falls_back(client, kantor):
    client.force_login(kantor.kepala)
    data = data_json(client, url_data(kantor, tahun="x", bulan=1))
    assert (data["tahun"], data["bulan"]) == (2025, 1)


def test_the_period_form_works_without_javascript(client, kantor):
    client.force_login(kantor.kepala)
    html = client.get(url(kantor, tahun=2025, bulan=2)).content.decode()
    form = re.search(r'<form method="get" class="pilih-periode.*?</form>', html, re.S).group(0)
    assert '<option value="2" selected>Februari</option>' in form
    assert '<option value="2025" selected>2025</option>' in form
    assert 'href="?tahun=2025&amp;bulan=1"' in form
    assert 'href="?tahun=2025&amp;bulan=3"' in form


def test_an_organisasi_without_definitions_gets_a_calm_empty_page(client, kantor):
    Organisasi.objects.create(slug="kosong", nama="Dinas Sosial Kosong")
    client.force_login(kantor.root)
    response = client.get(reverse("dasbor", args=["kosong"]))
    assert response.status_code == 200
    assert "Belum ada indikator untuk tahun" in response.content.decode()
    assert data_json(client, reverse("dasbor_data", args=["kosong"]))["program"] == []


def test_definitions_the_engine_refuses_give_a_message_not_an_error(client, kantor):
    rows = [
        {**row, "kode_program": "P", "kode_indikator": "I", "agregasi": "rasio gabungan",
         "faktor_tahunan": faktor, "kode_rumus": f"G{n}"}
        for n, (row, faktor) in enumerate(zip(palangkaraya_rows()[:2], ["1", "1/12"], strict=True))
    ]  # fmt: skip
    rumus = buat_definisi(kantor.organisasi, 2024, rows)
    isi_realisasi(rumus, 2024, 1, {"G0": (10, "5"), "G1": (10, "5")})
    client.force_login(kantor.kepala)
    response = client.get(url(kantor, tahun=2024, bulan=1))
    assert response.status_code == 200
    assert "Angka bulan ini tidak dapat dihitung" in response.content.decode()
    assert data_json(client, url_data(kantor, tahun=2024, bulan=1))["galat"]


# Chart


def test_the_chart_draws_the_target_band_the_line_and_the_bars(client, maret):
    client.force_login(maret.kepala)
    html = client.get(url(maret, tahun=2025, bulan=3)).content.decode()
    svg = svg_penuh(html)
    assert 'role="img"' in svg
    assert re.search(r'<title id="grafik-penuh-judul">[^<]*Januari–Maret', svg)
    assert "Capaian s.d. Maret 2025: 24,86%, target tahun 2025: 90–100%" in svg
    # The band: 90..100 on a 0..110 axis between y=244 (0%) and y=20 (110%).
    band = re.search(r'<rect x="132" y="([\d.]+)" width="812" height="([\d.]+)" '
                     r'class="grafik__target"/>', svg)  # fmt: skip
    assert band
    assert (Decimal(band.group(1)), Decimal(band.group(2))) == (Decimal("40.4"), Decimal("20.4"))
    points = re.search(r'<polyline points="([^"]+)" class="grafik__garis"/>', svg).group(1)
    assert len(points.split()) == 3
    assert svg.count('class="grafik__titik') == 3
    assert svg.count('class="grafik__batang') == 3
    for teks in ("6,12%", "9,07%", "9,66%", "15,19%", "24,86%", "Jan", "Des"):
        assert f">{teks}</text>" in svg
    # y of the March point: 244 - 24.856...% x 224 / 110
    _, y = points.split()[-1].split(",")
    assert Decimal(y) == Decimal("193.4")


def test_the_chart_has_a_narrow_twin_and_a_data_table(client, maret):
    client.force_login(maret.kepala)
    html = client.get(url(maret, tahun=2025, bulan=3)).content.decode()
    assert '<svg class="grafik grafik--ringkas"' in html
    assert 'id="grafik-ringkas-judul"' in html
    table = re.search(r'<details class="grafik-data">.*?</details>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row">(\w+)</th><td class="angka">([^<]+)</td>'
                      r'<td class="angka">([^<]+)</td>', table)  # fmt: skip
    assert rows == [
        ("Januari", "6,12%", "6,12%"),
        ("Februari", "9,07%", "15,19%"),
        ("Maret", "9,66%", "24,86%"),
    ]
    assert 'class="grafik-legenda"' in html


def test_the_chart_marks_months_without_entries(client, kantor):
    client.force_login(kantor.kepala)
    html = client.get(url(kantor, tahun=2025, bulan=4)).content.decode()
    svg = svg_penuh(html)
    assert svg.count('class="grafik__batang') == 2  # January and February only
    assert svg.count('class="grafik__titik') == 4  # the line runs through April
    assert "April belum ada isian" not in svg
    assert "April -" in svg


@pytest.mark.parametrize(
    ("nilai", "atas"),
    [
        ([Fraction(10), Fraction(95)], 110),
        ([Fraction(100)], 110),
        ([Fraction(10001, 100)], 120),
        ([Fraction(138)], 150),
    ],
)
def test_the_y_axis_leaves_room_above_the_band_and_the_data(nilai, atas):
    assert skala_atas(nilai, Fraction(100)) == atas


# JSON


def test_json_numbers_are_the_exact_unrounded_figures(client, maret):
    client.force_login(maret.pemantau)
    response = client.get(url_data(maret, tahun=2025, bulan=3))
    text = response.content.decode()
    assert "e-" not in text.lower() and "E+" not in text
    data = json.loads(text, parse_float=Decimal)
    laporan = bangun_laporan(maret.organisasi, 2025, 3)
    assert data["total_bulan"] == to_decimal(laporan.total_bulan)
    assert data["capaian_sd_bulan_lalu"] == to_decimal(laporan.capaian_sd_bulan_lalu)
    assert data["capaian_sd_bulan"] == to_decimal(laporan.capaian_sd_bulan)
    assert str(data["capaian_sd_bulan"]).startswith("24.856")
    assert [p["nilai"] for p in data["program"]] == [
        to_decimal(p.nilai) for p in laporan.hasil.program
    ]
    assert data["program"][1]["nilai"] == Decimal("4.567901234567901234567901235")
    assert data["target"] == {"bawah": 90, "atas": 100}
    assert [(b["bulan"], b["ada_isian"]) for b in data["per_bulan"]] == [
        (1, True), (2, True), (3, True),
    ]  # fmt: skip
    assert data["per_bulan"][2]["capaian_sd"] == data["capaian_sd_bulan"]


def test_json_is_scoped_like_the_page(client, kantor):
    client.force_login(kantor.alice)
    data = data_json(client, url_data(kantor))
    mine = [b for b in data["bidang"] if b["milik_saya"]]
    assert [b["slug"] for b in mine] == [FAKIR_MISKIN]
    assert data["bidang"][0]["slug"] == FAKIR_MISKIN


# Queries


def _besar(kantor, bidang: int = 12, baris: int = 120) -> None:
    """A larger office: ``bidang`` more bidang owning ``baris`` more rows, all filled."""
    for n in range(bidang):
        Bidang.objects.get_or_create(
            organisasi=kantor.organisasi, slug=f"bidang-{n}", defaults={"nama": f"Bidang {n}"}
        )
    rows = [
        {
            **row,
            "bidang": f"Bidang {n % bidang}",
            "kode_program": f"X{n // 12}",
            "kode_indikator": f"X{n // 4}",
            "kode_rumus": f"X{n}",
        }
        for n, row in enumerate(palangkaraya_rows() * (baris // 12))
    ]
    rumus = buat_definisi(kantor.organisasi, TAHUN, rows)
    for bulan in (1, 2):
        isi_realisasi(rumus, TAHUN, bulan, {k: (10, "5") for k in rumus})
    for n in range(bidang):
        PengajuanBulan.objects.create(
            bidang=Bidang.objects.get(organisasi=kantor.organisasi, slug=f"bidang-{n}"),
            tahun=TAHUN, bulan=2, status=StatusPengajuan.DIAJUKAN, diubah_oleh=kantor.bob,
        )  # fmt: skip


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["kepala", "alice", "root"])
@pytest.mark.parametrize("name", ["dasbor", "dasbor_data"])
def test_the_dasbor_takes_the_same_few_queries_for_12_or_132_rows(
    client, kantor, persona, name, django_assert_max_num_queries
):
    client.force_login(getattr(kantor, persona))
    address = reverse(name, args=["palangkaraya"])
    # The page also lists "Perlu tindakan" across the year (laporan.tindakan: 5 queries), and
    # the navigation the unread notification count (1, the page only).
    batas = 19 if name == "dasbor" else 18
    with django_assert_max_num_queries(batas):  # computes and stores the months' results
        client.get(address)
    kecil = _queries(client, address)  # reads them
    assert kecil <= batas - 1  # a staf: one more, for their bidang
    _besar(kantor)
    with django_assert_max_num_queries(batas):
        response = client.get(address)
    if name == "dasbor":
        assert len(response.context["dasbor"].bidang) == 17
        assert response.context["dasbor"].jumlah_baris == 132
    assert _queries(client, address) == kecil
