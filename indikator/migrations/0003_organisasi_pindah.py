"""Organisasi and Bidang now live in the organisasi app (organisasi 0001), the floor every app
stands on. State only: their tables (indikator_organisasi, indikator_bidang) stay, and so do
the foreign keys of program and rumus."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisasi', '0001_awal_pindah_dari_indikator'),
        ('indikator', '0002_organisasi_target_band'),
        ('akun', '0002_organisasi_pindah'),
        ('capaian', '0005_organisasi_pindah'),
        ('laporan', '0003_organisasi_pindah'),
        ('rencana', '0003_organisasi_pindah'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='bidang',
                    name='organisasi',
                ),
                migrations.AlterField(
                    model_name='rumus',
                    name='bidang',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rumus', to='organisasi.bidang', verbose_name='bidang'),
                ),
                migrations.AlterField(
                    model_name='rumus',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rumus', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.AlterField(
                    model_name='program',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='program', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.DeleteModel(
                    name='Bidang',
                ),
                migrations.DeleteModel(
                    name='Organisasi',
                ),
            ],
        ),
    ]
