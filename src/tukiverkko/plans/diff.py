"""The difference between two versions of a plan: each item added, removed or changed — the
plan's own fields, a goal, a review, an action, another plan — with the fields that changed,
their values before and after, and who changed them (the authors of the versions in between that
touched that field). Items the reader may not see are counted, not shown (consent.content)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.consent.content import Disclosing
from tukiverkko.consent.models import RequestChannel
from tukiverkko.core.display import day
from tukiverkko.plans.enums import (
    ActionStatus,
    Attainment,
    ExternalPlanKind,
    GoalStatus,
    PlanningMode,
    Responsible,
)
from tukiverkko.plans.models import PlanVersion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SECTIONS: dict[str, StrOrPromise] = {
    "plan": _("Suunnitelma"),
    "goals": _("Tavoite"),
    "reviews": _("Tavoitteen arviointi"),
    "actions": _("Toimenpide"),
    "external_plans": _("Muu suunnitelma"),
}

# The fields a diff compares, with their labels; ids and sources are bookkeeping.
LABELS: dict[str, StrOrPromise] = {
    "client_goal": _("asiakkaan oma tavoite"),
    "mode": _("suunnittelutapa"),
    "mediated_consent_on": _("asiakkaan lupa annettu"),
    "mediated_consent_channel": _("luvan antotapa"),
    "companion": _("rinnallakulkija"),
    "next_review_on": _("seuraava arviointi"),
    "agreed_at": _("sovittu"),
    "agreed_by": _("sopimisen kirjasi"),
    "text": _("teksti"),
    "indicator": _("tavoitteen mittari"),
    "target_on": _("tavoitepäivä"),
    "status": _("tila"),
    "visible_to_client": _("näkyy asiakkaalle"),
    "service": _("palvelu"),
    "responsible": _("vastuu"),
    "responsible_who": _("vastuussa"),
    "starts_on": _("alkaa"),
    "ends_on": _("päättyy"),
    "kind": _("suunnitelma"),
    "owner": _("laatija"),
    "dated_on": _("päivätty"),
    "reviewed_on": _("arviointipäivä"),
    "attainment": _("toteutuminen (GAS)"),
    "note": _("huomio"),
    "by": _("arvioija"),
}

CHOICES: dict[str, Mapping[Any, StrOrPromise]] = {
    "mode": dict(PlanningMode.choices),
    "mediated_consent_channel": dict(RequestChannel.choices),
    "responsible": dict(Responsible.choices),
    "kind": dict(ExternalPlanKind.choices),
    "attainment": dict(Attainment.choices),
}
STATUS = {**dict(GoalStatus.choices), **dict(ActionStatus.choices)}

Key = tuple[str, int]  # (section, item id)
Item = dict[str, Any]


def _shown(name: str, value: Any, section: str) -> str:
    """A snapshot value as the page says it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("kyllä") if value else _("ei"))
    if name == "status":
        choices: Mapping[Any, StrOrPromise] = (
            dict(GoalStatus.choices) if section == "goals" else dict(ActionStatus.choices)
        )
        return str(choices.get(value, value))
    if name in CHOICES:
        return str(CHOICES[name].get(value, value))
    if name.endswith("_at"):  # a moment: the day it was in Helsinki
        return day(dt.datetime.fromisoformat(str(value)))
    if name.endswith("_on"):
        return day(dt.date.fromisoformat(str(value)))
    return str(value)


def items(snapshot: Mapping[str, Any]) -> dict[Key, Item]:
    """Every item of a version by (section, id); the plan's own fields are ("plan", 0)."""
    out: dict[Key, Item] = {("plan", 0): snapshot["plan"]}
    for goal in snapshot.get("goals", []):
        out[("goals", goal["id"])] = goal
        for review in goal.get("reviews", []):
            out[("reviews", review["id"])] = {**review, "goal": goal["text"]}
    for section in ("actions", "external_plans"):
        for row in snapshot.get(section, []):
            out[(section, row["id"])] = row
    return out


def _fields(before: Item, after: Item) -> set[str]:
    return {name for name in LABELS if before.get(name) != after.get(name)}


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: StrOrPromise
    before: str
    after: str
    by: list[str]


@dataclass(frozen=True)
class ItemChange:
    section: str
    kind: str  # added | removed | changed
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    by: list[str] = field(default_factory=list)

    @property
    def section_label(self) -> StrOrPromise:
        return SECTIONS[self.section]


@dataclass(frozen=True)
class PlanDiff:
    older: PlanVersion
    newer: PlanVersion
    changes: list[ItemChange]
    hidden: int


@dataclass(frozen=True)
class SnapshotContent:
    """An item of a version as the content filter asks it (whose register's content it is)."""

    content_organisation_id: int | None
    content_register: str
    content_category: str


def _content_of(item: Item) -> SnapshotContent:
    org, register, category = item.get("source") or [None, "", ""]
    return SnapshotContent(org, register, category)


def _title(section: str, item: Item) -> str:
    if section == "plan":
        return ""
    if section == "reviews":
        return str(item.get("goal", ""))
    if section == "external_plans":
        return _shown("kind", item.get("kind"), section)
    return str(item.get("text", ""))


def _authors(steps: list[PlanVersion]) -> Iterator[tuple[str, dict[Key, Item], dict[Key, Item]]]:
    for before, after in itertools.pairwise(steps):
        yield after.author_label, items(before.snapshot), items(after.snapshot)


def diff_versions(steps: list[PlanVersion], content: Disclosing) -> PlanDiff:
    """``steps``: the versions from the older to the newer, in order, every one in between."""
    first, last = items(steps[0].snapshot), items(steps[-1].snapshot)
    # Who touched what, step by step: (key, field or "" for the item itself) → authors.
    touched: dict[tuple[Key, str], list[str]] = {}
    for author, was, became in _authors(steps):
        for key in was.keys() | became.keys():
            names = {""} if (key in was) != (key in became) else _fields(was[key], became[key])
            for name in names:
                seen = touched.setdefault((key, name), [])
                if author not in seen:
                    seen.append(author)
    changes: list[ItemChange] = []
    hidden = 0
    order = list(SECTIONS)
    for key in sorted(first.keys() | last.keys(), key=lambda k: (order.index(k[0]), k[1])):
        section = key[0]
        before, after = first.get(key), last.get(key)
        sources = [i for i in (before, after) if i is not None]
        if before is None or after is None:
            item = sources[0]
            change = ItemChange(
                section,
                "added" if before is None else "removed",
                _title(section, item),
                by=touched.get((key, ""), []),
            )
        else:
            names = _fields(before, after)
            if not names:
                continue
            change = ItemChange(
                section,
                "changed",
                _title(section, after),
                [
                    FieldChange(
                        name,
                        LABELS[name],
                        _shown(name, before.get(name), section),
                        _shown(name, after.get(name), section),
                        touched.get((key, name), []),
                    )
                    for name in LABELS
                    if name in names
                ],
            )
        if all(content.allows(_content_of(i), kind=f"plan_{section}") for i in sources):
            changes.append(change)
        else:
            hidden += 1
    return PlanDiff(steps[0], steps[-1], changes, hidden)
