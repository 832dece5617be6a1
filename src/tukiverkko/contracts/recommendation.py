"""Generated from recommendation.schema.json by ``make contract-types`` — do not edit by hand."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field


class WorkAbility(BaseModel):
    score: int | None = None
    needs_assessment: Annotated[
        bool | None,
        Field(
            description="true when score <= 7 or any trigger is present; null when neither is known."
        ),
    ]
    reasons: list[str] | None = None


class Criterion(BaseModel):
    id: str
    met: bool | None
    text: Annotated[str, Field(description="Human-readable criterion, Finnish by default.")]
    source: Annotated[
        str | None, Field(description="Seed document or law the criterion comes from.")
    ] = None


class Practice(BaseModel):
    scope: Annotated[
        str | None, Field(description="Scope id (data/parameters/scopes.yaml), or 'national'.")
    ]
    name: str
    source: str | None = None


class Service(BaseModel):
    service_type: Annotated[
        str, Field(description="Stable slug of the nationwide service type, e.g. 'tym'.")
    ]
    status: Annotated[
        Literal["eligible", "not_eligible", "unknown", "not_available"],
        Field(description="not_available: the service does not exist on the reference date."),
    ]
    criteria: list[Criterion]
    missing: Annotated[
        list[str] | None,
        Field(description="ClientSituation fields whose absence makes the status unknown."),
    ] = None
    requires: Annotated[
        list[str] | None,
        Field(
            description="Access prerequisites still to arrange, e.g. 'doctor_referral', 'social_care_decision', 'consent'."
        ),
    ] = None
    practice: Annotated[
        Practice | None,
        Field(
            description="Whose practice the criteria are: a region's or a municipality's own (seeds [000]-[004]) or the national rule. scope is null when the municipality is unknown and the practices disagree."
        ),
    ] = None


class VocationalRehabilitation(BaseModel):
    organiser: Annotated[
        Literal["accident_insurance", "establish_threat", "earnings_related_pension", "kela"]
        | None,
        Field(
            description="establish_threat: no doctor has found a threat of work disability yet; establish it first (doctor, B-lausunto)."
        ),
    ]
    supplementary: list[str] | None = None
    path: Annotated[list[str] | None, Field(description="The decisions taken, in order.")] = None


class Routes(BaseModel):
    vocational_rehabilitation: VocationalRehabilitation | None = None
    health_care_route: Annotated[
        str | None,
        Field(
            description="e.g. 'occupational_health_care', 'student_health_care', 'unemployed_health_check'."
        ),
    ] = None


class Recommendation(BaseModel):
    reference_date: date
    work_ability: WorkAbility
    services: list[Service]
    routes: Routes
    next_questions: Annotated[
        list[str], Field(description="ClientSituation fields worth asking next, most useful first.")
    ]
