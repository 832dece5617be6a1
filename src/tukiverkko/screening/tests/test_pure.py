import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]


def test_instrument_modules_import_no_django() -> None:
    # given a fresh interpreter / when every instrument module is imported and used
    code = (
        "import sys\n"
        "import tukiverkko.screening.was, tukiverkko.screening.instruments as i\n"
        "import tukiverkko.screening.instruments.tyokykymittari, "
        "tukiverkko.screening.instruments.risk_factors\n"
        "i.score('was', {'score': 3})\n"
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
