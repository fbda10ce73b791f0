"""Perjanjian Kinerja (issue 15): the year's performance agreement per position, drawn
from the plan (rencana), signed like the monthly report."""

from django.db import models  # noqa: F401
