"""/tehtavat/ and /api/v1/tasks/: mine only, overdue first, only clients I still see; marking
one done with a note."""

from __future__ import annotations

import json

import pytest
from django.test import Client as HttpClient

from tukiverkko.access import lists
from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry, EventLogEntry
from tukiverkko.cases.models import Case
from tukiverkko.cases.tests.factories import an_organisation
from tukiverkko.followup import jobs
from tukiverkko.followup.models import ClosedHow, Status, Task
from tukiverkko.followup.tests.factories import a_planned_case, a_worker, open_tasks

pytestmark = pytest.mark.django_db


def http_of(user):
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.fixture
def two_tasks():
    """A worker with a review overdue (Olli) and one in ten days (Tuuli)."""
    worker = a_worker()
    later, _ = a_planned_case(worker, review_in=10, first="Tuuli", last="Myöhempi")
    overdue, _ = a_planned_case(worker, review_in=-2, first="Olli", last="Myöhässä")
    jobs.run_reminders()
    return worker, overdue, later


def test_my_tasks_lists_the_overdue_first_with_links_and_the_client(two_tasks):
    worker, overdue, later = two_tasks
    response = http_of(worker).get("/tehtavat/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert body.index("Olli") < body.index("Tuuli")
    assert f'href="/asiakkaat/asiakkuus/{overdue.pk}/suunnitelma/"' in body
    assert "Myöhässä</span>" in body
    assert "Sinulla on 2 avointa tehtävää, 1 myöhässä." in body
    assert "<caption" in body and 'scope="col"' in body
    # each client shown is logged
    logged = set(
        AccessLogEntry.objects.filter(what="tasks", allowed=True).values_list(
            "client_id", flat=True
        )
    )
    assert logged == {overdue.client_id, later.client_id}


def test_a_task_of_a_client_i_no_longer_see_is_not_shown(two_tasks):
    worker, overdue, _later = two_tasks
    other = a_worker()
    Case.objects.filter(pk=overdue.pk).update(responsible_worker=other)
    body = http_of(worker).get("/tehtavat/").content.decode()
    assert "Olli" not in body and "Tuuli" in body
    task = Task.objects.get(client=overdue.client)
    assert http_of(worker).get(f"/tehtavat/{task.pk}/tehty/").status_code == 404
    assert AccessLogEntry.objects.filter(what="task_done", allowed=False).exists()


def test_someone_elses_task_is_404_and_the_refusal_logged(two_tasks):
    _worker, overdue, _later = two_tasks
    task = Task.objects.get(client=overdue.client)
    stranger = a_worker()
    assert http_of(stranger).get(f"/tehtavat/{task.pk}/tehty/").status_code == 404
    assert http_of(stranger).get("/tehtavat/999999/tehty/").status_code == 404
    assert AccessLogEntry.objects.filter(what="task_done:task:999999", allowed=False).exists()
    assert "Olli" not in http_of(stranger).get("/tehtavat/").content.decode()


def test_marking_done_needs_a_note_then_closes_it_with_one_event(two_tasks):
    worker, overdue, _later = two_tasks
    task = Task.objects.get(client=overdue.client)
    http = http_of(worker)
    form = http.get(f"/tehtavat/{task.pk}/tehty/")
    assert form.status_code == 200 and '<label for="id_note">' in form.content.decode()
    refused = http.post(f"/tehtavat/{task.pk}/tehty/", {"note": "  "})
    assert refused.status_code == 400
    assert "Huomio: kerro lyhyesti" in refused.content.decode()
    assert Task.objects.get(pk=task.pk).status == Status.OPEN
    done = http.post(f"/tehtavat/{task.pk}/tehty/", {"note": "Arvioitu puhelimessa."})
    assert done.status_code == 302 and done["Location"] == "/tehtavat/"
    task.refresh_from_db()
    assert (task.status, task.closed_how, task.closed_by, task.note) == (
        Status.DONE,
        ClosedHow.MARKED,
        worker,
        "Arvioitu puhelimessa.",
    )
    assert EventLogEntry.objects.filter(
        event="task_done", ref=str(task.pk), client_id=overdue.client_id
    ).exists()
    # twice: refused with the reason (the task is no longer open, so not listed either)
    again = http.post(f"/tehtavat/{task.pk}/tehty/", {"note": "x"})
    assert again.status_code == 400 and "Tehtävä on jo tehty." in again.content.decode()


def test_the_pages_speak_swedish_and_english(two_tasks):
    worker, _overdue, _later = two_tasks
    assert "Mina uppgifter" in http_of(worker).get("/sv/tehtavat/").content.decode()
    assert "My tasks" in http_of(worker).get("/en/tehtavat/").content.decode()


def test_the_caseload_task_links_to_the_handover_with_the_departed_worker_offered():
    org = an_organisation("lahtijat")
    leaver = a_worker(org=org)
    coordinator = a_worker(org=org, role=Role.WORK_ABILITY_COORDINATOR)
    a_planned_case(leaver)
    leaver.is_active = False
    leaver.save()
    jobs.run_reminders()
    (task,) = open_tasks(kind="caseload_handover")
    assert task.owner == coordinator
    http = http_of(coordinator)
    listed = http.get("/tehtavat/").content.decode()
    assert f'href="/asiakkaat/siirra-asiakkuudet/?tyontekija={leaver.pk}"' in listed
    page = http.get(task.url).content.decode()
    assert f'<option value="{leaver.pk}" selected>' in page


# -- API --------------------------------------------------------------------------------------


def test_the_api_lists_my_tasks_and_marks_one_done(two_tasks):
    worker, overdue, _later = two_tasks
    http = http_of(worker)
    listed = http.get("/api/v1/tasks/").json()
    assert (listed["count"], listed["overdue"], listed["pages"]) == (2, 1, 1)
    first = listed["items"][0]
    assert (first["client_id"], first["overdue"], first["kind"]) == (
        overdue.client_id,
        True,
        "plan_review",
    )
    assert first["title"] == "Suunnitelman arviointi erääntyy"
    one = http.get(f"/api/v1/tasks/{first['id']}").json()
    assert one["url"] == f"/asiakkaat/asiakkuus/{overdue.pk}/suunnitelma/"
    missing = http.post(
        f"/api/v1/tasks/{first['id']}/done", json.dumps({"note": ""}), "application/json"
    )
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["field"] == "note"
    done = http.post(
        f"/api/v1/tasks/{first['id']}/done",
        json.dumps({"note": "Hoidettu."}),
        "application/json",
    )
    assert done.status_code == 200 and done.json()["closed_how"] == "marked"
    again = http.post(
        f"/api/v1/tasks/{first['id']}/done", json.dumps({"note": "x"}), "application/json"
    )
    assert again.status_code == 409
    assert http.get("/api/v1/tasks/").json()["count"] == 1


def test_the_api_answers_404_for_a_task_not_mine_and_401_for_no_login(two_tasks):
    _worker, overdue, _later = two_tasks
    task = Task.objects.get(client=overdue.client)
    assert http_of(a_worker()).get(f"/api/v1/tasks/{task.pk}").status_code == 404
    assert HttpClient().get("/api/v1/tasks/").status_code == 401


def test_a_role_without_client_work_sees_only_tasks_about_no_client(two_tasks):
    worker, _overdue, _later = two_tasks
    worker.role = Role.CATALOGUE_EDITOR
    worker.save()
    assert "Olli" not in http_of(worker).get("/tehtavat/").content.decode()


def test_the_action_refuses_anyone_but_the_owner_and_a_note_it_cannot_keep(two_tasks):
    from django.core.exceptions import ValidationError

    from tukiverkko.followup import actions

    worker, overdue, _later = two_tasks
    task = Task.objects.get(client=overdue.client)
    with pytest.raises(ValidationError) as refused:
        actions.mark_done(task=task, by=a_worker(), note="x")
    assert refused.value.code == "not_owner"
    with pytest.raises(ValidationError) as bad:
        actions.mark_done(task=task, by=worker, note="piilo\u202eteksti")
    assert "note" in bad.value.message_dict
    assert Task.objects.get(pk=task.pk).status == Status.OPEN


def test_a_page_number_that_is_not_one_shows_the_first_page(two_tasks):
    worker, _overdue, _later = two_tasks
    for value in ("abc", "99999999999", "3"):
        response = http_of(worker).get("/tehtavat/", {"sivu": value})
        assert response.status_code == 200 and "Olli" in response.content.decode()


def test_counts_and_lists_of_no_professional_are_empty():
    from django.contrib.auth.models import AnonymousUser

    from tukiverkko.followup.selectors import TaskCounts

    assert lists.open_task_counts(AnonymousUser()) == TaskCounts(0, 0)
    assert lists.tasks_for(AnonymousUser()).total == 0


def test_a_task_about_no_client_is_read_through_the_api_without_a_client_logged():
    org = an_organisation("lahtijat-api")
    leaver = a_worker(org=org)
    coordinator = a_worker(org=org, role=Role.WORK_ABILITY_COORDINATOR)
    a_planned_case(leaver)
    leaver.is_active = False
    leaver.save()
    jobs.run_reminders()
    (task,) = open_tasks(kind="caseload_handover")
    before = AccessLogEntry.objects.count()
    one = http_of(coordinator).get(f"/api/v1/tasks/{task.pk}").json()
    assert (one["client_id"], one["kind"]) == (None, "caseload_handover")
    assert AccessLogEntry.objects.count() == before


def test_an_owner_without_an_address_gets_no_mail():
    from django.core import mail

    worker = a_worker()
    worker.email = ""
    worker.save()
    a_planned_case(worker, review_in=3)
    assert jobs.run_reminders().mails == 0
    assert mail.outbox == []


def test_the_rows_name_themselves_without_personal_data(two_tasks):
    from tukiverkko.followup.models import ReminderRun

    task = Task.objects.first()
    assert str(task) == f"task {task.pk} plan_review:{task.key} (open)"
    run = ReminderRun(day=task.due)
    assert run.seconds is None and str(run) == f"reminder run None ({task.due})"


def test_the_caseload_task_is_marked_done_on_its_own_page():
    org = an_organisation("lahtijat-sivu")
    leaver = a_worker(org=org)
    coordinator = a_worker(org=org, role=Role.WORK_ABILITY_COORDINATOR)
    a_planned_case(leaver)
    leaver.is_active = False
    leaver.save()
    jobs.run_reminders()
    (task,) = open_tasks(kind="caseload_handover")
    page = http_of(coordinator).get(f"/tehtavat/{task.pk}/tehty/")
    assert page.status_code == 200 and "Työntekijä on lähtenyt" in page.content.decode()
