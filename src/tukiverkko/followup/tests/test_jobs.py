"""The reminder job: opens, updates, closes; idempotent; the mark's rule; the lock; the mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.models import Case
from tukiverkko.core import due as core_due
from tukiverkko.core.due import Due
from tukiverkko.followup import actions, jobs
from tukiverkko.followup.models import ClosedHow, ReminderRun, Status, Task
from tukiverkko.followup.tests.factories import a_planned_case, a_worker, days, open_tasks
from tukiverkko.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_due_thing_becomes_one_open_task_and_a_second_run_changes_nothing():
    worker = a_worker()
    case, plan = a_planned_case(worker, review_in=10)
    # when the job runs twice
    first = jobs.run_reminders()
    tasks = [(t.pk, t.kind, t.key, t.owner_id, t.due, t.url) for t in open_tasks()]
    second = jobs.run_reminders()
    # then one task, the same after the second run
    assert tasks == [
        (
            tasks[0][0],
            "plan_review",
            f"plan:{plan.pk}",
            worker.pk,
            days(10),
            f"/asiakkaat/asiakkuus/{case.pk}/suunnitelma/",
        )
    ]
    assert [(t.pk, t.kind, t.key, t.owner_id, t.due, t.url) for t in open_tasks()] == tasks
    assert (first.opened, first.updated, first.closed) == (1, 0, 0)
    assert (second.opened, second.updated, second.closed, second.mails) == (0, 0, 0, 0)
    assert first.ok and second.ok and first.finished_at and second.finished_at
    task = open_tasks()[0]
    assert task.client_id == case.client_id and task.title == "Suunnitelman arviointi erääntyy"


def test_doing_the_thing_closes_the_task_as_resolved():
    worker = a_worker()
    _case, plan = a_planned_case(worker, review_in=10)
    jobs.run_reminders()
    # the review done: the next one half a year on
    Plan.objects.filter(pk=plan.pk).update(next_review_on=days(180))
    run = jobs.run_reminders()
    task = Task.objects.get()
    assert run.closed == 1
    assert (task.status, task.closed_how) == (Status.DONE, ClosedHow.RESOLVED)
    assert task.closed_at is not None
    # when it comes due again, it is a new task
    jobs.run_reminders(days(170))
    reviews = Task.objects.filter(kind="plan_review")
    assert reviews.count() == 2 and reviews.get(status="open").due == days(180)


def test_a_new_owner_or_due_date_updates_the_open_task_and_tells_the_new_owner():
    worker, colleague = a_worker(), a_worker()
    case, plan = a_planned_case(worker, review_in=10)
    jobs.run_reminders()
    mail.outbox.clear()
    Case.objects.filter(pk=case.pk).update(responsible_worker=colleague)
    Plan.objects.filter(pk=plan.pk).update(next_review_on=days(12))
    run = jobs.run_reminders()
    (task,) = open_tasks()
    assert (run.opened, run.updated) == (0, 1)
    assert (task.owner_id, task.due) == (colleague.pk, days(12))
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_a_date_change_alone_sends_no_mail():
    worker = a_worker()
    _case, plan = a_planned_case(worker, review_in=10)
    jobs.run_reminders()
    mail.outbox.clear()
    Plan.objects.filter(pk=plan.pk).update(next_review_on=days(11))
    assert jobs.run_reminders().updated == 1
    assert mail.outbox == []


def _marked(task, by, note="Arviointi sovittu puhelimessa."):
    return actions.mark_done(task=task, by=by, note=note)


def test_a_mark_holds_while_the_thing_is_still_due_with_the_same_date():
    worker = a_worker()
    _case, plan = a_planned_case(worker, review_in=-3)  # already overdue
    jobs.run_reminders()
    (task,) = open_tasks()
    _marked(task, worker)
    run = jobs.run_reminders()
    assert (run.opened, run.reopened) == (0, 0)
    assert open_tasks() == []
    # a new date is a new occurrence: a new task
    Plan.objects.filter(pk=plan.pk).update(next_review_on=days(5))
    assert jobs.run_reminders().opened == 1


def test_a_mark_before_the_due_date_reopens_once_when_still_due_after_it():
    worker = a_worker()
    _case, _plan = a_planned_case(worker, review_in=10)
    jobs.run_reminders()
    (task,) = open_tasks()
    _marked(task, worker)
    # before and on the date the mark holds
    assert jobs.run_reminders(days(10)).reopened == 0
    mail.outbox.clear()
    # after it, still not reviewed: it reopens, and the owner hears of it
    run = jobs.run_reminders(days(11))
    (again,) = open_tasks()
    assert (run.reopened, again.pk, again.closed_how) == (1, task.pk, "")
    assert again.reopened_at is not None and again.note
    assert len(mail.outbox) == 1
    # marked again, it holds
    _marked(again, worker)
    assert jobs.run_reminders(days(20)).reopened == 0
    assert open_tasks() == []


def test_a_source_that_fails_leaves_its_tasks_open_and_the_others_run(monkeypatch):
    worker = a_worker()
    _a_planned_case = a_planned_case(worker, review_in=10)
    jobs.run_reminders()

    def broken(today):
        raise RuntimeError("tietokanta katkesi")

    real = core_due.sources()
    paths = [(p, broken if p.endswith("plan_reviews") else f) for p, f in real]
    monkeypatch.setattr(jobs, "sources", lambda: paths)
    run = jobs.run_reminders()
    assert run.failed_sources == ["tukiverkko.plans.due.plan_reviews"]
    assert not run.ok and run.closed == 0
    assert len(open_tasks()) == 1


def test_a_source_no_longer_declared_has_its_tasks_closed(monkeypatch):
    worker = a_worker()
    a_planned_case(worker, review_in=10)
    jobs.run_reminders()
    monkeypatch.setattr(jobs, "sources", lambda: [])
    assert jobs.run_reminders().closed == 1


def test_a_thing_two_sources_give_is_one_task(monkeypatch):
    worker = a_worker()
    due = Due("x", "y:1", worker.pk, days(1), "Tee se", "/tehtavat/")
    monkeypatch.setattr(
        jobs, "sources", lambda: [("a.one", lambda day: [due]), ("a.two", lambda day: [due])]
    )
    assert jobs.run_reminders().opened == 1
    assert Task.objects.get().source == "a.one"


def test_one_mail_per_owner_per_run_saying_only_that_there_is_a_task():
    worker = a_worker()
    silent = a_worker()
    silent.email = ""
    silent.save()
    for _ in range(3):
        a_planned_case(worker, review_in=5, first="Salli", last="Salainen")
    a_planned_case(silent, review_in=5)
    jobs.run_reminders()
    (message,) = mail.outbox
    assert message.to == [worker.email]
    assert message.subject == "Tukiverkko: uusi tehtävä"
    assert "Sinulla on uusi tehtävä Tukiverkossa." in message.body
    assert "http://127.0.0.1:8000/tehtavat/" in message.body
    # nothing of the client: no name, no henkilötunnus, no birth date, no health word
    client = Case.objects.filter(responsible_worker=worker).first().client
    for secret in (
        client.first_name,
        client.last_name,
        client.henkilotunnus,
        client.henkilotunnus[:6],
        "suunnitelma",
        "terve",
    ):
        assert secret.lower() not in (message.subject + message.body).lower()


def test_a_mail_server_that_fails_does_not_stop_the_run(settings):
    settings.EMAIL_BACKEND = "tukiverkko.followup.tests.test_jobs.BrokenBackend"
    worker = a_worker()
    a_planned_case(worker, review_in=5)
    run = jobs.run_reminders()
    assert (run.opened, run.mails, run.ok) == (1, 0, True)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        raise ConnectionRefusedError("smtp")

    def __exit__(self, *exc):
        return False


def test_a_run_under_way_holds_the_lock_and_a_stale_one_is_taken_over():
    worker = a_worker()
    a_planned_case(worker, review_in=5)
    held = ReminderRun.objects.create(day=days(0))
    # when a second run starts meanwhile / then it does nothing
    assert jobs.run_reminders() is None
    assert Task.objects.count() == 0
    # a run left unfinished for more than two hours is taken over
    ReminderRun.objects.filter(pk=held.pk).update(started_at=timezone.now() - dt.timedelta(hours=3))
    run = jobs.run_reminders()
    assert run is not None and run.opened == 1
    held.refresh_from_db()
    assert held.finished_at is not None and "taken over" in held.error


def test_each_run_is_one_audit_event_of_the_system_and_no_event_per_task():
    worker = a_worker()
    for _ in range(3):
        a_planned_case(worker, review_in=5)
    before = EventLogEntry.objects.count()
    run = jobs.run_reminders()
    (event,) = EventLogEntry.objects.order_by("-id")[: EventLogEntry.objects.count() - before]
    assert (event.event, event.actor_kind, event.client_id) == ("reminders_run", "system", None)
    assert event.username == "system:followup.reminders" and event.ref == f"run:{run.pk}"


def test_an_error_in_writing_is_logged_in_the_run_and_raised(monkeypatch):
    a_planned_case(a_worker(), review_in=5)

    def boom(work):
        raise RuntimeError("levy täynnä")

    monkeypatch.setattr(jobs, "write", boom)
    with pytest.raises(RuntimeError):
        jobs.run_reminders()
    run = ReminderRun.objects.get()
    assert run.finished_at is not None and not run.ok and "levy täynnä" in run.error
    # the lock is free again
    monkeypatch.undo()
    assert jobs.run_reminders().opened == 1


def test_a_handed_over_caseload_moves_the_tasks_to_the_new_worker():
    worker, receiver = a_worker(), a_worker()
    case, _plan = a_planned_case(worker, review_in=5)
    jobs.run_reminders()
    req = case_actions.request_handover(case=case, to_worker=receiver, by=worker, reason="Loma")
    case_actions.accept_handover(request=req, by=receiver)
    jobs.run_reminders()
    assert [t.owner_id for t in open_tasks()] == [receiver.pk]
