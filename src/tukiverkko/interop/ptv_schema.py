"""Checking records against the PTV Open API V11 models vendored in standards/ptv-v11/.

``schema.json`` holds one ``$defs`` entry per model of the Open API (see its README for how it
was derived and from where); an object allows no property its model does not declare, so a
misspelt field is caught. Nothing is fetched from the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
from django.conf import settings

SCHEMA_PATH = settings.BASE_DIR / "standards" / "ptv-v11" / "schema.json"

SERVICE_MODEL = "V11VmOpenApiService"
# serviceChannelType -> the V11 model of that channel
CHANNEL_MODELS = {
    "ServiceLocation": "V11VmOpenApiServiceLocationChannel",
    "Phone": "V11VmOpenApiPhoneChannel",
    "WebPage": "V11VmOpenApiWebPageChannel",
    "EChannel": "V11VmOpenApiElectronicChannel",
    "PrintableForm": "V11VmOpenApiPrintableFormChannel",
}


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@cache
def validator(model: str) -> jsonschema.Draft202012Validator:
    """A validator of one V11 model (``$defs`` name), with format checks (uuid, date-time)."""
    defs = schema()["$defs"]
    return jsonschema.Draft202012Validator(
        {"$defs": defs, "$ref": f"#/$defs/{model}"},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def errors(model: str, record: Any, where: str) -> Iterator[str]:
    """``where: field/path: reason`` for each way ``record`` breaks ``model``."""
    for error in sorted(validator(model).iter_errors(record), key=lambda e: list(e.path)):
        # "null or a list of …" hides where the list broke: name the deepest field instead
        while error.context:
            error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
        path = "/".join(str(p) for p in error.absolute_path) or "(record)"
        yield f"{where}: {path}: {error.message}"


def channel_model(record: Any) -> str | None:
    """The V11 model a channel record claims to be, by its serviceChannelType."""
    if isinstance(record, dict):
        return CHANNEL_MODELS.get(record.get("serviceChannelType"))  # type: ignore[arg-type]
    return None
