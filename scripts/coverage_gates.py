"""Coverage gates, read from the data the test run left (.coverage): rules/, screening/ and every
actions.py (or actions/ package) at 100 % of lines and branches; the whole product at the floor
in pyproject.toml ([tool.coverage.report] fail_under), which only rises. Exit 1 naming each file below its gate.

    .venv/bin/python scripts/coverage_gates.py [DATAFILE]
"""

from __future__ import annotations

import fnmatch
import json
import sys
import tempfile
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent
FULL = ["src/tukiverkko/rules/*", "src/tukiverkko/screening/*", "*/actions.py", "*/actions/*.py"]


def main(argv: list[str]) -> int:
    data_file = argv[1] if len(argv) > 1 else str(ROOT / ".coverage")
    if not Path(data_file).exists():
        print(f"coverage gates: no coverage data in {data_file} (run make pytest)", file=sys.stderr)
        return 2
    cov = coverage.Coverage(data_file=data_file, config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "coverage.json"
        cov.json_report(outfile=str(out), show_contexts=False)
        report = json.loads(out.read_text(encoding="utf-8"))
    below = []
    for path, entry in sorted(report["files"].items()):
        name = str(Path(path).resolve().relative_to(ROOT)) if Path(path).is_absolute() else path
        summary = entry["summary"]
        if any(fnmatch.fnmatch(name, pattern) for pattern in FULL) and (
            summary["missing_lines"] or summary.get("missing_branches", 0)
        ):
            lines = ", ".join(str(n) for n in entry["missing_lines"]) or "branches"
            below.append(f"{name}: not covered: {lines}")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floor = float(config["tool"]["coverage"]["report"]["fail_under"])
    total = float(report["totals"]["percent_covered"])
    for line in below:
        print(f"coverage gate (100 %): {line}", file=sys.stderr)
    if total < floor:
        print(
            f"coverage gate: the product is at {total:.1f} %, below its floor {floor}",
            file=sys.stderr,
        )
        return 1
    if below:
        return 1
    hint = f"; raise fail_under to {int(total)}" if int(total) > floor else ""
    print(
        f"coverage gates: OK — rules/, screening/, actions.py at 100 %; product {total:.1f} %{hint}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
