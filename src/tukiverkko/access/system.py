"""What an organisation's system reads through an integration token (decision 0371).

A system acts for its organisation as that organisation's register does, and no wider:

- it sees the cases its organisation owns (the case-owning controller: ``Case.organisation``),
  never a case of another organisation, whatever consents or network memberships exist — a
  consent names professionals' purposes (information exchange, a network meeting, …), not a
  transfer into another system;
- of a case's free text it sees only what the case's own register wrote (the content's
  organisation and register are the case's — the same three questions as the content filter,
  consent.content); another organisation's, or the other sector's, entries are counted as
  hidden, never shown;
- every read is a **disclosure** in the audit log (``audit.actions.record_disclosure``): from the
  case's register to the token's organisation, named ``system:api:<org>:<system>:<token id>``,
  purpose ``system_integration``, basis ``api_token:<id>``; a case it may not read answers 404
  and the refusal is logged in the access log.

The rows come from the apps' own selectors (plans, referrals, cases, teams, followup), so the
pages and the API show the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tukiverkko.access.models import ApiToken
from tukiverkko.access.tokens import actor_of
from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.cases.models import Case, JournalEntry
from tukiverkko.consent.models import Consent
from tukiverkko.followup.models import Status as TaskStatus
from tukiverkko.followup.models import Task
from tukiverkko.plans.models import Plan
from tukiverkko.plans.selectors import plan_of
from tukiverkko.referrals.selectors import InboxRow, case_referrals
from tukiverkko.teams.models import Team

PURPOSE = str(AccessPurpose.SYSTEM_INTEGRATION)


def cases_of(token: ApiToken) -> QuerySet[Case]:
    """The cases the token's organisation owns, newest first."""
    return Case.objects.filter(organisation_id=token.organisation_id).order_by("-opened_at", "-pk")


def disclose(token: ApiToken, case: Case, *, what: str, categories: Iterable[str] = ()) -> None:
    """One disclosure row: ``what`` of ``case`` to the token's system."""
    record_disclosure(
        user=actor_of(token),
        client_id=case.client_id,
        from_organisation_id=case.organisation_id,
        from_register=case.register,
        to_organisation=token.organisation,
        categories=sorted({c for c in categories if c}),
        purpose=PURPOSE,
        what=f"api:{what}",
        basis=f"api_token:{token.pk}",
    )


def case_for(token: ApiToken, case_id: int, *, what: str) -> Case:
    """The case, if the token's organisation owns it; else 404, the refusal logged."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None or case.organisation_id != token.organisation_id:
        record_access(
            user=actor_of(token),
            client_id=case.client_id if case else None,
            what=f"api:{what}" if case else f"api:{what}:case:{case_id}",
            purpose=PURPOSE,
            allowed=False,
        )
        raise Http404
    return case


def list_cases(token: ApiToken, *, offset: int, limit: int) -> tuple[int, list[Case]]:
    """One page of the organisation's cases; each case returned is disclosed."""
    qs = cases_of(token)
    cases = list(qs[offset : offset + limit])
    for case in cases:
        disclose(token, case, what="cases_list")
    return qs.count(), cases


def read_case(token: ApiToken, case_id: int) -> Case:
    case = case_for(token, case_id, what="case")
    disclose(token, case, what="case")
    return case


def own_register_wrote(case: Case, row: Any) -> bool:
    """Did the case's own register write this row (content filter's organisation and register)?"""
    return bool(
        row.content_organisation_id == case.organisation_id
        and row.content_register == case.register
    )


@dataclass(frozen=True)
class Shown:
    rows: list[Any]
    hidden: int


def _split(case: Case, rows: Sequence[Any]) -> Shown:
    shown = [r for r in rows if own_register_wrote(case, r)]
    return Shown(shown, len(rows) - len(shown))


def journal(token: ApiToken, case_id: int) -> tuple[Case, Shown]:
    """The case's journal entries its own register wrote (others counted as hidden)."""
    case = case_for(token, case_id, what="journal")
    entries = list(JournalEntry.objects.filter(case=case).order_by("created_at", "pk"))
    shown = _split(case, entries)
    disclose(token, case, what="journal", categories=(e.category for e in shown.rows))
    return case, shown


@dataclass(frozen=True)
class PlanShown:
    case: Case
    plan: Plan | None
    client_goal_visible: bool = False
    goals: Shown = Shown([], 0)
    actions: Shown = Shown([], 0)


def plan(token: ApiToken, case_id: int, *, what: str = "plan") -> PlanShown:
    """The case's plan (plans.selectors.plan_of), its own register's parts shown."""
    case = case_for(token, case_id, what=what)
    found = plan_of(case)
    if found is None:
        disclose(token, case, what=what)
        return PlanShown(case, None)
    goals = _split(case, list(found.goals.all()))
    actions = _split(case, list(found.actions.all()))
    goal_visible = not found.client_goal or own_register_wrote(case, found)
    categories = [r.content_category for r in [*goals.rows, *actions.rows]]
    if found.client_goal and goal_visible:
        categories.append(found.content_category)
    disclose(token, case, what=what, categories=categories)
    return PlanShown(case, found, goal_visible, goals, actions)


def referrals(token: ApiToken, case_id: int) -> list[InboxRow]:
    """The case's referrals with where each stands (referrals.selectors.case_referrals); their
    free text is not disclosed."""
    case = case_for(token, case_id, what="referrals")
    rows = case_referrals(case)
    disclose(token, case, what="referrals")
    return rows


def consents(token: ApiToken, case_id: int) -> list[Consent]:
    """The consents the case's own register recorded for the client."""
    case = case_for(token, case_id, what="consents")
    rows = list(
        Consent.objects.filter(
            client_id=case.client_id,
            disclosing_organisation_id=case.organisation_id,
            disclosing_register=case.register,
        ).prefetch_related("organisations", "units")
    )
    disclose(token, case, what="consents")
    return rows


def teams(token: ApiToken) -> list[Team]:
    """The organisation's active teams (no client data: not a disclosure)."""
    return list(
        Team.objects.filter(organisation_id=token.organisation_id, active=True).order_by(
            "name", "pk"
        )
    )


def tasks(token: ApiToken, *, offset: int, limit: int) -> tuple[int, list[Task]]:
    """Open follow-up tasks of the organisation's professionals about clients of its cases,
    by due date; each client's tasks returned are disclosed (one row per client and case)."""
    owned = cases_of(token)
    qs = (
        Task.objects.filter(
            status=TaskStatus.OPEN,
            owner__organisation_id=token.organisation_id,
            client_id__in=owned.values("client_id"),
        )
        .select_related("client")
        .order_by("due", "pk")
    )
    found = list(qs[offset : offset + limit])
    client_ids = {t.client_id for t in found if t.client_id is not None}
    for case in owned.filter(client_id__in=client_ids).order_by("client_id", "-opened_at"):
        if case.client_id in client_ids:
            client_ids.discard(case.client_id)
            disclose(token, case, what="tasks")
    return qs.count(), found
