"""Template context for every page: the signed-in user's unread notification count, read
only when a template asks for it (one COUNT query, on pages that show the navigation)."""

from functools import cache

from django.http import HttpRequest


def notifikasi(request: HttpRequest) -> dict:
    pengguna = getattr(request, "user", None)
    if pengguna is None or not pengguna.is_authenticated:
        return {}

    @cache
    def jumlah() -> int:
        from akun.notifikasi import belum_dibaca

        return belum_dibaca(pengguna)

    return {"notifikasi_belum_dibaca": jumlah}
