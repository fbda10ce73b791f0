"""Organisasi and Bidang moved from indikator to the organisasi app (organisasi 0001): the
foreign keys follow in Django's state only. The database keeps its tables, columns and
constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('laporan', '0002_kunci_bulan_trigger'),
        ('organisasi', '0001_awal_pindah_dari_indikator'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='konfigurasitandatangan',
                    name='organisasi',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='konfigurasi_ttd', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.AlterField(
                    model_name='kuncibulan',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.AlterField(
                    model_name='laporantertanda',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='laporan_tertanda', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
            ],
        ),
    ]
