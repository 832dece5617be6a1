"""Who coordinates (seed 003), as a suggestion: the seed's order of precedence."""

from __future__ import annotations

import pytest

from tukiverkko.assessments.coordinator import CoordinatorFacts, suggest


@pytest.mark.parametrize(
    ("facts", "coordinator", "rule"),
    [
        # a TYM client gets support through the TYM process, whatever else holds
        (
            CoordinatorFacts(tym_client=True, needs_health_services=True, complex_situation=True),
            "tym_process",
            "tym",
        ),
        # a special need may decide who coordinates
        (CoordinatorFacts(special_need="disability"), "disability_services", "special_need"),
        (
            CoordinatorFacts(special_need="mental_health_substance", complex_situation=True),
            "mental_health_substance_services",
            "special_need",
        ),
        (CoordinatorFacts(special_need="ngo"), "ngo", "special_need"),
        (CoordinatorFacts(special_need="social"), "social_services", "special_need"),
        # a health-heavy situation that needs the whole network's knowledge: the coordinator
        (
            CoordinatorFacts(needs_health_services=True, complex_situation=True),
            "work_ability_coordinator",
            "health_complex",
        ),
        # health services alone, or complexity alone, leave it with the responsible worker
        (CoordinatorFacts(needs_health_services=True), "responsible_worker", "default"),
        (CoordinatorFacts(complex_situation=True), "responsible_worker", "default"),
        (CoordinatorFacts(), "responsible_worker", "default"),
    ],
)
def test_the_suggestion_follows_the_seeds_order(facts, coordinator, rule):
    suggestion = suggest(facts)
    assert (suggestion.coordinator, suggestion.rule) == (coordinator, rule)
