"""Finnish words to base forms, for search that understands inflection.

Uses Voikko (libvoikko + the voikko-fi dictionary, Debian packages ``libvoikko1`` and
``voikko-fi``) — a real morphological analyser, so consonant gradation works:
"työkyvyn" → "työkyky", "kuntoutuksen" → "kuntoutus". Compound words also yield their
parts ("työkykykoordinaattori" → "työkyky", "koordinaattori"), so a search for a part finds
the compound. See docs/decisions/0002-finnish-search-with-voikko.md.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜüŠšŽž]+(?:-[0-9A-Za-zÅÄÖåäöÉéÜüŠšŽž]+)*")
_PART = re.compile(r"\+([^(+]+)\(([^)]*)\)")
_lock = threading.Lock()
_voikko: Any = None
_voikko_error: str | None = None


def _analyser() -> Any:
    global _voikko, _voikko_error
    if _voikko is None and _voikko_error is None:
        try:
            import libvoikko  # type: ignore[import-not-found,unused-ignore]

            _voikko = libvoikko.Voikko("fi")
        except (ImportError, OSError) as exc:  # library or dictionary missing
            _voikko_error = str(exc)
    return _voikko


def tokens(text: str) -> list[str]:
    """Words of a text, lower-cased, hyphenated compounds split into their parts too."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        out.append(word)
        if "-" in word:
            out.extend(p for p in word.split("-") if p)
    return out


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """Every base form of one word, with the parts of a compound; the word itself if unknown."""
    analyser = _analyser()
    if analyser is None:
        return (word,)
    with _lock:
        analyses = analyser.analyze(word)
    forms: list[str] = []
    for analysis in analyses:
        base = str(analysis.get("BASEFORM", "")).lower()
        if base:
            forms.append(base)
        forms.extend(_compound_parts(str(analysis.get("WORDBASES", ""))))
    if not forms:
        forms.append(word)
    return tuple(dict.fromkeys(forms))


def _compound_parts(wordbases: str) -> list[str]:
    """'+työ(työ)+kyky(kyky)+koordinaattori(...)' → ['työkyky', 'koordinaattori', 'työ', 'kyky'].

    Derivational suffixes ('+tön(+tön)') are not separate words; they stay attached.
    """
    parts: list[str] = []
    for surface, base in _PART.findall(wordbases):
        if base.startswith("+") and parts:
            parts[-1] += surface
        else:
            parts.append(base or surface)
    if len(parts) < 2:
        return []
    words = [p.lower() for p in parts]
    # Adjacent pairs too: "työkyky" inside "työkykykoordinaattori".
    pairs = [words[i] + words[i + 1] for i in range(len(words) - 1)]
    return pairs + words


def lemmas(text: str) -> list[str]:
    """All base forms of all words of a text, in order, without repeats."""
    out: list[str] = []
    for word in tokens(text):
        out.extend(word_lemmas(word))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def word_base_forms(word: str) -> tuple[str, ...]:
    """The base forms of one word (no compound parts); the word itself if Voikko does not know it.

    A query word needs only its base forms: the index already holds the parts of every
    compound, so "koordinaattori" finds "työkykykoordinaattori" without the query being split.
    """
    analyser = _analyser()
    if analyser is None:
        return (word,)
    with _lock:
        analyses = analyser.analyze(word)
    forms = [str(a.get("BASEFORM", "")).lower() for a in analyses]
    return tuple(dict.fromkeys(f for f in forms if f)) or (word,)


def query_base_forms(text: str) -> list[tuple[str, ...]]:
    """One group of alternative base forms per query word (hyphenated words split)."""
    groups: list[tuple[str, ...]] = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        groups.extend(word_base_forms(part) for part in word.split("-") if part)
    return groups
