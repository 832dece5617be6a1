"""The disclosure decision is pure: plain facts in, a decision with its reason out."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from tukiverkko.consent.policy import (
    ConsentFacts,
    DisclosureFacts,
    LegalBasisFacts,
    ProhibitionFacts,
    Reader,
    Source,
    may_read,
)

SRC = Path(__file__).resolve().parents[3]
TODAY = dt.date(2025, 6, 1)
COUNTY, KELA = 1, 10
HEALTH = Source(COUNTY, "health_care")
SOCIAL = Source(COUNTY, "social_care")
KELA_READER = Reader(KELA, None, "other")


def facts(**changes: object) -> ConsentFacts:
    base: dict[str, object] = {
        "id": 1,
        "organisation_ids": frozenset({KELA}),
        "categories": frozenset({"health"}),
        "purposes": frozenset({"information_exchange"}),
        "valid_from": dt.date(2025, 1, 1),
        "valid_until": None,
        "revoked": False,
        "oral": False,
        "used": False,
        "disclosing": HEALTH,
    }
    return ConsentFacts(**(base | changes))  # type: ignore[arg-type]


def ask(
    *consents: ConsentFacts,
    reader: Reader = KELA_READER,
    source: Source = HEALTH,
    prohibitions: tuple[ProhibitionFacts, ...] = (),
    bases: tuple[LegalBasisFacts, ...] = (),
    category: str = "health",
):
    return may_read(
        DisclosureFacts(consents, prohibitions, bases),
        reader=reader,
        source=source,
        category=category,
        purpose="information_exchange",
        today=TODAY,
    )


def test_the_decision_needs_no_database_and_no_django() -> None:
    code = (
        "import sys\n"
        "import tukiverkko.consent.policy\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    done = subprocess.run(  # noqa: S603 — fixed arguments
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_a_reader_sees_their_own_register_without_any_consent() -> None:
    nurse = Reader(COUNTY, 5, "health_care")
    assert (ask(reader=nurse).allowed, ask(reader=nurse).reason) == (True, "own_register")


def test_the_other_register_of_the_same_county_needs_a_consent_naming_it() -> None:
    # given a social worker of the same county and a health entry
    social = Reader(COUNTY, 7, "social_care")
    # then no consent: hidden; a consent naming Kela only: hidden; one naming their unit: shown
    assert ask(reader=social).reason == "no_consent"
    assert ask(facts(), reader=social).reason == "organisation"
    assert ask(facts(unit_ids=frozenset({7})), reader=social).allowed
    # and one naming the county itself covers its other registers
    assert ask(facts(organisation_ids=frozenset({COUNTY})), reader=social).allowed


def test_a_consent_discloses_only_its_own_registers_content() -> None:
    # a consent recorded by the county's social care does not disclose health care's entries
    assert ask(facts(disclosing=SOCIAL)).reason == "other_register"
    assert ask(facts(disclosing=SOCIAL), source=SOCIAL).allowed


def test_a_used_oral_consent_covers_nothing_and_says_so() -> None:
    decision = ask(facts(oral=True, used=True))
    assert (decision.allowed, decision.reason) == (False, "oral_used")


def test_a_written_consent_is_chosen_before_an_oral_one() -> None:
    decision = ask(facts(id=2, oral=True), facts(id=1))
    assert decision.allowed and decision.consent is not None and decision.consent.id == 1
    assert decision.basis == "consent:1"


def test_a_prohibition_overrides_every_consent_of_its_register() -> None:
    everything = ProhibitionFacts(HEALTH, frozenset())
    only_social = ProhibitionFacts(HEALTH, frozenset({"social"}))
    assert ask(facts(), prohibitions=(everything,)).reason == "prohibited"
    assert ask(facts(), prohibitions=(only_social,)).allowed
    # and another register's prohibition does not touch this one
    assert ask(facts(), prohibitions=(ProhibitionFacts(SOCIAL, frozenset()),)).allowed


def test_a_legal_basis_discloses_without_consent_even_under_a_prohibition() -> None:
    # given Kela's statutory right to health information, and the client's prohibition
    basis = LegalBasisFacts(
        id=3,
        source=HEALTH,
        recipient_id=KELA,
        categories=frozenset({"health"}),
        purposes=frozenset({"information_exchange"}),
        valid_from=dt.date(2025, 1, 1),
        valid_until=None,
    )
    prohibition = ProhibitionFacts(HEALTH, frozenset())
    # then Kela reads under the law, logged as such
    decision = ask(bases=(basis,), prohibitions=(prohibition,))
    assert (decision.allowed, decision.reason, decision.basis) == (
        True,
        "legal_basis",
        "legal_basis:3",
    )
    # but not another category, nor after the basis ends
    assert not ask(bases=(basis,), category="social").allowed
    ended = LegalBasisFacts(**{**basis.__dict__, "valid_until": dt.date(2025, 5, 31)})
    assert not ask(bases=(ended,)).allowed


def test_no_organisation_is_never_disclosed_to() -> None:
    assert ask(facts(), reader=Reader(None, None, None)).reason == "no_organisation"
    assert ask().reason == "no_consent"


def test_a_reader_who_keeps_no_register_sees_only_what_is_disclosed_to_them() -> None:
    # a professional whose role may not work in their unit's register keeps none
    outsider = Reader(COUNTY, 5, None)
    assert ask(reader=outsider).reason == "no_consent"
