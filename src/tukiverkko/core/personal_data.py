"""How a model declares the personal data it holds (STYLE 10).

Every model that holds a client's personal data has ``PERSONAL_DATA``: field name → how the field
is treated. ``sensitive`` fields never appear in lists, logs or URLs and are shown only on
request with the reveal logged; ``export`` says how the field appears in the client's own data
request ("value", "decrypted", or "name" for a related row shown by its name).
core/tests/test_personal_data.py fails when a client-data model has no declaration, or declares a
field it does not have.
"""

from __future__ import annotations

from typing import Literal, TypedDict


class PersonalField(TypedDict):
    sensitive: bool
    export: Literal["value", "decrypted", "name"]


PersonalData = dict[str, PersonalField]

VALUE: PersonalField = {"sensitive": False, "export": "value"}
SENSITIVE: PersonalField = {"sensitive": True, "export": "value"}
NAME: PersonalField = {"sensitive": False, "export": "name"}
