import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings

from tukiverkko.contracts import schema
from tukiverkko.screening.instruments import INSTRUMENTS
from tukiverkko.screening.tests.builders import with_total
from tukiverkko.screening.tests.strategies import any_instrument_answers

VALIDATOR = jsonschema.Draft202012Validator(schema("instrument-result"))
SRC = Path(__file__).resolve().parents[3]


def run(*args: str) -> tuple[int, str, str]:
    """call_command the way the CLI does: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("score", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def answers_file(tmp_path: Path, data: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(any_instrument_answers())
def test_score_prints_a_contract_result_for_any_valid_answers(
    tmp_path: Path, case: tuple[str, dict[str, object]]
) -> None:
    # given any valid answer set in a file
    instrument, answers = case
    # when the command scores it
    status, out, err = run(instrument, "--answers", answers_file(tmp_path, answers))
    # then status 0, nothing on stderr, and JSON valid against the contract
    assert (status, err) == (0, "")
    result = json.loads(out)
    VALIDATOR.validate(result)
    assert result["instrument"] == instrument


@pytest.mark.parametrize(
    ("instrument", "answers", "named"),
    [
        ("phq9", {"q1": 4}, ["q1: 4 is not an allowed answer", "q2: missing", "q9: missing"]),
        ("was", {"score": "7"}, ['score: "7" is not an integer']),
        ("was", {"score": 7.0}, ["score: 7.0 is not an integer"]),
        ("was", {"score": 7, "extra": 1}, ["extra: unknown item id"]),
        ("audit", with_total("audit", 3) | {"q9": 3}, ["q9: 3 is not an allowed answer"]),
        ("audit_c", {"q1": 1, "q2": 1, "q3": 1, "sex": "m"}, ['sex: "m" is not an allowed']),
        ("odi", {"s1": 1, "s2": 1}, ["s3: missing", "s10: missing"]),
        ("gad7", {"q1": True} | {f"q{i}": 0 for i in range(2, 8)}, ["q1: true is not an integer"]),
    ],
)
def test_bad_answers_exit_2_naming_every_bad_item(
    tmp_path: Path, instrument: str, answers: dict[str, object], named: list[str]
) -> None:
    # given bad answers / when scored / then exit 2, each bad item named, stdout empty
    status, out, err = run(instrument, "--answers", answers_file(tmp_path, answers))
    assert (status, out) == (2, "")
    for text in named:
        assert text in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"q1": 1,', "answers: not valid JSON"),
        ("[1, 2]", "answers: expected a JSON object"),
        ('{"score": 3, "score": 4}', "score: given more than once"),
    ],
)
def test_unreadable_answers_exit_2(tmp_path: Path, content: str, message: str) -> None:
    status, out, err = run("was", "--answers", answers_file(tmp_path, content))
    assert (status, out) == (2, "")
    assert message in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    status, out, err = run("was", "--answers", str(tmp_path / "nope.json"))
    assert (status, out) == (2, "")
    assert "answers: cannot read" in err


@pytest.mark.parametrize("instrument", sorted(INSTRUMENTS))
def test_describe_lists_every_item_with_its_allowed_answers(instrument: str) -> None:
    # given an instrument / when described / then every item id and each allowed answer appear
    status, out, _ = run(instrument, "--describe")
    assert status == 0
    for item in INSTRUMENTS[instrument].items:
        assert f"{item.id}: {item.label('fi')}" in out
        for option in item.options:
            assert f"    {option.value} = {option.text('fi')}" in out


def test_describe_mentions_sex_for_audit_and_missing_sections_for_odi() -> None:
    assert "sex (optional): male | female" in run("audit", "--describe")[1]
    assert "Up to 2 items may be left out." in run("odi", "--describe")[1]


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(SRC), "TUKIVERKKO_ENV": "test"}
    return subprocess.run(  # noqa: S603 — our own CLI with fixed arguments
        [sys.executable, "-m", "tukiverkko", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cli_reads_answers_from_stdin() -> None:
    # given PHQ-9 answers on stdin with item 9 positive
    answers = with_total("phq9", 6, q9=1)
    # when the real command line scores them
    done = cli("score", "phq9", "--answers", "-", stdin=json.dumps(answers))
    # then exit 0 and a contract result carrying the item-9 flag
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    VALIDATOR.validate(result)
    assert (result["score"], result["band"]) == (6, "mild")
    assert "phq9_item9_positive" in result["flags"]


def test_cli_bad_answers_exit_2_with_empty_stdout() -> None:
    done = cli("score", "gad7", "--answers", "-", stdin='{"q1": 9}')
    assert (done.returncode, done.stdout) == (2, "")
    assert "q1: 9 is not an allowed answer" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_unknown_instrument_exits_2() -> None:
    done = cli("score", "beck", "--describe")
    assert (done.returncode, done.stdout) == (2, "")
    assert "invalid choice" in done.stderr


def test_call_command_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    # given answers on stdin / when --answers - / then scored like a file
    monkeypatch.setattr(sys, "stdin", StringIO('{"score": 7}'))
    status, out, _ = run("was", "--answers", "-")
    assert status == 0
    assert json.loads(out)["band"] == "needs_assessment"
