"""The permission matrix: every non-admin URL, every persona, exact status codes.

Anonymous visitors are sent to the login page with ``next``; charlie (another organisasi)
gets 404 everywhere in Palangka Raya; what the others get is the table of
/tmp/brief/common.md (the contract), written out below row by row. A URL added to the
project without a row here fails ``test_every_url_is_in_the_matrix``.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from akun.models import Anggota
from capaian.models import PengajuanBulan, Realisasi, StatusPengajuan
from fixtures.buat_demo import seruyan_rows
from laporan.models import KunciBulan, LaporanTertanda
from organisasi.models import Bidang
from rencana.demo import muat_palangkaraya
from rencana.models import IndikatorRencana, Jenis, Kelompok, Renstra, SimpulPohon
from tests.factories import buat_definisi
from tests.laporan.persetujuan_bantu import ajukan_semua, siapkan_kepala
from tests.personas import FAKIR_MISKIN, TAHUN, Kantor, buat_pemantau_wilayah

ORG = "palangkaraya"
BULAN = 3  # not yet filled in the kantor fixture (January and February are)
PERSONAS = ("anonim", "charlie", "bob", "alice", "kepala", "admin_org", "pemantau", "root",
            "wilayah", "wilayah_lain")  # fmt: skip
WILAYAH = "kalteng"  # holds Palangka Raya and Seruyan; "lain" holds Seruyan only


@pytest.fixture(autouse=True)
def sandi_cepat(settings):
    # Every case builds the office with seven accounts; the real hasher would take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    # Evidence files uploaded by the evaluasi rows go to a temporary MEDIA_ROOT.
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pengguna(kantor: Kantor, persona: str):
    if persona == "wilayah":
        anggota = [kantor.organisasi, kantor.organisasi_lain]
        return buat_pemantau_wilayah("pemantau_wilayah", WILAYAH, anggota)
    if persona == "wilayah_lain":
        return buat_pemantau_wilayah("pemantau_lain", "lain", [kantor.organisasi_lain])
    return getattr(kantor, persona)


def klien(kantor: Kantor, persona: str) -> Client:
    client = Client()
    if persona != "anonim":
        client.force_login(pengguna(kantor, persona))
    return client


def ke_masuk(path: str) -> str:
    return f"{reverse('masuk')}?{urlencode({'next': path}, safe='/')}"


# -- the entry form, read back the way a browser would submit it -------------------------


class _Isian(HTMLParser):
    """The named inputs of a page as a browser would post them (text, hidden, textarea)."""

    def __init__(self) -> None:
        super().__init__()
        self.nilai: dict[str, str] = {}
        self.atribut: dict[str, dict[str, str | None]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        nama = a.get("name")
        if tag == "input" and nama and a.get("type", "text") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.nilai[nama] = a.get("value") or ""
            self.atribut[nama] = a
        elif tag == "textarea" and nama:
            self._textarea = nama
            self.nilai[nama] = ""
            self.atribut[nama] = a

    def handle_data(self, data):
        if self._textarea:
            self.nilai[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def isian(html: str) -> _Isian:
    parser = _Isian()
    parser.feed(html)
    return parser


def url_entri(kantor: Kantor, nama: str = "entri", bidang: str = FAKIR_MISKIN) -> str:
    return reverse(nama, args=[ORG, TAHUN, BULAN, bidang])


def data_entri(kantor: Kantor) -> dict[str, str]:
    """Alice's entry form for March as rendered, with R06's realisasi typed in (seed 000)."""
    alice = klien(kantor, "alice")
    page = alice.get(url_entri(kantor))
    data = {k: v for k, v in isian(page.content.decode()).nilai.items()}
    data.pop("csrfmiddlewaretoken", None)
    r06 = kantor.rumus["R06"].pk
    if f"r-{r06}-realisasi" not in data:  # the page is not there yet: the contract's fields
        for kode in ("R06", "R07", "R08"):
            pk = kantor.rumus[kode].pk
            for kolom, nilai in (("pembagi", ""), ("realisasi", ""), ("keterangan", ""),
                                 ("versi", "0"), ("asal", "")):  # fmt: skip
                data[f"r-{pk}-{kolom}"] = nilai
        data[f"r-{r06}-pembagi"] = "6.780"
    data[f"r-{r06}-realisasi"] = "5.980"
    data["aksi"] = "simpan"
    return data


def siapkan_pengajuan(kantor: Kantor) -> dict[str, str]:
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=BULAN, status=StatusPengajuan.DIAJUKAN,
        diubah_oleh=kantor.alice,
    )  # fmt: skip
    return {"catatan": "Mohon periksa kembali angka R06."}


def url_laporan(nama: str, *extra) -> Callable[[Kantor], str]:
    return lambda k: reverse(nama, args=[ORG, TAHUN, BULAN, *extra])


def versi_tertanda(kantor: Kantor, kunci: bool = False) -> LaporanTertanda:
    """A stored version of March (its bytes need not be a real signature here)."""
    versi = LaporanTertanda.objects.create(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=BULAN, versi=1, pdf=b"%PDF-1.7 uji",
        sha256="0" * 64, data={}, tanggal=date(2025, 4, 15), penanda_nama="H. Riduan",
        penanda_jabatan="Kepala Dinas Sosial Kota Palangka Raya", sertifikat_subjek="CN=uji",
        sertifikat_sidik="0" * 64, ditandatangani_pada=timezone.now(),
    )  # fmt: skip
    if kunci:
        KunciBulan.objects.create(
            organisasi=kantor.organisasi, tahun=TAHUN, bulan=BULAN, laporan=versi
        )
    return versi


def siapkan_persetujuan(kantor: Kantor) -> dict[str, str]:
    """March submitted by every bidang, the Kepala Dinas's certificate in a temporary place."""
    siapkan_kepala(kantor, Path(tempfile.mkdtemp()))
    ajukan_semua(kantor, BULAN)
    return {"tanggal": "2025-04-15", "konfirmasi": "on"}


def siapkan_buka(kantor: Kantor) -> dict[str, str]:
    versi_tertanda(kantor, kunci=True)
    return {"alasan": "Koreksi realisasi R06."}


def url_versi(kantor: Kantor) -> str:
    versi_tertanda(kantor)
    return reverse("laporan_versi_pdf", args=[ORG, TAHUN, BULAN, 1])


def rencana(kantor: Kantor) -> "Renstra":
    """Palangka Raya's IKU 2025 (seed 002), one indicator owned by alice's bidang, one tree
    node."""
    renstra = Renstra.objects.filter(organisasi=kantor.organisasi).first()
    if renstra is None:
        renstra = muat_palangkaraya(kantor.organisasi)
        ind = IndikatorRencana.objects.create(
            renstra=renstra, kelompok=Kelompok.IKK, kode="IKK-FM", nama="Data tervalidasi",
            jenis=Jenis.JUMLAH, bidang=Bidang.objects.get(organisasi=kantor.organisasi,
                                                          slug=FAKIR_MISKIN),
        )  # fmt: skip
        SimpulPohon.objects.create(renstra=renstra, level=0, nama="Kesejahteraan", indikator=ind)
    return renstra


def url_rencana(nama: str, *extra) -> Callable[[Kantor], str]:
    def url(kantor: Kantor) -> str:
        kunci = rencana(kantor).kunci
        return reverse(nama, args=[ORG, kunci, *extra])

    return url


def url_rencana_lama(kantor: Kantor) -> str:
    return reverse("rencana_lama", args=[ORG, rencana(kantor).tahun_awal])


def url_rencana_indeks(kantor: Kantor) -> str:
    rencana(kantor)
    return reverse("rencana", args=[ORG])


def data_realisasi_rencana(kantor: Kantor) -> dict[str, str]:
    return {"nilai": "5", "versi": "0"}


# -- Perjanjian Kinerja (issue 15) ---------------------------------------------------------


def jabatan_pk(kantor: Kantor) -> str:
    """Palangka Raya's plan, its Kepala Dinas position with a holder, and the Walikota."""
    from perjanjian.models import Eselon, Jabatan, KepalaDaerah

    rencana(kantor)
    KepalaDaerah.objects.get_or_create(
        organisasi=kantor.organisasi, defaults={"nama": "Wali Kota", "jabatan": "Wali Kota"}
    )
    Jabatan.objects.get_or_create(
        organisasi=kantor.organisasi, kode="kepala-dinas",
        defaults={"nama": "Kepala Dinas Sosial", "eselon": Eselon.II,
                  "pemangku_nama": "H. Riduan"},
    )  # fmt: skip
    return "kepala-dinas"


def url_pk(nama: str, *extra) -> Callable[[Kantor], str]:
    return lambda k: reverse(nama, args=[ORG, 2025, jabatan_pk(k), *extra])


def url_pk_indeks(kantor: Kantor) -> str:
    jabatan_pk(kantor)
    return reverse("perjanjian", args=[ORG]) + "?tahun=2025"


def data_siapkan_pk(kantor: Kantor) -> dict[str, str]:
    return {"pemangku_nama": "H. Riduan", "kd_nama": "Wali Kota", "kd_jabatan": "Wali Kota"}


def siapkan_setujui_pk(kantor: Kantor) -> dict[str, str]:
    siapkan_kepala(kantor, Path(tempfile.mkdtemp()))
    return {"tanggal": "2025-01-15", "konfirmasi": "on"}


def url_versi_pk(kantor: Kantor) -> str:
    from perjanjian.models import Jabatan, PerjanjianKinerja, VersiPerjanjian

    jabatan = Jabatan.objects.get(organisasi=kantor.organisasi, kode=jabatan_pk(kantor))
    pk = PerjanjianKinerja.objects.create(jabatan=jabatan, tahun=2025)
    VersiPerjanjian.objects.create(
        perjanjian=pk, organisasi=kantor.organisasi, tahun=2025, versi=1, pdf=b"%PDF-1.7 uji",
        sha256="1" * 64, data={}, tanggal=date(2025, 1, 15), jabatan_nama=jabatan.nama,
        penanda_nama="H. Riduan", penanda_jabatan=jabatan.nama, sertifikat_subjek="CN=uji",
        sertifikat_sidik="1" * 64, ditandatangani_pada=timezone.now(),
    )  # fmt: skip
    return reverse("perjanjian_versi", args=[ORG, 2025, jabatan.kode, 1])


# -- the quarter's evaluation (issue 15) -------------------------------------------------


def url_evaluasi(nama: str, *extra) -> Callable[[Kantor], str]:
    def url(kantor: Kantor) -> str:
        return reverse(nama, args=[ORG, rencana(kantor).kunci, *extra])

    return url


def aksi_rencana(kantor: Kantor):
    """A Rencana Aksi line of 2025 in alice's bidang (issue 15)."""
    from rencana.models import AksiRencana

    renstra = rencana(kantor)
    aksi = AksiRencana.objects.filter(renstra=renstra, tahun=2025).first()
    if aksi is None:
        aksi = AksiRencana.objects.create(
            renstra=renstra, tahun=2025, nomor=1, rencana_aksi="Validasi data fakir miskin",
            bidang=Bidang.objects.get(organisasi=kantor.organisasi, slug=FAKIR_MISKIN),
        )  # fmt: skip
    return aksi


def url_aksi(nama: str, *extra) -> Callable[[Kantor], str]:
    def url(kantor: Kantor) -> str:
        aksi = aksi_rencana(kantor)
        return reverse(nama, args=[ORG, aksi.renstra.kunci, 2025, aksi.pk, *extra])

    return url


def data_analisis(kantor: Kantor) -> dict[str, str]:
    return {"versi": "0", "pendorong": "Validasi data selesai.", "penghambat": "",
            "tindak_lanjut": ""}  # fmt: skip


def data_tautan(kantor: Kantor) -> dict[str, str]:
    return {"tautan": "https://drive.google.com/file/d/contoh/view"}


def _bukti(kantor: Kantor, jenis: str):
    """A PNG uploaded by alice to IKK-FM's Triwulan I 2025, or to R06's January."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluasi.berkas import periksa
    from evaluasi.models import BuktiDukung
    from evaluasi.services import Sasaran, unggah_bukti
    from tests.evaluasi.berkas_uji import png

    rencana(kantor)
    if jenis == "indikator":
        ind = IndikatorRencana.objects.select_related("renstra").get(kode="IKK-FM")
        sasaran = Sasaran.indikator_triwulan(ind, TAHUN, 1)
    else:
        sasaran = Sasaran.bulanan(kantor.rumus["R06"], 1)
    berkas = periksa(SimpleUploadedFile("foto.png", png()), "foto.png")
    bukti = unggah_bukti(pengguna=kantor.alice, sasaran=sasaran, berkas=berkas)
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()
    return bukti


def url_bukti(nama: str, jenis: str = "indikator") -> Callable[[Kantor], str]:
    return lambda k: reverse(nama, args=[ORG, _bukti(k, jenis).pk])


def url_bukti_bulanan(kantor: Kantor) -> str:
    return reverse("evaluasi_bukti_bulanan", args=[ORG, kantor.rumus["R06"].pk, TAHUN, 1])


def data_aksi(kantor: Kantor) -> dict[str, str]:
    # the admin's form (every field) and the bidang staf's (realisasi fields) both accept it
    return {"nomor": "1", "rencana_aksi": "Validasi data fakir miskin", "versi": "1",
            "realisasi": "Selesai 40 desa", "realisasi_anggaran": "1.500.000"}  # fmt: skip


# -- the matrix ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Baris:
    nama: str  # URL name
    metode: str
    url: Callable[[Kantor], str]
    harapan: dict[str, int]  # persona -> status; the anonymous visitor gets 302 to login
    data: Callable[[Kantor], dict] | None = None
    json: bool = False  # fetched by a page's script: the anonymous visitor gets 401 JSON


def _h(charlie, bob, alice, kepala, admin_org, pemantau, root, **wilayah) -> dict[str, int]:
    """One row's statuses. A Pemantau wilayah whose wilayah holds Palangka Raya answers as the
    pemantau unless ``wilayah=`` says otherwise (it reads outputs, not the entry pages); one
    of another wilayah as charlie (404)."""
    return dict(charlie=charlie, bob=bob, alice=alice, kepala=kepala, admin_org=admin_org,
                pemantau=pemantau, root=root, wilayah=wilayah.get("wilayah", pemantau),
                wilayah_lain=wilayah.get("wilayah_lain", charlie))  # fmt: skip


def url_wilayah(nama: str, slug: str = WILAYAH) -> Callable[[Kantor], str]:
    def url(kantor: Kantor) -> str:
        buat_pemantau_wilayah("pemantau_wilayah", WILAYAH, [kantor.organisasi])
        return reverse(nama, args=[slug]) + f"?tahun={TAHUN}&bulan=2"

    return url


MATRIKS = [
    #                                             charlie bob  alice kepala admin pemantau root
    Baris("dasbor", "get", lambda k: reverse("dasbor", args=[ORG]),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("dasbor", "get", lambda k: reverse("dasbor", args=[ORG]) + "?tahun=2025&bulan=2",
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("dasbor_data", "get", lambda k: reverse("dasbor_data", args=[ORG]),
          _h(404, 200, 200, 200, 200, 200, 200)),
    # The timeliness workbook: those who see every bidang (a staf sees their own on the page).
    Baris("dasbor_ketepatan_xlsx", "get", lambda k: reverse("dasbor_ketepatan_xlsx", args=[ORG]),
          _h(404, 404, 404, 200, 200, 200, 200, wilayah=404)),
    Baris("entri", "get", url_entri,
          _h(404, 404, 200, 200, 200, 200, 200, wilayah=404)),
    Baris("entri", "post", url_entri,
          _h(404, 404, 303, 404, 404, 404, 404), data_entri),
    Baris("entri_pratinjau", "post", lambda k: url_entri(k, "entri_pratinjau"),
          _h(404, 404, 200, 200, 200, 200, 200, wilayah=404), data_entri, json=True),
    Baris("entri_kembalikan", "post", lambda k: url_entri(k, "entri_kembalikan"),
          _h(404, 404, 404, 303, 404, 404, 303), siapkan_pengajuan),
    # An exception to expiry: the Kepala Dinas (and root) only.
    Baris("entri_pengecualian", "post", lambda k: url_entri(k, "entri_pengecualian"),
          _h(404, 404, 404, 303, 404, 404, 303),
          lambda k: {"sampai": "2999-12-31", "alasan": "Server kantor mati seminggu."}),
    Baris("jejak_bulan", "get", lambda k: reverse("jejak_bulan", args=[ORG, TAHUN, 2]),
          _h(404, 200, 200, 200, 200, 200, 200, wilayah=404)),
    Baris("jejak_baris", "get", lambda k: reverse("jejak_baris", args=[ORG, k.rumus["R06"].pk]),
          _h(404, 404, 200, 200, 200, 200, 200, wilayah=404)),
    Baris("laporan_bulan", "get", url_laporan("laporan_bulan"),
          _h(404, 404, 404, 200, 200, 200, 200)),
    Baris("laporan_pdf", "get", url_laporan("laporan_pdf"),
          _h(404, 404, 404, 200, 200, 200, 200)),
    Baris("laporan_xlsx", "get", url_laporan("laporan_xlsx"),
          _h(404, 404, 404, 200, 200, 200, 200)),
    Baris("laporan_versi_pdf", "get", url_versi,
          _h(404, 404, 404, 200, 200, 200, 200)),
    Baris("laporan_setujui", "post", url_laporan("laporan_setujui"),
          _h(404, 404, 404, 303, 404, 404, 303), siapkan_persetujuan),
    Baris("laporan_buka", "post", url_laporan("laporan_buka"),
          _h(404, 404, 404, 303, 404, 404, 303), siapkan_buka),
    # The plan: every member reads it; quarterly realisasi by the bidang's staf and the admin.
    Baris("rencana", "get", url_rencana_indeks,
          _h(404, 302, 302, 302, 302, 302, 302)),
    Baris("rencana_detail", "get", url_rencana("rencana_detail"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    # an address of before issue 16 (the first year only): to the plan's page
    Baris("rencana_lama", "get", url_rencana_lama,
          _h(404, 302, 302, 302, 302, 302, 302)),
    Baris("rencana_capaian", "get", url_rencana("rencana_capaian", 2025),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_indikator", "get", url_rencana("rencana_indikator", "IKK-FM"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_realisasi", "post", url_rencana("rencana_realisasi", "IKK-FM", 2025, 1),
          _h(404, 404, 302, 404, 302, 404, 302), data_realisasi_rencana),
    Baris("rencana_realisasi", "post", url_rencana("rencana_realisasi", "IKU-1", 2025, 1),
          _h(404, 404, 404, 404, 404, 404, 404), data_realisasi_rencana),
    # GET: back to the indicator's page (the login's ``next`` after a save whose session ended)
    Baris("rencana_realisasi", "get", url_rencana("rencana_realisasi", "IKK-FM", 2025, 1),
          _h(404, 302, 302, 302, 302, 302, 302)),
    # Rencana Aksi (issue 15): every member reads; the admin sets quarterly targets, budgets
    # and lines; the staf of a line's bidang fills in its realisasi.
    Baris("rencana_target_triwulan", "post",
          url_rencana("rencana_target_triwulan", "IKK-FM", 2025),
          _h(404, 404, 404, 404, 302, 404, 302), lambda k: {"tw1": "1", "tw4": "5"}),
    Baris("rencana_aksi", "get", url_rencana("rencana_aksi", 2025),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_aksi_baru", "get", url_rencana("rencana_aksi_baru", 2025),
          _h(404, 404, 404, 404, 200, 404, 200)),
    Baris("rencana_aksi_baru", "post", url_rencana("rencana_aksi_baru", 2025),
          _h(404, 404, 404, 404, 302, 404, 302), lambda k: {"rencana_aksi": "Sosialisasi"}),
    Baris("rencana_aksi_ubah", "get", url_aksi("rencana_aksi_ubah"),
          _h(404, 404, 200, 404, 200, 404, 200)),
    Baris("rencana_aksi_ubah", "post", url_aksi("rencana_aksi_ubah"),
          _h(404, 404, 302, 404, 302, 404, 302), data_aksi),
    Baris("rencana_aksi_hapus", "post", url_aksi("rencana_aksi_hapus"),
          _h(404, 404, 404, 404, 302, 404, 302)),
    Baris("rencana_anggaran", "get", url_rencana("rencana_anggaran", 2025),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_anggaran", "post", url_rencana("rencana_anggaran", 2025),
          _h(404, 404, 404, 404, 302, 404, 302), lambda k: {}),
    Baris("rencana_pohon", "get", url_rencana("rencana_pohon"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_pohon_pdf", "get", url_rencana("rencana_pohon_pdf"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_ekspor", "get", url_rencana("rencana_ekspor"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_dokumen", "get", url_rencana("rencana_dokumen", "lampiran-iku", "pdf"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("rencana_dokumen", "get", url_rencana("rencana_dokumen", "capaian", "xlsx"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    # The regional roll-up: its Pemantau wilayah and the superuser; nobody else sees a wilayah.
    Baris("wilayah_indeks", "get", lambda k: reverse("wilayah_indeks"),
          _h(200, 200, 200, 200, 200, 200, 200, wilayah=302, wilayah_lain=302)),
    Baris("rekap_wilayah", "get", url_wilayah("rekap_wilayah"),
          _h(404, 404, 404, 404, 404, 404, 200, wilayah=200)),
    Baris("rekap_wilayah", "get", url_wilayah("rekap_wilayah", "semua"),
          _h(404, 404, 404, 404, 404, 404, 200, wilayah=404)),
    Baris("rekap_wilayah_data", "get", url_wilayah("rekap_wilayah_data"),
          _h(404, 404, 404, 404, 404, 404, 200, wilayah=200)),
    Baris("rekap_wilayah_xlsx", "get", url_wilayah("rekap_wilayah_xlsx"),
          _h(404, 404, 404, 404, 404, 404, 200, wilayah=200)),
    # Perjanjian Kinerja: every member reads; the admin prepares; the Kepala Dinas approves.
    Baris("perjanjian", "get", url_pk_indeks,
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("perjanjian_detail", "get", url_pk("perjanjian_detail"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("perjanjian_berkas", "get", url_pk("perjanjian_berkas", "pdf"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("perjanjian_berkas", "get", url_pk("perjanjian_berkas", "docx"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("perjanjian_versi", "get", url_versi_pk,
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("perjanjian_siapkan", "get", url_pk("perjanjian_siapkan"),
          _h(404, 404, 404, 404, 200, 404, 200, wilayah=404)),
    Baris("perjanjian_siapkan", "post", url_pk("perjanjian_siapkan"),
          _h(404, 404, 404, 404, 303, 404, 303, wilayah=404), data_siapkan_pk),
    Baris("perjanjian_setujui", "post", url_pk("perjanjian_setujui"),
          _h(404, 404, 404, 303, 404, 404, 303, wilayah=404), siapkan_setujui_pk),
    # The quarter's evaluation (issue 15): whoever reads the plan reads the analysis and the
    # evidence of an indicator; its bidang's staf and the admin write them; evidence of a
    # monthly row follows the entry page's scope; the uploader or the admin deletes.
    Baris("evaluasi_triwulan", "get", url_evaluasi("evaluasi_triwulan", TAHUN, 1),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("evaluasi_triwulan_pdf", "get", url_evaluasi("evaluasi_triwulan_pdf", TAHUN, 1),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("evaluasi_indikator", "get", url_evaluasi("evaluasi_indikator", "IKK-FM", TAHUN, 1),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("evaluasi_indikator", "post", url_evaluasi("evaluasi_indikator", "IKK-FM", TAHUN, 1),
          _h(404, 404, 303, 404, 303, 404, 303), data_analisis),
    # IKU-1 has no bidang: the admin (and root) only
    Baris("evaluasi_indikator", "post", url_evaluasi("evaluasi_indikator", "IKU-1", TAHUN, 1),
          _h(404, 404, 404, 404, 303, 404, 303), data_analisis),
    Baris("evaluasi_bukti_unggah", "post",
          url_evaluasi("evaluasi_bukti_unggah", "IKK-FM", TAHUN, 1),
          _h(404, 404, 303, 404, 303, 404, 303), data_tautan),
    Baris("evaluasi_bukti_bulanan", "get", url_bukti_bulanan,
          _h(404, 404, 200, 200, 200, 200, 200, wilayah=404)),
    Baris("evaluasi_bukti_bulanan", "post", url_bukti_bulanan,
          _h(404, 404, 303, 404, 303, 404, 303), data_tautan),
    # A Rencana Aksi line's evidence: whoever reads the plan; its bidang's staf and the admin
    # add.
    Baris("evaluasi_bukti_aksi", "get",
          lambda k: reverse("evaluasi_bukti_aksi", args=[ORG, aksi_rencana(k).pk]),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("evaluasi_bukti_aksi", "post",
          lambda k: reverse("evaluasi_bukti_aksi", args=[ORG, aksi_rencana(k).pk]),
          _h(404, 404, 303, 404, 303, 404, 303), data_tautan),
    Baris("evaluasi_bukti_unduh", "get", url_bukti("evaluasi_bukti_unduh"),
          _h(404, 200, 200, 200, 200, 200, 200)),
    Baris("evaluasi_bukti_unduh", "get", url_bukti("evaluasi_bukti_unduh", "bulanan"),
          _h(404, 404, 200, 200, 200, 200, 200, wilayah=404)),
    Baris("evaluasi_bukti_hapus", "post", url_bukti("evaluasi_bukti_hapus"),
          _h(404, 404, 303, 404, 303, 404, 303)),
]  # fmt: skip

KASUS = [
    pytest.param(baris, persona, id=f"{baris.metode}-{baris.nama}-{n}-{persona}")
    for n, baris in enumerate(MATRIKS)
    for persona in PERSONAS
]


def minta(client: Client, baris: Baris, kantor: Kantor):
    url = baris.url(kantor)
    data = baris.data(kantor) if baris.data else {}
    if baris.metode == "get":
        return url, client.get(url)
    return url, client.post(url, data)


@pytest.mark.parametrize(("baris", "persona"), KASUS)
def test_each_persona_gets_exactly_what_the_matrix_says(kantor, baris, persona):
    client = klien(kantor, persona)
    url, response = minta(client, baris, kantor)
    if persona == "anonim" and baris.json:
        assert response.status_code == 401
        assert response.json()["masuk"] is False
        return
    if persona == "anonim":
        assert response.status_code == 302
        assert response["Location"] == ke_masuk(url)
        return
    assert response.status_code == baris.harapan[persona], (
        f"{persona} {baris.metode.upper()} {url}: {response.status_code}, "
        f"diharapkan {baris.harapan[persona]}"
    )


@pytest.mark.parametrize("persona", ["anonim", "charlie", "bob", "kepala", "admin_org",
                                     "pemantau", "root"])  # fmt: skip
def test_only_the_staf_of_the_bidang_changes_its_realisasi(kantor, persona):
    data = data_entri(kantor)
    sebelum = list(Realisasi.objects.order_by("pk").values_list("pk", "realisasi", "versi"))
    klien(kantor, persona).post(url_entri(kantor), data)
    assert list(Realisasi.objects.order_by("pk").values_list("pk", "realisasi", "versi")) == (
        sebelum
    )


def test_the_staf_of_the_bidang_saves_the_row(kantor):
    response = klien(kantor, "alice").post(url_entri(kantor), data_entri(kantor))
    assert response.status_code == 303
    assert response["Location"].startswith(url_entri(kantor))
    tersimpan = Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=BULAN)
    assert tersimpan.realisasi == 5980


def _bisa_diisi(atribut: dict | None) -> bool:
    return atribut is not None and not ({"readonly", "disabled"} & set(atribut))


@pytest.mark.parametrize(
    ("persona", "bisa_isi"),
    [("alice", True), ("kepala", False), ("admin_org", False), ("pemantau", False),
     ("root", False)],
)  # fmt: skip
def test_the_entry_page_is_editable_only_for_the_staf_of_the_bidang(kantor, persona, bisa_isi):
    page = klien(kantor, persona).get(url_entri(kantor))
    assert page.status_code == 200
    inputs = isian(page.content.decode()).atribut
    r06 = f"r-{kantor.rumus['R06'].pk}-realisasi"
    assert _bisa_diisi(inputs.get(r06)) is bisa_isi


# -- the akun pages -----------------------------------------------------------------------

AKUN = [
    # persona, GET / (status, Location), GET /masuk/ status, POST /keluar/ Location
    ("anonim", 302, "/masuk/?next=/", 200),
    ("charlie", 302, "/o/seruyan/dasbor/", 302),
    ("bob", 302, "/o/palangkaraya/dasbor/", 302),
    ("alice", 302, "/o/palangkaraya/dasbor/", 302),
    ("kepala", 302, "/o/palangkaraya/dasbor/", 302),
    ("admin_org", 302, "/o/palangkaraya/dasbor/", 302),
    ("pemantau", 302, "/o/palangkaraya/dasbor/", 302),
    ("root", 200, None, 302),
    ("wilayah", 302, "/wilayah/", 302),
    ("wilayah_lain", 302, "/wilayah/", 302),
]


@pytest.mark.parametrize(("persona", "beranda", "tujuan", "masuk"), AKUN)
def test_the_akun_pages_answer_each_persona(kantor, persona, beranda, tujuan, masuk):
    client = klien(kantor, persona)
    response = client.get(reverse("beranda"))
    assert response.status_code == beranda
    if tujuan:
        assert response["Location"] == tujuan
    assert client.get(reverse("masuk")).status_code == masuk
    keluar = client.post(reverse("keluar"))
    assert (keluar.status_code, keluar["Location"]) == (302, reverse("masuk"))
    assert client.get(reverse("beranda"))["Location"] == "/masuk/?next=/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_account_settings_are_each_user_s_own(kantor, persona):
    client = klien(kantor, persona)
    response = client.get(reverse("pengaturan"))
    if persona == "anonim":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    anggota = Anggota.objects.filter(pengguna=pengguna(kantor, persona)).first()
    if anggota is None:
        assert "tidak menerima pengingat" in response.content.decode()
        return
    assert client.post(reverse("pengaturan"), {}).status_code == 302
    anggota.refresh_from_db()
    assert anggota.terima_pengingat is False
    assert Anggota.objects.exclude(pk=anggota.pk).filter(terima_pengingat=False).count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_logout_answers_get_with_405(kantor, persona):
    assert klien(kantor, persona).get(reverse("keluar")).status_code == 405


# -- other organisasi's objects behind this organisasi's URL ------------------------------


@pytest.fixture
def milik_seruyan(kantor):
    """A bidang slug and a rumus that exist only in Seruyan."""
    bidang = Bidang.objects.create(
        organisasi=kantor.organisasi_lain, nama="Resos dan Dayasos", slug="resos-dan-dayasos"
    )
    assert not Bidang.objects.filter(organisasi=kantor.organisasi, slug=bidang.slug).exists()
    rumus = buat_definisi(kantor.organisasi_lain, TAHUN, seruyan_rows()[:1])
    return bidang, next(iter(rumus.values()))


@pytest.mark.parametrize("persona", ["alice", "kepala", "admin_org", "pemantau", "root"])
@pytest.mark.parametrize(
    ("nama", "metode"),
    [("entri", "get"), ("entri", "post"), ("entri_pratinjau", "post"),
     ("entri_kembalikan", "post"), ("entri_pengecualian", "post")],
)  # fmt: skip
def test_a_bidang_slug_of_another_organisasi_answers_404(
    kantor, milik_seruyan, persona, nama, metode
):
    bidang, _ = milik_seruyan
    url = reverse(nama, args=[ORG, TAHUN, BULAN, bidang.slug])
    client = klien(kantor, persona)
    response = client.get(url) if metode == "get" else client.post(url, {"aksi": "simpan"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["alice", "kepala", "admin_org", "pemantau", "root"])
def test_a_rumus_of_another_organisasi_answers_404(kantor, milik_seruyan, persona):
    _, rumus = milik_seruyan
    url = reverse("jejak_baris", args=[ORG, rumus.pk])
    assert klien(kantor, persona).get(url).status_code == 404


def test_the_superuser_reaches_the_seruyan_row_under_seruyan_only(kantor, milik_seruyan):
    _, rumus = milik_seruyan
    root = klien(kantor, "root")
    assert root.get(reverse("jejak_baris", args=["seruyan", rumus.pk])).status_code == 200
    assert (
        klien(kantor, "kepala").get(reverse("jejak_baris", args=["seruyan", rumus.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_an_unknown_organisasi_answers_404(kantor, persona):
    client = klien(kantor, persona)
    assert client.get(reverse("dasbor", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("dasbor_data", args=["tidak-ada"])).status_code == 404


def test_the_dashboard_json_of_an_organisasi_holds_only_its_own_figures(kantor, milik_seruyan):
    charlie = klien(kantor, "charlie")
    assert charlie.get(reverse("dasbor_data", args=[ORG])).status_code == 404
    response = charlie.get(reverse("dasbor_data", args=["seruyan"]), {"tahun": TAHUN})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    teks = response.content.decode()
    for milik_kota in ("Penanganan Fakir Miskin", "Pemberdayaan Sosial", "Palangka Raya"):
        assert milik_kota not in teks
    kota = klien(kantor, "kepala").get(reverse("dasbor_data", args=[ORG]), {"tahun": TAHUN})
    assert "Seruyan" not in kota.content.decode()


def test_the_preview_json_is_scoped_like_the_entry_page(kantor):
    data = data_entri(kantor)
    url = url_entri(kantor, "entri_pratinjau")
    assert klien(kantor, "bob").post(url, data).status_code == 404
    assert klien(kantor, "charlie").post(url, data).status_code == 404
    response = klien(kantor, "alice").post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_month_audit_of_a_staf_shows_only_their_own_bidang(kantor):
    assert klien(kantor, "alice").post(url_entri(kantor), data_entri(kantor)).status_code == 303
    url = reverse("jejak_bulan", args=[ORG, TAHUN, BULAN])
    baris_r06 = reverse("jejak_baris", args=[ORG, kantor.rumus["R06"].pk])  # linked per entry
    assert baris_r06 in klien(kantor, "kepala").get(url).content.decode()
    assert baris_r06 in klien(kantor, "alice").get(url).content.decode()
    bob = klien(kantor, "bob").get(url)
    assert bob.status_code == 200
    assert baris_r06 not in bob.content.decode()
    assert "R06" not in bob.content.decode()


def test_a_staf_without_membership_in_any_bidang_sees_no_entry_page(kantor):
    Anggota.objects.filter(pengguna=kantor.alice).first().bidang.clear()
    assert klien(kantor, "alice").get(url_entri(kantor)).status_code == 404


# -- coverage -----------------------------------------------------------------------------


def _nama_url(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from _nama_url(p.url_patterns, p.namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield p.name


# -- the public verification pages: everyone, anonymous included, gets the same -----------

PUBLIK = ["verifikasi", "verifikasi_token", "verifikasi_unduh"]
# The password reset: public, tested in tests/akun/test_sandi.py.
SANDI = ["sandi_lupa", "sandi_terkirim", "sandi_atur", "sandi_selesai"]
# The session's own state (issue 16): every logged-in user, about their own session only.
SESI = ["sesi_status", "sesi_perpanjang"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_session_endpoints_answer_about_the_callers_own_session(kantor, persona):
    client = klien(kantor, persona)
    status = client.get(reverse("sesi_status"))
    perpanjang = client.post(reverse("sesi_perpanjang"))
    if persona == "anonim":
        assert (status.status_code, status.json()) == (200, {"masuk": False})
        assert perpanjang.status_code == 401
        return
    assert status.status_code == perpanjang.status_code == 200
    assert (
        status.json()["pengguna"]
        == perpanjang.json()["pengguna"]
        == pengguna(kantor, persona).username
    )


def url_publik(kantor: Kantor, nama: str) -> str:
    if nama == "verifikasi":
        return reverse(nama)
    return reverse(nama, args=[versi_tertanda(kantor).token])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("nama", PUBLIK)
def test_the_verification_pages_are_public_and_the_same_for_everyone(kantor, persona, nama):
    response = klien(kantor, persona).get(url_publik(kantor, nama))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["anonim", "charlie", "kepala"])
def test_an_unknown_verification_token_answers_404(kantor, persona):
    client = klien(kantor, persona)
    assert client.get(reverse("verifikasi_token", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("verifikasi_unduh", args=["tidak-ada"])).status_code == 404


def test_every_url_is_in_the_matrix():
    # The account pages (settings, notifications) are each user's own: tests/akun.
    diuji = {b.nama for b in MATRIKS} | {"beranda", "masuk", "keluar", *PUBLIK, *SANDI,
                                         "pengaturan", "notifikasi", "buka_notifikasi",
                                         *SESI}  # fmt: skip
    assert set(_nama_url(get_resolver().url_patterns)) == diuji
