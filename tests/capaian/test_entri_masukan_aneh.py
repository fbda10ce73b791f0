"""Odd and hostile input on the entry page, the preview and the dashboard (found in review):
no 500s, no unbounded work, no row rewritten that the user did not touch."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from capaian.models import Realisasi
from laporan.dasbor import RingkasBulan
from laporan.grafik import PENUH, grafik_capaian, langkah_skala, skala_atas
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.personas import TAHUN

D = Decimal


# --- crashes on odd input -------------------------------------------------------------


def test_a_superscript_digit_in_versi_is_no_server_error_on_save(client, kantor):
    client.raise_request_exception = False
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, realisasi="5", versi="\u00b2")  # "²".isdigit() is True, int("²") fails
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code != 500, r.status_code


def test_a_superscript_digit_in_versi_is_no_server_error_in_the_preview(client, kantor):
    client.raise_request_exception = False
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, realisasi="5", versi="\u00b2")
    r = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f)
    assert r.status_code != 500, r.status_code


def test_a_deeply_nested_asal_is_no_server_error(client, kantor):
    client.raise_request_exception = False
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, realisasi="5", asal="[" * 1999 + "]" * 1999)
    r = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f)
    assert r.status_code != 500, r.status_code


def test_a_signalling_nan_in_asal_is_no_server_error(client, kantor):
    client.raise_request_exception = False
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, pembagi="6.780", realisasi="5", asal='["sNaN", null, ""]')
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code != 500, r.status_code


def test_the_admin_month_filter_ignores_a_superscript_digit(client, kantor):
    client.raise_request_exception = False
    client.force_login(kantor.admin_org)
    url = reverse("admin:capaian_realisasi_changelist") + "?bulan=%C2%B2"
    r = client.get(url)
    assert r.status_code != 500, r.status_code


# --- the dashboard chart stays small whatever the data -----------------------------------


@pytest.mark.parametrize("realisasi", ["1.000.000", "10.000.000"])
def test_a_mistyped_huge_realisasi_keeps_the_dashboard_chart_small(client, kantor, realisasi):
    """A staf types a huge realisasi over pembagi 1 (with a keterangan, as the warning asks)
    and saves; the dashboard (everyone's landing page) stays small and fast."""
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, pembagi="1", realisasi=realisasi, keterangan="salah ketik")
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code == 303
    client.force_login(kantor.kepala)
    r = client.get(reverse("dasbor", args=["palangkaraya"]) + "?tahun=2025&bulan=3")
    assert r.status_code == 200
    assert r.content.count(b"<line") < 200


def test_the_chart_draws_a_handful_of_gridlines_for_any_value():
    per = [RingkasBulan(1, Fraction(10**7), Fraction(10**7), True)]
    svg = grafik_capaian(per, 2025, 1, D(90), D(100), tata=PENUH)
    assert svg.count("<line") < 200
    largest = Fraction(10**16) / Fraction(1, 10**4) * 100 / 12  # the largest accepted row
    assert skala_atas([largest], Fraction(100)) // langkah_skala(skala_atas([largest], 100)) <= 9


def test_a_long_stored_keterangan_does_not_block_saving_other_rows(client, kantor):
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    Realisasi.objects.filter(rumus=r07, bulan=2).update(keterangan="x" * 1200)  # import/admin
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 2)))
    f = ketik(f, r06, keterangan="dicek")
    r = kirim(client, url_entri(kantor, 2), f)
    print(r.status_code, [m for m in r.content.decode().split("\n") if "paling banyak" in m][:1])
    assert r.status_code == 303


@pytest.mark.parametrize(
    "isian",
    [
        {
            "R06": dict(realisasi="5.980"),
            "R07": dict(pembagi="1.234,5", realisasi="12,5"),
            "R08": dict(pembagi="", realisasi="17"),
        },
        {
            "R06": dict(pembagi="", realisasi="", keterangan=""),
            "R07": dict(realisasi="0"),
            "R08": dict(pembagi="0", realisasi="0"),
        },
        {
            "R06": dict(
                pembagi="\u00a06\u00a0780 ", realisasi="\u0666\u0667\u0668\u0660", keterangan="a"
            ),
            "R08": dict(realisasi="-"),
        },
    ],
)
@pytest.mark.parametrize("bulan", [2, 3])
def test_the_preview_equals_the_report_after_saving(client, kantor, isian, bulan):
    from dasar.angka import format_persen
    from laporan.builder import bangun_laporan

    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, bulan)))
    for kode, nilai in isian.items():
        f = ketik(f, kantor.rumus[kode], **nilai)
    p = client.post(url_entri(kantor, bulan, nama="entri_pratinjau"), f).json()
    r = kirim(client, url_entri(kantor, bulan), f)
    assert r.status_code == 303, r.content.decode()[:2000]
    lap = bangun_laporan(kantor.organisasi, TAHUN, bulan)
    assert p["total_bulan"] == format_persen(lap.total_bulan, 2)
    assert p["capaian_sd_bulan"] == format_persen(lap.capaian_sd_bulan, 2)
    assert p["capaian_sd_bulan_lalu"] == format_persen(lap.capaian_sd_bulan_lalu, 2)
    rows = {}
    for prog in lap.hasil.program:
        for ind in prog.indikator:
            for h in ind.rumus:
                rows[h.baris.kode] = (format_persen(h.persen), format_persen(h.persen_tahunan))
    for kode in ("R06", "R07", "R08"):
        pk = str(kantor.rumus[kode].pk)
        assert (p["baris"][pk]["persen"], p["baris"][pk]["persen_tahunan"]) == rows[kode], kode
    progs = [v for k, v in p["ringkasan"].items() if k.startswith("p")]
    assert progs == [format_persen(x.nilai) for x in lap.hasil.program]


def test_huge_ids_in_urls_answer_404_not_500(client, kantor):
    client.raise_request_exception = False
    client.force_login(kantor.kepala)
    r = client.get(reverse("jejak_baris", args=["palangkaraya", 10**25]))
    assert r.status_code == 404, r.status_code
    r = client.get(
        reverse("jejak_bulan", args=["palangkaraya", 2025, 3]) + "?halaman=99999999999999999999999"
    )
    assert r.status_code == 200, r.status_code
    client.force_login(kantor.admin_org)
    r = client.get(f"/admin/capaian/realisasi/{10**25}/change/")
    assert r.status_code == 404, r.status_code


def test_the_preview_refuses_a_post_without_csrf_token(kantor):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(kantor.alice)
    r = c.post(url_entri(kantor, 3, nama="entri_pratinjau"), {})
    assert r.status_code == 403
