"""The authorisation matrix: every client-data route × role × relationship × consent state ×
sector, 0 leaks.

Two parts, so that the whole product is checked and CI stays fast:

1. **The policy, the full product** (``test_the_policy_over_the_full_product``): the pure
   decisions the routes are built on — ``access.rules`` (read, write, steer, record, revoke,
   reveal) and ``consent.policy.may_read`` (what of another register's content shows) — asked
   for every role (17 and anonymous) × relationship (none, same organisation only, network
   member, responsible worker, justified access) × sector of the reader (the case's own
   register, the county's other register, another organisation) × consent state (none,
   covering, covering another category, revoked, expired, oral used up) × restriction (none, the
   client's disclosure prohibition, a legal basis) × purpose (the one consented, another) × the
   content's register (the case's health care, the county's social care, Kela), against an
   oracle written out below in plain rules. ``MATRIX_SIZE`` counts the cases.
2. **The routes, a representative slice over HTTP** (``test_route``): every client-data page
   and API route (the table below must name each: ``test_every_client_data_url_is_in_the_table``)
   called by anonymous, by the three roles that do no client work, and by a reader of each
   relationship × sector — × every consent state for the routes whose answer carries content
   (the client page, the client API, the consents list; the other routes' authorisation does
   not read consents, which part 1 shows) — in one shared world. Each answer is checked against
   the same oracle: status, that every denial is logged, and which content shows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pytest
from django.apps import AppConfig, apps
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tukiverkko.access import actions as access_actions
from tukiverkko.access import rules
from tukiverkko.access.models import Scope
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.accounts.models import Organisation, Register, Role, User
from tukiverkko.accounts.roles import (
    CLIENT_WORK_ROLES,
    ROLES,
    Capability,
    register_of_parts,
)
from tukiverkko.api.v1 import api
from tukiverkko.assessments import actions as assessment_actions
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import Case, NetworkMember, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.clients.models import Client
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import (
    Consent,
    ConsentForm,
    Purpose,
    RequestChannel,
    RevocationNotice,
)
from tukiverkko.consent.policy import (
    ConsentFacts,
    DisclosureFacts,
    LegalBasisFacts,
    ProhibitionFacts,
    Reader,
    Source,
    may_read,
)
from tukiverkko.followup.models import Task
from tukiverkko.referrals import actions as referral_actions

# -- the dimensions ---------------------------------------------------------------------------

RELATIONSHIPS = ["none", "same_organisation_only", "network_member", "responsible", "justified"]
SECTORS = ["own_register", "other_register", "other_organisation"]
CONSENT_STATES = ["none", "covering", "other_category", "revoked", "expired", "oral_used"]
RESTRICTIONS = ["none", "prohibition", "legal_basis"]
PURPOSES = [Purpose.INFORMATION_EXCHANGE, Purpose.PLANNING_WITHOUT_CLIENT]
ROLE_VALUES: list[str | None] = [*Role.values, None]  # None: anonymous

# The content's registers and their information categories (of the case's county, and Kela).
COUNTY, KELA = 1, 2
SOURCES = {
    "health": (Source(COUNTY, Register.HEALTH_CARE), "health"),
    "social": (Source(COUNTY, Register.SOCIAL_CARE), "social"),
    "kela": (Source(KELA, Register.OTHER), "benefits"),
}
CONSENTED_PURPOSE = Purpose.INFORMATION_EXCHANGE

# -- the oracle: the rules of issue 8, written out plainly -----------------------------------


def oracle_sees(role: str | None, relationship: str) -> bool:
    """A professional who does client work sees a client through a relationship (responsible,
    network member) or a justified access — organisation membership alone gives nothing."""
    return role in CLIENT_WORK_ROLES and relationship in {
        "network_member",
        "responsible",
        "justified",
    }


def oracle_acts(role: str | None, relationship: str) -> bool:
    return oracle_sees(role, relationship) and relationship != "justified"


def oracle_steers(role: str | None, relationship: str, sector: str) -> bool:
    return oracle_acts(role, relationship) and (
        relationship == "responsible" or sector != "other_organisation"
    )


def oracle_records(role: str | None, relationship: str) -> bool:
    return oracle_acts(role, relationship) and role in ROLES[Capability.CONSENT_RECORDING]


def oracle_reveals(role: str | None, relationship: str, sector: str) -> bool:
    return oracle_sees(role, relationship) and sector != "other_organisation"


def unit_register(sector: str) -> str | None:
    """The register of the reader's unit (None: no unit, another organisation)."""
    return {"own_register": Register.HEALTH_CARE, "other_register": Register.SOCIAL_CARE}.get(
        sector
    )


def oracle_shows(
    role: str | None,
    relationship: str,
    sector: str,
    state: str,
    restriction: str,
    purpose: str,
    source: str,
) -> bool:
    """Does a reader see ``source``'s content? Their own register's (if their role may work in
    their unit's register); another's under a legal basis (against a prohibition too) or a
    covering consent for the consented purpose — never under a prohibition."""
    if not oracle_sees(role, relationship):
        return False
    organisation = COUNTY if sector != "other_organisation" else 3
    own = register_of_parts(str(role), unit_register(sector))
    if own is not None and SOURCES[source][0] == Source(organisation, own):
        return True
    if (
        restriction == "legal_basis"
        and purpose == CONSENTED_PURPOSE
        and sector == "other_organisation"
    ):
        return True
    if restriction == "prohibition":
        return False
    return state == "covering" and purpose == CONSENTED_PURPOSE


# -- part 1: the policy over the full product --------------------------------------------------

TODAY = dt.date(2026, 6, 1)


def _reader(role: str | None, sector: str) -> Reader:
    organisation = COUNTY if sector != "other_organisation" else 3
    unit = {"own_register": 11, "other_register": 12}.get(sector)
    register = register_of_parts(str(role), unit_register(sector)) if role else None
    return Reader(organisation, unit, register)


def _facts(state: str, restriction: str, sector: str) -> DisclosureFacts:
    """Each register's consent to the reader's unit (county) or organisation, in ``state``;
    the restriction on every register; a legal basis for the reader's organisation."""
    reader = _reader(Role.DOCTOR, sector)
    consents = []
    if state != "none":
        for i, (source, category) in enumerate(SOURCES.values()):
            consents.append(
                ConsentFacts(
                    id=i + 1,
                    organisation_ids=frozenset({reader.organisation_id})
                    if sector == "other_organisation"
                    else frozenset(),
                    unit_ids=frozenset({reader.unit_id}) if reader.unit_id else frozenset(),
                    categories=frozenset(
                        {"education"} if state == "other_category" else {category}
                    ),
                    purposes=frozenset({CONSENTED_PURPOSE}),
                    valid_from=TODAY - dt.timedelta(days=30),
                    valid_until=TODAY - dt.timedelta(days=1) if state == "expired" else None,
                    revoked=state == "revoked",
                    oral=state == "oral_used",
                    used=state == "oral_used",
                    disclosing=source,
                )
            )
    prohibitions = (
        tuple(ProhibitionFacts(source, frozenset()) for source, _ in SOURCES.values())
        if restriction == "prohibition"
        else ()
    )
    bases = (
        tuple(
            LegalBasisFacts(
                id=10 + i,
                source=source,
                recipient_id=3,
                categories=frozenset({category}),
                purposes=frozenset({CONSENTED_PURPOSE}),
                valid_from=TODAY - dt.timedelta(days=1),
                valid_until=None,
            )
            for i, (source, category) in enumerate(SOURCES.values())
        )
        if restriction == "legal_basis"
        else ()
    )
    return DisclosureFacts(tuple(consents), prohibitions, bases)


def _standing(role: str | None, relationship: str) -> rules.Standing:
    grants = {
        "network_member": {"cases.network_member"},
        "responsible": {"cases.responsible_worker"},
        "justified": {"access.justified_access"},
    }.get(relationship, set())
    relationships = grants if relationship != "justified" else set()
    return rules.Standing(
        client_work=role in CLIENT_WORK_ROLES,
        grants=frozenset(grants),
        relationships=frozenset(relationships),
    )


MATRIX_SIZE = (
    len(ROLE_VALUES)
    * len(RELATIONSHIPS)
    * len(SECTORS)
    * len(CONSENT_STATES)
    * len(RESTRICTIONS)
    * len(PURPOSES)
    * len(SOURCES)
)


def test_the_policy_over_the_full_product():
    # given the case: owned by the county's health care, responsible worker user 1
    case = rules.CaseFacts(organisation_id=COUNTY, responsible_worker_id=1)
    leaks: list[str] = []
    blocked: list[str] = []
    checked = 0
    for role, relationship, sector in itertools.product(ROLE_VALUES, RELATIONSHIPS, SECTORS):
        standing = _standing(role, relationship)
        asker = rules.Asker(
            user_id=1 if relationship == "responsible" else 2,
            organisation_id=COUNTY if sector != "other_organisation" else 3,
            records_consents=role in ROLES[Capability.CONSENT_RECORDING],
        )
        # when each capability is asked / then it is the oracle's answer
        may = rules.permissions(standing, asker, case)
        answers = {
            "read": (standing.may_read, oracle_sees(role, relationship)),
            "write": (may.write, oracle_acts(role, relationship)),
            "steer": (may.steer, oracle_steers(role, relationship, sector)),
            "record": (may.record, oracle_records(role, relationship)),
            "revoke": (may.revoke, oracle_acts(role, relationship)),
            "reveal": (may.reveal, oracle_reveals(role, relationship, sector)),
        }
        for name, (got, expected) in answers.items():
            if got and not expected:
                leaks.append(f"{name}: {role} {relationship} {sector}")
            elif expected and not got:
                blocked.append(f"{name}: {role} {relationship} {sector}")
        for state, restriction, purpose, source in itertools.product(
            CONSENT_STATES, RESTRICTIONS, PURPOSES, SOURCES
        ):
            checked += 1
            shown = standing.may_read and bool(
                may_read(
                    _facts(state, restriction, sector),
                    reader=_reader(role, sector),
                    source=SOURCES[source][0],
                    category=SOURCES[source][1],
                    purpose=purpose,
                    today=TODAY,
                )
            )
            expected = oracle_shows(role, relationship, sector, state, restriction, purpose, source)
            label = f"{source}: {role} {relationship} {sector} {state} {restriction} {purpose}"
            if shown and not expected:
                leaks.append(label)
            elif expected and not shown:
                blocked.append(label)
    assert checked == MATRIX_SIZE
    assert leaks == [], f"{len(leaks)} leaks, e.g. {leaks[:5]}"
    assert blocked == [], f"{len(blocked)} refused that the rules allow, e.g. {blocked[:5]}"


# -- part 2: the routes over HTTP ---------------------------------------------------------------


@dataclass
class Spec:
    method: str
    need: (
        str  # list | form | read | write | steer | record | revoke | reveal | receiver | dpo | own
        # | task_owner | public | absent | filtered
    )
    ids: Callable[[Any], dict[str, int]] = lambda w: {}
    data: Callable[[Any], dict[str, Any]] = lambda w: {}
    content: bool = False  # the answer carries the client's content: every consent state
    capability: Capability | None = None  # a form only some roles may open


def _client(w: Any) -> dict[str, int]:
    return {"client_id": w.case.client_id}


def _case(w: Any) -> dict[str, int]:
    return {"case_id": w.case.pk}


def _plan(w: Any) -> dict[str, int]:
    """The world's case with a plan and a goal (made in the test's own savepoint)."""
    from tukiverkko.plans import actions as plan_actions
    from tukiverkko.plans.models import Plan

    plan = Plan.objects.filter(case=w.case).first()
    if plan is None:
        plan = plan_actions.create_plan(case=w.case, by=w.worker)
        plan_actions.save_plan(
            plan=plan,
            by=w.worker,
            expected_version=1,
            fields=plan_actions.PlanFields(client_goal="x"),
            goals=[plan_actions.GoalData(text="x")],
        )
    return {"case_id": w.case.pk}


def _goal(w: Any) -> dict[str, int]:
    from tukiverkko.plans.models import Goal

    return _plan(w) | {"goal_id": Goal.objects.get(plan__case=w.case).pk}


def _team(w: Any) -> dict[str, int]:
    return {"team_id": w.team.pk}


def _referral(w: Any) -> dict[str, int]:
    return {"referral_id": w.referral.pk}


def _plan_id(w: Any) -> int:
    from tukiverkko.plans.models import Plan

    return Plan.objects.get(case_id=_plan(w)["case_id"]).pk


def _result_id(w: Any) -> int:
    """A PHQ-9 result the world's worker recorded in the case (in the test's own savepoint)."""
    from tukiverkko.assessments.models import InstrumentAssessment

    found = InstrumentAssessment.objects.filter(case=w.case).first()
    if found is None:
        found = assessment_actions.record_instrument_result(
            case=w.case,
            by=w.worker,
            instrument="phq9",
            answers={f"q{i}": 1 for i in range(1, 10)},
            assessed_on=timezone.localdate(),
        )
    return found.pk


def _own_consent(w: Any) -> int:
    """A consent of the case's own register naming an organisation no reader belongs to (in the
    test's own savepoint): listed to the case's register only."""
    elsewhere = an_organisation("matriisin-kolmas")
    found = Consent.objects.filter(client=w.case.client, organisations=elsewhere).first()
    if found is None:
        found = a_consent(w.case.client, w.worker, organisations=[elsewhere], categories=["health"])
    return found.pk


def _fhir_request(w: Any) -> dict[str, Any]:
    """A ServiceRequest for the world's client (POST /fhir/R4/ServiceRequest)."""
    return {
        "resourceType": "ServiceRequest",
        "status": "draft",
        "intent": "order",
        "subject": {"reference": f"Patient/{w.case.client_id}"},
        "note": [{"text": "x"}],
        "reasonCode": [{"text": "y"}],
    }


# The referral's transitions: the sender's side (send, close) needs a relationship to write, the
# receiver's side (the rest) is the addressee's alone — everyone else gets 404.
REFERRAL_SENDER_STEPS = ("send", "close")
REFERRAL_RECEIVER_STEPS = ("receive", "accept", "decline", "return", "start", "complete")


def _ips(w: Any) -> dict[str, int]:
    """The world's case with an open IPS period (its decision by the county's social worker,
    a job coach of the county as its coach), made in the test's own savepoint."""
    from tukiverkko.ips import actions as ips_actions
    from tukiverkko.ips.models import IpsPeriod

    if not IpsPeriod.objects.filter(case=w.case).exists():
        ips_actions.record_decision(
            case=w.case, by=w.social_author, reference="x", decided_on=timezone.localdate()
        )
        coach = a_professional("ips-valmentaja", org=w.county, role=Role.JOB_COACH)
        ips_actions.start_period(case=w.case, by=w.social_author, coach=coach)
    return {"case_id": w.case.pk}


def _ips_service(w: Any) -> dict[str, int]:
    from tukiverkko.catalogue.models import Service
    from tukiverkko.referrals.tests.factories import a_service

    found = Service.objects.filter(service_type__slug="ips-tyohonvalmennus").first()
    return {"service_id": (found or a_service(w.county, "ips-tyohonvalmennus")).pk}


def _ips_review(w: Any) -> dict[str, int]:
    from tukiverkko.catalogue.models import Service
    from tukiverkko.ips import actions as ips_actions
    from tukiverkko.ips.fidelity import scale
    from tukiverkko.ips.models import FidelityReview

    review = FidelityReview.objects.first()
    if review is None:
        editor = a_professional("ips-toimittaja", org=w.county, role=Role.CATALOGUE_EDITOR)
        review = ips_actions.record_fidelity_review(
            service=Service.objects.get(pk=_ips_service(w)["service_id"]),
            by=editor,
            reviewed_on=timezone.localdate(),
            reviewers="x",
            scores={i.code: ips_actions.ItemScore(3) for i in scale().items},
        )
    return {"review_id": review.pk}


PAGES: dict[str, Spec] = {
    "cases:mine": Spec("GET", "list"),
    "cases:create": Spec("GET", "form", capability=Capability.CLIENT_CREATE),
    "cases:caseload": Spec("GET", "form"),
    "cases:detail": Spec("GET", "read", _client, content=True),
    "cases:reveal": Spec("POST", "reveal", _client),
    "cases:phase": Spec("POST", "steer", _case, lambda w: {"to": "joint_plan", "version": 0}),
    "cases:handover": Spec(
        "POST", "steer", _case, lambda w: {"to_worker": w.colleague.pk, "reason": "x"}
    ),
    "cases:journal": Spec("POST", "write", _case, lambda w: {"category": "health", "text": "x"}),
    "cases:checklist": Spec("POST", "steer", _case, lambda w: {"step": 1, "version": 0}),
    "cases:network": Spec(
        "POST", "steer", _case, lambda w: {"organisation": w.county.pk, "role": "x"}
    ),
    "cases:network_remove": Spec("POST", "steer", lambda w: {"member_id": w.removable.pk}),
    # The action forms on demand (decision 0337): the same check as their POSTs.
    "cases:phase_form": Spec("GET", "steer", _case),
    "cases:handover_form": Spec("GET", "steer", _case),
    "cases:journal_form": Spec("GET", "write", _case),
    "cases:checklist_form": Spec("GET", "steer", _case),
    "cases:network_form": Spec("GET", "steer", _case),
    "cases:handover_accept": Spec("POST", "receiver", lambda w: {"request_id": w.handover.pk}),
    "cases:handover_decline": Spec("POST", "receiver", lambda w: {"request_id": w.handover.pk}),
    "consent:create": Spec("GET", "record", _client),
    "consent:prohibition": Spec("GET", "record", _client),
    "consent:legal_basis": Spec("GET", "record", _client),
    "consent:revoke": Spec(
        "POST",
        "revoke_listed",
        lambda w: {"consent_id": w.home_consent.pk},
        lambda w: {"channel": "phone"},
    ),
    "consent:notice_done": Spec("POST", "revoke", lambda w: {"notice_id": w.notice.pk}),
    "consent:prohibition_lift": Spec(
        "POST", "revoke", lambda w: {"prohibition_id": w.prohibition.pk}
    ),
    "consent:legal_basis_end": Spec("POST", "record", lambda w: {"basis_id": w.legal_basis.pk}),
    "referrals:inbox": Spec("GET", "list"),
    "referrals:create": Spec("GET", "write", _case),
    "referrals:detail": Spec("GET", "read", _referral),
    **{f"referrals:{step}": Spec("POST", "write", _referral) for step in REFERRAL_SENDER_STEPS},
    **{
        f"referrals:{step}": Spec("POST", "receiver", _referral) for step in REFERRAL_RECEIVER_STEPS
    },
    "audit:client_log": Spec("GET", "dpo", _client),
    "audit:client_log_export": Spec("GET", "dpo", _client),
    "audit:overview": Spec("GET", "dpo"),
    "access:justified": Spec("GET", "form", capability=Capability.JUSTIFIED_ACCESS),
    "access:justified_end": Spec("POST", "own", lambda w: {"access_id": w.justified_row.pk}),
    "access:review_list": Spec("GET", "dpo"),
    "access:review": Spec("POST", "dpo", lambda w: {"access_id": w.justified_row.pk}),
    "plans:detail": Spec("GET", "read", _plan),
    "plans:create": Spec("POST", "steer", _case),
    "plans:edit": Spec("GET", "steer", _plan),
    "plans:agree": Spec("POST", "steer", _plan, lambda w: {"version": 2}),
    "plans:review": Spec("GET", "steer", _goal),
    "plans:versions": Spec("GET", "read", _plan),
    "plans:diff": Spec("GET", "read", _plan),
    "plans:print": Spec("GET", "read", _plan),
    "plans:pdf": Spec("GET", "read", _plan),
    "assessments:instrument": Spec("GET", "write", _case, lambda w: {"mittari": "phq9"}),
    "assessments:health_check_open": Spec("GET", "write", _case),
    # Its health content is filtered like any other (assessments/tests/test_views.py).
    "assessments:health_check": Spec("GET", "read", lambda w: {"check_id": w.health_check.pk}),
    "assessments:needs_assessment": Spec("GET", "write", _case),
    "assessments:coordinator": Spec("GET", "read", _case),
    # The team's own pages: its members and who sets teams up in its organisation (need "team");
    # a client on its agenda is named only to who sees the client (teams.selectors).
    "teams:list": Spec("GET", "list"),
    "workspace:start": Spec("GET", "list"),
    "workspace:portal_code": Spec("POST", "write", _client),
    "teams:detail": Spec("GET", "team", _team),
    "teams:member_add": Spec("POST", "team", _team, lambda w: {"member-role": "doctor"}),
    "teams:member_remove": Spec("POST", "team", lambda w: _team(w) | {"member_id": w.member.pk}),
    "teams:series_add": Spec("POST", "team", _team),
    "teams:occurrence": Spec("GET", "team", lambda w: _team(w) | w.occurrence_ids),
    "teams:meeting": Spec("GET", "team", lambda w: {"meeting_id": w.meeting.pk}),
    "teams:bring": Spec("GET", "steer", _case),
    "teams:agenda_item": Spec("GET", "read", lambda w: {"item_id": w.agenda_item.pk}),
    "teams:agenda_withdraw": Spec("POST", "write", lambda w: {"item_id": w.agenda_item.pk}),
    "teams:client_meeting_create": Spec("GET", "steer", _case),
    "teams:client_meeting": Spec("GET", "read", lambda w: {"meeting_id": w.client_meeting.pk}),
    "followup:mine": Spec("GET", "list"),
    # A task is its owner's alone, while they still see its client; everyone else gets 404.
    "followup:done": Spec("GET", "task_owner", lambda w: {"task_id": w.task.pk}),
    "ips:period": Spec("GET", "read", _ips),
    "ips:decision": Spec("GET", "write", _case),
    "ips:start": Spec("GET", "write", _case),
    "ips:phase": Spec("POST", "write", _ips, lambda w: {"to": "profiling", "version": 1}),
    "ips:review": Spec("POST", "write", _ips, lambda w: {"version": 1}),
    "ips:profile": Spec("GET", "write", _ips),
    "ips:contact": Spec("GET", "write", _ips),
    # Not client data (a service's review, the reference, aggregates): any signed-in user.
    "ips:fidelity_services": Spec("GET", "list"),
    "ips:fidelity_service": Spec("GET", "list", _ips_service),
    "ips:fidelity_create": Spec(
        "GET", "form", _ips_service, capability=Capability.FIDELITY_REVIEWING
    ),
    "ips:fidelity_review": Spec("GET", "list", _ips_review),
    "ips:reference": Spec("GET", "list"),
    "ips:outcomes": Spec("GET", "list"),
    # FHIR (interop/fhir): the pages' getters, answered the API's way (401 without a session).
    # The catalogue's types carry no client data (need "list"); the metadata is public.
    "interop:fhir_metadata": Spec("GET", "public"),
    "interop:fhir_openapi": Spec("GET", "public"),  # the OpenAPI document (no client data)
    "interop:fhir_unknown": Spec("GET", "absent", lambda w: {"rest": "Observation/1"}),
    "interop:fhir_patient": Spec("GET", "read", lambda w: {"pk": w.case.client_id}),
    "interop:fhir_patient_search": Spec("GET", "list"),
    "interop:fhir_careplan": Spec("GET", "read", lambda w: {"pk": _plan_id(w)}),
    "interop:fhir_careplan_search": Spec("GET", "list"),
    "interop:fhir_goal": Spec("GET", "filtered", lambda w: {"pk": _goal(w)["goal_id"]}),
    "interop:fhir_goal_search": Spec("GET", "list"),
    "interop:fhir_servicerequest": Spec("GET", "read", lambda w: {"pk": w.referral.pk}),
    # its GET is the search every type shares; its POST makes a referral (need "write")
    "interop:fhir_servicerequest_search": Spec("POST", "write", data=_fhir_request),
    "interop:fhir_task": Spec("GET", "read", lambda w: {"pk": w.referral.pk}),
    "interop:fhir_task_search": Spec("GET", "list"),
    "interop:fhir_organization": Spec("GET", "list", lambda w: {"pk": w.county.pk}),
    "interop:fhir_organization_search": Spec("GET", "list"),
    "interop:fhir_healthcareservice": Spec(
        "GET", "list", lambda w: {"pk": _ips_service(w)["service_id"]}
    ),
    "interop:fhir_healthcareservice_search": Spec("GET", "list"),
    "interop:fhir_questionnaire": Spec("GET", "list", lambda w: {"pk": "phq9"}),
    "interop:fhir_questionnaire_search": Spec("GET", "list"),
    "interop:fhir_questionnaireresponse": Spec("GET", "filtered", lambda w: {"pk": _result_id(w)}),
    "interop:fhir_questionnaireresponse_search": Spec("GET", "list"),
    # a consent is listed to its own register and to its recipients (none of the readers here)
    "interop:fhir_consent": Spec("GET", "filtered", lambda w: {"pk": _own_consent(w)}),
    "interop:fhir_consent_search": Spec("GET", "list"),
    "interop:fhir_careteam": Spec("GET", "read", lambda w: {"pk": w.case.pk}),
    "interop:fhir_careteam_search": Spec("GET", "list"),
}

API: dict[str, Spec] = {
    # The integration routes open to a system's token only (decision 0371): every session,
    # whatever its role or relationship, is 401; the tokens are test_integration_route's.
    "GET /api/v1/integration/cases": Spec("GET", "system"),
    "GET /api/v1/integration/cases/{case_id}": Spec("GET", "system", _case),
    "GET /api/v1/integration/cases/{case_id}/journal": Spec("GET", "system", _case),
    "GET /api/v1/integration/cases/{case_id}/plan": Spec("GET", "system", _case),
    "GET /api/v1/integration/cases/{case_id}/referrals": Spec("GET", "system", _case),
    "GET /api/v1/integration/cases/{case_id}/consents": Spec("GET", "system", _case),
    "GET /api/v1/integration/teams": Spec("GET", "system"),
    "GET /api/v1/integration/tasks": Spec("GET", "system"),
    "GET /api/v1/teams/": Spec("GET", "list"),
    "GET /api/v1/teams/{team_id}": Spec("GET", "team", _team),
    "GET /api/v1/teams/meetings/{meeting_id}": Spec(
        "GET", "team", lambda w: {"meeting_id": w.meeting.pk}
    ),
    "POST /api/v1/teams/cases/{case_id}/agenda": Spec(
        "POST",
        "steer",
        _case,
        lambda w: {
            "meeting_id": w.meeting.pk,
            "question": "x",
            "categories": ["health"],
            "purpose": "planning_without_client",
        },
    ),
    "GET /api/v1/teams/agenda/{item_id}": Spec(
        "GET", "read", lambda w: {"item_id": w.agenda_item.pk}
    ),
    "POST /api/v1/teams/agenda/{item_id}/minutes": Spec(
        "POST",
        "write",
        lambda w: {"item_id": w.agenda_item.pk},
        lambda w: {"summary": "x", "decisions": "y"},
    ),
    "GET /api/v1/ips/cases/{case_id}": Spec("GET", "read", _ips),
    "POST /api/v1/ips/cases/{case_id}/decisions": Spec(
        "POST", "write", _case, lambda w: {"reference": "x", "decided_on": "2026-01-01"}
    ),
    "POST /api/v1/ips/cases/{case_id}/periods": Spec(
        "POST", "write", _case, lambda w: {"coach_id": w.worker.pk}
    ),
    "POST /api/v1/ips/cases/{case_id}/phase": Spec(
        "POST", "write", _ips, lambda w: {"to": "profiling", "version": 1}
    ),
    "POST /api/v1/ips/cases/{case_id}/review": Spec(
        "POST", "write", _ips, lambda w: {"version": 1}
    ),
    "PUT /api/v1/ips/cases/{case_id}/profile": Spec(
        "PUT", "write", _ips, lambda w: {"skills": ["a"], "wishes": ["b"]}
    ),
    "POST /api/v1/ips/cases/{case_id}/contacts": Spec(
        "POST",
        "write",
        _ips,
        lambda w: {
            "employer_name": "x",
            "business_id": "0112038-9",
            "contacted_on": "2026-01-01",
            "kind": "visit",
            "outcome": "interview",
        },
    ),
    "GET /api/v1/clients/": Spec("GET", "list"),
    "GET /api/v1/tasks/": Spec("GET", "list"),
    "GET /api/v1/tasks/{task_id}": Spec("GET", "task_owner", lambda w: {"task_id": w.task.pk}),
    "POST /api/v1/tasks/{task_id}/done": Spec(
        "POST", "task_owner", lambda w: {"task_id": w.task.pk}, lambda w: {"note": "x"}
    ),
    "GET /api/v1/clients/{client_id}": Spec("GET", "read", _client, content=True),
    "POST /api/v1/clients/{client_id}/henkilotunnus": Spec("POST", "reveal", _client),
    "POST /api/v1/clients/cases/{case_id}/journal": Spec(
        "POST", "write", _case, lambda w: {"category": "health", "text": "x"}
    ),
    "POST /api/v1/clients/cases/{case_id}/phase": Spec(
        "POST", "steer", _case, lambda w: {"to": "joint_plan", "version": 0}
    ),
    "GET /api/v1/consents/": Spec(
        "GET", "read", data=lambda w: {"client_id": w.case.client_id}, content=True
    ),
    "POST /api/v1/consents/{consent_id}/revoke": Spec(
        "POST",
        "revoke_listed",
        lambda w: {"consent_id": w.home_consent.pk},
        lambda w: {"channel": "phone"},
    ),
    "GET /api/v1/referrals/inbox": Spec("GET", "list"),
    "GET /api/v1/referrals/cases/{case_id}": Spec("GET", "read", _case),
    "POST /api/v1/referrals/cases/{case_id}": Spec(
        "POST",
        "write",
        _case,
        lambda w: {"situation": "x", "question": "y", "categories": ["health"]},
    ),
    "GET /api/v1/referrals/{referral_id}": Spec("GET", "read", _referral),
    **{
        f"POST /api/v1/referrals/{{referral_id}}/{step}": Spec("POST", "write", _referral)
        for step in REFERRAL_SENDER_STEPS
    },
    **{
        f"POST /api/v1/referrals/{{referral_id}}/{step}": Spec(
            "POST", "receiver", _referral, lambda w: {"reason": "", "feedback": ""}
        )
        for step in REFERRAL_RECEIVER_STEPS
    },
    "GET /api/v1/audit/clients/{client_id}/access-log": Spec("GET", "dpo", _client),
    "GET /api/v1/audit/clients/{client_id}/disclosures": Spec("GET", "dpo", _client),
    "GET /api/v1/audit/denials": Spec("GET", "dpo"),
    "GET /api/v1/plans/cases/{case_id}": Spec("GET", "read", _plan),
    "POST /api/v1/plans/cases/{case_id}": Spec("POST", "steer", _case),
    "PUT /api/v1/plans/cases/{case_id}": Spec("PUT", "steer", _plan, lambda w: {"version": 0}),
    "POST /api/v1/plans/cases/{case_id}/agree": Spec(
        "POST", "steer", _plan, lambda w: {"version": 2}
    ),
    "POST /api/v1/plans/cases/{case_id}/goals/{goal_id}/reviews": Spec(
        "POST",
        "steer",
        _goal,
        lambda w: {"version": 0, "reviewed_on": "2026-01-01", "attainment": 0},
    ),
    "GET /api/v1/plans/cases/{case_id}/versions": Spec("GET", "read", _plan),
    "GET /api/v1/plans/cases/{case_id}/diff": Spec(
        "GET", "read", _plan, lambda w: {"a": 1, "b": 2}
    ),
    "GET /api/v1/assessments/cases/{case_id}": Spec("GET", "read", _case),
    "POST /api/v1/assessments/cases/{case_id}/instruments": Spec(
        "POST",
        "write",
        _case,
        lambda w: {
            "instrument": "gad7",
            "assessed_on": timezone.localdate().isoformat(),
            "answers": {f"q{i}": 0 for i in range(1, 8)},
        },
    ),
    "POST /api/v1/assessments/cases/{case_id}/health-checks": Spec(
        "POST", "write", _case, lambda w: {"identified_by": "client"}
    ),
    "POST /api/v1/assessments/cases/{case_id}/needs-assessments": Spec(
        "POST",
        "write",
        _case,
        lambda w: {
            "assessed_on": "2026-01-01",
            "summary": "x",
            "conclusions": "x",
            "client_view": "x",
        },
    ),
    **{
        f"POST /api/v1/assessments/health-checks/{{check_id}}/{step}": Spec(
            "POST", "write", lambda w: {"check_id": w.health_check.pk}, lambda w, body=body: body
        )
        for step, body in (
            (
                "nurse",
                {
                    "version": 99,
                    "checked_on": "2026-01-01",
                    "summary": "x",
                    "mental_health_and_substance_assessed": True,
                    "further_assessment_needed": False,
                },
            ),
            ("feedback", {"version": 99, "to_client": "x"}),
            (
                "doctor",
                {
                    "version": 99,
                    "checked_on": "2026-01-01",
                    "summary": "x",
                    "remaining_work_ability": "x",
                    "outcomes": ["treatment"],
                },
            ),
        )
    },
}


def client_data_apps() -> list[AppConfig]:
    """The apps whose pages and API routes carry client data (``client_data`` on AppConfig)."""
    return [c for c in apps.get_app_configs() if getattr(c, "client_data", False)]


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            out += _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            out.append((prefix + str(p.pattern), namespace, p.name or "", p.callback.__module__))
    return out


def all_url_patterns() -> list[tuple[str, str, str]]:
    return [(route, ns, name) for route, ns, name, _module in _walk(get_resolver().url_patterns)]


def client_data_pages() -> set[str]:
    """``namespace:name`` of every page whose view belongs to a client-data app (not the admin
    site's: access/admin.py logs user changes there, and the admin shows no client data)."""
    marked = {c.label for c in client_data_apps()}
    return {
        f"{ns}:{name}"
        for _route, ns, name, module in _walk(get_resolver().url_patterns)
        if ns != "admin"
        and (app := apps.get_containing_app_config(module)) is not None
        and app.label in marked
    }


def client_data_namespaces() -> set[str]:
    return {key.split(":", 1)[0] for key in client_data_pages()}


def client_data_api_routes() -> set[str]:
    """``METHOD path`` of every API route of a client-data app's router (its ``api.router``)."""
    tags: set[str] = set()
    for config in client_data_apps():
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError:
            continue
        tags |= set(module.router.tags or [])
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path}"
        for path, ops in paths.items()
        for method, op in ops.items()
        if tags & set(op.get("tags", []))
    }


def test_every_client_data_url_is_in_the_table():
    # given every URL pattern (recursively) and every route of the NinjaAPI
    pages, routes = client_data_pages(), client_data_api_routes()
    # then each client-data one is covered by the matrix, and the table names nothing stale
    assert pages == set(PAGES), f"not covered: {pages - set(PAGES)}; stale: {set(PAGES) - pages}"
    assert routes == set(API), f"not covered: {routes - set(API)}; stale: {set(API) - routes}"


# -- the world the routes are called in -------------------------------------------------------

TEXT = {
    "health": "SISALTO-TERVEYS",
    "social": "SISALTO-SOSIAALI",
    "kela": "SISALTO-KELA",
}
NAME = "Salainen"


@dataclass
class Viewer:
    user: User
    relationship: str
    sector: str
    state: str


@dataclass
class World:
    """One client of the county's health care (the owner: a nurse, responsible worker), with a
    health, a social-care and a Kela entry; readers in buckets of sector × consent state, one of
    each relationship in each bucket; and the rows the action routes act on."""

    viewers: list[Viewer] = field(default_factory=list)
    evidence: dict[str, set[str]] = field(default_factory=dict)  # bucket → consents it may list

    def __post_init__(self) -> None:
        today = timezone.localdate()
        self.county = an_organisation("matriisin-hyvinvointialue")
        self.kela = an_organisation("kela")
        health_unit = a_unit(self.county, Register.HEALTH_CARE, "terveys-omistaja")
        social_unit = a_unit(self.county, Register.SOCIAL_CARE, "sosiaali-kirjoittaja")
        self.worker = a_professional("vastuu", unit=health_unit, role=Role.UNEMPLOYED_HEALTH_NURSE)
        self.colleague = a_professional("kollega", unit=health_unit, role=Role.DOCTOR)
        self.social_author = a_professional("sosiaali", unit=social_unit, role=Role.SOCIAL_WORKER)
        self.kela_author = a_professional("kela-kirjoittaja", org=self.kela, role=Role.KELA_EXPERT)
        self.case = a_case_in_phase(Phase.JOINT_ASSESSMENT, self.worker, first=NAME, last="Asiakas")
        client = self.case.client
        Client.objects.filter(pk=client.pk).update(phone="PUHELIN-TERVEYS")
        for author in (self.social_author, self.kela_author):
            self._member(author)
        actions.add_journal_entry(
            case=self.case, by=self.worker, category="health", text=TEXT["health"]
        )
        actions.add_journal_entry(
            case=self.case, by=self.social_author, category="social", text=TEXT["social"]
        )
        actions.add_journal_entry(
            case=self.case, by=self.kela_author, category="benefits", text=TEXT["kela"]
        )
        self.authors = {
            "health": self.worker,
            "social": self.social_author,
            "kela": self.kela_author,
        }
        # Rows the action routes act on.
        self.receiver = a_professional("vastaanottaja", unit=health_unit, role=Role.DOCTOR)
        self.handover = actions.request_handover(
            case=self.case, to_worker=self.receiver, by=self.worker, reason="x"
        )
        self.home_consent = a_consent(
            client, self.worker, organisations=[self.kela], categories=["education"]
        )
        revoked = a_consent(
            client, self.worker, organisations=[self.kela], categories=["education"]
        )
        consent_actions.revoke_consent(consent=revoked, by=self.worker, channel="phone")
        self.notice = RevocationNotice.objects.get(consent=revoked)
        self.prohibition = consent_actions.record_prohibition(
            client=client, by=self.worker, channel=RequestChannel.PHONE, categories=["education"]
        )
        self.legal_basis = consent_actions.record_legal_basis(
            client=client,
            by=self.worker,
            recipient=self.kela,
            categories=["education"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            statute="testilaki 1/2026",
            valid_from=today,
        )
        self.health_check = assessment_actions.open_health_check(
            case=self.case, by=self.worker, identified_by="client", pre_information=TEXT["health"]
        )
        self.removable = self._member(
            a_professional("poistettava", unit=health_unit, role=Role.DOCTOR)
        )
        # A referral sent to the hand-over's receiver by name (their own register: no consent
        # needed); its receiver-side routes are theirs alone, its sender-side the case's writers.
        draft = referral_actions.create_draft(
            case=self.case,
            by=self.worker,
            situation="x",
            question="y",
            categories=["health"],
            to_professional=self.receiver,
        )
        self.referral = referral_actions.send_referral(referral=draft, by=self.worker)
        self._team_rows(health_unit)
        # The readers: a bucket per sector × consent state, each reader with one relationship.
        self.consent_ids: dict[str, set[int]] = {}
        for sector, state in itertools.product(SECTORS, CONSENT_STATES):
            bucket = f"{sector}-{state}"
            if sector == "other_organisation":
                org = an_organisation(f"kunta-{state}")
                unit = None
                role = Role.SOCIAL_WORKER
            else:
                register = (
                    Register.HEALTH_CARE if sector == "own_register" else Register.SOCIAL_CARE
                )
                unit = a_unit(self.county, register, f"{bucket}")
                org = self.county
                role = Role.DOCTOR if sector == "own_register" else Role.SOCIAL_WORKER
            self.consent_ids[bucket] = self._consents(state, org if unit is None else None, unit)
            for relationship in RELATIONSHIPS:
                user = a_professional(f"{bucket}-{relationship}", org=org, unit=unit, role=role)
                self.viewers.append(Viewer(user, relationship, sector, state))
                if relationship == "same_organisation_only" and sector == "other_organisation":
                    client.relationships.create(organisation=org, created_by=user)
                elif relationship == "network_member":
                    self._member(user)
                elif relationship == "justified":
                    row = access_actions.open_justified_access(
                        by=user, henkilotunnus=client.henkilotunnus, reason="kiire"
                    )
                    if sector == "own_register" and state == "none":
                        self.justified_row = row
        # Same organisation, roles that do no client work (the administrator a superuser).
        self.non_client = []
        for role in (Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR, Role.DATA_PROTECTION):
            user = a_professional(f"muu-{role}", org=self.county, role=role)
            user.is_superuser = user.is_staff = role == Role.ADMINISTRATOR
            user.save()
            self.non_client.append(user)
        self.dpo = self.non_client[-1]
        # A follow-up task about the client, of a network member (they see the client).
        self.task = Task.objects.create(
            kind="plan_review",
            key="plan:matrix",
            source="matrix",
            owner=next(
                v.user
                for v in self.viewers
                if (v.sector, v.state, v.relationship) == ("own_register", "none", "network_member")
            ),
            due=today,
            title="Suunnitelman arviointi erääntyy",
            url="/",
            client=client,
        )
        self.case.refresh_from_db()

    def _member(self, user: User) -> NetworkMember:
        """A member admitted earlier (admission itself is test_H1's): the row as the action
        writes it."""
        return NetworkMember.objects.create(
            case=self.case,
            organisation=user.organisation,
            user=user,
            role="jäsen",
            added_by=self.worker,
            source_organisation=self.county,
            source_register=Register.HEALTH_CARE,
            source_category="health",
        )

    def _consents(self, state: str, org: Any, unit: Any) -> set[int]:
        """Each register's consent to the bucket in ``state``; the ids it may see listed."""
        ids: set[int] = set()
        if state == "none":
            return ids
        today = timezone.localdate()
        for source, author in self.authors.items():
            category = SOURCES[source][1]
            kw: dict[str, Any] = {
                "organisations": [org] if org is not None else [],
                "units": [unit] if unit is not None else [],
                "categories": ["education"] if state == "other_category" else [category, "contact"],
            }
            if state == "expired":
                kw |= {
                    "valid_from": today - dt.timedelta(days=60),
                    "valid_until": today - dt.timedelta(days=1),
                }
            if state == "oral_used":
                kw |= {"form": ConsentForm.ORAL, "valid_from": today}
            consent = a_consent(self.case.client, author, **kw)
            if state == "revoked":
                consent_actions.revoke_consent(consent=consent, by=author, channel="phone")
            if state == "oral_used":
                Consent.objects.filter(pk=consent.pk).update(used_at=timezone.now())
            ids.add(consent.pk)
        return ids


def _world_team_rows(self: World, unit: Any) -> None:
    """A team of the county (its coordinator the only named member, of the case's own register:
    no consent needed), a rule, a meeting next week with the case on it, and a client meeting."""
    from tukiverkko.teams import actions as team_actions
    from tukiverkko.teams.selectors import upcoming

    self.team_coordinator = a_professional(
        "tiimikoordinaattori", unit=unit, role=Role.WORK_ABILITY_COORDINATOR
    )
    self.team = team_actions.create_team(
        by=self.team_coordinator,
        name="Tiimi",
        kind="work_ability",
        organisation=self.county,
        region=self.county.region,
    )
    self.member = team_actions.add_member(
        team=self.team,
        by=self.team_coordinator,
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=self.county,
        user=self.team_coordinator,
        coordinating=True,
    )
    start = timezone.now() + dt.timedelta(days=7)
    series = team_actions.add_series(
        team=self.team,
        by=self.team_coordinator,
        first_starts_at=start,
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=2",
        mode="virtual",
    )
    self.meeting = team_actions.meeting_of(series, start, self.team_coordinator)
    later = upcoming(self.team, count=2)[1]
    self.occurrence_ids = {"series_id": series.pk, "start": int(later.starts_at.timestamp())}
    self.agenda_item = team_actions.add_to_agenda(
        meeting=self.meeting,
        case=self.case,
        by=self.worker,
        question="x",
        categories=["health"],
        purpose=Purpose.PLANNING_WITHOUT_CLIENT,
    )
    self.client_meeting = team_actions.book_client_meeting(
        case=self.case,
        by=self.worker,
        starts_at=start,
        duration_minutes=60,
        mode="virtual",
        place="",
        topics="x",
        topics_shared_on=timezone.localdate(),
        topics_channel="puhelin",
    )


World._team_rows = _world_team_rows  # type: ignore[attr-defined]


def shared_world(django_db_blocker: Any) -> Iterator[World]:
    """One world for every route, built once inside an outer transaction; each test runs in a
    savepoint that is rolled back (so a POST of one test is not seen by the next), and the outer
    transaction is rolled back at the end — the migrations' own rows (the catalogue's need areas)
    stay for the modules that follow, which a flush would have emptied."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = World()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    yield from shared_world(django_db_blocker)


def _url_for(key: str, spec: Spec, w: World) -> tuple[str, bool]:
    if key.startswith(("GET ", "POST ", "PUT ")):
        return key.split(" ", 1)[1].format(**spec.ids(w)), True
    # FHIR's routes are pages of the interop app that answer as an API does (401, not 302)
    return reverse(key, kwargs=spec.ids(w)), key.startswith("interop:fhir")


def _request(http: HttpClient, spec: Spec, url: str, w: World, *, api_route: bool) -> Any:
    data = spec.data(w)
    if spec.method == "GET":
        return http.get(url, data)
    if spec.method == "PUT":
        return http.put(url, json.dumps(data), content_type="application/json")
    if api_route:
        return http.post(url, data, content_type="application/json")
    return http.post(url, data)


def expected(
    spec: Spec, user: Any, viewer: Viewer | None, api_route: bool, w: World, *, fhir: bool = False
) -> set[int]:
    """The statuses the oracle allows for this caller on this route (``fhir``: FHIR answers a
    signed-in role without client work 403, the API 401)."""
    role = getattr(user, "role", None)
    relationship = viewer.relationship if viewer else "none"
    sector = viewer.sector if viewer else "own_register"
    allowed = {200} if spec.method == "GET" else {200, 201, 302, 400, 409}
    if spec.need == "system":
        return {401}
    if spec.need == "public":
        return {200}
    if spec.need == "absent":
        return {404}
    if role is None:
        return {401} if api_route else {302}
    if fhir and role not in CLIENT_WORK_ROLES:
        return {403}
    if api_route and spec.need != "dpo" and role not in CLIENT_WORK_ROLES:
        return {401}
    if spec.need == "dpo":
        return allowed if role == Role.DATA_PROTECTION else {403}
    if spec.need == "list":
        return {200}
    if spec.need == "form":
        return {200} if spec.capability is None or role in ROLES[spec.capability] else {403}
    if spec.need == "receiver":
        return allowed if user == w.receiver else {404}
    if spec.need == "own":
        return allowed if user == w.justified_row.user else {404}
    if spec.need == "team":
        # the team's coordinating member, and who sets teams up in the team's organisation
        manages = role in ROLES[Capability.TEAM_MANAGEMENT] and user.organisation == w.county
        return allowed if user == w.team_coordinator or manages else {404}
    if spec.need == "task_owner":
        return allowed if user == w.task.owner else {404}
    sees = oracle_sees(role, relationship)
    if not sees:
        return {404}
    if spec.need == "filtered":
        # a row the content filter shows only to its own register (callers without consent)
        return {200} if sector == "own_register" else {404}
    may = {
        "read": True,
        "write": oracle_acts(role, relationship),
        "steer": oracle_steers(role, relationship, sector),
        "record": oracle_records(role, relationship),
        "revoke": oracle_acts(role, relationship),
        # a consent is revoked where it is listed: by its own register (here: the case's)
        "revoke_listed": oracle_acts(role, relationship) and sector == "own_register",
        "reveal": oracle_reveals(role, relationship, sector),
    }[spec.need]
    if (
        spec.need == "revoke_listed"
        and oracle_acts(role, relationship)
        and sector != "own_register"
    ):
        return {404}  # not listed to them: as if it did not exist
    return allowed if may else {403}


def insider_of(spec: Spec, w: World) -> User:
    """Who proves a route is reachable: the receiver, the DPO, the justified reader, or the
    responsible worker."""
    if spec.need == "receiver":
        return w.receiver
    if spec.need == "dpo":
        return w.dpo
    if spec.need == "own":
        return w.justified_row.user
    if spec.need == "team":
        return w.team_coordinator
    if spec.need == "task_owner":
        return w.task.owner
    return w.worker


def _callers(w: World, spec: Spec) -> list[tuple[str, Any, Viewer | None]]:
    rows: list[tuple[str, Any, Viewer | None]] = [("anonymous", None, None)]
    rows += [(f"same-org {u.role}", u, None) for u in w.non_client]
    for v in w.viewers:
        if spec.content or v.state == "none":
            rows.append((f"{v.user.username}", v.user, v))
    return rows


def _shown(body: str) -> set[str]:
    return {source for source, text in TEXT.items() if text in body}


def _content_failures(
    label: str, url: str, response: Any, body: str, viewer: Viewer, w: World
) -> list[str]:
    role = viewer.user.role
    if "consents" in url:
        # a consent is listed to its own register's professionals and to its recipients
        listed = {c["id"] for c in response.json()}
        own = set(
            Consent.objects.filter(
                client=w.case.client,
                disclosing_organisation=viewer.user.organisation,
                disclosing_register=register_of_parts(role, unit_register(viewer.sector)),
            ).values_list("pk", flat=True)
        )
        allowed = w.consent_ids[f"{viewer.sector}-{viewer.state}"] | own
        return [f"{label}: consents {sorted(listed - allowed)} listed"] if listed - allowed else []
    want = {
        source
        for source in SOURCES
        if oracle_shows(
            role,
            viewer.relationship,
            viewer.sector,
            viewer.state,
            "none",
            CONSENTED_PURPOSE,
            source,
        )
    }
    failures = []
    if _shown(body) != want:
        failures.append(f"{label}: shows {sorted(_shown(body))}, expected {sorted(want)}")
    if "/api/" not in url and ("PUHELIN-TERVEYS" in body) != ("health" in want):
        failures.append(f"{label}: contact details shown: {'PUHELIN-TERVEYS' in body}")
    return failures


ROUTES = sorted(PAGES) + sorted(API)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ROUTES)
def test_route(key: str, world: World) -> None:
    w = world
    spec = PAGES.get(key) or API[key]
    url, api_route = _url_for(key, spec, w)
    failures: list[str] = []
    for label, user, viewer in _callers(w, spec):
        http = HttpClient()
        if user is not None:
            http.force_login(user)
        if viewer is not None and viewer.relationship == "responsible":
            Case.objects.filter(pk=w.case.pk).update(responsible_worker=user)
        denied_before = AccessLogEntry.objects.filter(allowed=False).count()
        # when the caller calls the route
        response = _request(http, spec, url, w, api_route=api_route)
        if viewer is not None and viewer.relationship == "responsible":
            Case.objects.filter(pk=w.case.pk).update(responsible_worker=w.worker)
        body = response.content.decode(errors="replace")  # a PDF is bytes
        role = getattr(user, "role", None)
        statuses = expected(spec, user, viewer, api_route, w, fhir=key.startswith("interop:fhir"))
        # then the status is the oracle's ...
        if response.status_code not in statuses:
            failures.append(f"{label}: {response.status_code}, expected {sorted(statuses)}")
            continue
        # ... every refusal is logged ...
        refused = response.status_code in {401, 403, 404} or (
            not api_route and user is None and response.status_code == 302
        )
        if refused and AccessLogEntry.objects.filter(allowed=False).count() <= denied_before:
            failures.append(f"{label}: refusal {response.status_code} not logged")
        # ... and only the content the oracle allows shows
        sees = viewer is not None and oracle_sees(role, viewer.relationship)
        if not sees and (NAME in body or _shown(body)):
            failures.append(f"{label}: {response.status_code} shows the client's data")
        if spec.content and response.status_code == 200 and viewer is not None:
            failures += _content_failures(label, url, response, body, viewer, w)
    assert failures == [], f"{key}: {len(failures)} of {len(_callers(w, spec))}: {failures[:8]}"


SYSTEM_ROUTES = sorted(k for k, spec in API.items() if spec.need == "system")


@pytest.mark.django_db
@pytest.mark.parametrize("key", SYSTEM_ROUTES)
def test_integration_route(key: str, world: World) -> None:
    """The integration routes with tokens: the case's organisation's system reads (each read a
    disclosure), another organisation's system never sees the client, a token without the
    route's scope is 403 (decision 0371)."""
    w = world
    spec = API[key]
    url = key.split(" ", 1)[1].format(**spec.ids(w))
    admin = SystemActor("matrix")
    everything = list(Scope.values)
    _own, own = access_actions.create_api_token(
        by=admin, organisation=w.county, system="a", scopes=everything
    )
    stranger_org = Organisation.objects.exclude(pk=w.county.pk).first()
    assert stranger_org is not None
    _other, other = access_actions.create_api_token(
        by=admin, organisation=stranger_org, system="b", scopes=everything
    )
    _narrow, narrow = access_actions.create_api_token(
        by=admin, organisation=w.county, system="c", scopes=["read:teams"]
    )

    def call(secret: str) -> Any:
        return HttpClient().get(url, headers={"Authorization": f"Bearer {secret}"})

    # when the case's organisation's system calls the route: it reads
    assert call(own).status_code == 200
    # when another organisation's system calls it: the client is not there for it
    disclosed = DisclosureLogEntry.objects.filter(client_id=w.case.client_id).count()
    response = call(other)
    body = response.content.decode()
    assert response.status_code == (404 if "{case_id}" in key else 200)
    assert NAME not in body and not _shown(body)
    if "{case_id}" not in key and "teams" not in key:
        assert f'"client_id": {w.case.client_id},' not in body.replace('":', '": ')
    assert DisclosureLogEntry.objects.filter(client_id=w.case.client_id).count() == disclosed
    # and a token without the route's scope is refused
    assert call(narrow).status_code == (200 if key.endswith("/teams") else 403)
