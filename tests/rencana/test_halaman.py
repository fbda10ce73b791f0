"""The plan's pages as a member of the organisasi sees them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from akun.models import Anggota, Peran
from organisasi.models import Bidang
from rencana.models import RealisasiRencana


def anggota(renstra, peran=Peran.KEPALA, username="kepala.seruyan", bidang=None):
    user = get_user_model().objects.create_user(username, password="x")
    a = Anggota.objects.create(pengguna=user, organisasi=renstra.organisasi, peran=peran)
    if bidang is not None:
        a.bidang.add(bidang)
    return user


@pytest.fixture
def kepala(client, seruyan):
    client.force_login(anggota(seruyan))
    return client


def url(nama, renstra, *extra):
    return reverse(nama, args=[renstra.organisasi.slug, renstra.kunci, *extra])


def test_the_plan_shows_the_targets_2025_to_2029(kepala, seruyan):
    html = kepala.get(url("rencana_detail", seruyan)).content.decode()
    for teks in ("Nilai SAKIP Dinas Sosial", "2029", "Indikator Kinerja Kunci (IKK)",
                 "Target NSPK", "Cascading kinerja", "Program Rehabilitasi Sosial"):  # fmt: skip
        assert teks in html
    assert html.count(">66<") >= 1 and ">350 orang<" in html


def test_the_first_quarter_2025_table_shows_the_seed_figures(kepala, seruyan):
    r = kepala.get(url("rencana_capaian", seruyan, 2025) + "?triwulan=1")
    html = r.content.decode()
    assert "Triwulan I 2025" in html
    assert "82,20%" in html and "35.005 / 42.583" in html
    assert "16,44%" in html and "41.893 → 35.005" in html
    assert "B (Baik) · 60,7" in html


def test_the_2024_table_is_the_baseline_year(kepala, seruyan):
    html = kepala.get(url("rencana_capaian", seruyan, 2024)).content.decode()
    assert "95,76%" in html and "16,22%" in html and "Tuntas Utama" in html


def test_the_period_form_redirects_to_the_year(kepala, seruyan):
    r = kepala.get(url("rencana_capaian", seruyan, 2025) + "?tahun=2024&triwulan=2")
    assert r.status_code == 302 and r.url == url("rencana_capaian", seruyan, 2024) + "?triwulan=2"
    assert kepala.get(url("rencana_capaian", seruyan, 2031)).status_code == 404
    assert kepala.get(url("rencana_capaian", seruyan, 2025) + "?triwulan=5").status_code == 404


def test_the_indicator_page_shows_each_quarter(kepala, seruyan):
    html = kepala.get(url("rencana_indikator", seruyan, "IKU-1") + "?tahun=2025").content.decode()
    assert "Triwulan I" in html and "82,20%" in html and "Laporan bulanan" in html
    assert "Simpan TW" not in html  # tied to monthly rows: never retyped
    assert kepala.get(url("rencana_indikator", seruyan, "TIDAK-ADA")).status_code == 404


def test_the_staf_of_the_bidang_enters_a_quarter(client, seruyan):
    bidang = Bidang.objects.get(organisasi=seruyan.organisasi, nama="Rehabilitasi Sosial")
    client.force_login(anggota(seruyan, Peran.STAF, "staf.resos", bidang))
    halaman = client.get(url("rencana_indikator", seruyan, "SPM-1") + "?tahun=2025")
    assert "Simpan TW II" in halaman.content.decode()
    r = client.post(url("rencana_realisasi", seruyan, "SPM-1", 2025, 2),
                    {"nilai": "12", "keterangan": "TW II", "versi": "0"})  # fmt: skip
    assert r.status_code == 302
    assert RealisasiRencana.objects.get(indikator__kode="SPM-1", tahun=2025, triwulan=2).nilai == 12
    html = client.get(r.url).content.decode()
    assert "tersimpan" in html and "32 orang" in html  # kumulatif: 20 + 12
    # A stale form (versi 0 again) does not overwrite what was saved meanwhile.
    r = client.post(url("rencana_realisasi", seruyan, "SPM-1", 2025, 2),
                    {"nilai": "99", "versi": "0"})  # fmt: skip
    assert RealisasiRencana.objects.get(indikator__kode="SPM-1", tahun=2025, triwulan=2).nilai == 12
    assert "sudah diubah orang lain" in client.get(r.url).content.decode()
    # Another bidang's indicator: 404; a bad number: named.
    assert client.post(url("rencana_realisasi", seruyan, "SPM-5", 2025, 2),
                       {"nilai": "1", "versi": "0"}).status_code == 404  # fmt: skip
    r = client.post(url("rencana_realisasi", seruyan, "SPM-1", 2025, 3),
                    {"nilai": "dua", "versi": "0"})  # fmt: skip
    pesan = "Triwulan III 2025: Jumlah: &#x27;dua&#x27; bukan angka"
    assert pesan in client.get(r.url).content.decode()


def test_another_organisasi_gets_404(client, seruyan, palangkaraya_rencana):
    client.force_login(anggota(palangkaraya_rencana, username="orang.palangka"))
    assert client.get(url("rencana_detail", seruyan)).status_code == 404
    assert client.get(url("rencana_capaian", seruyan, 2025)).status_code == 404
