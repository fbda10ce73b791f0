"""Issue 16: several plan documents per organisasi, each of a kind (Keputusan IKU, Renstra,
IKU turunan RPJMD). Existing plans get a kind by the rule of ``rencana.models.jenis_bawaan``
(a one-year plan is an IKU decree, a longer one a Renstra), so no row becomes invalid: the
old constraint allowed one plan per organisasi and first year, the new one allows one per
organisasi, kind and first year."""

from django.db import migrations, models
from django.db.models import F


def beri_jenis(apps, schema_editor):
    Renstra = apps.get_model("rencana", "Renstra")
    Renstra.objects.filter(tahun_awal=F("tahun_akhir")).update(jenis="iku")


def kembalikan(apps, schema_editor):
    pass  # the field is dropped on the way back


class Migration(migrations.Migration):

    dependencies = [
        ('rencana', '0003_organisasi_pindah'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='renstra',
            name='renstra_unik_per_tahun_awal',
        ),
        migrations.AddField(
            model_name='renstra',
            name='jenis',
            field=models.CharField(choices=[('iku', 'Keputusan IKU'), ('renstra', 'Renstra'), ('rpjmd', 'IKU turunan RPJMD')], default='renstra', help_text='Dokumen sejenis tidak boleh bertumpang tindih periodenya; jenis berbeda boleh (mis. Keputusan IKU 2025 di samping Renstra 2025-2029).', max_length=10, verbose_name='jenis dokumen'),
        ),
        migrations.RunPython(beri_jenis, kembalikan),
        migrations.AddConstraint(
            model_name='renstra',
            constraint=models.UniqueConstraint(fields=('organisasi', 'jenis', 'tahun_awal'), name='renstra_unik_per_jenis_awal'),
        ),
        migrations.AddConstraint(
            model_name='renstra',
            constraint=models.CheckConstraint(condition=models.Q(('jenis__in', ['iku', 'renstra', 'rpjmd'])), name='renstra_jenis_sah'),
        ),
    ]
