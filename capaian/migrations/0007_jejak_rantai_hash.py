"""The audit trail's hash chain (issue 13, capaian.rantai): two columns, and the entries
already recorded chained in id order per organisasi. The append-only trigger is lifted for
the backfill only, inside this migration's transaction."""

from django.db import migrations, models

from capaian import rantai

SQLITE_TRIGGER = """
CREATE TRIGGER capaian_jejak_audit_append_only
BEFORE UPDATE ON capaian_jejakaudit
BEGIN
    SELECT RAISE(ABORT, 'Jejak audit tidak dapat diubah atau dihapus.');
END;
"""


def rantaikan(apps, schema_editor):
    JejakAudit = apps.get_model("capaian", "JejakAudit")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # SQLite rebuilt the table to add the columns, dropping its triggers with it.
        schema_editor.execute("DROP TRIGGER IF EXISTS capaian_jejak_audit_append_only")
    if not JejakAudit.objects.exists():
        if vendor == "sqlite":
            schema_editor.execute(SQLITE_TRIGGER)
        return
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE capaian_jejakaudit DISABLE TRIGGER capaian_jejak_audit_append_only"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS capaian_jejak_audit_append_only")
    kepala: dict[int, str] = {}
    ubah = []
    for e in JejakAudit.objects.order_by("organisasi_id", "pk").values("id", *rantai.KOLOM):
        sebelum = kepala.get(e["organisasi_id"], "")
        kepala[e["organisasi_id"]] = h = rantai.hash_entri(sebelum, e)
        ubah.append(JejakAudit(pk=e["id"], hash_sebelum=sebelum, hash=h))
    JejakAudit.objects.bulk_update(ubah, ["hash_sebelum", "hash"], batch_size=1000)
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE capaian_jejakaudit ENABLE TRIGGER capaian_jejak_audit_append_only"
        )
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("capaian", "0006_hasil_bulan_tersimpan")]

    operations = [
        migrations.AlterField(
            model_name="jejakaudit",
            name="aksi",
            field=models.CharField(
                choices=[
                    ("buat", "Buat"),
                    ("ubah", "Ubah"),
                    ("hapus", "Hapus"),
                    ("ajukan", "Ajukan"),
                    ("kembalikan", "Kembalikan"),
                    ("setujui", "Setujui"),
                    ("buka", "Buka kembali"),
                    ("impor", "Impor buku kerja"),
                ],
                max_length=20,
                verbose_name="aksi",
            ),
        ),
        migrations.AddField(
            model_name="jejakaudit",
            name="objek",
            field=models.CharField(blank=True, db_index=True, max_length=120, verbose_name="objek"),
        ),
        migrations.AddField(
            model_name="jejakaudit",
            name="hash",
            field=models.CharField(blank=True, max_length=64, verbose_name="hash"),
        ),
        migrations.AddField(
            model_name="jejakaudit",
            name="hash_sebelum",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="hash entri sebelumnya"
            ),
        ),
        migrations.RunPython(rantaikan, migrations.RunPython.noop),
    ]
