"""Hypothesis strategies: complete valid answer sets for any instrument."""

from __future__ import annotations

from hypothesis import strategies as st

from tukiverkko.screening.instruments import INSTRUMENTS


@st.composite
def valid_answers(draw: st.DrawFn, instrument_id: str) -> dict[str, object]:
    instrument = INSTRUMENTS[instrument_id]
    answers: dict[str, object] = {
        item.id: draw(st.sampled_from(item.allowed)) for item in instrument.items
    }
    if instrument.optional_items:
        left_out = draw(
            st.lists(
                st.sampled_from([i.id for i in instrument.items]),
                max_size=instrument.max_missing,
                unique=True,
            )
        )
        for item_id in left_out:
            del answers[item_id]
    for name, allowed in instrument.extras.items():
        value = draw(st.one_of(st.none(), st.sampled_from(allowed)))
        if value is not None:
            answers[name] = value
    return answers


def any_instrument_answers() -> st.SearchStrategy[tuple[str, dict[str, object]]]:
    return st.sampled_from(sorted(INSTRUMENTS)).flatmap(
        lambda i: valid_answers(i).map(lambda a: (i, a))
    )
