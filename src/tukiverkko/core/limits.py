"""How long free text may be, and what it may not hold — one table for every form, API schema
and action (a page states the limit beside the field; the action refuses what is over it, so
the API is held to the same).

Control characters (other than line breaks and tabs) and the Unicode bidirectional overrides
and isolates (U+202A–U+202E, U+2066–U+2069) are refused: they can make text read otherwise
than it is stored (review L8), and no Finnish, Swedish or English text needs them.
"""

from __future__ import annotations

import re

from django.utils.functional import lazy
from django.utils.translation import gettext as _

# Characters, by kind of field.
JOURNAL_TEXT = 10_000  # a journal entry
REASON = 2_000  # a reason or a note: phase, hand-over, checklist, consent, justified access
SHORT = 200  # a role, a document reference, a statute
NAME = 300  # a name (an employer's)

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _limit_help(limit: int) -> str:
    return _("Enintään %(n)s merkkiä.") % {"n": f"{limit:,}".replace(",", "\u00a0")}


# The limit as a form states it, in the page's language: "Enintään 2 000 merkkiä."
limit_help = lazy(_limit_help, str)


def text_errors(value: str, limit: int) -> list[str]:
    """Why ``value`` cannot be saved as text of at most ``limit`` characters ([] when it can)."""
    errors: list[str] = []
    if len(value) > limit:
        errors.append(
            _("Teksti on liian pitkä: %(length)s merkkiä, enintään %(limit)s.")
            % {"length": len(value), "limit": limit}
        )
    if _FORBIDDEN.search(value):
        errors.append(
            _(
                "Tekstissä on näkymättömiä ohjausmerkkejä (esim. tekstin suunnan vaihto). "
                "Poista ne ja tallenna uudelleen."
            )
        )
    return errors


def check_texts(fields: dict[str, tuple[str, int]]) -> dict[str, list[str]]:
    """``{field: (value, limit)}`` → the errors of each field that has any."""
    return {
        name: errs for name, (value, limit) in fields.items() if (errs := text_errors(value, limit))
    }
