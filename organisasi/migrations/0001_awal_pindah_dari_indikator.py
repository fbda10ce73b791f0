"""Organisasi and Bidang move here from indikator, whose migration 0001 made their tables.

State only: the tables keep their names (``db_table``), rows, sequences and constraints,
and every foreign key keeps pointing at them. The content types follow, so permissions
granted on them (``view_organisasi`` ...) and admin history stay attached."""

import django.db.models.deletion
from django.db import migrations, models


MODEL = ("organisasi", "bidang")


def _pindah(apps, dari: str, ke: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODEL:
        # The old content type, which permissions and admin history point at, wins over an
        # empty one made for the new label.
        lama = ContentType.objects.filter(app_label=dari, model=model).first()
        if lama is None:
            continue
        ContentType.objects.filter(app_label=ke, model=model).delete()
        lama.app_label = ke
        lama.save(update_fields=["app_label"])


def pindah_tipe_konten(apps, schema_editor) -> None:
    _pindah(apps, "indikator", "organisasi")


def kembalikan_tipe_konten(apps, schema_editor) -> None:
    _pindah(apps, "organisasi", "indikator")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('indikator', '0002_organisasi_target_band'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Organisasi',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=60, unique=True, verbose_name='slug')),
                        ('nama', models.CharField(help_text='Mis. Dinas Sosial Kota Palangka Raya', max_length=200, verbose_name='nama dinas')),
                        ('pemerintah', models.CharField(blank=True, help_text='Mis. Pemerintah Kota Palangka Raya', max_length=200, verbose_name='pemerintah')),
                        ('dinas', models.CharField(blank=True, help_text='Mis. Dinas Sosial', max_length=200, verbose_name='nama dinas pada kop')),
                        ('alamat', models.CharField(blank=True, max_length=300, verbose_name='alamat')),
                        ('telepon', models.CharField(blank=True, max_length=60, verbose_name='telepon')),
                        ('laman', models.CharField(blank=True, max_length=200, verbose_name='laman')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='pos-el')),
                        ('logo', models.FileField(blank=True, upload_to='logo/', verbose_name='logo')),
                        ('kota', models.CharField(blank=True, max_length=100, verbose_name='kota penandatanganan')),
                        ('kepala_nama', models.CharField(blank=True, max_length=200, verbose_name='nama Kepala Dinas')),
                        ('kepala_pangkat', models.CharField(blank=True, max_length=120, verbose_name='pangkat/golongan Kepala Dinas')),
                        ('kepala_nip', models.CharField(blank=True, max_length=30, verbose_name='NIP Kepala Dinas')),
                        ('target_bawah', models.DecimalField(decimal_places=2, default=90, max_digits=7, verbose_name='target capaian tahunan, batas bawah (%)')),
                        ('target_atas', models.DecimalField(decimal_places=2, default=100, max_digits=7, verbose_name='target capaian tahunan, batas atas (%)')),
                    ],
                    options={
                        'verbose_name': 'organisasi',
                        'verbose_name_plural': 'organisasi',
                        'db_table': 'indikator_organisasi',
                        'ordering': ['nama'],
                    },
                ),
                migrations.CreateModel(
                    name='Bidang',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nama', models.CharField(max_length=200, verbose_name='nama bidang')),
                        ('slug', models.SlugField(max_length=200, verbose_name='slug')),
                        ('organisasi', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bidang', to='organisasi.organisasi', verbose_name='organisasi')),
                    ],
                    options={
                        'verbose_name': 'bidang',
                        'verbose_name_plural': 'bidang',
                        'db_table': 'indikator_bidang',
                        'ordering': ['organisasi', 'nama'],
                        'constraints': [models.UniqueConstraint(fields=('organisasi', 'slug'), name='bidang_unik_per_organisasi')],
                    },
                ),
            ],
        ),
        migrations.RunPython(pindah_tipe_konten, kembalikan_tipe_konten, elidable=False),
    ]
