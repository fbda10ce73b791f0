"""Properties of the plan's arithmetic (rencana.engine)."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rencana import engine
from rencana.engine import Nilai
from rencana.models import Skala
from rencana.pita import BAWAAN

positif = st.fractions(min_value=Fraction(1, 100), max_value=10**9)
tak_negatif = st.fractions(min_value=0, max_value=10**9)


@given(tak_negatif, positif)
def test_naik_is_realisasi_over_target(realisasi, target):
    assert engine.capaian(realisasi, target, engine.NAIK) == realisasi / target * 100


@given(positif)
def test_at_the_target_both_polarities_give_100(target):
    assert engine.capaian(target, target, engine.NAIK) == 100
    assert engine.capaian(target, target, engine.TURUN) == 100


@given(tak_negatif, tak_negatif, positif)
def test_turun_rewards_lower_realisasi_and_never_goes_below_0(a, b, target):
    ca, cb = engine.capaian(a, target, engine.TURUN), engine.capaian(b, target, engine.TURUN)
    assert ca >= 0 and cb >= 0
    if a < b:
        assert ca >= cb


def test_capaian_without_data_or_target_is_none():
    assert engine.capaian(None, Fraction(5), engine.NAIK) is None
    assert engine.capaian(Fraction(5), None, engine.NAIK) is None
    assert engine.capaian(Fraction(5), Fraction(0), engine.NAIK) is None
    assert engine.capaian(Fraction(0), Fraction(0), engine.TURUN) == 100
    assert engine.capaian(Fraction(1), Fraction(0), engine.TURUN) == 0


@given(positif, tak_negatif)
def test_penurunan_is_the_relative_decrease(sebelum, sekarang):
    p = engine.penurunan(sebelum, sekarang)
    assert p == (sebelum - sekarang) / sebelum * 100
    assert (p > 0) == (sekarang < sebelum)
    assert engine.penurunan(Fraction(0), sekarang) is None


periode = st.dictionaries(
    st.integers(1, 12),
    st.builds(lambda p, d: Nilai(engine.rasio(p, d).nilai, p, d), tak_negatif, tak_negatif),
    max_size=12,
)


@given(periode, st.integers(1, 12))
def test_pooled_kumulatif_is_sum_over_sum(per, sampai):
    n, terakhir = engine.akumulasi(per, sampai, engine.GABUNGAN)
    dipakai = [v for k, v in per.items() if k <= sampai]
    if not dipakai:
        assert n == engine.KOSONG and terakhir is None
        return
    p = sum((v.pembilang for v in dipakai), Fraction(0))
    d = sum((v.penyebut for v in dipakai), Fraction(0))
    assert (n.pembilang, n.penyebut) == (p, d)
    assert n.nilai == (p / d * 100 if d else None)


@given(periode, st.integers(1, 12))
def test_tidak_kumulatif_takes_the_latest_period(per, sampai):
    n, terakhir = engine.akumulasi(per, sampai, engine.TERAKHIR)
    dipakai = [k for k in per if k <= sampai]
    assert terakhir == (max(dipakai) if dipakai else None)
    if dipakai:
        assert n == per[terakhir]


@given(st.fractions(min_value=0, max_value=500))
def test_every_capaian_falls_in_exactly_one_default_band(nilai):
    for skala in (Skala.CAPAIAN, Skala.SPM):
        pita = engine.kategori(nilai, BAWAAN[skala])
        assert pita is not None
        assert nilai >= pita.batas_bawah
        assert all(not (pita.batas_bawah < p.batas_bawah <= nilai) for p in BAWAAN[skala])


def test_the_spm_bands_at_their_edges():
    spm = BAWAAN[Skala.SPM]
    label = {v: engine.kategori(Fraction(v), spm).label for v in (100, 99, 80, 79, 60, 40, 39)}
    assert label == {100: "Tuntas Paripurna", 99: "Tuntas Utama", 80: "Tuntas Utama",
                     79: "Tuntas Madya", 60: "Tuntas Madya", 40: "Tuntas Pratama",
                     39: "Belum Tuntas"}  # fmt: skip


def test_a_band_colour_that_is_not_rrggbb_never_reaches_a_page(seruyan):
    from django.core.exceptions import ValidationError

    from rencana.models import Pita
    from rencana.pita import NETRAL, pita_organisasi

    pita = Pita(organisasi=seruyan.organisasi, skala=Skala.CAPAIAN, batas_bawah=0,
                label="Semua", warna="red;x")  # fmt: skip
    try:
        pita.full_clean()
    except ValidationError as exc:
        assert "#rrggbb" in str(exc)
    else:
        raise AssertionError("warna 'red;x' diterima")
    pita.save()  # written around the form: still neutralised when read
    assert pita_organisasi(seruyan.organisasi_id)[Skala.CAPAIAN][0].warna == NETRAL
