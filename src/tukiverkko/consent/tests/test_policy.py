import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)
from tukiverkko.consent import actions
from tukiverkko.consent.models import ConsentForm, Purpose
from tukiverkko.consent.selectors import may_disclose

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def setting():
    kela, te = an_organisation("kela"), an_organisation("tyollisyysalue")
    nurse = a_professional(org=an_organisation("hyvinvointialue"))
    client = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse).client
    return {"kela": kela, "te": te, "nurse": nurse, "client": client}


def ask(s, org, category="health", purpose=Purpose.INFORMATION_EXCHANGE, on=TODAY):
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(12)))
    return may_disclose(
        client_id=s["client"].pk, to_organisation=org, category=category, purpose=purpose, at=at
    )


@pytest.mark.parametrize(
    ("state", "allowed", "reason"),
    [
        ("granted", True, "consent"),
        ("expired", False, "expired"),
        ("not_yet_valid", False, "not_yet_valid"),
        ("revoked", False, "revoked"),
        ("wrong_category", False, "category"),
        ("wrong_organisation", False, "organisation"),
        ("wrong_purpose", False, "purpose"),
        ("none", False, "no_consent"),
    ],
)
def test_may_disclose_answers_for_every_consent_state(setting, state, allowed, reason):
    # given a consent in the named state
    kw = {
        "organisations": [setting["kela"]],
        "categories": ["health"],
        "valid_from": dt.date(2025, 1, 1),
    }
    if state == "expired":
        kw["valid_until"] = dt.date(2025, 5, 31)
    if state == "not_yet_valid":
        kw["valid_from"] = dt.date(2025, 6, 2)
    if state == "wrong_category":
        kw["categories"] = ["employment"]
    if state == "wrong_organisation":
        kw["organisations"] = [setting["te"]]
    if state == "wrong_purpose":
        kw["purposes"] = [Purpose.NETWORK_MEETING]
    if state != "none":
        consent = a_consent(setting["client"], setting["nurse"], **kw)
        if state == "revoked":
            actions.revoke_consent(consent=consent, by=setting["nurse"])
    # when Kela asks for health information on 1.6.2025
    decision = ask(setting, setting["kela"])
    # then the answer and its reason
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_the_last_valid_day_is_included(setting):
    a_consent(
        setting["client"],
        setting["nurse"],
        organisations=[setting["kela"]],
        categories=["health"],
        valid_from=dt.date(2025, 1, 1),
        valid_until=TODAY,
    )
    assert ask(setting, setting["kela"]).allowed
    assert not ask(setting, setting["kela"], on=TODAY + dt.timedelta(days=1)).allowed


def test_an_oral_consent_is_valid_for_one_day_only(setting):
    with pytest.raises(ValidationError) as exc:
        a_consent(
            setting["client"],
            setting["nurse"],
            organisations=[setting["kela"]],
            categories=["health"],
            form=ConsentForm.ORAL,
            valid_from=TODAY,
            valid_until=TODAY + dt.timedelta(days=30),
        )
    assert "yhtä asiointikertaa" in exc.value.message_dict["valid_until"][0]
    oral = a_consent(
        setting["client"],
        setting["nurse"],
        organisations=[setting["kela"]],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=TODAY,
    )
    assert oral.valid_until == TODAY


def test_recording_a_consent_validates_every_field_and_saves_nothing_on_error(setting):
    with pytest.raises(ValidationError) as exc:
        actions.record_consent(
            client=setting["client"],
            by=setting["nurse"],
            organisations=[],
            categories=["x"],
            purposes=[],
            form="telepathy",
            valid_from=TODAY,
            valid_until=TODAY - dt.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {
        "organisations",
        "categories",
        "purposes",
        "form",
        "valid_until",
    }
    assert setting["client"].consents.count() == 0


def test_revoking_twice_is_refused(setting):
    consent = a_consent(
        setting["client"], setting["nurse"], organisations=[setting["kela"]], categories=["health"]
    )
    revoked = actions.revoke_consent(consent=consent, by=setting["nurse"])
    assert revoked.revoked_by == setting["nurse"]
    with pytest.raises(ValidationError):
        actions.revoke_consent(consent=consent, by=setting["nurse"])
