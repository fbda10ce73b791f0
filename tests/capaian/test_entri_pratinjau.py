"""The live preview: the page's figures for the typed values, from the real engine."""

import pytest

from capaian.models import Realisasi
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from tests.capaian.entri_bantu import isian_halaman, ketik, url_entri
from tests.factories import isi_realisasi
from tests.personas import TAHUN

MILIK_ALICE = ("R06", "R07", "R08")


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def maret_bidang_lain(kantor):
    """March stored for every bidang but alice's."""
    lain = {k: v for k, v in PALANGKARAYA_REALISASI[3].items() if k not in MILIK_ALICE}
    isi_realisasi(kantor.rumus, TAHUN, 3, lain)
    return kantor


def _ketik_maret(client, kantor):
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    for kode in MILIK_ALICE:
        pembagi, realisasi = PALANGKARAYA_REALISASI[3][kode]
        f = ketik(f, kantor.rumus[kode], pembagi=f"{pembagi:,}".replace(",", "."),
                  realisasi=realisasi)  # fmt: skip
    return f


def test_march_with_the_seed_values_typed_prints_the_seed_totals(client, maret_bidang_lain):
    kantor = maret_bidang_lain
    f = _ketik_maret(client, kantor)
    r = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f)
    assert r.status_code == 200
    data = r.json()
    assert data["total_bulan"] == "9,66%"
    assert data["capaian_sd_bulan_lalu"] == "15,19%"
    assert data["capaian_sd_bulan"] == "24,86%"
    r06 = data["baris"][str(kantor.rumus["R06"].pk)]
    assert (r06["persen"], r06["persen_tahunan"], r06["galat"], r06["peringatan"]) == (
        "88,2%",
        "88,2%",
        {},
        [],
    )
    assert data["baris"][str(kantor.rumus["R07"].pk)]["persen"] == "0,0%"
    assert list(data["ringkasan"].values()) == [
        "6,9%", "4,6%", "29,4%", "8,3%", "18,9%", "8,3%", "9,66%",
    ]  # fmt: skip
    assert data["kosong"] == 2
    assert not Realisasi.objects.filter(rumus__bidang=kantor.fakir_miskin, bulan=3).exists()


def test_unicode_thousands_spaces_and_minus_zero_give_the_same_figures(client, maret_bidang_lain):
    # U+202F (narrow NBSP) and U+2009 (thin space) between thousands, as some keyboards and
    # copied figures carry them; "-0" is zero, not a negative number.
    kantor = maret_bidang_lain
    f = _ketik_maret(client, kantor)
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    f = ketik(f, r06, pembagi="6\u202f780", realisasi="5\u2009980")
    f = ketik(f, r07, realisasi="-0")
    data = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f).json()
    assert data["baris"][str(r06.pk)]["galat"] == {}
    assert data["baris"][str(r06.pk)]["persen"] == "88,2%"
    assert data["baris"][str(r07.pk)]["galat"] == {}
    assert data["baris"][str(r07.pk)]["persen"] == "0,0%"
    assert data["total_bulan"] == "9,66%"


def test_the_saved_page_shows_the_same_figures(client, maret_bidang_lain):
    from tests.capaian.entri_bantu import kirim

    kantor = maret_bidang_lain
    f = _ketik_maret(client, kantor)
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code == 303
    html = client.get(r["Location"]).content.decode()
    assert 'data-ringkas="total">9,66%<' in html
    assert 'data-ringkas="capaian_sd_bulan">24,86%<' in html


def test_the_preview_reports_errors_and_warnings_as_the_user_types(client, kantor):
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    r06, r08 = kantor.rumus["R06"], kantor.rumus["R08"]
    f = ketik(f, r06, realisasi="12,3,4")
    f = ketik(f, r08, realisasi="200")
    data = client.post(url_entri(kantor, 3, nama="entri_pratinjau"), f).json()
    b06 = data["baris"][str(r06.pk)]
    assert b06["galat"] == {
        "realisasi": ["Realisasi: '12,3,4' bukan angka. Tulis seperti 6.780 atau 1.234,5."]
    }
    assert b06["persen"] == "0,0%"  # the invalid value counts as untyped: stored (none)
    b08 = data["baris"][str(r08.pk)]
    assert b08["galat"] == {}  # a missing keterangan is not an error while typing
    assert b08["peringatan"] == [
        "Realisasi 200 melebihi pembagi 180. Jika memang benar, jelaskan di keterangan."
    ]
    assert b08["persen"] == "111,1%"


def test_readers_get_the_stored_figures(client, kantor):
    client.force_login(kantor.kepala)
    f = {f"r-{kantor.rumus['R06'].pk}-realisasi": "1"}
    data = client.post(url_entri(kantor, 2, nama="entri_pratinjau"), f).json()
    assert data["baris"][str(kantor.rumus["R06"].pk)]["persen"] == "85,3%"


def test_the_preview_of_a_future_month_says_it_has_not_come(client, kantor, monkeypatch):
    monkeypatch.setattr("capaian.validasi.bulan_berjalan", lambda: (2025, 3))
    client.force_login(kantor.alice)
    r = client.post(url_entri(kantor, 4, nama="entri_pratinjau"), {})
    assert r.status_code == 422 and r.json() == {"pesan": "April 2025 belum tiba."}


def test_capaian_sd_bulan_lalu_follows_a_change_to_an_earlier_month(client, maret_bidang_lain):
    # Earlier months come from stored results (capaian.hasil): a write to February by any path
    # (here a queryset update, as a script or an import would) shows on March's next preview.
    from capaian.engine import capaian_sd
    from capaian.selectors import muat_tahun
    from dasar.angka import format_persen

    kantor = maret_bidang_lain
    f = _ketik_maret(client, kantor)
    url = url_entri(kantor, 3, nama="entri_pratinjau")
    assert client.post(url, f).json()["capaian_sd_bulan_lalu"] == "15,19%"

    Realisasi.objects.filter(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=2).update(realisasi=0)

    data = muat_tahun(kantor.organisasi, TAHUN)
    segar = capaian_sd({b: data.hitung_bulan(b).total for b in (1, 2)}, 2)
    baru = client.post(url, f).json()["capaian_sd_bulan_lalu"]
    assert baru == format_persen(segar, 2)
    assert baru != "15,19%"
