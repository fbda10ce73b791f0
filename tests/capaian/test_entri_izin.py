"""The permission matrix of the entry page, its preview, the return, and the audit trail:
every persona against every URL (alice's bidang, March 2025)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from capaian.forms import teks_asal
from capaian.models import JejakAudit, PengajuanBulan, StatusPengajuan
from capaian.services import NilaiBaris
from tests.personas import FAKIR_MISKIN, TAHUN

ORG = "palangkaraya"
PERSONA = ("anonim", "charlie", "alice", "bob", "kepala", "admin_org", "pemantau", "root")

# url name -> (method, expected status per persona in PERSONA order)
MATRIKS = {
    "entri GET": ("get", (302, 404, 200, 404, 200, 200, 200, 200)),
    "entri POST": ("post", (302, 404, 303, 404, 404, 404, 404, 404)),
    # The preview is fetched by the page's script: 401 JSON, not a redirect (issue 16).
    "entri_pratinjau POST": ("post", (401, 404, 200, 404, 200, 200, 200, 200)),
    "entri_kembalikan POST": ("post", (302, 404, 404, 404, 303, 404, 404, 303)),
    "jejak_bulan GET": ("get", (302, 404, 200, 200, 200, 200, 200, 200)),
    "jejak_baris GET": ("get", (302, 404, 200, 404, 200, 200, 200, 200)),
}

KASUS = [
    (nama, persona, status)
    for nama, (_, statuses) in MATRIKS.items()
    for persona, status in zip(PERSONA, statuses, strict=True)
]


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(nama: str, kantor) -> str:
    nama = nama.split()[0]
    if nama == "jejak_bulan":
        return reverse(nama, args=[ORG, TAHUN, 3])
    if nama == "jejak_baris":
        return reverse(nama, args=[ORG, kantor.rumus["R06"].pk])
    return reverse(nama, args=[ORG, TAHUN, 3, FAKIR_MISKIN])


def _data(nama: str, kantor) -> dict[str, str]:
    pk = kantor.rumus["R06"].pk
    if nama == "entri_kembalikan POST":
        return {"catatan": "Periksa R07."}
    return {
        f"r-{pk}-pembagi": "6.780",
        f"r-{pk}-realisasi": "5.980",
        f"r-{pk}-keterangan": "",
        f"r-{pk}-versi": "0",
        f"r-{pk}-asal": teks_asal(NilaiBaris(Decimal(6780))),
        "aksi": "simpan",
    }


@pytest.mark.parametrize("nama, persona, status", KASUS)
def test_permission_matrix(client, kantor, nama, persona, status):
    if nama == "entri_kembalikan POST":
        PengajuanBulan.objects.create(
            bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3, status=StatusPengajuan.DIAJUKAN
        )
    if persona != "anonim":
        client.force_login(getattr(kantor, persona))
    method, _ = MATRIKS[nama]
    url = _url(nama, kantor)
    response = getattr(client, method)(url, _data(nama, kantor) if method == "post" else None)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/masuk/?next=")


@pytest.mark.parametrize(
    "persona, bisa_isi", [("alice", True), ("kepala", False), ("admin_org", False),
                          ("pemantau", False), ("root", False)],
)  # fmt: skip
def test_only_the_bidangs_staff_get_inputs(client, kantor, persona, bisa_isi):
    client.force_login(getattr(kantor, persona))
    html = client.get(_url("entri", kantor)).content.decode()
    assert ('name="r-' in html) is bisa_isi
    assert ("Simpan draf" in html) is bisa_isi


def test_staff_see_only_their_bidangs_entries_in_the_months_trail(client, kantor):
    from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri

    for staf, bidang, kode, nilai in ((kantor.alice, kantor.fakir_miskin, "R06", "5.980"),
                                      (kantor.bob, kantor.pemberdayaan, "R02", "9")):  # fmt: skip
        client.force_login(staf)
        url = url_entri(kantor, 3, bidang)
        f = ketik(isian_halaman(client.get(url)), kantor.rumus[kode], realisasi=nilai)
        assert kirim(client, url, f).status_code == 303
    assert JejakAudit.objects.count() == 2
    url = _url("jejak_bulan", kantor)
    client.force_login(kantor.bob)
    html = client.get(url).content.decode()
    assert ">R02<" in html and ">R06<" not in html
    assert client.get(url, {"bidang": FAKIR_MISKIN}).status_code == 404
    client.force_login(kantor.kepala)
    html = client.get(url).content.decode()
    assert ">R02<" in html and ">R06<" in html
    html = client.get(url, {"bidang": FAKIR_MISKIN}).content.decode()
    assert ">R02<" not in html and ">R06<" in html
