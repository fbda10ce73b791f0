"""Settings for dinsos-kinerja, read from the environment.

Safe defaults for a local run (SQLite, DEBUG on, a development key); production sets
DATABASE_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)


DEBUG = env_bool("DEBUG", True)
_DEV_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("SECRET_KEY", _DEV_KEY if DEBUG else None)
_LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ",".join(_LOCAL_HOSTS) if DEBUG else "")
if DEBUG and set(ALLOWED_HOSTS) - set(_LOCAL_HOSTS):
    # DEBUG defaults on for a zero-setup local run; refuse to serve anything else with it, so a
    # deployment that forgets DEBUG=0 fails at start instead of leaking tracebacks and a known key.
    raise ImproperlyConfigured(
        "DEBUG aktif hanya untuk localhost. Untuk produksi set DEBUG=0 dan SECRET_KEY."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The project's floors, bottom up (docs/arsitektur.md); dasar, beneath them, is no app.
    "organisasi",
    "akun",
    "indikator",
    "capaian",
    "laporan",
    "rencana",
    "evaluasi",
    "perjanjian",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dasar.keamanan.KebijakanKeamananKonten",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dasar.keamanan.BasisDataTakTersedia",
]

ROOT_URLCONF = "dinsos_kinerja.urls"
WSGI_APPLICATION = "dinsos_kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "akun.konteks.notifikasi",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Mail (password reset; later reminders): SMTP from the environment, the console in the demo.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Dinsos Kinerja <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 60 * 60)

# Argon2id first (memory-hard; measured 152 ms wall / 188 ms CPU per login against PBKDF2's
# 228 / 224 ms on this 2-core machine: docs/benchmarks.md); PBKDF2 still verifies the
# passwords hashed before and they are re-hashed with Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploaded workbooks are read in memory up to this size; the reader refuses larger files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
WORKBOOK_MAX_BYTES = env_int("WORKBOOK_MAX_BYTES", 10 * 1024 * 1024)
WORKBOOK_MAX_ROWS = env_int("WORKBOOK_MAX_ROWS", 20_000)
# Zip-bomb guards, checked before openpyxl parses anything.
WORKBOOK_MAX_UNCOMPRESSED_BYTES = env_int("WORKBOOK_MAX_UNCOMPRESSED_BYTES", 25 * 1024 * 1024)
WORKBOOK_MAX_CELLS = env_int("WORKBOOK_MAX_CELLS", 400_000)
# Uploads waiting for the admin's "Konfirmasi impor": a directory owned by the app user, mode
# 0700 (refused otherwise). Empty = dinsos-kinerja-impor in the system's temp directory.
IMPOR_TEMP_DIR = env_str("IMPOR_TEMP_DIR", "") or None
WORKBOOK_MAX_ENTRIES = env_int("WORKBOOK_MAX_ENTRIES", 500)
# Evidence files (bukti dukung, evaluasi): the largest accepted upload. They are stored through
# the default storage (MEDIA_ROOT unless configured otherwise) and never served from MEDIA_URL.
BUKTI_MAX_BYTES = env_int("BUKTI_MAX_BYTES", 10 * 1024 * 1024)

# Signed reports. The verification QR code and text carry URL_SITUS + /verifikasi/<token>/:
# the address people reach the application at (production must set it; unset, an approval
# made on the web uses the address it was made at, and a command http://127.0.0.1:8000).
# Signing keys and their passphrase files live under TANDA_TANGAN_DIR (created 0700 by
# sertifikat_demo), never in the database; each organisasi's KonfigurasiTandaTangan names
# its files.
URL_SITUS = env_str("URL_SITUS", "").rstrip("/")
TANDA_TANGAN_DIR = Path(env_str("TANDA_TANGAN_DIR", str(BASE_DIR / "var" / "tanda-tangan")))

LOGIN_URL = "masuk"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "masuk"
# A working day; closing the browser on a shared office PC ends the session.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Django's database sessions, remembering when each ends (the entry page warns before it does).
SESSION_ENGINE = "dasar.sesi"
# Seconds before the end of a session at which the entry page offers to extend it.
SESI_PERINGATAN_DETIK = env_int("SESI_PERINGATAN_DETIK", 5 * 60)
# Login lockout per account name (never per IP: an office shares one address).
MASUK_MAKS_GAGAL = env_int("MASUK_MAKS_GAGAL", 5)
MASUK_KUNCI_MENIT = env_int("MASUK_KUNCI_MENIT", 15)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # Preloading binds the whole parent domain (often a shared *.go.id); the office decides.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
