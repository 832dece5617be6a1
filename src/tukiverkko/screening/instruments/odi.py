"""Oswestry Disability Index (ODI 2.1a), Fairbank & Pynsent 2000; Finnish form at Käypä hoito.

Ten sections ``s1``–``s10`` scored 0–5. A section may be left unanswered (e.g. sex life): the
index is sum / (5 × answered) × 100. With more than two sections unanswered the index is not
computed and every missing section is named (decision 0042: the published guidance allows one or
two missing sections; we take two as the limit).

The licensed Finnish statements of each section (Pekkanen et al. 2011, kaypahoito.fi pgr00044)
are not reproduced: the section titles are short neutral Finnish headings and the options are
neutral 0–5 anchors. Use the official form for the statements themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from tukiverkko.screening.instruments.base import (
    Band,
    Instrument,
    InstrumentResult,
    Item,
    band_for,
    fi,
    scale,
)

SOURCE = (
    "Fairbank JC, Pynsent PB. The Oswestry Disability Index. Spine 2000;25:2940–2952; luokat: "
    "https://asir-journal.biomedcentral.com/articles/10.1186/1750-1164-7-12/tables/1 ; "
    "suomenkielinen lomake: Käypä hoito https://www.kaypahoito.fi/pgr00044"
)

MAX_MISSING = 2

_SECTIONS = (
    "Kivun voimakkuus",
    "Henkilökohtainen hygienia (peseytyminen, pukeutuminen)",
    "Nostaminen",
    "Kävely",
    "Istuminen",
    "Seisominen",
    "Nukkuminen",
    "Sukupuolielämä",
    "Sosiaalinen elämä",
    "Matkustaminen",
)

OPTIONS = scale(
    fi("0 – ei haittaa"),
    fi("1 – vähäinen haitta"),
    fi("2 – kohtalainen haitta"),
    fi("3 – huomattava haitta"),
    fi("4 – erittäin suuri haitta"),
    fi("5 – en pysty lainkaan / täysi haitta"),
)

ITEMS = tuple(Item(f"s{i}", fi(title), OPTIONS) for i, title in enumerate(_SECTIONS, start=1))

BANDS = (
    Band(
        "minimal",
        0,
        20,
        "Vähäinen haitta",
        "0–20 %: vähäinen haitta; selviää useimmista päivittäisistä toimista.",
    ),
    Band(
        "moderate",
        21,
        40,
        "Kohtalainen haitta",
        "21–40 %: kohtalainen haitta; kipua ja vaikeuksia istumisessa, nostamisessa ja "
        "seisomisessa.",
    ),
    Band(
        "severe",
        41,
        60,
        "Vaikea haitta",
        "41–60 %: vaikea haitta; kipu haittaa merkittävästi arkea, tarvitaan tarkempi arvio.",
    ),
    Band(
        "crippled",
        61,
        80,
        "Erittäin vaikea haitta",
        "61–80 %: erittäin vaikea haitta; kipu vaikuttaa kaikkiin elämän osa-alueisiin.",
    ),
    Band(
        "bed_bound",
        81,
        100,
        "Vuodepotilas tai oireiden liioittelu",
        "81–100 %: vuoteeseen sidottu tai oireita liioitellaan; arvioi tilanne huolellisesti.",
    ),
)


def _score(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    answered = len(values)
    index = sum(values.values()) / (5 * answered) * 100
    band = band_for(BANDS, index)
    skipped = [item.id for item in ITEMS if item.id not in values]
    interpretation = band.interpretation
    flags: tuple[str, ...] = ()
    if skipped:
        flags = ("odi_sections_missing",)
        interpretation += f" Vastaamatta: {', '.join(skipped)} (indeksi {answered} osiosta)."
    return InstrumentResult(
        instrument="odi",
        score=round(index, 1),
        max_score=100,
        band=band.slug,
        band_label=band.label,
        interpretation=interpretation,
        source=SOURCE,
        flags=flags,
        details={"answered_sections": answered},
    )


ODI = Instrument(
    id="odi",
    name="Oswestry-indeksi (ODI, alaselkäkivun haitta)",
    description="Kymmenen osion selkäkivun toimintakykyhaitta, 0–100 %.",
    items=ITEMS,
    bands=BANDS,
    min_score=0,
    max_score=100,
    source=SOURCE,
    scorer=_score,
    optional_items=True,
    max_missing=MAX_MISSING,
)
