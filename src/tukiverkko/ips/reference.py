"""The work-demand reference of seed 002 (RULEBOOK §4.6) as data (data/work_demands.yaml, with
its source): condition → the work demands that aggravate it → example jobs to move to. A
reference for a doctor or coordinator, never a decision about a client. Loaded and validated
once; searched in the reader's language and in Finnish."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language

DATA = Path(__file__).parent / "data" / "work_demands.yaml"
LANGUAGES = ("fi", "sv", "en")
MAX_QUERY = 100


@dataclass(frozen=True)
class Entry:
    code: str
    condition: dict[str, str]
    demands: dict[str, str]
    examples: dict[str, str]
    keywords: tuple[str, ...]

    def _in(self, texts: dict[str, str]) -> str:
        return texts.get((get_language() or "fi")[:2]) or texts["fi"]

    @property
    def condition_text(self) -> str:
        return self._in(self.condition)

    @property
    def demands_text(self) -> str:
        return self._in(self.demands)

    @property
    def examples_text(self) -> str:
        return self._in(self.examples)

    def matches(self, words: list[str]) -> bool:
        haystack = " ".join(
            [
                *(
                    t
                    for texts in (self.condition, self.demands, self.examples)
                    for t in texts.values()
                ),
                *self.keywords,
            ]
        ).casefold()
        return all(w in haystack for w in words)


@dataclass(frozen=True)
class Reference:
    source: str
    entries: tuple[Entry, ...]


class ReferenceError(ValueError):
    """The data file breaks the reference's shape."""


def parse(raw: dict[str, Any]) -> Reference:
    source = str(raw.get("source") or "").strip()
    if not source:
        raise ReferenceError("the reference names no source")
    entries = []
    for row in raw["conditions"]:
        for part in ("condition", "demands", "examples"):
            missing = [lang for lang in LANGUAGES if not str(row[part].get(lang, "")).strip()]
            if missing:
                raise ReferenceError(f"{row['code']}: {part} has no text in {missing}")
        entries.append(
            Entry(
                row["code"],
                dict(row["condition"]),
                dict(row["demands"]),
                dict(row["examples"]),
                tuple(str(k) for k in row.get("keywords", ())),
            )
        )
    codes = [e.code for e in entries]
    if len(codes) != len(set(codes)) or not codes:
        raise ReferenceError("condition codes must be unique, and there must be some")
    return Reference(source, tuple(entries))


@cache
def reference() -> Reference:
    return parse(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def search(query: str = "") -> list[Entry]:
    """The entries whose texts (in any language) or keywords hold every word of ``query``;
    every entry for an empty query."""
    words = query.casefold().split()[:10]
    return [e for e in reference().entries if e.matches(words)]
