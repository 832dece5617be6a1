"""Follow-up pages (/tehtavat/): my tasks, and marking one done with a note. Thin: authorise
through access.selectors, call the action or the selector, render; never cached."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tukiverkko.access import lists
from tukiverkko.access import selectors as access
from tukiverkko.accounts.decorators import client_data, professional_of
from tukiverkko.core.forms import first_errors
from tukiverkko.followup import actions
from tukiverkko.followup.forms import DoneForm
from tukiverkko.followup.selectors import title_of


def _page_number(request: HttpRequest) -> int:
    text = request.GET.get("sivu", "1")
    return int(text) if text.isdigit() and len(text) < 7 else 1


@client_data
def my_tasks(request: HttpRequest) -> HttpResponse:
    user = professional_of(request)
    page = lists.tasks_for(user, page=_page_number(request), what="tasks")
    rows = [{"task": t, "title": title_of(t)} for t in page.tasks]
    counts = lists.open_task_counts(user)
    return render(request, "followup/my_tasks.html", {"page": page, "rows": rows, "counts": counts})


@client_data
@require_http_methods(["GET", "POST"])
def mark_done(request: HttpRequest, task_id: int) -> HttpResponse:
    user = professional_of(request)
    task = lists.get_task_for_change(user, task_id, what="task_done")
    form = DoneForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.mark_done(task=task, by=user, note=form.cleaned_data["note"])
            except ValidationError as exc:
                errors = [str(m) for m in exc.messages]
            else:
                messages.success(request, _("Tehtävä merkitty tehdyksi."))
                return redirect("followup:mine")
        else:
            errors = [m for msgs in first_errors(form).values() for m in msgs]
    if task.client_id is not None:
        access.record_read(user, task.client_id, what="task_done")
    status = 400 if request.method == "POST" else 200
    ctx = {"task": task, "title": title_of(task), "form": form, "errors": errors}
    return render(request, "followup/mark_done.html", ctx, status=status)
