"""`tukiverkko screen` in this process: bad input is one line and exit 2, or — asked for with
--traceback, as Django's commands do — the error itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tukiverkko.rules.screen_command import ScreenError, main


def test_bad_input_is_one_plain_line_and_exit_2(tmp_path: Path, capsys):
    status = main([str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--chunk-size", "0"])
    assert status == 2
    assert capsys.readouterr().err == "CommandError: --chunk-size: must be at least 1\n"


def test_traceback_raises_the_error_itself(tmp_path: Path):
    with pytest.raises(ScreenError, match=r"missing\.csv: cannot read"):
        main([str(tmp_path / "missing.csv"), str(tmp_path / "out.csv"), "--traceback"])
    assert not (tmp_path / "out.csv").exists()
