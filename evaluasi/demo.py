"""The demo's quarter evaluation: Seruyan's Triwulan I 2025 analysis of its IKU (and of the
PPKS decrease, the plan's Tujuan indicator), written from seed 003's own narrative (§2.3.2
the SPM's problems and constraints, §2.4 the causes of the PPKS decrease and the SAKIP
follow-up), and evidence links from seed 003's Rencana Aksi table (§2.3.3).

The links are seed 003's Google Drive addresses with the file ids as printed; the seed's
OCR'd ``viiew7usp=drive_link`` is written ``view?usp=drive_link``. Loaded again, it replaces
what it wrote (the plan is loaded afresh by ``rencana.demo`` first anyway)."""

from evaluasi.models import AnalisisTriwulan, BuktiDukung, JenisBerkas, JenisSasaran
from rencana.models import IndikatorRencana, JenisRencana, Renstra

TAHUN = 2025
TRIWULAN = 1
PENULIS = "Data demo (seed 003)"

KENDALA_SPM = (
    "Kendala penerapan SPM bidang sosial:\n"
    "1. BNBA penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar dan "
    "gelandangan pengemis memerlukan asesmen ulang.\n"
    "2. Terbatasnya ketersediaan sumber dana, sehingga kegiatan baru terealisasi di triwulan "
    "terakhir.\n"
    "3. Kendaraan operasional penyaluran bantuan korban bencana kurang maksimal, sehingga "
    "jangkauan dan ketepatan waktu penyaluran bantuan bencana kurang maksimal.\n"
    "4. Kurangnya kompetensi SDM Kesos untuk memberikan layanan psikososial.\n"
    "5. Keluarga/masyarakat kurang peduli dengan penyandang disabilitas terlantar, anak "
    "terlantar, lanjut usia terlantar serta gelandangan dan pengemis; penanganan penyandang "
    "disabilitas mental (ODGJ) belum maksimal karena kurangnya dukungan keluarga pasca "
    "rehabilitasi sosial.\n"
    "6. Rumah singgah belum berfungsi karena sarana dan prasarana belum memadai (masih dalam "
    "pembangunan, target operasional tahun 2025)."
)

SEBAB_PENURUNAN = (
    "1. Pemutakhiran Data Terpadu Kesejahteraan Sosial melalui verifikasi dan validasi data "
    "di lapangan.\n"
    "2. Tidak terjadi bencana alam banjir yang berdampak besar bagi korban bencana di "
    "Kabupaten Seruyan.\n"
    "3. Meningkatnya capaian Standar Pelayanan Minimal melalui layanan rehabilitasi sosial "
    "dan penanganan bencana.\n"
    "4. Meningkatnya perlindungan dan jaminan sosial: Bantuan Sosial PKH, Program "
    "Sembako/BPNT, PBI JKN KIS, Bansos ATENSI, Bansos Yatim Piatu (YAPI) dan bansos untuk "
    "korban bencana."
)

ANALISIS = {
    "IKU-1": (
        "Sampai dengan Triwulan I 2025 PPKS yang tertangani 35.005 jiwa dari 42.583 jiwa yang "
        "terdata (82,20% dari target 100%). Pendorongnya:\n" + SEBAB_PENURUNAN,
        KENDALA_SPM,
        "Asesmen ulang BNBA PPKS SPM bersama TKSK dan PSM; kegiatan SPM dijadwalkan sejak awal "
        "tahun agar tidak menumpuk di triwulan terakhir; peningkatan kompetensi SDM Kesos "
        "untuk layanan psikososial; penguatan dukungan keluarga pasca rehabilitasi sosial "
        "(ODGJ); penyelesaian rumah singgah agar beroperasi tahun 2025. Diharapkan jumlah PPKS "
        "terus menurun secara signifikan.",
    ),
    "IT-1": (
        "Jumlah PPKS turun 6.888 jiwa dari 41.893 jiwa (2024) menjadi 35.005 jiwa: tingkat "
        "penurunan 16,44%. Penurunan yang signifikan disebabkan antara lain oleh:\n"
        + SEBAB_PENURUNAN,
        "Data PPKS masih perlu pemutakhiran berkelanjutan; BNBA PPKS SPM memerlukan asesmen "
        "ulang; terbatasnya sumber dana membuat kegiatan terealisasi di triwulan terakhir.",
        "Melanjutkan verifikasi dan validasi DTKS/DTSEN di lapangan dan memperluas "
        "perlindungan dan jaminan sosial bagi masyarakat miskin dan rentan, agar jumlah PPKS "
        "terus menurun menuju target 2029 (75%) dan prioritas pengentasan kemiskinan tercapai.",
    ),
    "IKU-2": (
        "Nilai SAKIP 60,70 predikat B (Baik), naik dari 58,30 (CC, Cukup Memadai) tahun 2024, "
        "setelah rekomendasi LHE SAKIP 2024 ditindaklanjuti melalui konsultasi dan koordinasi "
        "dengan APIP dan BAPPEDA.",
        "Masih ada indikator kinerja yang belum SMART; hubungan antar bidang terkait kinerja "
        "dan anggaran belum tersaji dalam dokumen perencanaan; pengukuran kinerja belum "
        "melibatkan seluruh pegawai.",
        "Perencanaan: reviu dokumen perencanaan dan perbaikan indikator yang belum SMART. "
        "Pelaksanaan: monitoring capaian kinerja per bulan/per triwulan dan pemanfaatan "
        "aplikasi. Pelaporan: laporan kinerja tepat waktu sesuai Permenpan RB 53/2014 dengan "
        "data dukung terlampir. Evaluasi: peningkatan kualitas SDM SAKIP melalui "
        "diklat/bimtek/webinar.",
    ),
}

TAUTAN = {
    "IKU-1": [
        (
            "https://drive.google.com/file/d/1dbb_SkhGKsiBZc-l-yM3wgXqZP94GyDx/view?usp=drive_link",
            "Penyaluran bantuan korban kebakaran di Kecamatan Seruyan Hilir dan Seruyan Hilir "
            "Timur (Rencana Aksi, Bidang Penanganan Bencana)",
        ),
        (
            "https://drive.google.com/file/d/1RWRe6_Da9j1cZRD5Y9Lgm03N3eVQu3d/view?usp=drive_link",
            "Monitoring dan evaluasi Karang Taruna; asesmen dan verifikasi berkas TKSK di "
            "Kecamatan Sembuluh (Rencana Aksi, Bidang Pemberdayaan Sosial)",
        ),
    ],
    "SPM-5": [
        (
            "https://drive.google.com/file/d/1dbb_SkhGKsiBZc-l-yM3wgXqZP94GyDx/view?usp=drive_link",
            "Penyaluran bantuan korban kebakaran (Rencana Aksi TW I: 14 korban)",
        ),
    ],
}


def muat_evaluasi_demo() -> int:
    """Seruyan's 2025-2029 plan, Triwulan I 2025: the analyses and the evidence links. Returns
    how many analyses were written (0 without the plan)."""
    renstra = Renstra.objects.filter(
        organisasi__slug="seruyan", jenis=JenisRencana.RENSTRA, tahun_awal=2025
    ).first()
    if renstra is None:
        return 0
    indikator = {
        i.kode: i
        for i in IndikatorRencana.objects.filter(
            renstra=renstra, kode__in=set(ANALISIS) | set(TAUTAN)
        )
    }
    for kode, (pendorong, penghambat, tindak_lanjut) in ANALISIS.items():
        if kode in indikator:
            AnalisisTriwulan.objects.update_or_create(
                indikator=indikator[kode], tahun=TAHUN, triwulan=TRIWULAN,
                defaults=dict(pendorong=pendorong, penghambat=penghambat,
                              tindak_lanjut=tindak_lanjut, nama_pengubah=PENULIS),
            )  # fmt: skip
    BuktiDukung.objects.filter(
        indikator__renstra=renstra, tahun=TAHUN, triwulan=TRIWULAN,
        jenis_berkas=JenisBerkas.TAUTAN, nama_pengunggah=PENULIS,
    ).delete()  # fmt: skip
    for kode, daftar in TAUTAN.items():
        for tautan, keterangan in daftar:
            if kode in indikator:
                BuktiDukung.objects.create(
                    organisasi_id=renstra.organisasi_id, jenis=JenisSasaran.INDIKATOR,
                    indikator=indikator[kode], tahun=TAHUN, triwulan=TRIWULAN, tautan=tautan,
                    jenis_berkas=JenisBerkas.TAUTAN, keterangan=keterangan[:300],
                    nama_pengunggah=PENULIS,
                )  # fmt: skip
    return sum(1 for kode in ANALISIS if kode in indikator)
