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


def test_a_null_value_is_known_to_exist_but_unknown(tmp_path: Path):
    # given a value that the law will set later (the 1965 cohort's pension age)
    (tmp_path / "a.yaml").write_text(
        "x:\n  values:\n    2020-01-01: {value: 5, reference: r}\n"
        "    2030-01-01: {value: null, reference: not yet set}\n",
        encoding="utf-8",
    )
    params = load(tmp_path)
    # then it is None after its date and the text shows it as unknown
    assert params.value("a.x", dt.date(2031, 1, 1)) is None
    assert params.value("a.x", dt.date(2029, 1, 1)) == 5
    assert render("{a.x}", dt.date(2031, 1, 1), params) == "?"


@pytest.mark.parametrize(
    ("born", "age"),
    [
        (dt.date(1950, 5, 1), 63),
        (dt.date(1954, 12, 31), 63),
        (dt.date(1955, 1, 1), 63.25),
        (dt.date(1958, 7, 1), 64),
        (dt.date(1961, 3, 1), 64.75),
        (dt.date(1964, 12, 31), 65),
        (dt.date(1965, 1, 1), None),
    ],
)
def test_lowest_old_age_pension_age_by_birth_cohort(born, age):
    # telp.fi: 63 (≤ 1954) … 65 (1962–1964); 1965+ set by decree, not in the sources
    assert default().value("old_age_pension.lowest_age", born) == age


def test_the_summary_facts_of_the_cohort_table_agree_with_it():
    params = default()
    values = [v.value for v in params.get("old_age_pension.lowest_age").values]
    known = [v for v in values if v is not None]
    last_known = max(
        v.valid_from for v in params.get("old_age_pension.lowest_age").values if v.value
    )
    day = dt.date(2026, 1, 1)
    assert params.value("old_age_pension.lowest_age_min", day) == min(known)
    assert params.value("old_age_pension.lowest_age_max_known", day) == max(known)
    # the last cohort with a known value ends the year before the first unknown one
    first_unknown = min(
        v.valid_from for v in params.get("old_age_pension.lowest_age").values if v.value is None
    )
    assert params.value("old_age_pension.last_cohort_known", day) == first_unknown.year - 1
    assert last_known.year <= first_unknown.year - 1


def test_scopes_take_a_regions_municipalities_from_its_catalogue_file():
    params = default()
    assert params.in_scope("varsinais-suomi", "Turku")
    assert params.in_scope("paijat-hame", " heinola ")  # case and spaces do not matter
    assert not params.in_scope("paijat-hame", "Turku")
    assert params.in_scope("lahden-seudun-kuntakokeilu", "Kärkölä")
    assert not params.in_scope("lahden-seudun-kuntakokeilu", "Heinola")
    assert params.scope("heinola").name["sv"] == "Heinola"
    with pytest.raises(ParameterError, match="unknown scope"):
        params.scope("nowhere")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("s:\n  municipalities: [A]\n  source: x\n", "needs a name"),
        ("s:\n  name: {fi: S}\n  municipalities: [A]\n", "cites its source"),
        ("s:\n  name: {fi: S}\n  source: x\n", "no municipalities"),
        ("s:\n  name: {fi: S}\n  region: nowhere\n  source: x\n", "no region"),
        ("- a\n", "expected a mapping"),
    ],
)
def test_a_malformed_scope_file_is_refused(tmp_path: Path, content, message):
    (tmp_path / "scopes.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        load(tmp_path)
