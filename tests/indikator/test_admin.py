"""The Django admin for definitions and realisasi: pages open, lists stay cheap, and fractions
and amounts are typed the way an office admin writes them.

Personas: alice is a superuser.
"""

import datetime
import warnings
from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capaian.forms_admin import RealisasiAdminForm
from capaian.models import Realisasi
from dasar.formulir import AngkaField, PecahanField
from indikator.forms import IndikatorAdminForm, RumusAdminForm
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang, Organisasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_superuser("alice", "alice@example.org", None)


@pytest.fixture
def client_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bidang(organisasi: Organisasi) -> Bidang:
    return Bidang.objects.create(organisasi=organisasi, nama="Rehabilitasi Sosial", slug="rehsos")


@pytest.fixture
def program(organisasi: Organisasi) -> Program:
    return Program.objects.create(
        organisasi=organisasi, tahun=2025, kode="1.06.04", nama="Rehabilitasi Sosial"
    )


@pytest.fixture
def indikator(program: Program) -> Indikator:
    return Indikator.objects.create(program=program, kode="1.06.04.1", nama="Persentase PPKS")


def buat_rumus(indikator: Indikator, bidang: Bidang, kode: str, **kwargs) -> Rumus:
    program = indikator.program
    return Rumus.objects.create(
        organisasi_id=program.organisasi_id,
        tahun=program.tahun,
        indikator=indikator,
        bidang=bidang,
        kode=kode,
        uraian=kwargs.pop("uraian", f"Jumlah PPKS {kode}"),
        **kwargs,
    )


@pytest.fixture
def rumus(indikator: Indikator, bidang: Bidang) -> Rumus:
    return buat_rumus(indikator, bidang, "R1", pembagi_default=Decimal(46))


@pytest.fixture
def realisasi(rumus: Rumus, alice) -> Realisasi:
    return Realisasi.objects.create(
        rumus=rumus, tahun=2025, bulan=3, pembagi=Decimal(46), realisasi=Decimal(38)
    )


MODELS = [
    ("organisasi", "organisasi", "organisasi"),
    ("organisasi", "bidang", "bidang"),
    ("indikator", "program", "program"),
    ("indikator", "indikator", "indikator"),
    ("indikator", "rumus", "rumus"),
    ("capaian", "realisasi", "realisasi"),
]


@pytest.mark.parametrize(("app", "model", "fixture"), MODELS)
def test_superuser_sees_every_changelist_add_and_change_page(
    request, client_alice, app, model, fixture
):
    obj = request.getfixturevalue(fixture)
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ):
        response = client_alice.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(("app", "model", "fixture"), MODELS)
def test_changelist_search_and_filters_answer(request, client_alice, app, model, fixture):
    request.getfixturevalue(fixture)
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client_alice.get(url, {"q": "1"})
    assert response.status_code == 200


def test_admin_index_is_in_indonesian(client_alice):
    response = client_alice.get(reverse("admin:index"))
    assert "Pengelolaan indikator kinerja" in response.text
    assert "Program" in response.text


def test_rumus_changelist_shows_fractions_default_factor_and_indonesian_numbers(
    client_alice, indikator, bidang
):
    buat_rumus(indikator, bidang, "R1", pembagi_default=Decimal(6780))
    buat_rumus(
        indikator,
        bidang,
        "R2",
        periode="triwulan",
        faktor_pembilang=1,
        faktor_penyebut=3,
        bobot_pembilang=1,
        bobot_penyebut=3,
        pembagi_default=Decimal("1234.5"),
    )
    response = client_alice.get(reverse("admin:indikator_rumus_changelist"))
    html = response.text
    assert "1/12 (bawaan)" in html
    assert "6.780" in html
    assert "1.234,5" in html
    assert "1/3" in html


def test_realisasi_changelist_shows_month_name_and_percentage(client_alice, realisasi, rumus):
    Realisasi.objects.create(rumus=rumus, tahun=2025, bulan=4, pembagi=None, realisasi=None)
    Realisasi.objects.create(
        rumus=buat_rumus(rumus.indikator, rumus.bidang, "R9"), tahun=2025, bulan=5
    )
    response = client_alice.get(reverse("admin:capaian_realisasi_changelist"))
    html = response.text
    assert "Maret" in html
    assert "82,6%" in html  # 38 / 46
    assert "46 (bawaan)" in html  # April uses the rumus's default pembagi
    assert "-" in html  # R9 has no pembagi at all


def test_realisasi_changelist_filters_by_month_and_organisasi(client_alice, realisasi, rumus):
    url = reverse("admin:capaian_realisasi_changelist")
    assert client_alice.get(url, {"bulan": "3"}).context["cl"].result_count == 1
    assert client_alice.get(url, {"bulan": "4"}).context["cl"].result_count == 0
    organisasi_id = rumus.organisasi_id
    response = client_alice.get(url, {"rumus__organisasi__id__exact": organisasi_id})
    assert response.context["cl"].result_count == 1


def _jumlah_query(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_rumus_changelist_query_count_does_not_grow_with_rows(
    client_alice, indikator, bidang, django_assert_max_num_queries
):
    url = reverse("admin:indikator_rumus_changelist")
    buat_rumus(indikator, bidang, "R0")
    sedikit = _jumlah_query(client_alice, url)
    bidang_lain = Bidang.objects.create(organisasi=bidang.organisasi, nama="Linjamsos", slug="lj")
    for n in range(1, 60):
        buat_rumus(indikator, bidang if n % 2 else bidang_lain, f"R{n}")
    with django_assert_max_num_queries(sedikit):
        client_alice.get(url)


def test_realisasi_changelist_query_count_does_not_grow_with_rows(
    client_alice, alice, indikator, bidang, django_assert_max_num_queries
):
    url = reverse("admin:capaian_realisasi_changelist")
    rumus = [buat_rumus(indikator, bidang, f"R{n}", pembagi_default=10) for n in range(10)]
    Realisasi.objects.create(rumus=rumus[0], tahun=2025, bulan=1, diisi_oleh=alice)
    sedikit = _jumlah_query(client_alice, url)
    Realisasi.objects.bulk_create(
        Realisasi(rumus=r, tahun=2025, bulan=b, realisasi=b, diisi_oleh=alice)
        for r in rumus
        for b in range(2, 8)
    )
    with django_assert_max_num_queries(sedikit):
        client_alice.get(url)


def test_indikator_page_query_count_does_not_grow_with_its_rumus(
    client_alice, indikator, bidang, django_assert_max_num_queries
):
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    buat_rumus(indikator, bidang, "R0")
    sedikit = _jumlah_query(client_alice, url)
    for n in range(1, 30):
        buat_rumus(indikator, bidang, f"R{n}")
    with django_assert_max_num_queries(sedikit):
        response = client_alice.get(url)
    assert response.text.count(f'<option value="{bidang.pk}" selected>') == 30


def test_indikator_and_program_changelists_query_count_does_not_grow_with_rows(
    client_alice, organisasi, django_assert_max_num_queries
):
    program = Program.objects.create(organisasi=organisasi, tahun=2025, kode="P0", nama="P0")
    Indikator.objects.create(program=program, kode="I0", nama="I0")
    urls = [reverse("admin:indikator_indikator_changelist")]
    urls.append(reverse("admin:indikator_program_changelist"))
    sedikit = [_jumlah_query(client_alice, url) for url in urls]
    for n in range(1, 30):
        p = Program.objects.create(organisasi=organisasi, tahun=2025, kode=f"P{n}", nama="P")
        Indikator.objects.create(program=p, kode=f"I{n}", nama="I")
    for url, batas in zip(urls, sedikit, strict=True):
        with django_assert_max_num_queries(batas):
            client_alice.get(url)


# Fraction and amount fields


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("1/12", Fraction(1, 12)),
        ("0,5", Fraction(1, 2)),
        ("0.5", Fraction(1, 2)),
        ("1", Fraction(1)),
        (" 1 / 3 ", Fraction(1, 3)),
    ],
)
def test_pecahan_field_accepts_what_an_admin_types(teks, expected):
    assert PecahanField().clean(teks) == expected


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("1/0", "pembagian dengan nol"),
        ("-1", "tidak boleh negatif"),
        ("abc", "bukan angka"),
        ("0", "lebih dari nol"),
        ("0,0000000000001", "terlalu"),
    ],
)
def test_pecahan_field_refuses_with_an_indonesian_message(teks, pesan):
    with pytest.raises(ValidationError) as exc:
        PecahanField().clean(teks)
    assert pesan in " ".join(exc.value.messages)


@pytest.mark.parametrize(
    ("teks", "expected"),
    [("6.780", Decimal(6780)), ("1.234,5", Decimal("1234.5")), ("46", Decimal(46)), ("", None)],
)
def test_angka_field_reads_indonesian_numbers(teks, expected):
    assert AngkaField(required=False).clean(teks) == expected


def test_angka_field_refuses_a_dot_decimal_rather_than_guessing():
    with pytest.raises(ValidationError) as exc:
        AngkaField().clean("6.78")
    assert "pemisah ribuan" in exc.value.messages[0]


def _data_rumus(indikator, bidang, **ubah) -> dict:
    data = {
        "indikator": indikator.pk,
        "kode": "R1",
        "bidang": bidang.pk,
        "urutan": 0,
        "uraian": "Jumlah PPKS yang dilayani",
        "penyebut": "Jumlah PPKS",
        "periode": "bulanan",
        "faktor_teks": "",
        "bobot_teks": "1",
        "pembagi_default": "",
    }
    data.update(ubah)
    return data


@pytest.mark.parametrize(
    ("faktor", "bobot", "pasangan_faktor", "pasangan_bobot"),
    [
        ("1/12", "1", (1, 12), (1, 1)),
        ("0,5", "1/3", (1, 2), (1, 3)),
        ("0.5", "0,25", (1, 2), (1, 4)),
        ("", "2", (None, None), (2, 1)),
    ],
)
def test_rumus_form_stores_typed_fractions_as_pairs(
    indikator, bidang, faktor, bobot, pasangan_faktor, pasangan_bobot
):
    form = RumusAdminForm(data=_data_rumus(indikator, bidang, faktor_teks=faktor, bobot_teks=bobot))
    assert form.is_valid(), form.errors
    rumus = form.save()
    assert (rumus.faktor_pembilang, rumus.faktor_penyebut) == pasangan_faktor
    assert (rumus.bobot_pembilang, rumus.bobot_penyebut) == pasangan_bobot
    assert (rumus.organisasi_id, rumus.tahun) == (indikator.program.organisasi_id, 2025)


@pytest.mark.parametrize("teks", ["1/0", "-1", "abc"])
def test_rumus_form_refuses_bad_faktor_and_bobot(indikator, bidang, teks):
    form = RumusAdminForm(data=_data_rumus(indikator, bidang, faktor_teks=teks, bobot_teks=teks))
    assert not form.is_valid()
    assert form.errors["faktor_teks"][0].startswith("Tidak dapat dibaca")
    assert form.errors["bobot_teks"][0].startswith("Tidak dapat dibaca")


def test_rumus_form_shows_stored_pairs_as_fraction_text(rumus):
    rumus.faktor_pembilang, rumus.faktor_penyebut = 1, 4
    rumus.bobot_pembilang, rumus.bobot_penyebut = 1, 3
    form = RumusAdminForm(instance=rumus)
    assert form["faktor_teks"].value() == "1/4"
    assert form["bobot_teks"].value() == "1/3"
    assert form["pembagi_default"].value() == "46"
    assert 'value="46"' in str(form["pembagi_default"])
    assert "bulanan 1/12" in form.fields["faktor_teks"].help_text
    assert "Kosong = bawaan periode" in form.fields["faktor_teks"].help_text


def test_rumus_form_refuses_a_kode_already_used_that_year(rumus, indikator, bidang):
    form = RumusAdminForm(data=_data_rumus(indikator, bidang, kode=rumus.kode))
    assert not form.is_valid()
    assert "sudah dipakai pada tahun 2025" in form.errors["kode"][0]


def test_rumus_form_refuses_a_bidang_of_another_organisasi(indikator, organisasi_lain):
    bidang_lain = Bidang.objects.create(organisasi=organisasi_lain, nama="Lain", slug="lain")
    form = RumusAdminForm(data=_data_rumus(indikator, bidang_lain))
    assert not form.is_valid()
    assert "Bidang harus milik organisasi" in form.errors["bidang"][0]


def test_rumus_form_refuses_moving_a_rumus_to_another_year(rumus, bidang, organisasi):
    program_2026 = Program.objects.create(organisasi=organisasi, tahun=2026, kode="P", nama="P")
    indikator_2026 = Indikator.objects.create(program=program_2026, kode="I", nama="I")
    form = RumusAdminForm(instance=rumus, data=_data_rumus(indikator_2026, bidang))
    assert not form.is_valid()
    assert "tidak dapat dipindahkan" in form.errors["indikator"][0]


def _data_indikator(program, **ubah) -> dict:
    data = {
        "program": program.pk,
        "kode": "I1",
        "nama": "Persentase",
        "jenis": "persentase",
        "agregasi": "jumlah",
        "bobot_teks": "1",
        "urutan": 0,
    }
    data.update(ubah)
    return data


def test_indikator_form_bobot_accepts_comma_decimal(program):
    form = IndikatorAdminForm(data=_data_indikator(program, bobot_teks="0,5"))
    assert form.is_valid(), form.errors
    indikator = form.save()
    assert indikator.bobot == Fraction(1, 2)


def test_indikator_form_refuses_zero_bobot(program):
    form = IndikatorAdminForm(data=_data_indikator(program, bobot_teks="0"))
    assert not form.is_valid()
    assert form.errors["bobot_teks"] == ["Harus lebih dari nol."]


def test_realisasi_form_derives_tahun_and_reads_indonesian_numbers(rumus):
    form = RealisasiAdminForm(
        data={"rumus": rumus.pk, "bulan": "3", "pembagi": "6.780", "realisasi": "1.234,5"}
    )
    assert form.is_valid(), form.errors
    obj = form.save()
    assert (obj.tahun, obj.bulan, obj.pembagi, obj.realisasi) == (
        2025,
        3,
        Decimal(6780),
        Decimal("1234.5"),
    )


def test_realisasi_form_refuses_a_second_entry_for_the_month(realisasi, rumus):
    form = RealisasiAdminForm(data={"rumus": rumus.pk, "bulan": "3", "realisasi": "1"})
    assert not form.is_valid()
    assert "Maret 2025 sudah ada" in form.errors["bulan"][0]


# Through the admin pages


def test_admin_adds_a_rumus_with_typed_faktor(client_alice, indikator, bidang):
    response = client_alice.post(
        reverse("admin:indikator_rumus_add"),
        _data_rumus(indikator, bidang, faktor_teks="1/4", pembagi_default="6.780"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    rumus = Rumus.objects.get(kode="R1")
    assert rumus.faktor == Fraction(1, 4)
    assert rumus.pembagi_default == Decimal(6780)


def test_admin_shows_indonesian_error_for_bad_faktor(client_alice, indikator, bidang):
    response = client_alice.post(
        reverse("admin:indikator_rumus_add"), _data_rumus(indikator, bidang, faktor_teks="1/0")
    )
    assert response.status_code == 200
    assert "pembagian dengan nol" in response.text
    assert not Rumus.objects.exists()


def test_saving_realisasi_in_admin_records_who_filled_it(client_alice, alice, rumus):
    response = client_alice.post(
        reverse("admin:capaian_realisasi_add"),
        {"rumus": rumus.pk, "bulan": "2", "pembagi": "46", "realisasi": "40", "keterangan": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    realisasi = Realisasi.objects.get()
    assert realisasi.diisi_oleh == alice
    assert realisasi.tahun == 2025


def test_program_organisasi_and_tahun_are_read_only_once_created(client_alice, program):
    response = client_alice.get(reverse("admin:indikator_program_change", args=[program.pk]))
    form = response.context["adminform"].form
    assert "organisasi" not in form.fields
    assert "tahun" not in form.fields


def test_program_change_refuses_a_duplicate_kode(client_alice, program, organisasi):
    Program.objects.create(organisasi=organisasi, tahun=2025, kode="X", nama="X")
    response = client_alice.post(
        reverse("admin:indikator_program_change", args=[program.pk]),
        {
            "kode": "X",
            "nama": "Rehabilitasi Sosial",
            "urutan": 0,
            "sasaran": "",
            "indikator_program": "",
            "target_teks": "",
            "indikator-TOTAL_FORMS": 0,
            "indikator-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "sudah dipakai" in response.text


def _data_dari_halaman(response) -> dict:
    """The POST data a browser would send back for an admin change page, unchanged."""
    data = {}

    def tambah(form):
        for bound in form:
            value = bound.value()
            if value is None:
                data[bound.html_name] = ""
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = bound.field.prepare_value(value)

    tambah(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        tambah(formset.management_form)
        for form in formset.forms:
            tambah(form)
    return data


def test_indikator_page_edits_its_rumus_inline(client_alice, indikator, rumus):
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    data = _data_dari_halaman(client_alice.get(url))
    assert data["rumus-0-faktor_teks"] == ""
    assert data["rumus-0-bobot_teks"] == "1"
    data["rumus-0-faktor_teks"] = "1/4"
    data["rumus-0-bobot_teks"] = "0,5"
    data["bobot_teks"] = "1/3"
    response = client_alice.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    rumus.refresh_from_db()
    indikator.refresh_from_db()
    assert (rumus.faktor, rumus.bobot, indikator.bobot) == (
        Fraction(1, 4),
        Fraction(1, 2),
        Fraction(1, 3),
    )


def test_indikator_page_adds_a_rumus_inline_with_program_year(client_alice, indikator, bidang):
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data.update(
        {
            "rumus-TOTAL_FORMS": "2",
            "rumus-0-kode": "R7",
            "rumus-0-bidang": str(bidang.pk),
            "rumus-0-uraian": "Jumlah A",
            "rumus-0-periode": "semester",
            "rumus-0-bobot_teks": "1",
            "rumus-0-urutan": "0",
            "rumus-1-kode": "R7",
            "rumus-1-bidang": str(bidang.pk),
            "rumus-1-uraian": "Jumlah B",
            "rumus-1-periode": "bulanan",
            "rumus-1-bobot_teks": "1",
            "rumus-1-urutan": "1",
        }
    )
    response = client_alice.post(url, data)
    assert response.status_code == 200
    assert "muncul lebih dari sekali" in response.text
    data["rumus-1-kode"] = "R8"
    response = client_alice.post(url, data)
    assert response.status_code == 302
    baru = Rumus.objects.get(kode="R7")
    assert (baru.organisasi_id, baru.tahun, baru.faktor) == (
        indikator.program.organisasi_id,
        2025,
        Fraction(1, 2),
    )


def test_adding_an_indikator_with_rumus_gives_them_the_program_year(client_alice, program, bidang):
    url = reverse("admin:indikator_indikator_add")
    data = _data_dari_halaman(client_alice.get(url))
    data.update(
        {
            "program": str(program.pk),
            "kode": "1.06.04.9",
            "nama": "Persentase baru",
            "bobot_teks": "1/2",
            "rumus-TOTAL_FORMS": "1",
            "rumus-0-kode": "R5",
            "rumus-0-bidang": str(bidang.pk),
            "rumus-0-uraian": "Jumlah",
            "rumus-0-periode": "tahunan",
            "rumus-0-bobot_teks": "1",
            "rumus-0-urutan": "0",
        }
    )
    response = client_alice.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    rumus = Rumus.objects.get(kode="R5")
    assert (rumus.organisasi_id, rumus.tahun, rumus.faktor) == (program.organisasi_id, 2025, 1)
    assert rumus.indikator.bobot == Fraction(1, 2)


# A "rasio gabungan" indikator: its rows share one periode and one effective faktor
# (docs/perhitungan.md rule 3); the admin keeps it so, as the workbook import does.

PESAN_GABUNGAN = (
    "Rumus dalam indikator rasio gabungan harus memakai periode dan faktor tahunan yang sama"
)


@pytest.fixture
def gabungan(indikator, bidang) -> dict[str, Rumus]:
    indikator.agregasi = "rasio gabungan"
    indikator.save()
    return {kode: buat_rumus(indikator, bidang, kode, urutan=n) for n, kode in enumerate("AB")}


def test_rumus_form_refuses_another_periode_in_a_pooled_indikator(gabungan, indikator, bidang):
    data = _data_rumus(indikator, bidang, kode="B", periode="triwulan")
    form = RumusAdminForm(instance=gabungan["B"], data=data)
    assert not form.is_valid()
    assert form.errors["periode"] == [f"{PESAN_GABUNGAN} (baris lain: bulanan, 1/12)."]


def test_rumus_form_refuses_a_new_row_whose_faktor_differs_in_a_pooled_indikator(
    gabungan, indikator, bidang
):
    Rumus.objects.filter(indikator=indikator).update(
        periode="triwulan", faktor_pembilang=1, faktor_penyebut=1
    )
    form = RumusAdminForm(data=_data_rumus(indikator, bidang, kode="C", periode="triwulan"))
    assert not form.is_valid()
    assert form.errors["faktor_teks"] == [f"{PESAN_GABUNGAN} (baris lain: triwulan, 1)."]


def test_rumus_form_accepts_an_explicit_faktor_equal_to_the_pooled_rows_default(
    gabungan, indikator, bidang
):
    data = _data_rumus(indikator, bidang, kode="B", faktor_teks="1/12", uraian="Baru")
    form = RumusAdminForm(instance=gabungan["B"], data=data)
    assert form.is_valid(), form.errors


def test_rumus_form_leaves_rows_of_other_agregasi_free(indikator, bidang):
    buat_rumus(indikator, bidang, "A")
    form = RumusAdminForm(data=_data_rumus(indikator, bidang, kode="C", periode="tahunan"))
    assert form.is_valid(), form.errors


def test_rumus_admin_page_refuses_breaking_a_pooled_indikator(client_alice, gabungan, indikator):
    rumus = gabungan["B"]
    url = reverse("admin:indikator_rumus_change", args=[rumus.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data["faktor_teks"] = "1/4"
    response = client_alice.post(url, data)
    assert response.status_code == 200
    assert f"{PESAN_GABUNGAN} (baris lain: bulanan, 1/12)." in response.text
    rumus.refresh_from_db()
    assert rumus.faktor_diatur is None


def test_indikator_page_refuses_changing_one_row_of_a_pooled_indikator(
    client_alice, gabungan, indikator
):
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data["rumus-1-periode"] = "triwulan"
    response = client_alice.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["periode"] == [f"{PESAN_GABUNGAN} (baris lain: bulanan, 1/12)."]
    assert not formset.forms[0].errors
    assert Rumus.objects.get(pk=gabungan["B"].pk).periode == "bulanan"


def test_indikator_page_accepts_changing_every_row_of_a_pooled_indikator_together(
    client_alice, gabungan, indikator
):
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data["rumus-0-periode"] = data["rumus-1-periode"] = "tahunan"
    response = client_alice.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert {r.faktor for r in Rumus.objects.filter(indikator=indikator)} == {Fraction(1)}


def test_switching_to_rasio_gabungan_on_the_indikator_page_is_refused_while_rows_differ(
    client_alice, indikator, bidang
):
    buat_rumus(indikator, bidang, "A", urutan=0)
    buat_rumus(indikator, bidang, "B", urutan=1, periode="triwulan")
    url = reverse("admin:indikator_indikator_change", args=[indikator.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data["agregasi"] = "rasio gabungan"
    response = client_alice.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        f"{PESAN_GABUNGAN}: B (triwulan, 1/4) berbeda dengan baris lain (bulanan, 1/12)."
    ]
    indikator.refresh_from_db()
    assert indikator.agregasi == "rata-rata"

    # Deleting the odd row in the same submission makes the switch valid.
    data["rumus-1-DELETE"] = "on"
    response = client_alice.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    indikator.refresh_from_db()
    assert indikator.agregasi == "rasio gabungan"
    assert list(Rumus.objects.filter(indikator=indikator).values_list("kode", flat=True)) == ["A"]


def test_switching_to_rasio_gabungan_on_the_program_page_is_refused_while_rows_differ(
    client_alice, program, indikator, bidang
):
    buat_rumus(indikator, bidang, "A", urutan=0, faktor_pembilang=1, faktor_penyebut=2)
    buat_rumus(indikator, bidang, "B", urutan=1)
    url = reverse("admin:indikator_program_change", args=[program.pk])
    data = _data_dari_halaman(client_alice.get(url))
    data["indikator-0-agregasi"] = "rasio gabungan"
    response = client_alice.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    [pesan] = formset.forms[0].errors["agregasi"]
    assert pesan.startswith(PESAN_GABUNGAN)
    assert "A: bulanan, 1/2; B: bulanan, 1/12" in pesan
    indikator.refresh_from_db()
    assert indikator.agregasi == "rata-rata"


def test_indikator_form_allows_rasio_gabungan_when_the_rows_agree(indikator, bidang, program):
    buat_rumus(indikator, bidang, "A", faktor_pembilang=1, faktor_penyebut=12)
    buat_rumus(indikator, bidang, "B")
    data = _data_indikator(program, kode=indikator.kode, agregasi="rasio gabungan")
    form = IndikatorAdminForm(instance=indikator, data=data)
    assert form.is_valid(), form.errors


# Choices that tell years and organisasi apart


@pytest.fixture
def pas02(organisasi_lain) -> dict[int, Rumus]:
    """Seruyan's PAS02 in 2024 and in 2025: same kode, same uraian."""
    bidang = Bidang.objects.create(
        organisasi=organisasi_lain, nama="Rehabilitasi Sosial", slug="rs"
    )
    rumus = {}
    for tahun in (2024, 2025):
        program = Program.objects.create(
            organisasi=organisasi_lain, tahun=tahun, kode="P", nama="Program"
        )
        ind = Indikator.objects.create(program=program, kode="I", nama="PPKS tertangani")
        rumus[tahun] = buat_rumus(ind, bidang, "PAS02", uraian="Anak terlantar")
    return rumus


def _autocomplete(client, url_name: str, app: str, model: str, field: str, term: str = ""):
    response = client.get(
        reverse(url_name),
        {"app_label": app, "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return [hasil["text"] for hasil in response.json()["results"]]


def test_realisasi_rumus_choices_name_the_organisasi_and_year(client_alice, pas02):
    teks = _autocomplete(
        client_alice, "admin:indikator_rumus_autocomplete", "capaian", "realisasi", "rumus", "PAS02"
    )
    assert sorted(teks) == [
        "PAS02 (seruyan, 2024) Anak terlantar",
        "PAS02 (seruyan, 2025) Anak terlantar",
    ]
    html = client_alice.get(reverse("admin:capaian_realisasi_add")).text
    assert f'data-ajax--url="{reverse("admin:indikator_rumus_autocomplete")}"' in html


def test_a_year_in_the_search_picks_that_years_rumus(client_alice, pas02):
    teks = _autocomplete(
        client_alice,
        "admin:indikator_rumus_autocomplete",
        "capaian",
        "realisasi",
        "rumus",
        "PAS02 2024",
    )
    assert teks == ["PAS02 (seruyan, 2024) Anak terlantar"]


def test_realisasi_page_shows_the_chosen_rumus_with_organisasi_and_year(client_alice, pas02):
    realisasi = Realisasi.objects.create(rumus=pas02[2024], tahun=2024, bulan=5)
    response = client_alice.get(reverse("admin:capaian_realisasi_change", args=[realisasi.pk]))
    assert "PAS02 (seruyan, 2024) Anak terlantar" in response.text
    field = response.context["adminform"].form.fields["rumus"]
    assert field.label_from_instance(pas02[2025]) == "PAS02 (seruyan, 2025) Anak terlantar"


def test_rumus_autocomplete_refuses_a_field_that_points_elsewhere(client_alice, pas02):
    response = client_alice.get(
        reverse("admin:indikator_rumus_autocomplete"),
        {"app_label": "indikator", "model_name": "rumus", "field_name": "bidang"},
    )
    assert response.status_code == 403


def test_bidang_choices_name_their_organisasi(client_alice, bidang, pas02):
    teks = _autocomplete(
        client_alice, "admin:organisasi_bidang_autocomplete", "indikator", "rumus", "bidang"
    )
    assert sorted(teks) == [
        "Rehabilitasi Sosial (palangkaraya)",
        "Rehabilitasi Sosial (seruyan)",
    ]
    # The rumus inline of a new indikator offers the bidang of every organisasi.
    html = client_alice.get(reverse("admin:indikator_indikator_add")).text
    assert "Rehabilitasi Sosial (palangkaraya)" in html
    assert "Rehabilitasi Sosial (seruyan)" in html
    # So do the bidang filters of the rumus and realisasi lists.
    for url in ("admin:indikator_rumus_changelist", "admin:capaian_realisasi_changelist"):
        html = client_alice.get(reverse(url)).text
        assert "Rehabilitasi Sosial (palangkaraya)" in html
        assert "Rehabilitasi Sosial (seruyan)" in html


def test_indikator_and_program_choices_name_organisasi_and_year(client_alice, indikator, pas02):
    teks = _autocomplete(
        client_alice, "admin:indikator_indikator_autocomplete", "indikator", "rumus", "indikator"
    )
    assert "I PPKS tertangani (seruyan, 2024)" in teks
    assert "1.06.04.1 Persentase PPKS (palangkaraya, 2025)" in teks
    teks = _autocomplete(
        client_alice, "admin:indikator_program_autocomplete", "indikator", "indikator", "program"
    )
    assert "P Program (seruyan, 2024)" in teks


# Future months


def test_realisasi_form_refuses_a_month_that_has_not_started(rumus, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2025, 3, 31))
    form = RealisasiAdminForm(data={"rumus": rumus.pk, "bulan": "4", "realisasi": "1"})
    assert not form.is_valid()
    assert form.errors["bulan"] == [
        "April 2025 belum berjalan; realisasi hanya untuk bulan yang sudah berjalan."
    ]
    form = RealisasiAdminForm(data={"rumus": rumus.pk, "bulan": "3", "realisasi": "1"})
    assert form.is_valid(), form.errors


def test_realisasi_admin_page_refuses_a_future_month(client_alice, rumus, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2024, 12, 1))
    response = client_alice.post(
        reverse("admin:capaian_realisasi_add"),
        {"rumus": rumus.pk, "bulan": "1", "pembagi": "", "realisasi": "4", "keterangan": ""},
    )
    assert response.status_code == 200
    assert "Januari 2025 belum berjalan" in response.text
    assert not Realisasi.objects.exists()


# Ordering of lists that carry a count


@pytest.mark.parametrize(
    ("model", "field"),
    [("indikator", "program"), ("rumus", "indikator")],
)
def test_autocompletes_over_counted_lists_page_an_ordered_queryset(
    client_alice, indikator, rumus, model, field
):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        for url_name in ("admin:autocomplete", f"admin:indikator_{field}_autocomplete"):
            assert _autocomplete(client_alice, url_name, "indikator", model, field)


def test_indikator_list_is_ordered_by_organisasi_year_program_and_urutan(
    client_alice, organisasi, organisasi_lain, bidang
):
    def indikator(org, tahun, urutan_program, kode, urutan):
        program, _ = Program.objects.get_or_create(
            organisasi=org,
            tahun=tahun,
            kode=f"P{urutan_program}",
            defaults={"urutan": urutan_program, "nama": "P"},
        )
        return Indikator.objects.create(program=program, kode=kode, nama=kode, urutan=urutan)

    # organisasi: "Dinas Sosial Kabupaten Seruyan" < "Dinas Sosial Kota Palangka Raya"
    indikator(organisasi, 2025, 1, "K4", 0)
    indikator(organisasi, 2024, 2, "K3", 0)
    indikator(organisasi, 2024, 1, "K2", 5)
    indikator(organisasi, 2024, 1, "K1", 1)
    indikator(organisasi_lain, 2026, 1, "K0", 0)
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="alice")
    qs = admin.site._registry[Indikator].get_queryset(request)
    assert qs.ordered
    assert [i.kode for i in qs] == ["K0", "K1", "K2", "K3", "K4"]
