"""Quarterly evaluation (issue 15): analysis per indicator per quarter and supporting
evidence (bukti dukung). Sits above the plan (rencana)."""

from django.db import models  # noqa: F401
