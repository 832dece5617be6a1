"""The one answer to "may this reader see this piece of a client's information, for this purpose,
today?" — and to "does a consent cover that recipient?".

Pure Python over plain facts: no Django, no database — import-linter keeps it so. The facts are
loaded by ``consent.querysets``; the content filter (``consent.content``) asks ``may_read`` for
every piece of content a page or an API answer would show; nothing else decides it.

Each piece of content belongs to a *register*: an organisation and the register its author's
unit keeps (health care, social care, other). A reader sees, in this order of reasons:

1. their own register's content (``own_register``) — the law's "use within the controller's
   register", given the reader has a relationship with the client (the access policy's);
2. content a legal basis discloses to the reader's organisation (``legal_basis``): it applies
   even against a disclosure prohibition — the law, not the client's choice, allows it;
3. nothing else of a register under the client's disclosure prohibition (``prohibited``);
4. content a consent discloses (``consent``): recorded by that register, naming the reader's
   organisation or unit as recipient, the content's category and the purpose, valid today, not
   revoked, and — for an oral consent — not yet used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reader:
    """Who reads: their organisation, unit and the register they keep (None: keeps none)."""

    organisation_id: int | None
    unit_id: int | None
    register: str | None


@dataclass(frozen=True)
class Source:
    """Whose content it is: an organisation and a register."""

    organisation_id: int | None
    register: str


@dataclass(frozen=True)
class ConsentFacts:
    """What the decision needs of one consent row."""

    id: int
    organisation_ids: frozenset[int]  # recipient organisations
    categories: frozenset[str]
    purposes: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None
    revoked: bool
    oral: bool
    used: bool  # an oral consent covers one transaction: the first disclosure uses it up
    # Whose information it discloses (None in facts made before registers: never covers).
    disclosing: Source | None = None
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # recipient units
    external_ids: frozenset[int] = field(default_factory=frozenset)  # recipient employers …
    # Prepared for the client to confirm in the portal and not confirmed yet: covers nothing.
    awaiting: bool = False


@dataclass(frozen=True)
class ProhibitionFacts:
    source: Source
    categories: frozenset[str]  # empty: every category


@dataclass(frozen=True)
class LegalBasisFacts:
    id: int
    source: Source
    recipient_id: int
    categories: frozenset[str]
    purposes: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None


@dataclass(frozen=True)
class DisclosureFacts:
    """Everything about one client's disclosures that the decision reads."""

    consents: tuple[ConsentFacts, ...] = ()
    prohibitions: tuple[ProhibitionFacts, ...] = ()
    legal_bases: tuple[LegalBasisFacts, ...] = ()


@dataclass(frozen=True)
class ConsentDecision:
    allowed: bool
    consent: ConsentFacts | None
    reason: str
    legal_basis: LegalBasisFacts | None = None

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def basis(self) -> str:
        """How the disclosure is logged: ``consent:<id>`` or ``legal_basis:<id>``."""
        if self.consent is not None:
            return f"consent:{self.consent.id}"
        if self.legal_basis is not None:
            return f"legal_basis:{self.legal_basis.id}"
        return self.reason


OWN = ConsentDecision(True, None, "own_register")


def _valid(valid_from: dt.date, valid_until: dt.date | None, today: dt.date) -> str:
    if valid_from > today:
        return "not_yet_valid"
    if valid_until is not None and valid_until < today:
        return "expired"
    return ""


def names_recipient(consent: ConsentFacts, reader: Reader) -> bool:
    """Is ``reader`` among the consent's recipients (their organisation, or their unit)?"""
    return (
        reader.organisation_id is not None and reader.organisation_id in consent.organisation_ids
    ) or (reader.unit_id is not None and reader.unit_id in consent.unit_ids)


def covers_recipient(
    consent: ConsentFacts, *, reader: Reader, purposes: Iterable[str], today: dt.date
) -> str:
    """Why ``consent`` does not let its register disclose to ``reader`` for any of ``purposes``
    ("" when it does) — the question of admitting a network member, before any content."""
    if consent.revoked:
        return "revoked"
    if consent.awaiting:
        return "awaiting_confirmation"
    if invalid := _valid(consent.valid_from, consent.valid_until, today):
        return invalid
    if consent.oral and consent.used:
        return "oral_used"
    if not consent.purposes & set(purposes):
        return "purpose"
    if not names_recipient(consent, reader):
        return "organisation"
    return ""


def covers(
    consent: ConsentFacts,
    *,
    source: Source,
    reader: Reader,
    category: str,
    purpose: str,
    today: dt.date,
) -> str:
    """Why ``consent`` does not disclose ``source``'s ``category`` to ``reader`` for ``purpose``
    on ``today`` ("" when it does)."""
    if consent.revoked:
        return "revoked"
    if consent.awaiting:
        return "awaiting_confirmation"
    if invalid := _valid(consent.valid_from, consent.valid_until, today):
        return invalid
    if consent.oral and consent.used:
        return "oral_used"
    if consent.disclosing != source:
        return "other_register"
    if category not in consent.categories:
        return "category"
    if purpose not in consent.purposes:
        return "purpose"
    if not names_recipient(consent, reader):
        return "organisation"
    return ""


def _prohibited(facts: DisclosureFacts, source: Source, category: str) -> bool:
    return any(
        p.source == source and (not p.categories or category in p.categories)
        for p in facts.prohibitions
    )


def _legal_basis(
    facts: DisclosureFacts,
    source: Source,
    reader: Reader,
    category: str,
    purpose: str,
    today: dt.date,
) -> LegalBasisFacts | None:
    for basis in facts.legal_bases:
        if (
            basis.source == source
            and basis.recipient_id == reader.organisation_id
            and category in basis.categories
            and purpose in basis.purposes
            and not _valid(basis.valid_from, basis.valid_until, today)
        ):
            return basis
    return None


def may_read(
    facts: DisclosureFacts,
    *,
    reader: Reader,
    source: Source,
    category: str,
    purpose: str,
    today: dt.date,
) -> ConsentDecision:
    """May ``reader`` see ``source``'s content of ``category`` for ``purpose`` on ``today``?
    Answers with the reason — and the consent or legal basis that allows it (a written consent
    is preferred over an oral one, so a standing consent is used before a one-off one is spent).
    """
    if reader.register is not None and source == Source(reader.organisation_id, reader.register):
        return OWN
    if reader.organisation_id is None:
        return ConsentDecision(False, None, "no_organisation")
    basis = _legal_basis(facts, source, reader, category, purpose, today)
    if basis is not None:
        return ConsentDecision(True, None, "legal_basis", legal_basis=basis)
    if _prohibited(facts, source, category):
        return ConsentDecision(False, None, "prohibited")
    reasons: list[str] = []
    for consent in sorted(facts.consents, key=lambda c: (c.oral, -c.id)):
        why = covers(
            consent, source=source, reader=reader, category=category, purpose=purpose, today=today
        )
        if not why:
            return ConsentDecision(True, consent, "consent")
        reasons.append(why)
    return ConsentDecision(False, None, reasons[0] if reasons else "no_consent")


def may_disclose_to_external(
    facts: DisclosureFacts,
    *,
    recipient_id: int,
    source: Source,
    category: str,
    purpose: str,
    today: dt.date,
) -> ConsentDecision:
    """May ``source`` disclose its ``category`` to the external recipient ``recipient_id`` (an
    employer) for ``purpose`` on ``today``? Only a consent naming that recipient does it — an
    external recipient has no register and no legal basis here — and a disclosure prohibition
    of the source's register forbids it."""
    if _prohibited(facts, source, category):
        return ConsentDecision(False, None, "prohibited")
    reasons: list[str] = []
    for consent in sorted(facts.consents, key=lambda c: (c.oral, -c.id)):
        why = covers(
            consent,
            source=source,
            reader=Reader(None, None, None),
            category=category,
            purpose=purpose,
            today=today,
        )
        if why == "organisation" and recipient_id not in consent.external_ids:
            why = "recipient"
        elif why == "organisation":
            why = ""
        if not why:
            return ConsentDecision(True, consent, "consent")
        reasons.append(why)
    return ConsentDecision(False, None, reasons[0] if reasons else "no_consent")
