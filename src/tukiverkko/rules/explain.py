"""A Recommendation as readable Finnish text (``tukiverkko recommend --format text``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tukiverkko.rules import labels
from tukiverkko.rules.definitions import BY_SLUG
from tukiverkko.rules.engine import render
from tukiverkko.rules.parameters import default
from tukiverkko.rules.routes import VOCATIONAL_REHABILITATION

STEPS = {step.id: step.text for step in VOCATIONAL_REHABILITATION.steps}

MARK = {True: "✓ täyttyy", False: "✗ ei täyty", None: "? ei tiedetä"}


def as_text(recommendation: dict[str, Any]) -> str:
    day = dt.date.fromisoformat(recommendation["reference_date"])
    out = [f"Suositus {labels.fi_date(day)}", ""]
    wa = recommendation["work_ability"]
    needs = {True: "kyllä", False: "ei", None: "ei tiedetä"}[wa["needs_assessment"]]
    out.append(f"Työkyvyn tarkempi selvittäminen tarpeen: {needs}")
    out += [f"  - {reason}" for reason in wa.get("reasons", [])]
    out.append("")
    for service in recommendation["services"]:
        rule = BY_SLUG[service["service_type"]]
        out.append(f"{rule.name}: {labels.STATUS[service['status']]}")
        practice = service.get("practice")
        if practice and practice.get("scope") != "national":
            out.append(f"  Käytäntö: {practice['name']}")
        for criterion in service["criteria"]:
            out.append(f"  {MARK[criterion['met']]}: {criterion['text']} ({criterion['source']})")
        if service.get("missing"):
            names = ", ".join(labels.FIELDS[f] for f in service["missing"])
            out.append(f"  Puuttuu: {names}")
        if service.get("requires"):
            texts = {r.id: r.text for r in rule.all_requirements()}
            out.append("  Järjestettävä: " + ", ".join(texts[r] for r in service["requires"]))
    out.append("")
    voc = recommendation["routes"]["vocational_rehabilitation"]
    organiser = labels.OUTCOMES.get(voc["organiser"] or "", "ei tiedetä")
    out.append(f"Ammatillisen kuntoutuksen järjestäjä: {organiser}")
    answers = {"yes": "kyllä", "no": "ei", "unknown": "ei tiedetä"}
    for entry in voc.get("path", []):
        step, answer = entry.split(":")
        question = render(STEPS[step], day, default())
        out.append(f"  - {question} {answers[answer]}")
    for actor in voc.get("supplementary", []):
        out.append(f"  Lisäksi: {labels.OUTCOMES[actor]}")
    health = recommendation["routes"].get("health_care_route")
    out.append(f"Terveydenhuollon reitti: {labels.OUTCOMES.get(health or '', 'ei tiedetä')}")
    if recommendation["next_questions"]:
        out.append("")
        out.append("Kysy seuraavaksi:")
        out += [
            f"  {i}. {labels.FIELDS[f]}" for i, f in enumerate(recommendation["next_questions"], 1)
        ]
    return "\n".join(out) + "\n"
