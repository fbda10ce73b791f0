"""Login keeps strong hashing (issue 14): Argon2id for new passwords; a PBKDF2 hash made
before verifies and is upgraded to Argon2 at the next login."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from dinsos_kinerja import settings as proyek

pytestmark = pytest.mark.django_db


@override_settings(PASSWORD_HASHERS=proyek.PASSWORD_HASHERS)
def test_new_passwords_use_argon2_and_old_pbkdf2_ones_are_upgraded_at_login():
    assert make_password("Sandi-Uji-2025").startswith("argon2$argon2id$")
    lama = make_password("Sandi-Uji-2025", hasher="pbkdf2_sha256")
    User.objects.create(username="lama", password=lama)
    response = Client().post(reverse("masuk"), {"username": "lama", "password": "Sandi-Uji-2025"})
    assert response.status_code == 302
    assert User.objects.get(username="lama").password.startswith("argon2$")
