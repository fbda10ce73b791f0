"""Resetting a forgotten password by e-mail (issue 13), with Django's own views and token:
Indonesian pages and message, a limit per address and per e-mail, and the account's login
lock lifted once the new password is set. The reply never says whether an address has an
account."""

from django.contrib.auth import views as auth
from django.http import HttpResponse
from django.urls import reverse_lazy

from akun.batas import alamat, izinkan, kunci_rahasia, sisa_menit
from akun.forms import FormAturSandi, FormLupaSandi
from akun.models import KunciMasuk

BATAS_ALAMAT = 5  # requests per address per hour
BATAS_EMAIL = 3  # messages per e-mail address per hour
JENDELA = 60 * 60


class LupaSandi(auth.PasswordResetView):
    form_class = FormLupaSandi
    template_name = "akun/sandi_lupa.html"
    email_template_name = "akun/email_sandi.txt"
    subject_template_name = "akun/email_sandi_subjek.txt"
    success_url = reverse_lazy("sandi_terkirim")

    def form_valid(self, form) -> HttpResponse:
        kunci_alamat = f"sandi:alamat:{alamat(self.request)}"
        kunci_email = f"sandi:email:{kunci_rahasia(form.cleaned_data['email'])}"
        for kunci, batas in ((kunci_alamat, BATAS_ALAMAT), (kunci_email, BATAS_EMAIL)):
            if not izinkan(kunci, batas, JENDELA):
                form.add_error(
                    None,
                    "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam "
                    f"{sisa_menit(kunci, JENDELA)} menit, atau hubungi admin dinas Anda.",
                )
                return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class SandiTerkirim(auth.PasswordResetDoneView):
    template_name = "akun/sandi_terkirim.html"


class AturSandi(auth.PasswordResetConfirmView):
    form_class = FormAturSandi
    template_name = "akun/sandi_atur.html"
    success_url = reverse_lazy("sandi_selesai")

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # A new password ends a lockout from the old one's failures.
        KunciMasuk.objects.filter(nama_pengguna__iexact=form.user.get_username()).delete()
        return response


class SandiSelesai(auth.PasswordResetCompleteView):
    template_name = "akun/sandi_selesai.html"
