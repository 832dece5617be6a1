"""Every change of IPS job coaching: each action validates first, then writes its rows and one
audit event in one transaction (nothing half-saved). The view has authorised the client; these
hold the rest — the social-care decision the rules name (rules.prerequisites), that only the
period's coach coaches, the transition table, and the client's consent for each employer.

The actions live in modules by responsibility — ``_common`` (the shared checks and the
conflict error), ``periods`` (the social-care decision and the period's phases), ``profile``
(the vocational profile and employer contacts) and ``fidelity_reviews`` (the IPS-25 review) —
and are all reached as ``tukiverkko.ips.actions.<name>``.
"""

from tukiverkko.ips.actions._common import (
    CONTACT_CATEGORY,
    CONTACT_PURPOSE,
    MAX_ITEMS,
    REVIEW_MONTHS,
    ConflictError,
)
from tukiverkko.ips.actions.fidelity_reviews import (
    ItemScore,
    record_fidelity_review,
)
from tukiverkko.ips.actions.periods import (
    current_decision,
    entry_facts,
    move_period,
    record_decision,
    review_period,
    start_period,
)
from tukiverkko.ips.actions.profile import (
    ContactData,
    record_contact,
    save_profile,
)
from tukiverkko.ips.models import OPEN_PHASES

__all__ = [
    "CONTACT_CATEGORY",
    "CONTACT_PURPOSE",
    "MAX_ITEMS",
    "OPEN_PHASES",
    "REVIEW_MONTHS",
    "ConflictError",
    "ContactData",
    "ItemScore",
    "current_decision",
    "entry_facts",
    "move_period",
    "record_contact",
    "record_decision",
    "record_fidelity_review",
    "review_period",
    "save_profile",
    "start_period",
]
