"""The test mode's password hasher (settings: TUKIVERKKO_ENV=test only)."""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2-SHA256 with 1,000 iterations instead of a million: the same algorithm name
    and format, so any server verifies what the tests wrote (and re-hashes it at the next login
    with its own count). The suite creates and logs in thousands of accounts; at 0.2 s a hash that
    was minutes of every run. Django's testing advice, without a second, weaker algorithm."""

    iterations = 1_000
