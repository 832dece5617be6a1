"""One-time login codes (demo, tests, and the professional's desk): ten characters from an
alphabet without look-alikes (no 0/O, 1/I/L), shown as ``ABCDE-FGHJK``; kept only as an HMAC
under the site's secret key. 31¹⁰ ≈ 8 · 10¹⁴ codes, each valid 15 minutes and once: guessing
is out of reach without any lock-out that a stranger could use to block a client."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
VALID_FOR = dt.timedelta(minutes=15)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(typed: str) -> str:
    """What the client typed, as the code is kept: capitals, no spaces or hyphens."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def digest(code: str) -> str:
    key = ("tukiverkko portal code:" + settings.SECRET_KEY).encode()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()
