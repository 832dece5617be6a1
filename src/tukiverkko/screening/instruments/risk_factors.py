"""Työkyvyttömyyden riskitekijät (work-disability risk factors), grouped as in seed [002].

A checklist for the professional (RULEBOOK §4.5), not a scored instrument: the factors name what
to pay attention to; they are not added up.
"""

from __future__ import annotations

from tukiverkko.screening.instruments.triggers import ChecklistGroup, ChecklistItem

SOURCE = (
    "FCG / Lapin ELY-keskus, webinaari 25.1.2022: Työkyvyttömyyden riskitekijöitä (siemen [002])"
)

WORKPLACE = ChecklistGroup(
    "workplace",
    "Työpaikkaan liittyvät",
    (
        ChecklistItem("job_stress", "Työstressi"),
        ChecklistItem("low_job_satisfaction", "Heikko työtyytyväisyys"),
        ChecklistItem("high_physical_demands", "Suuret fyysiset vaatimukset työssä"),
        ChecklistItem("low_control", "Heikot vaikutusmahdollisuudet"),
        ChecklistItem("low_social_support", "Vähäinen sosiaalinen tuki"),
        ChecklistItem("no_flexibility", "Työjoustojen tai korvaavan työn puute"),
        ChecklistItem(
            "little_employer_contact", "Työnantajan vähäinen yhteydenpito sairauspoissaolon aikana"
        ),
    ),
)

PERSON = ChecklistGroup(
    "person",
    "Henkilöön liittyvät",
    (
        ChecklistItem("high_age", "Korkea ikä"),
        ChecklistItem("high_sick_leave", "Korkeat sairauspoissaolot"),
        ChecklistItem("multiple_chronic_diseases", "Useat perussairaudet"),
        ChecklistItem("sleep_problems", "Univaikeudet"),
        ChecklistItem("high_bmi", "Korkea painoindeksi"),
        ChecklistItem("smoking", "Tupakointi"),
        ChecklistItem("excessive_worry", "Ylenpalttinen huoli tai ahdistus"),
        ChecklistItem("depression", "Masennus"),
        ChecklistItem("low_belief_in_recovery", "Heikko usko paranemiseen"),
        ChecklistItem("uncertainty_about_future", "Epätietoisuus tulevasta"),
        ChecklistItem("work_disability_thoughts", "Työkyvyttömyysajatukset"),
        ChecklistItem("passive_coping", "Passiiviset selviytymisstrategiat"),
    ),
)

OTHER = ChecklistGroup(
    "other",
    "Muut tekijät",
    (
        ChecklistItem("financial_problems", "Taloudelliset ja kompensaatio-ongelmat"),
        ChecklistItem(
            "actor_disagreements",
            "Keskeisten toimijoiden keskinäiset väärinkäsitykset ja erimielisyydet",
        ),
        ChecklistItem("process_delays", "Prosessin viivästykset"),
        ChecklistItem("ineffective_treatment_cycle", "Tehottomien hoitojen kierre"),
        ChecklistItem("useless_rtw_measures", "Hyödyttömät työhönpaluun tukitoimenpiteet"),
        ChecklistItem("negative_close_ones", "Läheisten kielteinen asenne"),
        ChecklistItem("social_isolation", "Sosiaalinen eristyneisyys"),
        ChecklistItem("unemployment", "Työttömyys"),
    ),
)

GROUPS = (WORKPLACE, PERSON, OTHER)


def by_group(selected: set[str]) -> dict[str, list[str]]:
    """Selected factor slugs per group slug (checklist order); ValueError naming unknown slugs."""
    known = {item.slug for group in GROUPS for item in group.items}
    unknown = sorted(selected - known)
    if unknown:
        raise ValueError(f"unknown risk factor(s): {', '.join(unknown)}")
    return {
        group.slug: [item.slug for item in group.items if item.slug in selected] for group in GROUPS
    }
