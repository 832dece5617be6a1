"""The consent decision is pure: plain facts in, a decision with its reason out."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from tukiverkko.consent.policy import ConsentFacts, may_disclose

SRC = Path(__file__).resolve().parents[3]
TODAY = dt.date(2025, 6, 1)


def facts(**changes: object) -> ConsentFacts:
    base: dict[str, object] = {
        "id": 1,
        "organisation_ids": frozenset({10}),
        "categories": frozenset({"health"}),
        "purposes": frozenset({"information_exchange"}),
        "valid_from": dt.date(2025, 1, 1),
        "valid_until": None,
        "revoked": False,
        "oral": False,
        "used": False,
    }
    return ConsentFacts(**(base | changes))  # type: ignore[arg-type]


def ask(*consents: ConsentFacts, org: int | None = 10):
    return may_disclose(
        consents,
        to_organisation_id=org,
        category="health",
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


def test_a_used_oral_consent_covers_nothing_and_says_so() -> None:
    assert (ask(facts(oral=True, used=True)).allowed, ask(facts(oral=True, used=True)).reason) == (
        False,
        "oral_used",
    )


def test_a_written_consent_is_chosen_before_an_oral_one() -> None:
    decision = ask(facts(id=2, oral=True), facts(id=1))
    assert decision.allowed and decision.consent is not None and decision.consent.id == 1


def test_no_organisation_is_never_disclosed_to() -> None:
    assert ask(facts(), org=None).reason == "no_organisation"
    assert ask().reason == "no_consent"
