"""The rencana admin held to one organisasi, and its plan/tree uploads and export.

seruyan_admin administers Seruyan (whose demo plan the ``seruyan`` fixture loads);
lain_admin administers another organisasi and must never see or import into Seruyan's.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from akun.models import Anggota, Peran
from organisasi.models import Organisasi
from rencana.ekspor import ekspor_rencana
from rencana.models import IndikatorRencana, Renstra, SimpulPohon
from tests.personas import buat_pengguna

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seruyan-pohon-kinerja.xlsx"


@pytest.fixture(autouse=True)
def _impor_sementara(settings, tmp_path):
    settings.IMPOR_TEMP_DIR = tmp_path / "impor"


@pytest.fixture
def admins(seruyan):
    lain = Organisasi.objects.create(slug="kota-lain", nama="Dinas Sosial Kota Lain")
    renstra_lain = Renstra.objects.create(organisasi=lain, tahun_awal=2025, tahun_akhir=2026)
    return {
        "seruyan": buat_pengguna("seruyan_admin", seruyan.organisasi, Peran.ADMIN, is_staff=True),
        "lain": buat_pengguna("lain_admin", lain, Peran.ADMIN, is_staff=True),
        "lain_org": lain,
        "renstra_lain": renstra_lain,
        "staf": buat_pengguna("staf_seruyan", seruyan.organisasi, Peran.STAF, is_staff=True),
    }


def berkas(data: bytes, nama: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = nama
    return f


def test_the_organisasi_admin_uploads_the_tree_with_a_preview(client, seruyan, admins):
    client.force_login(admins["seruyan"])
    url = reverse("admin:rencana_renstra_pohon_impor")
    response = client.get(url)
    assert response.status_code == 200
    assert list(response.context["form"].fields["renstra"].queryset) == [seruyan]
    pohon = berkas(FIXTURE.read_bytes(), "pohon.xlsx")
    response = client.post(url, {"renstra": seruyan.pk, "berkas": pohon})
    assert response.status_code == 200, response.context["form"].errors
    assert response.context["hasil"].hitung("baru") == 87
    assert not SimpulPohon.objects.exists()  # only a preview so far
    response = client.post(
        reverse("admin:rencana_renstra_pohon_impor_konfirmasi"),
        {"token": response.context["token"]},
    )
    assert response.status_code == 302
    assert SimpulPohon.objects.filter(renstra=seruyan).count() == 87


def test_the_organisasi_admin_reimports_their_plan(client, seruyan, admins):
    client.force_login(admins["seruyan"])
    data = ekspor_rencana(seruyan)
    url = reverse("admin:rencana_renstra_rencana_impor")
    response = client.post(
        url, {"organisasi": seruyan.organisasi.pk, "berkas": berkas(data, "rencana.xlsx")}
    )
    assert response.status_code == 200, response.context["form"].errors
    assert response.context["hasil"].tanpa_perubahan


def test_workbook_errors_are_listed_on_the_form(client, seruyan, admins):
    client.force_login(admins["seruyan"])
    response = client.post(
        reverse("admin:rencana_renstra_pohon_impor"),
        {"renstra": seruyan.pk, "berkas": berkas(ekspor_rencana(seruyan), "salah.xlsx")},
    )
    assert response.status_code == 200
    assert "kolom wajib tidak ada" in response.text
    assert "token" not in response.context


def test_another_organisasis_admin_cannot_see_or_import_into_seruyan(client, seruyan, admins):
    client.force_login(admins["lain"])
    assert client.get(reverse("admin:rencana_renstra_change", args=[seruyan.pk])).status_code == 404
    assert client.get(reverse("admin:rencana_renstra_ekspor", args=[seruyan.pk])).status_code == 404
    ind = IndikatorRencana.objects.filter(renstra=seruyan).first()
    url = reverse("admin:rencana_indikatorrencana_change", args=[ind.pk])
    assert client.get(url).status_code == 404
    response = client.get(reverse("admin:rencana_renstra_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [admins["renstra_lain"]]
    assert "Seruyan" not in response.text

    # The tree upload offers only their own plan and refuses Seruyan's.
    url = reverse("admin:rencana_renstra_pohon_impor")
    assert list(client.get(url).context["form"].fields["renstra"].queryset) == [
        admins["renstra_lain"]
    ]
    pohon = berkas(FIXTURE.read_bytes(), "pohon.xlsx")
    response = client.post(url, {"renstra": seruyan.pk, "berkas": pohon})
    assert response.status_code == 200
    assert "token" not in response.context
    assert "organisasi Anda sendiri" in response.text
    # The plan upload: only their own organisasi.
    response = client.post(
        reverse("admin:rencana_renstra_rencana_impor"),
        {"organisasi": seruyan.organisasi.pk, "berkas": berkas(ekspor_rencana(seruyan), "r.xlsx")},
    )
    assert "organisasi Anda sendiri" in response.text and "token" not in response.context
    assert not SimpulPohon.objects.exists()


def test_a_preview_confirmed_by_someone_out_of_scope_saves_nothing(client, seruyan, admins):
    client.force_login(admins["seruyan"])
    response = client.post(
        reverse("admin:rencana_renstra_pohon_impor"),
        {"renstra": seruyan.pk, "berkas": berkas(FIXTURE.read_bytes(), "pohon.xlsx")},
    )
    token = response.context["token"]
    # The same session now belongs to an admin of another organisasi (e.g. role moved).
    Anggota.objects.filter(pengguna=admins["seruyan"]).update(organisasi=admins["lain_org"])
    response = client.post(
        reverse("admin:rencana_renstra_pohon_impor_konfirmasi"), {"token": token}
    )
    assert "organisasi Anda sendiri" in response.text
    assert not SimpulPohon.objects.exists()


def test_members_without_the_admin_role_get_403(client, seruyan, admins):
    client.force_login(admins["staf"])
    assert client.get(reverse("admin:rencana_renstra_pohon_impor")).status_code == 403
    assert client.get(reverse("admin:rencana_renstra_rencana_impor")).status_code == 403


def test_the_export_download_and_the_admin_pages_open(client, seruyan, admins):
    client.force_login(admins["seruyan"])
    response = client.get(reverse("admin:rencana_renstra_ekspor", args=[seruyan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('rencana-seruyan-2025-2029.xlsx"')
    html = client.get(reverse("admin:rencana_renstra_changelist")).text
    assert reverse("admin:rencana_renstra_pohon_impor") in html
    for nama in ("renstra", "elemen", "indikatorrencana", "realisasirencana", "pita",
                 "simpulpohon"):  # fmt: skip
        assert client.get(reverse(f"admin:rencana_{nama}_changelist")).status_code == 200
    ind = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    response = client.get(reverse("admin:rencana_indikatorrencana_change", args=[ind.pk]))
    assert response.status_code == 200
    # Choices of indicator and bidang are Seruyan's only.
    form = response.context["adminform"].form
    assert {r.organisasi_id for r in form.fields["renstra"].queryset} == {seruyan.organisasi_id}
    assert {b.organisasi_id for b in form.fields["bidang"].queryset} == {seruyan.organisasi_id}
    assert client.get(reverse("admin:rencana_renstra_change", args=[seruyan.pk])).status_code == 200


def test_a_superuser_sees_every_plan(client, seruyan, admins, django_user_model):
    root = django_user_model.objects.create_superuser("root_rencana", password="x")
    client.force_login(root)
    response = client.get(reverse("admin:rencana_renstra_changelist"))
    assert set(response.context["cl"].queryset) == {seruyan, admins["renstra_lain"]}


def test_the_plan_list_offers_both_uploads(admin_client, seruyan):
    html = admin_client.get(reverse("admin:rencana_renstra_changelist")).content.decode()
    assert reverse("admin:rencana_renstra_rencana_impor") in html
    assert reverse("admin:rencana_renstra_pohon_impor") in html
