"""Verification of an issued report: byte-identical to a stored version and validly signed,
the public pages (no login) reached from the QR code, and the two commands."""

import hashlib
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from laporan import views_verifikasi
from laporan.models import KonfigurasiTandaTangan, LaporanTertanda
from laporan.tanda_tangan import buat_sertifikat_demo, muat_penanda, tandatangani, teks_waktu
from laporan.verifikasi import PESAN_TIDAK_COCOK, detail_laporan, verifikasi_berkas

# The lead includes laporan.urls_publik at the site root; this keeps the tests independent of
# that line (a second include of the same patterns is harmless).
urlpatterns = [
    path("", include("laporan.urls_publik")),
    path("", include("dinsos_kinerja.urls")),
]
pytestmark = pytest.mark.urls(__name__)

DITANDATANGANI = datetime(2025, 4, 15, 3, 32, 10, tzinfo=UTC)  # 10.32 WIB


@pytest.fixture
def penanda(organisasi, settings, tmp_path):
    settings.TANDA_TANGAN_DIR = tmp_path
    organisasi.kepala_nama = "H. RIDUAN, SKM, M.M. Kes"
    organisasi.save()
    buat_sertifikat_demo(organisasi)
    return muat_penanda(organisasi)


def terbitkan(
    organisasi, penanda, *, bulan=3, versi=1, sidik=None, ditandatangani_pada=None
) -> LaporanTertanda:
    html = f"<h1>{organisasi.nama}</h1><p>Laporan bulan {bulan} versi {versi}</p>"
    pdf = tandatangani(
        weasyprint.HTML(string=html).write_pdf(),
        penanda,
        nama=organisasi.kepala_nama,
        lokasi="Palangka Raya",
        alasan=f"Persetujuan laporan, versi {versi}",
    )
    return LaporanTertanda.objects.create(
        organisasi=organisasi,
        tahun=2025,
        bulan=bulan,
        versi=versi,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        data={},
        tanggal=date(2025, 4, 14),
        kota="Palangka Raya",
        penanda_nama=organisasi.kepala_nama,
        penanda_jabatan="Kepala Dinas Sosial Kota Palangka Raya",
        penanda_pangkat="Pembina Tingkat I (IV/b)",
        penanda_nip="197112061994031006",
        sertifikat_subjek=penanda.subjek,
        sertifikat_sidik=sidik or penanda.sidik,
        ditandatangani_pada=ditandatangani_pada or timezone.now(),
    )


def buka_kembali(laporan: LaporanTertanda) -> LaporanTertanda:
    LaporanTertanda.objects.filter(pk=laporan.pk).update(
        digantikan_pada=datetime(2025, 5, 2, 1, 5, tzinfo=UTC),
        alasan_dibuka="Realisasi bidang Rehabilitasi Sosial salah ketik",
        dibuka_oleh="Admin Dinas",
    )
    laporan.refresh_from_db()
    return laporan


@pytest.fixture
def maret(organisasi, penanda) -> LaporanTertanda:
    return terbitkan(organisasi, penanda)


@pytest.fixture
def dua_versi(organisasi, penanda):
    lama = buka_kembali(terbitkan(organisasi, penanda, versi=1))
    baru = terbitkan(organisasi, penanda, versi=2)
    return lama, baru


def pdf_dari(laporan: LaporanTertanda) -> bytes:
    return bytes(laporan.pdf)


def balik(data: bytes, posisi: int) -> bytes:
    ubah = bytearray(data)
    ubah[posisi] = ord("7") if ubah[posisi] != ord("7") else ord("3")
    return bytes(ubah)


def tambah_pembaruan(data: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(data))
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    keluaran = BytesIO()
    writer.write(keluaran)
    return keluaran.getvalue()


# --- verifikasi_berkas ------------------------------------------------------------------------


def test_the_issued_file_is_genuine(maret):
    hasil = verifikasi_berkas(pdf_dari(maret))
    assert hasil.asli, hasil.pesan
    assert hasil.laporan == maret
    assert hasil.berlaku and hasil.versi_terbaru is None
    assert hasil.pesan.startswith("Dokumen asli")
    assert hasil.periksa.sah


@pytest.mark.parametrize("bagian", [0.01, 0.3, "contents", 0.99])
def test_one_changed_byte_is_not_genuine(maret, bagian):
    data = pdf_dari(maret)
    di_contents = data.index(b"/Contents <") + 40
    posisi = di_contents if bagian == "contents" else int(len(data) * bagian)
    hasil = verifikasi_berkas(balik(data, posisi))
    assert not hasil.asli
    assert hasil.laporan is None
    assert hasil.pesan.startswith(PESAN_TIDAK_COCOK)
    assert "tanda tangan" in hasil.pesan  # the signature check result is said too


def test_an_incremental_update_is_not_genuine(maret):
    hasil = verifikasi_berkas(tambah_pembaruan(pdf_dari(maret)))
    assert not hasil.asli and hasil.laporan is None
    assert PESAN_TIDAK_COCOK in hasil.pesan
    assert "ditambahkan" in hasil.pesan


def test_an_unsigned_or_unreadable_file_is_not_genuine(db):
    hasil = verifikasi_berkas(weasyprint.HTML(string="<p>palsu</p>").write_pdf())
    assert not hasil.asli
    assert "tidak memuat tanda tangan digital" in hasil.pesan
    assert not verifikasi_berkas(b"bukan pdf").asli


def test_a_file_signed_with_our_key_but_never_issued_is_not_genuine(maret, penanda):
    lain = tandatangani(
        weasyprint.HTML(string="<p>tidak pernah diterbitkan</p>").write_pdf(),
        penanda,
        nama="X",
        lokasi="Y",
        alasan="Z",
    )
    hasil = verifikasi_berkas(lain)
    assert not hasil.asli
    assert "tidak tercatat sebagai dokumen yang diterbitkan" in hasil.pesan


def test_a_superseded_version_is_genuine_and_names_the_current_one(dua_versi):
    lama, baru = dua_versi
    hasil = verifikasi_berkas(pdf_dari(lama))
    assert hasil.asli
    assert not hasil.berlaku
    assert hasil.versi_terbaru == baru
    assert "digantikan oleh versi 2" in hasil.pesan
    terbaru = verifikasi_berkas(pdf_dari(baru))
    assert terbaru.asli and terbaru.berlaku and terbaru.versi_terbaru is None


def test_a_reopened_month_without_a_new_version(organisasi, penanda):
    lama = buka_kembali(terbitkan(organisasi, penanda))
    hasil = verifikasi_berkas(pdf_dari(lama))
    assert hasil.asli and not hasil.berlaku and hasil.versi_terbaru is None
    assert "tidak berlaku" in hasil.pesan


def test_a_stored_version_whose_certificate_does_not_match_is_not_genuine(organisasi, penanda):
    laporan = terbitkan(organisasi, penanda, sidik="0" * 64)
    hasil = verifikasi_berkas(pdf_dari(laporan))
    assert not hasil.asli
    assert hasil.laporan == laporan
    assert "tidak dapat diverifikasi" in hasil.pesan


def test_old_versions_still_verify_after_a_new_certificate(organisasi, penanda, dua_versi):
    buat_sertifikat_demo(organisasi)
    lama, baru = dua_versi
    assert verifikasi_berkas(pdf_dari(lama)).asli
    assert verifikasi_berkas(pdf_dari(baru)).asli


def test_a_missing_chain_file_fails_closed_without_naming_server_paths(maret):
    KonfigurasiTandaTangan.objects.filter(organisasi=maret.organisasi).update(
        berkas_rantai="/tidak/ada/rantai.pem"
    )
    hasil = verifikasi_berkas(pdf_dari(maret))
    assert not hasil.asli
    assert "Hubungi admin dinas" in hasil.pesan
    assert "/tidak/ada" not in hasil.pesan


def test_detail_rows(organisasi, penanda):
    lama = buka_kembali(terbitkan(organisasi, penanda, ditandatangani_pada=DITANDATANGANI))
    baru = terbitkan(organisasi, penanda, versi=2, ditandatangani_pada=DITANDATANGANI)
    baris = dict(detail_laporan(baru))
    assert list(baris) == [
        "Organisasi",
        "Periode",
        "Versi",
        "Status",
        "Penanda tangan",
        "Ditandatangani pada",
        "Tanggal laporan",
        "SHA-256",
        "Sertifikat",
    ]
    assert baris["Organisasi"] == "Dinas Sosial Kota Palangka Raya"
    assert baris["Periode"] == "Maret 2025"
    assert baris["Versi"] == "2"
    assert baris["Status"] == "Berlaku"
    assert baris["Penanda tangan"] == (
        "H. RIDUAN, SKM, M.M. Kes, Kepala Dinas Sosial Kota Palangka Raya, "
        "Pembina Tingkat I (IV/b), NIP 197112061994031006"
    )
    assert baris["Ditandatangani pada"] == "15 April 2025 10.32 WIB"
    assert baris["Tanggal laporan"] == "14 April 2025"
    assert baris["SHA-256"] == baru.sha256
    assert baru.sertifikat_sidik in baris["Sertifikat"]
    assert baru.sertifikat_subjek in baris["Sertifikat"]
    assert dict(detail_laporan(lama))["Status"] == (
        "Digantikan: bulan dibuka kembali pada 2 Mei 2025 08.05 WIB oleh Admin Dinas, "
        "alasan: Realisasi bidang Rehabilitasi Sosial salah ketik"
    )


# --- public pages -----------------------------------------------------------------------------


def unggah(client, url: str, data: bytes, nama: str = "laporan.pdf"):
    berkas = SimpleUploadedFile(nama, data, content_type="application/pdf")
    return client.post(url, {"berkas": berkas})


def test_the_url_names():
    assert reverse("verifikasi") == "/verifikasi/"
    assert reverse("verifikasi_token", args=["abc_-1"]) == "/verifikasi/abc_-1/"
    assert reverse("verifikasi_unduh", args=["abc_-1"]) == "/verifikasi/abc_-1/unduh/"


def test_the_explanation_page_needs_no_login(client, db):
    response = client.get(reverse("verifikasi"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cara memeriksa" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="berkas"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'name="viewport"' in html
    assert "css/verifikasi.css" in html


def test_the_version_page_shows_its_details_without_login(client, maret):
    response = client.get(reverse("verifikasi_token", args=[maret.token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen asli" in html
    assert "Dinas Sosial Kota Palangka Raya" in html
    assert "Maret 2025" in html
    assert teks_waktu(maret.ditandatangani_pada) in html
    assert maret.sha256 in html
    assert reverse("verifikasi_unduh", args=[maret.token]) in html
    assert 'name="berkas"' in html
    assert "noindex" in html
    assert "private" in response["Cache-Control"]


def test_an_unknown_token_is_404(client, maret):
    assert client.get("/verifikasi/tidak-ada-token-ini/").status_code == 404
    assert client.get("/verifikasi/tidak-ada-token-ini/unduh/").status_code == 404
    response = unggah(client, "/verifikasi/tidak-ada-token-ini/", pdf_dari(maret))
    assert response.status_code == 404


def test_the_download_is_the_stored_bytes_exactly(client, maret):
    response = client.get(reverse("verifikasi_unduh", args=[maret.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="laporan-palangkaraya-2025-03-v1.pdf"'
    )
    assert response.content == pdf_dari(maret)
    assert hashlib.sha256(response.content).hexdigest() == maret.sha256


def test_a_superseded_version_page_says_so_and_links_the_new_one(client, dua_versi):
    lama, baru = dua_versi
    html = client.get(reverse("verifikasi_token", args=[lama.token])).content.decode()
    assert "Versi ini sudah digantikan oleh versi 2" in html
    assert reverse("verifikasi_token", args=[baru.token]) in html
    assert "Digantikan: bulan dibuka kembali pada 2 Mei 2025 08.05 WIB oleh Admin Dinas" in html
    assert "verifikasi__status--peringatan" in html
    assert "verifikasi__status--asli" not in html


def test_uploading_on_the_general_page(client, maret):
    response = unggah(client, reverse("verifikasi"), pdf_dari(maret))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen asli" in html
    assert "Maret 2025" in html
    assert reverse("verifikasi_token", args=[maret.token]) in html

    response = unggah(client, reverse("verifikasi"), balik(pdf_dari(maret), 500))
    html = response.content.decode()
    assert "Tidak asli" in html
    assert "tidak cocok dengan dokumen mana pun" in html
    assert "Dokumen asli" not in html


def test_uploading_on_a_version_page(client, dua_versi, organisasi, penanda):
    lama, baru = dua_versi
    url = reverse("verifikasi_token", args=[baru.token])

    html = unggah(client, url, pdf_dari(baru)).content.decode()
    assert "sama persis dengan dokumen ini" in html

    html = unggah(client, url, pdf_dari(lama)).content.decode()
    assert "Dokumen lain" in html
    assert "bukan dokumen ini" in html and "versi 1" in html
    assert reverse("verifikasi_token", args=[lama.token]) in html

    april = terbitkan(organisasi, penanda, bulan=4)
    html = unggah(client, url, pdf_dari(april)).content.decode()
    assert "Dokumen lain" in html and "April 2025" in html

    html = unggah(client, url, tambah_pembaruan(pdf_dari(baru))).content.decode()
    assert "Tidak asli" in html
    assert "ditambahkan" in html


def test_upload_without_a_file_or_too_large(client, maret, monkeypatch):
    response = client.post(reverse("verifikasi"), {})
    assert response.status_code == 400
    assert "Pilih berkas PDF" in response.content.decode()

    monkeypatch.setattr(views_verifikasi, "BATAS_UNGGAHAN", 1000)
    response = unggah(client, reverse("verifikasi_token", args=[maret.token]), pdf_dari(maret))
    assert response.status_code == 400
    assert "Berkas terlalu besar: ukuran maksimal 20 MB." in response.content.decode()


def test_upload_is_csrf_protected(maret):
    client = Client(enforce_csrf_checks=True)
    for url in (reverse("verifikasi"), reverse("verifikasi_token", args=[maret.token])):
        assert unggah(client, url, pdf_dari(maret)).status_code == 403
        halaman = client.get(url)
        token = halaman.cookies["csrftoken"].value
        berkas = SimpleUploadedFile("l.pdf", pdf_dari(maret), content_type="application/pdf")
        response = client.post(url, {"berkas": berkas, "csrfmiddlewaretoken": token})
        assert response.status_code == 200
        assert "Dokumen asli" in response.content.decode()


# --- commands ---------------------------------------------------------------------------------


def test_verifikasi_pdf_genuine(maret, tmp_path, capsys):
    berkas = tmp_path / "maret.pdf"
    berkas.write_bytes(pdf_dari(maret))
    call_command("verifikasi_pdf", str(berkas))
    keluar = capsys.readouterr().out
    assert "ASLI" in keluar
    assert "Periode: Maret 2025" in keluar
    assert "Status: Berlaku" in keluar
    assert f"SHA-256: {maret.sha256}" in keluar


def test_verifikasi_pdf_superseded_is_genuine_with_its_status(dua_versi, tmp_path, capsys):
    lama, _ = dua_versi
    berkas = tmp_path / "lama.pdf"
    berkas.write_bytes(pdf_dari(lama))
    call_command("verifikasi_pdf", str(berkas))
    keluar = capsys.readouterr().out
    assert "Status: Digantikan" in keluar
    assert "Versi terbaru: 2" in keluar


@pytest.mark.parametrize("ubah", ["satu byte", "pembaruan", "tanda tangan"])
def test_verifikasi_pdf_refuses_altered_files(maret, tmp_path, ubah):
    data = pdf_dari(maret)
    if ubah == "satu byte":
        data = balik(data, len(data) // 2)
    elif ubah == "pembaruan":
        data = tambah_pembaruan(data)
    else:
        data = balik(data, data.index(b"/Contents <") + 100)
    berkas = tmp_path / "ubah.pdf"
    berkas.write_bytes(data)
    with pytest.raises(CommandError, match="TIDAK ASLI"):
        call_command("verifikasi_pdf", str(berkas))


def test_verifikasi_pdf_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("verifikasi_pdf", str(tmp_path / "tidak-ada.pdf"))


def test_sertifikat_demo_command(organisasi, settings, tmp_path, capsys):
    settings.TANDA_TANGAN_DIR = tmp_path
    settings.DEBUG = True
    call_command("sertifikat_demo", "--organisasi", "palangkaraya")
    keluar = capsys.readouterr().out
    assert str(tmp_path / "palangkaraya" / "kepala-dinas.p12") in keluar
    assert str(tmp_path / "palangkaraya" / "kepala-dinas.sandi") in keluar
    assert f"Kepala {organisasi.nama}" in keluar
    assert "sampai" in keluar and "WIB" in keluar
    assert KonfigurasiTandaTangan.objects.filter(organisasi=organisasi).exists()

    call_command(
        "sertifikat_demo", "--organisasi", "palangkaraya", "--direktori", str(tmp_path / "d")
    )
    assert (tmp_path / "d" / "palangkaraya" / "kepala-dinas.p12").exists()


def test_sertifikat_demo_refuses_without_debug_unless_forced(organisasi, settings, tmp_path):
    settings.TANDA_TANGAN_DIR = tmp_path
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--paksa"):
        call_command("sertifikat_demo", "--organisasi", "palangkaraya")
    assert not KonfigurasiTandaTangan.objects.exists()
    call_command("sertifikat_demo", "--organisasi", "palangkaraya", "--paksa")
    assert KonfigurasiTandaTangan.objects.filter(organisasi=organisasi).exists()


def test_sertifikat_demo_unknown_organisasi(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("sertifikat_demo", "--organisasi", "tidak-ada")


@pytest.mark.parametrize(
    ("nama", "isi"),
    [("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 200),
     ("laporan.docx", b"PK\x03\x04" + b"\x00" * 200), ("kosong.pdf", b"bukan pdf sama sekali")],
)  # fmt: skip
def test_a_file_that_is_not_a_pdf_is_told_so_not_called_a_forgery(client, db, nama, isi):
    html = unggah(client, reverse("verifikasi"), isi, nama=nama).content.decode()
    assert "Bukan berkas PDF" in html and "Berkas ini bukan PDF" in html
    assert "Tidak asli" not in html and "mungkin telah diubah" not in html
