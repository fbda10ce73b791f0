from akun.akses import lingkup_pengguna


def test_personas_have_the_expected_scope(kantor):
    ling = lingkup_pengguna(kantor.alice, kantor.organisasi.slug)
    assert ling.boleh_isi(kantor.fakir_miskin)
    assert not ling.boleh_isi(kantor.pemberdayaan)
    assert lingkup_pengguna(kantor.kepala, kantor.organisasi.slug).boleh_tinjau
