"""The portal's actions and login: a code works once and for 15 minutes, is kept only as a keyed
hash; an assisted login is logged as such; a revocation gives the responsible worker the task of
telling Kela and the recipients at once, which the reminder job keeps and closes when told;
feedback and own tasks refuse what is not the client's own, saving nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.actors import ClientActor
from tukiverkko.audit.models import AccessLogEntry, EventLogEntry
from tukiverkko.consent.actions import mark_notice_done
from tukiverkko.followup.jobs import run_reminders
from tukiverkko.followup.models import Status, Task
from tukiverkko.plans.actions import update_own_action
from tukiverkko.portal import actions, codes
from tukiverkko.portal.models import Feedback, LoginCode
from tukiverkko.portal.tests.story import logged_in, maija

pytestmark = pytest.mark.django_db


def test_a_code_works_once_and_is_kept_only_as_a_hash():
    story = maija()
    row, code = actions.issue_login_code(client=story.case.client, by=story.nurse)
    assert code not in row.digest and codes.normalise(code) not in row.digest
    assert row.expires_at - row.created_at == dt.timedelta(minutes=15)
    actor = actions.log_in_with_code(typed=code.lower().replace("-", " "))
    assert actor == ClientActor(client_id=story.case.client_id)
    with pytest.raises(ValidationError) as used:
        actions.log_in_with_code(typed=code)
    assert "Koodi ei kelpaa" in str(used.value)


def test_an_expired_or_wrong_code_is_refused_with_one_message():
    story = maija()
    row, code = actions.issue_login_code(client=story.case.client, by=story.nurse)
    LoginCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    messages = set()
    for typed in (code, "ABCDE-FGHJK", "", "x" * 41):
        with pytest.raises(ValidationError) as refused:
            actions.log_in_with_code(typed=typed)
        messages.add(str(refused.value))
    assert len(messages) == 1
    assert LoginCode.objects.get(pk=row.pk).used_at is None


def test_the_login_page_says_which_field_and_why():
    answer = HttpClient().post(reverse("portal:login"), {"code": "VAARA-KOODI"})
    assert answer.status_code == 200
    assert "Koodi ei kelpaa" in answer.content.decode()
    assert "portal_client" not in HttpClient().session


def test_an_assisted_login_names_the_professional_in_the_log():
    story = maija()
    http = HttpClient()
    http.force_login(story.nurse)
    logged_in(story, http)
    http.get(reverse("portal:start"))
    entry = AccessLogEntry.objects.filter(what="portal:start").get()
    assert entry.username == f"client:{story.case.client_id}"
    assert entry.role == "client_assisted" and entry.user_id == story.nurse.pk
    log = http.get(reverse("portal:log")).content.decode()
    assert "avustajana Tiina T., Päijät-Hämeen hyvinvointialue" in log
    # and when the professional logs out, the client's session ends with theirs
    http.logout()
    assert http.get(reverse("portal:start"))["Location"] == reverse("portal:login")


def test_the_portal_session_ends_after_idling():
    story = maija()
    http = logged_in(story)
    session = http.session
    session["portal_seen"] = int(timezone.now().timestamp()) - 31 * 60
    session.save()
    assert http.get(reverse("portal:start"))["Location"] == reverse("portal:login")


def test_a_revocation_task_is_kept_by_the_job_and_closed_when_told():
    story = maija()
    actor = ClientActor(client_id=story.case.client_id)
    actions.revoke_own_consent(consent=story.consent, by=actor)
    task = Task.objects.get(kind="consent_revoked")
    assert task.owner == story.nurse and task.status == Status.OPEN
    run_reminders()
    run_reminders()  # twice: still the one task
    assert Task.objects.filter(kind="consent_revoked").count() == 1
    for notice in story.consent.notices.all():
        mark_notice_done(notice=notice, by=story.nurse)
    run_reminders()
    task.refresh_from_db()
    assert task.status == Status.DONE
    event = EventLogEntry.objects.filter(event="consent_revoke").get()
    assert event.actor_kind == "client"


def test_another_clients_consent_cannot_be_revoked():
    story, other = maija(), maija("tuula", "esa")
    with pytest.raises(ValidationError):
        actions.revoke_own_consent(
            consent=other.consent, by=ClientActor(client_id=story.case.client_id)
        )
    other.consent.refresh_from_db()
    assert other.consent.revoked_at is None and not Task.objects.exists()


def test_feedback_is_saved_and_bad_feedback_loses_nothing():
    story = maija()
    actor = ClientActor(client_id=story.case.client_id)
    with pytest.raises(ValidationError) as bad:
        actions.give_feedback(case=story.case, by=actor, on="path", rating=9, text="")
    assert "rating" in bad.value.message_dict and not Feedback.objects.exists()
    with pytest.raises(ValidationError) as no_meeting:
        actions.give_feedback(case=story.case, by=actor, on="meeting", rating=4, text="")
    assert "meeting" in no_meeting.value.message_dict
    row = actions.give_feedback(case=story.case, by=actor, on="path", rating=5, text="Sain apua.")
    assert (row.rating, row.text, row.meeting) == (5, "Sain apua.", None)


def test_feedback_through_the_page():
    story = maija()
    http = logged_in(story)
    answer = http.post(reverse("portal:feedback"), {"on": "path", "rating": "4", "text": "Hyvä"})
    assert answer.status_code == 302
    assert Feedback.objects.get().rating == 4
    again = http.post(reverse("portal:feedback"), {"on": "path", "rating": "", "text": "x"})
    assert again.status_code == 200 and Feedback.objects.count() == 1


def test_a_task_of_a_closed_case_or_too_long_comment_is_refused():
    story = maija()
    actor = ClientActor(client_id=story.case.client_id)
    with pytest.raises(ValidationError) as long:
        update_own_action(action=story.own_task, by=actor, done=True, comment="x" * 2001)
    assert "comment" in long.value.message_dict
    story.own_task.refresh_from_db()
    assert story.own_task.status == "planned" and story.plan.versions.count() == 2


def test_the_downloads_hold_her_data_and_log_the_read():
    story = maija()
    http = logged_in(story)
    data = http.get(reverse("portal:download_json")).json()
    assert data["me"]["first_name"] == "Maija"
    assert data["cases"][0]["responsible_worker"]["name"] == "Tiina Testinen"
    assert any(g["text"] == "Työkokeilu alkaa" for g in data["cases"][0]["plan"]["goals"])
    assert ["Heinolan Tyollisyyspalvelut"] in [c["to"] for c in data["consents"]]
    assert "henkilotunnus" not in str(data).lower()
    pdf = http.get(reverse("portal:download_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(what="portal:download_pdf").exists()


def test_portal_code_on_the_command_line():
    story = maija()
    out = io.StringIO()
    call_command("portal_code", str(story.case.client_id), "--by", "tiina", stdout=out)
    code = out.getvalue().split()[0]
    assert "Helsinki time" in out.getvalue()
    assert actions.log_in_with_code(typed=code).client_id == story.case.client_id
    with pytest.raises(CommandError) as refused:
        call_command("portal_code", str(story.case.client_id), "--by", "nobody")
    assert refused.value.returncode == 2
    stranger = maija("tuula", "esa").nurse
    with pytest.raises(CommandError) as not_theirs:
        call_command("portal_code", str(story.case.client_id), "--by", stranger.username)
    assert not_theirs.value.returncode == 2 and "may not act" in str(not_theirs.value)


def test_the_professional_button_hands_out_a_code_once():
    story = maija()
    http = HttpClient()
    http.force_login(story.nurse)
    page = http.post(reverse("workspace:portal_code", args=[story.case.client_id]))
    assert page.status_code == 200
    assert LoginCode.objects.filter(client=story.case.client).count() == 1
    stranger = maija("tuula", "esa").nurse
    other = HttpClient()
    other.force_login(stranger)
    refused = other.post(reverse("workspace:portal_code", args=[story.case.client_id]))
    assert refused.status_code == 404
    assert LoginCode.objects.count() == 1


def test_a_prepared_consent_covers_nothing_until_she_confirms_it_with_two_factors():
    from tukiverkko.access import policy
    from tukiverkko.consent.policy import covers_recipient
    from tukiverkko.consent.querysets import facts_of

    story = maija()
    pending = story.pending
    assert pending.awaits_confirmation and pending.signature_method == ""
    assert (
        covers_recipient(
            facts_of(pending),
            reader=_reader(),
            purposes=["information_exchange"],
            today=timezone.localdate(),
        )
        == "awaiting_confirmation"
    )
    http = logged_in(story)
    page = http.get(reverse("portal:consents")).content.decode()
    assert "Odottaa vahvistustasi" in page
    url = reverse("portal:confirm", args=[pending.pk])
    # a wrong henkilötunnus is refused, saying which field and why; nothing changes
    wrong = http.post(url, {"henkilotunnus": "010101-123N"})
    assert wrong.status_code == 200 and "id_henkilotunnus-errors" in wrong.content.decode()
    pending.refresh_from_db()
    assert pending.awaits_confirmation
    # her own confirms it
    done = http.post(url, {"henkilotunnus": story.case.client.henkilotunnus.lower()})
    assert done.status_code == 302
    pending.refresh_from_db()
    assert not pending.awaits_confirmation and pending.signature_method == "two_factor"
    assert EventLogEntry.objects.filter(event="consent_confirm", actor_kind="client").exists()
    assert "henkilotunnus" not in str(list(AccessLogEntry.objects.values_list("what", flat=True)))
    # and a confirmed one cannot be confirmed again
    assert http.get(url).status_code == 404
    assert policy  # (imported for the reader below)


def _reader():
    from tukiverkko.consent.policy import Reader as PolicyReader
    from tukiverkko.portal.tests.story import kela

    return PolicyReader(organisation_id=kela().pk, unit_id=None, register=None)


def test_declining_a_prepared_consent_tells_nobody():
    story = maija()
    actions.revoke_own_consent(
        consent=story.pending, by=ClientActor(client_id=story.case.client_id)
    )
    story.pending.refresh_from_db()
    assert story.pending.revoked_at is not None
    assert not story.pending.notices.exists() and not Task.objects.exists()


def test_the_worker_prepares_a_consent_for_her_to_confirm_on_the_consent_page():
    story = maija()
    http = HttpClient()
    http.force_login(story.nurse)
    kela_org = story.pending.organisations.get()
    answer = http.post(
        reverse("consent:create", args=[story.case.client_id]),
        {
            "organisations": [kela_org.pk],
            "categories": ["employment"],
            "purposes": ["information_exchange"],
            "form": "portal",
            "signature_method": "",
            "evidence_reference": "",
            "valid_from": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    prepared = story.case.client.consents.order_by("-pk").first()
    assert prepared.awaits_confirmation and prepared.categories == ["employment"]
    page = http.get(reverse("cases:detail", args=[story.case.client_id])).content.decode()
    assert "odottaa asiakkaan vahvistusta" in page


def test_after_a_suomi_fi_login_the_login_itself_confirms_a_prepared_consent():
    story = maija()
    http = logged_in(story)
    session = http.session
    session["portal_strong"] = True  # as portal.oidc's login leaves it
    session.save()
    url = reverse("portal:confirm", args=[story.pending.pk])
    assert "henkilotunnus" not in http.get(url).content.decode()
    answer = http.post(url, {})
    assert answer.status_code == 302
    story.pending.refresh_from_db()
    assert story.pending.signature_method == "strong_identification"
