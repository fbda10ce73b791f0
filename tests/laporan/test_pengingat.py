"""``kirim_pengingat`` (issue 14) on the demo: on 8 May 2025 every Palangka Raya staf bidang is
reminded of April (due 10 May) and the Kepala Dinas of March (waiting for approval); a second
run that day sends nothing; a returned month reminds its staf with the note; a member who
turned reminders off gets none."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from akun.models import Anggota
from capaian.models import PengajuanBulan, StatusPengajuan
from demo.muat import muat_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # demo accounts are made only then
    muat_demo(tulis=lambda *_: None)


def _jalankan(tanggal: str) -> list[dict]:
    keluar = StringIO()
    call_command("kirim_pengingat", "--tanggal", tanggal, "--format", "json", stdout=keluar)
    return json.loads(keluar.getvalue())


def test_the_demo_on_8_may_2025(demo):
    terkirim = _jalankan("2025-05-08")
    pky = [t for t in terkirim if t["organisasi"] == "palangkaraya"]
    staf = {t["pengguna"] for t in pky if t["jenis"] == "belum_diajukan" and t["bulan"] == 4}
    assert staf == {"staf.fakirmiskin", "staf.pemberdayaan", "staf.rehabilitasi",
                    "staf.jaminansosial", "staf.bencana"}  # fmt: skip
    kepala = [t for t in pky if t["jenis"] == "menunggu_persetujuan"]
    assert [(t["pengguna"], t["tahun"], t["bulan"]) for t in kepala] == [("kepala", 2025, 3)]
    assert all(t["kepada"].endswith("@contoh.go.id") for t in terkirim)
    assert len(mail.outbox) == len(terkirim)
    pesan = next(m for m in mail.outbox if m.to == ["staf.fakirmiskin@contoh.go.id"])
    assert pesan.subject == "Pengingat: isian April 2025 belum diajukan"
    assert "tenggatnya 10 Mei 2025 (2 hari lagi)" in pesan.body
    assert "/o/palangkaraya/entri/2025/4/penanganan-fakir-miskin/" in pesan.body
    # A second run the same day sends nothing; the next day reminds again.
    assert _jalankan("2025-05-08") == []
    assert len(_jalankan("2025-05-09")) == len(terkirim)


def test_a_returned_month_and_the_opt_out(demo):
    PengajuanBulan.objects.filter(
        bidang__organisasi__slug="palangkaraya", bidang__slug="penanganan-fakir-miskin",
        tahun=2025, bulan=3,
    ).update(status=StatusPengajuan.DIKEMBALIKAN, catatan="R06 belum sesuai DTKS.")  # fmt: skip
    Anggota.objects.filter(pengguna__username="staf.bencana").update(terima_pengingat=False)
    terkirim = _jalankan("2025-05-08")
    kembali = [t for t in terkirim if t["jenis"] == "dikembalikan"]
    assert [(t["pengguna"], t["bulan"]) for t in kembali] == [("staf.fakirmiskin", 3)]
    assert "staf.bencana" not in {t["pengguna"] for t in terkirim}
    body = next(m.body for m in mail.outbox if "dikembalikan" in m.subject)
    assert "R06 belum sesuai DTKS." in body
    # March is no longer all submitted: the Kepala is not asked to approve it.
    assert not [
        t
        for t in terkirim
        if t["jenis"] == "menunggu_persetujuan" and t["organisasi"] == "palangkaraya"
    ]
