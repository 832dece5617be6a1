"""Sections that apps above ``cases`` add to the client page (the plan, referrals, the team …).

The case page belongs to ``cases``, which imports only downward, yet the apps built on it —
plans, referrals, assessments, teams, follow-up — each have something the professional must see
on the same page. Each declares its panels in its AppConfig (``case_panels``, dotted paths to
``Panel`` instances), the way access grants are declared; this module collects them, so adding a
panel is one line in the new app's ``apps.py`` and nothing here changes (decision 0109).

A panel's ``context`` is called with the viewer (already allowed to see the client by
access.selectors), the case and the purpose of the read; it reads through its own app's
selectors (which filter content by consent and log disclosures) and returns the template context,
or None when the panel has nothing to show to this viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.module_loading import import_string

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import Purpose

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PanelContext = Callable[[Professional, Case, Purpose], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """One section of the client page: its heading, its template and what it shows."""

    name: str  # unique; the section's id on the page ("plan" → #plan-h)
    title: StrOrPromise
    template: str
    context: PanelContext
    order: int = 100  # lower first; the case's own sections come before every panel


@dataclass(frozen=True)
class RenderedPanel:
    panel: Panel
    context: Mapping[str, Any]


@cache
def panels() -> tuple[Panel, ...]:
    """Every panel the installed apps declare, by ``order`` then app order."""
    found: list[Panel] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "case_panels", ()):
            panel = import_string(path)
            if not isinstance(panel, Panel):
                raise TypeError(f"{path} is not a cases.panels.Panel")
            found.append(panel)
    names = [p.name for p in found]
    if len(names) != len(set(names)):
        raise ValueError(f"two case panels share a name: {sorted(names)}")
    return tuple(sorted(found, key=lambda p: p.order))


def rendered(viewer: Professional, case: Case, purpose: Purpose) -> list[RenderedPanel]:
    """The panels that have something for this viewer on this case, with their context."""
    shown = []
    for panel in panels():
        context = panel.context(viewer, case, purpose)
        if context is not None:
            shown.append(RenderedPanel(panel, context))
    return shown
