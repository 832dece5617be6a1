"""The batch path (polars) and the one-person path agree on every service and needs_assessment."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tukiverkko.rules.batch import chunks
from tukiverkko.rules.engine import recommend
from tukiverkko.rules.parameters import default
from tukiverkko.rules.population import SCHEMA, evaluate_frame
from tukiverkko.rules.situation import validate
from tukiverkko.rules.tests.strategies import DATED_SITUATIONS

DAY = dt.date(2025, 6, 1)


def typed_row(data: dict) -> dict:
    row = dict(data)
    for name in ("reference_date", "birth_date"):
        if name in row:
            row[name] = dt.date.fromisoformat(row[name])
    return row


@settings(max_examples=60, deadline=None)
@given(st.lists(DATED_SITUATIONS, min_size=1, max_size=25))
def test_batch_and_single_person_agree(situations):
    # given random situations; when evaluated one by one and as one frame
    frame = pl.DataFrame(
        [{"person_id": str(i), **typed_row(s)} for i, s in enumerate(situations)],
        schema={"person_id": pl.String, **SCHEMA},
    )
    batch = evaluate_frame(frame, default(), DAY).to_dicts()
    # then every status, needs_assessment and both routes agree
    for data, row in zip(situations, batch, strict=True):
        single = recommend(validate(data, default_date=DAY))
        assert row["needs_assessment"] == single["work_ability"]["needs_assessment"]
        for service in single["services"]:
            assert row[service["service_type"]] == service["status"], service["service_type"]
        voc = single["routes"]["vocational_rehabilitation"]["organiser"]
        assert row["vocational_rehabilitation"] == voc
        assert row["health_care_route"] == single["routes"].get("health_care_route")


def test_chunks_cover_every_row_once():
    frame = pl.DataFrame({"x": range(10)})
    assert [c["x"].to_list() for c in chunks(frame, 4)] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
