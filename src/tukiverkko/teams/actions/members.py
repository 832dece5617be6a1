"""The team and its members: core and on-demand members, one coordinating (seed 003)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Municipality, Organisation, Region, Role, User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.core import limits
from tukiverkko.teams.actions._common import _check_manages, is_member
from tukiverkko.teams.models import (
    Membership,
    Team,
    TeamKind,
    TeamMember,
)

# -- the team and its members ------------------------------------------------------------


@transaction.atomic
def create_team(
    *,
    by: Professional,
    name: str,
    kind: str,
    organisation: Organisation,
    region: Region,
    municipalities: Iterable[Municipality] = (),
    description: str = "",
) -> Team:
    _check_manages(None, by, organisation.pk)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Anna tiimille nimi.")]
    if kind not in TeamKind.values:
        errors["kind"] = [_("Valitse tiimin tyyppi.")]
    if organisation.region_id != region.pk:
        errors["region"] = [_("Tiimin organisaatio ei ole valitulla alueella.")]
    municipalities = list(municipalities)
    if any(m.region_id != region.pk for m in municipalities):
        errors["municipalities"] = [_("Kunnan on oltava tiimin alueella.")]
    errors |= limits.check_texts(
        {"name": (name, limits.SHORT), "description": (description, limits.REASON)}
    )
    if errors:
        raise ValidationError(errors)
    team = Team.objects.create(
        name=name.strip(),
        kind=kind,
        organisation=organisation,
        region=region,
        description=description.strip(),
    )
    team.municipalities.set(municipalities)
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:create")
    return team


@transaction.atomic
def add_member(
    *,
    team: Team,
    by: Professional,
    role: str,
    organisation: Organisation,
    user: User | None = None,
    membership: str = Membership.CORE,
    coordinating: bool = False,
) -> TeamMember:
    """A member by role, and by person where one is named. A new coordinating member takes the
    coordination over from the previous one (one coordinates, seed 003)."""
    _check_manages(team, by, team.organisation_id)
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = [_("Valitse jäsenen rooli.")]
    if membership not in Membership.values:
        errors["membership"] = [_("Valitse jäsenyys.")]
    if user is not None:
        if not works_with_clients(user):
            errors["user"] = [_("Tiimin jäsenen on oltava asiakastyötä tekevä ammattilainen.")]
        elif user.organisation_id != organisation.pk:
            errors["user"] = [_("Ammattilainen ei kuulu valittuun organisaatioon.")]
        elif is_member(team, user):
            errors["user"] = [_("Hän on jo tiimin jäsen.")]
    if coordinating and user is None:
        errors["coordinating"] = [_("Koordinoivaksi jäseneksi on nimettävä henkilö.")]
    if errors:
        raise ValidationError(errors)
    if coordinating:
        team.members.current().filter(coordinating=True).update(coordinating=False)
    member = TeamMember.objects.create(
        team=team,
        role=role,
        organisation=organisation,
        user=user,
        membership=membership,
        coordinating=coordinating,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:member:{member.pk}")
    return member


@transaction.atomic
def remove_member(*, member: TeamMember, by: Professional) -> TeamMember:
    _check_manages(member.team, by, member.team.organisation_id)
    if member.removed_at is not None:
        raise ValidationError(_("Jäsen on jo poistettu tiimistä."))
    member.removed_at = timezone.now()
    member.coordinating = False
    member.save(update_fields=["removed_at", "coordinating"])
    record_event(by, None, EventType.TEAM_CHANGE, f"{member.team_id}:remove:{member.pk}")
    return member
