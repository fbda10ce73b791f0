"""The login forms (ours and the Django admin's, one lockout between them) and the Anggota
form of the admin."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from akun.models import Anggota, Peran
from akun.services import AkunTerkunci, autentikasi, pesan_terkunci
from dasar.formulir import daftarkan_pilihan
from organisasi.models import Bidang, label_bidang


class _DenganKunciMasuk:
    """Authenticates through ``akun.services.autentikasi``: a locked account is refused with
    its own message, even with the right password."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = autentikasi(self.request, nama_pengguna=username, sandi=password)
            except AkunTerkunci as terkunci:
                raise ValidationError(pesan_terkunci(terkunci.sampai), code="terkunci") from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class FormMasuk(_DenganKunciMasuk, AuthenticationForm):
    error_messages = {
        # Inactive accounts fail authentication like a wrong password: nothing tells them apart.
        "invalid_login": "Nama pengguna atau kata sandi salah.",
        "inactive": "Nama pengguna atau kata sandi salah.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = "Isi nama pengguna."
        self.fields["password"].label = "Kata sandi"
        self.fields["password"].error_messages["required"] = "Isi kata sandi."


class FormMasukAdmin(_DenganKunciMasuk, AdminAuthenticationForm):
    """``admin.site.login_form``: the admin's login shares the lockout."""


class AnggotaForm(forms.ModelForm):
    class Meta:
        model = Anggota
        fields = ["organisasi", "peran", "bidang", "jabatan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "bidang" in self.fields:
            field = self.fields["bidang"]
            field.queryset = Bidang.objects.select_related("organisasi").order_by(
                "organisasi__nama", "nama"
            )
            field.label_from_instance = label_bidang

    def clean(self):
        data = super().clean()
        organisasi = data.get("organisasi")
        peran = data.get("peran")
        bidang = list(data.get("bidang") or [])
        if organisasi is None or peran is None:
            return data
        lain = [b.nama for b in bidang if b.organisasi_id != organisasi.pk]
        if lain:
            self.add_error(
                "bidang",
                f"Bidang {', '.join(lain)} bukan milik {organisasi.nama}; "
                "pilih bidang dari organisasi anggota ini.",
            )
        if peran == Peran.STAF and not bidang:
            self.add_error("bidang", "Staf Bidang harus memiliki sedikitnya satu bidang.")
        if peran != Peran.STAF and bidang:
            self.add_error(
                "bidang",
                "Bidang hanya diisi untuk Staf Bidang; peran lain melihat semua bidang. "
                "Kosongkan pilihan bidang.",
            )
        return data


# Choices of a bidang name its organisasi (dasar.formulir.PILIHAN).
daftarkan_pilihan(Bidang, label_bidang, ("organisasi",))


class FormLupaSandi(PasswordResetForm):
    email = forms.EmailField(
        label="Alamat surel akun Anda",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Isi alamat surel akun Anda.",
            "invalid": "Alamat surel tidak sah; contoh: nama@dinsos.example.go.id.",
        },
    )


class FormAturSandi(SetPasswordForm):
    """Django's own checks (length, common, numeric, similar to the account), in Indonesian."""
