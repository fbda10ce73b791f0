"""The audit trail covers every figure that reaches a document (issue 13): definitions and
plan changed in the admin (before and after), the plan's quarterly values, roles and
accounts, and every applied import (who, the workbook's SHA-256, each change); all chained.
A definitions change that would alter a signed month is refused, saying which month and what
to do, whether it comes from an import or the admin."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from akun.models import Anggota, Peran
from capaian.models import JejakAudit
from dasar.impor import ImporError
from indikator.impor import impor_indikator
from indikator.models import Rumus
from laporan.integritas import periksa_integritas
from laporan.models import KunciBulan, LaporanTertanda
from tests.personas import TAHUN
from tests.workbooks import baris_contoh, buku_indikator, ubah

pytestmark = pytest.mark.django_db


def _admin(kantor) -> Client:
    c = Client()
    c.force_login(kantor.root)
    return c


def _tandai_februari(kantor) -> None:
    from datetime import date

    from django.utils import timezone

    versi = LaporanTertanda.objects.create(
        organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, versi=1, pdf=b"%PDF-1.7 uji",
        sha256="0" * 64, data={}, tanggal=date(2025, 3, 14), penanda_nama="H. Riduan",
        penanda_jabatan="Kepala Dinas", sertifikat_subjek="CN=uji", sertifikat_sidik="0" * 64,
        ditandatangani_pada=timezone.now(),
    )  # fmt: skip
    KunciBulan.objects.create(organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, laporan=versi)


def _data_form(client: Client, url: str, **ubah_nilai) -> dict:
    """The admin change form as a browser would submit it, with ``ubah_nilai`` typed in."""
    from bench.formulir import FormFields

    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    form = next(f for f in parser.forms if set(ubah_nilai) <= set(f) and len(f) > 3)
    form["csrfmiddlewaretoken"] = parser.csrf or ""
    form.update(ubah_nilai)
    return form


def test_an_admin_edit_of_a_definition_is_in_the_trail_with_before_and_after(kantor):
    r07 = kantor.rumus["R07"]
    url = reverse("admin:indikator_rumus_change", args=[r07.pk])
    admin = _admin(kantor)
    response = admin.post(url, _data_form(admin, url, pembagi_default="900"))
    assert response.status_code == 302, response.content.decode()[:3000]
    entri = JejakAudit.objects.get(objek=f"indikator.Rumus#{r07.pk}")
    assert (entri.aksi, entri.sumber, entri.organisasi_id, entri.tahun) == (
        "ubah", "admin", kantor.organisasi.pk, TAHUN,
    )  # fmt: skip
    assert entri.nilai_lama == {"pembagi_default": "800"}
    assert entri.nilai_baru == {"pembagi_default": "900"}
    assert entri.pengguna_id == kantor.root.pk
    assert periksa_integritas(simpan=False).lulus


def test_an_admin_edit_that_would_change_a_signed_month_is_refused_with_a_message(kantor):
    _tandai_februari(kantor)
    r07 = kantor.rumus["R07"]
    url = reverse("admin:indikator_rumus_change", args=[r07.pk])
    admin = _admin(kantor)
    response = admin.post(url, _data_form(admin, url, pembagi_default="900"), follow=True)
    teks = response.content.decode()
    assert "Tidak disimpan" in teks and "membuka kembali" in teks
    if connection.vendor == "postgresql":  # SQLite's trigger cannot name the month
        assert "Februari 2025 sudah disetujui dan ditandatangani" in teks
    assert Rumus.objects.get(pk=r07.pk).pembagi_default == 800
    assert not JejakAudit.objects.filter(objek__startswith="indikator.Rumus").exists()


def test_a_definitions_import_into_a_signed_year_names_the_month(db):
    from organisasi.models import Organisasi

    org = Organisasi.objects.create(slug="uji-impor", nama="Dinas Sosial Uji")
    impor_indikator(buku_indikator(baris_contoh()), organisasi="uji-impor", tahun=TAHUN)
    versi = LaporanTertanda.objects.create(
        organisasi=org, tahun=TAHUN, bulan=1, versi=1, pdf=b"%PDF", sha256="0" * 64, data={},
        tanggal="2025-02-10", penanda_nama="x", penanda_jabatan="x", sertifikat_subjek="x",
        sertifikat_sidik="0" * 64, ditandatangani_pada="2025-02-10T10:00:00+07:00",
    )  # fmt: skip
    KunciBulan.objects.create(organisasi=org, tahun=TAHUN, bulan=1, laporan=versi)
    with pytest.raises(ImporError) as galat:
        impor_indikator(
            buku_indikator(ubah(baris_contoh(), 0, pembagi_default=47)),
            organisasi="uji-impor", tahun=TAHUN,
        )  # fmt: skip
    pesan = str(galat.value.kesalahan[0])
    assert "tidak dapat diubah" in pesan and "membuka kembali bulan itu dulu" in pesan
    if connection.vendor == "postgresql":
        assert "karena Januari 2025 sudah disetujui" in pesan
    # The same workbook unchanged writes nothing, so it is not refused.
    impor_indikator(buku_indikator(baris_contoh()), organisasi="uji-impor", tahun=TAHUN)


def test_a_role_change_in_the_admin_is_in_the_trail(kantor):
    anggota = Anggota.objects.get(pengguna=kantor.bob)
    url = reverse("admin:akun_anggota_change", args=[anggota.pk])
    data = {"pengguna": kantor.bob.pk, "organisasi": kantor.organisasi.pk,
            "peran": Peran.KEPALA, "jabatan": "Plt. Kepala"}  # fmt: skip
    response = _admin(kantor).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entri = JejakAudit.objects.filter(objek=f"akun.Anggota#{anggota.pk}").order_by("pk")
    assert entri[0].nilai_lama["peran"] == Peran.STAF
    assert entri[0].nilai_baru["peran"] == Peran.KEPALA
    assert any(e.nilai_baru.get("bidang") == [] for e in entri)  # the bidang cleared too
    assert periksa_integritas(simpan=False).lulus


def test_an_account_without_an_organisasi_goes_to_the_installation_chain(kantor):
    url = reverse("admin:auth_user_change", args=[kantor.root.pk])
    page = _admin(kantor).get(url)
    assert page.status_code == 200
    from django.contrib.auth.models import User

    baru = User.objects.create_user("operator", password="x" * 12)
    from dasar.jejak import kirim

    kirim(pengguna=kantor.root, organisasi_id=0, tahun=0, objek=f"auth.User#{baru.pk}",
          label="operator", aksi="buat", sumber="admin", lama=None, baru={"username": "operator"},
          catatan="uji")  # fmt: skip
    assert JejakAudit.objects.filter(organisasi_id=0).count() == 1
    assert periksa_integritas(simpan=False).lulus


def test_a_command_import_is_in_the_trail_with_the_workbook_s_sha256(organisasi, tmp_path):
    data = buku_indikator(baris_contoh())
    berkas = tmp_path / "indikator.xlsx"
    berkas.write_bytes(data)
    call_command("impor_indikator", str(berkas), organisasi=organisasi.slug, tahun=TAHUN,
                 stdout=StringIO())  # fmt: skip
    entri = JejakAudit.objects.get(objek="impor:indikator")
    assert entri.nilai_baru["sha256"] == hashlib.sha256(data).hexdigest()
    assert entri.nilai_baru["berkas"] == "indikator.xlsx"
    assert entri.nilai_baru["jumlah_perubahan"] == len(entri.nilai_baru["perubahan"]) > 0
    assert (entri.aksi, entri.sumber, entri.organisasi_id) == ("impor", "impor", organisasi.pk)
    assert entri.nama_pengguna == "sistem"


def test_a_quarterly_plan_value_is_in_the_trail(kantor):
    from tests.test_matriks_izin import rencana

    renstra = rencana(kantor)
    alice = Client()
    alice.force_login(kantor.alice)
    url = reverse("rencana_realisasi", args=["palangkaraya", renstra.kunci, "IKK-FM",
                                             2025, 1])  # fmt: skip
    assert alice.post(url, {"nilai": "5", "versi": "0"}).status_code == 302
    assert alice.post(url, {"nilai": "7", "versi": "1"}).status_code == 302
    entri = list(JejakAudit.objects.filter(objek__startswith="rencana.RealisasiRencana#"))
    assert [e.aksi for e in entri] == ["buat", "ubah"] or [e.aksi for e in entri] == [
        "ubah", "buat"
    ]  # fmt: skip
    ubahan = next(e for e in entri if e.aksi == "ubah")
    assert ubahan.nilai_lama["nilai"] == "5" and ubahan.nilai_baru["nilai"] == "7"
    assert ubahan.sumber == "entri" and ubahan.pengguna_id == kantor.alice.pk


def test_the_history_button_shows_the_object_s_chained_trail(kantor):
    r07 = kantor.rumus["R07"]
    admin = _admin(kantor)
    url = reverse("admin:indikator_rumus_change", args=[r07.pk])
    admin.post(url, _data_form(admin, url, pembagi_default="900"))
    riwayat = admin.get(reverse("admin:indikator_rumus_history", args=[r07.pk]))
    assert riwayat.status_code == 302
    assert "objek=indikator.Rumus%23" in riwayat["Location"]
    daftar = admin.get(riwayat["Location"])
    assert daftar.status_code == 200
    assert f"indikator.Rumus#{r07.pk}" in daftar.content.decode()
    assert daftar.context["cl"].result_count == 1
