"""Answer sets with a chosen total, so the band tables read as published (total → band)."""

from __future__ import annotations

from tukiverkko.screening.instruments import INSTRUMENTS


def with_total(instrument_id: str, total: int, **fixed: int) -> dict[str, object]:
    """Answers whose item points add up to ``total``; ``fixed`` items are set first.

    Items allowing only 0/2/4 (AUDIT q9–q10) are filled before the 0…n items so that a greedy
    fill reaches every total.
    """
    items = [i for i in INSTRUMENTS[instrument_id].items if i.id not in fixed]
    items.sort(key=lambda item: item.allowed == tuple(range(len(item.allowed))))
    answers: dict[str, object] = dict(fixed)
    remaining = total - sum(fixed.values())
    for item in items:
        value = max(a for a in item.allowed if a <= remaining)
        answers[item.id] = value
        remaining -= value
    assert remaining == 0, f"cannot reach {total}"
    return answers


WAI_MIN_OTHERS = {
    "current_vs_best": 0,
    "diseases": 1,
    "impairment": 1,
    "sick_leave": 1,
    "prognosis": 1,
    "mental_resources_enjoy": 0,
    "mental_resources_active": 0,
    "mental_resources_hope": 0,
}


def wai_answers(
    others: int, job_type: int = 3, physical: int = 1, mental: int = 1
) -> dict[str, object]:
    """WAI answers whose items 1 and 3–7 add up to ``others`` (5–39), item 2 as given."""
    # coarse items first (prognosis 1/4/7, diseases 1–5/7), then the items that move by one
    for prognosis in (7, 4, 1):
        for diseases in (7, 5, 4, 3, 2, 1):
            rest = others - prognosis - diseases  # items 1, 4, 5, 7: 0+1+1+1 … 10+6+5+4
            if not 3 <= rest <= 25:
                continue
            current = min(10, rest - 3)
            rest -= current
            impairment = min(6, rest - 2)
            rest -= impairment
            sick = min(5, rest - 1)
            item7 = rest - sick
            raw = {1: 0, 2: 4, 3: 7, 4: 10}[item7]
            return {
                "current_vs_best": current,
                "job_type": job_type,
                "physical_demands": physical,
                "mental_demands": mental,
                "diseases": diseases,
                "impairment": impairment,
                "sick_leave": sick,
                "prognosis": prognosis,
                "mental_resources_enjoy": min(4, raw),
                "mental_resources_active": min(4, max(0, raw - 4)),
                "mental_resources_hope": max(0, raw - 8),
            }
    raise AssertionError(f"cannot reach {others}")
