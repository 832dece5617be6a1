"""Fail loudly at start-up when the henkilötunnus key cannot encrypt anything."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from tukiverkko.clients.crypto import key_is_valid


@checks.register(checks.Tags.security, deploy=False)
def field_key_is_fernet(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if key_is_valid(settings.FIELD_ENCRYPTION_KEY):
        return []
    return [
        checks.Error(
            "TUKIVERKKO_FIELD_KEY is not a Fernet key (32 url-safe base64-encoded bytes).",
            hint='Generate one: python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"',
            id="tukiverkko.E001",
        )
    ]
