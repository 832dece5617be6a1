"""What is due, and for whom: the follow-up hook every domain app can declare.

Follow-up (the ``followup`` app) turns what is due into tasks, yet it must not know every app's
rules. Each app that has something that must not be forgotten — a plan's review, a consent
running out, an overdue referral, an IPS period's review — declares in its AppConfig
``followup_sources``: dotted paths to functions ``(today) -> Iterable[Due]``. The follow-up job
collects them (``sources()``), opens a task for each new ``Due`` and closes the open task whose
``Due`` is no longer there: a task is done by doing the thing, which makes it no longer due.

A ``Due`` carries no personal data: its ``title`` is a fixed sentence ("Suunnitelman arviointi
erääntyy"), its ``url`` an id-only link; the client is only an id, for the access policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.apps import apps
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Due:
    """One thing someone must do by a date."""

    kind: str  # stable, e.g. "plan_review" — with ``key``, one open task at a time
    key: str  # what it is about, e.g. "plan:12"
    owner_id: int  # the user who must act
    due: dt.date
    title: StrOrPromise  # a fixed sentence without personal data
    url: str  # where it is done; ids only
    client_id: int | None = None


Source = Callable[[dt.date], Iterable[Due]]


@cache
def sources() -> tuple[tuple[str, Source], ...]:
    """Every follow-up source the installed apps declare, in app order, with its dotted path."""
    found: list[tuple[str, Source]] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "followup_sources", ()):
            found.append((path, import_string(path)))
    return tuple(found)
