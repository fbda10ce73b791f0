"""An approved month is locked in the database itself, whatever path the application's
connection takes (forms, admin, imports, the ORM's update(), raw SQL):

- capaian_realisasi refuses INSERT, UPDATE and DELETE of a row whose organisasi-month has a
  laporan_kuncibulan row (for UPDATE, both the old and the new month are checked). On
  PostgreSQL the trigger first takes a KEY SHARE lock on the organisasi row, so a write that
  races an approval (which holds that row FOR UPDATE) waits for it and then sees its lock.
- laporan_laporantertanda refuses DELETE, and any UPDATE except marking the version
  superseded once (digantikan_pada, alasan_dibuka, dibuka_oleh from empty).

On SQLite only INSERT and UPDATE are refused: Django empties SQLite tables with DELETE
between transactional tests (PostgreSQL uses TRUNCATE, which row triggers do not see).
"""

from django.db import migrations

PESAN_KUNCI = "Bulan ini sudah disetujui dan ditandatangani; realisasinya tidak dapat diubah."
PESAN_LAPORAN = "Laporan bertanda tangan tidak dapat diubah atau dihapus."

PG_FORWARD = f"""
CREATE FUNCTION capaian_realisasi_cek_kunci() RETURNS trigger AS $$
DECLARE
    org integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT organisasi_id INTO org FROM indikator_rumus WHERE id = OLD.rumus_id;
        PERFORM 1 FROM indikator_organisasi WHERE id = org FOR KEY SHARE;
        IF EXISTS (SELECT 1 FROM laporan_kuncibulan k WHERE k.organisasi_id = org
                   AND k.tahun = OLD.tahun AND k.bulan = OLD.bulan) THEN
            RAISE EXCEPTION '{PESAN_KUNCI}' USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT organisasi_id INTO org FROM indikator_rumus WHERE id = NEW.rumus_id;
        PERFORM 1 FROM indikator_organisasi WHERE id = org FOR KEY SHARE;
        IF EXISTS (SELECT 1 FROM laporan_kuncibulan k WHERE k.organisasi_id = org
                   AND k.tahun = NEW.tahun AND k.bulan = NEW.bulan) THEN
            RAISE EXCEPTION '{PESAN_KUNCI}' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER capaian_realisasi_kunci_bulan
    BEFORE INSERT OR UPDATE OR DELETE ON capaian_realisasi
    FOR EACH ROW EXECUTE FUNCTION capaian_realisasi_cek_kunci();

CREATE FUNCTION laporan_tertanda_tolak() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.digantikan_pada IS NULL AND NEW.digantikan_pada IS NOT NULL
       AND NEW.id = OLD.id AND NEW.organisasi_id = OLD.organisasi_id
       AND NEW.tahun = OLD.tahun AND NEW.bulan = OLD.bulan AND NEW.versi = OLD.versi
       AND NEW.token = OLD.token AND NEW.pdf = OLD.pdf AND NEW.sha256 = OLD.sha256
       AND NEW.data::text = OLD.data::text AND NEW.tanggal = OLD.tanggal
       AND NEW.kota = OLD.kota
       AND NEW.penanda_nama = OLD.penanda_nama AND NEW.penanda_jabatan = OLD.penanda_jabatan
       AND NEW.penanda_pangkat = OLD.penanda_pangkat AND NEW.penanda_nip = OLD.penanda_nip
       AND NEW.sertifikat_subjek = OLD.sertifikat_subjek
       AND NEW.sertifikat_sidik = OLD.sertifikat_sidik
       AND NEW.ditandatangani_pada = OLD.ditandatangani_pada
       AND NEW.disetujui_oleh_id IS NOT DISTINCT FROM OLD.disetujui_oleh_id
       AND NEW.nama_penyetuju = OLD.nama_penyetuju THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{PESAN_LAPORAN}' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER laporan_tertanda_tetap
    BEFORE UPDATE OR DELETE ON laporan_laporantertanda
    FOR EACH ROW EXECUTE FUNCTION laporan_tertanda_tolak();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS capaian_realisasi_kunci_bulan ON capaian_realisasi;
DROP FUNCTION IF EXISTS capaian_realisasi_cek_kunci();
DROP TRIGGER IF EXISTS laporan_tertanda_tetap ON laporan_laporantertanda;
DROP FUNCTION IF EXISTS laporan_tertanda_tolak();
"""

_SQLITE_CEK = """
    SELECT RAISE(ABORT, '{pesan}') WHERE EXISTS (
        SELECT 1 FROM laporan_kuncibulan k JOIN indikator_rumus r
            ON r.organisasi_id = k.organisasi_id
        WHERE r.id = {baris}.rumus_id AND k.tahun = {baris}.tahun AND k.bulan = {baris}.bulan
    );
"""
SQLITE_FORWARD = [
    "CREATE TRIGGER capaian_realisasi_kunci_insert BEFORE INSERT ON capaian_realisasi BEGIN"
    + _SQLITE_CEK.format(pesan=PESAN_KUNCI, baris="NEW")
    + "END;",
    "CREATE TRIGGER capaian_realisasi_kunci_update BEFORE UPDATE ON capaian_realisasi BEGIN"
    + _SQLITE_CEK.format(pesan=PESAN_KUNCI, baris="OLD")
    + _SQLITE_CEK.format(pesan=PESAN_KUNCI, baris="NEW")
    + "END;",
    f"""CREATE TRIGGER laporan_tertanda_tetap BEFORE UPDATE ON laporan_laporantertanda
    WHEN NOT (OLD.digantikan_pada IS NULL AND NEW.digantikan_pada IS NOT NULL
       AND NEW.id = OLD.id AND NEW.organisasi_id = OLD.organisasi_id
       AND NEW.tahun = OLD.tahun AND NEW.bulan = OLD.bulan AND NEW.versi = OLD.versi
       AND NEW.token = OLD.token AND NEW.pdf = OLD.pdf AND NEW.sha256 = OLD.sha256
       AND NEW.data = OLD.data AND NEW.tanggal = OLD.tanggal AND NEW.kota = OLD.kota
       AND NEW.penanda_nama = OLD.penanda_nama AND NEW.penanda_jabatan = OLD.penanda_jabatan
       AND NEW.penanda_pangkat = OLD.penanda_pangkat AND NEW.penanda_nip = OLD.penanda_nip
       AND NEW.sertifikat_subjek = OLD.sertifikat_subjek
       AND NEW.sertifikat_sidik = OLD.sertifikat_sidik
       AND NEW.ditandatangani_pada = OLD.ditandatangani_pada
       AND NEW.disetujui_oleh_id IS OLD.disetujui_oleh_id
       AND NEW.nama_penyetuju = OLD.nama_penyetuju)
    BEGIN SELECT RAISE(ABORT, '{PESAN_LAPORAN}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS capaian_realisasi_kunci_insert;",
    "DROP TRIGGER IF EXISTS capaian_realisasi_kunci_update;",
    "DROP TRIGGER IF EXISTS laporan_tertanda_tetap;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE)
    elif vendor == "sqlite":
        for sql in SQLITE_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0001_laporan_tertanda_kunci_bulan"),
        ("capaian", "0004_pengajuan_disetujui"),
        ("indikator", "0002_organisasi_target_band"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
