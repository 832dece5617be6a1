"""The packaged contracts (src/tukiverkko/contracts/) are the product's source of truth; the
shared copies (../shared/contracts/) are what other parties read. The packaged copy may grow
ahead of the shared one (new optional fields, new enum values) but never break it: whatever
was valid against the shared contract stays valid, and every field keeps its type.
"""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tukiverkko.contracts import DIR, schema

# ../shared beside the main checkout; a worktree (../wt/<name>) finds it one level further up.
SHARED = next(
    (
        p / "shared" / "contracts"
        for p in Path(settings.BASE_DIR).parents
        if (p / "shared" / "contracts").is_dir()
    ),
    Path(settings.BASE_DIR).parent / "shared" / "contracts",
)


def _shared(name: str) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads((SHARED / name).read_text(encoding="utf-8"))
    return data


def _compatible(old: dict[str, Any], new: dict[str, Any], where: str) -> list[str]:
    """Where ``new`` would refuse something ``old`` accepted (types, enums, required)."""
    problems = []
    if old.get("type") != new.get("type"):
        problems.append(f"{where}: type {old.get('type')} became {new.get('type')}")
    if "enum" in old and not set(map(str, old["enum"])) <= set(map(str, new.get("enum", []))):
        problems.append(f"{where}: enum lost values")
    added = set(new.get("required", [])) - set(old.get("required", []))
    if added:
        problems.append(f"{where}: newly required {sorted(added)}")
    for key, child in old.get("properties", {}).items():
        if key not in new.get("properties", {}):
            problems.append(f"{where}.{key}: removed")
        else:
            problems += _compatible(child, new["properties"][key], f"{where}.{key}")
    if isinstance(old.get("items"), dict):
        problems += _compatible(old["items"], new.get("items", {}), f"{where}[]")
    return problems


@pytest.mark.parametrize("name", sorted(p.name for p in SHARED.glob("*.schema.json")))
def test_packaged_contract_never_breaks_the_shared_one(name):
    # The CLI and API validate against the packaged copy; an input or output valid under the
    # shared copy must stay valid under it.
    packaged = schema(name.removesuffix(".schema.json"))
    assert _compatible(_shared(name), packaged, name) == []


def test_every_shared_contract_is_packaged():
    assert {p.name for p in SHARED.glob("*.json")} == {p.name for p in DIR.glob("*.json")}


def test_the_compatibility_check_catches_a_break():
    old = {"type": "object", "properties": {"a": {"enum": ["x", "y"]}, "b": {"type": "integer"}}}
    new = {"type": "object", "required": ["a"], "properties": {"a": {"enum": ["x"]}}}
    assert len(_compatible(old, new, "s")) == 3
