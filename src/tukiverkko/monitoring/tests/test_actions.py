"""monitoring.actions.record_read: the manager's read is one event, no client; nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tukiverkko.accounts.models import Role
from tukiverkko.audit.events import EventType
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.monitoring.actions import record_read
from tukiverkko.monitoring.forms import Filters

pytestmark = pytest.mark.django_db

FILTERS = Filters(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), grouping="region")


def test_the_manager_s_read_is_one_event_with_the_filters():
    # given a manager, when their read is recorded
    manager = a_professional(role=Role.MANAGER)
    event = record_read(by=manager, filters=FILTERS, fmt="csv")
    # then one event of its kind, no client, the filters in ref
    assert EventLogEntry.objects.filter(event=EventType.MONITORING_READ).count() == 1
    assert event.client_id is None
    assert event.ref == "csv;2026-01-01..2026-06-30;by=region"


def test_another_role_s_read_is_refused_and_not_logged():
    # given a coordinator, when their read would be recorded, then refused, nothing written
    with pytest.raises(PermissionDenied):
        record_read(
            by=a_professional(role=Role.WORK_ABILITY_COORDINATOR), filters=FILTERS, fmt="page"
        )
    assert not EventLogEntry.objects.filter(event=EventType.MONITORING_READ).exists()


def test_an_unknown_format_is_refused():
    # given a manager, when the format is neither page nor csv, then refused
    with pytest.raises(ValueError, match="unknown format"):
        record_read(by=a_professional(role=Role.MANAGER), filters=FILTERS, fmt="pdf")
