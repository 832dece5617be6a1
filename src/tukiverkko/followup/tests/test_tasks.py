"""The job as a django-tasks task, its schedule (06:00 Helsinki, queued by the worker and by each
run), and the command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tukiverkko.followup import tasks
from tukiverkko.followup.models import ReminderRun
from tukiverkko.followup.tests.factories import a_planned_case, a_worker, open_tasks

HKI = ZoneInfo("Europe/Helsinki")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2027, 1, 10, 5, 59, tzinfo=HKI), dt.datetime(2027, 1, 10, 6, 0, tzinfo=HKI)),
        (dt.datetime(2027, 1, 10, 6, 0, tzinfo=HKI), dt.datetime(2027, 1, 11, 6, 0, tzinfo=HKI)),
        # the night summer time starts (28.3.2027): 06:00 is 03:00 UTC
        (dt.datetime(2027, 3, 27, 22, 0, tzinfo=HKI), dt.datetime(2027, 3, 28, 6, 0, tzinfo=HKI)),
    ],
)
def test_the_next_run_is_the_next_06_00_in_helsinki(now, expected):
    got = tasks.next_run(now.astimezone(dt.UTC))
    assert got == expected and got.tzinfo is not None
    assert got.astimezone(dt.UTC).hour == (3 if expected.month == 3 else 4)


@pytest.mark.django_db
def test_in_the_tests_the_task_runs_at_once_and_nothing_is_scheduled():
    a_planned_case(a_worker(), review_in=3)
    result = tasks.run_reminders.enqueue()
    assert result.return_value["opened"] == 1
    assert tasks.ensure_scheduled() is None
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_the_worker_queues_one_run_for_06_00_and_each_run_queues_the_next(settings):
    settings.TASKS = DB_TASKS
    now = dt.datetime(2027, 1, 10, 12, 0, tzinfo=HKI)
    # when the worker starts (twice) / then one run is queued, for tomorrow 06:00
    assert tasks.ensure_scheduled(now) == dt.datetime(2027, 1, 11, 6, 0, tzinfo=HKI)
    assert tasks.ensure_scheduled(now) is None
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "tukiverkko.followup.tasks.run_reminders"
    assert queued.status == TaskResultStatus.READY
    assert queued.run_after == dt.datetime(2027, 1, 11, 6, 0, tzinfo=HKI)
    # when the worker takes it and it runs / then the next one is queued
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    a_planned_case(a_worker(), review_in=3)
    out = tasks.run_reminders.call()
    assert out["opened"] == 1 and len(open_tasks()) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db
def test_a_run_that_finds_the_lock_says_so_and_still_queues_the_next(settings):
    settings.TASKS = DB_TASKS
    ReminderRun.objects.create(day=dt.date(2027, 1, 1))
    assert tasks.run_reminders.call() == {"skipped": "another run is under way"}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db
def test_the_command_runs_the_job_and_prints_its_counts():
    worker = a_worker()
    a_planned_case(worker, review_in=20)
    out = StringIO()
    call_command("reminders", "--day", "1.1.2027", stdout=out)
    assert "for 1.1.2027:" in out.getvalue() and " opened," in out.getvalue()
    out = StringIO()
    call_command("reminders", stdout=out)
    assert " 0 opened, " in out.getvalue()  # the review is 20 days on: nothing due today
    with pytest.raises(CommandError, match="not a date"):
        call_command("reminders", "--day", "huomenna")


@pytest.mark.django_db
def test_the_command_says_when_another_run_holds_the_lock_and_names_failed_sources(monkeypatch):
    ReminderRun.objects.create(day=dt.date(2027, 1, 1))
    out = StringIO()
    call_command("reminders", stdout=out)
    assert "under way" in out.getvalue()
    ReminderRun.objects.all().delete()

    def broken(day):
        raise RuntimeError("x")

    from tukiverkko.followup import jobs

    monkeypatch.setattr(jobs, "sources", lambda: [("a.broken", broken)])
    err = StringIO()
    call_command("reminders", stdout=StringIO(), stderr=err)
    assert "Source failed (its tasks left as they were): a.broken" in err.getvalue()
