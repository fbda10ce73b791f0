"""A signed month never changes: every write path to its realisasi is refused, from the entry
page down to raw SQL through the application's connection; reopening lifts the lock."""

import threading
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from capaian import services as entri
from capaian.impor import impor_realisasi
from capaian.models import Realisasi
from dasar.impor import ImporError
from laporan import services
from laporan.models import LaporanTertanda
from tests.capaian.entri_bantu import isian_halaman, ketik, kirim, url_entri
from tests.laporan.persetujuan_bantu import ajukan_semua, setujui, siapkan_kepala
from tests.personas import TAHUN
from tests.workbooks import buku_realisasi

POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite triggers refuse INSERT/UPDATE only"
)


@pytest.fixture
def disetujui(kantor, settings, tmp_path):
    """The office with February approved and signed."""
    settings.TANDA_TANGAN_DIR = tmp_path
    siapkan_kepala(kantor, tmp_path)
    setujui(kantor, 2)
    return kantor


def r06(kantor, bulan: int = 2) -> Realisasi:
    return Realisasi.objects.get(rumus=kantor.rumus["R06"], tahun=TAHUN, bulan=bulan)


def sql(query: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(query, params)


def nilai_februari() -> list:
    return list(
        Realisasi.objects.filter(tahun=TAHUN, bulan=2)
        .order_by("pk")
        .values_list("pk", "pembagi", "realisasi", "keterangan", "versi")
    )


def test_the_staf_entry_page_of_an_approved_month_is_read_only(client, disetujui):
    client.force_login(disetujui.alice)
    page = client.get(url_entri(disetujui, 2))
    assert page.status_code == 200
    assert "sudah disetujui dan ditandatangani" in page.content.decode()
    assert 'name="aksi"' not in page.content.decode()


def test_a_staf_save_to_an_approved_month_is_refused_and_lists_what_was_not_saved(
    client, disetujui
):
    sebelum = nilai_februari()
    client.force_login(disetujui.alice)
    fields = isian_halaman(client.get(url_entri(disetujui, 2)))
    fields = ketik(fields, disetujui.rumus["R06"], realisasi="1")
    response = kirim(client, url_entri(disetujui, 2), fields)
    assert response.status_code == 409
    assert "sudah disetujui" in response.content.decode()
    assert nilai_februari() == sebelum


def test_the_save_service_refuses_an_approved_month(disetujui):
    with pytest.raises(entri.BulanSudahDisetujui):
        entri.simpan_bulan(
            pengguna=disetujui.alice, bidang=disetujui.fakir_miskin, tahun=TAHUN, bulan=2,
            isian=[], ajukan=False,
        )  # fmt: skip


def test_an_import_that_changes_an_approved_month_is_refused_with_its_row(disetujui):
    sebelum = nilai_februari()
    buku = buku_realisasi(
        [
            ["R06", 2025, 3, 6780, 5980, ""],  # March: open, would pass alone
            ["R06", 2025, 2, 6780, 1, ""],  # February: approved
        ]
    )
    with pytest.raises(ImporError) as exc:
        impor_realisasi(buku, organisasi=disetujui.organisasi)
    pesan = str(exc.value)
    assert "baris 3" in pesan and "Februari 2025 sudah disetujui" in pesan
    assert nilai_februari() == sebelum
    assert not Realisasi.objects.filter(bulan=3).exists()  # all or nothing


def test_an_import_that_repeats_an_approved_month_unchanged_passes(disetujui):
    tersimpan = r06(disetujui)
    buku = buku_realisasi([["R06", 2025, 2, tersimpan.pembagi, tersimpan.realisasi, ""]])
    hasil = impor_realisasi(buku, organisasi=disetujui.organisasi)
    assert not hasil.perubahan


def test_the_admin_shows_an_approved_months_row_read_only(client, disetujui):
    client.force_login(disetujui.root)
    obj = r06(disetujui)
    url = reverse("admin:capaian_realisasi_change", args=[obj.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"rumus": obj.rumus_id, "bulan": "2", "pembagi": "6.780", "realisasi": "1",
              "keterangan": "", "versi_asal": str(obj.versi)},
    )  # fmt: skip
    assert response.status_code == 403
    assert r06(disetujui).realisasi == obj.realisasi


def test_the_admin_refuses_to_add_a_row_to_an_approved_month(client, disetujui):
    client.force_login(disetujui.admin_org)
    response = client.post(
        reverse("admin:capaian_realisasi_add"),
        {"rumus": disetujui.rumus["R05"].pk, "bulan": "2", "pembagi": "1", "realisasi": "1",
         "keterangan": ""},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Februari 2025 sudah disetujui" in " ".join(form.errors["bulan"])


def test_the_admin_delete_action_refuses_a_selection_with_an_approved_month(client, disetujui):
    client.force_login(disetujui.root)
    pks = [r06(disetujui).pk, r06(disetujui, 1).pk]
    response = client.post(
        reverse("admin:capaian_realisasi_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert Realisasi.objects.filter(pk__in=pks).count() == 2
    assert response.status_code == 200
    assert "sudah disetujui" in response.content.decode()


def test_the_orm_update_of_an_approved_month_is_refused_by_the_database(disetujui):
    sebelum = nilai_februari()
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        Realisasi.objects.filter(tahun=TAHUN, bulan=2).update(realisasi=Decimal(1))
    assert nilai_februari() == sebelum


def test_moving_a_row_into_or_out_of_an_approved_month_is_refused_by_the_database(disetujui):
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        Realisasi.objects.filter(pk=r06(disetujui).pk).update(bulan=3)
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        Realisasi.objects.filter(pk=r06(disetujui, 1).pk).update(bulan=2)


def test_inserting_a_row_into_an_approved_month_is_refused_by_the_database(disetujui):
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        sql(
            "INSERT INTO capaian_realisasi (rumus_id, tahun, bulan, pembagi, realisasi, "
            "keterangan, dibuat_pada, diubah_pada, versi) "
            "VALUES (%s, 2025, 2, 1, 1, '', %s, %s, 1)",
            [disetujui.rumus["R06"].pk, "2025-03-01 00:00:00+00", "2025-03-01 00:00:00+00"],
        )


def test_raw_sql_through_the_applications_connection_is_refused(disetujui):
    sebelum = nilai_februari()
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        sql(
            "UPDATE capaian_realisasi SET realisasi = 1 WHERE tahun = %s AND bulan = %s", [TAHUN, 2]
        )
    assert nilai_februari() == sebelum


@POSTGRES
def test_deleting_an_approved_months_row_is_refused_by_the_database(disetujui):
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        Realisasi.objects.filter(tahun=TAHUN, bulan=2).delete()
    with pytest.raises(DatabaseError, match="sudah disetujui"), transaction.atomic():
        sql("DELETE FROM capaian_realisasi WHERE bulan = 2")
    assert len(nilai_februari()) > 0


def test_other_months_and_organisasi_stay_writable(disetujui):
    Realisasi.objects.filter(tahun=TAHUN, bulan=1).update(keterangan="boleh")
    assert set(Realisasi.objects.filter(bulan=1).values_list("keterangan", flat=True)) == {"boleh"}


def test_reopening_lifts_the_lock(disetujui):
    services.buka_kembali(
        organisasi=disetujui.organisasi, tahun=TAHUN, bulan=2, pengguna=disetujui.kepala,
        alasan="Koreksi R06",
    )  # fmt: skip
    Realisasi.objects.filter(pk=r06(disetujui).pk).update(realisasi=Decimal(5800))
    assert r06(disetujui).realisasi == 5800


def test_a_signed_version_cannot_be_altered_or_deleted_even_with_raw_sql(disetujui):
    versi = LaporanTertanda.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        LaporanTertanda.objects.filter(pk=versi.pk).update(pdf=b"%PDF palsu")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE laporan_laporantertanda SET sha256 = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic():
        LaporanTertanda.objects.filter(pk=versi.pk).update(digantikan_pada=None, versi=9)
    assert bytes(LaporanTertanda.objects.get().pdf) == bytes(versi.pdf)


@POSTGRES
def test_a_signed_version_cannot_be_deleted(disetujui):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM laporan_laporantertanda")
    assert LaporanTertanda.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_write_racing_an_approval_waits_for_it_and_is_then_refused(kantor, tmp_path):
    """The trigger takes a KEY SHARE lock on the organisasi row, which the approval holds FOR
    UPDATE: a write that started while the month was being signed waits for the signature to
    commit, then sees the lock; it never lands in a month whose PDF does not show it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time anyway)")
    siapkan_kepala(kantor, tmp_path)
    ajukan_semua(kantor, 2)
    target = r06(kantor)
    hasil: dict[str, object] = {}

    def tulis_bersamaan() -> None:
        try:
            hasil["baris"] = Realisasi.objects.filter(pk=target.pk).update(realisasi=Decimal(1))
        except DatabaseError as exc:
            hasil["galat"] = str(exc)
        finally:
            connection.close()

    with transaction.atomic():
        versi = services.setujui_bulan(
            organisasi=kantor.organisasi, tahun=TAHUN, bulan=2, pengguna=kantor.kepala
        )
        lain = threading.Thread(target=tulis_bersamaan)
        lain.start()
        lain.join(timeout=1)
        assert lain.is_alive(), f"the write did not wait for the approval: {hasil}"
    lain.join(timeout=30)

    assert "sudah disetujui" in hasil.get("galat", ""), hasil
    assert r06(kantor).realisasi == target.realisasi
    assert versi.data["laporan"]["bulan"] == 2
