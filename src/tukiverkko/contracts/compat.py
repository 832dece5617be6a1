"""Is a contract still compatible with an older copy of itself?

The packaged contracts (this package) are the product's source of truth; the shared copies that
other parties read may lag behind. The packaged copy may grow ahead (new optional fields, new enum
values) but never break the shared one: whatever was valid against the shared contract stays
valid, and every field keeps its type. ``scripts/check-shared-contracts.sh`` asks this.
"""

from __future__ import annotations

from typing import Any


def breaks(old: dict[str, Any], new: dict[str, Any], where: str = "$") -> list[str]:
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
            problems += breaks(child, new["properties"][key], f"{where}.{key}")
    if isinstance(old.get("items"), dict):
        problems += breaks(old["items"], new.get("items", {}), f"{where}[]")
    return problems
