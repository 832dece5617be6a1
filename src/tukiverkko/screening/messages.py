"""What the screening pages and the API call things and how they explain a bad answer — in
Finnish, translatable (the pure instrument modules hold Finnish only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tukiverkko.screening.instruments import Instrument, Problem
from tukiverkko.screening.instruments.base import pick

#: Instrument names and short descriptions for the UI (the pure modules hold Finnish only).
NAMES = {
    "was": gettext_lazy("Työkykypistemäärä (WAS)"),
    "wai": gettext_lazy("Työkykyindeksi (WAI)"),
    "phq9": gettext_lazy("PHQ-9 (masennusoireet)"),
    "gad7": gettext_lazy("GAD-7 (ahdistuneisuusoireet)"),
    "audit": gettext_lazy("AUDIT (alkoholinkäyttö)"),
    "audit_c": gettext_lazy("AUDIT-C (alkoholinkäytön lyhyt kysely)"),
    "odi": gettext_lazy("Oswestry-indeksi (ODI, alaselkäkivun haitta)"),
}
DESCRIPTIONS = {
    "was": gettext_lazy("Asiakkaan oma arvio nykyisestä työkyvystään asteikolla 0–10."),
    "wai": gettext_lazy("Seitsemän osion työkykyindeksi, 7–49 pistettä."),
    "phq9": gettext_lazy("Yhdeksän kysymyksen masennusoirekysely, 0–27 pistettä."),
    "gad7": gettext_lazy("Seitsemän kysymyksen ahdistuneisuusoirekysely, 0–21 pistettä."),
    "audit": gettext_lazy("Kymmenen kysymyksen alkoholinkäytön riskien tunnistamistesti, 0–40."),
    "audit_c": gettext_lazy("AUDIT:n kolme ensimmäistä kysymystä, 0–12 pistettä."),
    "odi": gettext_lazy("Kymmenen osion selkäkivun toimintakykyhaitta, 0–100 %."),
}
FLAGS = {
    "phq9_item9_positive": gettext_lazy(
        "Kysymykseen 9 (kuolemaan tai itsensä vahingoittamiseen liittyvät ajatukset) on "
        "vastattu yli 0 pistettä kokonaispisteistä riippumatta."
    ),
    "screen_positive": gettext_lazy("Seulontapositiivinen: raja-arvo ylittyy."),
    "sex_not_given": gettext_lazy(
        "Sukupuolta ei annettu: käytettiin alempaa (naisten) raja-arvoa."
    ),
    "audit_zone_raised": gettext_lazy(
        "Toimenpidetasoa nostettiin yhdellä riippuvuus- tai haittakysymysten (4–6 tai 9–10) vuoksi."
    ),
    "odi_sections_missing": gettext_lazy(
        "Osa osioista jätettiin vastaamatta; indeksi laskettiin vastatuista osioista."
    ),
}
SEXES = {"male": gettext_lazy("Mies"), "female": gettext_lazy("Nainen")}


def item_refs(instrument: Instrument) -> dict[str, str]:
    """What each item is called on the page: 1, 2, 3 … or, for grouped items (WAI), 2a, 2b, 7c."""
    if not any(item.group for item in instrument.items):
        return {item.id: str(n) for n, item in enumerate(instrument.items, start=1)}
    groups: dict[str, list[str]] = {}
    for item in instrument.items:
        groups.setdefault((item.group or {}).get("fi", item.id), []).append(item.id)
    refs: dict[str, str] = {}
    for number, members in enumerate(groups.values(), start=1):
        for letter, item_id in zip("abcdefgh", members, strict=False):
            refs[item_id] = f"{number}{letter}" if len(members) > 1 else str(number)
    return refs


def problem_text(instrument: Instrument, problem: Problem) -> str:
    """A Finnish (translatable) message naming the item and what to do."""
    label = item_refs(instrument).get(problem.item, problem.item)
    if problem.code == "missing":
        return _("Kohta %(item)s: vastaus puuttuu. Valitse yksi vaihtoehdoista.") % {"item": label}
    if problem.code == "too_many_missing":
        return _(
            "Kohta %(item)s: vastaus puuttuu. Indeksiä ei lasketa, jos vastaamatta on yli "
            "%(max)s osiota."
        ) % {"item": label, "max": instrument.max_missing}
    if problem.code == "unknown":
        return _("Tuntematon kohta %(item)s.") % {"item": label}
    if problem.item == "sex":
        return _("Sukupuoli: valitse mies tai nainen, tai jätä valitsematta.")
    return _("Kohta %(item)s: valitse jokin annetuista vaihtoehdoista.") % {"item": label}


def questions(instrument: Instrument, data: Mapping[str, str]) -> list[dict[str, Any]]:
    """The instrument's items as a form shows them, in the current language, with the answers
    of ``data`` (a submitted form) checked — for the pages that record a result on a case
    (assessments) and the client's self-assessment (portal)."""
    lang = get_language() or "fi"
    refs = item_refs(instrument)
    return [
        {
            "id": item.id,
            "number": refs.get(item.id, item.id),
            "text": item.label(lang),
            "group": pick(item.group, lang) if item.group else "",
            "options": [
                {
                    "value": o.value,
                    "label": o.text(lang),
                    "checked": data.get(item.id) == str(o.value),
                }
                for o in item.options
            ],
        }
        for item in instrument.items
    ]
