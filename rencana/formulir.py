"""Forms of the Rencana Aksi pages (issue 15): an action line (the admin's, every field; the
bidang staf's, the realisasi fields only). Amounts are typed the Indonesian way
(``19.639.000``) through ``dasar.formulir.AngkaField``."""

from django import forms

from dasar.formulir import AngkaField
from organisasi.models import Bidang
from rencana.models import AksiRencana, IndikatorRencana, Renstra

FIELD_ADMIN = [
    "nomor", "permasalahan", "sasaran", "indikator_teks", "indikator", "target", "rencana_aksi",
    "kegiatan", "output", "indikator_output", "tw1", "tw2", "tw3", "tw4", "total", "anggaran",
    "realisasi", "realisasi_anggaran", "tautan_bukti", "bidang", "unit",
]  # fmt: skip
# What the staf of the line's bidang may change: what was done, spent, and its evidence.
FIELD_REALISASI = ["realisasi", "realisasi_anggaran", "tautan_bukti"]

TEKS_PENDEK = {"rows": 2}


class _AksiForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tautan_bukti = forms.URLField(
        label="Tautan bukti",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=AksiRencana._meta.get_field("tautan_bukti").help_text,
    )

    class Meta:
        model = AksiRencana
        fields = FIELD_ADMIN
        field_classes = {"anggaran": AngkaField, "realisasi_anggaran": AngkaField}
        widgets = {
            nama: forms.Textarea(attrs=TEKS_PENDEK)
            for nama in ("permasalahan", "sasaran", "indikator_teks", "rencana_aksi", "kegiatan",
                         "indikator_output", "realisasi")
        }  # fmt: skip

    def clean_anggaran(self):
        return _tidak_negatif(self.cleaned_data.get("anggaran"))

    def clean_realisasi_anggaran(self):
        return _tidak_negatif(self.cleaned_data.get("realisasi_anggaran"))


def _tidak_negatif(nilai):
    if nilai is not None and nilai < 0:
        raise forms.ValidationError("Tidak boleh negatif.")
    return nilai


class AksiAdminForm(_AksiForm):
    def __init__(self, *args, renstra: Renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = IndikatorRencana.objects.filter(
            renstra=renstra
        ).order_by("urutan", "kode")
        self.fields["indikator"].label_from_instance = lambda i: f"{i.kode} {i.nama[:80]}"
        self.fields["bidang"].queryset = Bidang.objects.filter(
            organisasi_id=renstra.organisasi_id
        ).order_by("nama")
        self.fields["nomor"].required = False
        self.fields["nomor"].help_text = "Kosongkan untuk nomor berikutnya."


class AksiRealisasiForm(_AksiForm):
    class Meta(_AksiForm.Meta):
        fields = FIELD_REALISASI
