import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings

from tukiverkko.screening.instruments import AnswerError, score
from tukiverkko.screening.tests.strategies import invalid_answers


@settings(max_examples=400, deadline=None)
@given(invalid_answers())
def test_any_bad_answer_set_is_rejected_naming_the_item(
    case: tuple[str, dict[str, object], str],
) -> None:
    # given an answer set with one fault / when scored / then AnswerError naming that item
    instrument, answers, item = case
    with pytest.raises(AnswerError) as error:
        score(instrument, answers)
    assert item in {p.item for p in error.value.problems}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=invalid_answers())
def test_command_exits_2_with_nothing_on_stdout_for_any_bad_answer_set(
    tmp_path: Path, case: tuple[str, dict[str, object], str]
) -> None:
    instrument, answers, item = case
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("score", instrument, "--answers", str(path), stdout=out, stderr=err)
    assert exit_.value.code == 2
    assert out.getvalue() == ""
    assert f"{item}:" in err.getvalue()
