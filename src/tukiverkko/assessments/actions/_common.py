"""The checks the assessment actions share: an open case, dates, texts, the record's owner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Register
from tukiverkko.accounts.roles import Capability, has, register_of
from tukiverkko.assessments.models import (
    HealthCheck,
)
from tukiverkko.cases.models import Case, Phase
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core import limits

# An assessment may be dated at most this far back (a paper form entered later), never ahead.
OLDEST_DAYS = 366


def _refuse(field: str, message: str, code: str) -> ValidationError:
    # A dict error keeps its code only on the inner error.
    return ValidationError({field: ValidationError(message, code=code)})


def _check_open(case: Case) -> None:
    if case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Päättyneeseen asiakkuuteen ei voi kirjata arvioita."), code="case_closed"
        )


def _check_date(field: str, day: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if day is None:
        raise _refuse(field, _("Anna päivämäärä."), "required")
    if day > today:
        raise _refuse(field, _("Päivämäärä ei voi olla tulevaisuudessa."), "future")
    if (today - day).days > OLDEST_DAYS:
        raise _refuse(field, _("Päivämäärä on yli vuoden takaa."), "too_old")
    return day


def _check_texts(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _health_care_source(by: Professional, capability: Capability, message: str) -> dict[str, Any]:
    """The nurse's and the doctor's checks are health-care records: written by a professional
    of the role the step needs, working in a health-care register."""
    if not has(by, capability) or register_of(by) != Register.HEALTH_CARE:
        raise ValidationError(message, code="not_health_care")
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": Register.HEALTH_CARE,
        "source_category": InfoCategory.HEALTH,
    }


def _check_own_record(check: HealthCheck, by: Professional) -> None:
    """A step is written into the health check's own record: the health-care register of the
    organisation that opened it (another controller's professional writes their own)."""
    if by.organisation_id != check.source_organisation_id:
        raise ValidationError(
            _("Terveystarkastukseen kirjaa vain sen avanneen organisaation terveydenhuolto."),
            code="other_record",
        )
