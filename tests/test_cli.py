"""The command line for people: every README command in a clean environment, every --help
without settings, pure commands without Django, and one plain line for every bad setting."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.live import measurement
from tukiverkko import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON = sys.executable


def clean_run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`tukiverkko ARGS` as a new user runs it: no variables but PATH and HOME (and ``env``)."""
    return subprocess.run(  # noqa: S603
        [PYTHON, "-m", "tukiverkko", *args],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **measurement(), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def readme_command_lines() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    return [
        line.split("#")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith("tukiverkko ")
    ]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """An empty folder with the README's example files, and no .env."""
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    (tmp_path / "var").mkdir()
    return tmp_path


def test_every_readme_command_line_runs_in_a_clean_environment_without_a_traceback(scratch):
    # given every `tukiverkko …` line of the README's examples
    lines = readme_command_lines()
    assert len(lines) >= 8
    # when each runs with no variables set (production mode, no secrets, no .env)
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda line: clean_run(line.split()[1:], scratch), lines))
    # then the pure ones work, and the others say in one line what is missing, exit 2
    for line, done in zip(lines, runs, strict=True):
        output = done.stdout + done.stderr
        assert "Traceback" not in output, line
        if line.split()[1] in cli.PURE or line == "tukiverkko --help":
            assert done.returncode == 0, f"{line}: {done.stderr}"
        else:
            assert done.returncode == 2, f"{line}: {output}"
            assert done.stderr.count("\n") == 1, f"{line}: {done.stderr}"
            assert "DJANGO_SECRET_KEY" in done.stderr
    assert (scratch / "var" / "screened.csv").is_file()


def test_every_command_answers_help_in_a_clean_environment(scratch):
    # given every command that tukiverkko --help lists, and Django's help listing
    names = [name for _title, commands in cli.GROUPS for name, _summary in commands]
    # when each is asked for --help with no settings at all
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda n: clean_run([n, "--help"], scratch), names))
    listing = clean_run(["help", "--commands"], scratch)
    # then each prints its usage, exit 0, and no traceback
    for name, done in zip(names, runs, strict=True):
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert "usage:" in done.stdout and "Traceback" not in done.stderr, name
    assert listing.returncode == 0 and "migrate" in listing.stdout


def test_help_lists_every_project_command_in_its_group_before_djangos():
    # given the project's commands as found on disk
    on_disk = cli._project_commands()
    # when the help is made
    text = cli.help_text()
    grouped = {name for _title, commands in cli.GROUPS for name, _summary in commands}
    # then every one of them has its place in a group (none left to "Other"), each is in the
    # README, and Django's own commands come after, as a pointer
    assert set(on_disk) <= grouped, sorted(set(on_disk) - grouped)
    assert "Other:" not in text
    assert text.index("Pure (") < text.index("Keep the data safe:") < text.index("help --commands")
    for name in on_disk:
        assert f"tukiverkko {name}" in README, name


@pytest.mark.parametrize("argv", [["score", "--help"], ["recommend", "--help"], ["screen", "--help"],
                                  ["score", "phq9", "--answers", "docs/examples/phq9-answers.json"]])  # fmt: skip
def test_pure_commands_never_set_django_up(scratch, argv):
    # given a pure command, with a settings module that would fail if imported
    probe = (
        "import sys\n"
        "from tukiverkko import cli\n"
        f"code = cli._run_pure({argv[0]!r}, {argv[1:]!r})\n"
        "from django.conf import settings\n"
        "assert not settings.configured, 'settings were configured'\n"
        "assert 'tukiverkko.settings' not in sys.modules, 'settings were imported'\n"
        "assert not any(m.startswith('django.contrib') for m in sys.modules), 'apps loaded'\n"
        "sys.exit(code)\n"
    )
    # when it runs
    done = subprocess.run(  # noqa: S603
        [PYTHON, "-c", probe],
        cwd=scratch,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tukiverkko.settings",
            **measurement(),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # then it did its work without importing the settings or any Django app
    assert done.returncode == 0, done.stderr


BAD_SETTINGS = [
    ({"TUKIVERKKO_ENV": "staging"}, "TUKIVERKKO_ENV must be one of demo, production, test"),
    ({"TUKIVERKKO_ENV": "demo", "DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be a boolean"),
    ({"TUKIVERKKO_ENV": "demo", "DATABASE_URL": "mysqll://x"}, "DATABASE_URL is not a database"),
    ({"TUKIVERKKO_ENV": "demo", "DJANGO_CONN_MAX_AGE": "ten"}, "DJANGO_CONN_MAX_AGE must be a whole"),
    ({"TUKIVERKKO_ENV": "demo", "TUKIVERKKO_FIELD_KEY": "short"}, "TUKIVERKKO_FIELD_KEY is not a Fernet"),
    ({"DJANGO_SECRET_KEY_FILE": "/nonexistent/secret"}, "DJANGO_SECRET_KEY_FILE: cannot read"),
    ({"DJANGO_SECRET_KEY": "x" * 50}, "TUKIVERKKO_FIELD_KEY is not set"),
    ({"TUKIVERKKO_ENV_FILE": "/nonexistent/.env"}, "TUKIVERKKO_ENV_FILE names /nonexistent/.env"),
    ({"TUKIVERKKO_ENV": "demo", "DATABASE_URL": "postgres://u@127.0.0.1:9/x"}, "cannot reach the database"),
]  # fmt: skip


@pytest.mark.parametrize(("env", "says"), BAD_SETTINGS)
def test_a_missing_or_wrong_setting_is_one_line_that_says_what_to_do(scratch, env, says):
    # given a setting that is missing or wrong; when a command that needs settings runs
    done = clean_run(["load-catalogue"], scratch, **env)
    # then it says so in one line, naming the variable, with status 2 and no traceback
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("tukiverkko: ") and done.stderr.count("\n") == 1, done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_without_its_tables_says_run_migrate(scratch):
    # given an empty SQLite database; when a command that needs the tables runs
    done = clean_run(
        ["load-catalogue"], scratch, TUKIVERKKO_ENV="demo",
        DATABASE_URL=f"sqlite:///{scratch / 'empty.sqlite3'}",
    )  # fmt: skip
    # then one line says to migrate first
    assert done.returncode == 2, done.stderr
    assert "run `tukiverkko migrate` first" in done.stderr and done.stderr.count("\n") == 1


SHOW = [
    "shell",
    "-v0",
    "-c",
    "from django.conf import settings; print(settings.ENV, settings.SECRET_KEY)",
]


def test_settings_come_from_env_file_and_secret_files_and_the_environment_wins(scratch):
    # given a .env in the current folder and a secret in a file
    (scratch / ".env").write_text("TUKIVERKKO_ENV=demo\nDJANGO_SECRET_KEY=from-dotenv\n")
    secret = scratch / "secret"
    secret.write_text("from-a-file\n")
    # when commands read their settings
    from_dotenv = clean_run(SHOW, scratch)
    from_file = clean_run(SHOW, scratch, DJANGO_SECRET_KEY="", DJANGO_SECRET_KEY_FILE=str(secret))
    env_wins = clean_run(SHOW, scratch, TUKIVERKKO_ENV="test")
    both = clean_run(SHOW, scratch, DJANGO_SECRET_KEY="a", DJANGO_SECRET_KEY_FILE=str(secret))
    # then .env fills what the environment does not set, a file gives a secret, and the
    # environment is never overridden
    assert from_dotenv.stdout.split() == ["demo", "from-dotenv"], from_dotenv.stderr
    assert from_file.stdout.split() == ["demo", "from-a-file"], from_file.stderr
    assert env_wins.stdout.split() == ["test", "from-dotenv"], env_wins.stderr
    assert "set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE, not both" in both.stderr


def test_make_writes_a_demo_env_once_and_never_overwrites_it(tmp_path):
    # given a folder without .env; when make's .env rule runs twice
    make = [
        "make",
        "--no-print-directory",
        "-f",
        str(ROOT / "Makefile"),
        "-C",
        str(tmp_path),
        ".env",
    ]
    first = subprocess.run(make, capture_output=True, text=True, check=False)  # noqa: S603
    written = (tmp_path / ".env").read_text()
    (tmp_path / ".env").write_text(written + "DJANGO_DEBUG=0\n")
    subprocess.run(make, capture_output=True, text=True, check=False)  # noqa: S603
    # then the first wrote a demo .env with a secret of its own, and the second left it alone
    assert first.returncode == 0, first.stderr
    assert "TUKIVERKKO_ENV=demo" in written
    assert re.search(r"^DJANGO_SECRET_KEY=demo-[0-9a-f]{48}$", written, re.M)
    assert (tmp_path / ".env").read_text().endswith("DJANGO_DEBUG=0\n")


def test_tukiverkko_starts_from_the_installed_script_too():
    # given the console script pip installed; when asked for help with nothing set
    script = Path(PYTHON).with_name("tukiverkko")
    done = subprocess.run(  # noqa: S603
        [str(script), "--help"], env={"PATH": os.defpath, **measurement()}, capture_output=True,
        text=True,
        timeout=60, check=False,
    )  # fmt: skip
    # then it lists the groups
    assert done.returncode == 0 and "Keep the data safe:" in done.stdout


def test_screen_runs_without_django_and_says_what_the_django_command_says(scratch):
    # given a small population file with one bad row
    source = scratch / "in.csv"
    source.write_text("person_id,age,employment_status\np1,40,employed\np2,-1,employed\n")
    probe = (
        "import sys\n"
        "from tukiverkko import cli\n"
        "code = cli._run_pure('screen', sys.argv[1:])\n"
        "assert 'django.core.management' not in sys.modules, 'Django commands were imported'\n"
        "assert 'django.apps' not in sys.modules, 'the app registry was imported'\n"
        "sys.exit(code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", **measurement()}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [PYTHON, "-c", probe, *args],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    # when it screens, meets a file it cannot read, a bad option, and is asked for help
    done = run(str(source), "out.csv", "--reference-date", "2025-06-01", "--no-progress")
    missing = run("missing.csv", "out.csv", "--no-progress")
    bad_size = run(str(source), "out.csv", "--chunk-size", "0")
    bad_date = run(str(source), "out.csv", "--reference-date", "1.6.2025")
    helped = run("--help")
    # then the Django command's line, statuses and messages, without Django's machinery
    assert done.returncode == 0, done.stderr
    assert "2 rows: 1 screened" in done.stdout and "1 with errors" in done.stdout
    assert (scratch / "out.csv.errors.csv").read_text().count("\n") == 2
    assert missing.returncode == 2 and missing.stderr.startswith("CommandError: missing.csv: ")
    assert bad_size.returncode == 2
    assert bad_size.stderr == "CommandError: --chunk-size: must be at least 1\n"
    assert bad_date.returncode == 2 and "--reference-date" in bad_date.stderr
    assert helped.returncode == 0 and "usage: tukiverkko screen" in helped.stdout
    assert "--reference-date REFERENCE_DATE" in helped.stdout and "--traceback" in helped.stdout
