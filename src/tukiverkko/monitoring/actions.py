"""The one thing monitoring writes: the audit event of a dashboard read (decision 0350).

A dashboard shows aggregates, no client: its read is not a read of any client's data (it names
none, and no client's "who looked at my data" lists it), but it is logged all the same — one
``MONITORING_READ`` event a read, of the page or of its CSV, with the filters in ``ref``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import reads_monitoring
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.monitoring.forms import Filters

FORMATS = ("page", "csv")


def record_read(*, by: Professional, filters: Filters, fmt: str) -> EventLogEntry:
    """Log that ``by`` read the dashboard under ``filters`` as ``fmt`` (page or csv)."""
    if not reads_monitoring(by):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return record_event(by, None, EventType.MONITORING_READ, f"{fmt};{filters.describe()}")
