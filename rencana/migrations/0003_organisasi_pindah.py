"""Organisasi and Bidang moved from indikator to the organisasi app (organisasi 0001): the
foreign keys follow in Django's state only. The database keeps its tables, columns and
constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisasi', '0001_awal_pindah_dari_indikator'),
        ('rencana', '0002_warna_pita'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='indikatorrencana',
                    name='bidang',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='indikator_rencana', to='organisasi.bidang', verbose_name='bidang penanggung jawab'),
                ),
                migrations.AlterField(
                    model_name='pita',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pita', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
                migrations.AlterField(
                    model_name='renstra',
                    name='organisasi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renstra', to='organisasi.organisasi', verbose_name='organisasi'),
                ),
            ],
        ),
    ]
