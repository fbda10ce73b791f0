"""Organisasi and Bidang moved from indikator to the organisasi app (organisasi 0001): the
foreign keys follow in Django's state only. The database keeps its tables, columns and
constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('capaian', '0004_pengajuan_disetujui'),
        ('organisasi', '0001_awal_pindah_dari_indikator'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='jejakaudit',
                    name='bidang',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisasi.bidang', verbose_name='bidang'),
                ),
                migrations.AlterField(
                    model_name='jejakaudit',
                    name='organisasi',
                    field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.AlterField(
                    model_name='pengajuanbulan',
                    name='bidang',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pengajuan', to='organisasi.bidang', verbose_name='bidang'),
                ),
            ],
        ),
    ]
