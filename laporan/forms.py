"""The Kepala Dinas's forms on the report page: approve (and sign), reopen."""

from django import forms
from django.utils import timezone


class SetujuiForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal laporan (dicetak di atas tanda tangan)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": "Isi tanggal laporan.",
            "invalid": "Tanggal laporan tidak dikenali; tulis seperti 15/04/2025.",
        },
    )
    konfirmasi = forms.BooleanField(
        label="Saya telah memeriksa laporan ini dan menyetujuinya untuk ditandatangani secara "
        "elektronik.",
        error_messages={"required": "Centang pernyataan persetujuan lebih dulu."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"tanggal": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def argumen(self) -> dict:
        """The keyword arguments of ``services.setujui_bulan`` this form supplies."""
        return {"tanggal": self.cleaned_data["tanggal"]}


class BukaForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Tulis alasan membuka kembali bulan ini; alasan dicatat di jejak audit.",
            "max_length": "Alasan paling banyak %(limit_value)d karakter.",
        },
    )

    def argumen(self) -> dict:
        """The keyword arguments of ``services.buka_kembali`` this form supplies."""
        return {"alasan": self.cleaned_data["alasan"]}
