"""Checking HSDS records against the specification's own JSON Schemas, strictly.

The specification's schemas allow any extra field; its own check adds
``additionalProperties: false`` to every object schema before validating, so that a misspelt
field is caught. We do the same, on a copy. The per-table schemas (``schema/*.json``) refer to
each other by file name ("phone.json"); they are registered under those names so nothing is
fetched from the network.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

COMPILED = ("organization", "service", "service_at_location")

# Keywords whose value is a schema, or a list / mapping of schemas.
_SCHEMA_KEYWORDS = ("items", "additionalItems", "contains", "not", "if", "then", "else")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def strict(schema: Any) -> Any:
    """A copy with ``additionalProperties: false`` on every object schema, recursively."""
    schema = copy.deepcopy(schema)
    _strict_in_place(schema)
    return schema


def _strict_in_place(node: Any) -> None:
    if not isinstance(node, dict):
        return
    if node.get("type") == "object" or "properties" in node:
        node["additionalProperties"] = False
    for key in _SCHEMA_KEYWORDS:
        if key in node:
            _strict_in_place(node[key])
    for key in _SCHEMA_LISTS:
        for sub in node.get(key, []):
            _strict_in_place(sub)
    for key in _SCHEMA_MAPS:
        for sub in node.get(key, {}).values():
            _strict_in_place(sub)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def registry(schema_dir: Path) -> Registry:
    """Every per-table schema under its file name, strictened."""
    resources = [
        (p.name, Resource.from_contents(strict(_load(p)), default_specification=DRAFT202012))
        for p in sorted(schema_dir.glob("*.json"))
        if p.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


def validators(schema_dir: Path) -> dict[str, jsonschema.Draft202012Validator]:
    """One strict validator per compiled record type (and per table) of ``schema_dir``."""
    reg = registry(schema_dir)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    result = {
        name: jsonschema.Draft202012Validator(
            strict(_load(schema_dir / "compiled" / f"{name}.json")),
            registry=reg,
            format_checker=checker,
        )
        for name in COMPILED
    }
    for path in sorted(schema_dir.glob("*.json")):
        if path.name != "openapi.json":
            result[f"table:{path.stem}"] = jsonschema.Draft202012Validator(
                {"$ref": path.name}, registry=reg, format_checker=checker
            )
    return result


def errors(
    validator: jsonschema.Draft202012Validator, record: dict[str, Any], where: str
) -> Iterator[str]:
    for error in validator.iter_errors(record):
        path = "/".join(str(p) for p in error.absolute_path) or "(record)"
        yield f"{where}: {path}: {error.message}"
