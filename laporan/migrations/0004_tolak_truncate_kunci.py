"""What the row triggers of earlier migrations cannot see (issue 13):

- ``TRUNCATE`` of any table a signed month is made of (realisasi, definitions, the month's
  submissions, the signed versions and their locks, the audit trail) is refused by a
  statement trigger, whatever the role. Only a superuser who first says so in the session
  (``SET dinsos.izinkan_kosongkan = 'ya'``, which the test suite's flush does) may empty
  them.
- A month's lock (``laporan_kuncibulan``) cannot be changed, and is released only once its
  signed version is marked superseded in the same transaction (what reopening does), so no
  SQL can unlock a signed month without leaving that mark.
- The definitions (program, indikator, rumus) of a year with a signed month cannot be added,
  changed or deleted: every month's figures depend on the whole year's definitions, and the
  signed PDF prints them. Reopen the signed months first. (An UPDATE that changes nothing is
  let through on PostgreSQL.)

On SQLite (the demo) there is no TRUNCATE, and Django's test flush empties tables with
DELETE, so only the UPDATE refusal applies there.
"""

from django.db import migrations

TABEL_DILINDUNGI = [
    "capaian_realisasi",
    "capaian_pengajuanbulan",
    "capaian_jejakaudit",
    "indikator_program",
    "indikator_indikator",
    "indikator_rumus",
    "laporan_laporantertanda",
    "laporan_kuncibulan",
]
PESAN_TRUNCATE = (
    "Tabel % tidak dapat dikosongkan (TRUNCATE): isinya bagian dari laporan bertanda tangan "
    "dan jejak audit."
)
PESAN_KUNCI = (
    "Kunci bulan hanya dapat dilepas dengan membuka kembali laporan (versi bertanda tangannya "
    "ditandai digantikan), dan tidak dapat diubah."
)

PG_FORWARD = [
    f"""
CREATE FUNCTION dinsos_tolak_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('dinsos.izinkan_kosongkan', true) = 'ya'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{PESAN_TRUNCATE}', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
""",
    *(
        f"CREATE TRIGGER {t}_tolak_truncate BEFORE TRUNCATE ON {t} "
        "FOR EACH STATEMENT EXECUTE FUNCTION dinsos_tolak_truncate();"
        for t in TABEL_DILINDUNGI
    ),
    f"""
CREATE FUNCTION laporan_kuncibulan_cek() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM laporan_laporantertanda l
        WHERE l.id = OLD.laporan_id AND l.digantikan_pada IS NOT NULL
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{PESAN_KUNCI}' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER laporan_kuncibulan_tetap BEFORE UPDATE OR DELETE ON laporan_kuncibulan
    FOR EACH ROW EXECUTE FUNCTION laporan_kuncibulan_cek();
""",
]
PESAN_DEFINISI = (
    "Definisi indikator tahun % tidak dapat diubah: bulan % tahun itu sudah disetujui dan "
    "ditandatangani. Buka kembali bulan itu dulu."
)
TABEL_DEFINISI = ["indikator_program", "indikator_indikator", "indikator_rumus"]
PG_FORWARD += [
    f"""
CREATE FUNCTION dinsos_cek_tahun_tertanda(org bigint, th integer) RETURNS void AS $$
DECLARE
    daftar text;
BEGIN
    SELECT string_agg(k.bulan::text, ', ' ORDER BY k.bulan) INTO daftar
        FROM laporan_kuncibulan k WHERE k.organisasi_id = org AND k.tahun = th;
    IF daftar IS NOT NULL THEN
        RAISE EXCEPTION '{PESAN_DEFINISI}', th, daftar USING ERRCODE = 'insufficient_privilege';
    END IF;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION dinsos_definisi_cek() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'indikator_indikator' THEN
        IF TG_OP <> 'INSERT' THEN
            PERFORM dinsos_cek_tahun_tertanda(p.organisasi_id, p.tahun)
                FROM indikator_program p WHERE p.id = OLD.program_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM dinsos_cek_tahun_tertanda(p.organisasi_id, p.tahun)
                FROM indikator_program p WHERE p.id = NEW.program_id;
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM dinsos_cek_tahun_tertanda(OLD.organisasi_id, OLD.tahun);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM dinsos_cek_tahun_tertanda(NEW.organisasi_id, NEW.tahun);
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    *(
        f"CREATE TRIGGER {t}_tahun_tertanda BEFORE INSERT OR UPDATE OR DELETE ON {t} "
        "FOR EACH ROW EXECUTE FUNCTION dinsos_definisi_cek();"
        for t in TABEL_DEFINISI
    ),
]
_SQLITE_DEFINISI = "Definisi indikator tahun itu tidak dapat diubah: sebagian bulannya sudah disetujui dan ditandatangani. Buka kembali bulan itu dulu."  # noqa: E501
_SQLITE_ORG_TAHUN = {
    "indikator_program": ("{b}.organisasi_id", "{b}.tahun"),
    "indikator_rumus": ("{b}.organisasi_id", "{b}.tahun"),
    "indikator_indikator": (
        "(SELECT organisasi_id FROM indikator_program WHERE id = {b}.program_id)",
        "(SELECT tahun FROM indikator_program WHERE id = {b}.program_id)",
    ),
}


def _sqlite_definisi(tabel: str, aksi: str, baris: list[str]) -> str:
    org, tahun = _SQLITE_ORG_TAHUN[tabel]
    syarat = " OR ".join(
        f"EXISTS (SELECT 1 FROM laporan_kuncibulan k WHERE k.organisasi_id = {org.format(b=b)} "
        f"AND k.tahun = {tahun.format(b=b)})"
        for b in baris
    )
    return (
        f"CREATE TRIGGER {tabel}_tahun_tertanda_{aksi.lower()} BEFORE {aksi} ON {tabel} "
        f"BEGIN SELECT RAISE(ABORT, '{_SQLITE_DEFINISI}') WHERE {syarat}; END;"
    )


PG_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {t}_tahun_tertanda ON {t};" for t in TABEL_DEFINISI),
    "DROP FUNCTION IF EXISTS dinsos_definisi_cek();",
    "DROP FUNCTION IF EXISTS dinsos_cek_tahun_tertanda(bigint, integer);",
    "DROP TRIGGER IF EXISTS laporan_kuncibulan_tetap ON laporan_kuncibulan;",
    "DROP FUNCTION IF EXISTS laporan_kuncibulan_cek();",
    *(f"DROP TRIGGER IF EXISTS {t}_tolak_truncate ON {t};" for t in TABEL_DILINDUNGI),
    "DROP FUNCTION IF EXISTS dinsos_tolak_truncate();",
]
SQLITE_FORWARD = [
    f"""CREATE TRIGGER laporan_kuncibulan_tetap BEFORE UPDATE ON laporan_kuncibulan
    BEGIN SELECT RAISE(ABORT, '{PESAN_KUNCI}'); END;""",
    *(_sqlite_definisi(t, "INSERT", ["NEW"]) for t in TABEL_DEFINISI),
    *(_sqlite_definisi(t, "UPDATE", ["OLD", "NEW"]) for t in TABEL_DEFINISI),
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS laporan_kuncibulan_tetap;",
    *(
        f"DROP TRIGGER IF EXISTS {t}_tahun_tertanda_{a};"
        for t in TABEL_DEFINISI
        for a in ("insert", "update")
    ),
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}.get(vendor, []):
        schema_editor.execute(sql, params=None)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0003_organisasi_pindah"),
        ("capaian", "0007_jejak_rantai_hash"),
        ("indikator", "0003_organisasi_pindah"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
