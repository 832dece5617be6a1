"""The prerequisites a sending must meet, read from the rules' own requirements with their
regional practice (rules.prerequisites; the referrals app asks it before a referral goes)."""

from __future__ import annotations

import datetime as dt

import pytest

from tukiverkko.rules.prerequisites import unmet_prerequisites

DAY = dt.date(2026, 12, 2)


def ids(slug: str, **facts: object) -> list[str]:
    return [r.id for r in unmet_prerequisites(slug, facts, reference_date=DAY)]


@pytest.mark.parametrize(
    ("slug", "facts", "unmet"),
    [
        # Heinola's practice: the nurse's or coordinator's koonti before the doctor [000]
        ("tyokyvyn-tuen-laakari", {"municipality": "Heinola"}, ["nurse_or_coordinator_assessment"]),
        (
            "tyokyvyn-tuen-laakari",
            {"municipality": "Heinola", "nurse_or_coordinator_assessment_done": True},
            [],
        ),
        # elsewhere the national rule, which names no prerequisite
        ("tyokyvyn-tuen-laakari", {"municipality": "Lahti"}, []),
        # the municipality unknown: every practice's prerequisites apply
        ("tyokyvyn-tuen-laakari", {}, ["nurse_or_coordinator_assessment"]),
        ("kuntoutustutkimus", {}, ["doctor_referral"]),
        ("kuntoutustutkimus", {"doctor_referral": True}, []),
        ("ips-tyohonvalmennus", {}, ["social_care_decision"]),
        ("vammaispalvelujen-tyohonvalmennus", {"social_care_decision": True}, []),
        (
            "kuntouttava-tyotoiminta",
            {"social_care_decision": True},
            ["activation_or_multisectoral_plan"],
        ),
        # consent is the consent app's question, not a fact here
        ("tym", {}, []),
        # specialist care: no eligibility rule, but only by a doctor's referral [000], [001]
        ("erikoissairaanhoito", {}, ["doctor_referral"]),
        ("erikoissairaanhoito", {"doctor_referral": True}, []),
        # a service type the rules know nothing of has nothing to require
        ("no-such-service-type", {}, []),
    ],
)
def test_unmet_prerequisites(slug, facts, unmet):
    assert ids(slug, **facts) == unmet
