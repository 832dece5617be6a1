"""Valid on a day — written once for every dated row of the catalogue (service types, services,
organisations): it has begun (no ``valid_from``, or ``valid_from`` ≤ day) and not ended (no
``valid_to``, or day ≤ ``valid_to``). Both ends are included: a service ending 31.12.2024 is
still valid that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, TypeVar

from django.db.models import Model, Q, QuerySet


class Dated(Protocol):
    valid_from: dt.date | None
    valid_to: dt.date | None


M = TypeVar("M", bound=Model)


def has_begun(row: Dated, day: dt.date) -> bool:
    return row.valid_from is None or row.valid_from <= day


def has_ended(row: Dated, day: dt.date) -> bool:
    return row.valid_to is not None and row.valid_to < day


def is_valid_on(row: Dated, day: dt.date) -> bool:
    return has_begun(row, day) and not has_ended(row, day)


def valid_on_q(day: dt.date) -> Q:
    """The same test as a query condition."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def valid_on(qs: QuerySet[M], day: dt.date) -> QuerySet[M]:
    return qs.filter(valid_on_q(day))
