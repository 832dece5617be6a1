"""Site-wide template helpers."""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

_SWITCH_LABELS = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


@register.simple_tag(takes_context=True)
def other_languages(context: dict[str, Any]) -> list[dict[str, str]]:
    """For each other language: its code, a label in that language and this page's address in it.

    The address is translated here, while the page's own language is active; Django's
    set_language then redirects to it (its own translation of ``next`` cannot know the page's
    language when the language cookie and the page disagree).
    """
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return [
        {
            "code": code,
            "label": _SWITCH_LABELS.get(code, str(name)),
            "next": translate_url(path, code),
        }
        for code, name in settings.LANGUAGES
        if code != current
    ]


@register.filter
def css_string(value: object) -> str:
    """The text as the inside of a double-quoted CSS string in a <style> element.

    The value is rendered template text (HTML-escaped), so entities are read back first; then
    every character that could end the string, the rule or the element (quotes, backslash,
    angle brackets, ampersand) becomes a CSS hex escape, and line breaks become spaces.
    """
    text = " ".join(html.unescape(str(value)).split())
    return mark_safe(  # noqa: S308 - every character that is special in CSS or HTML is escaped
        "".join(f"\\{ord(c):x} " if c in "\"\\<>&'" else c for c in text)
    )
