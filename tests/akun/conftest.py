import pytest


@pytest.fixture(autouse=True)
def sandi_cepat(settings):
    """Lockout tests try many passwords; the production hasher would take seconds each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
