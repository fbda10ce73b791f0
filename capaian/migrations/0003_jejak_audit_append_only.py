"""The audit trail refuses UPDATE and DELETE in the database itself, whatever path the
application's connection takes (ORM, raw SQL). On SQLite only UPDATE is refused: Django
empties SQLite tables with DELETE between transactional tests; PostgreSQL uses TRUNCATE,
which row triggers do not see."""

from django.db import migrations

PG_FORWARD = """
CREATE FUNCTION capaian_jejak_audit_tolak() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Jejak audit tidak dapat diubah atau dihapus.'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER capaian_jejak_audit_append_only
    BEFORE UPDATE OR DELETE ON capaian_jejakaudit
    FOR EACH ROW EXECUTE FUNCTION capaian_jejak_audit_tolak();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS capaian_jejak_audit_append_only ON capaian_jejakaudit;
DROP FUNCTION IF EXISTS capaian_jejak_audit_tolak();
"""
SQLITE_FORWARD = """
CREATE TRIGGER capaian_jejak_audit_append_only
BEFORE UPDATE ON capaian_jejakaudit
BEGIN
    SELECT RAISE(ABORT, 'Jejak audit tidak dapat diubah atau dihapus.');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS capaian_jejak_audit_append_only;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("capaian", "0002_versi_pengajuan_jejak_audit")]

    operations = [migrations.RunPython(forward, reverse)]
