"""Legal parameters and service validity as dated data (``data/parameters/*.yaml``).

Each parameter is a list of dated values (openfisca-country-template style); the value in force
on a day is the latest one whose date is on or before it. A new law or a new year adds a value,
it never edits an old one (STYLE 8). A parameter may also carry ``regional`` values scoped to a
municipality (the Heinola practice of kuntouttava työtoiminta). A value may be ``null``: known
to exist but not yet published (the lowest old-age pension age of the cohorts born 1965 and
later is set by decree in the year they turn 62), so a rule reading it answers "unknown".

``scopes.yaml`` names the regions and municipalities whose own practice a rule follows
(``InScope`` in the rules); a region's municipalities are read from its catalogue file so that
the list exists once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "data" / "parameters"


class ParameterError(ValueError):
    """A parameter file is malformed, or a rule asks for a parameter that does not exist."""


@dataclass(frozen=True)
class DatedValue:
    valid_from: dt.date
    value: float | None
    reference: str


@dataclass(frozen=True)
class Parameter:
    name: str
    values: tuple[DatedValue, ...]  # sorted by valid_from
    description: str = ""
    unit: str = ""
    per_year: bool = False
    regional: dict[str, tuple[DatedValue, ...]] = field(default_factory=dict)

    def at(self, day: dt.date, municipality: str | None = None) -> DatedValue | None:
        """The value in force on ``day`` (regional first), or None before the first value."""
        if municipality and municipality in self.regional:
            found = _latest(self.regional[municipality], day)
            if found is not None:
                return found
        return _latest(self.values, day)

    def is_extrapolated(self, day: dt.date) -> bool:
        """A per-year value used for a later year: the year's own value is not yet known."""
        found = self.at(day)
        return self.per_year and found is not None and found.valid_from.year < day.year


@dataclass(frozen=True)
class Validity:
    valid_from: dt.date | None
    valid_to: dt.date | None
    reference: str

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _latest(values: tuple[DatedValue, ...], day: dt.date) -> DatedValue | None:
    found = None
    for item in values:
        if item.valid_from <= day:
            found = item
    return found


def _dated(raw: Any, where: str) -> tuple[DatedValue, ...]:
    if not isinstance(raw, dict) or not raw:
        raise ParameterError(f"{where}: 'values' must be a non-empty mapping of dates")
    out = []
    for key, item in raw.items():
        if not isinstance(key, dt.date) or not isinstance(item, dict) or "value" not in item:
            raise ParameterError(f"{where}: each entry is 'YYYY-MM-DD: {{value, reference}}'")
        value = item["value"]
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise ParameterError(f"{where} {key}: value must be a number (or null: not yet known)")
        if not item.get("reference"):
            raise ParameterError(f"{where} {key}: every value cites its source ('reference')")
        out.append(DatedValue(key, None if value is None else float(value), str(item["reference"])))
    return tuple(sorted(out, key=lambda v: v.valid_from))


@dataclass(frozen=True)
class Scope:
    """A region or a set of municipalities with its own practice (seeds [000]–[004])."""

    id: str
    name: dict[str, str]  # fi, sv, en
    municipalities: frozenset[str]  # lower-case Finnish names
    source: str


@dataclass(frozen=True)
class Parameters:
    parameters: dict[str, Parameter]
    validity: dict[str, Validity]
    scopes: dict[str, Scope] = field(default_factory=dict)

    def get(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name!r}") from None

    def value(self, name: str, day: dt.date, municipality: str | None = None) -> float | None:
        found = self.get(name).at(day, municipality)
        return None if found is None else found.value

    def available(self, service_type: str, day: dt.date) -> bool:
        validity = self.validity.get(service_type)
        return validity is None or validity.covers(day)

    def scope(self, scope: str) -> Scope:
        try:
            return self.scopes[scope]
        except KeyError:
            raise ParameterError(f"unknown scope {scope!r} (data/parameters/scopes.yaml)") from None

    def in_scope(self, scope: str, municipality: str) -> bool:
        return municipality.strip().lower() in self.scope(scope).municipalities


def _scopes(data: dict[str, Any], directory: Path) -> dict[str, Scope]:
    out = {}
    for key, item in data.items():
        where = f"scopes.yaml {key}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), dict):
            raise ParameterError(f"{where}: needs a name {{fi, sv, en}}")
        if not item.get("source"):
            raise ParameterError(f"{where}: every scope cites its source ('source')")
        if "region" in item:
            path = directory.parent / "catalogue" / f"{item['region']}.yaml"
            try:
                region = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["region"]
            except (OSError, KeyError, TypeError):
                raise ParameterError(f"{where}: no region in {path}") from None
            names = [m["fi"] for m in region["municipalities"]]
        else:
            names = list(item.get("municipalities") or [])
        if not names:
            raise ParameterError(f"{where}: no municipalities")
        out[key] = Scope(
            key,
            {str(k): str(v) for k, v in item["name"].items()},
            frozenset(n.strip().lower() for n in names),
            str(item["source"]),
        )
    return out


def load(directory: Path = DEFAULT_DIR) -> Parameters:
    """Read every ``*.yaml`` of the directory; ``services.yaml`` holds service validity and
    ``scopes.yaml`` the regional scopes."""
    parameters: dict[str, Parameter] = {}
    validity: dict[str, Validity] = {}
    scopes: dict[str, Scope] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ParameterError(f"{path.name}: expected a mapping")
        if path.stem == "scopes":
            scopes = _scopes(data, directory)
            continue
        if path.stem == "services":
            for slug, item in data.items():
                validity[slug] = Validity(
                    item.get("valid_from"), item.get("valid_to"), str(item.get("reference", ""))
                )
            continue
        for key, item in data.items():
            name = f"{path.stem}.{key}"
            regional = {
                place: _dated(values, f"{path.name} {key} {place}")
                for place, values in (item.get("regional") or {}).items()
            }
            parameters[name] = Parameter(
                name=name,
                values=_dated(item.get("values"), f"{path.name} {key}"),
                description=str(item.get("description", "")).strip(),
                unit=str(item.get("unit", "")),
                per_year=bool(item.get("per_year", False)),
                regional=regional,
            )
    return Parameters(parameters, validity, scopes)


@cache
def default() -> Parameters:
    return load()
