"""Reading and validating catalogue files (data/catalogue/*.yaml), then applying them.

Validation is all-or-nothing: every file is read and checked (JSON Schema, then the rules a
schema cannot say: known slugs, known municipalities, valid Y-tunnus, no seed placeholders)
before anything is written; any error names the file, the record and the field, and nothing
is loaded. Applying is idempotent: a record is saved only when something in it changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from stdnum.fi import ytunnus

from tukiverkko.catalogue.models import SERVICE_TEXTS, SERVICE_TYPE_TEXTS, TRANSLATED_LANGS

SCHEMA_PATH = Path(__file__).parent / "schema" / "catalogue-file.schema.json"

# Seed placeholders (seed 000 has "nimi", "sähköposti", "puhelinnumero", "000-000", "03-000",
# "XX"). They are never data: the file leaves the value null and the page says "to be filled".
_PLACEHOLDER = re.compile(
    r"^\s*(nimi|nimet|sähköposti|sähköpostit|puhelinnumero|puhelinnumerot|xx+|xxx|"
    r"[0\s\-–]*000[\s\-–]*000[\s\-–]*0*|0?3\s*[-–]\s*000)\s*$",
    re.IGNORECASE,
)


class CatalogueError(Exception):
    """Raised with every problem found; ``problems`` lists (file, record, field, reason)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: field '{self.field}': {self.reason}"


class _StringDateLoader(yaml.SafeLoader):
    """YAML loader that keeps dates as ISO strings so the JSON Schema sees what was written."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value))


@dataclass
class CatalogueData:
    """Everything read from the files, validated, ready to apply."""

    service_types: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    # (region slug, organisation record)
    organisations: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def service_validator() -> jsonschema.Draft202012Validator:
    """The file schema's ``service`` definition alone: one service record as in a region file."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/service"},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _record_name(doc: Any, path: Iterable[Any]) -> tuple[str, str]:
    """('organisations[3] (slug heinola-kaupunki) > services[1] (slug torppa)', 'what.fi')."""
    record_parts: list[str] = []
    field_parts: list[str] = []
    node = doc
    for key in path:
        if isinstance(key, int) and isinstance(node, list):
            node = node[key] if key < len(node) else None
            label = field_parts.pop() if field_parts else "item"
            slug = node.get("slug") if isinstance(node, dict) else None
            record_parts.append(f"{label}[{key}]" + (f" (slug {slug})" if slug else ""))
        else:
            if isinstance(node, dict):
                node = node.get(key)
            field_parts.append(str(key))
    return (" > ".join(record_parts) or "(top level)", ".".join(field_parts) or "(record)")


def read_files(paths: list[Path]) -> CatalogueData:
    """Read and validate every file; raise CatalogueError listing every problem."""
    problems: list[Problem] = []
    validator = _schema_validator()
    docs: list[tuple[str, dict[str, Any]]] = []
    for path in paths:
        name = path.name
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDateLoader)  # noqa: S506
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "(file)"
            problems.append(Problem(name, where, "(syntax)", f"not valid YAML: {exc}"))
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(name, "(top level)", "(file)", "expected a mapping"))
            continue
        schema_errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for error in schema_errors:
            record, fld = _record_name(doc, error.absolute_path)
            problems.append(Problem(name, record, fld, error.message))
        if not schema_errors:
            docs.append((name, doc))
    if problems:
        raise CatalogueError(problems)
    data = _collect(docs, problems)
    if problems:
        raise CatalogueError(problems)
    return data


def _collect(docs: list[tuple[str, dict[str, Any]]], problems: list[Problem]) -> CatalogueData:
    data = CatalogueData()
    type_slugs: set[str] = set()
    seen_org: dict[str, str] = {}
    seen_service: dict[str, str] = {}
    municipalities: dict[str, str] = {}  # name → region slug

    for name, doc in docs:
        for index, st in enumerate(doc.get("service_types", [])):
            record = f"service_types[{index}] (slug {st['slug']})"
            if st["slug"] in type_slugs:
                problems.append(Problem(name, record, "slug", "duplicate service type slug"))
            type_slugs.add(st["slug"])
            _check_dates(name, record, st, problems)
            for fp in translation_problems(st, _texts_of_type(st)):
                problems.append(Problem(name, record, fp.field, fp.reason))
            data.service_types.append(st)
        if "region" in doc:
            region = doc["region"]
            data.regions.append(region)
            for m in region["municipalities"]:
                if m["fi"] in municipalities:
                    problems.append(
                        Problem(name, "region", "municipalities", f"{m['fi']} is in two regions")
                    )
                municipalities[m["fi"]] = region["slug"]

    for name, doc in docs:
        if "region" not in doc:
            continue
        region = doc["region"]
        region_munis = [m["fi"] for m in region["municipalities"]]
        for oi, org in enumerate(doc["organisations"]):
            org_record = f"organisations[{oi}] (slug {org['slug']})"
            if org["slug"] in seen_org:
                problems.append(
                    Problem(name, org_record, "slug", f"duplicate; also in {seen_org[org['slug']]}")
                )
            seen_org[org["slug"]] = name
            bid = org.get("business_id")
            if bid is not None and not ytunnus.is_valid(bid):
                problems.append(
                    Problem(name, org_record, "business_id", f"{bid!r} is not a valid Y-tunnus")
                )
            if "municipality" in org and org["municipality"] not in municipalities:
                problems.append(
                    Problem(
                        name,
                        org_record,
                        "municipality",
                        f"unknown municipality {org['municipality']!r}",
                    )
                )
            _check_dates(name, org_record, org, problems)
            for si, svc in enumerate(org["services"]):
                record = f"{org_record} > services[{si}] (slug {svc['slug']})"
                if svc["slug"] in seen_service:
                    problems.append(
                        Problem(
                            name, record, "slug", f"duplicate; also in {seen_service[svc['slug']]}"
                        )
                    )
                seen_service[svc["slug"]] = name
                if svc["municipalities"] == "all":
                    svc = {**svc, "municipalities": region_munis}
                for fp in service_problems(svc, type_slugs, set(municipalities)):
                    problems.append(Problem(name, record, fp.field, fp.reason))
                org["services"][si] = svc
            data.organisations.append((region["slug"], org))
    return data


@dataclass(frozen=True)
class FieldProblem:
    """A problem in one field of one record: the reason in English (command line) and Finnish."""

    field: str
    reason: str
    reason_fi: str


def service_problems(
    svc: dict[str, Any], type_slugs: set[str], municipalities: set[str]
) -> list[FieldProblem]:
    """What a JSON Schema cannot say about one (schema-valid) service record.

    Shared by the YAML loader and the CSV import (tukiverkko.catalogue.csv_io).
    """
    found: list[FieldProblem] = []
    if svc["service_type"] not in type_slugs:
        found.append(
            FieldProblem(
                "service_type",
                f"unknown service type {svc['service_type']!r}",
                f"tuntematon palvelutyyppi {svc['service_type']!r}",
            )
        )
    if svc["municipalities"] != "all":
        for m in svc["municipalities"]:
            if m not in municipalities:
                found.append(
                    FieldProblem(
                        "municipalities",
                        f"unknown municipality {m!r}",
                        f"tuntematon kunta {m!r}",
                    )
                )
    lo, hi = svc.get("age_min"), svc.get("age_max")
    if lo is not None and hi is not None and lo > hi:
        found.append(FieldProblem("age_max", "is below age_min", "on pienempi kuin alaikäraja"))
    start, end = svc.get("valid_from"), svc.get("valid_to")
    if start and end and dt.date.fromisoformat(start) > dt.date.fromisoformat(end):
        found.append(
            FieldProblem("valid_to", "is before valid_from", "on ennen voimassaolon alkua")
        )
    found += translation_problems(svc, _texts_of_service(svc))
    for ci, contact in enumerate(svc.get("contacts", [])):
        value = contact["value"]
        if value is not None and is_placeholder(value):
            found.append(
                FieldProblem(
                    f"contacts[{ci}].value",
                    f"{value!r} is a seed placeholder, not data: write null "
                    "so the page says it is still to be filled",
                    f"{value!r} on lähdeaineiston paikkamerkki eikä tieto: jätä arvo "
                    "tyhjäksi (null), niin sivu kertoo tiedon puuttuvan",
                )
            )
    return found


_LANGUAGE_NAMES = {"sv": ("Swedish", "ruotsinkielinen"), "en": ("English", "englanninkielinen")}


def _texts_of_type(st: dict[str, Any]) -> list[dict[str, str]]:
    return [st[f] for f in SERVICE_TYPE_TEXTS if isinstance(st.get(f), dict)]


def _texts_of_service(svc: dict[str, Any]) -> list[dict[str, str]]:
    texts = [svc[f] for f in SERVICE_TEXTS if isinstance(svc.get(f), dict)]
    for contact in svc.get("contacts", []):
        texts += [contact[f] for f in ("label", "opening_hours_text") if contact.get(f)]
    return texts


def translation_problems(record: dict[str, Any], texts: list[dict[str, str]]) -> list[FieldProblem]:
    """A Swedish or English text needs a review status, and a status needs a text.

    So that a translation nobody has checked can never pass as checked (decision 0141).
    """
    found: list[FieldProblem] = []
    statuses = record.get("translations") or {}
    for lang in TRANSLATED_LANGS:
        has_text = any(text.get(lang) for text in texts)
        en_name, fi_name = _LANGUAGE_NAMES[lang]
        if has_text and lang not in statuses:
            found.append(
                FieldProblem(
                    f"translations.{lang}",
                    f"the record has {en_name} text but no review status: write 'unchecked' "
                    "(not yet checked by a person) or 'checked'",
                    f"tietueessa on {fi_name} teksti mutta ei tarkistustilaa: kirjoita "
                    "'unchecked' (kukaan ei ole vielä tarkistanut) tai 'checked' (tarkistettu)",
                )
            )
        elif not has_text and lang in statuses:
            found.append(
                FieldProblem(
                    f"translations.{lang}",
                    f"a review status is given but the record has no {en_name} text",
                    f"tarkistustila on annettu, mutta tietueessa ei ole {fi_name}ä tekstiä",
                )
            )
    return found


def _check_dates(name: str, record: str, item: dict[str, Any], problems: list[Problem]) -> None:
    start, end = item.get("valid_from"), item.get("valid_to")
    if start and end and dt.date.fromisoformat(start) > dt.date.fromisoformat(end):
        problems.append(Problem(name, record, "valid_to", "is before valid_from"))


def catalogue_files(directory: Path) -> list[Path]:
    """service-types.yaml first, then the regions in name order."""
    files = sorted(directory.glob("*.yaml"))
    return sorted(files, key=lambda p: (p.name != "service-types.yaml", p.name))
