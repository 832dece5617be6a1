"""What of the case is due (``followup_sources``, core.due), over every open case:

- **a responsible worker who has left** (their account deactivated): one task for the whole
  caseload, to the professional of their organisation who hands caseloads over
  (``Capability.CASELOAD_HANDOVER``: a work-ability coordinator first, else an administrator),
  linking to the caseload hand-over with the worker chosen; due a week after their last login;
  done when every open case of theirs waits for, or has, a new responsible worker. (A case
  cannot be without a responsible worker: the column is required, ``ResponsibilityPeriod``
  keeps one current.)
- **no activity in 60 days**: no change by a professional or the client in the client's event
  log (audit.EventLogEntry — every action writes one; reads and the system's own events do not
  count) since 60 days, nor the case opened since; to the responsible worker, due 60 days after
  the last activity; done by doing anything on the case.

Set-based: the first source is one grouped query and one for the organisations' handover
people; the second an anti-join on the event log's (client_id, at) index, then one grouped
query per 5,000 idle clients for their last activity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count, Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Role, User
from tukiverkko.accounts.roles import ROLES, Capability
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Case, HandoverStatus
from tukiverkko.core.due import Due

IDLE_DAYS = 60
HANDOVER_DAYS = 7
CHUNK = 5000


def handover_people(organisation_ids: set[int]) -> dict[int, int]:
    """The one who hands caseloads over, per organisation: its first active work-ability
    coordinator, else its first active administrator (roles with CASELOAD_HANDOVER)."""
    rank = {Role.WORK_ABILITY_COORDINATOR: 0, Role.ADMINISTRATOR: 1}
    roles = [r for r in ROLES[Capability.CASELOAD_HANDOVER] if r in rank]
    people = (
        User.objects.filter(is_active=True, organisation_id__in=organisation_ids, role__in=roles)
        .order_by("pk")
        .values_list("organisation_id", "role", "pk")
    )
    best: dict[int, tuple[int, int]] = {}
    for org, role, pk in people:
        if org not in best or rank[Role(role)] < best[org][0]:
            best[org] = (rank[Role(role)], pk)
    return {org: pk for org, (_rank, pk) in best.items()}


def departed_workers(today: dt.date) -> Iterator[Due]:
    waiting = Case.objects.filter(
        pk=OuterRef("pk"), handover_requests__status=HandoverStatus.PENDING
    )
    rows = list(
        Case.objects.open()
        .filter(responsible_worker__is_active=False)
        .exclude(Exists(waiting))
        .values_list(
            "responsible_worker_id",
            "responsible_worker__organisation_id",
            "responsible_worker__last_login",
            "responsible_worker__date_joined",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    heads = handover_people({org for _w, org, _l, _j, _n in rows if org is not None})
    page = reverse("cases:caseload")
    for worker_id, org, last_login, joined, _n in rows:
        owner = heads.get(org) if org is not None else None
        if owner is None:
            continue  # nobody in their organisation may hand a caseload over
        left = timezone.localdate(last_login or joined)
        yield Due(
            kind="caseload_handover",
            key=f"worker:{worker_id}",
            owner_id=owner,
            due=left + dt.timedelta(days=HANDOVER_DAYS),
            title=_(
                "Työntekijä on lähtenyt: siirrä hänen asiakkuutensa uusille vastuutyöntekijöille"
            ),
            url=f"{page}?tyontekija={worker_id}",
        )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def idle_cases(today: dt.date) -> Iterator[Due]:
    cutoff = _start_of(today - dt.timedelta(days=IDLE_DAYS))
    activity = EventLogEntry.objects.exclude(actor_kind="system")
    recent = activity.filter(client_id=OuterRef("client_id"), at__gte=cutoff)
    idle = list(
        Case.objects.open()
        .filter(opened_at__lt=cutoff)
        .exclude(Exists(recent))
        .values_list("pk", "client_id", "responsible_worker_id", "opened_at")
    )
    link = reverse("cases:detail", kwargs={"client_id": 1234567}).replace("1234567", "{}")
    for start in range(0, len(idle), CHUNK):
        chunk = idle[start : start + CHUNK]
        last = dict(
            activity.filter(client_id__in=[c for _p, c, _w, _o in chunk])
            .values_list("client_id")
            .annotate(last=Max("at"))
            .order_by()
        )
        for pk, client_id, worker_id, opened_at in chunk:
            since = max(opened_at, last.get(client_id) or opened_at)
            yield Due(
                kind="idle_case",
                key=f"case:{pk}",
                owner_id=worker_id,
                due=timezone.localdate(since) + dt.timedelta(days=IDLE_DAYS),
                title=_(
                    "Asiakkuudessa ei ole tapahtunut mitään 60 päivään: ota yhteyttä asiakkaaseen"
                ),
                url=link.format(client_id),
                client_id=client_id,
            )
