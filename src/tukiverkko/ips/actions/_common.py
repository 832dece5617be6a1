"""The checks the IPS actions share: the coach, an open period, its version, text limits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import (
    coaches_ips,
)
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core import limits
from tukiverkko.ips.models import (
    IpsPeriod,
    IpsPhase,
)

# The period is reviewed every three months, and at every change of phase (decision 0301).
REVIEW_MONTHS = 3
# What an employer contact discloses, and for what (seed 003; consent.models.Purpose).
CONTACT_CATEGORY = InfoCategory.EMPLOYMENT
CONTACT_PURPOSE = Purpose.EMPLOYER_CONTACT
# A profile list holds at most this many items.
MAX_ITEMS = 30


class ConflictError(ValidationError):
    """Someone else changed the period after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut työhönvalmennusjaksoa sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _check_texts(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _check_coach(period: IpsPeriod, by: Professional) -> None:
    if not coaches_ips(by) or by.pk != period.coach_id:
        raise ValidationError(
            _("Vain jakson työhönvalmentaja voi kirjata työhönvalmennukseen."), code="not_coach"
        )


def _check_open(period: IpsPeriod) -> None:
    if period.phase == IpsPhase.ENDED:
        raise ValidationError(
            _("Työhönvalmennusjakso on päättynyt: siihen ei voi enää kirjata."), code="ended"
        )


def _check_version(period: IpsPeriod, expected_version: int | None) -> None:
    if expected_version is not None and period.version != expected_version:
        raise ConflictError()


def _bump(period: IpsPeriod, expected_version: int | None, **changes: Any) -> IpsPeriod:
    qs = IpsPeriod.objects.filter(pk=period.pk, version=period.version)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1, **changes) != 1:
        raise ConflictError()
    period.refresh_from_db()
    return period
