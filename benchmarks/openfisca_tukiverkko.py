"""The TYM and kuntouttava-työtoiminta eligibility written for OpenFisca-core (benchmark only).

A peer implementation to compare speed with: the same conditions as
``tukiverkko.rules.definitions`` for ``tym`` and ``kuntouttava-tyotoiminta``, written the
OpenFisca way (a variable per concept, numpy vectors). OpenFisca has no 'unknown': its inputs
must all be known, so the comparison is made on the rows where every input is known. Not part of
the package; needs ``openfisca-core`` (the ``bench`` extra).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Person = build_entity(key="person", plural="persons", label="Henkilö", is_person=True)


class EmploymentStatus(Enum):
    unemployed = "työtön"
    laid_off = "lomautettu"
    employed = "työssä"
    self_employed = "yrittäjä"
    student = "opiskelija"
    sick_leave = "sairauslomalla"
    rehabilitation = "kuntoutuksessa"
    pensioner = "eläkkeellä"
    other = "muu"


class UnemploymentBenefit(Enum):
    earnings_related = "ansiosidonnainen"
    basic = "peruspäiväraha"
    labour_market_subsidy = "työmarkkinatuki"
    none = "ei etuutta"


def _input(name: str, kind: type, **extra: Any) -> type[Variable]:
    attrs = {"value_type": kind, "entity": Person, "definition_period": MONTH, **extra}
    return type(name, (Variable,), attrs)


employment_status = _input(
    "employment_status",
    Enum,
    possible_values=EmploymentStatus,
    default_value=EmploymentStatus.other,
)
unemployment_benefit = _input(
    "unemployment_benefit",
    Enum,
    possible_values=UnemploymentBenefit,
    default_value=UnemploymentBenefit.none,
)
need_count = _input("need_count", int)  # Työkykymittari step 2: needs found
known_work_limitations = _input("known_work_limitations", bool)
barrier_count = _input("barrier_count", int)  # life-management barriers
receives_social_assistance = _input("receives_social_assistance", bool)
needs_multiprofessional_support = _input("needs_multiprofessional_support", bool)
capacity_prevents_employment_services = _input("capacity_prevents_employment_services", bool)


class unemployed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH

    def formula(person: Any, period: Any) -> Any:  # type: ignore[misc]
        status = person("employment_status", period)
        return (status == EmploymentStatus.unemployed) + (status == EmploymentStatus.laid_off)


class limitation(Variable):
    """A need found or known work restrictions (with both known, the score does not matter)."""

    value_type = bool
    entity = Person
    definition_period = MONTH

    def formula(person: Any, period: Any) -> Any:  # type: ignore[misc]
        return (person("need_count", period) > 0) + person("known_work_limitations", period)


class tym_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH

    def formula(person: Any, period: Any) -> Any:  # type: ignore[misc]
        benefit = person("unemployment_benefit", period)
        on_benefit = benefit != UnemploymentBenefit.none
        return (
            person("unemployed", period)
            * on_benefit
            * (person("limitation", period) + (person("barrier_count", period) > 0))
            * person("needs_multiprofessional_support", period)
        )


class ktt_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH

    def formula(person: Any, period: Any) -> Any:  # type: ignore[misc]
        lms = person("unemployment_benefit", period) == UnemploymentBenefit.labour_market_subsidy
        return (
            person("unemployed", period)
            * (lms + person("receives_social_assistance", period))
            * person("capacity_prevents_employment_services", period)
        )


def system() -> TaxBenefitSystem:
    tbs = TaxBenefitSystem([Person])
    for variable in (
        employment_status,
        unemployment_benefit,
        need_count,
        known_work_limitations,
        barrier_count,
        receives_social_assistance,
        needs_multiprofessional_support,
        capacity_prevents_employment_services,
        unemployed,
        limitation,
        tym_eligible,
        ktt_eligible,
    ):
        tbs.add_variable(variable)
    return tbs


def eligibility(tbs: TaxBenefitSystem, columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """TYM and KTT eligibility for fully known inputs (numpy arrays, enums as strings)."""
    count = len(columns["need_count"])
    sim = SimulationBuilder().build_default_simulation(tbs, count)
    period = "2025-06"
    sim.set_input(
        "employment_status", period, EmploymentStatus.encode(columns["employment_status"])
    )
    sim.set_input(
        "unemployment_benefit", period, UnemploymentBenefit.encode(columns["unemployment_benefit"])
    )
    for name in (
        "need_count",
        "known_work_limitations",
        "barrier_count",
        "receives_social_assistance",
        "needs_multiprofessional_support",
        "capacity_prevents_employment_services",
    ):
        sim.set_input(name, period, columns[name])
    return {
        "tym": sim.calculate("tym_eligible", period),
        "kuntouttava-tyotoiminta": sim.calculate("ktt_eligible", period),
    }
