"""simpan_bulan and kembalikan_bulan: writes, versi, audit, conflicts (all or nothing), the
submitted month's lock, and the number of queries of a save."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from capaian import services
from capaian.models import Aksi, JejakAudit, PengajuanBulan, Realisasi, StatusPengajuan, Sumber
from capaian.services import IsianBaris, NilaiBaris
from tests.capaian.entri_bantu import buat_bidang_besar
from tests.personas import TAHUN

D = Decimal
# lock pengajuan (get or create: up to 4 with the savepoint), rumus, lock realisasi, insert,
# update, delete, pengajuan update, audit insert, organisasi, the audit chain's head and
# (PostgreSQL) its lock: ~14 whatever the row count; a submit adds two for notifications (the
# bidang's own marked done, whether every bidang has now submitted).
BATAS_KUERI_SIMPAN = 18


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


KOSONG = NilaiBaris()


def isian(rumus, pembagi=None, realisasi=None, keterangan="", versi=0, asal=KOSONG):
    return IsianBaris(
        rumus_id=rumus.pk,
        nilai=NilaiBaris(
            None if pembagi is None else D(pembagi),
            None if realisasi is None else D(realisasi),
            keterangan,
        ),
        versi=versi,
        asal=asal,
    )


def simpan(kantor, *baris, pengguna=None, bulan=3, ajukan=False, bidang=None):
    return services.simpan_bulan(
        pengguna=pengguna or kantor.alice,
        bidang=bidang or kantor.fakir_miskin,
        tahun=TAHUN,
        bulan=bulan,
        isian=list(baris),
        ajukan=ajukan,
    )


def tersimpan(rumus, bulan=3):
    return Realisasi.objects.filter(rumus=rumus, tahun=TAHUN, bulan=bulan).first()


def test_saving_a_new_row_creates_it_at_versi_1_with_an_audit_entry(kantor):
    r06 = kantor.rumus["R06"]
    hasil = simpan(kantor, isian(r06, "6780", "5980"))
    assert (hasil.dibuat, hasil.diubah, hasil.dihapus, hasil.berhasil) == (1, 0, 0, True)
    row = tersimpan(r06)
    assert (row.pembagi, row.realisasi, row.versi, row.diisi_oleh) == (
        D(6780),
        D(5980),
        1,
        kantor.alice,
    )
    jejak = JejakAudit.objects.get(rumus_id=r06.pk, bulan=3)
    assert (jejak.aksi, jejak.sumber, jejak.pengguna_id) == (
        Aksi.BUAT,
        Sumber.ENTRI,
        kantor.alice.pk,
    )
    assert jejak.nilai_lama is None
    assert jejak.nilai_baru == {"pembagi": "6780", "realisasi": "5980", "keterangan": ""}
    assert jejak.nama_bidang == "Penanganan Fakir Miskin"


def test_changing_a_row_bumps_its_versi_and_records_old_and_new_values(kantor):
    r06 = kantor.rumus["R06"]
    row = tersimpan(r06, bulan=2)
    assert row.versi == 1
    asal = NilaiBaris.dari(row)
    hasil = simpan(kantor, isian(r06, "6780", "5800", "revisi", versi=1, asal=asal), bulan=2)
    assert hasil.diubah == 1
    row.refresh_from_db()
    assert (row.realisasi, row.keterangan, row.versi) == (D(5800), "revisi", 2)
    jejak = JejakAudit.objects.get(rumus_id=r06.pk, bulan=2)
    assert jejak.aksi == Aksi.UBAH
    assert jejak.nilai_lama["realisasi"] == "5780"
    assert jejak.nilai_baru == {"pembagi": "6780", "realisasi": "5800", "keterangan": "revisi"}


def test_emptying_all_three_values_deletes_the_row_with_an_audit_entry(kantor):
    r06 = kantor.rumus["R06"]
    asal = NilaiBaris.dari(tersimpan(r06, bulan=2))
    hasil = simpan(kantor, isian(r06, versi=1, asal=asal), bulan=2)
    assert hasil.dihapus == 1
    assert tersimpan(r06, bulan=2) is None
    jejak = JejakAudit.objects.get(rumus_id=r06.pk, bulan=2)
    assert (jejak.aksi, jejak.nilai_baru) == (Aksi.HAPUS, None)
    assert jejak.nilai_lama["realisasi"] == "5780"


def test_a_row_equal_to_what_the_page_showed_is_not_written(kantor):
    r06 = kantor.rumus["R06"]
    row = tersimpan(r06, bulan=2)
    asal = NilaiBaris.dari(row)
    # The page was rendered at versi 1; someone has since moved on. Untouched: no conflict.
    Realisasi.objects.filter(pk=row.pk).update(versi=5, realisasi=D(1))
    hasil = simpan(kantor, isian(r06, "6780", "5780", versi=1, asal=asal), bulan=2)
    assert hasil.berhasil and hasil.jumlah_perubahan == 0
    assert tersimpan(r06, bulan=2).realisasi == D(1)
    assert not JejakAudit.objects.exists()


def test_a_changed_row_with_an_old_versi_is_a_conflict_and_nothing_is_written(kantor):
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    simpan(kantor, isian(r06, "6780", "5980"), pengguna=kantor.alice)
    JejakAudit.objects.all()  # (the first save's entry stays)
    sebelum = JejakAudit.objects.count()
    hasil = simpan(
        kantor,
        isian(r07, "800", "10"),  # a fine new row ...
        isian(r06, "6780", "6000", versi=0),  # ... and one rendered before the first save
    )
    assert not hasil.berhasil
    assert tersimpan(r07) is None  # all or nothing
    assert tersimpan(r06).realisasi == D(5980)
    assert JejakAudit.objects.count() == sebelum
    (k,) = hasil.konflik
    assert (k.kode, k.oleh, k.aksi) == ("R06", "Alice", Aksi.BUAT)
    assert k.tersimpan == NilaiBaris(D(6780), D(5980), "")
    assert k.isian.realisasi == D(6000)
    assert "R06" in k.pesan() and "diisi oleh Alice pada" in k.pesan()
    assert "Tersimpan: pembagi 6.780, realisasi 5.980" in k.pesan()
    assert "Isian Anda: pembagi 6.780, realisasi 6.000" in k.pesan()


def test_a_conflict_names_who_deleted_a_row_from_the_audit_trail(kantor):
    r06 = kantor.rumus["R06"]
    asal = NilaiBaris.dari(tersimpan(r06, bulan=2))
    simpan(kantor, isian(r06, versi=1, asal=asal), bulan=2, pengguna=kantor.alice)
    hasil = simpan(kantor, isian(r06, "6780", "6000", versi=1, asal=asal), bulan=2)
    (k,) = hasil.konflik
    assert k.aksi == Aksi.HAPUS and k.oleh == "Alice (alice)"
    assert "dikosongkan oleh Alice (alice) pada" in k.pesan()


def test_two_people_typing_the_same_values_is_not_a_conflict(kantor):
    r06 = kantor.rumus["R06"]
    simpan(kantor, isian(r06, "6780", "5980"))
    hasil = simpan(kantor, isian(r06, "6780", "5980", versi=0))
    assert hasil.berhasil and hasil.jumlah_perubahan == 0


def test_saves_of_different_rows_from_the_same_page_both_land(kantor):
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]
    kosong = NilaiBaris(D(6780))
    kosong7 = NilaiBaris(D(800))
    # Both pages were rendered with no March rows; each user changes a different row.
    a = simpan(kantor, isian(r06, "6780", "5980", asal=kosong), isian(r07, "800", asal=kosong7))
    b = simpan(kantor, isian(r06, "6780", asal=kosong), isian(r07, "800", "15", asal=kosong7))
    assert a.berhasil and b.berhasil
    assert tersimpan(r06).realisasi == D(5980)
    assert tersimpan(r07).realisasi == D(15)


def test_submitting_locks_the_month_and_records_it(kantor):
    hasil = simpan(kantor, isian(kantor.rumus["R06"], "6780", "5980"), ajukan=True)
    assert hasil.diajukan and hasil.kosong == 2
    p = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3)
    assert (p.status, p.diubah_oleh) == (StatusPengajuan.DIAJUKAN, kantor.alice)
    jejak = JejakAudit.objects.get(aksi=Aksi.AJUKAN)
    assert (jejak.bidang_id, jejak.bulan, jejak.nilai_baru) == (
        kantor.fakir_miskin.pk,
        3,
        {"status": "diajukan"},
    )
    with pytest.raises(services.BulanSudahDiajukan):
        simpan(kantor, isian(kantor.rumus["R07"], "800", "1"))
    assert tersimpan(kantor.rumus["R07"]) is None


def test_returning_reopens_the_month_with_the_note(kantor):
    simpan(kantor, ajukan=True)
    services.kembalikan_bulan(
        pengguna=kantor.kepala, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
        catatan="  R07 belum diisi.  ",
    )  # fmt: skip
    p = PengajuanBulan.objects.get(bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3)
    assert (p.status, p.catatan, p.diubah_oleh) == (
        StatusPengajuan.DIKEMBALIKAN,
        "R07 belum diisi.",
        kantor.kepala,
    )
    jejak = JejakAudit.objects.get(aksi=Aksi.KEMBALIKAN)
    assert (jejak.catatan, jejak.pengguna_id) == ("R07 belum diisi.", kantor.kepala.pk)
    assert simpan(kantor, isian(kantor.rumus["R07"], "800", "1")).dibuat == 1
    simpan(kantor, ajukan=True)
    p.refresh_from_db()
    assert (p.status, p.catatan) == (StatusPengajuan.DIAJUKAN, "")


def test_a_month_that_is_not_submitted_cannot_be_returned(kantor):
    with pytest.raises(services.BulanBelumDiajukan):
        services.kembalikan_bulan(
            pengguna=kantor.kepala, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
            catatan="x",
        )  # fmt: skip


def test_a_conflict_leaves_no_pengajuan_row_behind(kantor):
    r06 = kantor.rumus["R06"]
    Realisasi.objects.create(rumus=r06, tahun=TAHUN, bulan=4, realisasi=D(1), versi=3)
    hasil = simpan(kantor, isian(r06, "6780", "2", versi=0), bulan=4)
    assert not hasil.berhasil
    assert not PengajuanBulan.objects.filter(bulan=4).exists()


def test_a_future_month_is_refused(kantor, monkeypatch):
    monkeypatch.setattr("capaian.validasi.bulan_berjalan", lambda: (2025, 3))
    with pytest.raises(services.BulanBelumTiba):
        simpan(kantor, isian(kantor.rumus["R06"], "6780", "1"), bulan=4)


def test_rows_of_another_bidang_are_refused(kantor):
    with pytest.raises(ValueError):
        simpan(kantor, isian(kantor.rumus["R02"], "45", "9"))
    assert tersimpan(kantor.rumus["R02"]) is None


def test_a_save_of_30_rows_takes_the_same_few_queries_as_one_of_4(kantor):
    def campur(bidang, rumus, staf):
        rows = list(rumus.values())
        for r in rows[: len(rows) // 2]:  # half stored already: they get changed or deleted
            Realisasi.objects.create(rumus=r, tahun=TAHUN, bulan=3, pembagi=100, realisasi=1)
        baris = []
        for n, r in enumerate(rows):
            if n < len(rows) // 4:
                baris.append(isian(r, "100", "2", versi=1, asal=NilaiBaris(D(100), D(1))))
            elif n < len(rows) // 2:
                baris.append(isian(r, versi=1, asal=NilaiBaris(D(100), D(1))))
            else:
                baris.append(isian(r, "100", "3", asal=NilaiBaris(D(100))))
        bidang.organisasi  # noqa: B018 (loaded, as the view's bidang is)
        with CaptureQueriesContext(connection) as ctx:
            hasil = services.simpan_bulan(
                pengguna=staf, bidang=bidang, tahun=TAHUN, bulan=3, isian=baris, ajukan=True
            )
        assert hasil.berhasil and hasil.jumlah_perubahan == len(rows)
        return len(ctx.captured_queries)

    kecil = campur(*buat_bidang_besar(kantor.organisasi, 4, "Kecil"))
    besar = campur(*buat_bidang_besar(kantor.organisasi, 30, "Besar"))
    assert besar == kecil <= BATAS_KUERI_SIMPAN


# Real concurrency (PostgreSQL): two connections saving the same month at the same moment.


def _bersamaan(*kerja):
    """Run each callable in its own thread (own connection), released together."""
    mulai = threading.Barrier(len(kerja))
    hasil: list[object] = [None] * len(kerja)

    def jalan(n, fungsi):
        try:
            mulai.wait(timeout=10)
            hasil[n] = fungsi()
        except Exception as exc:  # reported to the test
            hasil[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(n, f)) for n, f in enumerate(kerja)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return hasil


def _perlu_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time anyway)")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("putaran", range(5))
def test_two_concurrent_saves_of_one_row_never_lose_an_update(kantor, putaran):
    _perlu_postgres()
    r06 = kantor.rumus["R06"]
    asal = NilaiBaris(D(6780))  # both pages: no March row yet, versi 0

    def simpan_oleh(pengguna, nilai):
        return lambda: services.simpan_bulan(
            pengguna=pengguna, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
            isian=[isian(r06, "6780", nilai, asal=asal)], ajukan=False,
        )  # fmt: skip

    kolega = kantor.alice.__class__.objects.create_user("dina", first_name="Dina")
    a, b = _bersamaan(simpan_oleh(kantor.alice, "5980"), simpan_oleh(kolega, "6000"))
    assert not isinstance(a, Exception), a
    assert not isinstance(b, Exception), b
    menang = [h for h in (a, b) if h.berhasil]
    kalah = [h for h in (a, b) if not h.berhasil]
    assert len(menang) == 1 and len(kalah) == 1
    row = tersimpan(r06)
    assert row.versi == 1
    (k,) = kalah[0].konflik
    # The loser is told the winner's values; the stored row is the winner's, untouched since.
    assert k.tersimpan.realisasi == row.realisasi
    assert k.oleh == ("Alice" if row.diisi_oleh == kantor.alice else "Dina")
    assert JejakAudit.objects.filter(rumus_id=r06.pk, bulan=3).count() == 1
    assert PengajuanBulan.objects.filter(bidang=kantor.fakir_miskin, bulan=3).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_different_rows_both_land(kantor):
    _perlu_postgres()
    r06, r07 = kantor.rumus["R06"], kantor.rumus["R07"]

    def simpan_baris(rumus, pembagi, nilai):
        return lambda: services.simpan_bulan(
            pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
            isian=[isian(rumus, pembagi, nilai, asal=NilaiBaris(D(pembagi)))], ajukan=False,
        )  # fmt: skip

    a, b = _bersamaan(simpan_baris(r06, "6780", "5980"), simpan_baris(r07, "800", "12"))
    assert a.berhasil and b.berhasil, (a, b)
    assert (tersimpan(r06).realisasi, tersimpan(r07).realisasi) == (D(5980), D(12))


@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_another_save_of_the_same_month(kantor):
    """The PengajuanBulan row lock serialises saves: while one transaction holds it, another
    save of that bidang's month waits, then sees the first one's rows."""
    _perlu_postgres()
    from django.db import transaction

    r06 = kantor.rumus["R06"]
    hasil: dict[str, object] = {}

    def kedua():
        try:
            hasil["b"] = services.simpan_bulan(
                pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
                isian=[isian(r06, "6780", "6000", asal=NilaiBaris(D(6780)))], ajukan=False,
            )  # fmt: skip
        except Exception as exc:
            hasil["b"] = exc
        finally:
            connection.close()

    with transaction.atomic():
        pertama = services.simpan_bulan(
            pengguna=kantor.alice, bidang=kantor.fakir_miskin, tahun=TAHUN, bulan=3,
            isian=[isian(r06, "6780", "5980", asal=NilaiBaris(D(6780)))], ajukan=False,
        )  # fmt: skip
        assert pertama.berhasil
        lain = threading.Thread(target=kedua)
        lain.start()
        lain.join(timeout=1)
        assert lain.is_alive(), f"the second save did not wait: {hasil}"
    lain.join(timeout=30)
    assert not hasil["b"].berhasil
    assert tersimpan(r06).realisasi == D(5980)
    assert not Realisasi.objects.filter(~Q(realisasi=D(5980)), bulan=3).exists()


def test_a_row_deleted_and_created_again_never_reuses_a_versi_an_open_page_holds(kantor):
    """ABA: a page shows R06 at versi 1; meanwhile (another tab) the row is emptied and
    filled again. The stale page must get a conflict, not overwrite silently."""
    r06 = kantor.rumus["R06"]
    kosong = NilaiBaris(pembagi=None, realisasi=None, keterangan="")

    def simpan(nilai, versi):
        return services.simpan_bulan(
            pengguna=kantor.alice,
            bidang=kantor.fakir_miskin,
            tahun=2025,
            bulan=3,
            isian=[IsianBaris(rumus_id=r06.pk, nilai=nilai, versi=versi, asal=None)],
            ajukan=False,
        )

    pertama = NilaiBaris(pembagi=Decimal("6780"), realisasi=Decimal("5980"), keterangan="")
    assert not simpan(pertama, 0).konflik
    assert Realisasi.objects.get(rumus=r06, bulan=3).versi == 1
    assert not simpan(kosong, 1).konflik  # deleted
    kedua = NilaiBaris(pembagi=Decimal("6780"), realisasi=Decimal("6000"), keterangan="")
    assert not simpan(kedua, 0).konflik  # created again
    dibuat_lagi = Realisasi.objects.get(rumus=r06, bulan=3)
    assert dibuat_lagi.versi > 1

    basi = NilaiBaris(pembagi=Decimal("6780"), realisasi=Decimal("1"), keterangan="")
    hasil = simpan(basi, 1)  # the stale page still holds versi 1
    assert hasil.konflik
    assert Realisasi.objects.get(rumus=r06, bulan=3).realisasi == Decimal("6000")
