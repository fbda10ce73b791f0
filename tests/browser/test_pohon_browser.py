"""The performance tree in a real browser: zoom, pan, a node's link, desktop and phone
screenshots (artifacts/pohon-kinerja.png, artifacts/pohon-kinerja-ponsel.png)."""

import re

import pytest

from akun.models import Peran
from tests.browser.conftest import ARTIFACTS
from tests.personas import SANDI, buat_pengguna
from tests.rencana.conftest import seruyan  # noqa: F401 (fixture)
from tests.rencana.test_pohon import buat_pohon

SKALA = re.compile(r"scale\(([\d.]+)\)")
GESER = re.compile(r"translate\(([-\d.]+) ([-\d.]+)\)")


@pytest.fixture
def pohon_seruyan(transactional_db, seruyan, live_server):  # noqa: F811
    buat_pohon(seruyan, 25)
    buat_pengguna("kepala_seruyan", seruyan.organisasi, Peran.KEPALA)
    return f"{live_server.url}/o/seruyan/rencana/renstra-2025/pohon/?tahun=2025&triwulan=4"


def masuk(page, live_server) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill("kepala_seruyan")
    page.get_by_label("Kata sandi").fill(SANDI)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()


def transform(page) -> tuple[float, float, float]:
    nilai = page.locator("g.pohon-kanvas").get_attribute("transform") or ""
    x, y = map(float, GESER.search(nilai).groups())
    return float(SKALA.search(nilai).group(1)), x, y


def test_tree_zooms_pans_and_links_to_the_indicator(
    page, live_server, pohon_seruyan, screenshot, browser
):
    masuk(page, live_server)
    page.goto(pohon_seruyan)
    page.locator("g.pohon-kanvas[transform]").wait_for()
    assert page.locator("g.pohon-simpul").count() == 25
    assert page.get_by_text("Tahun 2025").first.is_visible()
    assert page.get_by_role("link", name="Unduh PDF").is_visible()
    screenshot("pohon-kinerja")

    s0, _, _ = transform(page)
    page.get_by_role("button", name="Perbesar").click()
    s1, _, _ = transform(page)
    assert s1 > s0 * 1.2
    page.get_by_role("button", name="Perkecil").click()
    assert transform(page)[0] == pytest.approx(s0, rel=0.01)

    # keyboard: + zooms, 0 returns to the first view
    page.locator("body").press("+")
    assert transform(page)[0] > s0
    page.locator("body").press("0")
    assert transform(page)[0] == pytest.approx(s0, rel=0.01)

    # the wheel zooms around the cursor
    kotak = page.locator("#pohon-bingkai").bounding_box()
    page.mouse.move(kotak["x"] + 200, kotak["y"] + 300)
    page.mouse.wheel(0, -300)
    page.wait_for_function(
        "s0 => /scale\\(([\\d.]+)\\)/.exec(document.querySelector('g.pohon-kanvas')"
        ".getAttribute('transform'))[1] > s0",
        arg=s0,
    )

    # drag to pan: the drawing moves with the mouse
    for _ in range(3):
        page.get_by_role("button", name="Perbesar").click()
    s, x0, y0 = transform(page)
    page.locator("#pohon-bingkai").scroll_into_view_if_needed()
    kotak = page.locator("#pohon-bingkai").bounding_box()
    awal = (kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
    page.mouse.move(*awal)
    page.mouse.down()
    page.mouse.move(awal[0] - 150, awal[1] - 120, steps=8)
    page.mouse.up()
    s2, x1, y1 = transform(page)
    assert s2 == pytest.approx(s)
    assert x1 == pytest.approx(x0 - 150, abs=2) and y1 == pytest.approx(y0 - 120, abs=2)

    # a linked node opens its indicator's page (that page may not exist yet: the URL counts)
    page.locator("body").press("0")
    tautan = page.locator("a.pohon-tautan").first
    assert page.locator("a.pohon-tautan").count() == 4
    href = tautan.get_attribute("href")
    assert href == "/o/seruyan/rencana/renstra-2025/indikator/IT-1/"
    with page.expect_navigation():
        tautan.locator("rect").first.click()
    assert page.url == f"{live_server.url}{href}"

    # phone width: the frame and its buttons still work
    ponsel = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True, has_touch=True
    )
    try:
        hp = ponsel.new_page()
        masuk(hp, live_server)
        hp.goto(pohon_seruyan)
        hp.locator("g.pohon-kanvas[transform]").wait_for()
        lebar = hp.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 390  # no sideways scrolling of the page itself
        assert hp.get_by_role("button", name="Pas layar").is_visible()
        s0 = transform(hp)[0]
        hp.get_by_role("button", name="Perbesar").tap()
        assert transform(hp)[0] > s0
        hp.get_by_role("button", name="Pas layar").tap()
        ARTIFACTS.mkdir(exist_ok=True)
        hp.screenshot(path=str(ARTIFACTS / "pohon-kinerja-ponsel.png"), full_page=True)
    finally:
        ponsel.close()


def test_empty_tree_in_the_browser(page, live_server, transactional_db, seruyan):  # noqa: F811
    buat_pengguna("kepala_seruyan", seruyan.organisasi, Peran.KEPALA)
    masuk(page, live_server)
    page.goto(f"{live_server.url}/o/seruyan/rencana/renstra-2025/pohon/")
    assert page.get_by_role("heading", name="Pohon kinerja belum diisi").is_visible()
    assert "FORM INDIKATOR" in page.locator(".pohon-kosong").inner_text()
