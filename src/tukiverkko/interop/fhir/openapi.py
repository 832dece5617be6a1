"""An OpenAPI 3.1 description of /fhir/R4/, built from the views' table of types (``TYPES``) —
the same single source as the CapabilityStatement, so it lists exactly what the server answers.

The bodies are described by HL7's own FHIR R4 JSON Schema (``standards/fhir-r4/fhir.schema.json``,
its README says where it came from): the definitions reachable from the resources served, the
Bundle and the OperationOutcome are copied into ``components.schemas`` with their references
pointed there. Two changes keep the copy small and exact (decision 0396):

- ``ResourceList`` (any resource: the schema's ``oneOf`` of all 146, reached through every
  resource's ``contained``) is only "an object with a resourceType"; the whole file still
  checks every body in the schemathesis run (``interop/tests/test_fhir_schemathesis.py``);
- a search answers ``Bundle_<Type>``: the schema's Bundle whose entries hold that type.

The statuses are the ones the views give (``http.fhir_view``, ``views``, ``create``): every
refusal is an OperationOutcome.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from tukiverkko.accounts.models import User
from tukiverkko.interop.fhir.capability import FHIR_VERSION
from tukiverkko.interop.fhir.http import fhir_view
from tukiverkko.interop.fhir.search import MAX_COUNT, PAGING
from tukiverkko.interop.fhir.views import TYPES, Type

SCHEMA_PATH = settings.BASE_DIR / "standards" / "fhir-r4" / "fhir.schema.json"
BASE = "/fhir/R4"
MEDIA = "application/fhir+json"
REF = "#/components/schemas/"
# What each status means, as the views give it (http.fhir_view maps the domain's refusals).
REFUSALS = {
    400: "A bad search parameter or body, the field named in the issue's expression",
    401: "No professional's session (or its two-factor login is missing)",
    403: "The access policy or the session's CSRF check refuses",
    404: "Nothing there, or nothing the caller may see (logged)",
    415: "The body is not FHIR JSON",
}


@cache
def fhir_schema() -> dict[str, Any]:
    """HL7's FHIR R4 JSON Schema (draft-06), as vendored."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def _refs(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value.rsplit("/", 1)[-1]
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _repoint(node: Any) -> Any:
    """``#/definitions/X`` → ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            key: (REF + value.rsplit("/", 1)[-1] if key == "$ref" else _repoint(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_repoint(value) for value in node]
    return node


def reachable(names: Iterable[str], definitions: Mapping[str, Any]) -> set[str]:
    """The definitions ``names`` need, through their references (``ResourceList`` not opened)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name != "ResourceList":
            todo.extend(_refs(definitions[name]))
    return seen


def _bundle_of(name: str, definitions: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``Bundle_<name>`` and ``Bundle_Entry_<name>``: the searchset of one type."""
    bundle = copy.deepcopy(definitions["Bundle"])
    entry = copy.deepcopy(definitions["Bundle_Entry"])
    bundle["properties"]["entry"]["items"] = {"$ref": f"#/definitions/Bundle_Entry_{name}"}
    bundle["description"] = f"A searchset Bundle of {name} resources."
    entry["properties"]["resource"] = {"$ref": f"#/definitions/{name}"}
    return {f"Bundle_{name}": bundle, f"Bundle_Entry_{name}": entry}


def schemas(types: Mapping[str, Type]) -> dict[str, Any]:
    """The components: the definitions the served bodies use, pointed at each other."""
    definitions = fhir_schema()["definitions"]
    bundles: dict[str, Any] = {}
    for name in types:
        bundles.update(_bundle_of(name, definitions))
    used = reachable([*bundles, "OperationOutcome", "CapabilityStatement"], definitions | bundles)
    chosen = {name: (definitions | bundles)[name] for name in sorted(used)}
    chosen["ResourceList"] = {
        "description": "Any FHIR resource (the full schema's oneOf of every resource type).",
        "type": "object",
        "required": ["resourceType"],
        "properties": {"resourceType": {"type": "string"}},
    }
    return {name: _repoint(schema) for name, schema in chosen.items()}


def _create_body(name: str) -> dict[str, Any]:
    """What ``POST /fhir/R4/<name>`` reads (create.py), self-contained: the standard's
    ServiceRequest is recursive (Extension in every element), which no generator can draw from,
    and the server reads only these elements. Any other element of the standard may be sent (it
    is checked against the R4B model: a bad one is a 400) and is not kept."""
    text = {"type": "string", "minLength": 1}
    reference = {
        "type": "object",
        "properties": {"reference": text},
        "required": ["reference"],
    }
    texts = {
        "type": "array",
        "items": {"type": "object", "properties": {"text": text}, "required": ["text"]},
    }
    coding = {
        "type": "object",
        "properties": {"system": {"type": "string", "format": "uri"}, "code": text},
        "required": ["system", "code"],
    }
    return {
        "type": "object",
        "description": (
            f"A {name} (FHIR R4): the elements the server reads. subject Patient/<id>: the "
            "client; performer HealthcareService/<id>; note: the situation; reasonCode: the "
            "question; category codings: the information categories, the referral kind and "
            "the purpose (docs/fhir.md)."
        ),
        "required": ["resourceType", "status", "intent", "subject"],
        "properties": {
            "resourceType": {"const": name},
            "status": {"enum": ["draft", "active"]},
            "intent": {"type": "string", "pattern": "^[^\\s]+$"},
            "subject": reference,
            "performer": {"type": "array", "items": reference},
            "category": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"coding": {"type": "array", "items": coding}},
                },
            },
            "note": texts,
            "reasonCode": texts,
            "priority": {"enum": ["routine", "urgent", "asap", "stat"]},
        },
    }


def _body(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {MEDIA: {"schema": {"$ref": REF + name}}}}


def _responses(ok: int, name: str, refusals: Iterable[int], **extra: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {str(ok): _body(name, "OK" if ok == 200 else "Created") | extra}
    for status in refusals:
        answers[str(status)] = _body("OperationOutcome", REFUSALS[status])
    return answers


def _query(kind: Type) -> list[dict[str, Any]]:
    found = [
        {
            "name": p.name,
            "in": "query",
            "required": False,
            "description": f"{p.type}: {p.documentation}",
            "schema": {"type": "string"},
        }
        for p in kind.params
    ]
    for name in PAGING:
        found.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": f"paging (_count at most {MAX_COUNT})"
                if name == "_count"
                else "paging",
                "schema": {"type": "integer", "minimum": 0, "maximum": 2**62},
            }
        )
    return found


def _id(kind: Type) -> dict[str, Any]:
    schema: dict[str, Any] = (
        {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}
        if kind.text_id
        else {"type": "integer", "minimum": 0}
    )
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "its name" if kind.text_id else "its number",
        "schema": schema,
    }


def _paths(kind: Type) -> dict[str, Any]:
    name = kind.name
    type_level: dict[str, Any] = {
        "get": {
            "operationId": f"search_{name}",
            "tags": [name],
            "summary": f"Search {name}",
            "parameters": _query(kind),
            "responses": _responses(200, f"Bundle_{name}", (400, 401, 403)),
        }
    }
    if kind.creates:
        type_level["post"] = {
            "operationId": f"create_{name}",
            "tags": [name],
            "summary": f"Create a {name}",
            "parameters": [
                {
                    "name": "X-CSRFToken",
                    "in": "header",
                    "required": True,
                    "description": "the session's CSRF token",
                    "schema": {"type": "string"},
                }
            ],
            "requestBody": {"required": True, "content": {MEDIA: {"schema": _create_body(name)}}},
            "responses": _responses(
                201,
                name,
                (400, 401, 403, 404, 415),
                headers={
                    "Location": {
                        "description": f"{BASE}/{name}/<id>/_history/<version>",
                        "schema": {"type": "string"},
                    }
                },
            ),
        }
    return {
        f"{BASE}/{name}": type_level,
        f"{BASE}/{name}/{{id}}": {
            "get": {
                "operationId": f"read_{name}",
                "tags": [name],
                "summary": f"Read a {name}",
                "parameters": [_id(kind)],
                "responses": _responses(200, name, (401, 403, 404)),
            }
        },
    }


def document(types: Mapping[str, Type]) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the FHIR endpoints of ``types``."""
    paths: dict[str, Any] = {
        f"{BASE}/metadata": {
            "get": {
                "operationId": "metadata",
                "tags": ["metadata"],
                "summary": "The CapabilityStatement",
                "security": [],
                "responses": _responses(200, "CapabilityStatement", ()),
            }
        },
        f"{BASE}/openapi.json": {
            "get": {
                "operationId": "openapi",
                "tags": ["metadata"],
                "summary": "This document",
                "security": [],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }
    for kind in types.values():
        paths.update(_paths(kind))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tukiverkko FHIR R4",
            "version": FHIR_VERSION,
            "description": (
                "The FHIR endpoints, generated from the same table as the CapabilityStatement "
                "(GET /fhir/R4/metadata). Bodies: HL7's FHIR R4 JSON Schema (fhir.schema.json). "
                "See docs/fhir.md."
            ),
        },
        "paths": paths,
        "security": [{"session": []}],
        "components": {
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": settings.SESSION_COOKIE_NAME,
                    "description": "A professional's session; a POST carries X-CSRFToken.",
                }
            },
            "schemas": schemas(types),
        },
    }


@cache
def _text() -> bytes:
    return json.dumps(document(TYPES), ensure_ascii=False).encode()


@fhir_view(public=True)
def served(_request: HttpRequest, _user: User | None) -> HttpResponse:
    """``GET /fhir/R4/openapi.json``: public, like the metadata (no client data in it)."""
    response = HttpResponse(_text(), content_type="application/json")
    add_never_cache_headers(response)  # as every answer under /fhir/R4/ (the metadata too)
    return response
