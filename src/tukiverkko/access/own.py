"""The client's own data (the portal), through the one access policy.

A client logged in to the portal is an actor of its own kind (``accounts.actors.ClientActor``):
no grant of the professionals' opens anything to them, and they see exactly one client —
themself. Every read is logged like a professional's, with the purpose "omat tiedot" and the
basis ``portal.self``; a record of another client answers 404 and the refusal is logged. What of
their own data a client sees is the portal's selectors' (the items the professionals marked
visible, their consents, the logs about them) — their own data is never "disclosed" to them, so
the content filter between registers does not apply.
"""

from __future__ import annotations

from django.http import Http404

from tukiverkko.accounts.actors import ClientActor
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.cases.models import Case, Phase
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import Consent
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import PlanAction
from tukiverkko.teams.models import Meeting, MeetingKind

BASIS = "portal.self"


def _log(actor: ClientActor, what: str, *, allowed: bool) -> None:
    record_access(
        user=actor,
        client_id=actor.client_id,
        what=f"portal:{what}",
        purpose=AccessPurpose.OWN_DATA,
        allowed=allowed,
        basis=BASIS if allowed else "",
    )


def _deny(actor: ClientActor, what: str) -> Http404:
    _log(actor, what, allowed=False)
    return Http404()


def read_own(actor: ClientActor, *, what: str) -> Client:
    """The client themself, the read logged (``what``: the page or the download)."""
    client = Client.objects.filter(pk=actor.client_id).first()
    if client is None:  # erased since the login: nothing is theirs any more
        raise Http404
    _log(actor, what, allowed=True)
    return client


def own_case(actor: ClientActor) -> Case | None:
    """The client's current case: the open one, else the latest closed (no read logged: the
    page that shows it logs its read)."""
    cases = Case.objects.filter(client_id=actor.client_id).select_related(
        "responsible_worker__organisation", "responsible_worker__unit"
    )
    return (
        cases.exclude(phase=Phase.CLOSED).order_by("-opened_at").first()
        or cases.order_by("-opened_at").first()
    )


def get_own_task(actor: ClientActor, action_id: int, *, what: str) -> PlanAction:
    """One of the client's own tasks of their plan (theirs and shown to them), else 404."""
    action = (
        PlanAction.objects.filter(
            pk=action_id,
            plan__case__client_id=actor.client_id,
            responsible=Responsible.CLIENT,
            visible_to_client=True,
        )
        .select_related("plan__case")
        .first()
    )
    if action is None:
        raise _deny(actor, f"{what}:{action_id}")
    _log(actor, f"{what}:{action_id}", allowed=True)
    return action


def get_own_consent(actor: ClientActor, consent_id: int, *, what: str) -> Consent:
    consent = Consent.objects.filter(pk=consent_id, client_id=actor.client_id).first()
    if consent is None:
        raise _deny(actor, f"{what}:{consent_id}")
    _log(actor, f"{what}:{consent_id}", allowed=True)
    return consent


def get_own_meeting(actor: ClientActor, meeting_id: int, *, what: str) -> Meeting:
    """A meeting with the client present (monialainen neuvonpito) of their own case."""
    meeting = Meeting.objects.filter(
        pk=meeting_id, kind=MeetingKind.CLIENT, case__client_id=actor.client_id
    ).first()
    if meeting is None:
        raise _deny(actor, f"{what}:{meeting_id}")
    _log(actor, f"{what}:{meeting_id}", allowed=True)
    return meeting
