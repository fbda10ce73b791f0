"""``periksa_integritas`` (issue 13): passes on an untouched database and catches, each on
its own, a trail entry altered, removed in the middle or at the tail, a signed PDF byte
changed (with or without its recorded SHA-256), and a realisasi of a signed month changed by
someone who bypassed the triggers. Tampering is done the way a database superuser would:
with the triggers off."""

import json
from contextlib import contextmanager
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from capaian.impor import impor_realisasi
from capaian.models import JejakAudit
from laporan.integritas import periksa_integritas
from laporan.models import LaporanTertanda, PemeriksaanIntegritas
from tests.laporan.persetujuan_bantu import setujui, siapkan_kepala
from tests.personas import TAHUN
from tests.test_matriks_izin import data_entri
from tests.workbooks import buku_realisasi

pytestmark = pytest.mark.django_db


@contextmanager
def tanpa_trigger(tabel: str):
    """What a superuser can do: write with the table's triggers off (PostgreSQL: the
    replication role; SQLite: drop and recreate them)."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SET LOCAL session_replication_role = replica")
            yield c
            c.execute("SET LOCAL session_replication_role = origin")
            return
        c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [tabel])
        trigger = [r[0] for r in c.fetchall()]
        c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [tabel]
        )
        for (nama,) in c.fetchall():
            c.execute(f'DROP TRIGGER "{nama}"')
        yield c
        for sql in trigger:
            c.execute(sql)


@pytest.fixture
def kantor_tertanda(kantor, tmp_path):
    """February signed (a real PAdES signature), March entered on the entry page and by a
    workbook import."""
    siapkan_kepala(kantor, tmp_path)
    setujui(kantor, 2)
    alice = Client()
    alice.force_login(kantor.alice)
    url = reverse("entri", args=["palangkaraya", TAHUN, 3, "penanganan-fakir-miskin"])
    assert alice.post(url, data_entri(kantor)).status_code == 303
    buku = buku_realisasi([("R07", TAHUN, 3, 800, "600", ""), ("R08", TAHUN, 3, 180, "90", "")])
    impor_realisasi(buku, organisasi=kantor.organisasi)
    return kantor


def _jenis(hasil) -> list[str]:
    return sorted({t.jenis for t in hasil.temuan})


def test_an_untouched_database_passes(kantor_tertanda):
    hasil = periksa_integritas()
    assert hasil.lulus, [str(t) for t in hasil.temuan]
    assert hasil.diperiksa["pdf_tertanda"] == 1
    assert hasil.diperiksa["bulan_disetujui"] == 1
    assert hasil.diperiksa["entri_jejak"] == 4  # approval, a save, an import of two rows
    assert PemeriksaanIntegritas.objects.get().lulus


def test_the_chain_links_every_entry_to_the_one_before(kantor_tertanda):
    entri = list(JejakAudit.objects.filter(organisasi=kantor_tertanda.organisasi).order_by("pk"))
    assert entri[0].hash_sebelum == ""
    for a, b in pairwise(entri):
        assert b.hash_sebelum == a.hash and len(b.hash) == 64


def test_an_altered_trail_entry_is_named(kantor_tertanda):
    target = JejakAudit.objects.order_by("pk")[1]
    with tanpa_trigger("capaian_jejakaudit") as c:
        c.execute("UPDATE capaian_jejakaudit SET catatan = 'diubah diam-diam' WHERE id = %s",
                  [target.pk])  # fmt: skip
    hasil = periksa_integritas()
    assert _jenis(hasil) == ["jejak"]
    assert [t.entri for t in hasil.temuan] == [target.pk]
    assert "isinya diubah setelah dicatat" in hasil.temuan[0].rincian
    assert hasil.temuan[0].organisasi == "palangkaraya"


def test_a_removed_trail_entry_is_named(kantor_tertanda):
    hapus, berikut = JejakAudit.objects.order_by("pk")[1:3]
    with tanpa_trigger("capaian_jejakaudit") as c:
        c.execute("DELETE FROM capaian_jejakaudit WHERE id = %s", [hapus.pk])
    hasil = periksa_integritas()
    assert _jenis(hasil) == ["jejak"]
    assert hasil.temuan[0].entri == berikut.pk
    assert "dihapus atau disisipkan" in hasil.temuan[0].rincian


def test_a_removed_tail_is_caught_by_the_next_run(kantor_tertanda):
    assert periksa_integritas().lulus
    terakhir = JejakAudit.objects.order_by("-pk").first()
    with tanpa_trigger("capaian_jejakaudit") as c:
        c.execute("DELETE FROM capaian_jejakaudit WHERE id = %s", [terakhir.pk])
    hasil = periksa_integritas()
    assert _jenis(hasil) == ["jejak"]
    assert "ujung jejak telah dihapus" in hasil.temuan[0].rincian


def test_a_changed_pdf_byte_is_caught(kantor_tertanda):
    versi = LaporanTertanda.objects.get()
    pdf = bytearray(versi.pdf)
    pdf[len(pdf) // 2] ^= 0x01
    with tanpa_trigger("laporan_laporantertanda") as c:
        c.execute("UPDATE laporan_laporantertanda SET pdf = %s WHERE id = %s",
                  [bytes(pdf), versi.pk])  # fmt: skip
    hasil = periksa_integritas()
    assert _jenis(hasil) == ["pdf"]
    assert hasil.temuan[0].bulan == 2 and "SHA-256" in hasil.temuan[0].rincian


def test_a_changed_pdf_with_its_hash_recomputed_fails_its_signature(kantor_tertanda):
    import hashlib

    versi = LaporanTertanda.objects.get()
    pdf = bytearray(versi.pdf)
    pdf[len(pdf) // 2] ^= 0x01
    with tanpa_trigger("laporan_laporantertanda") as c:
        c.execute("UPDATE laporan_laporantertanda SET pdf = %s, sha256 = %s WHERE id = %s",
                  [bytes(pdf), hashlib.sha256(pdf).hexdigest(), versi.pk])  # fmt: skip
    hasil = periksa_integritas()
    assert _jenis(hasil) == ["tanda_tangan"]


def test_a_signed_month_s_realisasi_changed_behind_the_triggers_is_caught(kantor_tertanda):
    r06 = kantor_tertanda.rumus["R06"]
    periksa_integritas(simpan=False)  # stores nothing; the months' results are stored already
    with tanpa_trigger("capaian_realisasi") as c:
        c.execute("UPDATE capaian_realisasi SET realisasi = 6700 WHERE rumus_id = %s AND bulan = 2",
                  [r06.pk])  # fmt: skip
    hasil = periksa_integritas()
    assert "angka" in _jenis(hasil)
    angka = next(t for t in hasil.temuan if t.jenis == "angka")
    assert (angka.tahun, angka.bulan) == (TAHUN, 2)
    assert "Februari 2025 disetujui (versi 1)" in angka.rincian


def test_the_command_exits_non_zero_and_prints_json(kantor_tertanda):
    keluar = StringIO()
    call_command("periksa_integritas", "--format", "json", stdout=keluar)
    assert json.loads(keluar.getvalue())["lulus"] is True
    target = JejakAudit.objects.order_by("pk").first()
    with tanpa_trigger("capaian_jejakaudit") as c:
        c.execute("UPDATE capaian_jejakaudit SET nama_pengguna = 'x' WHERE id = %s", [target.pk])
    keluar = StringIO()
    with pytest.raises(SystemExit) as keluar_kode:
        call_command("periksa_integritas", "--organisasi", "palangkaraya", stdout=keluar)
    assert keluar_kode.value.code == 1
    assert f"TEMUAN [palangkaraya] jejak: entri #{target.pk}" in keluar.getvalue()
    terakhir = PemeriksaanIntegritas.objects.order_by("-waktu", "-pk").first()
    assert not terakhir.lulus and terakhir.organisasi == "palangkaraya"


def test_the_organisasi_admin_sees_the_last_result_on_the_dashboard(kantor_tertanda):
    admin = Client()
    admin.force_login(kantor_tertanda.admin_org)
    url = reverse("dasbor", args=["palangkaraya"])
    assert 'data-integritas="belum"' in admin.get(url).content.decode()
    periksa_integritas()
    assert 'data-integritas="utuh"' in admin.get(url).content.decode()
    target = JejakAudit.objects.order_by("pk").first()
    with tanpa_trigger("capaian_jejakaudit") as c:
        c.execute("UPDATE capaian_jejakaudit SET catatan = 'x' WHERE id = %s", [target.pk])
    periksa_integritas()
    teks = admin.get(url).content.decode()
    assert 'data-integritas="temuan"' in teks and "isinya diubah setelah dicatat" in teks
    staf = Client()
    staf.force_login(kantor_tertanda.alice)
    assert "data-integritas" not in staf.get(url).content.decode()
