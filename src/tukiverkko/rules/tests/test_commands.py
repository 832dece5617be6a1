"""The recommend and screen commands: contract-valid output, exit status 2 on bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator, FormatChecker

from tukiverkko.contracts import schema
from tukiverkko.rules.definitions import RULES
from tukiverkko.rules.tests.strategies import SITUATIONS

RECOMMENDATION = Draft202012Validator(schema("recommendation"), format_checker=FormatChecker())


def run_recommend(tmp_path: Path, data, *extra: str) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("recommend", "--input", str(path), *extra, stdout=out)
    return out.getvalue()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=SITUATIONS)
def test_every_output_honours_the_recommendation_contract(tmp_path, data):
    # given any contract-valid situation; when recommended
    result = json.loads(run_recommend(tmp_path, data))
    # then the output validates and lists every service type exactly once
    RECOMMENDATION.validate(result)
    assert sorted(s["service_type"] for s in result["services"]) == sorted(r.slug for r in RULES)


def test_text_format_is_finnish(tmp_path):
    text = run_recommend(
        tmp_path,
        {
            "reference_date": "2025-06-01",
            "age": 24,
            "work_ability_score": 5,
            "rehabilitation_cause": "traffic_accident",
        },
        "--format",
        "text",
    )
    assert "Suositus 1.6.2025" in text
    assert "Etsivä nuorisotyö: täyttyy" in text
    assert "Kysy seuraavaksi:" in text
    assert "tapaturma- tai liikennevakuutuslaitos" in text
    assert (
        "Johtuuko kuntoutustarve työtapaturmasta, ammattitaudista tai liikennevahingosta? kyllä"
        in text
    )
    assert "työvoimaviranomainen" in text


def test_text_format_names_a_regional_practice_and_its_prerequisites(tmp_path):
    # given a Heinola client with a mental-health concern (MiePä: the client calls themselves)
    text = run_recommend(
        tmp_path,
        {"reference_date": "2025-06-01", "municipality": "Heinola", "mental_health_concern": True},
        "--format",
        "text",
    )
    # then the text says whose practice it is and what to arrange
    assert "Psykiatrinen sairaanhoitaja: täyttyy\n  Käytäntö: Heinola" in text
    assert "Uusi asiakas soittaa itse terveyskeskuksen ajanvaraukseen" in text


def test_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"age": 20, "reference_date": "2025-01-01"}'))
    out = io.StringIO()
    call_command("recommend", stdout=out)
    assert json.loads(out.getvalue())["reference_date"] == "2025-01-01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"age": -1}', "age: -1 is less than the minimum of 0"),
        ('{"age": "x"}', "age: 'x' is not of type 'integer'"),
        ('{"favourite_colour": "blue"}', "favourite_colour: unknown field"),
        ('{"age": 3', "--input: not valid JSON"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, content, message):
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("recommend", "--input", str(path))
    assert caught.value.returncode == 2
    assert message in str(caught.value)


def test_missing_input_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("recommend", "--input", str(tmp_path / "nope.json"))
    assert caught.value.returncode == 2 and "--input" in str(caught.value)


CSV = """person_id,reference_date,age,birth_date,employment_status,work_ability_score,triggers,has_occupational_health_care,unemployment_benefit,earnings_last_5_years_eur
p1,2024-06-01,24,,unemployed,6,none,false,labour_market_subsidy,"12 000,5"
p2,2025-06-01,,2000-07-01,unemployed,9,addiction; low_self_efficacy,0,basic,
p3,2025-06-01,abc,,jobless,11,foo,maybe,,
p4,2025-06-01,30,2000-01-01,,,,,,
p5,,,,,,,,,
p6,2025-06-01,2.5,2030-01-01,,,addiction;addiction,kyllä,,1e3
p7,2025-06-01,,,,,,,,inf
"""


def test_screen_writes_statuses_and_an_error_file(tmp_path):
    # given a CSV with good and bad rows
    source = tmp_path / "in.csv"
    source.write_text(CSV, encoding="utf-8")
    target = tmp_path / "out.csv"
    out = io.StringIO()
    # when screened
    call_command(
        "screen",
        str(source),
        str(target),
        "--reference-date",
        "2025-01-02",
        "--no-progress",
        stdout=out,
    )
    # then the good rows have a status per service type and the bad ones are in the error file
    result = pl.read_csv(target)
    assert result["person_id"].to_list() == ["p1", "p2", "p5"]
    assert set(result.columns) >= {"needs_assessment", *(r.slug for r in RULES)}
    # aftercare unasked, but 24 ≥ 23 in 2024 already decides: not eligible (Kleene)
    assert result.filter(pl.col("person_id") == "p1")["jalkihuolto"].item() == "not_eligible"
    assert result.filter(pl.col("person_id") == "p5")["typ"].item() == "not_available"
    errors = pl.read_csv(tmp_path / "out.csv.errors.csv")
    bad = set(zip(errors["row"], errors["field"], strict=True))
    assert {
        (3, "age"),
        (3, "employment_status"),
        (3, "work_ability_score"),
        (3, "triggers"),
        (3, "has_occupational_health_care"),
        (4, "age"),
        (6, "age"),
        (6, "birth_date"),
        (6, "triggers"),
        (7, "earnings_last_5_years_eur"),
    } == bad
    assert "3 screened" in out.getvalue() and "4 with errors" in out.getvalue()


def test_screen_parquet_in_and_out(tmp_path):
    source = tmp_path / "in.parquet"
    pl.DataFrame(
        {
            "person_id": ["a", "b"],
            "age": [20, 40],
            "triggers": [["addiction"], []],
            "has_occupational_health_care": [True, None],
            "municipality": ["Heinola", None],
        },
    ).write_parquet(source)
    target = tmp_path / "out.parquet"
    call_command(
        "screen",
        str(source),
        str(target),
        "--reference-date",
        "2025-01-02",
        "--no-progress",
        stdout=io.StringIO(),
    )
    result = pl.read_parquet(target)
    assert result["needs_assessment"].to_list() == [True, False]
    assert result["etsiva-nuorisotyo"].to_list() == ["eligible", "not_eligible"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("in.csv", "person_id,shoe_size\na,42\n", "unknown column(s): shoe_size"),
        ("in.csv", "age\n42\n", "missing column: person_id"),
        ("in.txt", "x", "unsupported file type"),
        ("in.parquet", "not parquet", "cannot read"),
    ],
)
def test_screen_file_level_problems_exit_2(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("screen", str(source), str(tmp_path / "out.csv"), "--no-progress")
    assert caught.value.returncode == 2 and message in str(caught.value)


def test_screen_parquet_columns_of_another_type_are_parsed_as_text(tmp_path):
    # given Parquet with a list of numbers as triggers and a date as text
    source = tmp_path / "in.parquet"
    pl.DataFrame(
        {
            "person_id": ["a", "b"],
            "triggers": [[1], []],
            "reference_date": ["2024-06-01", "x"],
            "age": ["23", "24"],
        }
    ).write_parquet(source)
    target = tmp_path / "out.csv"
    call_command("screen", str(source), str(target), "--no-progress", stdout=io.StringIO())
    errors = pl.read_csv(tmp_path / "out.csv.errors.csv")
    assert set(zip(errors["row"], errors["field"], strict=True)) == {
        (1, "triggers"),
        (2, "reference_date"),
    }
    assert pl.read_csv(target).height == 0


def test_screen_a_column_without_a_text_form_exits_2(tmp_path):
    source = tmp_path / "in.parquet"
    pl.DataFrame({"person_id": ["a"], "age": [b"\xff"]}).write_parquet(source)
    with pytest.raises(CommandError) as caught:
        call_command("screen", str(source), str(tmp_path / "o.csv"), "--no-progress")
    assert caught.value.returncode == 2 and "cannot read the columns" in str(caught.value)


def test_screen_refuses_an_unknown_output_type_and_a_bad_chunk_size(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("person_id\na\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unsupported output type"):
        call_command("screen", str(source), str(tmp_path / "out.xlsx"), "--no-progress")
    with pytest.raises(CommandError, match="chunk-size"):
        call_command("screen", str(source), str(tmp_path / "out.csv"), "--chunk-size", "0")


def test_screen_parses_each_distinct_cell_as_every_row_would_be(tmp_path):
    # given text cells that repeat, with spaces, case, unknowns and bad values among them
    from tukiverkko.rules import batch

    text = pl.DataFrame(
        {
            batch.ROW: [1, 2, 3, 4, 5, 6],
            "person_id": ["a", "b", "c", "d", "e", "f"],
            "employment_status": ["employed", " employed ", None, "bogus", "", "employed"],
            "triggers": ["none", "NONE", "a;a", None, "bogus;x", "none"],
            "receives_social_assistance": ["Kyllä", "ei", "1", "x", None, "kyllä"],
        }
    )
    # when parsed once per distinct value, and row by row as before
    names = ["employment_status", "triggers", "receives_social_assistance"]
    once = batch._parse_distinct(text, names)
    each = text.select(
        pl.col(batch.ROW),
        *(e for n in names for e in (batch._parse(n, pl.String())[0],)),
        *(batch._parse(n, pl.String())[1].alias(f"__bad_{n}") for n in names),
    )
    # then both give the same typed values and the same error marks, in the same row order
    assert once.select(each.columns).equals(each)
    assert once["__bad_employment_status"].to_list() == [False, False, False, True, False, False]
