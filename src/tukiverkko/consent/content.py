"""The content filter: the one mechanism that decides, for every piece of a client's content a
page, an API answer or an export would show, whether this reader sees it — and logs each
disclosure with its basis.

Any object is content when it says three things (the ``Content`` protocol):

- ``content_organisation_id`` — the organisation whose record it is;
- ``content_register`` — the register it was written in (``accounts.models.Register``:
  health care, social care, other);
- ``content_category`` — its information category (``consent.models.InfoCategory``).

A reader sees their own register's content; another register's only under a legal basis or a
consent (``consent.policy.may_read``). Use it inside a ``with``: when the block ends, every
disclosure made in it is logged (one disclosure-log row per source register and basis, naming
the disclosing organisation) and every oral consent it used is spent — in one transaction::

    with disclosing(viewer, client.pk, purpose=purpose, what="client_page") as content:
        goals = content.filter(plan.goals.all(), kind="plan_goal")      # Filtered(shown, hidden)
        if content.allows(referral, kind="referral"):
            ...

The caller has authorised the client first (``access.selectors.get_client``): the filter decides
*what* of the client a reader sees, the access policy *whether* they see the client at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from django.db import transaction
from django.utils import timezone

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import register_of
from tukiverkko.consent import actions
from tukiverkko.consent.policy import (
    ConsentDecision,
    ConsentFacts,
    DisclosureFacts,
    Reader,
    Source,
    may_read,
)
from tukiverkko.consent.querysets import disclosure_facts


class Content(Protocol):
    """What the filter asks of a piece of content (attributes or properties)."""

    @property
    def content_organisation_id(self) -> int | None: ...

    @property
    def content_register(self) -> str: ...

    @property
    def content_category(self) -> str: ...


T = TypeVar("T", bound=Content)


@dataclass(frozen=True)
class Filtered(Generic[T]):
    shown: list[T]
    hidden: int  # how many the reader may not see (the page says so, without their content)


def reader_of(viewer: Professional) -> Reader:
    return Reader(viewer.organisation_id, viewer.unit_id, register_of(viewer))


class Disclosing:
    """One reader's view of one client's content for one purpose. Decides each item, and
    remembers what it disclosed under which basis until ``log``."""

    def __init__(
        self,
        viewer: Professional,
        client_id: int,
        *,
        purpose: str,
        what: str,
        facts: DisclosureFacts | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.viewer = viewer
        self.client_id = client_id
        self.purpose = purpose
        self.what = what
        self.reader = reader_of(viewer)
        self.facts = facts if facts is not None else disclosure_facts(client_id)
        self.today = today or timezone.localdate()
        # (source, basis) → kinds and categories disclosed under it
        self._kinds: dict[tuple[Source, str], set[str]] = defaultdict(set)
        self._categories: dict[tuple[Source, str], set[str]] = defaultdict(set)
        self._decisions: dict[tuple[Source, str], ConsentDecision] = {}
        self._cache: dict[tuple[Source, str], ConsentDecision] = {}

    def decide(self, item: Content) -> ConsentDecision:
        source = Source(item.content_organisation_id, item.content_register)
        key = (source, item.content_category)
        if key not in self._cache:
            self._cache[key] = may_read(
                self.facts,
                reader=self.reader,
                source=source,
                category=item.content_category,
                purpose=self.purpose,
                today=self.today,
            )
        return self._cache[key]

    def allows(self, item: Content, *, kind: str) -> bool:
        """May the reader see ``item``? A disclosure (not their own register's) is remembered
        for the log, under ``kind`` (e.g. "journal_entry", "phase_reason")."""
        decision = self.decide(item)
        if decision.allowed and decision.reason != "own_register":
            source = Source(item.content_organisation_id, item.content_register)
            key = (source, decision.basis)
            self._kinds[key].add(kind)
            self._categories[key].add(item.content_category)
            self._decisions[key] = decision
        return decision.allowed

    def filter(self, items: Iterable[T], *, kind: str) -> Filtered[T]:
        shown: list[T] = []
        hidden = 0
        for item in items:
            if self.allows(item, kind=kind):
                shown.append(item)
            else:
                hidden += 1
        return Filtered(shown, hidden)

    @property
    def disclosed(self) -> bool:
        return bool(self._decisions)

    def log(self) -> None:
        """Log every disclosure made so far and spend the oral consents used — all or nothing."""
        if not self._decisions or self.viewer.organisation is None:
            self._forget()
            return
        disclosures = []
        for key, decision in self._decisions.items():
            source, _basis = key
            consent: ConsentFacts | None = decision.consent
            disclosures.append(
                actions.Disclosure(
                    from_organisation_id=source.organisation_id,
                    from_register=source.register,
                    consent=consent,
                    legal_basis_id=decision.legal_basis.id if decision.legal_basis else None,
                    categories=frozenset(self._categories[key]),
                    what=f"{self.what}:{','.join(sorted(self._kinds[key]))}",
                )
            )
        actions.disclose(
            by=self.viewer,
            client_id=self.client_id,
            to_organisation=self.viewer.organisation,
            purpose=self.purpose,
            disclosures=disclosures,
        )
        self._forget()

    def _forget(self) -> None:
        self._kinds.clear()
        self._categories.clear()
        self._decisions.clear()


@contextmanager
def disclosing(
    viewer: Professional,
    client_id: int,
    *,
    purpose: str,
    what: str,
    facts: DisclosureFacts | None = None,
) -> Iterator[Disclosing]:
    """The content filter for one view; its disclosures are logged when the block ends
    (not when it raises: nothing was shown then)."""
    with transaction.atomic():
        content = Disclosing(viewer, client_id, purpose=purpose, what=what, facts=facts)
        yield content
        content.log()
