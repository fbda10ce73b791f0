"""Validation on the entry page: Indonesian numbers, hard errors at the field (422, nothing
written), and the warnings that need a keterangan (realisasi above pembagi, a jump far outside
the row's history)."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from capaian.models import Realisasi
from capaian.selectors import muat_tahun
from capaian.validasi import IsianError, Riwayat, baca_angka, peringatan, riwayat_baris
from dasar.angka import parse_angka
from fixtures.buat_demo import PALANGKARAYA_REALISASI
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.factories import isi_realisasi
from tests.personas import TAHUN

D = Decimal


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    "teks, nilai",
    [("6.780", D(6780)), ("1.234,5", D("1234.5")), ("6780", D(6780)), ("0", D(0)),
     ("12,5", D("12.5")), (" 4.002 ", D(4002)), ("", None), ("-", None), ("0,0001", D("0.0001")),
     ("6\u202f780", D(6780)), ("1\u00a0234,5", D("1234.5")), ("12\u2009000", D(12000)),
     ("-0", D(0)), ("-0,0", D(0))],
)  # fmt: skip
def test_numbers_are_read_as_staff_type_them(teks, nilai):
    assert baca_angka(teks, "Realisasi") == nilai


@pytest.mark.parametrize(
    "teks, pesan",
    [
        ("12,3,4", "Realisasi: '12,3,4' bukan angka. Tulis seperti 6.780 atau 1.234,5."),
        ("abc", "Realisasi: 'abc' bukan angka. Tulis seperti 6.780 atau 1.234,5."),
        ("-5", "Realisasi tidak boleh negatif."),
        ("-0,5", "Realisasi tidak boleh negatif."),
        ("6.78", "Realisasi: format angka '6.78' tidak dikenali: titik adalah pemisah ribuan "
                 "(6.780); gunakan koma untuk desimal (1.234,5)."),
        ("1,23456", "Realisasi: paling banyak 4 angka di belakang koma."),
        ("12345678901234567", "Realisasi: angka terlalu besar."),
    ],
)  # fmt: skip
def test_bad_numbers_get_an_indonesian_message_naming_the_field(teks, pesan):
    with pytest.raises(IsianError) as exc:
        baca_angka(teks, "Realisasi")
    assert str(exc.value) == pesan


def _kirim_baris(client, kantor, bulan=3, kode="R06", **nilai):
    client.force_login(kantor.alice)
    url = url_entri(kantor, bulan)
    f = ketik(isian_halaman(client.get(url)), kantor.rumus[kode], **nilai)
    return kirim(client, url, f)


def _galat_di(response, rumus, kolom) -> str:
    html = response.content.decode()
    m = re.search(rf'<span class="galat" id="r-{rumus.pk}-{kolom}-galat"[^>]*>([^<]*)</span>', html)
    return m.group(1).replace("&#x27;", "'") if m else ""


@pytest.mark.parametrize(
    "nilai, kolom, pesan",
    [
        ({"realisasi": "12,3,4"}, "realisasi",
         "Realisasi: '12,3,4' bukan angka. Tulis seperti 6.780 atau 1.234,5."),
        ({"realisasi": "-1"}, "realisasi", "Realisasi tidak boleh negatif."),
        ({"pembagi": "-6.780", "realisasi": "1"}, "pembagi", "Pembagi tidak boleh negatif."),
        ({"pembagi": "enam ribu", "realisasi": "1"}, "pembagi",
         "Pembagi: 'enamribu' bukan angka. Tulis seperti 6.780 atau 1.234,5."),
        ({"pembagi": "0", "realisasi": "5"}, "pembagi",
         "Pembagi 0 tidak dapat membagi realisasi. Isi pembagi yang benar."),
    ],
)  # fmt: skip
def test_each_error_answers_422_with_the_message_at_the_field_and_writes_nothing(
    client, kantor, nilai, kolom, pesan
):
    r = _kirim_baris(client, kantor, **nilai)
    assert r.status_code == 422
    r06 = kantor.rumus["R06"]
    assert _galat_di(r, r06, kolom) == pesan
    html = r.content.decode()
    assert f'aria-describedby="r-{r06.pk}-{kolom}-galat' in html
    assert re.search(rf'id="r-{r06.pk}-{kolom}"[^>]*aria-invalid="true"', html, re.S)
    assert "Belum disimpan: 1 isian perlu diperbaiki" in html
    f = isian_halaman(r)
    for k, v in nilai.items():
        assert f[f"r-{r06.pk}-{k}"] == v  # typed values kept
    assert not Realisasi.objects.filter(bulan=3).exists()


def test_realisasi_without_any_pembagi_is_an_error(client, kantor):
    r06 = kantor.rumus["R06"]
    r06.pembagi_default = None
    r06.save()
    r = _kirim_baris(client, kantor, pembagi="", realisasi="5")
    assert r.status_code == 422
    assert _galat_di(r, r06, "pembagi") == (
        "Pembagi kosong dan baris ini tidak punya pembagi bawaan. Isi pembagi untuk realisasi ini."
    )


def test_an_empty_pembagi_falls_back_to_the_default(client, kantor):
    assert _kirim_baris(client, kantor, pembagi="", realisasi="5.000").status_code == 303
    assert Realisasi.objects.get(bulan=3).pembagi is None


def test_zero_over_zero_records_nothing_to_handle(client, kantor):
    assert _kirim_baris(client, kantor, pembagi="0", realisasi="0").status_code == 303


def test_realisasi_above_pembagi_needs_a_keterangan(client, kantor):
    r = _kirim_baris(client, kantor, kode="R08", realisasi="200")
    assert r.status_code == 422
    r08 = kantor.rumus["R08"]
    html = r.content.decode()
    assert "Realisasi 200 melebihi pembagi 180. Jika memang benar, jelaskan di keterangan." in html
    assert _galat_di(r, r08, "keterangan") == (
        "Keterangan wajib diisi untuk menjelaskan peringatan pada baris ini."
    )
    assert not Realisasi.objects.filter(bulan=3).exists()
    r = _kirim_baris(
        client, kantor, kode="R08", realisasi="200", keterangan="Termasuk 20 penerima susulan."
    )
    assert r.status_code == 303
    assert Realisasi.objects.get(bulan=3).realisasi == D(200)


def test_a_jump_far_outside_the_rows_history_needs_a_keterangan(client, kantor):
    # R06 Januari 36,1%, Februari 85,3%: March may lie in 11,1%..110,3%.
    r = _kirim_baris(client, kantor, realisasi="500")
    assert r.status_code == 422
    assert (
        "Realisasi (%) bulan ini 7,4% jauh dari bulan-bulan sebelumnya (36,1%–85,3% pada "
        "Januari–Februari). Jika memang benar, jelaskan di keterangan."
    ) in r.content.decode()
    assert (
        _kirim_baris(client, kantor, realisasi="500", keterangan="Validasi ditunda.").status_code
        == 303
    )


def test_a_stored_row_that_breaks_a_warning_does_not_block_other_rows(client, kantor):
    Realisasi.objects.create(
        rumus=kantor.rumus["R08"], tahun=TAHUN, bulan=3, pembagi=10, realisasi=99
    )
    assert _kirim_baris(client, kantor, realisasi="5.980").status_code == 303


def test_the_demo_months_trip_no_warning(kantor):
    """Palangka Raya January-March as typed by staff: no row needs a keterangan."""
    isi_realisasi(kantor.rumus, TAHUN, 3, PALANGKARAYA_REALISASI[3])
    data = muat_tahun(kantor.organisasi, TAHUN, sampai_bulan=3)
    for bulan in (1, 2, 3):
        for kode, (pembagi, realisasi) in PALANGKARAYA_REALISASI[bulan].items():
            rumus = kantor.rumus[kode]
            hasil = peringatan(
                parse_angka(realisasi), D(pembagi), riwayat_baris(data, rumus, bulan)
            )
            assert hasil == [], (kode, bulan, hasil)


def test_the_march_demo_values_save_without_a_keterangan(client, kantor):
    client.force_login(kantor.alice)
    url = url_entri(kantor, 3)
    f = isian_halaman(client.get(url))
    for kode in ("R06", "R07", "R08"):
        pembagi, realisasi = PALANGKARAYA_REALISASI[3][kode]
        f = ketik(f, kantor.rumus[kode], pembagi=str(pembagi), realisasi=realisasi)
    assert kirim(client, url, f).status_code == 303


def _riwayat(*persen):
    return Riwayat(tuple((b, Fraction(p)) for b, p in enumerate(persen, start=1)))


@pytest.mark.parametrize(
    "riwayat, realisasi, loncat",
    [
        (_riwayat(50, 60), 85, False),  # 25 points above the highest: still inside
        (_riwayat(50, 60), D("85.1"), True),
        (_riwayat(50, 60), 25, False),
        (_riwayat(50, 60), D("24.9"), True),
        (_riwayat(60), 0, False),  # one month is not a history yet
        (_riwayat(), 100, False),
        (_riwayat(100, 100, 100), 70, True),
        (_riwayat(10, 90), 100, False),  # a wide history tolerates more
    ],
)
def test_the_jump_rule(riwayat, realisasi, loncat):
    hasil = peringatan(D(realisasi), D(100), riwayat)
    assert bool(hasil) is loncat, hasil
