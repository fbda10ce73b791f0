"""Approval renders and signs before it takes the organisasi's lock (issue 12): a change made
while the PDF was being rendered is caught under the lock and the month rendered again (or
the approval refused with a clear message), and a staf's save made meanwhile does not wait
for the render."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from capaian.models import Realisasi
from capaian.services import IsianBaris, NilaiBaris, simpan_bulan
from laporan import cetak, services
from laporan.models import KunciBulan, LaporanTertanda
from tests.laporan.persetujuan_bantu import TANGGAL, ajukan_semua, siapkan_kepala
from tests.personas import TAHUN

pytestmark = pytest.mark.django_db


def _r06(kantor, bulan: int = 2) -> Realisasi:
    return Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=bulan)


def _setujui(kantor):
    return services.setujui_bulan(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor.kepala,
        tanggal=TANGGAL,
    )  # fmt: skip


def _dengan_tulisan_saat_render(monkeypatch, kali: int, tulis) -> list[int]:
    """pdf_laporan that runs ``tulis`` during its first ``kali`` renders (as another person
    writing while the Kepala's PDF is rendered)."""
    asli = cetak.pdf_laporan
    render: list[int] = []

    def pdf_laporan(*args, **kwargs):
        render.append(1)
        if len(render) <= kali:
            tulis(len(render))
        return asli(*args, **kwargs)

    monkeypatch.setattr(cetak, "pdf_laporan", pdf_laporan)
    return render


def test_a_change_during_the_render_is_rendered_again_and_signed_as_it_now_is(
    kantor, tmp_path, monkeypatch
):
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)

    def admin_mengoreksi(_):
        Realisasi.objects.filter(pk=_r06(kantor).pk).update(realisasi=Decimal(6000))

    render = _dengan_tulisan_saat_render(monkeypatch, 1, admin_mengoreksi)
    versi = _setujui(kantor)
    assert len(render) == 2  # the first render showed 5.780: thrown away
    r06 = next(
        r
        for p in versi.data["laporan"]["program"]
        for i in p["indikator"]
        for r in i["rumus"]
        if r["kode"] == "R06"
    )
    assert r06["realisasi"] == "6000"
    assert versi.versi == 1 and KunciBulan.objects.filter(laporan=versi).exists()


def test_a_definition_or_signer_change_during_the_render_is_caught_too(
    kantor, tmp_path, monkeypatch
):
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)

    def ubah(n):
        if n == 1:
            kantor.rumus["R07"].__class__.objects.filter(pk=kantor.rumus["R07"].pk).update(
                pembagi_default=Decimal(900)
            )

    render = _dengan_tulisan_saat_render(monkeypatch, 1, ubah)
    _setujui(kantor)
    assert len(render) == 2

    services.buka_kembali(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor.kepala,
        alasan="uji",
    )  # fmt: skip

    def ganti_penanda(_):
        kantor.organisasi.__class__.objects.filter(pk=kantor.organisasi.pk).update(
            kepala_nip="197112061994031099"
        )

    render = _dengan_tulisan_saat_render(monkeypatch, 1, ganti_penanda)
    versi = _setujui(kantor)
    assert len(render) == 2
    assert versi.penanda_nip == "197112061994031099"


def test_inputs_that_keep_changing_are_refused_and_nothing_is_stored(kantor, tmp_path, monkeypatch):
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)

    def terus_berubah(n):
        Realisasi.objects.filter(pk=_r06(kantor).pk).update(realisasi=Decimal(6000 + n))

    _dengan_tulisan_saat_render(monkeypatch, 99, terus_berubah)
    with pytest.raises(services.PersetujuanDitolak) as exc:
        _setujui(kantor)
    assert "Februari 2025 berubah selama laporan disiapkan" in str(exc.value)
    assert "setujui lagi" in str(exc.value)
    assert not LaporanTertanda.objects.exists()
    assert not KunciBulan.objects.exists()


def test_a_month_not_ready_is_refused_before_anything_is_rendered(kantor, tmp_path, monkeypatch):
    siapkan_kepala(kantor, tmp_path)
    render = _dengan_tulisan_saat_render(monkeypatch, 0, lambda n: None)
    with pytest.raises(services.PersetujuanDitolak, match="belum diajukan"):
        _setujui(kantor)
    assert render == []


@pytest.mark.django_db(transaction=True)
def test_a_staf_s_save_does_not_wait_for_the_render(kantor, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time anyway)")
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)
    mulai_render = threading.Event()
    asli = cetak.pdf_laporan

    def render_lambat(*args, **kwargs):
        mulai_render.set()
        time.sleep(3)  # a large organisasi's render
        return asli(*args, **kwargs)

    monkeypatch.setattr(cetak, "pdf_laporan", render_lambat)
    hasil: dict[str, object] = {}

    def setujui() -> None:
        try:
            hasil["versi"] = _setujui(kantor).versi
        finally:
            connection.close()

    lain = threading.Thread(target=setujui)
    lain.start()
    assert mulai_render.wait(timeout=30)
    awal = time.monotonic()
    simpan = simpan_bulan(
        pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
        isian=[IsianBaris(rumus_id=kantor.rumus["R06"].pk, versi=0, asal=None,
                          nilai=NilaiBaris(Decimal(6780), Decimal(5980)))],
        ajukan=False,
    )  # fmt: skip
    lama = time.monotonic() - awal
    lain.join(timeout=60)
    assert lama < 1.5, f"the save waited {lama:.1f} s for the render"
    assert not getattr(simpan, "konflik", None)
    assert hasil.get("versi") == 1
    assert Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=3).realisasi == 5980


@pytest.mark.parametrize(
    ("url_situs", "harapan"),
    [("", "http://testserver/verifikasi/"),
     ("https://kinerja.dinsos.example.go.id", "https://kinerja.dinsos.example.go.id/verifikasi/")],
)  # fmt: skip
def test_the_qr_code_carries_the_configured_address_or_the_one_approved_at(
    kantor, tmp_path, monkeypatch, settings, url_situs, harapan
):
    """Unset URL_SITUS (the demo) no longer prints http://127.0.0.1:8000 whatever address the
    application is served at: the approving request's address is used."""
    from django.test import Client
    from django.urls import reverse

    settings.URL_SITUS = url_situs
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)
    dicetak: list[str] = []
    asli = cetak.pdf_laporan

    def pdf_laporan(*args, tanda=None, **kwargs):
        dicetak.append(tanda.url_verifikasi)
        return asli(*args, tanda=tanda, **kwargs)

    monkeypatch.setattr(cetak, "pdf_laporan", pdf_laporan)
    kepala = Client()
    kepala.force_login(kantor.kepala)
    url = reverse("laporan_setujui", args=["palangkaraya", TAHUN, 2])
    response = kepala.post(url, {"tanggal": "2025-03-14", "konfirmasi": "on"})
    assert response.status_code == 303, response.content.decode()[:2000]
    versi = LaporanTertanda.objects.get()
    assert dicetak == [harapan + versi.token + "/"]
