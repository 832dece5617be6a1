"""Herätteet (triggers) and "before contact" signals of a work-ability support need.

Checklists, not scored instruments: any one trigger is a reason to talk about work ability and
consider the work ability score (seed [001], RULEBOOK §4.4). The trigger slugs are exactly the
``triggers`` enum of ``contracts/client-situation.schema.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SOURCE = (
    "Päijät-Sote: Työkyvyn tuki sote-keskuksessa, ammattilaisten toimintamallit (siemen [001]); "
    "https://innokyla.fi/sites/default/files/2022-12/Ty%C3%B6kyvyn_tuki_sote-keskuksessa.pdf"
)


@dataclass(frozen=True)
class ChecklistItem:
    slug: str
    text: str


@dataclass(frozen=True)
class ChecklistGroup:
    slug: str
    title: str
    items: tuple[ChecklistItem, ...]


TRIGGERS = (
    ChecklistItem("repeated_sick_leave", "Sairausloma tai toistuvat sairauslomat"),
    ChecklistItem("rejected_benefit", "Hylätyt sairauspäivärahat, kuntoutusetuudet tai eläkkeet"),
    ChecklistItem(
        "assessment_mismatch", "Epäsuhta asiakkaan oman arvion ja lääketieteellisen arvion välillä"
    ),
    ChecklistItem(
        "fragmented_work_history", "Rikkonainen työhistoria, useampia tuettuja työpaikkoja"
    ),
    ChecklistItem("untreated_symptoms", "Hoitamattomat sairaudet tai oireet"),
    ChecklistItem(
        "occupational_health_ending",
        "Työterveyshuolto loppumassa, työsuhde päättymässä tai työttömyyden uhka",
    ),
    ChecklistItem(
        "low_self_efficacy",
        "Heikko pystyvyyden tunne tai oma kokemus alentuneesta työ- ja toimintakyvystä",
    ),
    ChecklistItem("learning_difficulties", "Oppimisvaikeudet, kognitiivisten taitojen puute"),
    ChecklistItem("addiction", "Riippuvuudet"),
)

BEFORE_CONTACT_SIGNALS = (
    ChecklistItem("prolonged_unemployment", "Pitkittynyt työttömyys"),
    ChecklistItem("long_or_multiple_sick_leaves", "Pitkään jatkuneet tai useat sairauslomat"),
    ChecklistItem("short_employments", "Lyhyeksi jääneet työsuhteet"),
    ChecklistItem("unfinished_studies", "Loppuun viemättömät opiskelut"),
    ChecklistItem(
        "health_challenges", "Työ- ja toimintakykyyn vaikuttavat terveydelliset haasteet"
    ),
    ChecklistItem("weak_job_search_skills", "Puutteet työnhakutaidoissa"),
    ChecklistItem("exhaustion", "Jaksamattomuus"),
    ChecklistItem(
        "cannot_handle_employment_matters",
        "Kykenemättömyys hoitaa työllistymiseen liittyviä asioita",
    ),
    ChecklistItem("lack_of_motivation", "Motivaation puute työllistyä"),
)

GROUPS = (
    ChecklistGroup("triggers", "Työkyvyn tuen tarpeen herätteet", TRIGGERS),
    ChecklistGroup("before_contact", "Merkit ennen yhteydenottoa", BEFORE_CONTACT_SIGNALS),
)

TRIGGER_SLUGS = tuple(item.slug for item in TRIGGERS)


def check(selected: Iterable[str], items: tuple[ChecklistItem, ...] = TRIGGERS) -> list[str]:
    """The selected slugs in checklist order; ValueError naming every unknown slug."""
    chosen = set(selected)
    known = {item.slug for item in items}
    unknown = sorted(chosen - known)
    if unknown:
        raise ValueError(f"unknown checklist item(s): {', '.join(unknown)}")
    return [item.slug for item in items if item.slug in chosen]


def support_need_indicated(triggers: Iterable[str]) -> bool:
    """True when at least one (known) trigger is present: talk about work ability."""
    return bool(check(triggers))
