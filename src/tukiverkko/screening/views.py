"""Screening pages: fill in and score an instrument (htmx live score + plain POST), checklists.

Thin views over the pure instrument functions. Nothing is stored and no answer is logged: the
answers live only in the request that scores them — and a scored answer is never cached by a
browser or a proxy (``no-store``, review L8).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tukiverkko.core.htmx import is_htmx
from tukiverkko.screening.instruments import (
    INSTRUMENTS,
    AnswerError,
    Instrument,
    Problem,
    answers_from_form,
)
from tukiverkko.screening.instruments import risk_factors as risk_factor_list
from tukiverkko.screening.instruments import triggers as trigger_list
from tukiverkko.screening.instruments.base import InstrumentResult, has_lang, pick
from tukiverkko.screening.messages import (
    DESCRIPTIONS,
    FLAGS,
    NAMES,
    SEXES,
    item_refs,
    problem_text,
)


@dataclass
class Question:
    id: str
    number: str
    text: str
    finnish_only: bool
    group: str
    options: list[dict[str, Any]]
    error: str = ""


def index(request: HttpRequest) -> HttpResponse:
    instruments = [
        {"id": i.id, "name": NAMES[i.id], "description": DESCRIPTIONS[i.id]}
        for i in INSTRUMENTS.values()
    ]
    return render(request, "screening/index.html", {"instruments": instruments})


@never_cache
@require_http_methods(["GET", "POST"])
def instrument_page(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = INSTRUMENTS.get(instrument_id)
    if instrument is None:
        raise Http404(instrument_id)
    answers: dict[str, object] = {}
    result: InstrumentResult | None = None
    problems: list[Problem] = []
    if request.method == "POST":
        answers = answers_from_form(instrument, request.POST)
        try:
            result = instrument.score(answers)
        except AnswerError as exc:
            problems = exc.problems
    context = page_context(instrument, answers, result, problems, live=is_htmx(request))
    if is_htmx(request):
        return render(request, "screening/_result.html", context)
    return render(request, "screening/instrument.html", context)


def page_context(
    instrument: Instrument,
    answers: Mapping[str, object],
    result: InstrumentResult | None,
    problems: list[Problem],
    *,
    live: bool,
) -> dict[str, Any]:
    lang = get_language() or "fi"
    errors = {p.item: problem_text(instrument, p) for p in problems}
    # While filling in (htmx), unanswered items are progress, not errors.
    only_missing = all(p.code == "missing" for p in problems)
    show_errors = bool(problems) and not (live and only_missing)
    refs = item_refs(instrument)
    questions = []
    for item in instrument.items:
        questions.append(
            Question(
                id=item.id,
                number=refs[item.id],
                text=item.label(lang),
                finnish_only=not has_lang(item.text, lang),
                group=pick(item.group, lang) if item.group else "",
                options=[
                    {
                        "value": o.value,
                        "label": o.text(lang),
                        "checked": answers.get(item.id) == o.value,
                    }
                    for o in item.options
                ],
                error=errors.get(item.id, "") if show_errors else "",
            )
        )
    answered = sum(1 for item in instrument.items if item.id in answers)
    return {
        "instrument": instrument,
        "name": NAMES[instrument.id],
        "description": DESCRIPTIONS[instrument.id],
        "instructions": pick(instrument.instructions, lang) if instrument.instructions else "",
        "finnish_only": lang not in instrument.item_languages,
        "questions": questions,
        "sex_options": [
            {"value": v, "label": SEXES[v], "checked": answers.get("sex") == v}
            for v in instrument.extras.get("sex", ())
        ],
        "result": result,
        "flags": [{"slug": f, "text": FLAGS[f]} for f in (result.flags if result else ())],
        "item9_positive": bool(result and "phq9_item9_positive" in result.flags),
        "errors": [errors[k] for k in errors] if show_errors else [],
        "error_links": [{"item": k, "text": v} for k, v in errors.items()] if show_errors else [],
        "answered": answered,
        "total_items": len(instrument.items),
        "bands": instrument.bands,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def triggers(request: HttpRequest) -> HttpResponse:
    groups = trigger_list.GROUPS
    selected = _selected(request, groups)
    chosen_triggers = [i for i in trigger_list.TRIGGERS if i.slug in selected]
    context = {
        "title": _("Työkyvyn tuen tarpeen herätteet"),
        "intro": _(
            "Yksikin heräte on syy ottaa työkyky puheeksi ja pyytää asiakasta arvioimaan "
            "työkykynsä asteikolla 0–10."
        ),
        "groups": groups,
        "selected": selected,
        "submitted": request.method == "POST",
        "summary": (
            _("Herätteitä valittu: %(count)s. Ota työkyky puheeksi ja käytä työkykypistemäärää.")
            % {"count": len(chosen_triggers)}
            if chosen_triggers
            else _("Herätteitä ei valittu.")
        ),
        "source": trigger_list.SOURCE,
        "link_was": bool(chosen_triggers),
    }
    return render(request, "screening/checklist.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def risk_factors(request: HttpRequest) -> HttpResponse:
    groups = risk_factor_list.GROUPS
    selected = _selected(request, groups)
    context = {
        "title": _("Työkyvyttömyyden riskitekijät"),
        "intro": _(
            "Tarkistuslista ammattilaiselle: tekijät kertovat, mihin kiinnittää huomiota. "
            "Niitä ei lasketa yhteen pisteiksi."
        ),
        "groups": groups,
        "selected": selected,
        "submitted": request.method == "POST",
        "summary": _("Riskitekijöitä valittu: %(count)s.") % {"count": len(selected)},
        "source": risk_factor_list.SOURCE,
        "link_was": False,
    }
    return render(request, "screening/checklist.html", context)


def _selected(request: HttpRequest, groups: tuple[trigger_list.ChecklistGroup, ...]) -> set[str]:
    if request.method != "POST":
        return set()
    known = {item.slug for group in groups for item in group.items}
    # Unknown values cannot come from the form; they are ignored, never echoed.
    return {slug for slug in request.POST.getlist("item") if slug in known}
