"""The JSON Schemas the CLI and API validate against: the source of truth, ahead of or equal to
the shared copies in ../shared/contracts/ (a test checks they never break those)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DIR = Path(__file__).parent


@cache
def schema(name: str) -> dict[str, Any]:
    """schema("client-situation") → the parsed client-situation.schema.json."""
    data: dict[str, Any] = json.loads((DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return data
