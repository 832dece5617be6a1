"""Työkykypistemäärä (work ability score, WAS) — the small rule other apps import.

Pure Python: no Django. The full instrument (items, bands, interpretation) lives in
`tukiverkko.screening.instruments.was`; this module is the stable import path for the rules app.
"""

from __future__ import annotations

#: Score at or below which work ability is investigated further (RULEBOOK §4.1, seed [001]).
NEEDS_ASSESSMENT_MAX = 7


def needs_assessment(score: int) -> bool:
    """True when a 0–10 work ability score calls for a further work-ability assessment (≤ 7).

    Raises ValueError for a score outside 0–10 or a non-integer, so a typo never reads as "no need".
    """
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(f"score: expected an integer 0–10, got {score!r}")
    if not 0 <= score <= 10:
        raise ValueError(f"score: {score} is outside 0–10")
    return score <= NEEDS_ASSESSMENT_MAX
