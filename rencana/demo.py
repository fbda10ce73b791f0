"""The demo plans: Palangka Raya's IKU 2025 (seed 002) and Seruyan's 2025-2029 plan (seed
003: Tabel 4.1 IKU, 4.2 IKK, 4.3 SPM, 2.10/2.11 realisasi, the cascade of Tabel 4.6 and the
performance tree of its FORM INDIKATOR). Loaded by ``muat_demo``; figures are the seeds'.

Where the seed is silent the demo says so in a keterangan: the 2024 SPM targets are derived
from Tabel 2.10 (penerima / capaian), the SPM Triwulan I 2025 counts are the tertangani of
Tabel 2.5, and the cascade below the programs is a selection of Tabel 4.6.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from organisasi.models import Bidang, Organisasi
from rencana.models import (
    AksiRencana,
    Bagian,
    Elemen,
    IndikatorRencana,
    Jenis,
    JenisRencana,
    Kelompok,
    PaguAnggaran,
    Polaritas,
    RealisasiAnggaran,
    RealisasiRencana,
    Renstra,
    Sifat,
    TargetTahunan,
    TargetTriwulan,
    Tingkat,
)

PERIODE_SERUYAN = (2025, 2029)

PENJELASAN_PALANGKARAYA = (
    "Rumus Perhitungan:\n"
    "= 1/n × Σ Xi (i = 1 … n)\n"
    "Capaian Indikator merupakan rata-rata dari:\n"
    "x1 : PPKS yang berkontribusi dalam penanganan PPKS\n"
    "x2 : PPKS yang mendapatkan layanan dan bantuan kebutuhan dasar Rehabilitasi Sosial\n"
    "x3 : PPKS yang mendapatkan bantuan sosial yang tepat sasaran\n"
    "x4 : Korban bencana yang mendapatkan bantuan\n\n"
    "Makna Indikator:\n"
    "Perlindungan sosial yang adaptif mencakup Penanganan Pemerlu Pelayanan Kesejahteraan "
    "Sosial (PPKS) yang merupakan bentuk pemberian pemenuhan kebutuhan dasar yang disesuaikan "
    "dengan jenis kebutuhan layanan PPKS berdasarkan hasil asesmen dan verifikasi SDM "
    "Kesejahteraan Sosial untuk pemberian layanan dan bantuan sesuai standar agar PPKS dapat "
    "mandiri dan mengatasi masalah sosial.\n\n"
    "Alasan Pemilahan:\n"
    "bahwa untuk mencapai program perlindungan sosial yang adaptif diperlukan penanganan "
    "urusan sosial yang mencakup penyelenggaraan program Pemberdayaan Sosial, program "
    "Rehabilitasi Sosial, dan Program Perlindungan dan Jaminan Sosial"
)

FUNGSI_SERUYAN = """a. Pemberdayaan Sosial Komunitas Adat Terpencil (KAT)
b. Pengumpulan Sumbangan dalam Daerah Kabupaten/Kota
c. Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota
d. Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal
e. Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial
f. Rehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban HIV/AIDS dan NAPZA di Luar Panti Sosial
g. Pemeliharaan Anak-Anak Terlantar
h. Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
i. Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota
j. Penyelenggaraan Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana Kabupaten/Kota
k. Pemeliharaan Taman Makam Pahlawan Nasional Kabupaten/Kota"""

PPKS_TERTANGANI_DO = (
    "Definisi Operasional: Perhitungan jumlah PPKS yang telah menerima pelayanan sosial, "
    "dibagi dengan total PPKS yang teridentifikasi, kemudian dikalikan seratus persen, yang "
    "menunjukkan efektivitas intervensi sosial dalam memenuhi kebutuhan dasar mereka"
)
PPKS_TERTANGANI_RUMUS = (
    "Jumlah PPKS yang mendapat penanganan / Jumlah PPKS yang terdata di Kabupaten Seruyan "
    "x 100% (dijumlahkan atas 12 PAS)"
)

# Tabel 4.2: (nama, satuan, targets 2025-2029, bidang). Rows 19-24 are the SPM indicators
# and the decrease of PPKS, defined once below and listed here by their place.
IKK = [
    (
        "Persentase Unit Kerja yang mendapatkan pelayanan administrasi Perkantoran",
        "%",
        [100] * 5,
        "Sekretariat",
    ),
    (
        "Persentase SDM Kesejahteraan Sosial yang meningkat kompetensinya dalam pelayanan sosial",
        "%",
        [100] * 5,
        "Pemberdayaan Sosial",
    ),
    (
        "Persentase Lembaga di Bidang Kesejahteraan Sosial yang meningkat kualitasnya dalam Pelayanan Sosial",
        "%",
        [100] * 5,
        "Pemberdayaan Sosial",
    ),
    (
        "Persentase Penyelenggara PUB /UGB yang tertib perizinan Pengumpulan Sumbangan dalam Daerah Kabupaten Seruyan",
        "%",
        [100] * 5,
        "Pemberdayaan Sosial",
    ),
    (
        "Persentase Warga Negara Migran Korban Tindak Kekerasan yang tertangani",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Penyandang Disabilitas Terlantar yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Anak Terlantar yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Lanjut Usia Terlantar yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Gelandang dan Pengemis yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) lainnya di luar HIV/AIDS dan NAPZA yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Rehabilitasi Sosial",
    ),
    (
        "Persentase Penerima Manfaat yang terpenuhi kebutuhan dasarnya",
        "%",
        [100] * 5,
        "Perlindungan dan Jaminan Sosial",
    ),
    (
        "Persentase Penerima Manfaat yang meningkat Kemandirian Ekonomi",
        "%",
        [100] * 5,
        "Perlindungan dan Jaminan Sosial",
    ),
    (
        "Persentase Daerah yang melaksanakan Pengelolaan dan Pendataan Data Fakir Miskin",
        "%",
        [70] * 5,
        "Perlindungan dan Jaminan Sosial",
    ),
    (
        "Persentase Keluarga Miskin dan Rentan Penerima Perlindungan Sosial yang Tergraduasi dari Kemiskinan",
        "%",
        ["1", "1.5", "2", "2.5", "3"],
        "Perlindungan dan Jaminan Sosial",
    ),
    (
        "Persentase Korban Bencana Alam, Sosial dan / non Alam yang terpenuhi kebutuhan dasar pada saat dan setelah tanggap darurat bencana",
        "%",
        [100] * 5,
        "Penanganan Bencana",
    ),
    (
        "Persentase Masyarakat di daerah rawan bencana yang meningkat kesiapsiagaannya",
        "%",
        [100] * 5,
        "Penanganan Bencana",
    ),
    (
        "Persentase Korban Bencana yang mendapatkan Layanan Pemulihan Sosial",
        "%",
        [100] * 5,
        "Penanganan Bencana",
    ),
    (
        "Persentase Taman Makam Pahlawan yang terkelola dengan baik",
        "%",
        [100] * 5,
        "Pemberdayaan Sosial",
    ),
]

# Tabel 4.3 (and 2.10 for 2024): (layanan dasar, indikator pencapaian, targets 2025-2029,
# penerima 2024, capaian 2024 (%), tertangani Triwulan I 2025 from Tabel 2.5, bidang)
SPM = [
    ("Rehabilitasi sosial dasar penyandang disabilitas terlantar di luar panti",
     "Jumlah Warga Negara penyandang disabilitas yang memperoleh rehabilitasi sosial di luar panti",
     [46, 46, 50, 55, 60], 60, 80, 20, "Rehabilitasi Sosial"),
    ("Rehabilitasi sosial dasar anak telantar di luar panti",
     "Jumlah Warga Negara anak telantar yang memperoleh rehabilitasi sosial di luar panti",
     [16, 16, 20, 25, 30], 18, 100, 4, "Rehabilitasi Sosial"),
    ("Rehabilitasi sosial dasar lanjut usia terlantar di luar panti",
     "Jumlah Warga Negara lanjut usia telantar yang memperoleh rehabilitasi sosial di luar panti",
     [12, 12, 15, 20, 25], 10, 100, 7, "Rehabilitasi Sosial"),
    ("Rehabilitasi sosial dasar tuna sosial khususnya gelandangan dan pengemis di luar panti",
     "Jumlah Warga Negara/ gelandangan dan pengemis yang mendapatkan rehabilitasi sosial di luar panti",
     [4, 4, 10, 15, 20], 7, 100, 1, "Rehabilitasi Sosial"),
    ("Perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat bencana bagi korban bencana Kabupaten/Kota.",
     "Jumlah Warga Negara korban bencana Kab/Kota yang memperoleh perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat bencana bagi korban bencana Kabupaten/Kota.",
     [200, 200, 250, 300, 350], 164, 100, 20, "Penanganan Bencana"),
]  # fmt: skip

# The cascade below the two sasaran (a selection of Tabel 4.6): (kode, tingkat, induk, nama,
# indicator name, satuan, targets 2025-2029, jenis)
CASCADING = [
    ("P1", Tingkat.PROGRAM, "S1", "Program Pemberdayaan Sosial",
     "Persentase Potensi Sumber Kesejahteraan Sosial yang meningkat setelah diintervensi", "%",
     [100] * 5, Jenis.PERSENTASE),
    ("P1.1", Tingkat.KEGIATAN, "P1", "Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota",
     "Persentase SDM Kesos yang meningkat kapasitasnya", "%", [100] * 5, Jenis.PERSENTASE),
    ("P1.1.1", Tingkat.SUB_KEGIATAN, "P1.1", "Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota",
     "Jumlah SDM Kessos yang mendapat pembinaan / diklat / bimtek / UKOM dan sertifikasi", "orang",
     [18, 20, 22, 24, 26], Jenis.JUMLAH),
    ("P2", Tingkat.PROGRAM, "S1", "Program Rehabilitasi Sosial",
     "Persentase PPKS yang memperoleh pelayanan dasar Rehabilitasi Sosial", "%", [100] * 5,
     Jenis.PERSENTASE),
    ("P2.1", Tingkat.KEGIATAN, "P2", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial",
     "Persentase PPKS penerima pelayanan Rehabilitasi Sosial", "%", [100] * 5, Jenis.PERSENTASE),
    ("P2.1.1", Tingkat.SUB_KEGIATAN, "P2.1", "Pemberian Layanan Kedaruratan",
     "Jumlah Orang yang Mendapatkan Pelayanan Kedaruratan", "orang", [300] * 5, Jenis.JUMLAH),
    ("P3", Tingkat.PROGRAM, "S1", "Program Perlindungan dan Jaminan Sosial",
     "Persentase penerima manfaat Perlindungan dan Jaminan Sosial terhadap masyarakat miskin dan rentan",
     "%", [100] * 5, Jenis.PERSENTASE),
    ("P3.1", Tingkat.KEGIATAN, "P3", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
     "Persentase KPM dalam DTKS yang telah divalidasi", "%", [100] * 5, Jenis.PERSENTASE),
    ("P4", Tingkat.PROGRAM, "S1", "Program Penanganan Bencana",
     "Persentase Perlindungan Sosial Adaptif terhadap Korban Bencana Alam dan Bencana Sosial",
     "%", [100] * 5, Jenis.PERSENTASE),
    ("P5", Tingkat.PROGRAM, "S2", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     "Persentase Unit Kerja yang mendapatkan pelayanan administrasi Perkantoran", "%",
     [100] * 5, Jenis.PERSENTASE),
    ("P5.1", Tingkat.KEGIATAN, "P5", "Administrasi Umum Perangkat Daerah",
     "Persentase pemenuhan kebutuhan administrasi umum", "%", [100] * 5, Jenis.PERSENTASE),
    ("P5.1.1", Tingkat.SUB_KEGIATAN, "P5.1", "Penyediaan Bahan Logistik Kantor",
     "Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", [4] * 5, Jenis.JUMLAH),
    ("P5.1.2", Tingkat.SUB_KEGIATAN, "P5.1", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
     "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "laporan",
     [1] * 5, Jenis.JUMLAH),
]  # fmt: skip


def _bidang(org: Organisasi, nama: str) -> Bidang | None:
    return Bidang.objects.filter(organisasi=org, nama__iexact=nama).first()


def _target(ind: IndikatorRencana, tahun: int, nilai=None, teks: str = "", nspk=None) -> None:
    TargetTahunan.objects.create(
        indikator=ind,
        tahun=tahun,
        nilai=Decimal(str(nilai)) if nilai is not None else None,
        teks=teks,
        nspk=nspk,
    )


def _realisasi(ind: IndikatorRencana, tahun: int, triwulan: int, **nilai) -> None:
    RealisasiRencana.objects.create(
        indikator=ind,
        tahun=tahun,
        triwulan=triwulan,
        **{k: (Decimal(str(v)) if k in ("nilai", "pembilang", "penyebut") else v)
           for k, v in nilai.items()},
    )  # fmt: skip


@transaction.atomic
def muat_palangkaraya(org: Organisasi) -> Renstra:
    """Seed 002: the IKU decree of 2025 (one year, one IKU tied to the monthly TOTAL)."""
    Renstra.objects.filter(
        organisasi=org, jenis=JenisRencana.KEPUTUSAN_IKU, tahun_awal=2025
    ).delete()
    renstra = Renstra.objects.create(
        organisasi=org,
        jenis=JenisRencana.KEPUTUSAN_IKU,
        tahun_awal=2025,
        tahun_akhir=2025,
        nama="Indikator Kinerja Utama (IKU) Dinas Sosial Kota Palangka Raya Tahun 2025",
        nomor_keputusan="000.8.6.3/158/Sos/II/2025",
        tanggal_keputusan=datetime.date(2025, 2, 20),
        penetap="a.n. WALI KOTA PALANGKA RAYA",
        unit_kerja="Dinas Sosial Kota Palangka Raya",
        jabatan="Kepala Dinas Sosial Kota Palangka Raya",
    )
    tujuan = Elemen.objects.create(
        renstra=renstra, tingkat=Tingkat.TUJUAN, kode="T1",
        nama="Meningkatnya Kesejahteraan Sosial", urutan=1,
    )  # fmt: skip
    sasaran = Elemen.objects.create(
        renstra=renstra, induk=tujuan, tingkat=Tingkat.SASARAN, kode="S1",
        nama="Menjamin Perlindungan Sosial Adaptif", urutan=2,
    )  # fmt: skip
    IndikatorRencana.objects.create(
        renstra=renstra, elemen=tujuan, kelompok=Kelompok.TUJUAN, kode="IT-1",
        nama="Persentase PPKS yang mandiri", jenis=Jenis.PERSENTASE, satuan="Persen", urutan=1,
    )  # fmt: skip
    iku = IndikatorRencana.objects.create(
        renstra=renstra,
        elemen=sasaran,
        kelompok=Kelompok.IKU,
        kode="IKU-1",
        nama="Persentase PPKS yang ditangani sesuai standar",
        jenis=Jenis.PERSENTASE,
        sifat_target=Sifat.KUMULATIF,
        definisi=PENJELASAN_PALANGKARAYA,
        rumus="1/n × Σ Xi: rata-rata capaian program (Persentase Capaian TOTAL laporan bulanan)",
        satuan="Persen",
        penanggung_jawab="Kepala Dinas Sosial",
        sumber_data="Dinas Sosial",
        kode_bulanan="TOTAL",
        urutan=2,
    )
    _target(iku, 2025, 100, "100%")
    return renstra


@transaction.atomic
def muat_seruyan(org: Organisasi) -> Renstra:
    """Seed 003: IKU 2025-2029 with 2024 as the baseline year, IKK, SPM and the cascade."""
    awal, akhir = PERIODE_SERUYAN
    tahun = list(range(awal, akhir + 1))
    # Tabel 4.2 and 4.3 also print 2030, the end-of-period condition (kondisi akhir), equal
    # to 2029 in every row; Tabel 4.1 (IKU) and the cascade stop at 2029.
    kondisi_akhir = akhir + 1
    Renstra.objects.filter(organisasi=org, jenis=JenisRencana.RENSTRA, tahun_awal=awal).delete()
    renstra = Renstra.objects.create(
        organisasi=org,
        jenis=JenisRencana.RENSTRA,
        tahun_awal=awal,
        tahun_akhir=akhir,
        nama="Indikator Kinerja Utama (IKU) Dinas Sosial Kabupaten Seruyan Tahun 2025-2029",
        nomor_keputusan="800/143/DINSOS/IX/2025",
        tanggal_keputusan=datetime.date(2025, 9, 29),
        penetap="A.n. Bupati Seruyan",
        unit_kerja="Dinas Sosial Kabupaten Seruyan",
        jabatan="Kepala Dinas Sosial Kabupaten Seruyan",
        tugas="Menyelenggarakan urusan pemerintah dibidang sosial sesuai ketentuan peraturan "
        "perundang-undangan",
        fungsi=FUNGSI_SERUYAN,
    )
    el = {}

    def elemen(kode, tingkat, induk, nama, urutan):
        el[kode] = Elemen.objects.create(
            renstra=renstra, induk=el.get(induk), tingkat=tingkat, kode=kode, nama=nama,
            urutan=urutan,
        )  # fmt: skip
        return el[kode]

    elemen(
        "T1",
        Tingkat.TUJUAN,
        None,
        "Menurunkan Jumlah Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
        1,
    )
    elemen(
        "S1",
        Tingkat.SASARAN,
        "T1",
        "Meningkatkan Penanganan terhadap Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
        2,
    )
    elemen(
        "T2",
        Tingkat.TUJUAN,
        None,
        "Mewujudkan tata kelola organisasi Perangkat Daerah Dinas Sosial yang Efektif, "
        "Efisien dan Akuntabel",
        3,
    )
    elemen("S2", Tingkat.SASARAN, "T2",
           "Meningkatkan Akuntabilitas Kinerja Dinas Sosial Kabupaten Seruyan", 4)  # fmt: skip

    def indikator(**kw):
        bidang = kw.pop("bidang_nama", "")
        return IndikatorRencana.objects.create(
            renstra=renstra, bidang=_bidang(org, bidang) if bidang else None, **kw
        )

    tertangani = indikator(
        elemen=el["S1"], kelompok=Kelompok.IKU, kode="IKU-1", urutan=10,
        nama="Persentase Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) yang Tertangani",
        jenis=Jenis.RASIO_GABUNGAN, sifat_target=Sifat.TIDAK_KUMULATIF,
        definisi=PPKS_TERTANGANI_DO, rumus=PPKS_TERTANGANI_RUMUS, satuan="%",
        sumber_data="- Rekap data PPKS\n- Rekap DTSEN\n- Rekap data PPKS yang tertangani",
        penanggung_jawab="Dinas Sosial", kode_bulanan="IKU-2",
    )  # fmt: skip
    for t in [2024, *tahun]:
        _target(tertangani, t, 100, "100%")
    sakip = indikator(
        elemen=el["S2"], kelompok=Kelompok.IKU, kode="IKU-2", urutan=20,
        nama="Nilai SAKIP Dinas Sosial", jenis=Jenis.NILAI, satuan="nilai",
        definisi="Definisi Operasional: Hasil Penilaian akuntabilitas instansi Pemerintah, yang "
        "merupakan integrasi dari perencanaan, penganggaran dan pelaporan kinerja yang selaras "
        "dengan pelaksanaan akuntabilitas",
        rumus="Hasil Evaluasi SAKIP dari APIP",
        sumber_data="- data SAKIP Dinas Sosial\n- BA LHE SAKIP dari Inspektorat Kab. Seruyan",
        penanggung_jawab="Dinas Sosial", bidang_nama="Sekretariat",
    )  # fmt: skip
    _target(sakip, 2024, None, "B (Baik)")
    for t, nilai in zip(tahun, [58, 60, 62, 64, 66], strict=True):
        _target(sakip, t, nilai)
    _realisasi(
        sakip,
        2024,
        4,
        nilai="58.30",
        teks="CC (Cukup Memadai)",
        keterangan="LHE SAKIP 2024 (seed 003 Tabel 2.11)",
    )
    _realisasi(sakip, 2025, 1, nilai="60.70", teks="B (Baik)",
               keterangan="LHE SAKIP 2025 (seed 003 Tabel 2.11)")  # fmt: skip

    turun = indikator(
        elemen=el["T1"], kelompok=Kelompok.TUJUAN, kode="IT-1", urutan=1, urutan_ikk=24,
        nama="Persentase Penurunan Jumlah Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
        jenis=Jenis.PENURUNAN, satuan="%", acuan=tertangani, acuan_bagian=Bagian.PEMBILANG,
        definisi="Jumlah PPKS Tahun sebelumnya dikurangi dengan jumlah PPKS Tahun ini, dibagi "
        "dengan jumlah PPKS Tahun sebelumnya, dikali seratus persen",
        rumus="(Σ PPKS Tahun N-1 - Σ PPKS Tahun N) / Σ PPKS Tahun N-1 x 100%",
        penanggung_jawab="Sekretariat", bidang_nama="Sekretariat",
        keterangan="Jumlah PPKS tiap tahun diambil dari PPKS tertangani (IKU-1), seperti "
        "perhitungan seed 003; 2023 diisi langsung.",
    )  # fmt: skip
    for t, nilai in zip([*tahun, kondisi_akhir], [95, 90, 85, 80, 75, 75], strict=True):
        _target(turun, t, nilai)
    _realisasi(turun, 2023, 4, nilai=50001, keterangan="Jumlah PPKS 2023 (seed 003)")
    rb = indikator(
        elemen=el["T2"], kelompok=Kelompok.TUJUAN, kode="IT-2", urutan=3,
        nama="Nilai Indeks Reformasi Birokrasi Perangkat Daerah", jenis=Jenis.NILAI,
        satuan="predikat",
    )  # fmt: skip
    for t in [2024, *tahun]:
        _target(rb, t, None, "B (Baik)")

    for n, (nama, satuan, targets, bidang) in enumerate(IKK, start=1):
        ind = indikator(
            kelompok=Kelompok.IKK, kode=f"IKK-{n:02d}", urutan=100 + n, urutan_ikk=n,
            nama=nama, jenis=Jenis.PERSENTASE, satuan=satuan, bidang_nama=bidang,
            penanggung_jawab=f"Bidang {bidang}" if bidang != "Sekretariat" else bidang,
        )  # fmt: skip
        for t, nilai in zip(tahun, targets, strict=True):
            _target(ind, t, nilai)
        _target(ind, kondisi_akhir, targets[-1])  # Tabel 4.2's 2030 column

    for n, (layanan, nama, targets, penerima24, capaian24, tw1, bidang) in enumerate(SPM, 1):
        ind = indikator(
            kelompok=Kelompok.SPM, kode=f"SPM-{n}", urutan=200 + n, urutan_ikk=18 + n,
            layanan_dasar=layanan, nama=nama, jenis=Jenis.JUMLAH, sifat_target=Sifat.KUMULATIF,
            satuan="orang", bidang_nama=bidang, penanggung_jawab=f"Bidang {bidang}",
            sumber_data="Data BNBA penerima layanan SPM",
        )  # fmt: skip
        # 2024 (Tabel 2.10) gives penerima and capaian only: target = penerima / capaian.
        _target(ind, 2024, Decimal(penerima24 * 100) / capaian24, nspk=Decimal(100))
        for t, nilai in zip([*tahun, kondisi_akhir], [*targets, targets[-1]], strict=True):
            _target(ind, t, nilai, nspk=Decimal(100))  # Tabel 4.3, 2030 included
        _realisasi(ind, 2024, 4, nilai=penerima24, keterangan="Tabel 2.10 seed 003")
        _realisasi(ind, 2025, 1, nilai=tw1, keterangan="Tertangani Triwulan I (Tabel 2.5)")

    for n, (kode, tingkat, induk, nama, ind_nama, satuan, targets, jenis) in enumerate(
        CASCADING, start=1
    ):
        e = elemen(kode, tingkat, induk, nama, 10 + n)
        ind = indikator(
            elemen=e, kelompok=Kelompok.KINERJA, kode=f"K-{kode}", urutan=300 + n,
            nama=ind_nama, jenis=jenis, satuan=satuan, polaritas=Polaritas.NAIK,
            sifat_target=Sifat.KUMULATIF if jenis == Jenis.JUMLAH else Sifat.TIDAK_KUMULATIF,
        )  # fmt: skip
        for t, nilai in zip(tahun, targets, strict=True):
            _target(ind, t, nilai)
    muat_rencana_aksi_seruyan(renstra)
    return renstra


# Seed 003 §2.3.3: the Rencana Aksi of 2025 (Reformasi Birokrasi, pengentasan kemiskinan).
# (permasalahan, sasaran, indikator, kode of the linked IKK, target, rencana aksi, uraian
# kegiatan, output, indikator output, TW I..IV (each quarter's own), total, anggaran,
# realisasi, realisasi anggaran, bukti, bidang). The texts are the seed's, typos included.
AKSI_SERUYAN_2025 = [
    ("Rendahnya pemahaman tentang perizinan pengumpulan uang / barang dan perizinan undian gratis berhadiah, dalam mendukung pelayanan kesejahteraan sosial",
     "Meningkatnya pemahaman dari LKS /Instansi /Lembaga Penyelenggara PUB dan UGB",
     "Persentase Rekomendasi Izin Undian Gratis Berhadiah dan Pengumpulan Sumbangan Uang atau Barang",
     "IKK-04", "100 %",
     "Pelaksanaan Koordinasi dan Sinkronisasi Penerbitan Izin Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang",
     "Pelaksanaan Sosialisasi penyelenggaraan perizinan pengumpulan uang / barang dan perizinan undian gratis berhadiah, Penerbitan PUG dan UGB dalam mendukung pelayanan kesejahteraan sosial",
     "10 Dokumen",
     "Jumlah Dokumen Hasil Koordinasi dan Sinkronisasi Penerbitan Izin Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang",
     ("2", "2", "3", "3"), "10", "19639000",
     "Percontohan penyelenggaraan ijin pengumpulan uang dan barang di Dinas Sosial Kabupaten Kota Waringin Barat",
     "2831400",
     "https://drive.google.com/file/d/1N12kxTGkK0b-gnccGHVEccpen5LedKp8/viiew7usp=drive_link",
     "Pemberdayaan Sosial"),
    ("Rendahnya Kompetensi SDM Kesejahteraan Sosial untuk mendukung pelayanan kesejahteraan sosial program pengentasan kemiskinan",
     "Terlaksananya pengembangan kompetensi bagi Pekerja Sosial Masyarakat (PSM), Tenaga Kesejahteraan Sosial Kecamatan (TKSK), PSKS Keluaran dan PSKS Kelembagaan Karang Taruna",
     "Persentase Meningkatnya kompetensi SDM Kesejahteraan Sosial", "IKK-02", "100 %",
     "Pelaksanaan Peningkatan Kemampuan Sumber Daya Manusia Kesejahteraan Sosial (SDM Kessos)",
     "Peningkatan Kapasitas SDM kesejahteraan sosial melalui pelatihan, pemberian motivasi dan edukasi, pelatihan kewirausahaan dan bantuan barang untuk stimulan usaha dan bantuan hibah operasional Lembaga Karang Taruna Kabupaten dan Kecamatan",
     "4 orang / 2 keluarga 5 lembaga",
     "Jumlah Orang / Keluarga / Lembaga yang Meningkatkan Kapasitasnya",
     ("0", "1 orang / 0 keluarga 1 lembaga", "1 orang / 2 keluarga 2 lembaga",
      "2 orang / 0 keluarga 2 lembaga"),
     "4 orang / 2 keluarga 5 lembaga", "305613100",
     "Monitoring dan evaluasi Karang Taruna dan Asisment dan verifikasi berkas permohonanpergantian dan pengangkatan (TKSK) di di Kecamatan Sembuluh",
     "5000000",
     "https://drive.google.com/file/d/1RWRe6_Da9j1cZRD5Y9Lgm03N3eVQu3d/viiew7usp=drive_link",
     "Pemberdayaan Sosial"),
    ("Rendahnya Kompetensi SDM Lembaga Konsultasi Kesejahteraan Keluarga (LK3) untuk mendukung pelayanan kesejahteraan sosial terhadap keluarga yang bermasalah",
     "Meningkatnya pelayanan terhadap Lembaga Konsultasi Kesejahteraan Keluarga (LK3) terhadap keluarga yang bermasalah",
     "Meningkatnya kompetensi Lembaga Konsultasi Kesejahteraan Keluarga (LK3)", "IKK-03",
     "1 LK3",
     "Pelaksanaan Peningkatan Kemampuan Sumber Daya Manusia dan Penguatan Lembaga Konsultasi Kesejahteraan Keluarga (LK3)",
     "Peningkatan kapasitas Lembaga Konsultasi Kesejahteraan Keluarga (LK3) yang memberikan pelayanan konsultasi, konseling, pemberian/penyebarluasan informasi, penjangkauan, advokasi dan pemberdayaan keluarga serta rujukan ke lembaga pelayanan lainnya,",
     "1 orang", "Jumlah Orang / pengurus LK3 yang meningkatkan kapasitasnya",
     ("0", "0", "0", "1"), "1", "4540000",
     "Belum ada realisasi, akan di realisasikan pada semester 2 (TW. 4)", "0", "",
     "Pemberdayaan Sosial"),
    ("Belum maksimalnya pelaksanaan program penanganan bencana terhadap korban bencana alam dan bencana sosial",
     "Meningkatnya pelayanan terhadap korban bencana alam dan bencana sosial",
     "Persentase Korban Bencana Alam dan bencana sosial yang terpenuhi Kebutuhan Dasarnya Pada Saat dan Setelah Tanggap Darurat Bencana Kab/Kota",
     "IKK-15", "100 %",
     "Pelaksanaan perlindungan sosial bagi korban bencana alam dan bencana sosial",
     "perlindungan sosial bagi korban bencana alam dan bencana sosial berupa penyediaan permukiman, sandang, tempat penampungan pengungsi, penanganan khusus kelompok rentan dan layanan dukungan psikososial",
     "164 orang", "Jumlah Korban bencana alam / sosial yang terpenuhi kebutuhannya",
     ("14", "50", "50", "50"), "164", "173379500",
     "Penyaluran bantuan korban kebakaran di Kecamatan Seruyan Hilir dan Seruyan Hilir Timur",
     "20202000",
     "https://drive.google.com/file/d/1dbb_SkhGKsiBZc-l-yM3wgXqZP94GyDx/viiew7usp=drive_link",
     "Penanganan Bencana"),
    ("Masih rendahnya kompetensi anggota TAGANA dan KSB",
     "Meningkatnya kesiapsiagaan bencana bagi TAGANA dan masyarakat Kampung Siaga Bencana",
     "Persentase KSB dan Taruna Siaga Bencana yang siap siaga terhadap bencana yang Kab/Kota",
     "IKK-16", "100 %", "Koordinasi, Sosialisasi dan peningkatan kapasitas TAGANA dan KSB",
     "Pelaksanaan koordinasi, sosialisasi dan peningkatan kapasitas TAGANA dan KSB melalui sosialisasi dan pelatihan mitigasi dan tanggap darurat",
     "69 orang dan 2 KSB", "Jumlah TAGANA dan KSB yang meningkatkan kapasitasnya",
     ("0", "0", "69", "2"), "71", "64344000",
     "Belum ada realisasi, akan di realisasikan pada semester 2 (TW. 3 dan 4)", "0", "",
     "Penanganan Bencana"),
]  # fmt: skip

# The seed prints "Jumlah 959.413.100" under the table, but its five printed lines add up to
# 567.515.600 (lines of other bidang were lost in the copy). The demo holds the five lines as
# printed, so its total is their sum; no line is invented to reach the printed figure
# (docs/rencana.md).

# Demo figures, NOT from the seeds (seed 003 prints no program budgets): pagu 2025 and the
# spending of Triwulan I per Program/Kegiatan, plausible for a kabupaten Dinas Sosial.
PAGU_SERUYAN_2025 = {
    "P1": ("850000000", "96500000"), "P1.1": ("329792100", "7831400"),
    "P2": ("1100000000", "182300000"), "P2.1": ("780000000", "120000000"),
    "P3": ("640000000", "74000000"), "P3.1": ("250000000", "31000000"),
    "P4": ("420000000", "52750000"),
    "P5": ("6500000000", "1480000000"), "P5.1": ("1200000000", "265000000"),
}  # fmt: skip


def _tw_kumulatif(tahunan: Decimal) -> list[Decimal]:
    """Quarterly targets of a Kumulatif count: a quarter of the year's each quarter, running
    (rounded half up to whole units), TW IV the year's target itself."""
    hasil = [(tahunan * n / 4).quantize(Decimal(1), rounding="ROUND_HALF_UP") for n in (1, 2, 3)]
    return [*hasil, tahunan]


def muat_rencana_aksi_seruyan(renstra: Renstra) -> None:
    """Seed 003's Rencana Aksi 2025, quarterly targets for the IKU (and SPM) of 2025, and the
    demo budgets of 2025."""
    tahun = 2025
    indikator = {
        i.kode: i
        for i in IndikatorRencana.objects.filter(renstra=renstra).prefetch_related("target")
    }
    # Quarterly targets: a non-cumulative indicator's target is the state at each quarter's
    # end, equal to the year's; a Kumulatif count runs up to it (docs/rencana.md).
    baris_tw = []
    for ind in indikator.values():
        if ind.kelompok not in (Kelompok.IKU, Kelompok.SPM):
            continue
        target = next((t for t in ind.target.all() if t.tahun == tahun), None)
        if target is None or target.nilai is None:
            continue
        if ind.sifat_target == Sifat.KUMULATIF:
            nilai = _tw_kumulatif(target.nilai)
        else:
            nilai = [target.nilai] * 4
        baris_tw += [
            TargetTriwulan(indikator=ind, tahun=tahun, triwulan=n, nilai=v)
            for n, v in enumerate(nilai, start=1)
        ]
    TargetTriwulan.objects.bulk_create(baris_tw)

    bidang = {b.nama.casefold(): b for b in Bidang.objects.filter(organisasi=renstra.organisasi)}
    for nomor, (masalah, sasaran, ind_teks, kode, target, aksi, kegiatan, output, ind_output,
                tw, total, anggaran, realisasi, realisasi_anggaran, bukti,
                nama_bidang) in enumerate(AKSI_SERUYAN_2025, start=1):  # fmt: skip
        AksiRencana.objects.create(
            renstra=renstra, tahun=tahun, nomor=nomor, permasalahan=masalah, sasaran=sasaran,
            indikator_teks=ind_teks, indikator=indikator.get(kode), target=target,
            rencana_aksi=aksi, kegiatan=kegiatan, output=output, indikator_output=ind_output,
            tw1=tw[0], tw2=tw[1], tw3=tw[2], tw4=tw[3], total=total,
            anggaran=Decimal(anggaran), realisasi=realisasi,
            realisasi_anggaran=Decimal(realisasi_anggaran), tautan_bukti=bukti,
            bidang=bidang.get(nama_bidang.casefold()), unit="DINSOS",
        )  # fmt: skip

    elemen = {e.kode: e for e in Elemen.objects.filter(renstra=renstra)}
    for kode, (pagu, tw1) in PAGU_SERUYAN_2025.items():
        PaguAnggaran.objects.create(elemen=elemen[kode], tahun=tahun, pagu=Decimal(pagu))
        RealisasiAnggaran.objects.create(
            elemen=elemen[kode], tahun=tahun, triwulan=1, nilai=Decimal(tw1)
        )


def muat_rencana_demo() -> list[Renstra]:
    """Both demo plans, for the organisasi that exist (muat_demo creates them first)."""
    hasil = []
    for slug, muat in (("palangkaraya", muat_palangkaraya), ("seruyan", muat_seruyan)):
        org = Organisasi.objects.filter(slug=slug).first()
        if org is not None:
            hasil.append(muat(org))
    return hasil
