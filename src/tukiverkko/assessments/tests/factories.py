"""Professionals and cases for the assessment tests."""

from __future__ import annotations

from tukiverkko.accounts.models import Organisation, Register, Role, User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional, a_unit


def a_nurse(org: Organisation | None = None, role: str = Role.UNEMPLOYED_HEALTH_NURSE) -> User:
    unit_org = org or a_professional().organisation
    assert unit_org is not None
    return a_professional(role=role, unit=a_unit(unit_org, Register.HEALTH_CARE))


def a_doctor_of(org: Organisation) -> User:
    return a_professional(role=Role.DOCTOR, unit=a_unit(org, Register.HEALTH_CARE))


def a_social_worker_of(org: Organisation, role: str = Role.SOCIAL_WORKER) -> User:
    return a_professional(role=role, unit=a_unit(org, Register.SOCIAL_CARE))


def a_health_case(phase: str = Phase.JOINT_ASSESSMENT) -> tuple[Case, User]:
    """A case kept in a health-care register, opened by its nurse."""
    nurse = a_nurse()
    return a_case_in_phase(phase, nurse), nurse


PHQ9_ANSWERS = {f"q{i}": 1 for i in range(1, 10)}  # 9 points: mild
