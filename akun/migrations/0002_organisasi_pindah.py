"""Organisasi and Bidang moved from indikator to the organisasi app (organisasi 0001): the
foreign keys follow in Django's state only. The database keeps its tables, columns and
constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('akun', '0001_anggota_kunci_sesi'),
        ('organisasi', '0001_awal_pindah_dari_indikator'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='anggota',
                    name='bidang',
                    field=models.ManyToManyField(blank=True, help_text='Untuk Staf Bidang: bidang yang barisnya ia isi.', related_name='staf', to='organisasi.bidang', verbose_name='bidang'),
                ),
                migrations.AlterField(
                    model_name='anggota',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='anggota', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
            ],
        ),
    ]
