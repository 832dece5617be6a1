"""How pages and downloads show a day and a list of stored choices, in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format


def day(moment: dt.date | dt.datetime | None) -> str:
    """d.m.yyyy (the language's short date); a moment is shown as the day it was in Helsinki;
    nothing for no day."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = timezone.localdate(moment)
    return date_format(moment, "SHORT_DATE_FORMAT")


def choice_labels(values: Iterable[str], choices: Any) -> list[str]:
    """The labels of stored choice values (a value no longer among the choices as it is)."""
    known = dict(choices)
    return [str(known.get(v, v)) for v in values]
