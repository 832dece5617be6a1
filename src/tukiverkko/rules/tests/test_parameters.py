from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tukiverkko.rules.engine import render
from tukiverkko.rules.parameters import ParameterError, default, load

THRESHOLD = "vocational_rehabilitation.earnings_threshold_eur"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2018, 12, 31), None),
        (dt.date(2019, 6, 1), 35614.03),
        (dt.date(2020, 6, 1), 35614.03),
        (dt.date(2021, 1, 1), 36820.43),
        (dt.date(2022, 6, 1), 37725.23),
        (dt.date(2023, 6, 1), 37725.23),
        (dt.date(2024, 6, 1), 41143.38),
        (dt.date(2026, 6, 1), 41143.38),
    ],
)
def test_earnings_threshold_is_the_value_in_force_on_the_day(day, expected):
    assert default().value(THRESHOLD, day) == expected


def test_a_later_year_uses_the_latest_known_value_and_says_so():
    # given a reference date in 2026 (no 2026 value known)
    text = render("{" + THRESHOLD + "}", dt.date(2026, 3, 1), default())
    # then the text names the year of the value and that the year's own value is not known
    assert text.startswith("41\u00a0143,38")
    assert "vuoden 2024 taso" in text and "2026" in text


def test_the_value_of_its_own_year_is_not_flagged():
    text = render("{" + THRESHOLD + "}", dt.date(2024, 3, 1), default())
    assert text == "41\u00a0143,38 (vuoden 2024 taso)"


def test_a_parameter_before_its_first_value_renders_as_unknown():
    assert render("{" + THRESHOLD + "}", dt.date(2010, 1, 1), default()) == "?"


def test_ktt_limits_and_the_heinola_practice():
    params = default()
    day = dt.date(2025, 3, 1)
    assert params.value("kuntouttava_tyotoiminta.hours_per_day_max", day) == 8
    assert params.value("kuntouttava_tyotoiminta.hours_per_day_max", day, "Heinola") == 6
    assert (
        params.value("kuntouttava_tyotoiminta.hours_per_day_max", dt.date(2024, 1, 1), "Heinola")
        == 8
    )
    assert params.value("kuntouttava_tyotoiminta.period_months_min", day) == 3
    assert params.value("kuntouttava_tyotoiminta.period_months_max", day) == 24
    assert params.value("kuntouttava_tyotoiminta.days_per_week_max", day) == 4


@pytest.mark.parametrize(
    ("slug", "day", "available"),
    [
        ("typ", dt.date(2024, 12, 31), True),
        ("typ", dt.date(2025, 1, 1), False),
        ("tym", dt.date(2024, 12, 31), False),
        ("tym", dt.date(2025, 1, 1), True),
        ("kuntakokeilu", dt.date(2021, 2, 28), False),
        ("ohjaamo", dt.date(2000, 1, 1), True),
    ],
)
def test_service_validity(slug, day, available):
    assert default().available(slug, day) is available


def test_unknown_parameter_is_an_error():
    with pytest.raises(ParameterError, match="unknown parameter"):
        default().value("nope.nothing", dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a list\n", "expected a mapping"),
        ("x:\n  values: {}\n", "non-empty mapping"),
        ("x:\n  values:\n    2020-01-01: 5\n", "each entry"),
        ("x:\n  values:\n    2020-01-01: {value: abc, reference: r}\n", "must be a number"),
        ("x:\n  values:\n    2020-01-01: {value: 5}\n", "cites its source"),
    ],
)
def test_a_malformed_parameter_file_is_refused(tmp_path: Path, content, message):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        load(tmp_path)


def test_a_valid_directory_loads_values_and_validity(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(
        "x:\n  per_year: true\n  values:\n    2020-01-01: {value: 5, reference: r}\n",
        encoding="utf-8",
    )
    (tmp_path / "services.yaml").write_text("s:\n  valid_to: 2020-12-31\n", encoding="utf-8")
    params = load(tmp_path)
    assert params.value("a.x", dt.date(2021, 1, 1)) == 5
    assert params.get("a.x").is_extrapolated(dt.date(2021, 1, 1))
    assert not params.available("s", dt.date(2021, 1, 1))
