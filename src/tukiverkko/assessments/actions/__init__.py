"""Every change of an assessment: validate, save, write the typed audit event — one transaction.

Errors are ``ValidationError`` with a Finnish message per field; nothing is saved when an action
raises. The views and the API have authorised the case first (access.selectors).

The actions live in modules by responsibility — ``_common`` (the shared checks), ``instruments``
(instrument results and the client's self-assessments), ``health_check`` (the unemployed's
health-check path) and ``needs`` (the social-care needs assessment) — and are all reached as
``tukiverkko.assessments.actions.<name>``.
"""

from tukiverkko.assessments.actions._common import (
    OLDEST_DAYS,
)
from tukiverkko.assessments.actions.health_check import (
    give_feedback,
    open_health_check,
    record_doctor_check,
    record_nurse_check,
    referrer_feedback_blocked,
)
from tukiverkko.assessments.actions.instruments import (
    SELF_ASSESSMENTS,
    record_instrument_result,
    record_self_assessment,
)
from tukiverkko.assessments.actions.needs import (
    record_needs_assessment,
)

__all__ = [
    "OLDEST_DAYS",
    "SELF_ASSESSMENTS",
    "give_feedback",
    "open_health_check",
    "record_doctor_check",
    "record_instrument_result",
    "record_needs_assessment",
    "record_nurse_check",
    "record_self_assessment",
    "referrer_feedback_blocked",
]
