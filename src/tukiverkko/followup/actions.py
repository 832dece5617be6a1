"""A professional's change of a task: marking it done with a note (the job's own changes are
``followup.jobs``). Validates first, changes in one transaction, writes one audit event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.core import limits
from tukiverkko.followup.models import ClosedHow, Status, Task


@transaction.atomic
def mark_done(*, task: Task, by: Professional, note: str) -> Task:
    """The owner ticks the task with a note on how it was handled. A thing still due reopens it
    only when it was ticked before its due date and is still due after it (followup.jobs)."""
    locked = Task.objects.select_for_update().get(pk=task.pk)
    if locked.owner_id != by.pk:
        raise ValidationError(_("Vain tehtävän saaja voi merkitä sen tehdyksi."), code="not_owner")
    if locked.status != Status.OPEN:
        raise ValidationError(_("Tehtävä on jo tehty."), code="not_open")
    errors = limits.check_texts({"note": (note, limits.REASON)})
    if not note.strip():
        errors.setdefault("note", []).append(
            _("Huomio: kerro lyhyesti, miten asia hoidettiin tai miksi sitä ei tarvita.")
        )
    if errors:
        raise ValidationError(errors)
    locked.status, locked.closed_how = Status.DONE, ClosedHow.MARKED
    locked.closed_at, locked.closed_by, locked.note = timezone.now(), by, note.strip()
    locked.save(update_fields=["status", "closed_how", "closed_at", "closed_by", "note"])
    record_event(by, locked.client_id, EventType.TASK_DONE, locked.pk)
    return locked
