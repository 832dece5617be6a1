"""GAD-7 (Generalized Anxiety Disorder scale), Spitzer et al. 2006.

Seven items 0–3, total 0–21; ≥ 10 screen-positive (RULEBOOK §12). English is the original
(public domain, Pfizer). Finnish follows the Finnish translation in use; no Swedish text here
(no faithful source at hand).
"""

from __future__ import annotations

from tukiverkko.screening.instruments.base import Band, Instrument, Item, scale, sum_scorer
from tukiverkko.screening.instruments.phq9 import OPTIONS as PHQ_OPTIONS
from tukiverkko.screening.instruments.phq9 import SCREEN_POSITIVE_FROM

SOURCE = (
    "Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized "
    "anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092–1097. "
    "https://pubmed.ncbi.nlm.nih.gov/16717171/"
)

INSTRUCTIONS = {
    "fi": "Kuinka usein seuraavat ongelmat ovat vaivanneet sinua viimeisen kahden viikon aikana?",
    "en": "Over the last 2 weeks, how often have you been bothered by the following problems?",
}

# Same four frequency options as the PHQ-9, without the Swedish labels (no Swedish GAD-7 here).
OPTIONS = scale(*({k: v for k, v in o.label.items() if k != "sv"} for o in PHQ_OPTIONS))

_TEXTS: tuple[dict[str, str], ...] = (
    {
        "fi": "Hermostuneisuus, ahdistuneisuus tai kireys",
        "en": "Feeling nervous, anxious, or on edge",
    },
    {
        "fi": "Kyvyttömyys lopettaa tai hallita huolestumista",
        "en": "Not being able to stop or control worrying",
    },
    {
        "fi": "Liiallinen huolestuminen erilaisista asioista",
        "en": "Worrying too much about different things",
    },
    {"fi": "Vaikeus rentoutua", "en": "Trouble relaxing"},
    {
        "fi": "Niin levoton olo, että on vaikea pysyä paikallaan",
        "en": "Being so restless that it is hard to sit still",
    },
    {
        "fi": "Taipumus harmistua tai ärsyyntyä helposti",
        "en": "Becoming easily annoyed or irritable",
    },
    {
        "fi": "Pelko siitä, että jotain kauheaa saattaa tapahtua",
        "en": "Feeling afraid, as if something awful might happen",
    },
)

ITEMS = tuple(Item(f"q{i}", text, OPTIONS) for i, text in enumerate(_TEXTS, start=1))

BANDS = (
    Band("minimal", 0, 4, "Ei ahdistuneisuusoireita tai hyvin vähäiset", "0–4: vähäiset oireet."),
    Band("mild", 5, 9, "Lievät ahdistuneisuusoireet", "5–9: lieviä ahdistuneisuusoireita."),
    Band(
        "moderate",
        10,
        14,
        "Kohtalaiset ahdistuneisuusoireet",
        "10–14: kohtalaisia ahdistuneisuusoireita (seulontapositiivinen ≥ 10); tarvitaan "
        "tarkempi arvio.",
    ),
    Band(
        "severe",
        15,
        21,
        "Vaikeat ahdistuneisuusoireet",
        "15–21: vaikeita ahdistuneisuusoireita; ohjaa lääkärin arvioon.",
    ),
)

GAD7 = Instrument(
    id="gad7",
    name="GAD-7 (ahdistuneisuusoireet)",
    description="Seitsemän kysymyksen ahdistuneisuusoirekysely, 0–21 pistettä.",
    instructions=INSTRUCTIONS,
    items=ITEMS,
    bands=BANDS,
    min_score=0,
    max_score=21,
    source=SOURCE,
    scorer=sum_scorer("gad7", BANDS, 21, SOURCE, screen_positive_from=SCREEN_POSITIVE_FROM),
    item_languages=("fi", "en"),
)
