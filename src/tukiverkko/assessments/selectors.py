"""What a professional sees of a case's assessments — through the content filter, every
disclosure logged — and what the assessments tell the rules (cases.facts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tukiverkko.accounts.actors import Professional
from tukiverkko.assessments.models import (
    HealthCheck,
    HealthCheckStep,
    InstrumentAssessment,
    NeedsAssessment,
)
from tukiverkko.cases.models import Case
from tukiverkko.consent.content import Filtered, disclosing
from tukiverkko.consent.models import Purpose


@dataclass(frozen=True)
class AssessmentsView:
    instruments: Filtered[InstrumentAssessment]
    health_checks: Filtered[HealthCheck]
    needs_assessments: Filtered[NeedsAssessment]

    @property
    def open_check(self) -> HealthCheck | None:
        """The health check in progress, if the reader may see it."""
        for check in self.health_checks.shown:
            if check.step in (HealthCheckStep.IDENTIFIED, HealthCheckStep.NURSE_CHECKED):
                return check
        return None

    @property
    def empty(self) -> bool:
        return not any(
            (f.shown or f.hidden)
            for f in (self.instruments, self.health_checks, self.needs_assessments)
        )


def case_assessments(viewer: Professional, case: Case, *, purpose: str) -> AssessmentsView:
    """The case's assessments this reader may see, newest first (the client is authorised)."""
    with disclosing(viewer, case.client_id, purpose=purpose, what="assessments") as content:
        return AssessmentsView(
            instruments=content.filter(
                case.instrument_assessments.select_related("recorded_by"),
                kind="instrument_result",
            ),
            health_checks=content.filter(
                case.health_checks.select_related(
                    "nurse", "doctor", "opened_by", "referrer_organisation", "case"
                ),
                kind="health_check",
            ),
            needs_assessments=content.filter(
                case.needs_assessments.select_related("assessed_by", "named_worker"),
                kind="needs_assessment",
            ),
        )


def health_check_of(viewer: Professional, check: HealthCheck, *, purpose: str) -> bool:
    """May this reader see the health check's content (a disclosure logged when it is)?"""
    with disclosing(viewer, check.case.client_id, purpose=purpose, what="health_check") as c:
        return c.allows(check, kind="health_check")


def facts_of_case(case: Case) -> Mapping[str, Any]:
    """For the rules: the nurse's or coordinator's broad check is done once it is recorded
    (the prerequisite of the doctor's work-ability assessment, rules.criteria)."""
    done = HealthCheck.objects.filter(case=case).exclude(step=HealthCheckStep.IDENTIFIED).exists()
    return {"nurse_or_coordinator_assessment_done": True} if done else {}


PURPOSES = {p.value for p in Purpose}
