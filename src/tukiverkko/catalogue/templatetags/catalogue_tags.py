"""Template helpers for the catalogue pages: language fallback, opening hours, contact links."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language, pgettext

from tukiverkko.catalogue.models import (
    ContactChannel,
    ContactKind,
    localised,
    unchecked_translations,
)

register = template.Library()

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _day_names() -> dict[str, str]:
    return {
        "MO": pgettext("weekday", "ma"),
        "TU": pgettext("weekday", "ti"),
        "WE": pgettext("weekday", "ke"),
        "TH": pgettext("weekday", "to"),
        "FR": pgettext("weekday", "pe"),
        "SA": pgettext("weekday", "la"),
        "SU": pgettext("weekday", "su"),
    }


@register.filter
def loc(obj: Any, field: str) -> str:
    """``{{ service|loc:"what" }}``: the field in the current language, Finnish as fallback."""
    if obj is None:
        return ""
    return localised(obj, field)


@register.filter
def is_fallback(obj: Any, field: str) -> bool:
    """True when the page language has no text of its own and Finnish is shown instead."""
    lang = (get_language() or "fi")[:2]
    return (
        lang != "fi"
        and not getattr(obj, f"{field}_{lang}", "")
        and bool(getattr(obj, f"{field}_fi", ""))
    )


@register.filter
def any_fallback(obj: Any, fields: str) -> bool:
    """``{{ service|any_fallback:"name,what" }}``: does any of these fields show Finnish instead?"""
    return any(is_fallback(obj, f.strip()) for f in fields.split(",") if f.strip())


@register.filter
def translation_unchecked(obj: Any) -> bool:
    """True when the page is in Swedish or English and no person has checked those texts yet."""
    lang = (get_language() or "fi")[:2]
    return lang in unchecked_translations(obj)


@register.filter
def unchecked_languages(obj: Any, only: str = "") -> list[str]:
    """The record's unchecked translation languages (just ``only`` when it is given)."""
    return [lang for lang in unchecked_translations(obj) if not only or lang == only]


def _time(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours)}.{minutes}"


def _day_span(days: list[str]) -> str:
    names = _day_names()
    order = sorted(_DAYS.index(d) for d in days if d in _DAYS)
    runs: list[list[int]] = []
    for index in order:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = []
    for run in runs:
        first, last = names[_DAYS[run[0]]], names[_DAYS[run[-1]]]
        parts.append(first if len(run) == 1 else f"{first}–{last}")
    return ", ".join(parts)


@register.filter
def opening_hours(contact: ContactChannel) -> str:
    """The contact's opening hours as text: its own text first, else the structured hours."""
    text = localised(contact, "opening_hours")
    if text:
        return text
    return "; ".join(
        f"{_day_span(item.get('days', []))} {_time(item['opens'])}–{_time(item['closes'])}"
        for item in contact.opening_hours or []
        if item.get("opens") and item.get("closes")
    )


@register.filter
def contact_href(contact: ContactChannel) -> str:
    """A link for the channel where one makes sense (tel:, mailto:, web); else empty."""
    value = contact.value.strip()
    if not value:
        return ""
    if contact.kind == ContactKind.PHONE:
        return "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
    if contact.kind in {ContactKind.EMAIL, ContactKind.SECURE_EMAIL} and "@" in value:
        return "mailto:" + value
    if value.startswith(("https://", "http://")):
        return value
    return ""


@register.filter
def language_name(code: str) -> str:
    """A language code as a name in the page language; the code itself when Django has no name."""
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
