"""Helpers for the entry-page tests: URLs, and the form as a browser would submit it."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.personas import TAHUN

ROW_PREFIX = "r-"


def url_entri(kantor, bulan: int, bidang=None, nama: str = "entri", tahun: int = TAHUN) -> str:
    bidang = bidang or kantor.fakir_miskin
    return reverse(nama, args=[kantor.organisasi.slug, tahun, bulan, bidang.slug])


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "form-entri":
            self.in_form = True
        if self.in_form and tag == "input" and a.get("name") and a.get("type") != "submit":
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def isian_halaman(response) -> dict[str, str]:
    """The entry form's fields with the values the page rendered (csrf token included)."""
    parser = _Fields()
    parser.feed(response.content.decode())
    return parser.fields


def ketik(fields: dict[str, str], rumus, **nilai: str) -> dict[str, str]:
    """fields with the row of ``rumus`` typed over: ketik(f, r, realisasi="5.980")."""
    hasil = dict(fields)
    for kolom, teks in nilai.items():
        hasil[f"r-{rumus.pk}-{kolom}"] = teks
    return hasil


def kirim(client, url: str, fields: dict[str, str], aksi: str = "simpan"):
    return client.post(url, {**fields, "aksi": aksi})


def buat_bidang_besar(organisasi, jumlah: int, nama: str = "Uji Beban"):
    """A bidang with ``jumlah`` rumus rows in 2025 (three programs) and its staf."""
    from akun.models import Peran
    from fixtures.buat_demo import palangkaraya_rows
    from organisasi.models import Bidang
    from tests.factories import buat_definisi
    from tests.personas import buat_pengguna

    contoh = palangkaraya_rows()[0]
    rows = [
        {
            **contoh,
            "kode_program": f"9.{nama[:3]}.{n % 3}",
            "program": f"Program {nama} {n % 3}",
            "kode_indikator": f"9.{nama[:3]}.{n % 3}.{n % 2}",
            "indikator": f"Indikator {nama} {n % 3}.{n % 2}",
            "kode_rumus": f"{nama[:1]}{n:03d}",
            "bidang": nama,
            "uraian": f"Uraian {n}",
            "pembagi_default": 100,
        }
        for n in range(1, jumlah + 1)
    ]
    rumus = buat_definisi(organisasi, TAHUN, rows)
    bidang = Bidang.objects.get(organisasi=organisasi, nama=nama)
    staf = buat_pengguna(f"staf_{bidang.slug}".replace("-", "_"), organisasi, Peran.STAF, [bidang])
    return bidang, rumus, staf
