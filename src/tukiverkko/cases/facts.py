"""Facts about a case that apps above ``cases`` know, for the rules to read.

The rules' requirements (tukiverkko.rules: a doctor's referral, a social-care decision, the nurse's
or coordinator's assessment before the doctor) are facts about a client's case that different apps
record: assessments knows whether the nurse's broad check is done, referrals whether a doctor has
referred, and so on. An app that records such a fact declares a provider in its AppConfig
(``case_facts``, dotted paths to functions ``(case) -> Mapping[str, object]``); this module merges
them, so that the app that asks (e.g. referrals, checking a referral's prerequisites) never imports
the app that knows (decision 0110). Field names are the ClientSituation contract's where it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from tukiverkko.cases.models import Case

Provider = Callable[[Case], Mapping[str, Any]]


@cache
def providers() -> tuple[tuple[str, Provider], ...]:
    """Every declared provider, as (dotted path, function), in app order."""
    return tuple(
        (path, import_string(path))
        for config in apps.get_app_configs()
        for path in getattr(config, "case_facts", ())
    )


def case_facts(case: Case) -> dict[str, Any]:
    """What the installed apps know about this case. Two providers that give different values for
    one fact are a programming error, refused rather than silently resolved."""
    facts: dict[str, Any] = {}
    source: dict[str, str] = {}
    for path, provide in providers():
        for name, value in provide(case).items():
            if name in facts and facts[name] != value:
                raise ValueError(f"{path} and {source[name]} disagree on the case fact {name!r}")
            facts[name], source[name] = value, path
    return facts
