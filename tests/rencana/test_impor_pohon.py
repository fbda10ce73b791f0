"""The performance tree from the FORM INDIKATOR layout (rencana.impor_pohon) and the
fixture fixtures/seruyan-pohon-kinerja.xlsx written from seed 003."""

import io
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from dasar.impor import ImporError
from fixtures.buat_pohon import baca_form_indikator
from rencana.impor_pohon import JUDUL_WAJIB, impor_pohon
from rencana.models import SimpulPohon

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seruyan-pohon-kinerja.xlsx"
SEED = Path("/work/shared/seeds/003_e4bf8d890e599692.txt")
PER_LEVEL = {0: 1, 1: 1, 2: 4, 3: 9, 4: 20, 5: 52}  # 87 nodes from the seed's 52 rows


def buku(baris: list[list], judul: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Pohon Kinerja"
    ws.append(judul or list(JUDUL_WAJIB))
    for b in baris:
        ws.append(b)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris(**level) -> list:
    """A row: level=(nama, indikator) per level number, e.g. l0=("A", "ia")."""
    sel = [None] * 12
    for kunci, (nama, indikator) in level.items():
        n = int(kunci[1:])
        sel[2 * n], sel[2 * n + 1] = nama, indikator
    return sel


def pesan(exc: ImporError) -> list[str]:
    return [str(k) for k in exc.kesalahan]


def test_the_seed_fixture_imports_into_the_seruyan_plan(seruyan):
    hasil = impor_pohon(FIXTURE.read_bytes(), renstra=seruyan)
    assert hasil.jumlah_baris == 52 and hasil.hitung("baru") == 87
    simpul = SimpulPohon.objects.filter(renstra=seruyan)
    assert Counter(simpul.values_list("level", flat=True)) == PER_LEVEL
    akar = simpul.get(level=0)
    assert (akar.nama, akar.indikator_teks) == (
        "MENINGKATKAN KESEJAHTERAAN SOSIAL",
        "Angka Kemiskinan",
    )
    l1 = simpul.get(level=1)
    assert l1.induk == akar and l1.indikator.kode == "IT-1"
    assert l1.nama == "MENURUNKAN JUMLAH PEMERLU PELAYANAN KESEJAHTERAAN SOSIAL (PPKS)"
    assert (
        simpul.get(nama="MENINGKATNYA PELAYANAN DASAR REHABILITASI SOSIAL").indikator.kode == "K-P2"
    )
    bencana = simpul.get(nama__startswith="MENINGKATNYA PERLINDUNGAN SOSIAL ADAPTIF UNTUK KORBAN")
    assert bencana.level == 3 and bencana.indikator.kode == "SPM-5"
    atensi = simpul.get(nama__startswith="Meningkatkan Layanan Asistensi Rehabilitasi Sosial")
    assert atensi.level == 4 and atensi.indikator.kode == "SPM-1"
    yapi = simpul.get(nama="Bantuan Sosial Yatim Piatu (YAPI)")
    assert yapi.level == 5 and yapi.induk == atensi
    assert yapi.indikator_teks == "Jumlah orang yang mendapat Bansos YAPI"
    dtks = simpul.get(nama__startswith="Pemutakhiran Data Terpadu")
    assert dtks.jabatan == "Pekerja Sosial Ahli Muda\nPekerja Sosial Ahli Pertama"
    # The same output under two parents is two nodes.
    assert simpul.filter(level=5, nama="Pelatihan keterampilan").count() == 2
    # Importing it again changes nothing.
    assert impor_pohon(FIXTURE.read_bytes(), renstra=seruyan).tanpa_perubahan


def test_the_fixture_matches_the_seed_text():
    judul, data = baca_form_indikator(SEED.read_text(encoding="utf-8"))
    assert judul == list(JUDUL_WAJIB)
    assert len(data) == 52
    assert all(len(b) == 12 for b in data)
    yapi = next(b for b in data if "YAPI" in b[10])
    assert yapi[10:] == [
        "Bantuan Sosial Yatim Piatu (YAPI)",
        "Jumlah orang yang mendapat Bansos YAPI",
    ]


def test_forward_fill_and_header_tolerance(seruyan):
    judul = [f"  {j.upper().replace('_LEVEL', ' _level')} " for j in JUDUL_WAJIB] + ["kode_LEVEL_1",
             "Target_level_2", "Jabatan_level_2"]  # fmt: skip
    data = buku(
        [
            [*baris(l0=("A", "ia"), l1=("B", "ib"), l2=("C", "ic")), "IT-1", "10%", "X; Y"],
            baris(l2=("D", "id")),
            [*baris(l1=("E", "ie")), None, None, None],
            baris(l2=("F", "if")),
            [*baris(l2=("D", "id")), None, "", None],  # under E: another D
        ],
        judul,
    )
    impor_pohon(data, renstra=seruyan)
    simpul = SimpulPohon.objects.filter(renstra=seruyan)
    assert Counter(simpul.values_list("level", flat=True)) == {0: 1, 1: 2, 2: 4}
    c = simpul.get(nama="C")
    assert c.target_teks == "10%" and c.jabatan == "X\nY" and c.induk.indikator.kode == "IT-1"
    assert {s.induk.nama for s in simpul.filter(nama="D")} == {"B", "E"}
    assert simpul.get(nama="F").induk.nama == "E"


def test_a_gap_row_is_refused_with_its_row_and_column(seruyan):
    data = buku([baris(l0=("A", "ia"), l1=("B", "ib")), baris(l3=("D", "id"))])
    with pytest.raises(ImporError) as info:
        impor_pohon(data, renstra=seruyan)
    assert pesan(info.value) == [
        "sheet Pohon Kinerja, baris 3, kolom immediate_outcome_level_2: kosong, dan tidak ada "
        "Immediate Outcome level 2 di baris atasnya untuk diwarisi (kolom Immediate "
        "Outcome_level_3 diisi)"
    ]
    assert not SimpulPohon.objects.exists()


def test_a_row_skipping_a_level_is_refused(seruyan):
    data = buku([baris(l0=("A", "ia"), l2=("C", "ic"))])
    with pytest.raises(ImporError) as info:
        impor_pohon(data, renstra=seruyan)
    assert pesan(info.value) == [
        "sheet Pohon Kinerja, baris 2, kolom intermediate_outcome_level_1: kosong, padahal level "
        "sesudahnya (Immediate Outcome_level_2) diisi di baris ini; baris tidak boleh melompati "
        "level"
    ]


def test_unknown_kode_conflicts_and_missing_names_are_all_reported(seruyan):
    judul = [*JUDUL_WAJIB, "Kode_level_1", "Elemen_level_0"]
    data = buku(
        [
            [*baris(l0=("A", "ia"), l1=("B", "ib")), "IKU-99", "P9"],
            [*baris(l1=("B", "ib")), "IT-1", None],
            [*baris(l1=("B", "ib")), "IT-2", None],
            baris(l1=(None, "tanpa nama")),
        ],
        judul,
    )
    with pytest.raises(ImporError) as info:
        impor_pohon(data, renstra=seruyan)
    assert pesan(info.value) == [
        "sheet Pohon Kinerja, baris 2, kolom elemen_level_0: kode elemen 'P9' tidak ada di "
        "rencana 2025-2029",
        "sheet Pohon Kinerja, baris 2, kolom kode_level_1: kode indikator 'IKU-99' tidak ada di "
        "rencana 2025-2029",
        "sheet Pohon Kinerja, baris 4, kolom kode_level_1: 'IT-2' berbeda dengan baris 3 "
        "('IT-1') untuk simpul yang sama",
        "sheet Pohon Kinerja, baris 5, kolom intermediate_outcome_level_1: wajib diisi "
        "(indikator level ini diisi)",
    ]


def test_a_missing_column_is_refused(seruyan):
    judul = list(JUDUL_WAJIB[:-1])
    with pytest.raises(ImporError, match="kolom wajib tidak ada: indikator_level_5"):
        impor_pohon(buku([baris(l0=("A", "ia"))[:-1]], judul), renstra=seruyan)


def test_a_bad_file_leaves_the_existing_tree_and_a_good_one_replaces_it(seruyan):
    impor_pohon(FIXTURE.read_bytes(), renstra=seruyan)
    with pytest.raises(ImporError):
        impor_pohon(buku([baris(l0=("A", "ia")), baris(l2=("C", "ic"))]), renstra=seruyan)
    assert SimpulPohon.objects.filter(renstra=seruyan).count() == 87
    hasil = impor_pohon(buku([baris(l0=("A", "ia"))]), renstra=seruyan, dry_run=True)
    assert (hasil.hitung("baru"), hasil.hitung("hapus")) == (1, 87)
    assert SimpulPohon.objects.filter(renstra=seruyan).count() == 87
    impor_pohon(buku([baris(l0=("A", "ia"))]), renstra=seruyan)
    assert list(SimpulPohon.objects.filter(renstra=seruyan).values_list("nama", flat=True)) == ["A"]


def test_the_command(seruyan, capsys):
    call_command(
        "impor_pohon", organisasi="seruyan", tahun_awal=2025, berkas=str(FIXTURE), dry_run=True
    )
    assert "87 baru" in capsys.readouterr().out
    assert not SimpulPohon.objects.exists()
    call_command("impor_pohon", organisasi="seruyan", tahun_awal=2025, berkas=str(FIXTURE))
    assert SimpulPohon.objects.count() == 87
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("impor_pohon", organisasi="seruyan", tahun_awal=2030, berkas=str(FIXTURE))
