"""Perjanjian Kinerja (issue 15): drawn from the plan, per jabatan, signed and verifiable."""

import json
import subprocess
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from akun.models import Anggota, Peran
from laporan.tanda_tangan import buat_sertifikat_demo
from laporan.verifikasi import verifikasi_berkas
from organisasi.models import Organisasi
from perjanjian.models import Jabatan, PerjanjianKinerja, VersiPerjanjian
from perjanjian.selectors import susun
from perjanjian.services import PerjanjianDitolak, setujui_perjanjian
from rencana.models import IndikatorRencana, Kelompok, TargetTahunan, TargetTriwulan
from rencana.selectors import dokumen_acuan

TAHUN = 2025


@pytest.fixture
def demo(db):
    call_command("muat_demo", "--tanpa-akun", stdout=StringIO())
    return Organisasi.objects.get(slug="seruyan")


def pk_json(*extra) -> dict:
    out = StringIO()
    call_command("perjanjian_kinerja", "--organisasi", "seruyan", "--tahun", str(TAHUN),
                 "--format", "json", *extra, stdout=out)  # fmt: skip
    return json.loads(out.getvalue(), parse_float=Decimal, parse_int=Decimal)


def capaian_json() -> dict:
    out = StringIO()
    call_command("capaian_tahunan", "--organisasi", "seruyan", "--tahun", str(TAHUN),
                 "--format", "json", stdout=out)  # fmt: skip
    return json.loads(out.getvalue(), parse_float=Decimal, parse_int=Decimal)


def triwulan_rencana(kode: str) -> list:
    """The plan's TargetTriwulan of an indicator of the year, as the JSON gives them."""
    renstra = dokumen_acuan(Organisasi.objects.get(slug="seruyan"), TAHUN)
    nilai = [None] * 4
    for t in TargetTriwulan.objects.filter(
        indikator__renstra=renstra, indikator__kode=kode, tahun=TAHUN
    ):
        nilai[t.triwulan - 1] = t.nilai
    return nilai


def test_the_kepala_dinas_pk_lists_every_iku_with_the_plan_s_targets(demo):
    renstra = dokumen_acuan(demo, TAHUN)
    ind = IndikatorRencana.objects.get(renstra=renstra, kode="IKU-1")
    # Quarterly targets as RA's Rencana Aksi would hold them (the demo may already have some).
    for tw, nilai in enumerate(["25", "50", "75", "100"], start=1):
        TargetTriwulan.objects.update_or_create(
            indikator=ind, tahun=TAHUN, triwulan=tw, defaults={"nilai": Decimal(nilai)}
        )
    data = pk_json()
    iku = list(
        IndikatorRencana.objects.filter(renstra=renstra, kelompok=Kelompok.IKU)
        .order_by("urutan", "kode")
        .values_list("kode", flat=True)
    )
    assert [i["kode"] for i in data["indikator"]] == iku
    capaian = {i["kode"]: i for i in capaian_json()["indikator"]}
    for i in data["indikator"]:
        assert i["target"] == capaian[i["kode"]]["target"]
        assert len(i["triwulan"]) == 4
        assert i["triwulan"] == triwulan_rencana(i["kode"])
    assert data["indikator"][0]["triwulan"] == [25, 50, 75, 100]


def test_the_json_has_exactly_the_issue_s_shape(demo):
    data = pk_json()
    assert list(data) == ["organisasi", "tahun", "jabatan", "pihak_pertama", "pihak_kedua",
                          "indikator", "anggaran"]  # fmt: skip
    assert (data["organisasi"], data["tahun"], data["jabatan"]) == ("seruyan", 2025, "kepala-dinas")
    for pihak in ("pihak_pertama", "pihak_kedua"):
        assert list(data[pihak]) == ["nama", "nip", "pangkat", "jabatan"]
    assert data["pihak_pertama"]["nama"] == "ANGGA, SE"
    assert data["pihak_kedua"]["jabatan"] == "Bupati Seruyan"
    assert data["pihak_kedua"]["nip"] is None  # a Bupati has no NIP: null, not ""
    for i in data["indikator"]:
        assert list(i) == ["kode", "sasaran", "nama", "satuan", "target", "target_teks",
                           "triwulan"]  # fmt: skip
    assert [a["kode"] for a in data["anggaran"]] == ["P1", "P2", "P3", "P4", "P5"]
    for a in data["anggaran"]:
        assert list(a) == ["kode", "program", "pagu"]


def test_a_pk_shows_only_its_jabatan_s_indicators(demo):
    jabatan = ("kepala-dinas", "kabid-rehsos", "kabid-pemberdayaan", "kasubbag-umum")
    kode = {j: [i["kode"] for i in pk_json("--jabatan", j)["indikator"]] for j in jabatan}
    assert kode["kepala-dinas"] == ["IKU-1", "IKU-2"]
    assert kode["kabid-rehsos"] == ["K-P2"]
    assert kode["kabid-pemberdayaan"] == ["K-P1"]
    assert kode["kasubbag-umum"] == ["K-P5.1"]
    rehsos = pk_json("--jabatan", "kabid-rehsos")
    assert rehsos["pihak_kedua"]["nama"] == "ANGGA, SE"  # the Kepala Dinas
    assert [a["kode"] for a in rehsos["anggaran"]] == ["P2"]


def test_a_pk_follows_an_indicator_s_bidang(demo):
    renstra = dokumen_acuan(demo, TAHUN)
    jabatan = Jabatan.objects.get(organisasi=demo, kode="kabid-bencana")
    assert [b.indikator.kode for b in susun(jabatan, TAHUN).indikator] == ["K-P4"]
    k_p3 = IndikatorRencana.objects.get(renstra=renstra, kode="K-P3")
    k_p3.bidang = jabatan.bidang
    k_p3.save()
    assert [b.indikator.kode for b in susun(jabatan, TAHUN).indikator] == ["K-P3", "K-P4"]


def test_the_draft_follows_the_plan_and_the_signed_snapshot_does_not(demo, tmp_path):
    buat_sertifikat_demo(demo, direktori=tmp_path)
    kd = Jabatan.objects.get(organisasi=demo, kode="kepala-dinas")
    versi = setujui_perjanjian(jabatan=kd, tahun=TAHUN)
    target = TargetTahunan.objects.get(indikator__kode="IKU-2", tahun=TAHUN,
                                       indikator__renstra__organisasi=demo)  # fmt: skip
    target.nilai = Decimal("59.5")
    target.save()
    sakip = next(i for i in pk_json()["indikator"] if i["kode"] == "IKU-2")
    assert sakip["target"] == Decimal("59.5")
    versi.refresh_from_db()
    tersimpan = next(i for i in versi.data["pk"]["indikator"] if i["kode"] == "IKU-2")
    assert tersimpan["target"] == "58"
    assert b"59,5" not in subprocess.run(["pdftotext", "-", "-"], input=bytes(versi.pdf),
                                          capture_output=True, check=True).stdout  # fmt: skip


def test_its_pdf_names_the_title_the_year_and_both_parties(demo, tmp_path):
    berkas = tmp_path / "pk.pdf"
    call_command("perjanjian_kinerja", "--organisasi", "seruyan", "--tahun", "2025",
                 "--format", "pdf", "--output", str(berkas), stderr=StringIO())  # fmt: skip
    teks = subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, check=True,
                          text=True).stdout  # fmt: skip
    assert "PERJANJIAN KINERJA TAHUN 2025" in teks
    assert "ANGGA, SE" in teks and "Kepala Dinas Sosial Kabupaten Seruyan" in teks
    assert "Bupati Seruyan" in teks and "Budi Santoso" in teks
    assert "Nilai SAKIP Dinas Sosial" in teks and "Anggaran (Rp)" in teks


def test_the_word_document_holds_the_same(demo, tmp_path):
    from docx import Document

    berkas = tmp_path / "pk.docx"
    call_command("perjanjian_kinerja", "--organisasi", "seruyan", "--tahun", "2025",
                 "--jabatan", "kabid-rehsos", "--format", "docx", "--output", str(berkas),
                 stderr=StringIO())  # fmt: skip
    d = Document(BytesIO(berkas.read_bytes()))
    teks = "\n".join(p.text for p in d.paragraphs)
    sel = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    assert "PERJANJIAN KINERJA TAHUN 2025" in teks
    assert "Kepala Bidang Rehabilitasi Sosial" in sel and "ANGGA, SE" in sel
    assert "Persentase PPKS yang memperoleh pelayanan dasar Rehabilitasi Sosial" in sel
    assert "1.100.000.000" in sel  # Program Rehabilitasi Sosial: the plan's pagu 2025


def test_a_revised_pk_is_a_new_version_and_both_verify(demo, tmp_path):
    buat_sertifikat_demo(demo, direktori=tmp_path)
    kabid = Jabatan.objects.get(organisasi=demo, kode="kabid-rehsos")
    v1 = setujui_perjanjian(jabatan=kabid, tahun=TAHUN)
    with pytest.raises(PerjanjianDitolak, match="alasan"):
        setujui_perjanjian(jabatan=kabid, tahun=TAHUN)
    v2 = setujui_perjanjian(jabatan=kabid, tahun=TAHUN, alasan="APBD Perubahan 2025")
    v1.refresh_from_db()
    assert (v1.versi, v2.versi) == (1, 2)
    assert not v1.berlaku and v1.alasan_digantikan == "APBD Perubahan 2025"
    assert v2.berlaku and v2.alasan_perubahan == "APBD Perubahan 2025"
    assert VersiPerjanjian.objects.filter(perjanjian__jabatan=kabid).count() == 2

    hasil = verifikasi_berkas(bytes(v2.pdf))
    assert hasil.asli and hasil.berlaku and "Perjanjian Kinerja Tahun 2025" in hasil.pesan
    lama = verifikasi_berkas(bytes(v1.pdf))
    assert lama.asli and not lama.berlaku and "digantikan oleh versi 2" in lama.pesan
    assert not verifikasi_berkas(bytes(v2.pdf) + b"\n").asli

    client = Client()
    halaman = client.get(reverse("verifikasi_token", args=[v1.token]))
    assert halaman.status_code == 200
    isi = halaman.content.decode()
    assert "Kepala Bidang Rehabilitasi Sosial" in isi and "APBD Perubahan 2025" in isi
    assert "Versi ini sudah digantikan oleh versi 2" in isi
    unggah = client.post(reverse("verifikasi_token", args=[v2.token]),
                         {"berkas": BytesIO(bytes(v2.pdf))})  # fmt: skip
    assert "sama persis dengan dokumen ini" in unggah.content.decode()
    unduh = client.get(reverse("verifikasi_unduh", args=[v1.token]))
    assert unduh.status_code == 200 and bytes(unduh.content) == bytes(v1.pdf)


def test_approval_refuses_without_a_second_party(demo, tmp_path):
    buat_sertifikat_demo(demo, direktori=tmp_path)
    kabid = Jabatan.objects.get(organisasi=demo, kode="kabid-bencana")  # no holder
    with pytest.raises(PerjanjianDitolak, match="pihak pertama"):
        setujui_perjanjian(jabatan=kabid, tahun=TAHUN)
    assert not VersiPerjanjian.objects.exists()


def test_the_admin_adjusts_the_list_and_the_holder(demo):
    admin = get_user_model().objects.create_user("admin.seruyan", password="x")
    Anggota.objects.create(pengguna=admin, organisasi=demo, peran=Peran.ADMIN)
    client = Client()
    client.force_login(admin)
    url = reverse("perjanjian_siapkan", args=["seruyan", TAHUN, "kepala-dinas"])
    assert client.get(url).status_code == 200
    renstra = dokumen_acuan(demo, TAHUN)
    iku1 = IndikatorRencana.objects.get(renstra=renstra, kode="IKU-1")
    r = client.post(url, {"pemangku_nama": "", "pemangku_nip": "", "pemangku_pangkat": "",
                          "kd_nama": "Bupati Baru", "kd_jabatan": "Bupati Seruyan",
                          "indikator": [iku1.pk], "tanggal": "2025-01-15"})  # fmt: skip
    assert r.status_code == 303
    pk = PerjanjianKinerja.objects.get(jabatan__kode="kepala-dinas", tahun=TAHUN)
    assert pk.sesuaikan and list(pk.indikator.values_list("kode", flat=True)) == ["IKU-1"]
    data = pk_json()
    assert [i["kode"] for i in data["indikator"]] == ["IKU-1"]
    assert data["pihak_kedua"]["nama"] == "Bupati Baru"
    assert data["pihak_pertama"]["nama"] == "ANGGA, SE"  # empty: from the organisasi
    # An indicator of another level is refused.
    k_p2 = IndikatorRencana.objects.get(renstra=renstra, kode="K-P2")
    assert client.post(url, {"indikator": [k_p2.pk]}).status_code == 404
