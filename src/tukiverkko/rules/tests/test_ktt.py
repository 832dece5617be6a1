from __future__ import annotations

import datetime as dt

import pytest

from tukiverkko.rules.ktt import check_period
from tukiverkko.rules.parameters import load

DAY = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("months", "days", "hours", "errors"),
    [
        (3, 1, 4, []),
        (24, 4, 8, []),
        (2, 2, 4, ["months"]),
        (25, 2, 4, ["months"]),
        (6, 5, 4, ["days_per_week"]),
        (6, 0, 4, ["days_per_week"]),
        (6, 2, 3.5, ["hours_per_day"]),
        (6, 2, 9, ["hours_per_day"]),
    ],
)
def test_law_limits_of_a_period(months, days, hours, errors):
    result = check_period(months, days, hours, DAY)
    assert [e.split(":")[0] for e in result.errors] == errors


def test_heinola_practice_warns_above_six_hours():
    assert check_period(6, 3, 7, DAY, "Heinola").warnings[0].startswith("hours_per_day: 7 h/pv")
    assert check_period(6, 3, 7, DAY, "Lahti").warnings == []
    assert check_period(6, 3, 6, DAY, "Heinola").warnings == []


def test_a_missing_value_is_an_error(tmp_path):
    (tmp_path / "kuntouttava_tyotoiminta.yaml").write_text(
        "period_months_min:\n  values:\n    2030-01-01: {value: 3, reference: r}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="no value"):
        check_period(6, 2, 4, DAY, parameters=load(tmp_path))
