"""Building blocks of a scored instrument: items, answer options, bands, results, answer errors.

Pure Python (no Django): the command line, the pages and the API all call these same functions.
An instrument turns a mapping *item id → integer answer* into an :class:`InstrumentResult` that
serialises to ``contracts/instrument-result.schema.json``; any bad answer set raises
:class:`AnswerError` naming every bad item — never a partial score.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: Languages a text may be given in. Finnish is always present; others only from a faithful source.
Lang = Literal["fi", "sv", "en"]
Texts = Mapping[str, str]

ProblemCode = Literal["missing", "unknown", "not_integer", "not_allowed", "too_many_missing"]


@dataclass(frozen=True)
class Option:
    """One answer option: the integer a caller sends, and its label."""

    value: int
    label: Texts

    def text(self, lang: str = "fi") -> str:
        return pick(self.label, lang)


@dataclass(frozen=True)
class Item:
    """One question. ``options`` are the allowed integer answers (value = points unless noted)."""

    id: str
    text: Texts
    options: tuple[Option, ...]
    #: The heading shown above the question (e.g. the WAI item it belongs to); Finnish only if absent.
    group: Texts | None = None

    @property
    def allowed(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    def label(self, lang: str = "fi") -> str:
        return pick(self.text, lang)


@dataclass(frozen=True)
class Band:
    """A published score range low–high (both inclusive for whole-number scores).

    Fractional scores (WAI item 2 weighting) belong to the band whose ``low`` they have reached:
    27.5 on the WAI is still "poor" because "moderate" starts at 28. See :func:`band_for`.
    """

    slug: str
    low: float
    high: float
    label: str
    interpretation: str
    #: Shown instead of "low–high" when the range depends on another input (AUDIT-C by sex).
    range_text: str = ""

    @property
    def range(self) -> str:
        if self.range_text:
            return self.range_text
        return f"{self.low:g}–{self.high:g}"


@dataclass(frozen=True)
class Problem:
    """Why one item's answer was rejected; ``message`` is plain English for the command line."""

    item: str
    code: ProblemCode
    value: object = None
    allowed: tuple[int, ...] = ()

    @property
    def message(self) -> str:
        allowed = ", ".join(str(a) for a in self.allowed)
        if self.code == "missing":
            return f"{self.item}: missing (allowed: {allowed})"
        if self.code == "unknown":
            return f"{self.item}: unknown item id"
        if self.code == "not_integer":
            return f"{self.item}: {shown(self.value)} is not an integer (allowed: {allowed})"
        if self.code == "not_allowed":
            return f"{self.item}: {shown(self.value)} is not an allowed answer (allowed: {allowed})"
        # too_many_missing: value is the number of unanswered items
        return (
            f"{self.item}: missing — {self.value} items unanswered, too many to compute a score "
            f"(allowed: {allowed})"
        )


class AnswerError(ValueError):
    """The answer set cannot be scored; ``problems`` names every bad item and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class InstrumentResult:
    """What scoring answers: the fields of ``instrument-result.schema.json`` (+ ``details``)."""

    instrument: str
    score: float
    max_score: float
    band: str
    interpretation: str
    source: str
    flags: tuple[str, ...] = ()
    #: Extra facts that are not contract fields (e.g. the WAS research band, the AUDIT zone by
    #: total before raising). Serialised under "details"; the schema allows additional keys.
    details: Mapping[str, str | int | float] = field(default_factory=dict)
    band_label: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "instrument": self.instrument,
            "score": self.score,
            "max_score": self.max_score,
            "band": self.band,
            "interpretation": self.interpretation,
            "flags": list(self.flags),
            "source": self.source,
        }
        if self.details:
            data["details"] = dict(self.details)
        return data


@dataclass(frozen=True)
class Instrument:
    """A scored instrument: metadata, items and a scoring function over validated answers."""

    id: str
    name: str
    description: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    max_score: float
    min_score: float
    source: str
    #: Called with validated answers (every value an allowed int) and extra inputs (AUDIT ``sex``).
    scorer: Callable[[Mapping[str, int], Mapping[str, str]], InstrumentResult]
    #: Non-item inputs accepted besides the items, with their allowed string values.
    extras: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Items that may be left out (ODI); ``max_missing`` of them at most.
    optional_items: bool = False
    max_missing: int = 0
    instructions: Texts = field(default_factory=dict)
    #: Languages the item texts exist in (Finnish always); see docs/screening.md for the sources.
    item_languages: tuple[str, ...] = ("fi",)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def band_for(self, score: float) -> Band:
        return band_for(self.bands, score)

    def validate(self, answers: Mapping[str, object]) -> tuple[dict[str, int], dict[str, str]]:
        """Check every answer; return (item answers, extra inputs) or raise AnswerError."""
        problems: list[Problem] = []
        values: dict[str, int] = {}
        extras: dict[str, str] = {}
        known = {item.id for item in self.items}
        for key in answers:
            if key not in known and key not in self.extras:
                problems.append(Problem(str(key), "unknown"))
        for name, allowed_extra in self.extras.items():
            if name in answers:
                raw = answers[name]
                if raw not in allowed_extra:
                    problems.append(Problem(name, "not_allowed", raw))
                else:
                    extras[name] = str(raw)
        missing: list[Item] = []
        for item in self.items:
            if item.id not in answers or answers[item.id] is None:
                missing.append(item)
                continue
            raw = answers[item.id]
            if isinstance(raw, bool) or not isinstance(raw, int):
                problems.append(Problem(item.id, "not_integer", raw, item.allowed))
            elif raw not in item.allowed:
                problems.append(Problem(item.id, "not_allowed", raw, item.allowed))
            else:
                values[item.id] = raw
        if missing and self.optional_items and len(missing) > self.max_missing:
            problems.extend(
                Problem(item.id, "too_many_missing", len(missing), item.allowed) for item in missing
            )
        elif missing and not self.optional_items:
            problems.extend(Problem(item.id, "missing", None, item.allowed) for item in missing)
        if problems:
            raise AnswerError(problems)
        return values, extras

    def score(self, answers: Mapping[str, object]) -> InstrumentResult:
        """Validate and score; raises AnswerError naming every bad item."""
        values, extras = self.validate(answers)
        return self.scorer(values, extras)


def shown(value: object) -> str:
    """A value as it would look in the JSON answers ("a", true, 2.5)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def pick(texts: Texts, lang: str) -> str:
    """The text in ``lang`` if a faithful one exists, else the Finnish original."""
    return texts.get(lang) or texts["fi"]


def has_lang(texts: Texts, lang: str) -> bool:
    return lang in texts


def band_for(bands: tuple[Band, ...], score: float) -> Band:
    """The last band (in ascending order) whose ``low`` the score has reached."""
    if not bands[0].low <= score <= bands[-1].high:
        raise ValueError(f"score {score} is outside {bands[0].low}–{bands[-1].high}")
    found = bands[0]
    for band in bands:
        if score >= band.low:
            found = band
    return found


def fi(text: str) -> dict[str, str]:
    """A text that exists in Finnish only."""
    return {"fi": text}


def scale(*labels: Texts, start: int = 0, step: int = 1) -> tuple[Option, ...]:
    """Options start, start+step, … labelled in order."""
    return tuple(Option(start + i * step, label) for i, label in enumerate(labels))


def sum_scorer(
    instrument_id: str,
    bands: tuple[Band, ...],
    max_score: float,
    source: str,
    *,
    screen_positive_from: int | None = None,
) -> Callable[[Mapping[str, int], Mapping[str, str]], InstrumentResult]:
    """A scorer for the plain-sum instruments: total of the item points → band (+ screen flag)."""

    def scorer(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
        total = sum(values.values())
        band = band_for(bands, total)
        flags: tuple[str, ...] = ()
        if screen_positive_from is not None and total >= screen_positive_from:
            flags = ("screen_positive",)
        return InstrumentResult(
            instrument=instrument_id,
            score=total,
            max_score=max_score,
            band=band.slug,
            band_label=band.label,
            interpretation=band.interpretation,
            source=source,
            flags=flags,
        )

    return scorer
