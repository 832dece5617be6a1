"""What of the consents is due (``followup_sources``, core.due), for clients with an open case:

- a consent expiring within 30 days that nothing renews — no later consent of the same client
  from the same register that lasts longer — due on its last day; done by recording the new
  consent (or, past its last day, it is no longer expiring: the task closes itself);
- an oral consent used up (one transaction only, RULEBOOK §10) with no consent recorded since
  by the same register: due the day it was used; done by recording a written one, or marked
  done when no more is needed;
- a revoked consent whose recipients (and Kela) have not all been told (RULEBOOK §10): due the
  day it was revoked, owned by the case's responsible worker (else the recorder); done by
  marking every revocation notice done.

Owner: the professional who recorded it while their account is active, else the case's
responsible worker. Each source is one query (the case is read through the relation's name:
this app does not import the cases app, which sits above it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from tukiverkko.consent.models import Consent, ConsentForm, RevocationNotice
from tukiverkko.core.due import Due

EXPIRY_NOTICE_DAYS = 30


def _open_cases() -> QuerySet:  # type: ignore[type-arg]
    case = apps.get_model("cases", "Case")
    return case.objects.filter(client_id=OuterRef("client_id")).exclude(phase="closed")


def _same_register(**later: object) -> QuerySet[Consent]:
    return Consent.objects.filter(
        client_id=OuterRef("client_id"),
        disclosing_organisation_id=OuterRef("disclosing_organisation_id"),
        disclosing_register=OuterRef("disclosing_register"),
        revoked_at__isnull=True,
        **later,
    ).exclude(pk=OuterRef("pk"))


def _rows(qs: QuerySet[Consent], *fields: str) -> QuerySet:  # type: ignore[type-arg]
    worker = _open_cases().order_by("-opened_at").values("responsible_worker_id")[:1]
    return (
        qs.filter(revoked_at__isnull=True)
        .filter(Exists(_open_cases()))
        .annotate(worker_id=Subquery(worker))
        .values_list(
            "pk", "client_id", "recorded_by_id", "recorded_by__is_active", "worker_id", *fields
        )
    )


def _link() -> str:
    return reverse("cases:detail", kwargs={"client_id": 1234567}).replace("1234567", "{}")


def expiring(today: dt.date) -> Iterator[Due]:
    link = _link()
    renewed = _same_register(recorded_at__gt=OuterRef("recorded_at")).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until"))
    )
    qs = Consent.objects.filter(
        valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=EXPIRY_NOTICE_DAYS)
    ).exclude(Exists(renewed))
    for pk, client_id, by_id, active, worker_id, until in _rows(qs, "valid_until"):
        yield Due(
            kind="consent_expiring",
            key=f"consent:{pk}",
            owner_id=by_id if active or worker_id is None else worker_id,
            due=until,
            title=_("Suostumus päättyy pian: pyydä tarvittaessa uusi suostumus"),
            url=link.format(client_id),
            client_id=client_id,
        )


def used_up(today: dt.date) -> Iterator[Due]:
    link = _link()
    since = _same_register(recorded_at__gt=OuterRef("used_at"))
    qs = Consent.objects.filter(form=ConsentForm.ORAL, used_at__isnull=False).exclude(Exists(since))
    for pk, client_id, by_id, active, worker_id, used in _rows(qs, "used_at"):
        yield Due(
            kind="consent_used",
            key=f"consent:{pk}",
            owner_id=by_id if active or worker_id is None else worker_id,
            due=localdate(used),
            title=_("Suullinen suostumus on käytetty: kirjaa kirjallinen, jos yhteistyö jatkuu"),
            url=link.format(client_id),
            client_id=client_id,
        )


def revocation_untold(today: dt.date) -> Iterator[Due]:
    """(see the module) — for any case, open or closed: a revocation is told in any case."""
    link = _link()
    untold = RevocationNotice.objects.filter(consent_id=OuterRef("pk"), done_at__isnull=True)
    worker = (
        apps.get_model("cases", "Case")
        .objects.filter(client_id=OuterRef("client_id"))
        .exclude(phase="closed")
        .order_by("-opened_at")
        .values("responsible_worker_id")[:1]
    )
    qs = (
        Consent.objects.filter(revoked_at__isnull=False)
        .filter(Exists(untold))
        .annotate(worker_id=Subquery(worker))
        .values_list("pk", "client_id", "recorded_by_id", "worker_id", "revoked_at")
    )
    for pk, client_id, by_id, worker_id, revoked in qs:
        yield revocation_due(pk, client_id, worker_id or by_id, localdate(revoked), link)


def revocation_due(pk: int, client_id: int, owner_id: int, day: dt.date, link: str = "") -> Due:
    """The one task of telling a revocation (the source's, and the portal's at once)."""
    return Due(
        kind="consent_revoked",
        key=f"consent:{pk}",
        owner_id=owner_id,
        due=day,
        title=_("Suostumus on peruttu: ilmoita Kelalle ja vastaanottajille"),
        url=(link or _link()).format(client_id),
        client_id=client_id,
    )
