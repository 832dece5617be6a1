"""Limits of one kuntouttava työtoiminta period (RULEBOOK §1.2), from the dated parameters.

Reject what the law does not allow (3–24 months, 1–4 days a week, 4–8 hours a day); warn where a
municipality's own practice is narrower (Heinola: at most 6 hours a day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tukiverkko.rules.parameters import Parameters, default

P = "kuntouttava_tyotoiminta."


@dataclass(frozen=True)
class PeriodCheck:
    errors: list[str]
    warnings: list[str]


def check_period(
    months: float,
    days_per_week: float,
    hours_per_day: float,
    day: dt.date,
    municipality: str | None = None,
    parameters: Parameters | None = None,
) -> PeriodCheck:
    params = parameters or default()

    def limit(name: str, place: str | None = None) -> float:
        value = params.value(P + name, day, place)
        if value is None:
            raise ValueError(f"{P + name}: no value on {day}")
        return value

    errors = []
    for field, value, low, high, unit in (
        ("months", months, "period_months_min", "period_months_max", "kk"),
        ("days_per_week", days_per_week, "days_per_week_min", "days_per_week_max", "pv/vko"),
        ("hours_per_day", hours_per_day, "hours_per_day_min", "hours_per_day_max", "h/pv"),
    ):
        if not limit(low) <= value <= limit(high):
            errors.append(
                f"{field}: {value:g} {unit} ei ole välillä {limit(low):g}–{limit(high):g}"
            )
    warnings = []
    regional = limit("hours_per_day_max", municipality)
    if not errors and hours_per_day > regional:
        warnings.append(
            f"hours_per_day: {hours_per_day:g} h/pv ylittää käytännön enimmäismäärän "
            f"{regional:g} h ({municipality})"
        )
    return PeriodCheck(errors, warnings)
