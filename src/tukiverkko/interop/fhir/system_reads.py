"""What an organisation's system reads over FHIR with an integration token (decision 0367): the
integration API's own rule (access.system, decision 0371) and no wider —

- only the cases its organisation owns, whatever consents or network memberships exist; a row
  of another organisation's case is 404, the refusal logged;
- of a case's free text only what the case's own register wrote;
- every read a disclosure from the case's register to the token's organisation
  (``api:fhir:<type>``, purpose ``system_integration``, basis ``api_token:<id>``).

Each resource type needs the integration API's scope for the same data (``views.TYPES``).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from tukiverkko.access import system
from tukiverkko.access.models import ApiToken
from tukiverkko.access.tokens import actor_of
from tukiverkko.audit.actions import record_access
from tukiverkko.cases.models import Case
from tukiverkko.consent.content import Filtered
from tukiverkko.consent.models import Consent, Purpose
from tukiverkko.interop.fhir.mapping_network import Team
from tukiverkko.plans.models import Goal, Plan
from tukiverkko.plans.selectors import GoalView, PlanView
from tukiverkko.referrals import selectors as referrals
from tukiverkko.referrals.models import Referral
from tukiverkko.referrals.selectors import ReferralView


def _absent(token: ApiToken, what: str, target: str) -> Http404:
    """An id that names nothing: the refusal logged with what was asked for."""
    record_access(
        user=actor_of(token),
        client_id=None,
        what=f"api:{what}:{target}",
        purpose=system.PURPOSE,
        allowed=False,
    )
    return Http404()


def _case_of(token: ApiToken, case_id: int | None, what: str, target: str) -> Case:
    if case_id is None:
        raise _absent(token, what, target)
    return system.case_for(token, case_id, what=what)


# -- CarePlan and Goal (read:plans) -----------------------------------------------------------


def careplan(token: ApiToken, plan_id: int) -> PlanView:
    what = "fhir:CarePlan"
    case_id = Plan.objects.filter(pk=plan_id).values_list("case_id", flat=True).first()
    _case_of(token, case_id, what, f"plan:{plan_id}")
    assert case_id is not None  # noqa: S101 — _case_of answered 404 for None
    seen = system.plan(token, case_id, what=what)
    return PlanView(
        case=seen.case,
        plan=seen.plan,
        purpose=Purpose.INFORMATION_EXCHANGE,
        client_goal_visible=seen.client_goal_visible,
        goals=Filtered([GoalView(g, []) for g in seen.goals.rows], seen.goals.hidden),
        actions=Filtered(seen.actions.rows, seen.actions.hidden),
    )


def plans(token: ApiToken) -> QuerySet[Plan]:
    return Plan.objects.filter(case__organisation_id=token.organisation_id).order_by("pk")


def goal(token: ApiToken, goal_id: int) -> tuple[Goal, int]:
    """A goal its case's own register wrote; another register's is 404 (logged)."""
    what = "fhir:Goal"
    row = Goal.objects.filter(pk=goal_id).select_related("plan").first()
    case = _case_of(token, row.plan.case_id if row else None, what, f"goal:{goal_id}")
    assert row is not None  # noqa: S101 — _case_of answered 404 for None
    if not system.own_register_wrote(case, row):
        record_access(
            user=actor_of(token),
            client_id=case.client_id,
            what=f"api:{what}",
            purpose=system.PURPOSE,
            allowed=False,
        )
        raise Http404
    system.disclose(token, case, what=what, categories=[row.content_category])
    return row, case.client_id


def goals(token: ApiToken) -> QuerySet[Goal]:
    return Goal.objects.filter(plan__case__organisation_id=token.organisation_id).order_by(
        "plan_id", "position", "pk"
    )


# -- ServiceRequest and Task (read:referrals): no free text -----------------------------------


def referral(token: ApiToken, referral_id: int, what: str) -> ReferralView:
    """A referral of a case the organisation owns, where it stands; its situation, question and
    feedback are not disclosed (as in the integration API's referral rows)."""
    row = referrals.referral_by_id(referral_id)
    case = _case_of(token, row.case_id if row else None, what, f"referral:{referral_id}")
    assert row is not None  # noqa: S101 — _case_of answered 404 for None
    system.disclose(token, case, what=what)
    return ReferralView(
        referral=row,
        where=referrals.where_is_it_now(row),
        overdue=row.is_overdue,
        content_visible=False,
        feedback_visible=False,
        log=[],
    )


def referral_rows(token: ApiToken) -> QuerySet[Referral]:
    return Referral.objects.filter(case__organisation_id=token.organisation_id).order_by("pk")


# -- Consent (read:consents): those the organisation's case's register recorded -----------------


def _owning_case(token: ApiToken) -> QuerySet[Case]:
    """The token's organisation's cases of a consent's client, kept in its register."""
    return Case.objects.filter(
        organisation_id=token.organisation_id,
        client_id=OuterRef("client_id"),
        register=OuterRef("disclosing_register"),
    )


def consent(token: ApiToken, consent_id: int) -> Consent:
    what = "fhir:Consent"
    row = (
        Consent.objects.filter(pk=consent_id)
        .prefetch_related("organisations", "units__organisation")
        .first()
    )
    if row is None:
        raise _absent(token, what, f"consent:{consent_id}")
    case = (
        Case.objects.filter(
            organisation_id=row.disclosing_organisation_id,
            client_id=row.client_id,
            register=row.disclosing_register,
        )
        .order_by("-opened_at", "-pk")
        .first()
    )
    if case is None or case.organisation_id != token.organisation_id:
        record_access(
            user=actor_of(token),
            client_id=row.client_id,
            what=f"api:{what}",
            purpose=system.PURPOSE,
            allowed=False,
        )
        raise Http404
    system.disclose(token, case, what=what, categories=row.categories)
    return row


def consents(token: ApiToken) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(disclosing_organisation_id=token.organisation_id)
        .filter(Exists(_owning_case(token)))
        .order_by("pk")
    )


# -- CareTeam (read:cases) --------------------------------------------------------------------


def care_team(token: ApiToken, case_id: int) -> Team:
    """The case's responsible worker and the members its own register added, by id (no names:
    the integration API names professionals by id only)."""
    what = "fhir:CareTeam"
    case = system.case_for(token, case_id, what=what)
    members = [
        m
        for m in case.network.current().select_related("user")
        if system.own_register_wrote(case, m)
    ]
    system.disclose(token, case, what=what)
    return Team(case, members, names=False)


def cases(token: ApiToken) -> QuerySet[Case]:
    return system.cases_of(token).order_by("pk")
