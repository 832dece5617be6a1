"""The CapabilityStatement: built from the views' own table of types, so that it lists exactly
the interactions and search parameters the server answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from tukiverkko.interop.fhir.search import PAGING

if TYPE_CHECKING:
    from tukiverkko.interop.fhir.views import Type

# fhir.resources has R4B (4.3.0) and R5 models, no R4 (4.0.1): the resources are built with R4B
# (decision 0360), and every body validates against R4's own JSON Schema (the schemathesis run,
# interop/tests/test_fhir_schemathesis.py), so the server says what it serves: R4 (decision 0398).
FHIR_VERSION = "4.0.1"
RELEASED = "2026-12-02"


def _resource(kind: Type) -> dict[str, Any]:
    interactions = [{"code": "read"}, {"code": "search-type"}]
    if kind.creates:
        interactions.append({"code": "create"})
    return {
        "type": kind.name,
        "interaction": interactions,
        "readHistory": False,
        "updateCreate": False,
        "searchParam": [
            {"name": p.name, "type": p.type, "documentation": p.documentation} for p in kind.params
        ]
        + [{"name": name, "type": "number", "documentation": "paging"} for name in PAGING],
    }


def security(types: dict[str, Type]) -> str:
    """Who may call, and which integration scope each type needs — from the table itself."""
    needs = []
    for kind in types.values():
        if kind.system is None:
            needs.append(f"{kind.name}: sessions only")
        else:
            needs.append(f"{kind.name}: {kind.system.scope or 'any token'}")
    return (
        "A professional's session (cookie; CSRF token on POST), or an organisation's "
        "integration token (Authorization: Bearer tkv_…; read only, revocable, every read a "
        "disclosure in the audit log, only the cases the organisation owns). Scopes: "
        + "; ".join(needs)
        + "."
    )


def statement(request: HttpRequest, types: dict[str, Type]) -> CapabilityStatement:
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": RELEASED,
            "publisher": "Tukiverkko",
            "kind": "instance",
            "software": {"name": "Tukiverkko"},
            "implementation": {
                "description": "Tukiverkko FHIR",
                "url": request.build_absolute_uri(request.path.rsplit("/metadata", 1)[0]),
            },
            "fhirVersion": FHIR_VERSION,
            "format": ["application/fhir+json"],
            "rest": [
                {
                    "mode": "server",
                    "security": {"description": security(types)},
                    "resource": [_resource(kind) for kind in types.values()],
                }
            ],
        }
    )
