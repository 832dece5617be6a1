import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]
# The rules app's Django shell: pages, forms, API and app config. Everything else is the engine.
SHELLS = {"__init__", "api", "apps", "forms", "urls", "views"}


def engine_modules() -> list[str]:
    return sorted(
        p.stem for p in (SRC / "tukiverkko" / "rules").glob("*.py") if p.stem not in SHELLS
    )


def test_the_rules_engine_imports_no_django() -> None:
    # given a fresh interpreter / when every engine module is imported and a recommendation made
    modules = engine_modules()
    assert {"engine", "expr", "decisions", "questions", "population"} <= set(modules)
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('tukiverkko.rules.' + name)\n"
        "from tukiverkko.rules.engine import recommend\n"
        "from tukiverkko.rules.situation import validate\n"
        "answer = recommend(validate({'age': 30, 'reference_date': '2025-06-01'}))\n"
        "assert answer['services'], answer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja')))\n"
    )
    done = subprocess.run(  # noqa: S603 — fixed arguments
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=True,
    )
    # then not a single Django (or ninja) module was loaded
    assert done.stdout.strip() == "[]"
