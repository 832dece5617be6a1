"""Every change of a team, its meetings, agendas and minutes: validate first, then change the
rows and write one audit event in one transaction (nothing half-saved).

A team's decisions about a case do not write the plan, the referrals or the case here: they go
through those apps' own actions (plans.actions.add_actions, referrals.actions.create_draft,
cases.actions.name_responsible_worker), so each app's rules hold for a team as for anyone.

The actions live in modules by responsibility — ``_common`` (who manages a team), ``members``
(the team and its members), ``meetings``, ``agenda`` (the agenda and the minutes) and
``client_meetings`` (the monialainen neuvonpito) — and are all reached as
``tukiverkko.teams.actions.<name>``.
"""

from tukiverkko.teams.actions._common import (
    is_coordinating,
    is_member,
)
from tukiverkko.teams.actions.agenda import (
    Decision,
    add_to_agenda,
    record_minutes,
    withdraw_from_agenda,
)
from tukiverkko.teams.actions.client_meetings import (
    book_client_meeting,
    record_client_meeting,
)
from tukiverkko.teams.actions.meetings import (
    add_series,
    meeting_of,
    schedule_meeting,
)
from tukiverkko.teams.actions.members import (
    add_member,
    create_team,
    remove_member,
)

__all__ = [
    "Decision",
    "add_member",
    "add_series",
    "add_to_agenda",
    "book_client_meeting",
    "create_team",
    "is_coordinating",
    "is_member",
    "meeting_of",
    "record_client_meeting",
    "record_minutes",
    "remove_member",
    "schedule_meeting",
    "withdraw_from_agenda",
]
