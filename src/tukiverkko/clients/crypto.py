"""Henkilötunnus at rest: Fernet encryption plus a keyed hash for exact look-up.

A database dump alone reveals neither the code nor (without the key) a way to test guesses:
the look-up hash is HMAC-SHA256 under a key derived from ``FIELD_ENCRYPTION_KEY`` with HKDF,
so the 31 × 10^9 possible codes cannot be hashed offline by someone holding only the dump.

Key rotation (decision 0175): ``FIELD_ENCRYPTION_KEY`` encrypts and hashes; the keys in
``FIELD_ENCRYPTION_KEY_FALLBACKS`` still decrypt (MultiFernet) and still find a person by hash
until ``tukiverkko rotate-keys`` has moved every value to the current key.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
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


@cache
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_fernet(key) for key in keys])


def _keys() -> tuple[str, ...]:
    """The current key first, then the ones being rotated out."""
    return (settings.FIELD_ENCRYPTION_KEY, *getattr(settings, "FIELD_ENCRYPTION_KEY_FALLBACKS", ()))


def encrypt(value: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return _multi(_keys()).decrypt(token.encode("ascii")).decode("utf-8")


def _hash(key: str, value: str) -> str:
    return hmac.new(_lookup_key(key), value.encode("utf-8"), hashlib.sha256).hexdigest()


def lookup_hash(value: str) -> str:
    """Hex HMAC of the compacted code; equal codes give equal hashes, nothing else does."""
    return _hash(settings.FIELD_ENCRYPTION_KEY, value)


def lookup_hashes(value: str) -> list[str]:
    """The code's hash under every key still in use: a person stored before a rotation is
    found by any of them until rotate-keys has rewritten their row."""
    return [_hash(key, value) for key in _keys()]


def rotated(token: str, stored_hash: str) -> tuple[str, str] | None:
    """The value re-encrypted and re-hashed under the current key, or None when it already is.

    Raises InvalidToken when no configured key decrypts it.
    """
    try:
        code = _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        code = decrypt(token)
    else:
        if stored_hash == lookup_hash(code):
            return None
    return encrypt(code), lookup_hash(code)


def key_is_valid(key: str) -> bool:
    try:
        Fernet(key.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError):
        return False
    return True
