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


@st.composite
def invalid_answers(draw: st.DrawFn) -> tuple[str, dict[str, object], str]:
    """(instrument, answers, the item that must be named) with exactly one kind of fault."""
    instrument_id = draw(st.sampled_from(sorted(INSTRUMENTS)))
    instrument = INSTRUMENTS[instrument_id]
    answers = {item.id: draw(st.sampled_from(item.allowed)) for item in instrument.items}
    item = draw(st.sampled_from(instrument.items))
    fault = draw(st.sampled_from(["out_of_range", "not_integer", "unknown", "missing"]))
    if fault == "out_of_range":
        low, high = min(item.allowed), max(item.allowed)
        gaps = [v for v in range(low, high) if v not in item.allowed]
        answers[item.id] = draw(
            st.one_of(
                st.integers(max_value=low - 1),
                st.integers(min_value=high + 1),
                st.sampled_from(gaps or [high + 1]),
            )
        )
    elif fault == "not_integer":
        answers[item.id] = draw(
            st.one_of(
                st.text(max_size=3),
                st.floats(allow_nan=False),
                st.booleans(),
                st.lists(st.integers(), max_size=2),
            )
        )
    elif fault == "unknown":
        # no item id or extra starts with "x_"
        name = "x_" + draw(st.text(alphabet="abc_1", max_size=6))
        answers[name] = 1
        return instrument_id, answers, name
    else:
        # drop more items than an instrument may leave out
        for dropped in instrument.items[: instrument.max_missing + 1]:
            answers.pop(dropped.id)
        item = instrument.items[0]
    return instrument_id, answers, item.id
