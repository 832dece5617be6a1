"""What every action of a case shares: the stale-edit conflict, the steering check, text
limits, the optimistic version bump and whose register free text belongs to."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import (
    note_category,
    register_of,
    works_with_clients,
)
from tukiverkko.cases.models import (
    Case,
)
from tukiverkko.core import limits


class ConflictError(ValidationError):
    """Someone else saved the case after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut asiakkuutta sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _source(by: Professional) -> dict[str, Any]:
    """Whose register free text written by ``by`` belongs to (cases.models.Sourced)."""
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": register_of(by) or "",
        "source_category": note_category(by),
    }


def _check_steering(case: Case, by: Professional) -> None:
    """Only the responsible worker and the case-owning controller's professionals steer a case
    (review H2; the view has checked the relationship, access.rules.may_steer)."""
    if by.pk != case.responsible_worker_id and by.organisation_id != case.organisation_id:
        raise ValidationError(
            _(
                "Vain vastuutyöntekijä ja asiakkuuden omistavan organisaation ammattilaiset "
                "voivat muuttaa asiakkuutta."
            ),
            code="not_steering",
        )


def _check_text(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _check_version(case: Case, expected_version: int | None) -> None:
    """A stale form is a conflict before anything else is judged: its user saw another case."""
    if expected_version is not None and case.version != expected_version:
        raise ConflictError()


def _bump(case: Case, expected_version: int | None, **changes: Any) -> None:
    """Apply ``changes`` only if nobody saved the case since ``expected_version``."""
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1, **changes) != 1:
        raise ConflictError()
    case.refresh_from_db()


def _in_path(case: Case, user: User) -> bool:
    """Is ``user`` a professional of the case-owning controller, of the responsible worker's
    organisation, or a current member of the client's network? Responsibility and follow-up move
    only among them (review M2: never to anyone anywhere)."""
    if not works_with_clients(user):
        return False
    if user.organisation_id is not None and user.organisation_id in {
        case.organisation_id,
        case.responsible_worker.organisation_id,
    }:
        return True
    return case.network.current().filter(user=user).exists()
