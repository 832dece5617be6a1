"""The social-care needs assessment (palvelutarpeen arviointi)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Register, Role, User
from tukiverkko.accounts.roles import Capability, has, register_of
from tukiverkko.assessments.actions._common import _check_date, _check_open, _check_texts
from tukiverkko.assessments.models import (
    NeedsAssessment,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import InfoCategory
from tukiverkko.core import limits

# -- the social-care needs assessment -------------------------------------------------------


@transaction.atomic
def record_needs_assessment(
    *,
    case: Case,
    by: Professional,
    assessed_on: dt.date | None,
    summary: str,
    conclusions: str,
    client_view: str,
    client_view_on_named_worker: str = "",
    worker_view_on_named_worker: str = "",
    named_worker: User | None = None,
) -> NeedsAssessment:
    """Palvelutarpeen arviointi (seed 001), by a social-care professional in a social-care
    register; the omatyöntekijä named is a social-care professional of the same organisation."""
    _check_open(case)
    if not has(by, Capability.SERVICE_NEEDS_ASSESSMENT) or register_of(by) != Register.SOCIAL_CARE:
        raise ValidationError(
            _("Palvelutarpeen arvioinnin tekee sosiaalihuollon ammattihenkilö."),
            code="not_social_care",
        )
    day = _check_date("assessed_on", assessed_on)
    errors: dict[str, list[ValidationError]] = {}
    for field, text, message in (
        ("summary", summary, _("Kirjaa yhteenveto asiakkaan tilanteesta ja tuen tarpeesta.")),
        ("conclusions", conclusions, _("Kirjaa johtopäätökset asiakkuuden edellytyksistä.")),
        ("client_view", client_view, _("Kirjaa asiakkaan oma näkemys palveluntarpeestaan.")),
    ):
        if not text.strip():
            errors[field] = [ValidationError(message, code="required")]
    if named_worker is not None and (
        named_worker.role not in (Role.SOCIAL_WORKER, Role.SOCIAL_INSTRUCTOR)
        or named_worker.organisation_id != by.organisation_id
        or not named_worker.is_active
    ):
        errors["named_worker"] = [
            ValidationError(
                _(
                    "Omatyöntekijäksi voi nimetä saman organisaation sosiaalihuollon "
                    "ammattihenkilön."
                ),
                code="not_social_care",
            )
        ]
    if errors:
        raise ValidationError(errors)
    _check_texts(
        {
            "summary": (summary, limits.JOURNAL_TEXT),
            "conclusions": (conclusions, limits.JOURNAL_TEXT),
            "client_view": (client_view, limits.JOURNAL_TEXT),
            "client_view_on_named_worker": (client_view_on_named_worker, limits.JOURNAL_TEXT),
            "worker_view_on_named_worker": (worker_view_on_named_worker, limits.JOURNAL_TEXT),
        }
    )
    row = NeedsAssessment.objects.create(
        case=case,
        assessed_on=day,
        summary=summary.strip(),
        conclusions=conclusions.strip(),
        client_view=client_view.strip(),
        client_view_on_named_worker=client_view_on_named_worker.strip(),
        worker_view_on_named_worker=worker_view_on_named_worker.strip(),
        named_worker=named_worker,
        assessed_by=by,
        source_organisation_id=by.organisation_id,
        source_register=Register.SOCIAL_CARE,
        source_category=InfoCategory.SOCIAL,
    )
    record_event(by, case.client_id, EventType.NEEDS_ASSESSMENT, row.pk)
    return row
