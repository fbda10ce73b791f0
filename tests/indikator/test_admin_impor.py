"""Workbook import with a dry-run preview, and the downloads, in the admin.

Personas: alice is a superuser; bob is staff without permissions; charlie is not staff;
dina is staff who may add and change programs (and nothing else the import touches); fajar is
staff with every permission the indikator import exercises; gita may add and change
realisasi.
"""

import dataclasses
import io
import logging
import os
import stat
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

import indikator.admin as indikator_admin
from akun import admin_impor as admin_views
from akun.admin_impor import XLSX_MIME, PenyimpananUnggahan
from capaian.models import Realisasi
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi

pytestmark = pytest.mark.django_db

KOLOM = [
    "kode_program", "program", "sasaran_program", "indikator_program", "target_program",
    "kode_indikator", "indikator", "agregasi", "bobot_indikator", "konsep_definisi",
    "rumus_indikator", "satuan", "regulasi", "periode_pengukuran", "sifat_target",
    "sumber_data", "kode_rumus", "bidang", "uraian", "penyebut", "periode",
    "faktor_tahunan", "bobot", "pembagi_default",
]  # fmt: skip
KOLOM_REALISASI = ["kode_rumus", "tahun", "bulan", "pembagi", "realisasi", "keterangan"]


def baris_rumus(kode_rumus: str, **ubah) -> dict:
    row = {
        "kode_program": "1.06.04",
        "program": "Rehabilitasi Sosial",
        "sasaran_program": "Meningkatnya Pelayanan Rehabilitasi Sosial",
        "indikator_program": "Persentase PPKS yang mendapat bantuan",
        "target_program": "100%",
        "kode_indikator": "1.06.04.1",
        "indikator": "Persentase PPKS yang mendapat bantuan dan pelayanan",
        "agregasi": "rata-rata",
        "satuan": "Persentase (%)",
        "kode_rumus": kode_rumus,
        "bidang": "Rehabilitasi Sosial",
        "uraian": f"Jumlah PPKS yang dilayani ({kode_rumus})",
        "penyebut": "Jumlah PPKS",
        "periode": "bulanan",
        "pembagi_default": 46,
    }
    row.update(ubah)
    return row


def buku_indikator(rows: list[dict], organisasi: dict | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Organisasi"
    ws.append(["kunci", "nilai"])
    for key, value in (organisasi or {}).items():
        ws.append([key, value])
    ws = wb.create_sheet("Indikator")
    ws.append(KOLOM)
    for row in rows:
        ws.append([row.get(k) for k in KOLOM])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def buku_realisasi(rows: list[tuple]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws.append(KOLOM_REALISASI)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def unggahan(data: bytes, nama: str = "indikator.xlsx") -> io.BytesIO:
    berkas = io.BytesIO(data)
    berkas.name = nama
    return berkas


DUA_RUMUS = [baris_rumus("R1"), baris_rumus("R2", faktor_tahunan="1/4", bobot="0,5")]


@pytest.fixture(autouse=True)
def direktori_sementara(settings, tmp_path):
    settings.IMPOR_TEMP_DIR = tmp_path / "impor"
    return settings.IMPOR_TEMP_DIR


def _pengguna(username: str, *, staff: bool, superuser: bool = False, izin: tuple = ()):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", None)
    user.is_staff = staff
    user.is_superuser = superuser
    user.save()
    for codename in izin:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def alice(db):
    return _pengguna("alice", staff=True, superuser=True)


@pytest.fixture
def client_alice(client, alice):
    client.force_login(alice)
    return client


# What the indikator import may do: sync program/indikator/rumus of a year, create bidang,
# create or update the organisasi (incl. its signer) from the Organisasi sheet.
IZIN_IMPOR_INDIKATOR = (
    "add_program", "change_program", "delete_program",
    "add_indikator", "change_indikator", "delete_indikator",
    "add_rumus", "change_rumus", "delete_rumus",
    "add_bidang", "add_organisasi", "change_organisasi",
)  # fmt: skip
IZIN_IMPOR_REALISASI = ("add_realisasi", "change_realisasi")


@pytest.fixture
def personas(alice) -> dict:
    return {
        "anonim": None,
        "charlie": _pengguna("charlie", staff=False),
        "bob": _pengguna("bob", staff=True),
        "dina": _pengguna(
            "dina", staff=True, izin=("add_program", "change_program", "view_program")
        ),
        "fajar": _pengguna("fajar", staff=True, izin=(*IZIN_IMPOR_INDIKATOR, "view_program")),
        "gita": _pengguna("gita", staff=True, izin=(*IZIN_IMPOR_REALISASI, "view_realisasi")),
        "alice": alice,
    }


# Permissions

IMPOR_INDIKATOR = "admin:indikator_program_impor"
IMPOR_REALISASI = "admin:capaian_realisasi_impor"


@pytest.mark.parametrize(
    ("persona", "url_name", "expected"),
    [
        ("anonim", IMPOR_INDIKATOR, 302),
        ("charlie", IMPOR_INDIKATOR, 302),
        ("bob", IMPOR_INDIKATOR, 403),
        ("dina", IMPOR_INDIKATOR, 403),
        ("fajar", IMPOR_INDIKATOR, 200),
        ("gita", IMPOR_INDIKATOR, 403),
        ("alice", IMPOR_INDIKATOR, 200),
        ("anonim", IMPOR_REALISASI, 302),
        ("charlie", IMPOR_REALISASI, 302),
        ("bob", IMPOR_REALISASI, 403),
        ("dina", IMPOR_REALISASI, 403),
        ("fajar", IMPOR_REALISASI, 403),
        ("gita", IMPOR_REALISASI, 200),
        ("alice", IMPOR_REALISASI, 200),
        ("bob", "admin:indikator_program_ekspor", 403),
        ("bob", "admin:indikator_program_templat", 403),
        ("bob", "admin:capaian_realisasi_ekspor", 403),
        ("charlie", "admin:indikator_program_templat", 302),
        ("dina", "admin:indikator_program_ekspor", 200),
    ],
)
def test_import_and_export_views_need_staff_with_model_permissions(
    client, personas, persona, url_name, expected
):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    response = client.get(reverse(url_name))
    assert response.status_code == expected
    if expected == 302:
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:indikator_program_impor_konfirmasi",
        "admin:indikator_program_impor_batal",
        "admin:capaian_realisasi_impor_konfirmasi",
    ],
)
def test_staff_without_permission_cannot_confirm_or_cancel(client, personas, url_name):
    client.force_login(personas["bob"])
    assert client.post(reverse(url_name), {"token": "x" * 43}).status_code == 403


def test_staff_with_only_the_program_permissions_can_neither_see_nor_use_the_import(
    client, personas, organisasi
):
    client.force_login(personas["dina"])
    html = client.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" not in html
    assert client.get(reverse(IMPOR_INDIKATOR)).status_code == 403
    response = client.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi": organisasi.pk, "tahun": 2025, "berkas": unggahan(buku_indikator(DUA_RUMUS))},
    )
    assert response.status_code == 403
    for aksi in ("impor_konfirmasi", "impor_batal"):
        url = reverse(f"admin:indikator_program_{aksi}")
        assert client.post(url, {"token": "x" * 43}).status_code == 403
    assert not Program.objects.exists()


def test_staff_with_every_permission_of_the_import_sees_and_uses_it(client, personas, organisasi):
    client.force_login(personas["fajar"])
    html = client.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" in html
    token = _unggah_indikator(client, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    response = client.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    assert response.status_code == 302
    assert Rumus.objects.filter(organisasi=organisasi).count() == 2


@pytest.mark.parametrize("kurang", IZIN_IMPOR_INDIKATOR)
def test_the_indikator_import_needs_every_permission_it_may_exercise(client, kurang):
    izin = tuple(i for i in IZIN_IMPOR_INDIKATOR if i != kurang)
    client.force_login(_pengguna("hadi", staff=True, izin=(*izin, "view_program")))
    assert client.get(reverse(IMPOR_INDIKATOR)).status_code == 403
    html = client.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" not in html


@pytest.mark.parametrize("kurang", IZIN_IMPOR_REALISASI)
def test_the_realisasi_import_needs_add_and_change_on_realisasi(client, kurang):
    izin = tuple(i for i in IZIN_IMPOR_REALISASI if i != kurang)
    client.force_login(_pengguna("hadi", staff=True, izin=(*izin, "view_realisasi")))
    assert client.get(reverse(IMPOR_REALISASI)).status_code == 403
    html = client.get(reverse("admin:capaian_realisasi_changelist")).text
    assert "Impor realisasi" not in html


def test_staff_without_permission_cannot_upload(client, personas, organisasi):
    client.force_login(personas["bob"])
    response = client.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi": organisasi.pk, "tahun": 2025, "berkas": unggahan(buku_indikator(DUA_RUMUS))},
    )
    assert response.status_code == 403
    assert not Program.objects.exists()


def test_changelists_offer_import_and_export_buttons(client_alice):
    html = client_alice.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" in html
    assert "Unduh templat" in html
    assert reverse("admin:indikator_program_ekspor") in html
    html = client_alice.get(reverse("admin:capaian_realisasi_changelist")).text
    assert "Impor realisasi" in html
    assert "Ekspor realisasi" in html


def test_view_only_staff_sees_no_import_button(client):
    user = _pengguna("eko", staff=True, izin=("view_program",))
    client.force_login(user)
    html = client.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" not in html
    assert "Unduh templat" in html


# Indikator import: upload -> preview -> confirm


def _unggah_indikator(client, organisasi: Organisasi, data: bytes, tahun: int = 2025):
    return client.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi": organisasi.pk, "tahun": tahun, "berkas": unggahan(data)},
    )


def test_upload_shows_preview_with_counts_and_writes_nothing(
    client_alice, organisasi, direktori_sementara
):
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/impor_pratinjau.html"
    hasil = response.context["hasil"]
    assert hasil.dry_run
    assert hasil.hitung("baru", "program") == 1
    assert hasil.hitung("baru", "indikator") == 1
    assert hasil.hitung("baru", "rumus") == 2
    html = response.text
    assert "Pratinjau (belum disimpan)" in html
    assert "Konfirmasi impor" in html
    assert "1.06.04" in html and "R2" in html
    assert 'id="perubahan-rumus"' in html
    assert not Program.objects.exists()
    assert not Rumus.objects.exists()
    # The bytes wait on the server, not in the page.
    assert len(list(direktori_sementara.glob("*.xlsx"))) == 1
    assert 'name="berkas"' not in html


def test_confirm_applies_the_previewed_import(client_alice, organisasi, direktori_sementara):
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS))
    token = response.context["token"]
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:indikator_program_changelist")
    assert "Disimpan" in response.text
    assert Program.objects.filter(organisasi=organisasi, tahun=2025).count() == 1
    r2 = Rumus.objects.get(organisasi=organisasi, tahun=2025, kode="R2")
    assert (r2.faktor_pembilang, r2.faktor_penyebut, r2.bobot_pembilang, r2.bobot_penyebut) == (
        1,
        4,
        1,
        2,
    )
    assert list(direktori_sementara.glob("*.xlsx")) == []
    # The token is spent: confirming again applies nothing and says why.
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}, follow=True
    )
    assert "kedaluwarsa" in response.text


def test_broken_workbook_shows_its_row_messages_on_the_form(
    client_alice, organisasi, direktori_sementara
):
    rows = [baris_rumus("R1"), baris_rumus("R2", agregasi="median")]
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(rows))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/impor_form.html"
    html = response.text
    assert "Buku kerja ditolak" in html
    assert "baris 3" in html
    assert "agregasi" in html
    assert "Traceback" not in html
    assert not Program.objects.exists()
    assert list(direktori_sementara.glob("*.xlsx")) == []


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client_alice, organisasi):
    response = client_alice.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi": organisasi.pk, "tahun": 2025, "berkas": unggahan(b"bukan zip")},
    )
    assert response.status_code == 200
    assert response.context["kesalahan"] or response.context["form"].errors
    response = client_alice.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi": organisasi.pk, "tahun": 2025, "berkas": unggahan(b"a,b", "data.csv")},
    )
    assert ".xlsx" in response.context["form"].errors["berkas"][0]


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ({"organisasi_baru": "baru"}, "tidak keduanya"),
        ({"organisasi_baru": ""}, "Pilih organisasi"),
        ({"tahun": 1999}, "2000"),
    ],
)
def test_indikator_import_form_checks_its_fields(client_alice, organisasi, isian, pesan):
    data = {"organisasi": organisasi.pk, "tahun": 2025, "berkas": unggahan(b"x")}
    data.update(isian)
    if isian.get("organisasi_baru") == "":
        data["organisasi"] = ""
    response = client_alice.post(reverse(IMPOR_INDIKATOR), data)
    assert response.status_code == 200
    assert pesan in response.text


def test_import_creates_a_new_organisasi_from_its_sheet(client_alice):
    identitas = {"slug": "seruyan", "nama": "Dinas Sosial Kabupaten Seruyan", "kota": "Kuala"}
    data = buku_indikator(DUA_RUMUS, identitas)
    response = client_alice.post(
        reverse(IMPOR_INDIKATOR),
        {"organisasi_baru": "seruyan", "tahun": 2025, "berkas": unggahan(data)},
    )
    assert response.status_code == 200, response.context.get("kesalahan")
    assert response.context["hasil"].hitung("baru", "organisasi") == 1
    assert not Organisasi.objects.filter(slug="seruyan").exists()
    client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": response.context["token"]}
    )
    organisasi = Organisasi.objects.get(slug="seruyan")
    assert Rumus.objects.filter(organisasi=organisasi).count() == 2


def test_confirm_shows_the_new_plan_when_data_changed_after_preview(client_alice, organisasi):
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS))
    token = response.context["token"]
    # Someone else imports a different definition of the same year meanwhile.
    lain = [baris_rumus("R1", uraian="Uraian lain"), baris_rumus("R2", faktor_tahunan="1/4")]
    client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"),
        {
            "token": _unggah_indikator(client_alice, organisasi, buku_indikator(lain)).context[
                "token"
            ]
        },
    )
    uraian_sebelum = Rumus.objects.get(kode="R1").uraian
    assert uraian_sebelum == "Uraian lain"

    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 200
    assert response.context["berubah"]
    assert "Data telah berubah" in response.text
    assert response.context["hasil"].hitung("baru", "rumus") == 0
    assert response.context["hasil"].hitung("ubah") >= 1
    assert Rumus.objects.get(kode="R1").uraian == uraian_sebelum  # nothing applied
    assert "peringatan-hapus" not in response.text

    # Confirming the new plan applies it.
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 302
    assert Rumus.objects.get(kode="R1").uraian == "Jumlah PPKS yang dilayani (R1)"


def test_confirm_shows_the_errors_when_the_workbook_is_now_refused(
    client_alice, organisasi, direktori_sementara
):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS[:1]))
    token = response.context["token"]
    # Meanwhile a realisasi is entered for R2, which the workbook would remove.
    Realisasi.objects.create(rumus=Rumus.objects.get(kode="R2"), tahun=2025, bulan=1)
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/impor_form.html"
    assert "sudah punya realisasi" in response.text
    assert response.context["form"].initial == {"tahun": 2025, "organisasi": organisasi.pk}
    assert Rumus.objects.filter(kode="R2").exists()
    assert list(direktori_sementara.glob("*.xlsx")) == []


def _impor_diganti(monkeypatch, saat_menyimpan):
    """The admin's indikator import, with ``saat_menyimpan(hasil)`` run after a real (not
    dry-run) import has written its rows, inside its transaction."""
    asli = indikator_admin.impor_indikator

    def impor(data, **kwargs):
        hasil = asli(data, **kwargs)
        if not kwargs["dry_run"]:
            hasil = saat_menyimpan(hasil) or hasil
        return hasil

    monkeypatch.setattr(indikator_admin, "impor_indikator", impor)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("terdeteksi", ["sebelum commit", "saat commit"])
def test_confirm_turns_a_foreign_key_failure_at_commit_into_a_message_and_saves_nothing(
    client_alice, organisasi, direktori_sementara, monkeypatch, terdeteksi
):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]

    def rumus_dihapus_impor_lain(hasil):
        # As when a concurrent import removed the rumus a row refers to: the foreign key is
        # deferred, so the database only objects when the transaction commits.
        Realisasi.objects.create(rumus_id=987_654_321, tahun=2025, bulan=1)

    _impor_diganti(monkeypatch, rumus_dihapus_impor_lain)
    if terdeteksi == "saat commit":
        monkeypatch.setattr(admin_views.connection, "check_constraints", lambda *a, **k: None)
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/impor_form.html"
    assert (
        "Data berubah selama impor; tidak ada yang disimpan. Unggah ulang untuk melihat "
        "pratinjau baru." in response.text
    )
    assert response.context["form"].initial == {"tahun": 2025, "organisasi": organisasi.pk}
    assert not Program.objects.exists()
    assert not Realisasi.objects.exists()
    assert list(direktori_sementara.glob("*.xlsx")) == []


def test_confirm_turns_a_database_error_while_applying_into_a_message(
    client_alice, organisasi, monkeypatch
):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]

    def gagal(hasil):
        raise DatabaseError("could not serialize access due to concurrent update")

    _impor_diganti(monkeypatch, gagal)
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 200
    assert "Data berubah selama impor" in response.context["pesan_galat"]
    assert "Data berubah selama impor" in response.text
    assert not Program.objects.exists()


def test_confirm_compares_the_importers_digest_of_the_planned_values_too(
    client_alice, organisasi, monkeypatch
):
    asli = indikator_admin.impor_indikator

    def impor(data, **kwargs):
        # Same listed changes, but values the listing does not show differ at confirm time.
        hasil = asli(data, **kwargs)
        return dataclasses.replace(hasil, sidik="pratinjau" if kwargs["dry_run"] else "lain")

    monkeypatch.setattr(indikator_admin, "impor_indikator", impor)
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}
    )
    assert response.status_code == 200
    assert response.context["berubah"]
    assert not Program.objects.exists()


def test_a_long_list_of_problems_is_cut_short(client_alice, organisasi, monkeypatch):
    monkeypatch.setattr(admin_views, "BATAS_KESALAHAN", 1)
    rows = [baris_rumus("R1", agregasi="median", faktor_tahunan="1/0")]
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(rows))
    assert "Perbaiki 2 masalah" in response.text
    assert "dan 1 masalah lainnya" in response.text


def test_a_token_from_another_session_is_useless(client, client_alice, organisasi, personas):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client.force_login(personas["fajar"])
    response = client.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}, follow=True
    )
    assert "kedaluwarsa" in response.text
    assert not Program.objects.exists()


def test_cancel_deletes_the_uploaded_file(client_alice, organisasi, direktori_sementara):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    response = client_alice.post(reverse("admin:indikator_program_impor_batal"), {"token": token})
    assert response.status_code == 302
    assert list(direktori_sementara.glob("*.xlsx")) == []
    assert not Program.objects.exists()


def test_uploads_expire_after_an_hour(client_alice, organisasi, direktori_sementara, monkeypatch):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    nanti = time.time() + admin_views.MASA_SIMPAN + 1
    monkeypatch.setattr(admin_views.time, "time", lambda: nanti)
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}, follow=True
    )
    assert "kedaluwarsa" in response.text
    assert not Program.objects.exists()


def test_stale_files_of_abandoned_sessions_are_removed(rf, direktori_sementara):
    request = rf.get("/")
    request.session = SessionStore()
    penyimpanan = PenyimpananUnggahan(request)
    basi = direktori_sementara / ("a" * 43 + ".xlsx")
    basi.write_bytes(b"x")
    satu_jam_lalu = time.time() - admin_views.MASA_SIMPAN - 5
    os.utime(basi, (satu_jam_lalu, satu_jam_lalu))
    penyimpanan.simpan("indikator", {}, b"baru", "b.xlsx", "sidik")
    assert not basi.exists()
    assert len(list(direktori_sementara.glob("*.xlsx"))) == 1


def test_a_session_keeps_only_a_few_pending_uploads(rf, direktori_sementara):
    request = rf.get("/")
    request.session = SessionStore()
    penyimpanan = PenyimpananUnggahan(request)
    tokens = [penyimpanan.simpan("indikator", {}, b"x", "b.xlsx", "s") for _ in range(8)]
    assert len(list(direktori_sementara.glob("*.xlsx"))) == admin_views.MAKS_UNGGAHAN_PER_SESI
    assert penyimpanan.ambil("indikator", tokens[0]) is None
    assert penyimpanan.ambil("indikator", tokens[-1]).data == b"x"
    assert penyimpanan.ambil("realisasi", tokens[-1]) is None


def test_preview_warns_before_removing_what_the_workbook_no_longer_has(client_alice, organisasi):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS[:1]))
    assert response.context["hasil"].hitung("hapus", "rumus") == 1
    assert "Perhatian: 1 objek" in response.text
    assert "dihapus" in response.text


def test_preview_warns_that_a_changed_pembagi_default_recomputes_months_without_pembagi(
    client_alice, organisasi
):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    rows = [baris_rumus("R1", pembagi_default=50), DUA_RUMUS[1]]
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(rows))
    assert response.context["pembagi_default_berubah"] == ["R1"]
    assert 'id="peringatan-pembagi"' in response.text
    assert "pembagi default 1 rumus berubah (R1)" in response.text
    assert "dengan pembagi kosong akan dihitung ulang" in response.text

    rows = [baris_rumus("R1", uraian="Uraian baru"), DUA_RUMUS[1]]
    response = _unggah_indikator(client_alice, organisasi, buku_indikator(rows))
    assert response.context["hasil"].hitung("ubah", "rumus") == 1
    assert 'id="peringatan-pembagi"' not in response.text


def test_preview_without_changes_offers_no_confirm_button(client_alice, organisasi):
    data = buku_indikator(DUA_RUMUS)
    token = _unggah_indikator(client_alice, organisasi, data).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    response = _unggah_indikator(client_alice, organisasi, data)
    assert response.context["hasil"].tanpa_perubahan
    assert "tidak ada perubahan" in response.text
    assert "Konfirmasi impor" not in response.text


# Where uploads wait for their confirmation


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_uploads_wait_in_a_private_directory_in_private_files(
    client_alice, organisasi, direktori_sementara
):
    _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS))
    assert _mode(direktori_sementara) == 0o700
    [berkas] = direktori_sementara.glob("*.xlsx")
    assert _mode(berkas) == 0o600


def test_the_default_upload_directory_is_created_private(settings, tmp_path, monkeypatch):
    del settings.IMPOR_TEMP_DIR
    monkeypatch.setattr(admin_views.tempfile, "tempdir", str(tmp_path))
    direktori = admin_views.direktori_unggahan()
    assert direktori == tmp_path / "dinsos-kinerja-impor"
    assert _mode(direktori) == 0o700


def _siapkan_direktori_tidak_aman(direktori, cara: str, monkeypatch) -> None:
    if cara == "terbuka untuk pengguna lain":
        direktori.mkdir()
        direktori.chmod(0o777)
    elif cara == "dapat dibaca grup":
        direktori.mkdir(mode=0o750)
        direktori.chmod(0o750)
    elif cara == "milik pengguna lain":
        direktori.mkdir(mode=0o700)
        uid = os.getuid()
        monkeypatch.setattr(admin_views.os, "getuid", lambda: uid + 1)
    elif cara == "symlink":
        sasaran = direktori.parent / "sasaran"
        sasaran.mkdir(mode=0o700)
        direktori.symlink_to(sasaran)


CARA_TIDAK_AMAN = [
    "terbuka untuk pengguna lain",
    "dapat dibaca grup",
    "milik pengguna lain",
    "symlink",
]


@pytest.mark.parametrize("cara", CARA_TIDAK_AMAN)
def test_an_upload_directory_others_could_use_is_refused_with_a_message_and_a_log(
    client_alice, organisasi, direktori_sementara, monkeypatch, caplog, cara
):
    direktori_sementara.parent.mkdir(parents=True, exist_ok=True)
    _siapkan_direktori_tidak_aman(direktori_sementara, cara, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="akun.admin_impor"):
        response = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/impor_form.html"
    assert "Tempat penyimpanan sementara unggahan tidak aman" in response.text
    assert any(
        "ditolak" in r.getMessage() and str(direktori_sementara) in r.getMessage()
        for r in caplog.records
    )
    assert list(direktori_sementara.glob("*.xlsx")) == []
    assert not Program.objects.exists()


def test_confirm_refuses_an_upload_directory_that_became_unsafe(
    client_alice, organisasi, direktori_sementara
):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    direktori_sementara.chmod(0o755)
    response = client_alice.post(
        reverse("admin:indikator_program_impor_konfirmasi"), {"token": token}, follow=True
    )
    assert "Tempat penyimpanan sementara unggahan tidak aman" in response.text
    assert not Program.objects.exists()


# Downloads


def _buka_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    return load_workbook(io.BytesIO(response.content))


def test_template_download_is_a_valid_workbook(client_alice):
    response = client_alice.get(reverse("admin:indikator_program_templat"))
    wb = _buka_xlsx(response)
    assert "Indikator" in wb.sheetnames
    assert response["Content-Disposition"] == 'attachment; filename="templat-indikator.xlsx"'


def test_export_form_then_download_named_by_organisasi_and_year(client_alice, organisasi):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    url = reverse("admin:indikator_program_ekspor")
    response = client_alice.get(url)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/indikator/ekspor_form.html"
    response = client_alice.get(url, {"organisasi": organisasi.pk, "tahun": 2025})
    wb = _buka_xlsx(response)
    assert "Indikator" in wb.sheetnames
    assert response["Content-Disposition"] == (
        'attachment; filename="indikator-palangkaraya-2025.xlsx"'
    )
    teks = [c.value for row in wb["Indikator"].iter_rows() for c in row]
    assert "R2" in teks


def test_export_form_reports_missing_fields_in_indonesian(client_alice, organisasi):
    response = client_alice.get(reverse("admin:indikator_program_ekspor"), {"tahun": "abc"})
    assert response.status_code == 200
    assert "Mohon perbaiki" in response.text


def test_exported_workbook_imports_back_without_changes(client_alice, organisasi):
    token = _unggah_indikator(client_alice, organisasi, buku_indikator(DUA_RUMUS)).context["token"]
    client_alice.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    data = client_alice.get(
        reverse("admin:indikator_program_ekspor"), {"organisasi": organisasi.pk, "tahun": 2025}
    ).content
    response = _unggah_indikator(client_alice, organisasi, data)
    assert response.context["hasil"].tanpa_perubahan


# Realisasi import


@pytest.fixture
def definisi(organisasi) -> dict[str, Rumus]:
    bidang = Bidang.objects.create(organisasi=organisasi, nama="Rehabilitasi Sosial", slug="rs")
    program = Program.objects.create(organisasi=organisasi, tahun=2025, kode="1", nama="Rehsos")
    indikator = Indikator.objects.create(program=program, kode="1.1", nama="PPKS")
    return {
        kode: Rumus.objects.create(
            organisasi=organisasi,
            tahun=2025,
            indikator=indikator,
            kode=kode,
            bidang=bidang,
            uraian=f"Uraian {kode}",
            urutan=n,
        )
        for n, kode in enumerate(["R1", "R2"])
    }


def test_realisasi_upload_previews_then_confirm_writes(client_alice, alice, organisasi, definisi):
    data = buku_realisasi([("R1", 2025, 3, 46, 38, None), ("R2", 2025, 3, "6.780", "1.234,5", "")])
    response = client_alice.post(
        reverse(IMPOR_REALISASI), {"organisasi": organisasi.pk, "berkas": unggahan(data)}
    )
    assert response.status_code == 200, response.context.get("kesalahan")
    assert response.context["hasil"].hitung("baru", "realisasi") == 2
    assert "Konfirmasi impor" in response.text
    assert not Realisasi.objects.exists()

    response = client_alice.post(
        reverse("admin:capaian_realisasi_impor_konfirmasi"), {"token": response.context["token"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:capaian_realisasi_changelist")
    r2 = Realisasi.objects.get(rumus=definisi["R2"], bulan=3)
    assert (r2.pembagi, r2.realisasi) == (Decimal(6780), Decimal("1234.5"))
    assert r2.diisi_oleh == alice


def test_realisasi_upload_with_unknown_rumus_shows_the_row(client_alice, organisasi, definisi):
    data = buku_realisasi([("R1", 2025, 3, 46, 38, None), ("R99", 2025, 3, 1, 1, None)])
    response = client_alice.post(
        reverse(IMPOR_REALISASI), {"organisasi": organisasi.pk, "berkas": unggahan(data)}
    )
    assert response.status_code == 200
    assert "baris 3" in response.text
    assert "R99" in response.text
    assert not Realisasi.objects.exists()


def test_realisasi_export_is_a_valid_workbook(client_alice, organisasi, definisi):
    Realisasi.objects.create(rumus=definisi["R1"], tahun=2025, bulan=1, realisasi=5)
    response = client_alice.get(
        reverse("admin:capaian_realisasi_ekspor"), {"organisasi": organisasi.pk, "tahun": 2025}
    )
    wb = _buka_xlsx(response)
    assert wb.sheetnames
    assert response["Content-Disposition"] == (
        'attachment; filename="realisasi-palangkaraya-2025.xlsx"'
    )
