"""A team's meeting rhythm as an RFC 5545 RRULE (python-dateutil, decision 0311).

The rule is read in Helsinki time: a team that meets on Tuesdays at 13.00 meets at 13.00 in
summer and in winter. Only weekly and monthly rules are taken — the seeds' rhythms are 1×/week,
every 2–4 weeks and 1×/month — and a rule must not end before it starts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from tukiverkko.teams.models import MeetingSeries

# The rhythms the seeds name, offered on the form (the API takes any weekly or monthly RRULE).
PRESETS = {
    "FREQ=WEEKLY": gettext_lazy("joka viikko"),
    "FREQ=WEEKLY;INTERVAL=2": gettext_lazy("joka toinen viikko"),
    "FREQ=WEEKLY;INTERVAL=3": gettext_lazy("joka kolmas viikko"),
    "FREQ=WEEKLY;INTERVAL=4": gettext_lazy("joka neljäs viikko"),
    "FREQ=MONTHLY": gettext_lazy("kerran kuukaudessa"),
}


def normalised(text: str) -> str:
    text = text.strip().upper()
    return text.removeprefix("RRULE:")


def _rule(text: str, first: dt.datetime) -> rrule:
    parsed = rrulestr(normalised(text), dtstart=timezone.localtime(first))
    if not isinstance(parsed, rrule):  # rule_error let only one rule in
        raise ValueError(text)
    return parsed


def rule_error(text: str) -> str:
    """Why ``text`` is not a rule this product takes ("" when it is)."""
    body = normalised(text)
    if not body:
        return _("Anna kokousten toistuvuus.")
    if "DTSTART" in body or "\n" in body:
        return _("Anna vain toistosääntö (RRULE) ilman alkamisaikaa.")
    try:
        parsed = rrulestr(body, dtstart=dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC))
    except (ValueError, TypeError):
        return _("Toistosääntö ei ole RFC 5545 -muotoinen (esim. FREQ=WEEKLY;INTERVAL=2).")
    if not isinstance(parsed, rrule) or getattr(parsed, "_freq", None) not in (WEEKLY, MONTHLY):
        return _("Kokoukset toistuvat viikoittain tai kuukausittain (FREQ=WEEKLY tai MONTHLY).")
    return ""


def occurrences(series: MeetingSeries, after: dt.datetime, count: int = 6) -> list[dt.datetime]:
    """The next ``count`` starts of ``series`` at or after ``after`` (none past its end)."""
    rule = _rule(series.rrule, series.first_starts_at)
    found: list[dt.datetime] = []
    at = timezone.localtime(after)
    for start in rule.xafter(at, count=count, inc=True):
        if series.ended_on is not None and start.date() > series.ended_on:
            break
        found.append(start)
    return found


def is_occurrence(series: MeetingSeries, starts_at: dt.datetime) -> bool:
    at = timezone.localtime(starts_at)
    if series.ended_on is not None and at.date() > series.ended_on:
        return False
    rule = _rule(series.rrule, series.first_starts_at)
    return bool(rule.between(at - dt.timedelta(seconds=1), at + dt.timedelta(seconds=1), inc=True))


def describe(text: str) -> str:
    body = normalised(text)
    return str(PRESETS.get(body, body))
