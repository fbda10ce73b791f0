"""The entry page through the browser's eyes: what it shows, saving, submitting, returning,
future months, empty years, and two people editing the same month."""

from decimal import Decimal

import pytest
from django.urls import reverse

from capaian.models import Aksi, JejakAudit, PengajuanBulan, Realisasi, StatusPengajuan
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.personas import TAHUN

D = Decimal


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def teks(response) -> str:
    return response.content.decode()


def nilai(rumus, bulan=3):
    r = Realisasi.objects.filter(rumus=rumus, tahun=TAHUN, bulan=bulan).first()
    return None if r is None else (r.pembagi, r.realisasi, r.keterangan, r.versi)


def test_the_page_shows_the_bidang_month_and_its_rows_grouped(client, kantor):
    client.force_login(kantor.alice)
    r = client.get(url_entri(kantor, 3))
    assert r.status_code == 200
    html = teks(r)
    assert "Bidang Penanganan Fakir Miskin" in html and "Maret 2025" in html
    assert 'class="label-status label-status--draf">Draf<' in html
    assert "Program 1.06.05 Perlindungan dan Jaminan Sosial" in html
    assert "Indikator 1.06.05.1 Perlindungan sosial bidang penanganan fakir miskin" in html
    for kode in ("R06", "R07", "R08"):
        assert f">{kode}<" in html
    assert ">R02<" not in html  # another bidang's row
    assert "Jumlah DTKS" in html  # penyebut
    # previous / next month links
    assert url_entri(kantor, 2) in html and url_entri(kantor, 4) in html
    assert 'inputmode="decimal"' in html
    assert f'<label class="label-sel" for="r-{kantor.rumus["R06"].pk}-realisasi">' in html
    assert reverse("jejak_baris", args=["palangkaraya", kantor.rumus["R06"].pk]) in html


def test_pembagi_is_prefilled_from_the_month_else_the_previous_month_else_the_default(
    client, kantor
):
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    Realisasi.objects.filter(rumus=r06, bulan=2).update(pembagi=D(7000))
    Realisasi.objects.create(rumus=r07, tahun=TAHUN, bulan=3, pembagi=D(810), realisasi=D(5))
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    assert f[f"r-{r06.pk}-pembagi"] == "7.000"  # February's
    assert f[f"r-{r07.pk}-pembagi"] == "810"  # March's own
    assert f[f"r-{r07.pk}-realisasi"] == "5"
    assert f[f"r-{r07.pk}-versi"] == "1"
    assert f[f"r-{r06.pk}-versi"] == "0"
    f1 = isian_halaman(client.get(url_entri(kantor, 1)))
    Realisasi.objects.filter(bulan=1).delete()
    f1 = isian_halaman(client.get(url_entri(kantor, 1)))
    assert f1[f"r-{r06.pk}-pembagi"] == "6.780"  # January: the default


def test_saving_redirects_with_a_message_and_stores_indonesian_numbers(client, kantor):
    r06, r07, r08 = kantor.rumus["R06"], kantor.rumus["R07"], kantor.rumus["R08"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    f = ketik(f, r06, realisasi="5.980")
    f = ketik(f, r07, pembagi="1.234,5", realisasi="12,5")
    f = ketik(f, r08, realisasi="17")
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code == 303 and r["Location"] == url_entri(kantor, 3)
    assert nilai(r06) == (D(6780), D(5980), "", 1)
    assert nilai(r07) == (D("1234.5"), D("12.5"), "", 1)
    assert nilai(r08) == (D(180), D(17), "", 1)
    halaman = client.get(r["Location"])
    assert "Draf Maret 2025 tersimpan: 3 baris diisi." in teks(halaman)
    f = isian_halaman(halaman)
    assert f[f"r-{r07.pk}-pembagi"] == "1.234,5"
    assert f[f"r-{r06.pk}-realisasi"] == "5.980"


def test_changing_and_emptying_rows_updates_and_deletes_with_audit(client, kantor):
    r06, r10 = kantor.rumus["R06"], kantor.rumus["R10"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 2)))
    f = ketik(f, r06, pembagi="", realisasi="", keterangan="")
    r = kirim(client, url_entri(kantor, 2), ketik(f, kantor.rumus["R07"], realisasi="100"))
    assert r.status_code == 303
    assert nilai(r06, 2) is None
    assert nilai(kantor.rumus["R07"], 2)[1:] == (D(100), "", 2)
    aksi = sorted(JejakAudit.objects.values_list("kode_rumus", "aksi"))
    assert aksi == [("R06", Aksi.HAPUS), ("R07", Aksi.UBAH)]
    assert nilai(r10, 2) is not None  # other bidang untouched


def test_an_untouched_page_saves_nothing(client, kantor):
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    r = kirim(client, url_entri(kantor, 3), f)
    assert r.status_code == 303
    assert not Realisasi.objects.filter(bulan=3).exists()
    assert "Tidak ada perubahan untuk disimpan." in teks(client.get(r["Location"]))


def test_a_row_left_out_of_the_post_is_left_alone(client, kantor):
    r06 = kantor.rumus["R06"]
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 2)))
    f = {k: v for k, v in f.items() if not k.startswith(f"r-{r06.pk}-")}
    assert kirim(client, url_entri(kantor, 2), f).status_code == 303
    assert nilai(r06, 2) == (D(6780), D(5780), "", 1)


def test_submitting_makes_the_month_read_only_for_staff(client, kantor):
    client.force_login(kantor.alice)
    f = isian_halaman(client.get(url_entri(kantor, 3)))
    r = kirim(
        client, url_entri(kantor, 3), ketik(f, kantor.rumus["R06"], realisasi="5.980"), "ajukan"
    )
    assert r.status_code == 303
    html = teks(client.get(r["Location"]))
    assert (
        "Isian Maret 2025 diajukan ke Kepala Dinas (1 baris diisi). "
        "2 baris diajukan tanpa realisasi." in html
    )
    assert "Sudah diajukan pada " in html and " oleh Alice; menunggu tinjauan Kepala Dinas" in html
    assert 'class="label-status label-status--diajukan">Diajukan<' in html
    assert 'name="r-' not in html and "Simpan draf" not in html
    # A POST anyway (an old tab) is refused with a message, nothing written.
    r = kirim(client, url_entri(kantor, 3), ketik(f, kantor.rumus["R07"], realisasi="1"))
    assert r.status_code == 409
    assert "sudah diajukan oleh Alice pada" in teks(r)
    assert "R07: pembagi 800, realisasi 1, keterangan -" in teks(r)  # what was not saved
    assert nilai(kantor.rumus["R07"]) is None


def test_the_kepala_returns_a_month_and_staff_see_the_note_and_can_submit_again(client, kantor):
    client.force_login(kantor.alice)
    kirim(client, url_entri(kantor, 3), isian_halaman(client.get(url_entri(kantor, 3))), "ajukan")
    client.force_login(kantor.kepala)
    html = teks(client.get(url_entri(kantor, 3)))
    assert "Kembalikan ke Bidang Penanganan Fakir Miskin" in html
    assert 'name="r-' not in html  # read-only for the Kepala
    r = client.post(url_entri(kantor, 3, nama="entri_kembalikan"), {"catatan": ""})
    assert r.status_code == 422 and "Tulis catatan" in teks(r)
    r = client.post(
        url_entri(kantor, 3, nama="entri_kembalikan"), {"catatan": "R07 dan R08 belum diisi."}
    )
    assert r.status_code == 303
    p = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, bulan=3)
    assert p.status == StatusPengajuan.DIKEMBALIKAN
    client.force_login(kantor.alice)
    r = client.get(url_entri(kantor, 3))
    html = teks(r)
    assert "Dikembalikan oleh Kepala pada" in html
    assert "R07 dan R08 belum diisi." in html
    f = ketik(isian_halaman(r), kantor.rumus["R07"], realisasi="10")
    assert kirim(client, url_entri(kantor, 3), f, "ajukan").status_code == 303
    p.refresh_from_db()
    assert p.status == StatusPengajuan.DIAJUKAN
    assert [a for (a,) in JejakAudit.objects.order_by("pk").values_list("aksi")] == [
        Aksi.AJUKAN, Aksi.KEMBALIKAN, Aksi.BUAT, Aksi.AJUKAN,
    ]  # fmt: skip


def test_returning_a_month_that_is_not_submitted_says_so(client, kantor):
    client.force_login(kantor.kepala)
    r = client.post(url_entri(kantor, 3, nama="entri_kembalikan"), {"catatan": "x"})
    assert r.status_code == 409
    assert "tidak sedang diajukan" in teks(r)


def test_a_future_month_is_explained_and_refused(client, kantor, monkeypatch):
    monkeypatch.setattr("capaian.validasi.bulan_berjalan", lambda: (2025, 3))
    client.force_login(kantor.alice)
    html = teks(client.get(url_entri(kantor, 3)))
    assert url_entri(kantor, 4) not in html  # no "next month" link into the future
    r = client.get(url_entri(kantor, 4))
    assert r.status_code == 200
    assert "April 2025 belum tiba" in teks(r) and 'name="r-' not in teks(r)
    f = {f"r-{kantor.rumus['R06'].pk}-realisasi": "5", f"r-{kantor.rumus['R06'].pk}-versi": "0"}
    r = kirim(client, url_entri(kantor, 4), f)
    assert r.status_code == 422 and "belum tiba" in teks(r)
    assert not Realisasi.objects.filter(bulan=4).exists()


@pytest.mark.parametrize("bulan", [0, 13])
def test_a_month_out_of_range_is_not_found(client, kantor, bulan):
    client.force_login(kantor.alice)
    assert (
        client.get(f"/o/palangkaraya/entri/2025/{bulan}/penanganan-fakir-miskin/").status_code
        == 404
    )


def test_a_year_without_definitions_shows_a_friendly_empty_state(client, kantor):
    client.force_login(kantor.alice)
    r = client.get(url_entri(kantor, 3, tahun=2024))
    assert r.status_code == 200
    assert "Belum ada baris indikator tahun 2024" in teks(r)


# Two people, one month


def test_the_second_of_two_open_pages_gets_409_naming_the_first_and_keeps_typed_values(
    client, kantor
):
    from django.test import Client

    r06 = kantor.rumus["R06"]
    dina = kantor.alice.__class__.objects.create_user(
        "dina", first_name="Dina", last_name="Lestari"
    )
    kantor.alice.anggota.__class__.objects.create(
        pengguna=dina, organisasi=kantor.organisasi, peran="staf"
    ).bidang.set([kantor.fakir_miskin])
    alice, dina_c = client, Client()
    alice.force_login(kantor.alice)
    dina_c.force_login(dina)
    url = url_entri(kantor, 2)
    fa = isian_halaman(alice.get(url))
    fd = isian_halaman(dina_c.get(url))

    assert kirim(dina_c, url, ketik(fd, r06, realisasi="5.800")).status_code == 303
    r = kirim(alice, url, ketik(fa, r06, realisasi="5.790", keterangan="cek ulang"))
    assert r.status_code == 409
    html = teks(r)
    assert (
        "R06 (Jumlah Data PPKS yang tervalidasi (Layak dan Tidak Layak)) diubah oleh "
        "Dina Lestari pada " in html
    )
    assert "Tersimpan: pembagi 6.780, realisasi 5.800." in html
    assert "Isian Anda: pembagi 6.780, realisasi 5.790, keterangan “cek ulang”." in html
    assert nilai(r06, 2) == (D(6780), D(5800), "", 2)  # nothing overwritten
    f = isian_halaman(r)
    assert f[f"r-{r06.pk}-realisasi"] == "5.790"  # typed value kept
    assert f[f"r-{r06.pk}-keterangan"] == "cek ulang"
    assert f[f"r-{r06.pk}-versi"] == "2"  # ... now against the stored versi
    # A deliberate second save overwrites.
    r = kirim(alice, url, f)
    assert r.status_code == 303
    assert nilai(r06, 2) == (D(6780), D(5790), "cek ulang", 3)


def test_after_a_conflict_untouched_rows_show_the_values_stored_now(client, kantor):
    from django.test import Client

    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    other = Client()
    other.force_login(kantor.alice)
    client.force_login(kantor.alice)
    url = url_entri(kantor, 2)
    f1 = isian_halaman(client.get(url))
    f2 = isian_halaman(other.get(url))
    kirim(other, url, ketik(ketik(f2, r06, realisasi="5.800"), r07, realisasi="20"))
    r = kirim(client, url, ketik(f1, r06, realisasi="5.790"))
    assert r.status_code == 409
    f = isian_halaman(r)
    assert f[f"r-{r07.pk}-realisasi"] == "20"  # not typed by this user: the stored value
    assert kirim(client, url, f).status_code == 303
    assert nilai(r07, 2)[1] == D(20)  # and the re-save did not undo it


def test_two_people_editing_different_rows_of_a_month_both_land(client, kantor):
    from django.test import Client

    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    other = Client()
    other.force_login(kantor.alice)
    client.force_login(kantor.alice)
    url = url_entri(kantor, 3)
    f1 = isian_halaman(client.get(url))
    f2 = isian_halaman(other.get(url))
    assert kirim(client, url, ketik(f1, r06, realisasi="5.980")).status_code == 303
    assert kirim(other, url, ketik(f2, r07, realisasi="15")).status_code == 303
    assert nilai(r06)[1] == D(5980) and nilai(r07)[1] == D(15)
