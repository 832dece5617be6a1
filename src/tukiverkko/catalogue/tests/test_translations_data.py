"""The committed catalogue files have Swedish and English for every Finnish text.

PTV, the national service catalogue, has fi/sv/en for each service; so does this one. Every
field of every service type and service that has a Finnish text (names, the four questions,
when to contact, how to refer, the validity note, contact labels and hours) must have non-empty
Swedish and English too, and each record must say whether a person has checked them
(decision 0141). These tests read the files themselves, so they need no database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

from tukiverkko.catalogue.loading import catalogue_files
from tukiverkko.catalogue.models import SERVICE_TEXTS, SERVICE_TYPE_TEXTS


def _records() -> Iterator[tuple[str, str, dict[str, Any], tuple[str, ...]]]:
    for path in catalogue_files(Path(settings.DATA_DIR) / "catalogue"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for st in doc.get("service_types", []):
            yield path.name, f"service type {st['slug']}", st, SERVICE_TYPE_TEXTS
        for org in doc.get("organisations", []):
            for svc in org["services"]:
                yield path.name, f"service {svc['slug']}", svc, SERVICE_TEXTS


RECORDS = list(_records())


def _texts(record: dict[str, Any], fields: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    for name in fields:
        if name in record:
            yield name, record[name]
    for i, contact in enumerate(record.get("contacts", [])):
        for name in ("label", "opening_hours_text"):
            if name in contact:
                yield f"contacts[{i}].{name}", contact[name]


def test_the_catalogue_has_service_types_and_services():
    labels = [label for _file, label, _record, _fields in RECORDS]
    types = [label for label in labels if label.startswith("service type ")]
    assert len(types) >= 50 and len(labels) - len(types) >= 120


@pytest.mark.parametrize(
    ("file", "label", "record", "fields"), RECORDS, ids=[r[1] for r in RECORDS]
)
def test_every_finnish_text_has_swedish_and_english(file, label, record, fields):
    # given every text of the record that has a Finnish version
    missing = [
        f"{name}.{lang}"
        for name, text in _texts(record, fields)
        if text.get("fi")
        for lang in ("sv", "en")
        if not (text.get(lang) or "").strip()
    ]
    # then none lacks Swedish or English, and the record says whether they are checked
    assert missing == [], f"{file}: {label}: no text in {missing}"
    assert set(record.get("translations", {})) == {"sv", "en"}, f"{file}: {label}"
