"""Docs are tested: a command, a setting or a page that is not documented fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
SOURCES = [
    p
    for p in (ROOT / "src" / "tukiverkko").rglob("*.py")
    if "tests" not in p.parts and p.name != "conftest.py"  # test plumbing, not settings
]

OUR_COMMANDS = sorted(
    name for name, app in get_commands().items() if str(app).startswith("tukiverkko.")
)
ENV_VARS = sorted(
    {
        match
        for path in SOURCES
        for match in re.findall(
            r"""(?:environ\.get|environ\[|_bool|_int|_secret|_required|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""",
            path.read_text(encoding="utf-8"),
        )
    }
)


def test_the_two_commands_are_on_the_first_screen():
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make run" in first_screen
    assert "make test" in first_screen


def test_we_found_our_commands_and_settings():
    assert "load_catalogue" in OUR_COMMANDS
    assert "DATABASE_URL" in ENV_VARS


@pytest.mark.parametrize("command", OUR_COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"tukiverkko {command.replace('_', '-')}" in README


@pytest.mark.parametrize("name", ENV_VARS)
def test_every_environment_variable_is_in_env_example(name):
    assert re.search(rf"^#?\s*{name}=", ENV_EXAMPLE, re.M), f"{name} missing from .env.example"
