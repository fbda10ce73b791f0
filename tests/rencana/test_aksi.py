"""Rencana Aksi (issue 15): quarterly targets, action lines, budget and absorption, on the
pages, in the plan workbook and in the demo (seed 003 §2.3.3)."""

import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import Peran
from capaian.models import JejakAudit
from dasar.impor import ImporError
from organisasi.models import Bidang
from rencana.ekspor import ekspor_rencana
from rencana.impor import impor_rencana
from rencana.models import (
    AksiRencana,
    Elemen,
    IndikatorRencana,
    PaguAnggaran,
    RealisasiAnggaran,
    TargetTriwulan,
    peringatan_triwulan,
)
from rencana.selectors import pagu_tahun, serapan_anggaran, target_triwulan
from tests.rencana.test_halaman import anggota


def url(nama, renstra, *extra):
    return reverse(nama, args=["seruyan", renstra.kunci, *extra])


@pytest.fixture
def admin(client, seruyan):
    client.force_login(anggota(seruyan, Peran.ADMIN, "admin.seruyan"))
    return client


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# -- selectors ------------------------------------------------------------------------------


def test_target_triwulan_gives_four_entries_per_indicator_asked(seruyan):
    spm1 = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    ikk1 = IndikatorRencana.objects.get(renstra=seruyan, kode="IKK-01")
    hasil = target_triwulan([spm1.pk, ikk1.pk], 2025)
    # SPM-1 is Kumulatif, 46 in 2025: 12, 23, 35 (rounded half up), then the year's 46
    assert hasil[spm1.pk] == [Decimal(12), Decimal(23), Decimal(35), Decimal(46)]
    assert hasil[ikk1.pk] == [None, None, None, None]
    assert target_triwulan([], 2025) == {}


def test_the_demo_iku_quarterly_targets_equal_the_year_for_non_cumulative(seruyan):
    iku = IndikatorRencana.objects.filter(renstra=seruyan, kelompok="iku").order_by("kode")
    hasil = target_triwulan([i.pk for i in iku], 2025)
    assert [hasil[i.pk] for i in iku] == [[Decimal(100)] * 4, [Decimal(58)] * 4]


def test_pagu_tahun_lists_programs_and_kegiatan_in_the_plans_order(seruyan):
    daftar = pagu_tahun(seruyan, 2025)
    assert [e.kode for e, _ in daftar][:3] == ["P1", "P1.1", "P2"]
    assert dict((e.kode, p) for e, p in daftar)["P5"] == Decimal("6500000000")
    assert pagu_tahun(seruyan, 2026) == []


def test_absorption_sums_the_quarters_through_the_period(seruyan):
    p1 = Elemen.objects.get(renstra=seruyan, kode="P1")
    RealisasiAnggaran.objects.create(elemen=p1, tahun=2025, triwulan=2, nilai=Decimal(3500000))
    per = {b.elemen.kode: b for b in serapan_anggaran(seruyan, 2025, 2)}
    assert per["P1"].realisasi == Decimal(100000000)  # 96.500.000 + 3.500.000
    assert per["P1"].serapan * 850 == 10000  # 100 juta / 850 juta × 100
    assert {b.elemen.kode: b.realisasi for b in serapan_anggaran(seruyan, 2025, 1)}["P1"] == (
        Decimal(96500000)
    )


def test_the_warning_is_for_a_kumulatif_tw_iv_that_differs_from_the_year(seruyan):
    spm1 = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    iku1 = IndikatorRencana.objects.get(renstra=seruyan, kode="IKU-1")
    pesan = peringatan_triwulan(spm1, 2025, [10, 20, 30, Decimal(40)], Decimal(46))
    assert pesan == [
        "Target TW IV 2025 (40) berbeda dengan target tahun 2025 (46): indikator ini "
        "Kumulatif, jadi target triwulan bertambah sampai target setahun pada TW IV."
    ]
    assert "lebih kecil dari TW I" in peringatan_triwulan(spm1, 2025, [5, 3, None, 46], 46)[0]
    assert peringatan_triwulan(spm1, 2025, [12, 23, 35, 46], Decimal(46)) == []
    assert peringatan_triwulan(iku1, 2025, [100, 100, 100, 90], Decimal(100)) == []


# -- quarterly targets on the indicator page -----------------------------------------------


def test_the_admin_saves_quarterly_targets_with_a_warning_not_a_refusal(admin, seruyan):
    response = admin.post(
        url("rencana_target_triwulan", seruyan, "SPM-1", 2025),
        {"tw1": "10", "tw2": "20", "tw3": "30", "tw4": "40"},
    )
    assert response.status_code == 302
    pesan = _pesan(response)
    assert "Target triwulan 2025 SPM-1 tersimpan." in pesan
    assert any(p.startswith("Perhatian: Target TW IV 2025 (40) berbeda") for p in pesan)
    spm1 = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    assert target_triwulan([spm1.pk], 2025)[spm1.pk] == [10, 20, 30, 40]
    assert JejakAudit.objects.filter(objek__startswith="rencana.TargetTriwulan#").count() == 4
    halaman = admin.get(url("rencana_indikator", seruyan, "SPM-1") + "?tahun=2025")
    teks = halaman.content.decode()
    assert "Target triwulan 2025" in teks and "berbeda dengan target tahun 2025 (46)" in teks


def test_bad_quarterly_targets_save_nothing(admin, seruyan):
    spm1 = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    response = admin.post(
        url("rencana_target_triwulan", seruyan, "SPM-1", 2025), {"tw1": "1", "tw2": "dua"}
    )
    assert any("Target TW II" in p for p in _pesan(response))
    assert target_triwulan([spm1.pk], 2025)[spm1.pk] == [12, 23, 35, 46]


def test_the_indicator_page_shows_the_quarter_target_and_capaian_against_it(client, seruyan):
    client.force_login(anggota(seruyan))
    teks = client.get(url("rencana_indikator", seruyan, "SPM-1") + "?tahun=2025").content
    teks = teks.decode()
    # Triwulan I 2025: 20 tertangani against TW I's 12 -> 166,67%; against the year's 46
    assert "Capaian thd target TW" in teks
    assert "166,67%" in teks and "43,48%" in teks


def test_the_capaian_page_shows_the_quarter_target_and_budget_absorption(client, seruyan):
    client.force_login(anggota(seruyan))
    teks = client.get(url("rencana_capaian", seruyan, 2025) + "?triwulan=1").content.decode()
    assert "Target TW I" in teks and "Capaian thd target TW I" in teks
    assert "Serapan anggaran dan kinerja program" in teks
    # P1: 96.500.000 of 850.000.000 = 11,35%
    assert "Rp 850.000.000" in teks and "Rp 96.500.000" in teks and "11,35%" in teks


# -- the action lines ------------------------------------------------------------------------


def test_the_demo_page_prints_seed_003s_table_and_its_total(client, seruyan):
    client.force_login(anggota(seruyan, Peran.PEMANTAU, "pemantau.seruyan"))
    teks = client.get(url("rencana_aksi", seruyan, 2025)).content.decode()
    # The seed prints "Jumlah 959.413.100", but its five printed lines add up to 567.515.600:
    # the page's total is always the sum of the lines, never a figure typed in.
    assert '<strong id="jumlah-anggaran">Rp 567.515.600</strong>' in teks
    assert "Rp 305.613.100" in teks and "1 orang / 2 keluarga 2 lembaga" in teks
    assert "https://drive.google.com/file/d/1dbb_SkhGKsiBZc-l-yM3wgXqZP94GyDx/" in teks
    assert "Tambah rencana aksi" not in teks  # the pemantau only reads
    lima = AksiRencana.objects.filter(renstra=seruyan, tahun=2025)
    assert lima.count() == 5 and sum(a.anggaran for a in lima) == Decimal(567515600)


def test_the_baseline_year_opens_on_the_plans_first_year(client, seruyan):
    client.force_login(anggota(seruyan))
    response = client.get(url("rencana_aksi", seruyan, 2024))
    assert response.status_code == 302 and response["Location"].endswith("/aksi/2025/")
    assert client.get(url("rencana_aksi", seruyan, 2031)).status_code == 404


def test_the_admin_adds_a_line_numbered_next(admin, seruyan):
    response = admin.post(
        url("rencana_aksi_baru", seruyan, 2025),
        {"rencana_aksi": "Sosialisasi SPM", "anggaran": "12.500.000", "tw1": "1 kegiatan",
         "tautan_bukti": "https://drive.google.com/x"},
    )  # fmt: skip
    assert response.status_code == 302
    baru = AksiRencana.objects.get(renstra=seruyan, tahun=2025, nomor=6)
    assert baru.anggaran == Decimal(12500000) and baru.tw1 == "1 kegiatan"
    assert JejakAudit.objects.filter(objek=f"rencana.AksiRencana#{baru.pk}", aksi="buat").exists()


def test_a_bad_link_or_amount_is_refused_on_the_form(admin, seruyan):
    response = admin.post(
        url("rencana_aksi_baru", seruyan, 2025),
        {"rencana_aksi": "X", "anggaran": "-5", "tautan_bukti": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    teks = response.content.decode()
    assert "tidak boleh negatif" in teks and "URL" in teks
    assert not AksiRencana.objects.filter(rencana_aksi="X").exists()


def test_the_staf_of_the_lines_bidang_fills_in_only_the_realisasi(client, seruyan):
    bencana = Bidang.objects.get(organisasi=seruyan.organisasi, nama="Penanganan Bencana")
    aksi = AksiRencana.objects.get(renstra=seruyan, tahun=2025, nomor=5)
    client.force_login(anggota(seruyan, Peran.STAF, "staf.bencana", bencana))
    response = client.post(
        url("rencana_aksi_ubah", seruyan, 2025, aksi.pk),
        {"realisasi": "Pelatihan TAGANA 69 orang", "realisasi_anggaran": "30.000.000",
         "rencana_aksi": "diubah staf", "anggaran": "1", "versi": str(aksi.versi)},
    )  # fmt: skip
    assert response.status_code == 302
    aksi.refresh_from_db()
    assert aksi.realisasi == "Pelatihan TAGANA 69 orang"
    assert aksi.realisasi_anggaran == Decimal(30000000)
    assert aksi.rencana_aksi.startswith("Koordinasi, Sosialisasi") and aksi.anggaran == 64344000
    entri = JejakAudit.objects.get(objek=f"rencana.AksiRencana#{aksi.pk}")
    assert entri.nilai_baru["realisasi_anggaran"] == "30000000"
    # another bidang's line: 404; a stale version: refused
    lain = AksiRencana.objects.get(renstra=seruyan, tahun=2025, nomor=1)
    assert client.get(url("rencana_aksi_ubah", seruyan, 2025, lain.pk)).status_code == 404
    basi = client.post(url("rencana_aksi_ubah", seruyan, 2025, aksi.pk),
                       {"realisasi": "lama", "versi": "1"})  # fmt: skip
    assert any("sudah diubah orang lain" in p for p in _pesan(basi))
    aksi.refresh_from_db()
    assert aksi.realisasi == "Pelatihan TAGANA 69 orang"


# -- the budget page ---------------------------------------------------------------------------


def test_the_admin_enters_the_budget_all_or_nothing(admin, seruyan):
    p2 = Elemen.objects.get(renstra=seruyan, kode="P2")
    alamat = url("rencana_anggaran", seruyan, 2025)
    response = admin.post(alamat, {f"pagu-{p2.pk}": "1.200.000.000", f"tw2-{p2.pk}": "abc"})
    assert any("P2 TW II" in p for p in _pesan(response))
    assert PaguAnggaran.objects.get(elemen=p2, tahun=2025).pagu == Decimal(1100000000)
    response = admin.post(alamat, {f"pagu-{p2.pk}": "1.200.000.000", f"tw1-{p2.pk}": "182.300.000",
                                   f"tw2-{p2.pk}": "150.000.000,50"})  # fmt: skip
    assert response.status_code == 302
    assert PaguAnggaran.objects.get(elemen=p2, tahun=2025).pagu == Decimal(1200000000)
    assert RealisasiAnggaran.objects.get(elemen=p2, tahun=2025, triwulan=2).nilai == Decimal(
        "150000000.50"
    )
    # other rows left empty in this form were removed (the form is the whole year)
    assert not PaguAnggaran.objects.filter(elemen__kode="P1", tahun=2025).exists()
    teks = admin.get(alamat).content.decode()
    assert "Rp 332.300.000,5" in teks or "Rp 332.300.000,50" in teks


# -- the plan workbook -------------------------------------------------------------------------


def test_the_workbook_round_trip_changes_nothing(seruyan):
    data = ekspor_rencana(seruyan)
    wb = load_workbook(io.BytesIO(data))
    assert "Rencana Aksi" in wb.sheetnames and "Anggaran" in wb.sheetnames
    judul = [c.value for c in wb["Indikator"][1]]
    assert {"tw1 2025", "tw4 2025"} <= set(judul)
    hasil = impor_rencana(data, organisasi="seruyan")
    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]


def _ubah_sel(data: bytes, sheet: str, kolom: str, baris: int, nilai) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    indeks = [c.value for c in ws[1]].index(kolom) + 1
    ws.cell(row=baris, column=indeks, value=nilai)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_the_workbook_changes_lines_targets_and_budget_keeping_addresses(seruyan):
    aksi = AksiRencana.objects.get(renstra=seruyan, tahun=2025, nomor=2)
    data = ekspor_rencana(seruyan)
    data = _ubah_sel(data, "Rencana Aksi", "realisasi_anggaran", 3, 7500000)
    data = _ubah_sel(data, "Anggaran", "realisasi_tw2", 2, 10000000)
    hasil = impor_rencana(data, organisasi="seruyan")
    assert hasil.hitung("ubah", "rencana aksi") == 1 and hasil.hitung("ubah", "anggaran") == 1
    aksi.refresh_from_db()
    assert aksi.realisasi_anggaran == Decimal(7500000)  # the same row: its address stays
    assert aksi.indikator.kode == "IKK-02"  # linked again to the new indicator row
    assert RealisasiAnggaran.objects.get(elemen__kode="P1", tahun=2025, triwulan=2).nilai == (
        Decimal(10000000)
    )
    spm1 = IndikatorRencana.objects.get(renstra=seruyan, kode="SPM-1")
    assert TargetTriwulan.objects.filter(indikator=spm1, tahun=2025).count() == 4


def test_without_the_new_sheets_the_lines_and_budget_stay(seruyan):
    wb = load_workbook(io.BytesIO(ekspor_rencana(seruyan)))
    del wb["Rencana Aksi"]
    del wb["Anggaran"]
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hasil = impor_rencana(keluaran.getvalue(), organisasi="seruyan")
    assert hasil.tanpa_perubahan
    assert AksiRencana.objects.filter(renstra=seruyan).count() == 5
    assert PaguAnggaran.objects.filter(elemen__renstra=seruyan).count() == 9


def test_a_kumulatif_tw_iv_off_target_is_warned_in_the_preview(seruyan):
    data = _ubah_sel(ekspor_rencana(seruyan), "Indikator", "tw4 2025", 2, None)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Indikator"]
    judul = [c.value for c in ws[1]]
    baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "SPM-1")
    ws.cell(baris, judul.index("tw4 2025") + 1, 40)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hasil = impor_rencana(keluaran.getvalue(), organisasi="seruyan", dry_run=True)
    spm1 = next(p for p in hasil.perubahan if p.objek == "indikator" and p.kode == "SPM-1")
    assert any("PERHATIAN: Target TW IV 2025 (40) berbeda" in r for r in spm1.rincian)


def test_bad_cells_are_refused_naming_sheet_row_and_column(seruyan):
    data = ekspor_rencana(seruyan)
    data = _ubah_sel(data, "Rencana Aksi", "tautan_bukti", 2, "javascript:alert(1)")
    data = _ubah_sel(data, "Rencana Aksi", "anggaran", 3, "-5")
    data = _ubah_sel(data, "Anggaran", "kode", 2, "P1.1.1")  # a Sub Kegiatan
    with pytest.raises(ImporError) as info:
        impor_rencana(data, organisasi="seruyan")
    pesan = [str(k) for k in info.value.kesalahan]
    assert any(p.startswith("sheet Rencana Aksi, baris 2, kolom tautan_bukti:") for p in pesan)
    assert any(p.startswith("sheet Rencana Aksi, baris 3, kolom anggaran:") for p in pesan)
    assert any(p.startswith("sheet Anggaran, baris 2, kolom kode:") and "Sub Kegiatan" in p
               for p in pesan)  # fmt: skip
    # all or nothing: the line still has its link
    assert AksiRencana.objects.get(renstra=seruyan, tahun=2025, nomor=1).tautan_bukti


def test_a_quarter_column_outside_the_plan_is_refused(seruyan):
    data = _ubah_sel(ekspor_rencana(seruyan), "Indikator", "tw1 2025", 1, "tw1 2031")
    with pytest.raises(ImporError) as info:
        impor_rencana(data, organisasi="seruyan")
    assert any("kolom tw1_2031" in str(k) and "2025-2029" in str(k)
               for k in info.value.kesalahan)  # fmt: skip
