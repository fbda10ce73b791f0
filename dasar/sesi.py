"""How long the session of a request still has (issue 16), so that a page can warn before it
ends instead of losing a save to the login page.

Django's database session expires ``SESSION_COOKIE_AGE`` after it was last *saved* (login,
and any request that changes it), not after the last request: ``SESSION_SAVE_EVERY_REQUEST``
is off. The stored row knows the moment (``expire_date``) but Django reads it and forgets it.
``SessionStore`` here is the database store that keeps it from the row it loads anyway, so
``sisa_detik`` costs no query. ``SESSION_ENGINE = "dasar.sesi"``; the table and the rows are
Django's own.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.sessions.backends import db
from django.http import HttpRequest
from django.utils import timezone


class SessionStore(db.SessionStore):
    """The database session store that remembers its row's ``expire_date``."""

    berakhir_tersimpan: datetime | None = None

    def _get_session_from_db(self):
        sesi = super()._get_session_from_db()
        self.berakhir_tersimpan = sesi.expire_date if sesi is not None else None
        return sesi


def sisa_detik(request: HttpRequest) -> int | None:
    """Seconds until the logged-in user's session ends; None for a visitor not logged in.

    A session this request changes (or every session, with ``SESSION_SAVE_EVERY_REQUEST``)
    is saved at the end of the request and then lasts its full age; otherwise it ends when its
    stored row says. A store that does not say (another engine) answers the full age: at most
    that, never later than the truth by more than the time since its last save.
    """
    if not request.user.is_authenticated:
        return None
    sesi = request.session
    berakhir = getattr(sesi, "berakhir_tersimpan", None)
    if settings.SESSION_SAVE_EVERY_REQUEST or sesi.modified or berakhir is None:
        return sesi.get_expiry_age()
    return max(0, int((berakhir - timezone.now()).total_seconds()))
