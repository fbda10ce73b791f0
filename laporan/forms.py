"""The Kepala Dinas's forms on the report page: approve (and sign), reopen."""

from datetime import date

from django import forms
from django.utils import timezone

# The day of the following month a monthly report is commonly dated (the usual deadline).
HARI_LAPORAN = 10


def tanggal_bawaan(tahun: int | None, bulan: int | None, hari_ini: date | None = None) -> date:
    """The date offered above the signature: today while the report month or the month after
    it runs; later than that (a month approved long afterwards, or again after reopening), the
    10th of the month after the report month, which the Kepala Dinas may change."""
    hari_ini = hari_ini or timezone.localdate()
    if tahun is None or bulan is None:
        return hari_ini
    berikut = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    akhir_berikut = date(berikut.year + (berikut.month == 12), berikut.month % 12 + 1, 1)
    if hari_ini < akhir_berikut:
        return hari_ini
    return berikut.replace(day=HARI_LAPORAN)


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

    def __init__(self, *args, tahun: int | None = None, bulan: int | None = None, **kwargs):
        kwargs.setdefault("initial", {"tanggal": tanggal_bawaan(tahun, bulan)})
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
