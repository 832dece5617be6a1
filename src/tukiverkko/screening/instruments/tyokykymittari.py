"""The Heinola Työkykymittari flow as one pure decision: answers so far → the next step + reasons.

Seed [000] (a flattened diagram, RULEBOOK §4.2, M):

1. Score 0–10 against the work the client does or seeks. The seed gives no cut-off; ≤ 7 is
   borrowed from seed [001] (RULEBOOK §14).
2. Ask what the functional challenge is and whether it has been treated / rehabilitated.
   No need → "Ei tarvetta selvittelyille". Need for sick leave, rehabilitation or further
   investigation → has occupational health care? → refer there; unemployed? → refer to the
   unemployed persons' health nurse and/or consult the work ability coordinator.

Where the diagram is silent we decided (decision 0043): a need stated by the professional wins
over a high score; without occupational health care and not unemployed → consult the coordinator
(the coordinator serves people without occupational or student health care, RULEBOOK §1);
an unanswered question yields step ``ask`` naming what to ask next — never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tukiverkko.screening.was import needs_assessment

SOURCE = "Heinolan Verkostotyön pikaopas 31.12.2024: Työkykymittari (siemen [000])"

Need = Literal["sick_leave", "rehabilitation", "further_investigation"]
Step = Literal[
    "ask",
    "no_need",
    "refer_occupational_health",
    "refer_unemployed_health_nurse_or_coordinator",
    "consult_coordinator",
]

NEEDS: tuple[Need, ...] = ("sick_leave", "rehabilitation", "further_investigation")
NEED_LABELS = {
    "sick_leave": "sairausloma",
    "rehabilitation": "kuntoutus",
    "further_investigation": "tarkemmat selvittelyt",
}
#: Who can assess or help once a need is found (seed [000]).
PROFESSIONALS = (
    "lääkäri",
    "fysioterapeutti",
    "toimintaterapeutti",
    "MiePä-tiimi",
    "työikäisten sosiaalipalvelut",
)
NURSE_FIRST = (
    "Aina terveydenhoitajan tai työkykykoordinaattorin kartoitus ennen lääkärin konsultointia "
    "tai vastaanottoa."
)


@dataclass(frozen=True)
class MittariAnswers:
    """What is known so far. ``needs``: None = not yet asked, empty = no need found."""

    score: int
    needs: frozenset[Need] | None = None
    treated: bool | None = None
    has_occupational_health_care: bool | None = None
    unemployed: bool | None = None


@dataclass(frozen=True)
class MittariDecision:
    step: Step
    reasons: tuple[str, ...]
    #: Field names of MittariAnswers to ask next (only when step == "ask").
    ask: tuple[str, ...] = ()
    #: Professionals who may assess further (only when a need was found).
    professionals: tuple[str, ...] = ()


def next_step(answers: MittariAnswers) -> MittariDecision:
    """The next step of the Työkykymittari flow with the reasons that led there."""
    unknown = set(answers.needs or ()) - set(NEEDS)
    if unknown:
        raise ValueError(f"needs: unknown value(s) {', '.join(sorted(unknown))}")
    low = needs_assessment(answers.score)  # ValueError for a score outside 0–10
    reasons = [
        f"Työkykypistemäärä {answers.score}: "
        + ("7 tai alle, työkykyä kannattaa selvittää." if low else "8 tai yli.")
    ]
    if answers.treated is False:
        reasons.append("Asiakas ei ole saanut haasteeseen hoitoa tai kuntoutusta.")
    elif answers.treated:
        reasons.append("Asiakas on saanut haasteeseen hoitoa tai kuntoutusta.")
    if answers.needs is None:
        if not low:
            reasons.append("Pistemäärän perusteella ei tarvetta selvittelyille.")
            return MittariDecision("no_need", tuple(reasons))
        reasons.append(
            "Kysy, millainen haaste toimintakyvyssä on, onko siihen saatu hoitoa tai "
            "kuntoutusta ja onko tarvetta sairauslomalle, kuntoutukselle tai tarkemmille "
            "selvittelyille."
        )
        return MittariDecision("ask", tuple(reasons), ask=("needs", "treated"))
    if not answers.needs:
        reasons.append("Ei tarvetta selvittelyille.")
        return MittariDecision("no_need", tuple(reasons))
    needs = ", ".join(NEED_LABELS[n] for n in NEEDS if n in answers.needs)
    reasons.append(f"Tarve: {needs}.")
    if answers.has_occupational_health_care is None:
        reasons.append("Selvitä, onko asiakkaalla työterveyshuolto.")
        return MittariDecision(
            "ask",
            tuple(reasons),
            ask=("has_occupational_health_care",),
            professionals=PROFESSIONALS,
        )
    if answers.has_occupational_health_care:
        reasons.append("Asiakkaalla on työterveyshuolto: ohjaa sinne.")
        return MittariDecision(
            "refer_occupational_health", tuple(reasons), professionals=PROFESSIONALS
        )
    reasons.append("Asiakkaalla ei ole työterveyshuoltoa.")
    if answers.unemployed is None:
        reasons.append("Selvitä, onko asiakas työtön.")
        return MittariDecision(
            "ask", tuple(reasons), ask=("unemployed",), professionals=PROFESSIONALS
        )
    reasons.append(NURSE_FIRST)
    if answers.unemployed:
        reasons.append(
            "Asiakas on työtön: ohjaa työttömien terveydenhoitajalle ja/tai konsultoi "
            "työkykykoordinaattoria."
        )
        return MittariDecision(
            "refer_unemployed_health_nurse_or_coordinator",
            tuple(reasons),
            professionals=PROFESSIONALS,
        )
    reasons.append(
        "Ei työterveyshuoltoa eikä työtön: konsultoi työkykykoordinaattoria (koordinaattori "
        "palvelee niitä, joilla ei ole työterveys- tai opiskeluterveydenhuoltoa)."
    )
    return MittariDecision("consult_coordinator", tuple(reasons), professionals=PROFESSIONALS)
