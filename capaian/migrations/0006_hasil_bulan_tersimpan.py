"""Stored month results (issue 12) and the counts that keep them honest.

Triggers, on every path a write can take (forms, admin, imports, ``update()``, raw SQL), count
each change of a month's inputs in ``capaian_versimasukan`` in the same transaction:

- a realisasi row inserted, changed or deleted: its organisasi-month (for an UPDATE, the old
  and the new month);
- a program, indikator or rumus inserted, changed or deleted: its organisasi-year (bulan 0).

A stored ``capaian_hasilbulan`` row carries the two counts it was computed from; readers
(``capaian.hasil``) take it only while both still hold, so a stored result is never read
stale, even when a write commits while a reader computes.
"""

import django.db.models.deletion
from django.db import migrations, models


# (table, how its row names the organisasi and year, which month or 0 for the whole year)
SUMBER = {
    "capaian_realisasi": (
        "(SELECT organisasi_id FROM indikator_rumus WHERE id = {r}.rumus_id)",
        "{r}.tahun",
        "{r}.bulan",
    ),
    "indikator_rumus": ("{r}.organisasi_id", "{r}.tahun", "0"),
    "indikator_program": ("{r}.organisasi_id", "{r}.tahun", "0"),
    "indikator_indikator": (
        "(SELECT organisasi_id FROM indikator_program WHERE id = {r}.program_id)",
        "(SELECT tahun FROM indikator_program WHERE id = {r}.program_id)",
        "0",
    ),
}

PG_NAIK = """
CREATE FUNCTION capaian_versi_naik(org bigint, th integer, bl integer) RETURNS void AS $$
BEGIN
    IF org IS NULL OR th IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO capaian_versimasukan (organisasi_id, tahun, bulan, versi)
    VALUES (org, th, bl, 1)
    ON CONFLICT (organisasi_id, tahun, bulan)
    DO UPDATE SET versi = capaian_versimasukan.versi + 1;
END;
$$ LANGUAGE plpgsql;
"""


def _pg(tabel: str) -> str:
    org, tahun, bulan = SUMBER[tabel]
    lama = ", ".join(x.format(r="OLD") for x in (org, tahun, bulan))
    baru = ", ".join(x.format(r="NEW") for x in (org, tahun, bulan))
    return f"""
CREATE FUNCTION {tabel}_versi() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM capaian_versi_naik({lama});
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM capaian_versi_naik({baru});
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {tabel}_versi AFTER INSERT OR UPDATE OR DELETE ON {tabel}
    FOR EACH ROW EXECUTE FUNCTION {tabel}_versi();
"""


def _sqlite_naik(org: str, tahun: str, bulan: str) -> str:
    return f"""
    INSERT OR IGNORE INTO capaian_versimasukan (organisasi_id, tahun, bulan, versi)
        SELECT {org}, {tahun}, {bulan}, 0 WHERE {org} IS NOT NULL AND {tahun} IS NOT NULL;
    UPDATE capaian_versimasukan SET versi = versi + 1
        WHERE organisasi_id = {org} AND tahun = {tahun} AND bulan = {bulan};"""


def _sqlite(tabel: str) -> list[str]:
    org, tahun, bulan = SUMBER[tabel]
    hasil = []
    for aksi, baris in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        isi = "".join(_sqlite_naik(*(x.format(r=r) for x in (org, tahun, bulan))) for r in baris)
        hasil.append(
            f"CREATE TRIGGER {tabel}_versi_{aksi.lower()} AFTER {aksi} ON {tabel}\n"
            f"BEGIN{isi}\nEND;"
        )
    return hasil


def maju(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_NAIK)
        for tabel in SUMBER:
            schema_editor.execute(_pg(tabel))
    elif vendor == "sqlite":
        for tabel in SUMBER:
            for perintah in _sqlite(tabel):
                schema_editor.execute(perintah)


def mundur(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for tabel in SUMBER:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_versi ON {tabel}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {tabel}_versi()")
        elif vendor == "sqlite":
            for aksi in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_versi_{aksi}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS capaian_versi_naik(bigint, integer, integer)")


class Migration(migrations.Migration):

    dependencies = [
        ('capaian', '0005_organisasi_pindah'),
        ('indikator', '0003_organisasi_pindah'),
        ('organisasi', '0001_awal_pindah_dari_indikator'),
    ]

    operations = [
        migrations.CreateModel(
            name='HasilBulan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(verbose_name='tahun')),
                ('bulan', models.PositiveSmallIntegerField(verbose_name='bulan')),
                ('versi_definisi', models.BigIntegerField()),
                ('versi_bulan', models.BigIntegerField()),
                ('total', models.TextField(blank=True)),
                ('program', models.JSONField(default=dict)),
                ('indikator', models.JSONField(default=dict)),
                ('dihitung_pada', models.DateTimeField(auto_now=True)),
                ('organisasi', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisasi.organisasi')),
            ],
            options={
                'verbose_name': 'hasil bulan tersimpan',
                'verbose_name_plural': 'hasil bulan tersimpan',
                'constraints': [models.UniqueConstraint(fields=('organisasi', 'tahun', 'bulan'), name='hasil_bulan_unik'), models.CheckConstraint(condition=models.Q(('bulan__gte', 1), ('bulan__lte', 12)), name='hasil_bulan_1_12')],
            },
        ),
        migrations.CreateModel(
            name='VersiMasukan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(verbose_name='tahun')),
                ('bulan', models.PositiveSmallIntegerField(help_text='0 = definisi tahun itu', verbose_name='bulan')),
                ('versi', models.BigIntegerField(default=0, verbose_name='versi')),
                ('organisasi', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisasi.organisasi')),
            ],
            options={
                'verbose_name': 'versi masukan',
                'verbose_name_plural': 'versi masukan',
                'constraints': [models.UniqueConstraint(fields=('organisasi', 'tahun', 'bulan'), name='versi_masukan_unik')],
            },
        ),
        migrations.RunPython(maju, mundur),
    ]
