"""PHQ-9 (Patient Health Questionnaire, depression), Kroenke et al. 2001.

Nine items 0–3, total 0–27. Item 9 (thoughts of death or self-harm) answered above 0 flags an
immediate suicide-risk assessment whatever the total (RULEBOOK §12).

Texts: English is the original (public domain, Pfizer); Swedish is Pfizer's translation by Mats
Adler (screener.se); Finnish follows the Finnish translation in use (mielenterveystalo.fi) — check
the wording against the official form before printing it for clinical use.
"""

from __future__ import annotations

from collections.abc import Mapping

from tukiverkko.screening.instruments.base import (
    Band,
    Instrument,
    InstrumentResult,
    Item,
    band_for,
    scale,
)

SOURCE = (
    "Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16:606–613. "
    "https://pubmed.ncbi.nlm.nih.gov/11556941/"
)

INSTRUCTIONS = {
    "fi": "Kuinka usein seuraavat ongelmat ovat vaivanneet sinua viimeisen kahden viikon aikana?",
    "sv": "Under de senaste 2 veckorna, hur ofta har du besvärats av något av följande problem?",
    "en": "Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
}

OPTIONS = scale(
    {"fi": "Ei lainkaan", "sv": "Inte alls", "en": "Not at all"},
    {"fi": "Useana päivänä", "sv": "Flera dagar", "en": "Several days"},
    {
        "fi": "Suurimpana osana päivistä",
        "sv": "Mer än hälften av dagarna",
        "en": "More than half the days",
    },
    {"fi": "Lähes joka päivä", "sv": "Nästan varje dag", "en": "Nearly every day"},
)

_TEXTS: tuple[dict[str, str], ...] = (
    {
        "fi": "Vähäinen kiinnostus tai mielihyvä asioiden tekemiseen",
        "sv": "Lite intresse eller glädje i att göra saker",
        "en": "Little interest or pleasure in doing things",
    },
    {
        "fi": "Alakuloisuus, masentuneisuus tai toivottomuus",
        "sv": "Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut",
        "en": "Feeling down, depressed, or hopeless",
    },
    {
        "fi": "Nukahtamisvaikeudet, katkonainen uni tai liiallinen nukkuminen",
        "sv": "Problem att somna eller att du vaknat i förtid, eller sovit för mycket",
        "en": "Trouble falling or staying asleep, or sleeping too much",
    },
    {
        "fi": "Väsymys tai voimattomuus",
        "sv": "Känt dig trött eller energilös",
        "en": "Feeling tired or having little energy",
    },
    {
        "fi": "Huono ruokahalu tai ylensyöminen",
        "sv": "Dålig aptit eller att du ätit för mycket",
        "en": "Poor appetite or overeating",
    },
    {
        "fi": "Huono itsetunto – tai tunne siitä, että olet epäonnistunut tai tuottanut "
        "pettymyksen itsellesi tai perheellesi",
        "sv": "Dålig självkänsla - eller att du känt dig misslyckad eller att du svikit dig själv "
        "eller din familj",
        "en": "Feeling bad about yourself — or that you are a failure or have let yourself or "
        "your family down",
    },
    {
        "fi": "Keskittymisvaikeudet, esimerkiksi sanomalehteä lukiessa tai televisiota katsoessa",
        "sv": "Svårigheter att koncentrera dig, till exempel när du läst tidningen eller sett på TV",
        "en": "Trouble concentrating on things, such as reading the newspaper or watching "
        "television",
    },
    {
        "fi": "Liikkeiden tai puheen hidastuminen niin, että muutkin ovat voineet huomata sen? "
        "Tai päinvastoin hermostuneisuus tai levottomuus niin, että olet liikkunut paljon "
        "tavallista enemmän",
        "sv": "Att du rört dig eller talat så långsamt att andra noterat det? Eller motsatsen att "
        "du varit så nervös eller rastlös att du rört dig mer än vanligt",
        "en": "Moving or speaking so slowly that other people could have noticed? Or the "
        "opposite — being so fidgety or restless that you have been moving around a lot more "
        "than usual",
    },
    {
        "fi": "Ajatukset, että olisi parempi olla kuollut, tai ajatukset itsesi "
        "vahingoittamisesta jollakin tavalla",
        "sv": "Tankar att det skulle vara bättre om du var död eller att du skulle skada dig på "
        "något sätt",
        "en": "Thoughts that you would be better off dead or of hurting yourself in some way",
    },
)

ITEMS = tuple(Item(f"q{i}", text, OPTIONS) for i, text in enumerate(_TEXTS, start=1))

BANDS = (
    Band(
        "minimal", 0, 4, "Ei masennusoireita tai hyvin vähäiset", "0–4: ei viitettä masennukseen."
    ),
    Band(
        "mild",
        5,
        9,
        "Lievät masennusoireet",
        "5–9: lieviä masennusoireita; seuraa tilannetta ja arvioi uudelleen.",
    ),
    Band(
        "moderate",
        10,
        14,
        "Kohtalaiset masennusoireet",
        "10–14: kohtalaisia masennusoireita (seulontapositiivinen ≥ 10); tarvitaan "
        "tarkempi arvio ja hoitosuunnitelma.",
    ),
    Band(
        "moderately_severe",
        15,
        19,
        "Keskivaikeat masennusoireet",
        "15–19: keskivaikeita masennusoireita; hoidon aloittaminen on aiheellista.",
    ),
    Band(
        "severe",
        20,
        27,
        "Vaikeat masennusoireet",
        "20–27: vaikeita masennusoireita; ohjaa viipymättä lääkärin arvioon.",
    ),
)

SCREEN_POSITIVE_FROM = 10
ITEM9_WARNING = "Arvioi itsetuhoisuuden riski välittömästi"


def _score(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    total = sum(values.values())
    band = band_for(BANDS, total)
    flags: list[str] = []
    interpretation = band.interpretation
    if total >= SCREEN_POSITIVE_FROM:
        flags.append("screen_positive")
    if values["q9"] > 0:
        # Kroenke 2001 / RULEBOOK §12: any positive answer to item 9 needs a risk assessment now.
        flags.append("phq9_item9_positive")
        interpretation = f"{ITEM9_WARNING}: kysymykseen 9 on vastattu yli 0. {interpretation}"
    return InstrumentResult(
        instrument="phq9",
        score=total,
        max_score=27,
        band=band.slug,
        band_label=band.label,
        interpretation=interpretation,
        source=SOURCE,
        flags=tuple(flags),
    )


PHQ9 = Instrument(
    id="phq9",
    name="PHQ-9 (masennusoireet)",
    description="Yhdeksän kysymyksen masennusoirekysely, 0–27 pistettä.",
    instructions=INSTRUCTIONS,
    items=ITEMS,
    bands=BANDS,
    min_score=0,
    max_score=27,
    source=SOURCE,
    scorer=_score,
    item_languages=("fi", "sv", "en"),
)
