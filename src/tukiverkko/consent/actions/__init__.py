"""Recording and revoking consents, disclosure prohibitions and legal bases, and disclosing
under them — each validates, changes and logs in one transaction.

Who may: the view has authorised the client through the access policy (a relationship with
them); these actions hold the controller rules — a consent, a prohibition or a legal basis is
always of the recorder's own organisation and register (the disclosing controller), so the
receiving party can neither record nor widen another's.

The actions live in modules by responsibility — ``_common`` (the shared checks), ``consents``
(recording, revoking and confirming a consent, the revocation notices), ``restrictions``
(disclosure prohibitions and legal bases) and ``disclosures`` — and are all reached as
``tukiverkko.consent.actions.<name>``.
"""

from tukiverkko.consent.actions._common import (
    MAX_START_AHEAD,
    MAX_START_BEHIND,
    Employer,
)
from tukiverkko.consent.actions.consents import (
    confirm_consent,
    mark_notice_done,
    record_consent,
    revoke_consent,
)
from tukiverkko.consent.actions.disclosures import (
    Disclosure,
    disclose,
    disclose_to_external,
)
from tukiverkko.consent.actions.restrictions import (
    end_legal_basis,
    lift_prohibition,
    record_legal_basis,
    record_prohibition,
)

__all__ = [
    "MAX_START_AHEAD",
    "MAX_START_BEHIND",
    "Disclosure",
    "Employer",
    "confirm_consent",
    "disclose",
    "disclose_to_external",
    "end_legal_basis",
    "lift_prohibition",
    "mark_notice_done",
    "record_consent",
    "record_legal_basis",
    "record_prohibition",
    "revoke_consent",
]
