"""The plan workbook (rencana.impor / rencana.ekspor): round trip of Seruyan's demo plan,
every refusal with its sheet, row and column, all-or-nothing, replacement on re-import."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from dasar.impor import ImporError
from organisasi.models import Bidang, Organisasi
from rencana.ekspor import ekspor_rencana
from rencana.impor import KOLOM_INDIKATOR, impor_rencana
from rencana.models import (
    Elemen,
    IndikatorRencana,
    RealisasiRencana,
    Renstra,
    SimpulPohon,
    TargetTahunan,
)

pytestmark = pytest.mark.django_db


def potret(renstra: Renstra) -> dict:
    """Everything of a plan but its pks."""
    renstra.refresh_from_db()
    elemen = {
        e.kode: (e.tingkat, e.induk.kode if e.induk else None, e.nama, e.urutan)
        for e in Elemen.objects.filter(renstra=renstra).select_related("induk")
    }
    indikator = {}
    for i in IndikatorRencana.objects.filter(renstra=renstra).select_related(
        "elemen", "bidang", "acuan"
    ):
        indikator[i.kode] = (
            i.kelompok, i.elemen.kode if i.elemen else None, i.nama, i.jenis, i.polaritas,
            i.sifat_target, i.definisi, i.rumus, i.satuan, i.penanggung_jawab, i.sumber_data,
            i.keterangan, i.layanan_dasar, i.bidang.nama if i.bidang else None, i.kode_bulanan,
            i.acuan.kode if i.acuan else None, i.acuan_bagian, i.urutan, i.urutan_ikk,
            tuple((t.tahun, t.nilai, t.teks, t.nspk) for t in i.target.order_by("tahun")),
        )  # fmt: skip
    realisasi = {
        (r.indikator.kode, r.tahun, r.triwulan): (r.nilai, r.pembilang, r.penyebut, r.teks,
                                                  r.keterangan)
        for r in RealisasiRencana.objects.filter(indikator__renstra=renstra).select_related(
            "indikator"
        )
    }  # fmt: skip
    kepala = tuple(
        getattr(renstra, k)
        for k in ("tahun_awal", "tahun_akhir", "nama", "nomor_keputusan", "tanggal_keputusan",
                  "penetap", "unit_kerja", "jabatan", "tugas", "fungsi")
    )  # fmt: skip
    return {"renstra": kepala, "elemen": elemen, "indikator": indikator, "realisasi": realisasi}


def org_baru(slug="kota-baru", bidang_dari: Organisasi | None = None) -> Organisasi:
    org = Organisasi.objects.create(slug=slug, nama=f"Dinas Sosial {slug}")
    for b in Bidang.objects.filter(organisasi=bidang_dari) if bidang_dari else ():
        Bidang.objects.create(organisasi=org, nama=b.nama, slug=b.slug)
    return org


# A small valid workbook, edited per test.

RENCANA = [
    ("kunci", "nilai"),
    ("tahun_awal", 2025),
    ("tahun_akhir", 2026),
    ("nama", "Renstra Uji"),
    ("tanggal_keputusan", "2025-01-31"),
]
STRUKTUR = [
    ("kode", "tingkat", "kode_induk", "nama", "urutan"),
    ("T1", "Tujuan", None, "Tujuan satu", 1),
    ("S1", "sasaran strategis", "T1", "Sasaran satu", 2),
    ("P1", "PROGRAM", "S1", "Program satu", 3),
]
INDIKATOR = [
    ("kode", "kelompok", "kode_elemen", "nama", "jenis", "sifat_target", "kode_acuan",
     "target 2024", "target 2025", "target 2026", "teks target 2025", "nspk 2026"),
    ("IKU-1", "IKU", "S1", "Persentase PPKS tertangani", "persentase", None, None,
     100, "82,6", "6.780", "100%", 100),
    ("IT-1", "Indikator Tujuan", "T1", "Penurunan PPKS", "penurunan", "Tidak Kumulatif", "IKU-1",
     None, 95, 90, None, None),
]  # fmt: skip
REALISASI = [
    ("kode", "tahun", "triwulan", "nilai", "pembilang", "penyebut", "teks", "keterangan"),
    ("IKU-1", 2025, 1, None, "35.005", "42.583", None, "TW I"),
    ("IT-1", 2023, 4, 50001, None, None, None, None),
]


def buku(**sheets) -> bytes:
    isi = {"Rencana": RENCANA, "Struktur": STRUKTUR, "Indikator": INDIKATOR,
           "Realisasi": REALISASI, **sheets}  # fmt: skip
    wb = Workbook()
    wb.remove(wb.active)
    for nama, baris in isi.items():
        if baris is None:
            continue
        ws = wb.create_sheet(nama)
        for b in baris:
            ws.append(list(b))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ganti(baris: list, nomor: int, kolom: str, nilai) -> list:
    """``baris`` with the cell of Excel row ``nomor`` in column ``kolom`` replaced."""
    baris = [list(b) for b in baris]
    baris[nomor - 1][baris[0].index(kolom)] = nilai
    return baris


def pesan(exc: ImporError) -> list[str]:
    return [str(k) for k in exc.kesalahan]


# Round trip


def test_the_seruyan_plan_round_trips_into_a_fresh_organisasi(seruyan):
    data = ekspor_rencana(seruyan)
    org = org_baru(bidang_dari=seruyan.organisasi)
    hasil = impor_rencana(data, organisasi=org.slug)
    assert not hasil.dry_run and hasil.hitung("hapus") == 0
    baru = Renstra.objects.get(organisasi=org, tahun_awal=2025)
    assert potret(baru) == potret(seruyan)
    assert baru.indikator.count() == 40 and baru.elemen.count() == 17


def test_importing_the_export_over_the_same_plan_changes_nothing(seruyan):
    pk = {i.kode: i.pk for i in seruyan.indikator.all()}
    hasil = impor_rencana(ekspor_rencana(seruyan), organisasi="seruyan")
    assert hasil.tanpa_perubahan, [str(p) for p in hasil.perubahan]
    assert {i.kode: i.pk for i in seruyan.indikator.all()} == pk


def test_the_export_layout(seruyan):
    wb = load_workbook(io.BytesIO(ekspor_rencana(seruyan)))
    assert wb.sheetnames == ["Rencana", "Struktur", "Indikator", "Realisasi", "Anggaran",
                            "Rencana Aksi"]  # fmt: skip
    ws = wb["Indikator"]
    judul = [c.value for c in ws[1]]
    assert judul[:4] == ["kode", "kelompok", "kode_elemen", "nama"]
    assert "target 2024" in judul and "target 2029" in judul and "nspk 2024" in judul
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    # sumber_data "- Rekap data PPKS ..." is neutralised against formula injection.
    kolom = judul.index("sumber_data")
    iku1 = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "IKU-1")
    assert iku1[kolom].startswith("'- Rekap data PPKS")
    assert [c.value for c in wb["Struktur"][1]] == ["kode", "tingkat", "kode_induk", "nama",
                                                    "urutan"]  # fmt: skip


def test_a_small_workbook_with_indonesian_numbers(organisasi):
    hasil = impor_rencana(buku(), organisasi=organisasi.slug)
    assert hasil.hitung("baru", "indikator") == 2
    renstra = Renstra.objects.get(organisasi=organisasi)
    assert renstra.tanggal_keputusan.isoformat() == "2025-01-31"
    iku = renstra.indikator.get(kode="IKU-1")
    target = {t.tahun: t for t in iku.target.all()}
    assert target[2024].nilai == 100  # a baseline year before the period
    assert target[2025].nilai == Decimal("82.6") and target[2025].teks == "100%"
    assert target[2026].nilai == 6780 and target[2026].nspk == 100
    it1 = renstra.indikator.get(kode="IT-1")
    assert it1.acuan == iku and it1.elemen.kode == "T1"
    r = RealisasiRencana.objects.get(indikator=iku)
    assert (r.pembilang, r.penyebut) == (35005, 42583)


def test_dry_run_writes_nothing(organisasi):
    hasil = impor_rencana(buku(), organisasi=organisasi.slug, dry_run=True)
    assert hasil.dry_run and hasil.hitung("baru") > 0
    assert not Renstra.objects.exists()


# Refusals, each with its place


@pytest.mark.parametrize(
    ("sheet", "nomor", "kolom", "nilai", "diharapkan"),
    [
        ("Struktur", 3, "tingkat", "Sasaran", None),  # accepted? no: see below
        ("Struktur", 3, "tingkat", "Misi", "sheet Struktur, baris 3, kolom tingkat: 'Misi' "
         "tidak dikenal"),
        ("Struktur", 4, "kode_induk", "T1", "sheet Struktur, baris 4, kolom kode_induk: induk "
         "Program harus Sasaran Strategis, bukan Tujuan ('T1')"),
        ("Struktur", 4, "kode_induk", "X9", "sheet Struktur, baris 4, kolom kode_induk: "
         "kode_induk 'X9' tidak ada di sheet Struktur"),
        ("Struktur", 2, "kode_induk", "S1", "sheet Struktur, baris 2, kolom kode_induk: Tujuan "
         "tidak punya induk"),
        ("Struktur", 4, "kode", "S1", "sheet Struktur, baris 4, kolom kode: kode 'S1' sudah "
         "dipakai di baris 3"),
        ("Struktur", 3, "nama", None, "sheet Struktur, baris 3, kolom nama: wajib diisi"),
        ("Indikator", 2, "kelompok", "IKX", "sheet Indikator, baris 2, kolom kelompok: 'IKX' "
         "tidak dikenal"),
        ("Indikator", 3, "kode", "IKU-1", "sheet Indikator, baris 3, kolom kode: kode 'IKU-1' "
         "sudah dipakai di baris 2"),
        ("Indikator", 2, "kode_elemen", "S9", "sheet Indikator, baris 2, kolom kode_elemen: "
         "kode_elemen 'S9' tidak ada di sheet Struktur"),
        ("Indikator", 3, "kode_acuan", "IKU-9", "sheet Indikator, baris 3, kolom kode_acuan: "
         "kode_acuan 'IKU-9' tidak ada di sheet Indikator"),
        ("Indikator", 2, "kode_acuan", "IT-1", "sheet Indikator, baris 2, kolom kode_acuan: "
         "kode_acuan hanya untuk indikator berjenis penurunan"),
        ("Indikator", 2, "target 2025", "82.6", "sheet Indikator, baris 2, kolom target_2025: "
         "format angka '82.6' tidak dikenali"),
        ("Indikator", 2, "target 2025", "-5", "sheet Indikator, baris 2, kolom target_2025: "
         "tidak boleh negatif"),
        ("Indikator", 2, "nspk 2026", "100,123", "sheet Indikator, baris 2, kolom nspk_2026: "
         "paling banyak 2 angka di belakang koma"),
        ("Indikator", 2, "jenis", "rata-rata", "sheet Indikator, baris 2, kolom jenis: "
         "'rata-rata' tidak dikenal"),
        ("Indikator", 3, "sifat_target", "kadang", "sheet Indikator, baris 3, kolom "
         "sifat_target: 'kadang' tidak dikenal"),
        ("Realisasi", 2, "triwulan", 5, "sheet Realisasi, baris 2, kolom triwulan: harus antara "
         "1 dan 4 (5)"),
        ("Realisasi", 3, "kode", "IKU-7", "sheet Realisasi, baris 3, kolom kode: kode 'IKU-7' "
         "tidak ada di sheet Indikator"),
        ("Realisasi", 3, "tahun", "dua ribu", "sheet Realisasi, baris 3, kolom tahun: 'dua "
         "ribu' bukan bilangan bulat"),
        ("Rencana", 5, "nilai", "31/01/2025", "sheet Rencana, baris 5, kolom nilai: "
         "'31/01/2025' bukan tanggal; tulis TTTT-BB-HH"),
        ("Rencana", 3, "nilai", 2040, "sheet Rencana, baris 3, kolom nilai: tahun_akhir (2040) "
         "harus antara tahun_awal (2025) dan 2034"),
    ],
)  # fmt: skip
def test_every_problem_names_sheet_row_and_column(organisasi, sheet, nomor, kolom, nilai,
                                                  diharapkan):  # fmt: skip
    asal = {"Rencana": RENCANA, "Struktur": STRUKTUR, "Indikator": INDIKATOR,
            "Realisasi": REALISASI}[sheet]  # fmt: skip
    data = buku(**{sheet: ganti(asal, nomor, kolom, nilai)})
    if diharapkan is None:  # the value of Tingkat, not only its label, is accepted
        impor_rencana(data, organisasi=organisasi.slug)
        assert Elemen.objects.get(kode="S1").tingkat == "sasaran"
        return
    with pytest.raises(ImporError) as info:
        impor_rencana(data, organisasi=organisasi.slug)
    assert any(p.startswith(diharapkan) for p in pesan(info.value)), pesan(info.value)
    assert not Renstra.objects.exists()


def test_every_problem_is_reported_at_once(organisasi):
    struktur = ganti(STRUKTUR, 3, "tingkat", "Misi")
    indikator = ganti(ganti(INDIKATOR, 2, "jenis", "x"), 3, "target 2025", "abc")
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Struktur=struktur, Indikator=indikator), organisasi=organisasi.slug)
    tempat = [(k.sheet, k.baris, k.kolom) for k in info.value.kesalahan]
    assert ("Struktur", 3, "tingkat") in tempat
    assert ("Indikator", 2, "jenis") in tempat
    assert ("Indikator", 3, "target_2025") in tempat


def test_missing_sheets_keys_and_unknown_bidang(organisasi):
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Rencana=None), organisasi=organisasi.slug)
    assert "sheet 'Rencana' tidak ada di buku kerja" in pesan(info.value)
    rencana = [b for b in RENCANA if b[0] != "tahun_awal"]
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Rencana=rencana), organisasi=organisasi.slug)
    assert "sheet Rencana: kunci 'tahun_awal' wajib ada" in pesan(info.value)
    indikator = [(*INDIKATOR[0], "bidang"), (*INDIKATOR[1], "Bidang Entah"), INDIKATOR[2]]
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Indikator=indikator), organisasi=organisasi.slug)
    assert pesan(info.value)[0].startswith(
        "sheet Indikator, baris 2, kolom bidang: bidang 'Bidang Entah' tidak ada di organisasi"
    )


def test_a_target_year_after_the_period_and_a_bad_target_header(organisasi):
    # 2027 is the end-of-period condition of 2025-2026 (allowed); 2028 is beyond it
    indikator = [(*INDIKATOR[0], "target 2028", "target25"), *(
        (*b, None, None) for b in INDIKATOR[1:])]  # fmt: skip
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Indikator=indikator), organisasi=organisasi.slug)
    assert pesan(info.value) == [
        "sheet Indikator, baris 1, kolom target25: judul kolom 'target25' tidak dikenal; tulis "
        "mis. 'target 2025', 'teks target 2025' atau 'nspk 2025'",
        "sheet Indikator, baris 1, kolom target_2028: tahun 2028 di luar periode rencana "
        "(paling akhir 2027: kondisi akhir periode)",
    ]


def test_a_ten_year_plan_with_every_column_and_the_office_s_own_reads_past_column_60(
    organisasi,
):
    # 2025-2034 with a baseline year: every named column, 15 columns of the office's own,
    # then target, teks target and nspk for eleven years -- 68 columns, the last ones past 60.
    tahun = range(2024, 2035)
    judul = [*KOLOM_INDIKATOR, *(f"catatan dinas {n}" for n in range(1, 16)),
             *(f"{j} {t}" for t in tahun for j in ("target", "teks target", "nspk"))]  # fmt: skip
    nilai = dict(zip(INDIKATOR[0][:7], INDIKATOR[1][:7], strict=True))
    nilai |= {f"target {t}": t - 2000 for t in tahun} | {"teks target 2034": "34%",
              "nspk 2034": "1.234,5", "catatan dinas 15": "milik dinas"}  # fmt: skip
    indikator = [judul, [nilai.get(j) for j in judul]]
    rencana = ganti(RENCANA, 3, "nilai", 2034)
    assert len(judul) == 68 and judul.index("nspk 2034") + 1 == 68

    impor_rencana(
        buku(Rencana=rencana, Indikator=indikator, Realisasi=None), organisasi=organisasi.slug
    )

    iku = Renstra.objects.get(organisasi=organisasi).indikator.get(kode="IKU-1")
    target = {t.tahun: t for t in iku.target.all()}
    assert sorted(target) == list(tahun)
    assert (target[2034].nilai, target[2034].teks, target[2034].nspk) == (
        34,
        "34%",
        Decimal("1234.5"),
    )


def test_a_plan_with_a_cell_past_the_column_limit_is_refused_naming_it(organisasi):
    struktur = [(*b, *([None] * 300)) for b in STRUKTUR]
    struktur[2] = (*STRUKTUR[2], *([None] * 299), "catatan")  # column 305: KS
    with pytest.raises(ImporError) as info:
        impor_rencana(buku(Struktur=struktur), organisasi=organisasi.slug)
    assert pesan(info.value) == [
        "sheet Struktur, baris 3, kolom KS: sheet memuat lebih dari 256 kolom; batasnya 256 "
        "(kolom A sampai IV). Pindahkan isi kolom KS ke kolom yang lebih awal atau ke sheet "
        "lain, atau hapus bila tidak diperlukan, lalu unggah lagi"
    ]
    assert not Renstra.objects.exists()


def test_an_unknown_organisasi_is_refused(db):
    with pytest.raises(ImporError, match="Organisasi 'entah' tidak ditemukan"):
        impor_rencana(buku(), organisasi="entah")


# All or nothing, and replacement


def test_a_bad_row_leaves_the_existing_plan_unchanged(seruyan):
    sebelum = potret(seruyan)
    wb = load_workbook(io.BytesIO(ekspor_rencana(seruyan)))
    ws = wb["Indikator"]
    ws.cell(row=2, column=4, value="Nama baru")  # a change that would be applied...
    ws.cell(row=30, column=[c.value for c in ws[1]].index("jenis") + 1, value="salah")
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImporError) as info:
        impor_rencana(out.getvalue(), organisasi="seruyan")
    assert [(k.sheet, k.baris, k.kolom) for k in info.value.kesalahan] == [
        ("Indikator", 30, "jenis")
    ]
    assert potret(seruyan) == sebelum


def test_reimport_replaces_removed_indicators_and_relinks_the_tree(seruyan):
    simpul_ind = SimpulPohon.objects.create(
        renstra=seruyan, level=1, nama="Simpul IT-1", indikator=seruyan.indikator.get(kode="IT-1")
    )
    simpul_hilang = SimpulPohon.objects.create(
        renstra=seruyan, level=2, nama="Simpul K-P1", indikator=seruyan.indikator.get(kode="K-P1"),
        elemen=seruyan.elemen.get(kode="P1"),
    )  # fmt: skip
    wb = load_workbook(io.BytesIO(ekspor_rencana(seruyan)))
    ws = wb["Indikator"]
    hapus = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "K-P1")
    ws.delete_rows(hapus)
    ws_r = wb["Realisasi"]
    ws_r.delete_rows(2, ws_r.max_row)  # no quarterly rows at all in the sheet
    out = io.BytesIO()
    wb.save(out)

    rencana = impor_rencana(out.getvalue(), organisasi="seruyan", dry_run=True)
    assert [p.kode for p in rencana.perubahan if p.jenis == "hapus" and p.objek == "indikator"] == [
        "K-P1"
    ]
    assert (
        rencana.hitung("hapus", "realisasi")
        == RealisasiRencana.objects.filter(indikator__renstra=seruyan).count()
    )
    assert any(p.objek == "simpul pohon" and "K-P1 dilepas" in str(p) for p in rencana.perubahan)

    impor_rencana(out.getvalue(), organisasi="seruyan")
    assert not seruyan.indikator.filter(kode="K-P1").exists()
    assert not RealisasiRencana.objects.filter(indikator__renstra=seruyan).exists()
    simpul_ind.refresh_from_db()
    simpul_hilang.refresh_from_db()
    assert simpul_ind.indikator == seruyan.indikator.get(kode="IT-1")
    assert simpul_hilang.indikator is None and simpul_hilang.elemen == seruyan.elemen.get(kode="P1")
    assert TargetTahunan.objects.filter(indikator__renstra=seruyan).count() > 0


def test_without_a_realisasi_sheet_the_quarterly_entries_are_kept(seruyan):
    sebelum = potret(seruyan)["realisasi"]
    wb = load_workbook(io.BytesIO(ekspor_rencana(seruyan)))
    del wb["Realisasi"]
    wb["Indikator"].cell(row=2, column=4, value="Nama baru")
    out = io.BytesIO()
    wb.save(out)
    hasil = impor_rencana(out.getvalue(), organisasi="seruyan")
    assert hasil.hitung("ubah", "indikator") == 1 and hasil.hitung("hapus") == 0
    assert potret(seruyan)["realisasi"] == sebelum


# Commands


def test_the_commands_export_and_import(seruyan, tmp_path, capsys):
    berkas = tmp_path / "rencana.xlsx"
    call_command("ekspor_rencana", organisasi="seruyan", tahun_awal=2025, output=str(berkas))
    org = org_baru(bidang_dari=seruyan.organisasi)
    call_command("impor_rencana", organisasi=org.slug, berkas=str(berkas), dry_run=True)
    assert "Pratinjau (belum disimpan)" in capsys.readouterr().out
    assert not Renstra.objects.filter(organisasi=org).exists()
    call_command("impor_rencana", organisasi=org.slug, berkas=str(berkas))
    assert Renstra.objects.filter(organisasi=org, tahun_awal=2025).exists()


def test_the_import_command_lists_every_problem(organisasi, tmp_path, capsys):
    berkas = tmp_path / "salah.xlsx"
    berkas.write_bytes(buku(Struktur=ganti(STRUKTUR, 3, "tingkat", "Misi")))
    with pytest.raises(CommandError, match="Impor dibatalkan: 1 kesalahan"):
        call_command("impor_rencana", organisasi=organisasi.slug, berkas=str(berkas))
    assert "sheet Struktur, baris 3, kolom tingkat" in capsys.readouterr().err
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("ekspor_rencana", organisasi=organisasi.slug, tahun_awal=2030,
                     output=str(tmp_path / "x.xlsx"))  # fmt: skip
