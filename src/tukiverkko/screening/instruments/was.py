"""Työkykypistemäärä (work ability score, WAS): one question, 0–10.

Finnish practice (seed [001], RULEBOOK §4.1): a score of 7 or lower → investigate work ability
further. The research bands of Ahlstrom et al. 2010 are shown as additional information only.
"""

from __future__ import annotations

from collections.abc import Mapping

from tukiverkko.screening.instruments.base import (
    Band,
    Instrument,
    InstrumentResult,
    Item,
    Option,
    band_for,
    fi,
)
from tukiverkko.screening.was import NEEDS_ASSESSMENT_MAX

SOURCE = (
    "Työkykypistemäärä (Work Ability Score, WAI:n 1. kysymys); Päijät-Soten toimintamalli "
    "(siemen [001]); Duodecim Terveysportti tmm00100; tutkimusluokitus Ahlstrom ym. 2010, "
    "https://pubmed.ncbi.nlm.nih.gov/20372766/"
)

QUESTION = (
    "Oletetaan, että työkykysi on parhaimmillaan saanut 10 pistettä. Minkä pistemäärän antaisit "
    "nykyiselle työkyvyllesi? Jos et ole tällä hetkellä töissä, arvioi viimeisintä työtäsi tai "
    "ammattisi vaatimuksia. Jos sinulla ei ole ammattia, arvioi tilannettasi suhteessa siihen, "
    "mitä haluaisit työksesi tehdä."
)


def _label(points: int) -> dict[str, str]:
    if points == 0:
        return fi("0 – en pysty lainkaan työhön")
    if points == 10:
        return fi("10 – työkykyni on parhaimmillaan")
    return fi(str(points))


ITEMS = (Item("score", fi(QUESTION), tuple(Option(p, _label(p)) for p in range(11))),)

BANDS = (
    Band(
        "needs_assessment",
        0,
        NEEDS_ASSESSMENT_MAX,
        "Työkykyä kannattaa selvittää tarkemmin",
        "Pistemäärä on 7 tai alle: työkykyä kannattaa selvittää tarkemmin (esim. "
        "työttömien terveydenhoitaja tai työkykykoordinaattori).",
    ),
    Band(
        "no_need",
        NEEDS_ASSESSMENT_MAX + 1,
        10,
        "Ei tarvetta tarkempaan selvittelyyn pistemäärän perusteella",
        "Pistemäärä on 8 tai yli: pistemäärän perusteella ei tarvetta tarkempaan "
        "työkyvyn selvittelyyn. Huomioi silti herätteet.",
    ),
)

#: Research bands (Ahlstrom 2010): additional information, not the Finnish decision rule.
RESEARCH_BANDS = (
    Band("poor", 0, 5, "huono", "Huono työkyky (0–5)."),
    Band("moderate", 6, 7, "kohtalainen", "Kohtalainen työkyky (6–7)."),
    Band("good", 8, 9, "hyvä", "Hyvä työkyky (8–9)."),
    Band("excellent", 10, 10, "erinomainen", "Erinomainen työkyky (10)."),
)


def _score(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    score = values["score"]
    band = band_for(BANDS, score)
    research = band_for(RESEARCH_BANDS, score)
    return InstrumentResult(
        instrument="was",
        score=score,
        max_score=10,
        band=band.slug,
        band_label=band.label,
        interpretation=f"{band.interpretation} Tutkimusluokitus: {research.label}.",
        source=SOURCE,
        details={"research_band": research.slug},
    )


WAS = Instrument(
    id="was",
    name="Työkykypistemäärä (WAS)",
    description="Asiakkaan oma arvio nykyisestä työkyvystään asteikolla 0–10.",
    items=ITEMS,
    bands=BANDS,
    min_score=0,
    max_score=10,
    source=SOURCE,
    scorer=_score,
)
