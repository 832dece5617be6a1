"""Property-based run of /fhir/R4/ against its own OpenAPI document, in-process.

The document is the one the server serves (``/fhir/R4/openapi.json``, generated from
``views.TYPES`` by ``interop/fhir/openapi.py``), its bodies HL7's FHIR R4 JSON Schema. Schemathesis
generates requests for every operation — valid ones and, where a parameter can be broken, invalid
ones — and sends them straight to the WSGI application as a logged-in professional (a session
cookie and a CSRF token, as a browser would). A read's id is the id of a real row of that type
in the world (when the generated id is a valid one), so the reads reach the mapping, not only
the 404; a created ServiceRequest names the world's client. Every answer must be no 5xx, conform
to the documented statuses, content types, headers and schemas, and — the FHIR check — be valid
against the whole fhir.schema.json (its ``contained`` and Bundle entries included) and parse as
its fhir.resources R4B model. A valid request the domain refuses (an unknown status token, a
referral the consent does not cover) is a documented 400 OperationOutcome, not a failure: the
rules are the server's, not the schema's. Bounded and derandomised (decision 0397).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import import_module
from typing import Any

import jsonschema
import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tukiverkko.assessments import actions as assessment_actions
from tukiverkko.assessments.tests.factories import PHQ9_ANSWERS
from tukiverkko.interop.fhir.openapi import fhir_schema
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.referrals.tests.factories import a_referral_in, a_world
from tukiverkko.wsgi import application

schema = schemathesis.openapi.from_wsgi("/fhir/R4/openapi.json", application)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

CSRF = "k" * 32  # a CSRF secret: the cookie and the header carry the same one


@cache
def _validator(resource_type: str) -> jsonschema.Draft6Validator:
    """The resource type's definition in the whole fhir.schema.json (its references resolved
    there: ``contained`` and a Bundle's entries against every resource type)."""
    whole = fhir_schema()
    root = {"$schema": whole["$schema"], "definitions": whole["definitions"]}
    return jsonschema.Draft6Validator(
        {**root, "allOf": [{"$ref": f"#/definitions/{resource_type}"}]}
    )


def _schema_problems(body: Any, at: str = "") -> list[str]:
    """Where and why ``body`` breaks fhir.schema.json ([] when it does not)."""
    if not isinstance(body, dict) or not isinstance(body.get("resourceType"), str):
        return [f"{at}: not a resource (no resourceType)"]
    if body["resourceType"] not in fhir_schema()["definitions"]:
        return [f"{at}: no such resource type: {body['resourceType']}"]
    found = []
    for error in _validator(body["resourceType"]).iter_errors(body):
        where = at + "/" + "/".join(str(p) for p in error.absolute_path)
        if error.validator == "oneOf" and isinstance(error.instance, dict):
            found += _schema_problems(error.instance, where)  # a contained or entry resource
        else:
            found.append(f"{where}: {error.message}")
    return found


def fhir_problems(body: Any) -> list[str]:
    """Why ``body`` is not a valid FHIR resource ([] when it is): the standard's JSON Schema,
    then the R4B model the server built it with."""
    found = _schema_problems(body)
    if found:
        return found
    try:
        get_fhir_model_class(body["resourceType"]).model_validate(body)
    except (ValueError, KeyError) as error:
        return [f"fhir.resources R4B: {error}"]
    return []


@schemathesis.check
def fhir_valid(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every application/fhir+json answer is a valid FHIR resource (R4 schema, R4B model)."""
    if not response.headers.get("content-type", [""])[0].startswith("application/fhir+json"):
        return None
    problems = fhir_problems(json.loads(response.content))
    if problems:
        raise AssertionError("Not valid FHIR:\n" + "\n".join(problems[:5]))
    return True


@pytest.fixture
def world(db):
    """A referral with a plan, a goal and a PHQ-9 result in its case, and its sender's session."""
    w = a_world()
    plan = a_plan_with_goals(w.case, by=w.sender)
    referral = a_referral_in("sent", w)  # the consent its sending needs comes with it
    result = assessment_actions.record_instrument_result(
        case=w.case,
        by=w.sender,
        instrument="phq9",
        answers=PHQ9_ANSWERS,
        assessed_on=timezone.localdate(),
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(w.sender.pk)
    store[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b
    )
    store[HASH_SESSION_KEY] = w.sender.get_session_auth_hash()
    store.save()
    ids = {
        "Patient": w.case.client_id,
        "CarePlan": plan.pk,
        "Goal": plan.goals.first().pk,
        "ServiceRequest": referral.pk,
        "Task": referral.pk,
        "Organization": w.receiving.pk,
        "HealthcareService": w.service.pk,
        "Questionnaire": "phq9",
        "QuestionnaireResponse": result.pk,
    }
    cookies = {settings.SESSION_COOKIE_NAME: store.session_key, settings.CSRF_COOKIE_NAME: CSRF}
    return ids, cookies


def _is_positive(case: Any, location: str) -> bool:
    component = (case.meta.components or {}).get(location) if case.meta else None
    return component is not None and component.mode == GenerationMode.POSITIVE


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_fhir_conforms_to_its_openapi_and_to_the_standard(case, world, keep_test_connection):
    # given the world's rows, read by their sender
    ids, cookies = world
    if not _is_positive(case, "cookie") and case.meta and "cookie" in case.meta.components:
        cookies = {}  # the session cookie is the part left out: then it is a 401
    kind = case.operation.path.split("/")[3]
    if case.path_parameters and _is_positive(case, "path") and kind in ids:
        case.path_parameters["id"] = ids[kind]
    if isinstance(case.body, dict) and _is_positive(case, "body"):
        case.body["subject"] = {"reference": f"Patient/{ids['Patient']}"}
    # then every answer is documented, conforms to its schema and to FHIR, and is never a 5xx
    case.call_and_validate(
        cookies=cookies,
        headers={"X-CSRFToken": CSRF},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ],
        additional_checks=[fhir_valid],
    )
