"""The admin's forms for realisasi: one row edited by hand, and the realisasi workbook upload."""

from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from akun.admin_impor import ImporForm
from capaian import kunci
from capaian.audit import nama_pengguna
from capaian.kunci import pesan_terkunci
from capaian.models import Realisasi
from dasar.angka import nama_bulan
from dasar.formulir import AngkaField, BerkasXlsxField, PilihanBerlabelField
from indikator.models import Rumus
from organisasi.models import Organisasi

BULAN_CHOICES = [(bulan, nama_bulan(bulan)) for bulan in range(1, 13)]


class RealisasiAdminForm(forms.ModelForm):
    """Tahun is always the rumus's year, so it is derived rather than typed; the rumus
    choices name their organisasi and year. As in the import, a month that has not started
    yet is refused.

    ``versi_asal`` carries the version the page was opened with: if someone saved the row
    since (the entry page, an import), the form refuses rather than overwrite their values.
    Inside the admin's transaction the row stays locked from this check to the save.
    """

    bulan = forms.TypedChoiceField(label="Bulan", choices=BULAN_CHOICES, coerce=int)
    versi_asal = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Realisasi
        fields = ["rumus", "bulan", "pembagi", "realisasi", "keterangan"]
        field_classes = {
            "rumus": PilihanBerlabelField,
            "pembagi": AngkaField,
            "realisasi": AngkaField,
        }
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["versi_asal"].initial = self.instance.versi

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._periksa_versi(cleaned.get("versi_asal"))
        rumus = cleaned.get("rumus")
        bulan = cleaned.get("bulan")
        if rumus is None:
            return cleaned
        self.instance.tahun = rumus.tahun
        hari_ini = timezone.localdate()
        if bulan and (rumus.tahun, bulan) > (hari_ini.year, hari_ini.month):
            self.add_error(
                "bulan",
                f"{nama_bulan(bulan)} {rumus.tahun} belum berjalan; realisasi hanya untuk bulan "
                "yang sudah berjalan.",
            )
        elif bulan and (terkunci := self._bulan_terkunci(rumus, bulan)):
            self.add_error("bulan", pesan_terkunci(*terkunci))
        elif bulan and (
            Realisasi.objects.filter(rumus=rumus, tahun=rumus.tahun, bulan=bulan)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "bulan",
                f"Realisasi {rumus.kode} untuk {nama_bulan(bulan)} {rumus.tahun} sudah ada.",
            )
        return cleaned

    def _bulan_terkunci(self, rumus: Rumus, bulan: int) -> tuple[int, int] | None:
        """The approved month this form would write into or move the row out of, if any
        (the database trigger refuses it anyway; this says so in words)."""
        bulan_ini = [(rumus.organisasi_id, rumus.tahun, bulan)]
        if self.instance.pk is not None:
            lama = Realisasi.objects.filter(pk=self.instance.pk).select_related("rumus").first()
            if lama is not None:
                bulan_ini.append((lama.rumus.organisasi_id, lama.tahun, lama.bulan))
        for org, tahun, b in bulan_ini:
            if kunci.terkunci(org, tahun, b):
                return tahun, b
        return None

    def _periksa_versi(self, asal: int | None) -> None:
        if self.instance.pk is None or asal is None:
            return
        tersimpan = Realisasi.objects.filter(pk=self.instance.pk).select_related("diisi_oleh")
        if transaction.get_connection().in_atomic_block:
            tersimpan = tersimpan.select_for_update(of=("self",))
        kini = tersimpan.first()
        if kini is None or kini.versi == asal:
            return
        waktu = date_format(timezone.localtime(kini.diubah_pada), "j F Y, H.i")
        raise forms.ValidationError(
            f"Realisasi ini sudah diubah oleh {nama_pengguna(kini.diisi_oleh)} pada {waktu} "
            "setelah halaman ini dibuka, sehingga perubahan Anda belum disimpan. Muat ulang "
            "halaman untuk melihat nilai terbaru, lalu ulangi perubahan Anda.",
            code="versi",
        )


class ImporRealisasiForm(ImporForm):
    organisasi = forms.ModelChoiceField(label="Organisasi", queryset=Organisasi.objects.all())
    berkas = BerkasXlsxField()

    def parameter(self) -> dict[str, Any]:
        return {"organisasi": self.cleaned_data["organisasi"].pk}

    @staticmethod
    def dalam_lingkup(parameter: dict[str, Any], organisasi: Organisasi) -> bool:
        return parameter["organisasi"] == organisasi.pk

    @staticmethod
    def uraian_parameter(parameter: dict[str, Any]) -> str:
        organisasi = Organisasi.objects.filter(pk=parameter["organisasi"]).first()
        return organisasi.nama if organisasi is not None else ""
