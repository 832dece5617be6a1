"""Who coordinates the client's path — seed 003 as a suggestion (pure, no Django).

"TYM asiakas saa tuen TYM-prosessin kautta; Työkykykoordinaattori koordinoi palvelupolkua,
mikäli terveydenhuollon palveluita tarvitsevan asiakkaan tilanne vaatii vahvaa työkyvyn tuen
palvelukokonaisuuden tuntemista … Asiakkaan erityistarpeet … voivat määrittää, mikä taho
koordinoi (esim. sosiaali- tai vammaispalvelut, mielenterveys- ja päihdepalvelut,
järjestötoimija)." [003]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpecialNeed = Literal["social", "disability", "mental_health_substance", "ngo"]
Coordinator = Literal[
    "tym_process",
    "work_ability_coordinator",
    "social_services",
    "disability_services",
    "mental_health_substance_services",
    "ngo",
    "responsible_worker",
]

SPECIAL_NEEDS: tuple[SpecialNeed, ...] = ("social", "disability", "mental_health_substance", "ngo")
BY_SPECIAL_NEED: dict[SpecialNeed, Coordinator] = {
    "social": "social_services",
    "disability": "disability_services",
    "mental_health_substance": "mental_health_substance_services",
    "ngo": "ngo",
}


@dataclass(frozen=True)
class CoordinatorFacts:
    tym_client: bool | None = None  # in the multisectoral employment service (TYM/TYP)
    needs_health_services: bool | None = None
    complex_situation: bool | None = None  # needs a strong knowledge of the whole network
    special_need: SpecialNeed | None = None


@dataclass(frozen=True)
class Suggestion:
    coordinator: Coordinator
    rule: Literal["tym", "special_need", "health_complex", "default"]  # which sentence of [003]


def suggest(facts: CoordinatorFacts) -> Suggestion:
    """The seed's order: a TYM client goes through the TYM process; a special need may decide
    who coordinates; a health-heavy complex situation is the work-ability coordinator's;
    otherwise the responsible worker coordinates as before."""
    if facts.tym_client:
        return Suggestion("tym_process", "tym")
    if facts.special_need is not None:
        return Suggestion(BY_SPECIAL_NEED[facts.special_need], "special_need")
    if facts.needs_health_services and facts.complex_situation:
        return Suggestion("work_ability_coordinator", "health_complex")
    return Suggestion("responsible_worker", "default")
