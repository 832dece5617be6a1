"""Henkilötunnus at rest: Fernet encryption plus a keyed hash for exact look-up.

A database dump alone reveals neither the code nor (without the key) a way to test guesses:
the look-up hash is HMAC-SHA256 under a key derived from ``FIELD_ENCRYPTION_KEY`` with HKDF,
so the 31 × 10^9 possible codes cannot be hashed offline by someone holding only the dump.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode("ascii"))


@cache
def _lookup_key(key: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tukiverkko henkilotunnus lookup"
    ).derive(key.encode("ascii"))


def encrypt(value: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode("utf-8")


def lookup_hash(value: str) -> str:
    """Hex HMAC of the compacted code; equal codes give equal hashes, nothing else does."""
    key = _lookup_key(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def key_is_valid(key: str) -> bool:
    try:
        Fernet(key.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError):
        return False
    return True
