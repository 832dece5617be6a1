"""All of the client's data in one document (the GDPR right of access, art. 15): the same
selectors the pages render, as JSON for machines and as a readable PDF. The henkilötunnus is
left out: it is the client's own identifier, already known to them, and a download left on a
shared computer should not carry it (the client may ask for it at the service point).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.cases.models import Case
from tukiverkko.clients.models import Client
from tukiverkko.portal import selectors
from tukiverkko.portal.models import Feedback

FORMAT = "tukiverkko-own-data/1"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plan(case: Case) -> dict[str, Any] | None:
    plan = selectors.own_plan(case)
    if plan is None:
        return None
    return {
        "goals": [
            {"text": g.text, "target_on": _iso(g.target_on), "status": g.get_status_display()}
            for g in plan.goals
        ],
        "actions": [
            {
                "text": a.text,
                "responsible": a.get_responsible_display(),
                "who": a.responsible_label,
                "starts_on": _iso(a.starts_on),
                "ends_on": _iso(a.ends_on),
                "status": a.get_status_display(),
                "my_comment": a.client_comment,
            }
            for a in plan.actions
        ],
    }


def _case(case: Case) -> dict[str, Any]:
    worker = case.responsible_worker
    return {
        "opened_at": _iso(case.opened_at),
        "phase": case.get_phase_display(),
        "outcome": case.get_outcome_display() if case.outcome else "",
        "closed_on": _iso(case.closed_on),
        "organisation": str(case.organisation),
        "responsible_worker": selectors.person(worker).__dict__ if worker else None,
        "network": [p.__dict__ for p in selectors._network(case)],
        "plan": _plan(case),
        "referrals": [r.__dict__ for r in selectors.referral_lines(case)],
        "meetings": [
            {
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "mode": m.get_mode_display(),
                "place": m.place,
                "topics": m.topics,
            }
            for m in selectors.upcoming_meetings(case) + selectors.past_meetings(case)
        ],
        "assessments": [
            {
                "instrument": a.get_instrument_display(),
                "assessed_on": _iso(a.assessed_on),
                "score": a.score,
                "band": a.result.get("band_label", a.band),
                "by_me": a.by_client,
            }
            for a in InstrumentAssessment.objects.filter(case=case)
        ],
    }


def my_data(
    client: Client, reads: list[dict[str, Any]], disclosures: list[dict[str, Any]]
) -> dict[str, Any]:
    """``reads`` and ``disclosures``: the logs about the client in plain words (the access
    shell's tukiverkko.access.own_log, which the view asks)."""
    cases = Case.objects.filter(client=client).select_related(
        "organisation", "responsible_worker__organisation", "responsible_worker__unit"
    )
    return {
        "format": FORMAT,
        "made_at": _iso(timezone.now()),
        "me": {
            "first_name": client.first_name,
            "last_name": client.last_name,
            "phone": client.phone,
            "email": client.email,
            "address": client.address,
            "municipality": str(client.municipality or ""),
            "languages": list(client.languages or []),
        },
        "cases": [_case(c) for c in cases],
        "consents": [
            {
                "from": line.discloser,
                "to": line.recipients,
                "categories": line.categories,
                "purposes": line.purposes,
                "valid_from": _iso(line.consent.valid_from),
                "valid_until": _iso(line.consent.valid_until),
                "state": line.state,
            }
            for line in selectors.consent_lines(client.pk)
        ],
        "feedback": [
            {
                "given_at": _iso(f.given_at),
                "on": f.get_on_display(),
                "rating": f.rating,
                "text": f.text,
            }
            for f in Feedback.objects.filter(client=client)
        ],
        "reads": reads,
        "disclosures": disclosures,
    }
