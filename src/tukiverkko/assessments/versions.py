"""The version of an instrument definition a stored result was scored with."""

from __future__ import annotations

import hashlib
import json

from tukiverkko.screening.instruments import Instrument


def instrument_version(instrument: Instrument) -> str:
    """A fingerprint of what scores an instrument — its items and their option values, its bands
    and score range — prefixed with its id: the same definition gives the same version in every
    process, and any change of a scoring-relevant part gives a new one (decision 0280)."""
    definition = {
        "id": instrument.id,
        "items": [[item.id, list(item.allowed)] for item in instrument.items],
        "bands": [[b.slug, b.low, b.high] for b in instrument.bands],
        "range": [instrument.min_score, instrument.max_score],
        "extras": {k: list(v) for k, v in sorted(instrument.extras.items())},
    }
    digest = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
    return f"{instrument.id}:{digest[:16]}"
