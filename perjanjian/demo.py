"""The demo's Perjanjian Kinerja: Seruyan 2025 (seed 003's structure, Tabel 2.x of SDM: one
Kepala Dinas, a Sekretaris and four Kepala Bidang at eselon III, two Kepala Subbagian at
eselon IV; seed 004's tree assigns the programs to the Kepala Bidang). The holders' names
other than the Kepala Dinas's (seed 003: ANGGA, SE) and the Bupati's are fictional and
marked so. PKs for the Kepala Dinas and two Kepala Bidang are left as drafts (Seruyan has
no signing key in the demo; the Kepala Dinas approves on the PK page once one is set).
The budgets are the plan's own (``rencana.demo``: illustrative figures, docs/rencana.md)."""

from django.db import transaction

from organisasi.models import Bidang, Organisasi
from perjanjian.models import Eselon, Jabatan, KepalaDaerah, PerjanjianKinerja

TAHUN = 2025
CONTOH = " (nama contoh)"

# (kode, nama, eselon, atasan, bidang, kode_elemen, nama pemangku, NIP, pangkat)
JABATAN = [
    ("kepala-dinas", "Kepala Dinas Sosial Kabupaten Seruyan", Eselon.II, None, None, "",
     "", "", ""),
    ("sekretaris", "Sekretaris Dinas Sosial", Eselon.III, "kepala-dinas", None, "P5",
     "Rahmat Hidayat, S.Sos" + CONTOH, "197503122000031004", "Pembina (IV/a)"),
    ("kabid-pemberdayaan", "Kepala Bidang Pemberdayaan Sosial", Eselon.III, "kepala-dinas",
     "pemberdayaan-sosial", "P1", "Siti Nurhaliza, S.ST" + CONTOH, "197808172003122006",
     "Pembina (IV/a)"),
    ("kabid-rehsos", "Kepala Bidang Rehabilitasi Sosial", Eselon.III, "kepala-dinas",
     "rehabilitasi-sosial", "P2", "Yusuf Maulana, S.Sos" + CONTOH, "198001052005011009",
     "Penata Tingkat I (III/d)"),
    ("kabid-linjamsos", "Kepala Bidang Perlindungan dan Jaminan Sosial", Eselon.III,
     "kepala-dinas", "perlindungan-dan-jaminan-sosial", "P3",
     "Dewi Lestari, SE" + CONTOH, "198204142006042011", "Penata Tingkat I (III/d)"),
    ("kabid-bencana", "Kepala Bidang Penanganan Bencana", Eselon.III, "kepala-dinas",
     "penanganan-bencana", "P4", "", "", ""),
    ("kasubbag-program", "Kepala Subbagian Penyusunan Program dan Keuangan", Eselon.IV,
     "sekretaris", None, "", "", "", ""),
    ("kasubbag-umum", "Kepala Subbagian Umum, Perlengkapan dan Kepegawaian", Eselon.IV,
     "sekretaris", None, "P5.1", "Andi Pratama, S.AP" + CONTOH, "198706202010011015",
     "Penata (III/c)"),
]  # fmt: skip

BUPATI = ("Budi Santoso, S.H., M.Si." + CONTOH, "Bupati Seruyan")
PK_DEMO = ("kepala-dinas", "kabid-pemberdayaan", "kabid-rehsos")


@transaction.atomic
def muat_perjanjian_demo(tulis=print) -> None:
    org = Organisasi.objects.filter(slug="seruyan").first()
    if org is None:
        return
    KepalaDaerah.objects.update_or_create(
        organisasi=org, defaults={"nama": BUPATI[0], "jabatan": BUPATI[1]}
    )
    dibuat: dict[str, Jabatan] = {}
    for n, (kode, nama, eselon, atasan, bidang, elemen, pnama, nip, pangkat) in enumerate(
        JABATAN, start=1
    ):
        dibuat[kode], _ = Jabatan.objects.update_or_create(
            organisasi=org,
            kode=kode,
            defaults={
                "nama": nama, "eselon": eselon, "atasan": dibuat.get(atasan),
                "bidang": Bidang.objects.filter(organisasi=org, slug=bidang).first()
                if bidang else None,
                "kode_elemen": elemen, "pemangku_nama": pnama, "pemangku_nip": nip,
                "pemangku_pangkat": pangkat, "urutan": n,
            },
        )  # fmt: skip
    # The budgets are the plan's (rencana.demo: PAGU_SERUYAN_2025), read by each PK.
    for kode in PK_DEMO:
        PerjanjianKinerja.objects.get_or_create(jabatan=dibuat[kode], tahun=TAHUN)
    tulis(f"Perjanjian Kinerja Seruyan {TAHUN}: {len(dibuat)} jabatan, {len(PK_DEMO)} PK draf.")
