"""The OpenAPI document of /fhir/R4/ is generated from the views' table: every type, its search
parameters and interactions are in it, its bodies are HL7's own definitions, and it is served."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client as HttpClient

from tukiverkko.interop.fhir import openapi
from tukiverkko.interop.fhir.http import fhir_string
from tukiverkko.interop.fhir.search import PAGING
from tukiverkko.interop.fhir.views import TYPES
from tukiverkko.interop.tests.test_fhir_schemathesis import fhir_problems

BASE = "/fhir/R4"


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_type_of_the_table_is_in_the_document_with_exactly_its_parameters():
    # given the document generated from the views' table
    document = openapi.document(TYPES)
    paths, schemas = document["paths"], document["components"]["schemas"]
    # then each type has its search (with its parameters and the paging) and its read
    for name, kind in TYPES.items():
        search = paths[f"{BASE}/{name}"]["get"]
        assert [p["name"] for p in search["parameters"]] == [p.name for p in kind.params] + list(
            PAGING
        )
        assert search["responses"]["200"]["content"]["application/fhir+json"]["schema"] == {
            "$ref": f"#/components/schemas/Bundle_{name}"
        }
        read = paths[f"{BASE}/{name}/{{id}}"]["get"]
        assert read["parameters"][0]["schema"]["type"] == ("string" if kind.text_id else "integer")
        assert ("post" in paths[f"{BASE}/{name}"]) == kind.creates
        # and its body is HL7's definition, its Bundle's entries hold that type
        assert schemas[name]["properties"]["resourceType"] == {
            "description": schemas[name]["properties"]["resourceType"]["description"],
            "const": name,
        }
        entry = schemas[f"Bundle_Entry_{name}"]["properties"]["resource"]
        assert entry == {"$ref": f"#/components/schemas/{name}"}
    assert set(paths) == {f"{BASE}/metadata", f"{BASE}/openapi.json"} | {
        path for name in TYPES for path in (f"{BASE}/{name}", f"{BASE}/{name}/{{id}}")
    }
    # and every reference points at a component that is there
    assert {ref.rsplit("/", 1)[-1] for ref in _refs(document)} <= set(schemas)


def test_a_type_added_to_the_table_is_documented_without_more_code():
    # given the table with one more type (one the server does not serve yet)
    more = dict(TYPES) | {"Practitioner": dataclasses.replace(TYPES["Goal"], name="Practitioner")}
    # when the document is generated
    document = openapi.document(more)
    # then its search, its read and HL7's Practitioner definition are in it
    assert f"{BASE}/Practitioner" in document["paths"]
    assert f"{BASE}/Practitioner/{{id}}" in document["paths"]
    assert "Practitioner" in document["components"]["schemas"]
    assert "Practitioner" not in openapi.document(TYPES)["components"]["schemas"]


def test_the_components_are_the_reachable_definitions_only():
    # given HL7's schema and the components built from it
    whole = openapi.fhir_schema()["definitions"]
    schemas = openapi.document(TYPES)["components"]["schemas"]
    # then they are a small part of the 680 definitions, HL7's own (references repointed)
    assert len(whole) == 680 and len(schemas) < 200
    assert schemas["Reference"]["properties"]["reference"] == {
        **whole["Reference"]["properties"]["reference"],
        "$ref": "#/components/schemas/string",
    }
    # and "any resource" is only an object with a type (the whole file checks it in the run)
    assert schemas["ResourceList"]["required"] == ["resourceType"]


@pytest.mark.django_db
def test_the_document_is_served_to_anyone():
    # when anyone asks for it
    response = HttpClient().get(f"{BASE}/openapi.json")
    # then it is the generated document
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == openapi.document(TYPES)


@pytest.mark.django_db
def test_a_refusal_quoting_odd_input_is_still_valid_fhir():
    # given a professional's session
    from tukiverkko.cases.tests.factories import a_professional

    http = HttpClient()
    http.force_login(a_professional())
    # when a search names a parameter with control characters, or pages with a non-ASCII digit
    odd = http.get(f"{BASE}/Patient", {"a\x1fb\x02": "1"})
    digit = http.get(f"{BASE}/Patient", {"_count": "²"})
    # then each is a 400 OperationOutcome that is valid FHIR (R4 schema and R4B model)
    assert odd.status_code == 400 and digit.status_code == 400
    assert fhir_problems(odd.json()) == [] and fhir_problems(digit.json()) == []
    assert odd.json()["issue"][0]["expression"] == ["a?b?"]
    assert fhir_string(" \x00\u2028 ") == "??" and fhir_string("  ") == "?"
    assert fhir_string("Rivi\nrivi\tja\r") == "Rivi\nrivi\tja"
