"""The Django admin held to one organisasi: an organisasi admin (admin_org, Palangka Raya)
sees, chooses, imports and exports only Palangka Raya's rows; Seruyan's answer 404.

Personas: tests/personas.py (admin_org is the organisasi admin, root the superuser).
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from akun.lingkup_admin import (
    IZIN_DJANGO,
    ORGANISASI,
    SEMUA,
    TANPA,
    akses_pengguna,
    organisasi_admin,
)
from capaian.audit import jejak_bulan, jejak_realisasi, simpan
from capaian.models import (
    Aksi,
    JejakAudit,
    PengajuanBulan,
    Realisasi,
    StatusPengajuan,
    Sumber,
)
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi
from tests.factories import buat_definisi
from tests.workbooks import baris_contoh, buku_indikator, buku_realisasi

pytestmark = pytest.mark.django_db

RAHASIA = "Seruyan"  # in the name of every Seruyan object below


@pytest.fixture(autouse=True)
def sandi_cepat(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.IMPOR_TEMP_DIR = tmp_path / "impor"


@pytest.fixture
def seruyan(kantor) -> dict:
    """One of everything in the other organisasi, plus a month state and trail entries in
    both."""
    org = kantor.organisasi_lain
    rumus = buat_definisi(
        org,
        2025,
        [
            {
                "bidang": kantor.bidang_lain.nama,
                "kode_program": "SRY-P",
                "program": "Program Seruyan",
                "kode_indikator": "SRY-I",
                "indikator": "Indikator Seruyan",
                "kode_rumus": "SRY01",
                "uraian": "Uraian Seruyan",
                "pembagi_default": "10",
            }
        ],
    )["SRY01"]
    realisasi = Realisasi.objects.create(
        rumus=rumus, tahun=2025, bulan=1, pembagi=Decimal(10), realisasi=Decimal(7)
    )
    pengajuan = PengajuanBulan.objects.create(
        bidang=kantor.bidang_lain, tahun=2025, bulan=1, status=StatusPengajuan.DIAJUKAN
    )
    PengajuanBulan.objects.create(
        bidang=kantor.fakir_miskin, tahun=2025, bulan=1, status=StatusPengajuan.DIAJUKAN
    )
    r06 = kantor.rumus["R06"]
    simpan(
        [
            jejak_realisasi(
                aksi=Aksi.BUAT,
                sumber=Sumber.ENTRI,
                pengguna=kantor.charlie,
                rumus=rumus,
                tahun=2025,
                bulan=1,
                lama=None,
                baru=realisasi,
            ),
            jejak_bulan(
                aksi=Aksi.AJUKAN,
                sumber=Sumber.ENTRI,
                pengguna=kantor.alice,
                organisasi=kantor.organisasi,
                tahun=2025,
                bulan=1,
                bidang=r06.bidang,
            ),
        ]
    )
    return {
        "organisasi": org,
        "bidang": kantor.bidang_lain,
        "program": rumus.indikator.program,
        "indikator": rumus.indikator,
        "rumus": rumus,
        "realisasi": realisasi,
        "pengajuanbulan": pengajuan,
        "jejakaudit": JejakAudit.objects.get(organisasi=org),
    }


def masuk(client, user):
    client.force_login(user)
    return client


MODEL = {
    "organisasi": ("organisasi", Organisasi, "pk"),
    "bidang": ("organisasi", Bidang, "organisasi"),
    "program": ("indikator", Program, "organisasi"),
    "indikator": ("indikator", Indikator, "program__organisasi"),
    "rumus": ("indikator", Rumus, "organisasi"),
    "realisasi": ("capaian", Realisasi, "rumus__organisasi"),
    "pengajuanbulan": ("capaian", PengajuanBulan, "bidang__organisasi"),
    "jejakaudit": ("capaian", JejakAudit, "organisasi"),
}


# Who the admin lets in


def test_roles_map_to_admin_access(kantor):
    assert akses_pengguna(kantor.root).jenis == SEMUA
    akses = akses_pengguna(kantor.admin_org)
    assert (akses.jenis, akses.organisasi) == (ORGANISASI, kantor.organisasi)
    assert organisasi_admin(kantor.admin_org) == kantor.organisasi
    assert organisasi_admin(kantor.root) is None
    for user in (kantor.kepala, kantor.alice, kantor.pemantau, kantor.charlie):
        assert akses_pengguna(user).jenis == TANPA
    operator = User.objects.create_user("operator", is_staff=True)
    assert akses_pengguna(operator).jenis == IZIN_DJANGO


@pytest.mark.parametrize("nama", ["kepala", "alice", "bob", "pemantau", "charlie"])
def test_kepala_staf_and_pemantau_get_no_admin_access(client, kantor, nama):
    masuk(client, getattr(kantor, nama))
    for url in (reverse("admin:index"), reverse("admin:capaian_realisasi_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("nama", ["kepala", "alice", "pemantau"])
def test_a_member_marked_staff_by_mistake_still_gets_no_admin_rights(client, kantor, nama):
    user = getattr(kantor, nama)
    user.is_staff = True
    user.save()
    masuk(client, user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert client.get(reverse("admin:indikator_program_changelist")).status_code == 403
    assert client.get(reverse("admin:capaian_realisasi_impor")).status_code == 403


def test_the_organisasi_admin_sees_the_definitions_and_realisasi_on_the_admin_index(client, kantor):
    response = masuk(client, kantor.admin_org).get(reverse("admin:index"))
    model = {
        m["object_name"]: m["perms"] for app in response.context["app_list"] for m in app["models"]
    }
    assert set(model) >= {
        "Organisasi",
        "Bidang",
        "Program",
        "Indikator",
        "Rumus",
        "Realisasi",
        "PengajuanBulan",
        "JejakAudit",
    }
    assert not model["Organisasi"]["add"] and not model["Organisasi"]["delete"]
    assert model["Organisasi"]["change"]
    assert model["Realisasi"] == {"add": True, "change": True, "delete": True, "view": True}
    for nama in ("PengajuanBulan", "JejakAudit"):
        assert model[nama] == {"add": False, "change": False, "delete": False, "view": True}
    assert "User" not in model  # users and roles are the superuser's


# Lists and pages


@pytest.mark.parametrize("model", list(MODEL))
def test_an_organisasi_admin_sees_only_their_rows_in_each_changelist(
    client, kantor, seruyan, model
):
    app, cls, jalur = MODEL[model]
    response = masuk(client, kantor.admin_org).get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200
    terlihat = set(response.context["cl"].queryset.values_list("pk", flat=True))
    milik_sendiri = set(
        cls.objects.filter(**{jalur: kantor.organisasi.pk}).values_list("pk", flat=True)
    )
    assert terlihat == milik_sendiri
    assert terlihat  # there is something of their own to see
    assert RAHASIA not in response.text  # neither rows nor filter choices name Seruyan


@pytest.mark.parametrize("model", list(MODEL))
def test_a_superuser_still_sees_every_organisasi(client, kantor, seruyan, model):
    app, cls, _ = MODEL[model]
    response = masuk(client, kantor.root).get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.context["cl"].queryset.count() == cls.objects.count()
    assert seruyan[model].pk in set(response.context["cl"].queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("model", list(MODEL))
def test_another_organisasis_object_answers_404(client, kantor, seruyan, model):
    app, _, _ = MODEL[model]
    masuk(client, kantor.admin_org)
    pk = seruyan[model].pk
    for aksi in ("change", "history", "delete"):
        response = client.get(reverse(f"admin:{app}_{model}_{aksi}", args=[pk]))
        assert response.status_code == 404, aksi
    response = client.post(reverse(f"admin:{app}_{model}_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 404
    assert type(seruyan[model]).objects.filter(pk=pk).exists()


def test_an_unknown_object_answers_404_as_well(client, kantor):
    response = masuk(client, kantor.admin_org).get(
        reverse("admin:indikator_program_change", args=[987654])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("app", "model", "obj"),
    [
        ("indikator", "program", lambda k: k.rumus["R06"].indikator.program),
        ("indikator", "indikator", lambda k: k.rumus["R06"].indikator),
        ("indikator", "rumus", lambda k: k.rumus["R06"]),
        ("organisasi", "bidang", lambda k: k.fakir_miskin),
        ("organisasi", "organisasi", lambda k: k.organisasi),
        ("capaian", "realisasi", lambda k: Realisasi.objects.filter(rumus=k.rumus["R06"]).first()),
    ],
)
def test_the_organisasi_admin_opens_their_own_pages(client, kantor, seruyan, app, model, obj):
    masuk(client, kantor.admin_org)
    response = client.get(reverse(f"admin:{app}_{model}_change", args=[obj(kantor).pk]))
    assert response.status_code == 200
    assert RAHASIA not in response.text


def test_the_organisasi_admin_cannot_add_or_delete_an_organisasi(client, kantor):
    masuk(client, kantor.admin_org)
    assert client.get(reverse("admin:organisasi_organisasi_add")).status_code == 403
    url = reverse("admin:organisasi_organisasi_delete", args=[kantor.organisasi.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Organisasi.objects.filter(pk=kantor.organisasi.pk).exists()


def test_the_organisasi_admin_edits_their_organisasi_but_not_its_slug(client, kantor):
    masuk(client, kantor.admin_org)
    url = reverse("admin:organisasi_organisasi_change", args=[kantor.organisasi.pk])
    form = client.get(url).context["adminform"].form
    assert "slug" not in form.fields
    assert "nama" in form.fields


# Choices in forms


def test_new_rows_can_only_belong_to_their_organisasi(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    response = client.get(reverse("admin:indikator_program_add"))
    field = response.context["adminform"].form.fields["organisasi"]
    assert list(field.queryset) == [kantor.organisasi]
    assert field.empty_label is None  # preselected

    data = {
        "tahun": "2026",
        "kode": "9.99",
        "nama": "Program baru",
        "urutan": "0",
        "indikator-TOTAL_FORMS": "0",
        "indikator-INITIAL_FORMS": "0",
    }
    response = client.post(
        reverse("admin:indikator_program_add"), {**data, "organisasi": seruyan["organisasi"].pk}
    )
    assert response.status_code == 200
    assert "organisasi Anda sendiri" in str(response.context["adminform"].form.errors)
    assert not Program.objects.filter(kode="9.99").exists()

    response = client.post(
        reverse("admin:indikator_program_add"), {**data, "organisasi": kantor.organisasi.pk}
    )
    assert response.status_code == 302
    assert Program.objects.get(kode="9.99").organisasi == kantor.organisasi


def test_the_organisasi_admin_cannot_pick_another_organisasis_bidang_or_indikator(
    client, kantor, seruyan
):
    masuk(client, kantor.admin_org)
    indikator = kantor.rumus["R06"].indikator
    data = {
        "indikator": indikator.pk,
        "kode": "R99",
        "bidang": seruyan["bidang"].pk,
        "uraian": "Baru",
        "penyebut": "",
        "periode": "bulanan",
        "faktor_teks": "",
        "bobot_teks": "1",
        "pembagi_default": "10",
        "urutan": "0",
    }
    response = client.post(reverse("admin:indikator_rumus_add"), data)
    assert response.status_code == 200
    assert "bidang" in response.context["adminform"].form.errors
    response = client.post(
        reverse("admin:indikator_rumus_add"),
        {**data, "bidang": kantor.fakir_miskin.pk, "indikator": seruyan["indikator"].pk},
    )
    assert response.status_code == 200
    assert "indikator" in response.context["adminform"].form.errors
    assert not Rumus.objects.filter(kode="R99").exists()

    response = client.post(
        reverse("admin:indikator_rumus_add"), {**data, "bidang": kantor.fakir_miskin.pk}
    )
    assert response.status_code == 302
    assert Rumus.objects.get(kode="R99").organisasi == kantor.organisasi


def test_the_organisasi_admin_cannot_pick_another_organisasis_program(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    response = client.post(
        reverse("admin:indikator_indikator_add"),
        {
            "program": seruyan["program"].pk,
            "kode": "X1",
            "nama": "Indikator baru",
            "jenis": "",
            "agregasi": "rata-rata",
            "bobot_teks": "1",
            "urutan": "0",
            "rumus-TOTAL_FORMS": "0",
            "rumus-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["program"] == [
        "Pilih program milik organisasi Anda sendiri (Dinas Sosial Kota Palangka Raya)."
    ]
    assert not Indikator.objects.filter(kode="X1").exists()


def test_the_organisasi_admin_cannot_enter_realisasi_for_another_organisasis_rumus(
    client, kantor, seruyan
):
    masuk(client, kantor.admin_org)
    response = client.post(
        reverse("admin:capaian_realisasi_add"),
        {"rumus": seruyan["rumus"].pk, "bulan": "2", "pembagi": "10", "realisasi": "5"},
    )
    assert response.status_code == 200
    assert "rumus" in response.context["adminform"].form.errors
    assert not Realisasi.objects.filter(rumus=seruyan["rumus"], bulan=2).exists()


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("admin:indikator_rumus_autocomplete", ("capaian", "realisasi", "rumus")),
        ("admin:organisasi_bidang_autocomplete", ("indikator", "rumus", "bidang")),
        ("admin:indikator_indikator_autocomplete", ("indikator", "rumus", "indikator")),
        ("admin:indikator_program_autocomplete", ("indikator", "indikator", "program")),
        ("admin:autocomplete", ("capaian", "realisasi", "rumus")),
    ],
)
def test_autocompletes_offer_only_their_organisasi(client, kantor, seruyan, url_name, field):
    app, model, nama = field
    masuk(client, kantor.admin_org)
    response = client.get(
        reverse(url_name), {"app_label": app, "model_name": model, "field_name": nama}
    )
    assert response.status_code == 200
    teks = [hasil["text"] for hasil in response.json()["results"]]
    assert teks
    assert not any("seruyan" in t.lower() for t in teks)


def test_the_bidang_filter_lists_only_their_bidang(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    response = client.get(reverse("admin:indikator_rumus_changelist"))
    assert "Penanganan Fakir Miskin (palangkaraya)" in response.text
    assert "(seruyan)" not in response.text


# Import and export


def _unggah_realisasi(client, organisasi_pk, rows):
    berkas = io.BytesIO(buku_realisasi(rows))
    berkas.name = "realisasi.xlsx"
    return client.post(
        reverse("admin:capaian_realisasi_impor"), {"organisasi": organisasi_pk, "berkas": berkas}
    )


def test_the_import_forms_offer_only_their_organisasi(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    for url in ("admin:capaian_realisasi_impor", "admin:indikator_program_impor"):
        response = client.get(reverse(url))
        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.fields["organisasi"].queryset) == [kantor.organisasi]
        assert "organisasi_baru" not in form.fields
        assert RAHASIA not in response.text


def test_a_realisasi_import_into_another_organisasi_is_refused(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    response = _unggah_realisasi(
        client, seruyan["organisasi"].pk, [("SRY01", 2025, 2, 10, 9, None)]
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisasi"] == [
        "Anda hanya dapat memilih organisasi Anda sendiri (Dinas Sosial Kota Palangka Raya)."
    ]
    assert "token" not in response.context
    assert not Realisasi.objects.filter(rumus=seruyan["rumus"], bulan=2).exists()


@pytest.mark.parametrize("isian", ["organisasi_baru", "organisasi_lain"])
def test_an_indikator_import_naming_another_organisasi_is_refused(client, kantor, seruyan, isian):
    masuk(client, kantor.admin_org)
    berkas = io.BytesIO(buku_indikator(baris_contoh()))
    berkas.name = "indikator.xlsx"
    data = {"tahun": 2026, "berkas": berkas, "organisasi": kantor.organisasi.pk}
    if isian == "organisasi_baru":
        data["organisasi_baru"] = "seruyan"
    else:
        data["organisasi"] = seruyan["organisasi"].pk
    response = client.post(reverse("admin:indikator_program_impor"), data)
    assert response.status_code == 200
    assert "organisasi Anda sendiri" in response.text
    assert "token" not in response.context
    assert not Program.objects.filter(tahun=2026).exists()


def test_the_organisasi_admin_imports_their_own_definitions(client, kantor):
    masuk(client, kantor.admin_org)
    berkas = io.BytesIO(buku_indikator(baris_contoh()))
    berkas.name = "indikator.xlsx"
    response = client.post(
        reverse("admin:indikator_program_impor"),
        {"organisasi": kantor.organisasi.pk, "tahun": 2026, "berkas": berkas},
    )
    assert response.status_code == 200, response.context["form"].errors
    token = response.context["token"]
    response = client.post(reverse("admin:indikator_program_impor_konfirmasi"), {"token": token})
    assert response.status_code == 302
    assert Rumus.objects.filter(organisasi=kantor.organisasi, tahun=2026).count() == 5


def test_the_organisasi_admin_imports_their_own_realisasi_with_a_trail_naming_them(client, kantor):
    masuk(client, kantor.admin_org)
    response = _unggah_realisasi(client, kantor.organisasi.pk, [("R06", 2025, 2, 6780, 5800, None)])
    assert response.status_code == 200, response.context["form"].errors
    response = client.post(
        reverse("admin:capaian_realisasi_impor_konfirmasi"), {"token": response.context["token"]}
    )
    assert response.status_code == 302
    r06 = Realisasi.objects.get(rumus=kantor.rumus["R06"], bulan=2)
    assert (r06.realisasi, r06.versi) == (Decimal(5800), 2)
    jejak = JejakAudit.objects.get(kode_rumus="R06", sumber=Sumber.IMPOR)
    assert jejak.pengguna == kantor.admin_org
    assert (jejak.nilai_lama["realisasi"], jejak.nilai_baru["realisasi"]) == ("5780", "5800")


def test_a_preview_confirmed_after_losing_that_organisasi_saves_nothing(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    response = _unggah_realisasi(client, kantor.organisasi.pk, [("R06", 2025, 2, 6780, 5800, None)])
    token = response.context["token"]
    # Meanwhile a superuser moves the admin to Seruyan.
    kantor.admin_org.anggota.organisasi = seruyan["organisasi"]
    kantor.admin_org.anggota.save()
    response = client.post(reverse("admin:capaian_realisasi_impor_konfirmasi"), {"token": token})
    assert response.status_code == 200
    assert "Anda hanya dapat mengimpor untuk organisasi Anda sendiri" in response.text
    assert Realisasi.objects.get(rumus=kantor.rumus["R06"], bulan=2).realisasi == Decimal(5780)
    assert not JejakAudit.objects.filter(sumber=Sumber.IMPOR).exists()


def test_exports_offer_and_deliver_only_their_organisasi(client, kantor, seruyan):
    masuk(client, kantor.admin_org)
    for url in ("admin:capaian_realisasi_ekspor", "admin:indikator_program_ekspor"):
        response = client.get(reverse(url), {"organisasi": seruyan["organisasi"].pk, "tahun": 2025})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "organisasi Anda sendiri" in response.text
        assert RAHASIA not in response.text
    response = client.get(
        reverse("admin:capaian_realisasi_ekspor"),
        {"organisasi": kantor.organisasi.pk, "tahun": 2025},
    )
    ws = load_workbook(io.BytesIO(response.content))["Realisasi"]
    assert {r[0] for r in ws.iter_rows(min_row=2, values_only=True)} == set(kantor.rumus)


def test_the_organisasi_admin_sees_the_import_buttons_and_downloads_the_template(client, kantor):
    masuk(client, kantor.admin_org)
    html = client.get(reverse("admin:indikator_program_changelist")).text
    assert "Impor buku kerja indikator" in html
    html = client.get(reverse("admin:capaian_realisasi_changelist")).text
    assert "Impor realisasi" in html
    assert client.get(reverse("admin:indikator_program_templat")).status_code == 200


def test_scope_is_looked_up_once_per_request(kantor, django_assert_num_queries):
    from akun.lingkup_admin import akses_admin

    request = RequestFactory().get("/")
    request.user = kantor.admin_org
    with django_assert_num_queries(1):
        for _ in range(3):
            assert akses_admin(request).organisasi == kantor.organisasi
