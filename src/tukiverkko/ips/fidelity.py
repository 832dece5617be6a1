"""The IPS-25 fidelity scale as data (data/ips25.yaml, with its sources): its three sections
and 25 items, and the band of a total (RULEBOOK §9). Loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language

from tukiverkko.ips.models import FidelityBand

DATA = Path(__file__).parent / "data" / "ips25.yaml"
MIN_SCORE, MAX_SCORE = 1, 5
ITEM_COUNT = 25
MIN_TOTAL, MAX_TOTAL = ITEM_COUNT * MIN_SCORE, ITEM_COUNT * MAX_SCORE


def _loc(names: dict[str, str]) -> str:
    return names.get((get_language() or "fi")[:2]) or names["fi"]


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    name_source: str  # the manual's wording
    names: dict[str, str]

    @property
    def name(self) -> str:
        return _loc(self.names)


@dataclass(frozen=True)
class Section:
    code: str
    names: dict[str, str]
    items: tuple[Item, ...]

    @property
    def name(self) -> str:
        return _loc(self.names)


@dataclass(frozen=True)
class Scale:
    sources: tuple[str, ...]
    sections: tuple[Section, ...]
    bands: tuple[tuple[str, int, int], ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.sections for i in s.items)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


class ScaleError(ValueError):
    """The data file breaks the scale's shape."""


def parse(raw: dict[str, Any]) -> Scale:
    """The scale from the file's data, checked: three sections, 25 unique items with their
    Finnish, Swedish and English names, bands that cover 25–125 without gaps or overlaps."""
    sources = tuple(raw.get("source") or ())
    if not sources:
        raise ScaleError("the scale names no source")
    sections = tuple(
        Section(
            s["code"],
            dict(s["name"]),
            tuple(
                Item(
                    i["code"],
                    s["code"],
                    i["name_source"],
                    {k: i[k] for k in ("fi", "sv", "en")},
                )
                for i in s["items"]
            ),
        )
        for s in raw["sections"]
    )
    if [s.code for s in sections] != ["staffing", "organisation", "services"]:
        raise ScaleError("the sections are staffing, organisation and services")
    codes = [i.code for s in sections for i in s.items]
    if len(codes) != ITEM_COUNT or len(set(codes)) != ITEM_COUNT:
        raise ScaleError(f"the scale has {ITEM_COUNT} unique items, not {len(set(codes))}")
    bands = tuple(
        sorted(
            ((b["band"], int(b["min"]), int(b["max"])) for b in raw["bands"]), key=lambda b: b[1]
        )
    )
    expected = MIN_TOTAL
    for band, low, high in bands:
        if band not in FidelityBand.values or low != expected or high < low:
            raise ScaleError(f"band {band} {low}–{high} leaves a gap or an overlap")
        expected = high + 1
    if expected != MAX_TOTAL + 1:
        raise ScaleError("the bands do not reach the maximum total")
    return Scale(sources, sections, bands)


@cache
def scale() -> Scale:
    return parse(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def band_of(total: int) -> FidelityBand:
    """The band of an IPS-25 total (25–125): 115–125 exemplary, 100–114 good, 74–99 fair,
    ≤ 73 not supported employment."""
    if not MIN_TOTAL <= total <= MAX_TOTAL:
        raise ValueError(f"an IPS-25 total is {MIN_TOTAL}–{MAX_TOTAL}, not {total}")
    for band, low, high in scale().bands:
        if low <= total <= high:
            return FidelityBand(band)
    raise AssertionError("the bands cover every total")  # pragma: no cover (parse checks it)
