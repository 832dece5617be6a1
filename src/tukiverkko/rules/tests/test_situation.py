from __future__ import annotations

import datetime as dt

import pytest

from tukiverkko.rules.situation import SituationError, today, validate


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"age": 131}, "age", "maximum"),
        ({"age": "30"}, "age", "type"),
        ({"age": True}, "age", "type"),
        ({"employment_status": "jobless"}, "employment_status", "enum"),
        ({"reference_date": "1.6.2025"}, "reference_date", "format"),
        ({"triggers": ["addiction", "addiction"]}, "triggers", "uniqueItems"),
        ({"shoe_size": 42}, "shoe_size", "unknown_field"),
        (
            {"birth_date": "2030-01-01", "reference_date": "2025-01-01"},
            "birth_date",
            "after_reference_date",
        ),
        (
            {"birth_date": "2000-06-02", "age": 25, "reference_date": "2025-06-01"},
            "age",
            "birth_date_mismatch",
        ),
    ],
)
def test_bad_input_names_the_field_and_why(data, field, code):
    with pytest.raises(SituationError) as caught:
        validate(data)
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert field in str(caught.value)


def test_not_an_object():
    with pytest.raises(SituationError, match="JSON object"):
        validate([1, 2])


def test_age_is_computed_from_birth_date_at_the_reference_date():
    situation = validate({"birth_date": "2000-06-02", "age": 24, "reference_date": "2025-06-01"})
    assert situation.facts["age"] == 24
    # the exact age in whole months and the birth year are derived for the pension-age rule
    assert situation.facts["age_exact"] == 24 + 11 / 12
    assert situation.facts["birth_date"] == dt.date(2000, 6, 2)
    assert situation.facts["birth_year_latest"] == 2000


def test_without_a_birth_date_the_latest_possible_birth_year_comes_from_age():
    situation = validate({"age": 65, "reference_date": "2026-06-01"})
    assert situation.facts["birth_year_latest"] == 1961 and "age_exact" not in situation.facts


def test_reference_date_defaults_to_today_in_helsinki():
    assert validate({}).reference_date == today()
    assert validate({}, default_date=dt.date(2020, 1, 1)).reference_date == dt.date(2020, 1, 1)
