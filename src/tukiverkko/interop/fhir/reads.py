"""Every read of client data FHIR serves, through the one access policy (tukiverkko.access):
each resource shown is logged with its purpose; a row the caller may not see is 404 (logged as
denied). Searches pick candidates inside the caller's client scope and then read each one
through the same getters, so a search shows exactly what reads would."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from tukiverkko.access import policy
from tukiverkko.access import selectors as access
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import register_of
from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.assessments.selectors import case_assessments
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.cases.models import Case
from tukiverkko.cases.selectors import visible_network
from tukiverkko.clients.models import Client
from tukiverkko.consent.content import disclosing
from tukiverkko.consent.models import Consent, Purpose
from tukiverkko.interop.fhir.mapping_network import Team
from tukiverkko.plans.models import Goal, Plan
from tukiverkko.plans.selectors import PlanView, plan_view
from tukiverkko.referrals import selectors as referrals
from tukiverkko.referrals.models import Referral
from tukiverkko.referrals.selectors import ReferralView


def _denied(user: User, what: str) -> Http404:
    """An id that names nothing: the refusal is logged with what was asked for (review M3)."""
    record_access(
        user=user, client_id=None, what=what, purpose=AccessPurpose.CLIENT_WORK, allowed=False
    )
    return Http404()


# -- Patient ----------------------------------------------------------------------------------


def patient(user: User, client_id: int) -> tuple[Client, str | None]:
    """The client, and their henkilötunnus when the caller may see it (the reveal logged)."""
    seen = access.read_client(user, client_id, what="fhir:Patient")
    case = Case.objects.filter(client_id=client_id).order_by("-opened_at").first()
    if not access.permissions(user, seen, case).reveal:
        return seen.client, None
    _client, code = access.reveal_henkilotunnus(user, client_id)
    return seen.client, code


def patient_candidates(user: User) -> QuerySet[Client]:
    return policy.clients_visible_to(user).order_by("last_name", "first_name", "pk")


# -- CarePlan and Goal ------------------------------------------------------------------------


def _plan_case(user: User, plan_id: int, what: str) -> Case:
    row = Plan.objects.filter(pk=plan_id).values_list("case_id", flat=True).first()
    if row is None:
        raise _denied(user, f"{what}:plan:{plan_id}")
    return access.get_case(user, row, what=what)


def careplan(user: User, plan_id: int) -> PlanView:
    what = "fhir:CarePlan"
    view = plan_view(user, _plan_case(user, plan_id, what), what=what)
    if view.plan is None:  # pragma: no cover — the plan was just found; a race deleted it
        raise Http404
    return view


def plan_candidates(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(policy.client_id_scope(user, "case__client_id")).order_by("pk")


def goal(user: User, goal_id: int) -> tuple[Goal, int]:
    """A goal of a plan, when the content filter shows it to the caller."""
    what = "fhir:Goal"
    plan_id = Goal.objects.filter(pk=goal_id).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise _denied(user, f"{what}:goal:{goal_id}")
    view = plan_view(user, _plan_case(user, plan_id, what), what=what)
    for shown in view.goals.shown:
        if shown.goal.pk == goal_id:
            return shown.goal, view.case.client_id
    # the content filter hides it from this reader: a refusal, logged as one
    record_access(
        user=user,
        client_id=view.case.client_id,
        what=what,
        purpose=AccessPurpose.CLIENT_WORK,
        allowed=False,
    )
    raise Http404


def goal_candidates(user: User) -> QuerySet[Goal]:
    return Goal.objects.filter(policy.client_id_scope(user, "plan__case__client_id")).order_by(
        "plan_id", "position", "pk"
    )


# -- ServiceRequest and Task: the referral ----------------------------------------------------


def referral(user: User, referral_id: int, what: str) -> ReferralView:
    """A referral on the sender's side (whoever may see its client) or the receiver's (the
    professionals it is addressed to) — the same rule as the referral pages and API."""
    row = referrals.referral_by_id(referral_id)
    if row is None:
        raise _denied(user, f"{what}:referral:{referral_id}")
    if referrals.is_addressee(user, row):
        referrals.log_addressee_read(user, row, what)
    else:
        access.get_case(user, row.case_id, what=what)
    return referrals.referral_view(user, row)


def referral_candidates(user: User) -> QuerySet[Referral]:
    inbox = Referral.objects.addressed_to(user).values("pk")
    return Referral.objects.filter(
        policy.client_id_scope(user, "case__client_id") | Q(pk__in=inbox)
    ).order_by("pk")


# -- QuestionnaireResponse: a recorded instrument result --------------------------------------


def instrument_result(user: User, result_id: int) -> tuple[InstrumentAssessment, int]:
    """A result of a case, when the content filter shows it (as on the assessments page)."""
    what = "fhir:QuestionnaireResponse"
    case_id = (
        InstrumentAssessment.objects.filter(pk=result_id).values_list("case_id", flat=True).first()
    )
    if case_id is None:
        raise _denied(user, f"{what}:result:{result_id}")
    purpose = Purpose.INFORMATION_EXCHANGE
    case = access.get_case(user, case_id, what=what, purpose=purpose)
    for shown in case_assessments(user, case, purpose=purpose).instruments.shown:
        if shown.pk == result_id:
            return shown, case.client_id
    record_access(user=user, client_id=case.client_id, what=what, purpose=purpose, allowed=False)
    raise Http404


def instrument_result_candidates(user: User) -> QuerySet[InstrumentAssessment]:
    return InstrumentAssessment.objects.filter(
        policy.client_id_scope(user, "case__client_id")
    ).order_by("pk")


# -- Consent: as the client page and the consents API list them -------------------------------


def consent(user: User, consent_id: int) -> Consent:
    """A consent listed to the caller — their own register's, or one naming their organisation
    or unit as a recipient (access.selectors.get_consent: the read logged, else a logged 404)."""
    found = access.get_consent(user, consent_id, what="fhir:Consent")
    return (
        Consent.objects.filter(pk=found.pk)
        .prefetch_related("organisations", "units__organisation", "external_recipients")
        .get()
    )


def consent_candidates(user: User) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(policy.client_id_scope(user, "client_id"))
        .visible_to(user.organisation_id, user.unit_id, register_of(user))
        .order_by("pk")
    )


# -- CareTeam: the case's responsible worker and network, as the client page shows them ---------


def care_team(user: User, case_id: int) -> Team:
    """The case's network through the case's getter; each member the content filter shows
    (the disclosures logged, as on the client page)."""
    what = "fhir:CareTeam"
    case = access.get_case(user, case_id, what=what)
    with disclosing(
        user, case.client_id, purpose=Purpose.INFORMATION_EXCHANGE, what=what
    ) as content:
        network = visible_network(user, case, content)
    return Team(case, network.shown, names=True)


def care_team_candidates(user: User) -> QuerySet[Case]:
    return Case.objects.filter(policy.client_id_scope(user, "client_id")).order_by("pk")
