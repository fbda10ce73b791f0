"""The Content-Security-Policy in a real browser (issue 13): the pages that run scripts (the
entry page's live preview, the dashboard, the plan's tree, the admin) work under it, and
Chromium reports no violation."""

import pytest

from tests.browser.test_entri_browser import kantor_maret as _kantor_maret
from tests.browser.test_entri_browser import masuk
from tests.personas import TAHUN

kantor_maret = _kantor_maret  # the entry tests' office, as a fixture of this module too


@pytest.fixture
def pelanggaran(page):
    pesan: list[str] = []
    page.on("console", lambda m: pesan.append(m.text) if "Content Security Policy" in m.text
            else None)  # fmt: skip
    return pesan


def test_the_pages_that_run_scripts_violate_nothing(page, live_server, kantor_maret, pelanggaran):
    masuk(page, live_server, "alice")
    page.goto(f"{live_server.url}/o/palangkaraya/entri/{TAHUN}/3/penanganan-fakir-miskin/")
    page.wait_for_load_state("networkidle")
    kotak = page.locator("input[name$='-realisasi']").first
    kotak.fill("5.980")
    kotak.dispatch_event("input")
    page.wait_for_timeout(1200)  # the live preview (entri.js) asks the server and fills in
    page.goto(f"{live_server.url}/o/palangkaraya/dasbor/")
    page.wait_for_load_state("networkidle")
    assert pelanggaran == [], pelanggaran


def test_the_admin_works_under_the_policy(page, live_server, kantor_maret, pelanggaran):
    masuk(page, live_server, "root")
    page.goto(f"{live_server.url}/admin/indikator/rumus/")
    page.wait_for_load_state("networkidle")
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name='pembagi_default']").count() == 1
    assert pelanggaran == [], pelanggaran
