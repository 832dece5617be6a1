"""What the access app's actions refuse, and that a refusal saves nothing: a justified access
with a bad henkilötunnus, no reason, too long, by a role without the right, to nobody; ending
someone else's or an ended one; a review by anyone but the data-protection officer, or twice."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tukiverkko.access import actions
from tukiverkko.access.models import JustifiedAccess
from tukiverkko.accounts.models import Register, Role
from tukiverkko.audit.actions import PurposeMissing, record_access
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases.tests.factories import (
    a_client,
    a_hetu,
    a_professional,
    a_unit,
    an_organisation,
)

pytestmark = pytest.mark.django_db


def a_nurse():
    county = an_organisation()
    return a_professional(
        role=Role.UNEMPLOYED_HEALTH_NURSE, unit=a_unit(county, Register.HEALTH_CARE)
    )


def refusal(**kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        actions.open_justified_access(**kwargs)
    assert JustifiedAccess.objects.count() == 0
    return raised.value.message_dict


def test_a_justified_access_names_each_field_it_refuses():
    # given a nurse; when she asks with a broken code, no reason and 13 hours
    errors = refusal(by=a_nurse(), henkilotunnus="010170-12", reason="  ", hours=13)
    # then each field says why, and nothing was opened
    assert set(errors) == {"henkilotunnus", "reason", "hours"}
    assert errors["reason"] == ["Kerro, miksi tarvitset asiakkaan tiedot nyt."]
    assert errors["hours"] == ["Kesto on 1–12 tuntia."]


def test_a_role_without_client_work_cannot_open_a_justified_access():
    # given a catalogue editor and a real client
    editor = a_professional(role=Role.CATALOGUE_EDITOR)
    client = a_client(a_nurse())
    # when the editor asks for access with a reason
    errors = refusal(by=editor, henkilotunnus=client.henkilotunnus, reason="Kiire")
    # then the role is the reason
    assert errors["__all__"] == ["Perusteltu pääsy ei kuulu roolisi tehtäviin."]


def test_a_code_nobody_has_opens_nothing():
    # when a valid code that no client has is asked for
    errors = refusal(by=a_nurse(), henkilotunnus=a_hetu(), reason="Päivystys")
    # then
    assert errors == {"henkilotunnus": ["Henkilötunnuksella ei löydy asiakasta."]}


def opened():
    nurse = a_nurse()
    client = a_client(nurse)
    other = a_nurse()
    row = actions.open_justified_access(by=other, henkilotunnus=client.henkilotunnus, reason="x")
    return other, row


def test_only_its_opener_ends_an_access_and_only_once():
    # given an access another nurse opened
    opener, row = opened()
    # when a third ends it, then the opener twice
    with pytest.raises(ValidationError, match="Vain pääsyn avannut voi päättää sen"):
        actions.end_justified_access(access=row, by=a_nurse())
    actions.end_justified_access(access=row, by=opener)
    with pytest.raises(ValidationError, match="Pääsy on jo päättynyt"):
        actions.end_justified_access(access=row, by=opener)
    # then it ended once
    assert JustifiedAccess.objects.get(pk=row.pk).ended_at is not None


def test_only_the_data_protection_officer_reviews_and_only_once():
    # given an access and the officer
    opener, row = opened()
    officer = a_professional(role=Role.DATA_PROTECTION)
    # when the opener reviews their own, the officer with an over-long note, then twice
    with pytest.raises(ValidationError, match="tietosuojavastaava"):
        actions.review_justified_access(access=row, by=opener)
    with pytest.raises(ValidationError) as too_long:
        actions.review_justified_access(access=row, by=officer, note="x" * 100_000)
    actions.review_justified_access(access=row, by=officer, note="Peruste riittää.")
    with pytest.raises(ValidationError, match="Pääsy on jo tarkastettu"):
        actions.review_justified_access(access=row, by=officer)
    # then the note was refused by name and the one review kept
    assert "note" in too_long.value.message_dict
    assert JustifiedAccess.objects.get(pk=row.pk).review_note == "Peruste riittää."


def test_a_read_cannot_be_logged_without_its_purpose():
    # when a read is logged with a blank purpose
    with pytest.raises(PurposeMissing):
        record_access(user=a_nurse(), client_id=1, what="client_page", purpose=" ", allowed=True)
    # then nothing went into the log
    assert AccessLogEntry.objects.count() == 0
