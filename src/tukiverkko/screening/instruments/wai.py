"""Työkykyindeksi (Work Ability Index, WAI), Tuomi et al. 1998; seven items, total 7–49.

Answer ids (``tukiverkko score wai --describe``). Every answer is an integer; for most items it is
the item's points, for items 2 and 7 it is a sub-answer the score is computed from:

=====  ==========================================  =====================================
item   answer ids                                   points
=====  ==========================================  =====================================
1      ``current_vs_best`` 0–10                      the answer
2      ``job_type`` 1 physical / 2 mental / 3 both,  physical × w₁ + mental × w₂ (2–10):
       ``physical_demands`` 1–5,                     physical job 1.5 / 0.5, mental job
       ``mental_demands`` 1–5                        0.5 / 1.5, both 1 / 1
3      ``diseases`` 7, 5, 4, 3, 2, 1                 the answer (none → 7 … ≥ 5 → 1)
4      ``impairment`` 1–6                            the answer
5      ``sick_leave`` 1–5                            the answer (0 days → 5 … 100–365 → 1)
6      ``prognosis`` 1, 4, 7                         the answer
7      ``mental_resources_enjoy``, ``_active``,      raw 0–12 → 0–3: 1, 4–6: 2, 7–9: 3,
       ``_hope``, each 0–4                           10–12: 4
=====  ==========================================  =====================================

Item 2 weighting can give halves (e.g. 3 × 1.5 + 2 × 0.5 = 5.5), so the total can be x.5; a
fractional total stays in the band whose lower limit it has reached (27.5 → poor).

Item 3 in the original form is a list of diseases ticked "own opinion" / "physician's diagnosis";
only diagnosed diseases count. Here the professional gives the count band directly.

The texts are short Finnish renderings of the items (RULEBOOK §12, M), not the licensed
Työterveyslaitos form wording; no Swedish or English here.
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
    scale,
)

SOURCE = (
    "Tuomi K, Ilmarinen J, Jahkola A, Katajarinne L, Tulkki A. Työkykyindeksi. "
    "Työterveyslaitos 1998; luokat: EU-OSHA, "
    "https://healthy-workplaces.eu/previous/all-ages-2016/en/tools-and-publications/practical-tools/work-ability-index"
)

JOB_PHYSICAL, JOB_MENTAL, JOB_BOTH = 1, 2, 3
#: (physical weight, mental weight) by job type.
WEIGHTS: Mapping[int, tuple[float, float]] = {
    JOB_PHYSICAL: (1.5, 0.5),
    JOB_MENTAL: (0.5, 1.5),
    JOB_BOTH: (1.0, 1.0),
}

_DEMANDS = scale(
    fi("Erittäin huono"),
    fi("Melko huono"),
    fi("Kohtalainen"),
    fi("Melko hyvä"),
    fi("Erittäin hyvä"),
    start=1,
)
_OFTEN = scale(
    fi("En koskaan"),
    fi("Melko harvoin"),
    fi("Joskus"),
    fi("Melko usein"),
    fi("Usein"),
)

ITEMS = (
    Item(
        "current_vs_best",
        fi(
            "Oletetaan, että työkykysi on parhaimmillaan saanut 10 pistettä. Minkä pistemäärän "
            "antaisit nykyiselle työkyvyllesi? (0 = en pysty lainkaan työhön)"
        ),
        tuple(Option(p, fi(str(p))) for p in range(11)),
        group=fi("1. Nykyinen työkyky verrattuna elinaikaiseen parhaaseen"),
    ),
    Item(
        "job_type",
        fi("Onko työsi pääasiassa ruumiillista, henkistä vai molempia?"),
        (
            Option(JOB_PHYSICAL, fi("Pääasiassa ruumiillista")),
            Option(JOB_MENTAL, fi("Pääasiassa henkistä")),
            Option(JOB_BOTH, fi("Sekä ruumiillista että henkistä")),
        ),
        group=fi("2. Työkyky suhteessa työn vaatimuksiin"),
    ),
    Item(
        "physical_demands",
        fi("Millaiseksi arvioit nykyisen työkykysi työn ruumiillisten vaatimusten kannalta?"),
        _DEMANDS,
        group=fi("2. Työkyky suhteessa työn vaatimuksiin"),
    ),
    Item(
        "mental_demands",
        fi("Millaiseksi arvioit nykyisen työkykysi työn henkisten vaatimusten kannalta?"),
        _DEMANDS,
        group=fi("2. Työkyky suhteessa työn vaatimuksiin"),
    ),
    Item(
        "diseases",
        fi("Montako lääkärin toteamaa sairautta tai vammaa sinulla on tällä hetkellä?"),
        (
            Option(7, fi("Ei yhtään")),
            Option(5, fi("Yksi")),
            Option(4, fi("Kaksi")),
            Option(3, fi("Kolme")),
            Option(2, fi("Neljä")),
            Option(1, fi("Viisi tai enemmän")),
        ),
        group=fi("3. Lääkärin toteamat sairaudet"),
    ),
    Item(
        "impairment",
        fi("Onko sinulla sairauksien tai vammojen aiheuttamaa haittaa nykyisessä työssäsi?"),
        (
            Option(6, fi("Ei haittaa, tai minulla ei ole sairauksia")),
            Option(5, fi("Pystyn tekemään työni, mutta siitä aiheutuu oireita")),
            Option(4, fi("Joudun joskus keventämään työtahtiani tai muuttamaan työtapojani")),
            Option(3, fi("Joudun usein keventämään työtahtiani tai muuttamaan työtapojani")),
            Option(2, fi("Pystyn sairauteni vuoksi mielestäni tekemään vain osa-aikatyötä")),
            Option(1, fi("Olen mielestäni täysin työkyvytön")),
        ),
        group=fi("4. Sairauksien aiheuttama arvioitu haitta työssä"),
    ),
    Item(
        "sick_leave",
        fi(
            "Kuinka monta kokonaista päivää olet ollut poissa työstä terveydentilasi vuoksi "
            "(sairaus, terveydenhoito tai tutkimukset) viimeisen vuoden (12 kk) aikana?"
        ),
        (
            Option(5, fi("En yhtään")),
            Option(4, fi("Enintään 9 päivää")),
            Option(3, fi("10–24 päivää")),
            Option(2, fi("25–99 päivää")),
            Option(1, fi("100–365 päivää")),
        ),
        group=fi("5. Sairauspoissaolot viimeisen vuoden aikana"),
    ),
    Item(
        "prognosis",
        fi(
            "Uskotko, että terveytesi puolesta pystyt työskentelemään nykyisessä ammatissasi "
            "kahden vuoden kuluttua?"
        ),
        (
            Option(1, fi("Tuskin")),
            Option(4, fi("En ole varma")),
            Option(7, fi("Lähes varmasti")),
        ),
        group=fi("6. Oma ennuste työkyvystä kahden vuoden kuluttua"),
    ),
    Item(
        "mental_resources_enjoy",
        fi("Oletko viime aikoina pystynyt nauttimaan tavallisista päivittäisistä toimistasi?"),
        _OFTEN,
        group=fi("7. Psyykkiset voimavarat"),
    ),
    Item(
        "mental_resources_active",
        fi("Oletko viime aikoina ollut toimelias ja vireä?"),
        _OFTEN,
        group=fi("7. Psyykkiset voimavarat"),
    ),
    Item(
        "mental_resources_hope",
        fi("Oletko viime aikoina tuntenut olevasi täynnä toivoa tulevaisuuden suhteen?"),
        scale(
            fi("En koskaan"),
            fi("Melko harvoin"),
            fi("Joskus"),
            fi("Melko usein"),
            fi("Jatkuvasti"),
        ),
        group=fi("7. Psyykkiset voimavarat"),
    ),
)

BANDS = (
    Band("poor", 7, 27, "Huono", "7–27: huono työkyky — tavoitteena työkyvyn palauttaminen."),
    Band(
        "moderate",
        28,
        36,
        "Kohtalainen",
        "28–36: kohtalainen työkyky — tavoitteena työkyvyn parantaminen.",
    ),
    Band("good", 37, 43, "Hyvä", "37–43: hyvä työkyky — tavoitteena työkyvyn tukeminen."),
    Band(
        "excellent",
        44,
        49,
        "Erinomainen",
        "44–49: erinomainen työkyky — tavoitteena työkyvyn ylläpitäminen.",
    ),
)


def demands_points(job_type: int, physical: int, mental: int) -> float:
    """WAI item 2: the two 1–5 ratings weighted by the kind of work (2–10)."""
    w_physical, w_mental = WEIGHTS[job_type]
    return physical * w_physical + mental * w_mental


def mental_resources_points(raw: int) -> int:
    """WAI item 7: the 0–12 sum of the three sub-questions → 1–4."""
    if raw <= 3:
        return 1
    if raw <= 6:
        return 2
    if raw <= 9:
        return 3
    return 4


def _score(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    item2 = demands_points(values["job_type"], values["physical_demands"], values["mental_demands"])
    raw7 = sum(values[k] for k in ("mental_resources_enjoy", "mental_resources_active"))
    item7 = mental_resources_points(raw7 + values["mental_resources_hope"])
    items: dict[str, int | float] = {
        "item1": values["current_vs_best"],
        "item2": item2,
        "item3": values["diseases"],
        "item4": values["impairment"],
        "item5": values["sick_leave"],
        "item6": values["prognosis"],
        "item7": item7,
    }
    total = sum(items.values())
    band = band_for(BANDS, total)
    return InstrumentResult(
        instrument="wai",
        score=int(total) if float(total).is_integer() else total,
        max_score=49,
        band=band.slug,
        band_label=band.label,
        interpretation=band.interpretation,
        source=SOURCE,
        details=items,
    )


WAI = Instrument(
    id="wai",
    name="Työkykyindeksi (WAI)",
    description="Seitsemän osion työkykyindeksi, 7–49 pistettä.",
    items=ITEMS,
    bands=BANDS,
    min_score=7,
    max_score=49,
    source=SOURCE,
    scorer=_score,
)
