"""The IPS-25 fidelity review of a job-coaching service (not of a client)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import (
    reviews_fidelity,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.catalogue.models import Service
from tukiverkko.core import limits
from tukiverkko.ips import fidelity
from tukiverkko.ips.models import (
    IPS_SERVICE_TYPE,
    FidelityReview,
    FidelityScore,
)

# -- the IPS-25 fidelity review -----------------------------------------------------------


@dataclass(frozen=True)
class ItemScore:
    score: int | None
    note: str = ""


@transaction.atomic
def record_fidelity_review(
    *,
    service: Service,
    by: Professional,
    reviewed_on: dt.date | None,
    reviewers: str,
    scores: Mapping[str, ItemScore],
    summary: str = "",
) -> FidelityReview:
    """An IPS-25 review of an IPS service: every one of the 25 items scored 1–5 (a note each
    where wanted), the total and its band. Entered by a catalogue editor (decision 0302)."""
    if not reviews_fidelity(by):
        raise ValidationError(
            _("IPS-25-laatuarvioinnin kirjaa palvelutietojen ylläpitäjä."), code="not_reviewer"
        )
    errors: dict[str, list[str]] = {}
    if service.service_type.slug != IPS_SERVICE_TYPE:
        errors["service"] = [_("Laatuarvioinnin voi kirjata vain IPS-työhönvalmennukselle.")]
    if reviewed_on is None:
        errors["reviewed_on"] = [_("Anna arviointipäivä.")]
    elif reviewed_on > timezone.localdate():
        errors["reviewed_on"] = [_("Arviointipäivä ei voi olla tulevaisuudessa.")]
    reviewers = reviewers.strip()
    if not reviewers:
        errors["reviewers"] = [_("Kerro arvioijat.")]
    scale = fidelity.scale()
    unknown = set(scores) - set(scale.codes)
    if unknown:
        errors["scores"] = [
            _("Tuntematon arviointikohta: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        ]
    for item in scale.items:
        given = scores.get(item.code)
        field = f"score_{item.code}"
        if given is None or given.score is None:
            errors[field] = [_("Pisteytä kohta %(item)s (1–5).") % {"item": item.name}]
        elif not fidelity.MIN_SCORE <= given.score <= fidelity.MAX_SCORE:
            errors[field] = [_("Kohdan %(item)s pisteet ovat 1–5.") % {"item": item.name}]
        if given is not None:
            errors |= limits.check_texts({f"note_{item.code}": (given.note, limits.REASON)})
    errors |= limits.check_texts(
        {"reviewers": (reviewers, limits.NAME), "summary": (summary, limits.JOURNAL_TEXT)}
    )
    if errors or reviewed_on is None:
        raise ValidationError(errors)
    total = sum(int(scores[code].score or 0) for code in scale.codes)
    review = FidelityReview.objects.create(
        service=service,
        reviewed_on=reviewed_on,
        reviewers=reviewers,
        total=total,
        band=fidelity.band_of(total),
        summary=summary.strip(),
        recorded_by=by,
    )
    FidelityScore.objects.bulk_create(
        FidelityScore(
            review=review,
            item=code,
            score=int(scores[code].score or 0),
            note=scores[code].note.strip(),
        )
        for code in scale.codes
    )
    record_event(by, None, EventType.IPS_FIDELITY_REVIEW, f"{service.slug}:{review.pk}")
    return review
