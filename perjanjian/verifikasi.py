"""The signed Perjanjian Kinerja in laporan's public verification (``laporan.dokumen_lain``):
``/verifikasi/<token>/`` and the PDF upload check find a PK version as they find a monthly
report's. Registered by ``PerjanjianConfig.ready()``."""

from dasar.tampilan import format_tanggal
from laporan.dokumen_lain import JenisDokumen, daftarkan
from perjanjian.models import VersiPerjanjian


def _qs():
    return VersiPerjanjian.objects.select_related("organisasi", "perjanjian__jabatan")


def _versi_berlaku(v: VersiPerjanjian) -> VersiPerjanjian | None:
    return (
        _qs()
        .filter(perjanjian_id=v.perjanjian_id, digantikan_pada__isnull=True)
        .exclude(pk=v.pk)
        .first()
    )


def _sebab(v: VersiPerjanjian) -> str:
    if v.alasan_digantikan:
        return f"diganti PK perubahan ({v.alasan_digantikan})"
    return "diganti PK perubahan"


def detail(v: VersiPerjanjian) -> list[tuple[str, str]]:
    from laporan.tanda_tangan import teks_waktu

    status = "Berlaku"
    if not v.berlaku:
        status = f"Digantikan PK perubahan pada {teks_waktu(v.digantikan_pada)}"
        if v.alasan_digantikan:
            status += f", alasan: {v.alasan_digantikan}"
    baris = [
        ("Dokumen", f"Perjanjian Kinerja Tahun {v.tahun}"),
        ("Organisasi", v.organisasi.nama),
        ("Jabatan (pihak pertama)", v.jabatan_nama),
        ("Periode", v.periode),
        ("Versi", str(v.versi)),
        ("Status", status),
        ("Disetujui oleh", f"{v.penanda_nama}, {v.penanda_jabatan}"),
        ("Ditandatangani pada", teks_waktu(v.ditandatangani_pada)),
        ("Tanggal perjanjian", format_tanggal(v.tanggal)),
        ("SHA-256", v.sha256),
        ("Sertifikat", f"{v.sertifikat_subjek} (sidik SHA-256 {v.sertifikat_sidik})"),
    ]
    if v.alasan_perubahan:
        baris.insert(5, ("Alasan perubahan", v.alasan_perubahan))
    return baris


def daftar() -> None:
    daftarkan(
        JenisDokumen(
            kode=VersiPerjanjian.JENIS_DOKUMEN,
            cari_token=lambda token: _qs().filter(token=token).first(),
            cari_sha256=lambda sha: _qs().filter(sha256=sha).first(),
            versi_berlaku=_versi_berlaku,
            detail=detail,
            uraian=lambda v: v.uraian,
            sebab_tidak_berlaku=_sebab,
            sidik_dikenal=lambda sidik: VersiPerjanjian.objects.filter(
                sertifikat_sidik=sidik
            ).exists(),
        )
    )
