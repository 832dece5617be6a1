import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tukiverkko.teams import calendar
from tukiverkko.teams.models import MeetingSeries

HELSINKI = ZoneInfo("Europe/Helsinki")


def _series(rule: str, first: dt.datetime, ended_on=None) -> MeetingSeries:
    return MeetingSeries(rrule=rule, first_starts_at=first, duration_minutes=30, ended_on=ended_on)


def test_a_meeting_keeps_its_helsinki_time_over_the_change_to_summer_time():
    first = dt.datetime(2027, 3, 16, 13, 0, tzinfo=HELSINKI)  # a Tuesday, winter time
    series = _series("FREQ=WEEKLY;INTERVAL=2", first)
    starts = calendar.occurrences(series, first, count=3)
    assert [s.astimezone(HELSINKI).strftime("%d.%m. %H.%M") for s in starts] == [
        "16.03. 13.00",
        "30.03. 13.00",
        "13.04. 13.00",
    ]
    assert starts[0].utcoffset() != starts[1].utcoffset()


def test_occurrences_stop_at_the_end_of_the_series():
    first = dt.datetime(2027, 1, 5, 9, 0, tzinfo=HELSINKI)
    series = _series("FREQ=WEEKLY", first, ended_on=dt.date(2027, 1, 15))
    assert len(calendar.occurrences(series, first, count=10)) == 2
    assert not calendar.is_occurrence(series, first + dt.timedelta(weeks=2))
    assert calendar.is_occurrence(series, first + dt.timedelta(weeks=1))


@pytest.mark.parametrize(
    ("rule", "ok"),
    [
        ("FREQ=WEEKLY", True),
        ("FREQ=MONTHLY;BYDAY=1TU", True),
        ("", False),
        ("FREQ=DAILY", False),
        ("FREQ=YEARLY", False),
        ("DTSTART:20270101T090000\nRRULE:FREQ=WEEKLY", False),
        ("FREQ=SOMETIMES", False),
    ],
)
def test_rule_error(rule, ok):
    assert (calendar.rule_error(rule) == "") is ok


def test_describe_names_the_presets_in_finnish():
    assert calendar.describe("FREQ=WEEKLY;INTERVAL=2") == "joka toinen viikko"
    assert calendar.describe("FREQ=WEEKLY;BYDAY=TU") == "FREQ=WEEKLY;BYDAY=TU"
