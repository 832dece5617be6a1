"""Site-wide template helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
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
