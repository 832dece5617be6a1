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


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value) if value else "none"
    return str(value)


@settings(max_examples=25, deadline=None)
@given(st.lists(DATED_SITUATIONS, min_size=1, max_size=20))
def test_csv_file_path_agrees_with_single_person(tmp_path_factory, situations):
    # given random situations written as CSV by the documented conventions
    import csv
    from pathlib import Path

    from tukiverkko.rules.batch import screen_file
    from tukiverkko.rules.situation import PROPERTIES

    folder = Path(tmp_path_factory.mktemp("csv"))
    with (folder / "in.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", *PROPERTIES])
        for i, s in enumerate(situations):
            writer.writerow([str(i), *(csv_cell(s.get(name)) for name in PROPERTIES)])
    # when screened file → file
    result = screen_file(folder / "in.csv", folder / "out.parquet", default(), DAY, progress=False)
    rows = pl.read_parquet(folder / "out.parquet").to_dicts()
    # then no row is rejected and every status equals the one-person answer
    assert result.errors == 0 and len(rows) == len(situations)
    for data, row in zip(situations, rows, strict=True):
        single = recommend(validate(data, default_date=DAY))
        assert row["needs_assessment"] == single["work_ability"]["needs_assessment"]
        for service in single["services"]:
            assert row[service["service_type"]] == service["status"], service["service_type"]
