"""The performance tree: its layout (pure), its SVG, the page and the landscape PDF.

The tree is built with the ORM (``buat_pohon``): the first branches of seed 003's FORM
INDIKATOR, levels 0-5, over the ``seruyan`` plan; the level-1 node is linked to IT-1, the
level-2 one to IKU-1 and two level-3 ones to SPM-5 and IKU-2.
"""

import datetime
import re
import shutil
import subprocess
import time
from fractions import Fraction
from itertools import pairwise
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from akun.models import Peran
from dasar.angka import format_persen
from organisasi.models import Organisasi
from rencana import pohon
from rencana.engine import PitaNilai
from rencana.models import LEVEL_POHON, IndikatorRencana, Renstra, SimpulPohon
from rencana.selectors import hitung_capaian
from tests.browser.conftest import ARTIFACTS
from tests.personas import SANDI, buat_pengguna

NS = "{http://www.w3.org/2000/svg}"
# Measured: 18 for 25 and for 250 nodes (login, plan, nodes, the achievement of a year);
# +1 the unread notifications (issue 14), +1 the quarterly targets (issue 15).
BATAS_KUERI = 20

JABATAN_SOSIAL = "Kepala Bidang Perlindungan dan Jaminan Sosial\nKepala Seksi Jaminan Sosial"

# (level, nama, indikator, target, jabatan, kode indikator rencana); the tree is the order:
# each node hangs under the nearest node before it with a lower level.
CABANG_L2 = [
    (2, "MENINGKATNYA PERLINDUNGAN DAN JAMINAN SOSIAL INKLUSIF DAN ADAPTIF UNTUK MASYARAKAT "
        "MISKIN DAN RENTAN",
     "Persentase penerima manfaat Perlindungan dan Jaminan Sosial terhadap masyarakat miskin "
     "dan rentan", "100%", "Kepala Bidang Perlindungan dan Jaminan Sosial", "IKU-1"),
    (3, "TERLAKSANANYA FASILITASI JAMINAN SOSIAL DAN BANTUAN SOSIAL",
     "Persentase penerima manfaat Jaminan Sosial dan Bantuan Sosial yang tepat sasaran", "100%",
     JABATAN_SOSIAL, "SPM-5"),
    (4, "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga",
     "Persentase Bantuan Sosial Keluarga yang disalurkan", "100%", "Kepala Seksi Jaminan Sosial",
     None),
    (5, "Fasilitasi penyaluran Bansos PKH, Program Sembako, PBI JKN KIS, Bansos Perubahan Iklim "
        "dan Bansos Lainnya", "Jumlah KPM yang menerima Bansos Keluarga", "", "", None),
    (5, "Suket terdada dalam DTKS untuk Kartu Indonesia Pintar (KIP)",
     "Jumlah Suket yang dikeluarkan", "", "", None),
    (5, "Program Rumah Sejahtera Terpadu (RST) untuk fakir miskin",
     "Jumlah KPM yang menerima manfaat RST", "", "", None),
    (4, "Fasilitasi Bantuan Pengembangan Ekonomi Masyarakat",
     "Persentase Bantuan Pengembangan Ekonomi Masyarakat yang disalurkan", "", "", None),
    (5, "Fasilitasi Bantuan Pengembangan Ekonomi Produktif (UEP) dan Program Pahlawan Ekonomi "
        "Nusantara (PENA)", "Jumlah KPM yang menerima UEP / PENA", "", "", None),
    (4, "Terlaksananya koordinasi dengan Lembaga Penyalur Bantuan / Lembaga Jaminan Sosial",
     "Persentase koordinasi yang dilaksanakan", "", "", None),
    (5, "Koordinasi dengan Himbara/ Kantor Pos dan BPJS Kesehatan",
     "Jumlah koordinasi yang dilaksanakan", "", "", None),
    (3, "MENINGKATNYA PERLINDUNGAN SOSIAL ADAPTIF UNTUK KORBAN BENCANA ALAM DAN BENCANA SOSIAL",
     "Persentase Perlindungan Sosial Adaptif terhadap Korban Bencana Alam dan Bencana Sosial",
     "100%", "Kepala Seksi Perlindungan Sosial Korban Bencana", "IKU-2"),
    (4, "Meningkatnya Perlindungan Sosial Korban Bencana Alam dan Bencana Sosial",
     "Persentase Perlindungan Sosial terhadap Korban Bencana Alam dan Bencana Sosial", "", "",
     None),
    (5, "Penyediaan Makanan dan Sandang bagi korban bencana alam/non alan dan bencana sosial",
     "Jumlah orang penerima bantuan permakanan dan sandang", "", "", None),
    (5, "Pembangunan Tempat Penampungan Pengungsi dan Dapur Umum",
     "Jumlah unit penampungan pengungsi dan dapur umum yang dibangun", "", "", None),
    (5, "Bantuan Sosial bagi Kelompok Rentan (difabel, lansia, anak dan ibu hamil / menyusui)",
     "Jumlah Orang yang Mendapatkan Penanganan Khusus bagi Kelompok Rentan", "", "", None),
    (5, "Pelayanan Dukungan Psikososial / trauma healing bagi korban bencana alam/non alan dan "
        "bencana sosial", "Jumlah Orang yang Mendapatkan Layanan Dukungan Psikososial", "", "",
     None),
    (4, "Terseenggaranya Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana",
     "Persentase KSB dan Taruna Siaga Bencana yang siap siaga terhadap bencana", "", "", None),
    (5, "Pemberdayaan Kampung Siaga Bencana (KSB)", "Jumlah KSB yang diberdayakan", "", "", None),
    (5, "Diksar, Uji Kompetensi dan Pemberdayaan Taruna Siaga Bencana (TAGANA)",
     "Jumlah TAGANA yang diberdayakan", "", "", None),
    (4, "Terseenggaranya Upaya Keresasian Sosial untuk menghindari konflik / bencana sosial",
     "Persentase kegiatan upaya Keresasian Sosial", "", "", None),
    (5, "Pembentukan Forum Keresasian Sosial (FKS)", "Jumlah FKS yang dibentuk", "", "", None),
    (5, "Pelatihan manajemen konflik", "Jumlah pelatihan yang dilaksanakan", "", "", None),
    (5, "Pembangunan sarana prasarana pencegahan konflik sosial dan paham radikal",
     "Jumlah sarpras yang dibangun", "", "", None),
]  # fmt: skip

AKAR = [
    (0, "MENINGKATKAN KESEJAHTERAAN SOSIAL", "Angka Kemiskinan", "", "Kepala Dinas Sosial", None),
    (1, "MENURUNKAN JUMLAH PEMERLU PELAYANAN KESEJAHTERAAN SOSIAL (PPKS)",
     "Tingkat Penurunan Jumlah Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)", "95%",
     "Sekretaris Dinas", "IT-1"),
]  # fmt: skip


def baris_pohon(jumlah: int = 25) -> list[tuple]:
    """The two root rows, then the level-2 branch repeated until ``jumlah`` rows (the copies
    numbered, so every text differs; only the first copy keeps the indicator links)."""
    baris = list(AKAR)[:jumlah]
    salinan = 0
    while len(baris) < jumlah:
        salinan += 1
        for b in CABANG_L2:
            if len(baris) >= jumlah:
                break
            if salinan == 1:
                baris.append(b)
            else:
                baris.append((b[0], f"{b[1]} ({salinan})", *b[2:5], None))
    return baris


def buat_pohon(renstra: Renstra, jumlah: int = 25) -> list[SimpulPohon]:
    """``jumlah`` nodes of seed 003's first branches, saved."""
    indikator = {i.kode: i for i in IndikatorRencana.objects.filter(renstra=renstra)}
    tumpukan: list[SimpulPohon] = []  # the last node of each level on the current path
    dibuat = []
    for urutan, (level, nama, ik, target, jabatan, kode) in enumerate(baris_pohon(jumlah)):
        while tumpukan and tumpukan[-1].level >= level:
            tumpukan.pop()
        s = SimpulPohon.objects.create(
            renstra=renstra,
            induk=tumpukan[-1] if tumpukan else None,
            level=level,
            nama=nama,
            indikator_teks=ik,
            target_teks=target,
            jabatan=jabatan,
            indikator=indikator.get(kode) if kode else None,
            urutan=urutan,
        )
        tumpukan.append(s)
        dibuat.append(s)
    return dibuat


# --- the pure layout ---------------------------------------------------------------------


def _simpul_palsu(jumlah: int = 25) -> list[SimpleNamespace]:
    """The same tree as plain objects (no database), pk = position + 1."""
    tumpukan: list[SimpleNamespace] = []
    hasil = []
    for i, (level, nama, ik, target, jabatan, kode) in enumerate(baris_pohon(jumlah)):
        while tumpukan and tumpukan[-1].level >= level:
            tumpukan.pop()
        s = SimpleNamespace(
            pk=i + 1,
            induk_id=tumpukan[-1].pk if tumpukan else None,
            level=level,
            nama=nama,
            indikator_teks=ik,
            target_teks=target,
            jabatan=jabatan,
            indikator_id=(1000 + i) if kode else None,
            kode=kode,
        )
        tumpukan.append(s)
        hasil.append(s)
    return hasil


def _tumpang_tindih(a, b) -> bool:
    return a.x < b.x + b.lebar and b.x < a.x + a.lebar and a.y < b.bawah and b.y < a.bawah


@pytest.mark.parametrize("jumlah", [1, 25, 250])
def test_layout_every_node_once_no_overlap_parents_centred(jumlah):
    simpul = _simpul_palsu(jumlah)
    letak = pohon.tata_letak(simpul)
    assert sorted(k.simpul.pk for k in letak.kotak) == [s.pk for s in simpul]
    kotak = sorted(letak.kotak, key=lambda k: (k.x, k.y))
    for i, a in enumerate(kotak):
        for b in kotak[i + 1 :]:
            if b.x > a.x:
                break  # other columns start right of this one
            assert not _tumpang_tindih(a, b), (a.simpul.nama, b.simpul.nama)
    for k in letak.kotak:
        # level = column, inside the picture, below the headers
        assert k.kolom == k.simpul.level
        assert k.x == letak.x_kolom(k.kolom)
        assert k.y >= pohon.TEPI + pohon.TINGGI_KEPALA and k.bawah <= letak.tinggi
        assert k.x + k.lebar <= letak.lebar
        if k.anak:
            tengah_anak = (k.anak[0].y + k.anak[-1].bawah) / 2
            assert k.tengah_y == pytest.approx(tengah_anak)
            assert all(a.x > k.x for a in k.anak)
            # children keep their order, top to bottom
            assert [a.y for a in k.anak] == sorted(a.y for a in k.anak)
    assert len(letak.garis) == jumlah - 1


def test_layout_columns_are_levels_and_leaves_are_stacked():
    letak = pohon.tata_letak(_simpul_palsu(25))
    assert letak.kolom == 6
    daun = [k for k in letak.kotak if not k.anak]
    assert all(k.kolom == 5 for k in daun)
    # leaves in tree order go down the page
    assert [k.y for k in daun] == sorted(k.y for k in daun)


def test_layout_survives_bad_data_cycles_orphans_and_level_jumps():
    s = [
        SimpleNamespace(pk=1, induk_id=None, level=0, nama="A", indikator_teks="", target_teks="",
                        jabatan="", indikator_id=None),
        SimpleNamespace(pk=2, induk_id=1, level=0, nama="B (level tidak naik)",
                        indikator_teks="", target_teks="", jabatan="", indikator_id=None),
        SimpleNamespace(pk=3, induk_id=99, level=3, nama="C (induk hilang)", indikator_teks="",
                        target_teks="", jabatan="", indikator_id=None),
        SimpleNamespace(pk=4, induk_id=5, level=1, nama="D", indikator_teks="", target_teks="",
                        jabatan="", indikator_id=None),
        SimpleNamespace(pk=5, induk_id=4, level=2, nama="E", indikator_teks="", target_teks="",
                        jabatan="", indikator_id=None),
        SimpleNamespace(pk=6, induk_id=6, level=1, nama="F (induknya sendiri)",
                        indikator_teks="", target_teks="", jabatan="", indikator_id=None),
    ]  # fmt: skip
    letak = pohon.tata_letak(s)
    assert sorted(k.simpul.pk for k in letak.kotak) == [1, 2, 3, 4, 5, 6]
    per_pk = {k.simpul.pk: k for k in letak.kotak}
    assert per_pk[2].kolom == 1  # pushed right of its parent
    for i, a in enumerate(letak.kotak):
        for b in letak.kotak[i + 1 :]:
            assert not _tumpang_tindih(a, b)


def test_layout_is_linear_in_work():
    """250 and 2,500 nodes: ten times the nodes, about ten times the time (never n²)."""
    kecil, besar = _simpul_palsu(250), _simpul_palsu(2500)
    pohon.tata_letak(kecil)  # warm up

    def waktu(simpul):
        terbaik = float("inf")
        for _ in range(3):
            mulai = time.perf_counter()
            pohon.tata_letak(simpul)
            terbaik = min(terbaik, time.perf_counter() - mulai)
        return terbaik

    assert waktu(besar) < 25 * waktu(kecil)


def test_text_is_wrapped_to_the_box_and_long_text_is_cut():
    panjang = SimpleNamespace(
        pk=1, induk_id=None, level=0, nama="KATA " * 400, indikator_teks="x" * 500,
        target_teks="100%", jabatan="\n".join(f"Jabatan {i}" for i in range(9)),
        indikator_id=None,
    )  # fmt: skip
    letak = pohon.tata_letak([panjang])
    k = letak.kotak[0]
    isi = pohon.LEBAR_KOTAK - 2 * pohon.PAD_X
    for b in k.baris:
        g = pohon.GAYA[b.jenis]
        assert pohon.lebar_teks(b.teks, g.ukuran, g.tebal) <= isi
    judul = [b for b in k.baris if b.jenis == "judul"]
    assert len(judul) == pohon.MAKS_BARIS["judul"] and judul[-1].teks.endswith("…")
    assert any(b.teks == "(+5 jabatan lain)" for b in k.baris)
    assert k.tinggi == pohon.tinggi_kotak(k.baris)
    # more lines, taller box
    pendek = pohon.tata_letak([SimpleNamespace(**{**vars(panjang), "nama": "A"})]).kotak[0]
    assert pendek.tinggi < k.tinggi


def test_potong_halaman_cuts_between_boxes():
    letak = pohon.tata_letak(_simpul_palsu(250))
    potongan = pohon.potong_halaman(letak, 1200, 800)
    assert len(potongan) > 3
    assert potongan[0][1] - potongan[0][0] <= 800
    for (a0, a1), (b0, _) in pairwise(potongan):
        assert a1 == b0 and a1 - a0 <= 1200
        assert not any(k.y < a1 < k.bawah for k in letak.kotak)  # no box is cut
    assert potongan[-1][1] == letak.tinggi


# --- the SVG -----------------------------------------------------------------------------


def _hasil(capaian, label="Tinggi", warna="#4c9a2a"):
    return SimpleNamespace(
        capaian=capaian, status=PitaNilai(Fraction(76), label, warna) if capaian else None
    )


def test_svg_escapes_every_text():
    jahat = SimpleNamespace(
        pk=1, induk_id=None, level=0, nama='<script>alert("x")</script> & Co',
        indikator_teks="a < b > c ' \" \x00\x07", target_teks="<b>100%</b>",
        jabatan="Kepala <Bidang>", indikator_id=7,
    )  # fmt: skip
    svg = pohon.svg_pohon(
        pohon.tata_letak([jahat]),
        {7: _hasil(Fraction(822, 10), label="<i>Tinggi</i>", warna='red" onload="x')},
        {7: '/o/x/"><script>'},
        judul="Pohon <kinerja>",
    )
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert 'onload="' not in svg and "\x00" not in svg and "\x07" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in svg
    assert 'href="/o/x/&quot;&gt;&lt;script&gt;"' in svg
    assert "Pohon &lt;kinerja&gt;" in svg
    ElementTree.fromstring(svg)  # well-formed XML


def test_svg_colours_nodes_with_data_and_greys_the_rest():
    simpul = _simpul_palsu(25)
    terhubung = [s for s in simpul if s.indikator_id]
    assert len(terhubung) == 4
    ada, tanpa_capaian, tidak_dihitung, _ = terhubung
    hasil = {
        ada.indikator_id: _hasil(Fraction(822, 10)),
        tanpa_capaian.indikator_id: _hasil(None),
    }
    svg = pohon.svg_pohon(pohon.tata_letak(simpul), hasil, {ada.indikator_id: "/indikator/IT-1/"})
    akar = ElementTree.fromstring(svg)
    simpul_svg = {int(g.get("data-simpul")): g for g in akar.iter(f"{NS}g") if g.get("data-simpul")}
    assert len(simpul_svg) == 25

    def kotak(g):
        return next(g.iter(f"{NS}rect"))

    def teks(g):
        return " ".join(t.text or "" for t in g.iter(f"{NS}text"))

    g = simpul_svg[ada.pk]
    assert "pohon-simpul--data" in g.get("class")
    assert kotak(g).get("stroke") == "#4c9a2a"
    assert kotak(g).get("fill") == pohon.warna_muda("#4c9a2a")
    assert "82,2%" in teks(g) and "Tinggi" in teks(g)
    assert g.find(f"{NS}a").get("href") == "/indikator/IT-1/"
    for pk in (tanpa_capaian.pk, tidak_dihitung.pk, simpul[0].pk):
        g = simpul_svg[pk]
        assert "pohon-simpul--kosong" in g.get("class")
        assert kotak(g).get("stroke") == pohon.ABU_GARIS
        assert kotak(g).get("fill") == pohon.ABU_ISI
        assert "belum ada data" in teks(g) and "%" not in teks(g).replace("100%", "")
        assert g.find(f"{NS}a") is None
    # the headers name the levels
    judul_kolom = [t.text for t in akar.iter(f"{NS}text") if t.text in LEVEL_POHON.values()]
    assert judul_kolom == [LEVEL_POHON[i] for i in range(6)]


# --- the page and the PDF ------------------------------------------------------------------


@pytest.fixture
def kepala_seruyan(seruyan, client):
    buat_pengguna("kepala_seruyan", seruyan.organisasi, Peran.KEPALA)
    client.login(username="kepala_seruyan", password=SANDI)
    return client


def url_pohon(renstra, pdf=False, **query) -> str:
    nama = "rencana_pohon_pdf" if pdf else "rencana_pohon"
    url = reverse(nama, args=[renstra.organisasi.slug, renstra.kunci])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_page_colours_linked_nodes_from_the_plans_achievement(seruyan, kepala_seruyan):
    buat_pohon(seruyan, 25)
    response = kepala_seruyan.get(url_pohon(seruyan, tahun=2025, triwulan=4))
    assert response.status_code == 200
    html = response.content.decode()
    capaian = hitung_capaian(seruyan, 2025, 4).per_indikator
    for s in SimpulPohon.objects.filter(renstra=seruyan, indikator__isnull=False):
        h = capaian[s.indikator_id]
        url = reverse("rencana_indikator", args=["seruyan", "renstra-2025", s.indikator.kode])
        assert f'href="{url}"' in html
        assert format_persen(h.capaian, 1) in html
        assert f'stroke="{h.status.warna}"' in html
    assert "Tahun 2025" in html
    assert "Unduh PDF" in html and url_pohon(seruyan, pdf=True) in html
    assert html.count('class="pohon-simpul ') == 25
    assert "belum ada data" in html
    for label in ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"):
        assert f"{label} <span" in html  # the legend
    assert "Ultimate Outcome" in html and "Output" in html


def test_page_default_period_and_bad_query(seruyan, kepala_seruyan, monkeypatch):
    buat_pohon(seruyan, 3)
    import rencana.views as v

    monkeypatch.setattr(v.timezone, "localdate", lambda: datetime.date(2031, 5, 1))
    html = kepala_seruyan.get(url_pohon(seruyan)).content.decode()
    # The latest year of the plan with data (seed 003's realisasi run to 2025), not 2031.
    assert "capaian <strong>Tahun 2025</strong>" in html
    html = kepala_seruyan.get(url_pohon(seruyan, tahun="20x5", triwulan=9)).content.decode()
    assert "capaian <strong>Tahun 2025</strong>" in html
    html = kepala_seruyan.get(url_pohon(seruyan, tahun=2025, triwulan=1)).content.decode()
    assert "capaian <strong>Triwulan I 2025</strong>" in html
    assert kepala_seruyan.post(url_pohon(seruyan)).status_code == 405


def test_without_data_the_page_opens_on_this_year_within_the_plan(
    seruyan, kepala_seruyan, monkeypatch
):
    from capaian.models import Realisasi
    from rencana.models import RealisasiRencana

    buat_pohon(seruyan, 3)
    Realisasi.objects.all().delete()
    RealisasiRencana.objects.all().delete()
    import rencana.views as v

    monkeypatch.setattr(v.timezone, "localdate", lambda: datetime.date(2031, 5, 1))
    html = kepala_seruyan.get(url_pohon(seruyan)).content.decode()
    assert "capaian <strong>Tahun 2029</strong>" in html  # clamped into 2025-2029


def test_empty_tree_page_explains_import_and_pdf_is_404(seruyan, kepala_seruyan):
    response = kepala_seruyan.get(url_pohon(seruyan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pohon kinerja belum diisi" in html
    assert "Impor pohon kinerja" in html and "FORM INDIKATOR" in html
    assert "<svg" not in html
    assert kepala_seruyan.get(url_pohon(seruyan, pdf=True)).status_code == 404


def test_out_of_scope_is_404(seruyan, client):
    buat_pohon(seruyan, 3)
    lain = Organisasi.objects.create(slug="lain", nama="Dinas Sosial Lain")
    buat_pengguna("orang_lain", lain, Peran.KEPALA)
    client.login(username="orang_lain", password=SANDI)
    assert client.get(url_pohon(seruyan)).status_code == 404
    assert client.get(url_pohon(seruyan, pdf=True)).status_code == 404
    client.logout()
    assert client.get(url_pohon(seruyan)).status_code == 302  # to the login page


@pytest.mark.parametrize("jumlah", [25, 250])
def test_page_queries_do_not_grow_with_the_tree(
    seruyan, kepala_seruyan, django_assert_max_num_queries, jumlah
):
    buat_pohon(seruyan, jumlah)
    with django_assert_max_num_queries(BATAS_KUERI):
        response = kepala_seruyan.get(url_pohon(seruyan, tahun=2025, triwulan=4))
    assert response.content.decode().count('class="pohon-simpul ') == jumlah


def _pdfinfo(pdf: bytes) -> str:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) tidak terpasang")
    return subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _pdftotext(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_pdf_is_a3_landscape_with_the_tree_letterhead_and_signature(seruyan, kepala_seruyan):
    buat_pohon(seruyan, 25)
    org = seruyan.organisasi
    org.kota, org.kepala_nama = "Kuala Pembuang", "ANGGA, SE"
    org.kepala_pangkat, org.kepala_nip = "Pembina Utama Muda (IV/c)", "19680405 198703 1 010"
    org.save()
    response = kepala_seruyan.get(url_pohon(seruyan, pdf=True, tahun=2025, triwulan=4))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="pohon-kinerja-seruyan-2025-2029-2025.pdf"'
    )
    pdf = response.content
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "pohon-kinerja.pdf").write_bytes(pdf)
    info = _pdfinfo(pdf)
    lebar, tinggi = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert lebar > tinggi  # landscape
    assert (round(lebar), round(tinggi)) == (1191, 842)  # A3
    assert "Pages:           1" in info
    teks = " ".join(_pdftotext(pdf).split())
    assert "POHON KINERJA" in teks and "TAHUN 2025" in teks
    for bagian in (
        "MENINGKATKAN KESEJAHTERAAN SOSIAL",
        "IK: Angka Kemiskinan",
        "Ultimate Outcome",
        "Sangat Rendah",
        "belum ada data",
        "ANGGA, SE",
        "NIP 19680405 198703 1 010",
        "Kuala Pembuang,",
    ):
        assert bagian in teks, bagian
    capaian = hitung_capaian(seruyan, 2025, 4).per_indikator
    it1 = IndikatorRencana.objects.get(renstra=seruyan, kode="IT-1")
    assert format_persen(capaian[it1.pk].capaian, 1) in teks


def test_pdf_of_a_large_tree_is_split_into_readable_pages(seruyan, kepala_seruyan):
    buat_pohon(seruyan, 250)
    response = kepala_seruyan.get(url_pohon(seruyan, pdf=True, tahun=2025, triwulan=1))
    assert response["Content-Disposition"].endswith('-2025-tw1.pdf"')
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "pohon-kinerja-250.pdf").write_bytes(response.content)
    info = _pdfinfo(response.content)
    halaman = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert halaman > 1
    teks = _pdftotext(response.content)
    per_halaman = teks.split("\f")[:halaman]
    # the root on the first page, the level headers on every page
    assert "MENINGKATKAN KESEJAHTERAAN SOSIAL" in " ".join(per_halaman[0].split())
    assert all(re.search(r"Level \d", h) for h in per_halaman)
    terakhir = baris_pohon(250)[-1][1]
    assert terakhir.endswith("(11)")
    assert terakhir in " ".join(teks.split())
