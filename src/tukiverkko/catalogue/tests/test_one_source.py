"""Facts written once: where a fact must appear in two places, these tests fail when the copies
differ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from django.conf import settings

from tukiverkko.catalogue.quick_guide import QUICK_GUIDE_STEPS
from tukiverkko.rules.parameters import load

CATALOGUE = Path(settings.DATA_DIR) / "catalogue" / "service-types.yaml"
PARAMETERS = Path(settings.DATA_DIR) / "parameters"


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def test_service_type_validity_in_the_catalogue_is_the_laws_in_the_parameters() -> None:
    # given the law's validity dates (the source: data/parameters/services.yaml) and the
    # catalogue's service types
    law = load(PARAMETERS).validity
    types = {
        t["slug"]: t for t in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["service_types"]
    }
    # then every type the law dates has the same dates in the catalogue ...
    differ = {
        slug: ((v.valid_from, v.valid_to), (_date(t.get("valid_from")), _date(t.get("valid_to"))))
        for slug, v in law.items()
        if (t := types.get(slug)) is not None
        and (v.valid_from, v.valid_to) != (_date(t.get("valid_from")), _date(t.get("valid_to")))
    }
    assert differ == {}, "copy the dates of data/parameters/services.yaml (law, catalogue)"
    # ... and no catalogue type carries dates the law file does not give
    undated = sorted(
        slug
        for slug, t in types.items()
        if (t.get("valid_from") or t.get("valid_to")) and slug not in law
    )
    assert undated == [], "date these types in data/parameters/services.yaml with a reference"
    assert set(law) <= set(types), "a dated type the catalogue does not know"


def test_the_quick_guide_steps_are_written_once() -> None:
    # given the one constant / then the checklist's model field does not copy the texts
    migration = (
        Path(settings.BASE_DIR) / "src" / "tukiverkko" / "cases" / "migrations" / "0001_initial.py"
    ).read_text(encoding="utf-8")
    assert "quick_guide.step_choices" in migration
    assert not any(str(text)[:30] in migration for text in QUICK_GUIDE_STEPS.values())
    assert list(QUICK_GUIDE_STEPS) == [1, 2, 3, 4, 5, 6, 7]
