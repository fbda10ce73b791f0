"""The quarter's evaluation: analysis (concurrency, audit, scope), evidence (sniffed upload,
links, download scope and headers, deletion, audit), and the quarter's PDF."""

import subprocess

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capaian.models import JejakAudit
from evaluasi.models import AnalisisTriwulan, BuktiDukung, JenisBerkas
from tests.evaluasi import berkas_uji as uji
from tests.evaluasi.conftest import masuk

pytestmark = pytest.mark.django_db
ORG = "palangkaraya"


def url(renstra, nama="evaluasi_indikator", kode="IKK-FM", tw=1):
    return reverse(nama, args=[ORG, renstra.kunci, kode, 2025, tw])


def analisis(**isi):
    return {"versi": "0", "pendorong": "", "penghambat": "", "tindak_lanjut": "", **isi}


def unggah(client, renstra, nama, isi, **extra):
    return client.post(
        url(renstra, "evaluasi_bukti_unggah"),
        {"berkas": SimpleUploadedFile(nama, isi, content_type="application/pdf"), **extra},
    )


# -- analysis ---------------------------------------------------------------------------


def test_the_staf_writes_the_analysis_and_the_kepala_reads_it(kantor, renstra):
    alice = masuk(kantor.alice)
    r = alice.post(url(renstra), analisis(pendorong="Validasi DTKS selesai.",
                                          penghambat="Dana cair akhir triwulan.",
                                          tindak_lanjut="Jadwal ulang kegiatan."))  # fmt: skip
    assert r.status_code == 303
    a = AnalisisTriwulan.objects.get()
    assert (a.versi, a.diubah_oleh, a.pendorong) == (1, kantor.alice, "Validasi DTKS selesai.")
    halaman = masuk(kantor.kepala).get(url(renstra))
    teks = halaman.content.decode()
    assert "Dana cair akhir triwulan." in teks
    assert "<textarea" not in teks  # read-only for the Kepala Dinas
    assert (
        'data-draf="analisis/palangkaraya/iku-2025/IKK-FM/2025/1"'
        in alice.get(url(renstra)).content.decode()
    )


def test_a_stale_save_is_refused_naming_who_changed_it(kantor, renstra):
    alice, admin = masuk(kantor.alice), masuk(kantor.admin_org)
    assert alice.post(url(renstra), analisis(pendorong="Versi Alice")).status_code == 303
    # the admin's page was opened before Alice saved: it still says versi 0
    r = admin.post(url(renstra), analisis(pendorong="Versi admin"))
    assert r.status_code == 409
    teks = r.content.decode()
    assert "Tidak disimpan" in teks and "Alice" in teks and "alice" in teks
    assert "Versi admin" in teks  # what the admin typed is still on the page
    assert 'name="versi" value="1"' in teks  # a deliberate second save wins
    assert AnalisisTriwulan.objects.get().pendorong == "Versi Alice"
    assert JejakAudit.objects.filter(objek__startswith="evaluasi.AnalisisTriwulan#").count() == 1
    ulang = admin.post(url(renstra), analisis(versi="1", pendorong="Versi admin"))
    assert ulang.status_code == 303
    assert AnalisisTriwulan.objects.get().pendorong == "Versi admin"


def test_every_analysis_write_is_audited_with_before_and_after(kantor, renstra):
    alice = masuk(kantor.alice)
    alice.post(url(renstra), analisis(pendorong="A"))
    alice.post(url(renstra), analisis(versi="1", pendorong="B"))
    alice.post(url(renstra), analisis(versi="2", pendorong="B"))  # unchanged: nothing written
    jejak = list(JejakAudit.objects.filter(objek__startswith="evaluasi.AnalisisTriwulan#")
                 .order_by("pk"))  # fmt: skip
    assert [j.aksi for j in jejak] == ["buat", "ubah"]
    assert jejak[1].nilai_lama["pendorong"] == "A" and jejak[1].nilai_baru["pendorong"] == "B"
    assert jejak[1].nama_pengguna.endswith("(alice)")
    assert "IKK-FM Triwulan I 2025" in jejak[1].catatan


@pytest.mark.parametrize("persona", ["bob", "kepala", "pemantau", "charlie"])
def test_only_the_bidang_s_staf_and_the_admin_write(kantor, renstra, persona):
    r = masuk(getattr(kantor, persona)).post(url(renstra), analisis(pendorong="X"))
    assert r.status_code == 404
    assert not AnalisisTriwulan.objects.exists()


def test_too_long_a_text_is_refused_and_kept_on_the_page(kantor, renstra):
    r = masuk(kantor.alice).post(url(renstra), analisis(penghambat="x" * 5001))
    assert r.status_code == 422
    assert "paling banyak 5.000 karakter" in r.content.decode()
    assert not AnalisisTriwulan.objects.exists()


# -- evidence ---------------------------------------------------------------------------


def test_a_png_upload_is_stored_listed_and_audited(kantor, renstra):
    r = unggah(masuk(kantor.alice), renstra, "foto.png", uji.png(), keterangan="Foto kegiatan")
    assert r.status_code == 303
    b = BuktiDukung.objects.get()
    assert (b.jenis_berkas, b.nama_berkas, b.diunggah_oleh) == ("png", "foto.png", kantor.alice)
    assert b.berkas.name.startswith(f"bukti-dukung/{kantor.organisasi.pk}/")
    assert "foto" not in b.berkas.name  # never derived from the name
    assert default_storage.exists(b.berkas.name)
    j = JejakAudit.objects.get(objek=f"evaluasi.BuktiDukung#{b.pk}")
    assert j.aksi == "buat" and j.nilai_baru["sha256"] == b.sha256
    teks = masuk(kantor.kepala).get(url(renstra)).content.decode()
    assert "foto.png" in teks and "Foto kegiatan" in teks and "Alice" in teks
    # the count on the plan's indicator page
    halaman = masuk(kantor.kepala).get(
        reverse("rencana_indikator", args=[ORG, renstra.kunci, "IKK-FM"]) + "?tahun=2025"
    )
    assert "1 bukti" in halaman.content.decode()


def test_an_exe_named_pdf_is_refused_and_nothing_is_stored(kantor, renstra):
    r = unggah(masuk(kantor.alice), renstra, "laporan.pdf", uji.exe())
    assert r.status_code == 422
    assert "dikenali dari isinya" in r.content.decode()
    assert not BuktiDukung.objects.exists()
    assert (
        not default_storage.exists("bukti-dukung") or not default_storage.listdir("bukti-dukung")[0]
    )


def test_a_docx_named_pdf_is_stored_as_docx(kantor, renstra):
    client = masuk(kantor.alice)
    r = unggah(client, renstra, "berita-acara.pdf", uji.docx())
    assert r.status_code == 303
    b = BuktiDukung.objects.get()
    assert (b.jenis_berkas, b.nama_berkas) == (JenisBerkas.DOCX, "berita-acara.docx")
    assert b.berkas.name.endswith(".docx")
    unduh = client.get(reverse("evaluasi_bukti_unduh", args=[ORG, b.pk]))
    assert unduh["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_a_link_stands_in_for_a_file_http_and_https_only(kantor, renstra):
    client = masuk(kantor.alice)
    for buruk in ("javascript:alert(1)", "ftp://contoh.id/a", "drive.google.com/x", "https://"):
        r = client.post(url(renstra, "evaluasi_bukti_unggah"), {"tautan": buruk})
        assert r.status_code == 422, buruk
    tautan = "https://drive.google.com/file/d/1dbb_SkhGKsiBZc-l-yM3wgXqZP94GyDx/view"
    r = client.post(url(renstra, "evaluasi_bukti_unggah"), {"tautan": tautan})
    assert r.status_code == 303
    b = BuktiDukung.objects.get()
    assert (b.jenis_berkas, b.tautan, b.berkas.name or "") == ("tautan", tautan, "")
    assert (
        f'href="{tautan}" rel="noopener noreferrer nofollow"'
        in client.get(url(renstra)).content.decode()
    )
    assert client.get(reverse("evaluasi_bukti_unduh", args=[ORG, b.pk])).status_code == 404


@pytest.fixture
def bukti_png(kantor, renstra):
    unggah(masuk(kantor.alice), renstra, "foto.png", uji.png())
    return BuktiDukung.objects.get()


def test_the_download_is_an_attachment_never_sniffed(kantor, bukti_png):
    r = masuk(kantor.pemantau).get(reverse("evaluasi_bukti_unduh", args=[ORG, bukti_png.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="foto.png"'
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Type"] == "image/png"
    assert "no-store" in r["Cache-Control"]
    assert b"".join(r.streaming_content) == uji.png()


def test_the_download_s_scope(kantor, bukti_png):
    u = reverse("evaluasi_bukti_unduh", args=[ORG, bukti_png.pk])
    assert masuk(kantor.charlie).get(u).status_code == 404  # another organisasi
    lain = reverse("evaluasi_bukti_unduh", args=["seruyan", bukti_png.pk])
    assert masuk(kantor.charlie).get(lain).status_code == 404  # nor under its own address
    assert masuk(kantor.bob).get(u).status_code == 200  # reads the plan
    anonim = masuk(kantor.kepala)
    anonim.logout()
    r = anonim.get(u)
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_a_monthly_row_s_evidence_follows_the_entry_page_s_scope(kantor):
    r06 = kantor.rumus["R06"]
    u = reverse("evaluasi_bukti_bulanan", args=[ORG, r06.pk, 2025, 1])
    r = masuk(kantor.alice).post(u, {"berkas": SimpleUploadedFile("rekap.xlsx", uji.xlsx())})
    assert r.status_code == 303
    b = BuktiDukung.objects.get()
    assert (b.jenis, b.rumus, b.bulan, b.triwulan) == ("bulanan", r06, 1, None)
    unduh = reverse("evaluasi_bukti_unduh", args=[ORG, b.pk])
    assert masuk(kantor.bob).get(u).status_code == 404  # another bidang's row
    assert masuk(kantor.bob).get(unduh).status_code == 404
    assert masuk(kantor.kepala).get(unduh).status_code == 200
    assert masuk(kantor.kepala).post(u, {"tautan": "https://a.id/"}).status_code == 404


def test_deletion_by_the_uploader_or_the_admin_only_audited_file_gone(kantor, bukti_png):
    u = reverse("evaluasi_bukti_hapus", args=[ORG, bukti_png.pk])
    for persona in ("bob", "kepala", "pemantau", "charlie"):
        assert masuk(getattr(kantor, persona)).post(u).status_code == 404
    assert BuktiDukung.objects.exists()
    r = masuk(kantor.admin_org).post(u)
    assert r.status_code == 303 and r["Location"].endswith("#bukti")
    assert not BuktiDukung.objects.exists()
    j = JejakAudit.objects.get(objek=f"evaluasi.BuktiDukung#{bukti_png.pk}", aksi="hapus")
    assert j.nilai_lama["nama_berkas"] == "foto.png" and j.nilai_baru is None


def test_the_deleted_file_leaves_storage_after_the_commit(
    kantor, bukti_png, django_capture_on_commit_callbacks
):
    nama = bukti_png.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        masuk(kantor.alice).post(reverse("evaluasi_bukti_hapus", args=[ORG, bukti_png.pk]))
    assert not default_storage.exists(nama)


# -- the quarter ------------------------------------------------------------------------


def test_the_overview_counts_analysis_and_evidence(kantor, renstra, bukti_png):
    masuk(kantor.alice).post(url(renstra), analisis(pendorong="Ada"))
    r = masuk(kantor.kepala).get(reverse("evaluasi_triwulan", args=[ORG, renstra.kunci, 2025, 1]))
    teks = r.content.decode()
    assert r.status_code == 200
    assert "1 dengan analisis · 1 bukti dukung" in teks
    assert url(renstra) in teks


def test_the_quarter_pdf_prints_the_analysis(kantor, renstra):
    masuk(kantor.alice).post(url(renstra), analisis(
        pendorong="Pemutakhiran DTKS di lapangan.", penghambat="Kendaraan operasional terbatas.",
        tindak_lanjut="Asesmen ulang BNBA."))  # fmt: skip
    r = masuk(kantor.pemantau).get(
        reverse("evaluasi_triwulan_pdf", args=[ORG, renstra.kunci, 2025, 1])
    )
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.content,
                          capture_output=True, check=True).stdout.decode()  # fmt: skip
    rapat = " ".join(teks.split())
    assert "CAPAIAN KINERJA DAN ANALISIS TRIWULAN I TAHUN 2025" in rapat
    for potongan in (
        "Pemutakhiran DTKS di lapangan.",
        "Kendaraan operasional terbatas.",
        "Asesmen ulang BNBA.",
        "Faktor pendorong",
        "Tindak lanjut",
        "IKK-FM",
    ):
        assert potongan in rapat, potongan


def test_two_first_saves_at_once_the_second_is_told_not_a_server_error(
    kantor, renstra, monkeypatch
):
    """Both pages showed no analysis (versi 0) and saved at once: the row lock cannot hold a
    row that does not exist yet, so the unique constraint decides and the loser is told."""
    from evaluasi import services
    from rencana.models import IndikatorRencana

    ind = IndikatorRencana.objects.select_related("renstra").get(kode="IKK-FM")
    AnalisisTriwulan.objects.create(indikator=ind, tahun=2025, triwulan=1, pendorong="Pertama",
                                    nama_pengubah="Alice (alice)")  # fmt: skip

    class BelumAda:  # what the second save's locked read saw, before the first committed
        def filter(self, *a, **k):
            return self

        def select_related(self, *a):
            return self

        def first(self):
            return None

    monkeypatch.setattr(services.AnalisisTriwulan.objects, "select_for_update", BelumAda)
    with pytest.raises(services.AnalisisBentrok, match=r"Alice \(alice\)"):
        services.simpan_analisis(
            pengguna=kantor.admin_org,
            indikator=ind,
            tahun=2025,
            triwulan=1,
            versi=0,
            nilai={"pendorong": "Kedua", "penghambat": "", "tindak_lanjut": ""},
        )
    assert AnalisisTriwulan.objects.get().pendorong == "Pertama"


def test_a_rencana_aksi_line_s_evidence(kantor, renstra):
    """Seed 003's action table links evidence per line: here a file (or link) on the line,
    added by the line's bidang staf or the admin, read by whoever reads the plan."""
    from rencana.models import AksiRencana

    aksi = AksiRencana.objects.create(
        renstra=renstra,
        tahun=2025,
        nomor=1,
        rencana_aksi="Verifikasi dan validasi DTKS",
        bidang=kantor.fakir_miskin,
    )
    u = reverse("evaluasi_bukti_aksi", args=[ORG, aksi.pk])
    berkas = SimpleUploadedFile("ba-verval.png", uji.png())
    assert masuk(kantor.bob).post(u, {"berkas": berkas}).status_code == 404  # another bidang
    r = masuk(kantor.alice).post(u, {"berkas": SimpleUploadedFile("ba-verval.png", uji.png())})
    assert r.status_code == 303
    b = BuktiDukung.objects.get()
    assert (b.jenis, b.aksi, b.indikator, b.rumus) == ("aksi", aksi, None, None)
    assert b.label_sasaran == "Rencana aksi 2025 no. 1"
    halaman = masuk(kantor.pemantau).get(u).content.decode()
    assert "ba-verval.png" in halaman and "Verifikasi dan validasi DTKS" in halaman
    unduh = reverse("evaluasi_bukti_unduh", args=[ORG, b.pk])
    assert masuk(kantor.kepala).get(unduh).status_code == 200
    assert masuk(kantor.charlie).get(unduh).status_code == 404
    assert masuk(kantor.charlie).get(u).status_code == 404
    # the line's page on the plan links here
    daftar = (
        masuk(kantor.pemantau)
        .get(reverse("rencana_aksi", args=[ORG, renstra.kunci, 2025]))
        .content.decode()
    )
    assert u in daftar
