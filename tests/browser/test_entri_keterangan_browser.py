"""A keterangan with a line break (the import and the admin's textarea keep them) survives
a save of other rows: browsers drop line breaks from one-line inputs, and the page must not
take that for the user's change."""

import pytest

from capaian.models import Realisasi
from tests.personas import SANDI, buat_kantor


@pytest.fixture
def kantor_live(transactional_db):
    from organisasi.models import Organisasi

    organisasi = Organisasi.objects.create(slug="palangkaraya", nama="Dinas Sosial Palangka Raya")
    lain = Organisasi.objects.create(slug="seruyan", nama="Dinas Sosial Seruyan")
    return buat_kantor(organisasi, lain)


def test_an_untouched_row_whose_keterangan_has_a_line_break_is_not_rewritten(
    page, live_server, kantor_live
):
    k = kantor_live
    r06, r07 = k.rumus["R06"], k.rumus["R07"]
    # February's R07 as the workbook import or the admin's textarea stores it.
    Realisasi.objects.filter(rumus=r07, bulan=2).update(keterangan="baris satu\nbaris dua")
    sebelum = Realisasi.objects.get(rumus=r07, bulan=2)
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill("alice")
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/o/palangkaraya/entri/2025/2/penanganan-fakir-miskin/")
    # alice changes only R06's keterangan, nothing in R07
    page.locator(f"[name='r-{r06.pk}-keterangan']").fill("dicek")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert "1 baris diubah" in page.locator(".pesan").inner_text()
    sesudah = Realisasi.objects.get(rumus=r07, bulan=2)
    assert (sesudah.keterangan, sesudah.versi) == (sebelum.keterangan, sebelum.versi)
