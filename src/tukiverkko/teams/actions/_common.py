"""Who may manage a team, and who belongs to one: the checks the other team actions share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import manages_teams
from tukiverkko.teams.models import (
    Team,
)


def _check_manages(team: Team | None, by: Professional, organisation_id: int | None) -> None:
    """A team is set up by a coordinator (or administrator) of its organisation, or changed by
    its coordinating member."""
    if team is not None and is_coordinating(team, by):
        return
    if manages_teams(by) and by.organisation_id == organisation_id:
        return
    raise ValidationError(
        _(
            "Tiimiä voi muuttaa vain sen koordinoiva jäsen tai tiimin organisaation "
            "työkykykoordinaattori."
        ),
        code="not_team_manager",
    )


def is_coordinating(team: Team, user: User) -> bool:
    return team.members.current().filter(user=user, coordinating=True).exists()


def is_member(team: Team, user: User) -> bool:
    return team.members.current().filter(user=user).exists()
