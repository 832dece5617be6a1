"""What a plan, its goals, actions and other plans must hold before an action saves them. Each
check returns the Finnish errors per field (``{field: [message]}``), the form's names: a goal's
or an action's field is ``goals-<n>-<field>``, as the page's formset names its input."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.models import Organisation, User
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.consent.models import RequestChannel
from tukiverkko.core import limits
from tukiverkko.plans.enums import (
    ActionStatus,
    ExternalPlanKind,
    GoalStatus,
    PlanningMode,
    Responsible,
)

Errors = dict[str, list[str]]

# "At least twice a year" (seed 002 via PATH.md §1): the next review is at most six months on.
REVIEW_MONTHS = 6


@dataclass(frozen=True)
class PlanFields:
    client_goal: str = ""
    mode: str = PlanningMode.DIVISION_OF_WORK
    mediated_consent_on: dt.date | None = None
    mediated_consent_channel: str = ""
    companion_user: User | None = None
    companion_name: str = ""
    next_review_on: dt.date | None = None


@dataclass(frozen=True)
class GoalData:
    text: str
    indicator: str = ""
    target_on: dt.date | None = None
    status: str = GoalStatus.IN_PROGRESS
    visible_to_client: bool = True
    id: int | None = None


@dataclass(frozen=True)
class ActionData:
    text: str
    responsible: str = Responsible.CLIENT
    responsible_user: User | None = None
    responsible_organisation: Organisation | None = None
    service_type: ServiceType | None = None
    service: Service | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    status: str = ActionStatus.PLANNED
    visible_to_client: bool = True
    id: int | None = None


@dataclass(frozen=True)
class ExternalPlanData:
    kind: str
    owner_organisation: Organisation | None = None
    owner_name: str = ""
    dated_on: dt.date | None = None
    id: int | None = None


@dataclass
class Collected:
    errors: Errors = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def texts(self, prefix: str, fields: dict[str, tuple[str, int]]) -> None:
        for name, messages in limits.check_texts(fields).items():
            for message in messages:
                self.add(prefix + name, message)


def months_ahead(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def latest_review_day(today: dt.date | None = None) -> dt.date:
    return months_ahead(today or timezone.localdate(), REVIEW_MONTHS)


def strictest_review_rule(service_types: Iterable[ServiceType | None]) -> ServiceType | None:
    """The service type among the plan's actions whose own review rule is shorter than the
    plan's six months (the shortest of them), if any (catalogue ``plan_review_months``)."""
    ruled = [
        t
        for t in service_types
        if t is not None and t.plan_review_months and t.plan_review_months < REVIEW_MONTHS
    ]
    return min(ruled, key=lambda t: t.plan_review_months or REVIEW_MONTHS, default=None)


def review_date_errors(
    day: dt.date | None, out: Collected, *, rule: ServiceType | None = None
) -> None:
    if day is None:
        return
    today = timezone.localdate()
    latest = latest_review_day(today)
    if rule is not None and rule.plan_review_months:
        latest = months_ahead(today, rule.plan_review_months)
    if day < today:
        out.add("next_review_on", _("Seuraavan arvioinnin päivä ei voi olla menneisyydessä."))
    elif day > latest and rule is not None:
        out.add(
            "next_review_on",
            _(
                "Suunnitelmassa on %(service)s, jonka oma sääntö on arvioida suunnitelma "
                "%(months)s kuukauden välein: seuraava arviointi on viimeistään %(latest)s."
            )
            % {
                "service": rule.name_fi,
                "months": rule.plan_review_months,
                "latest": f"{latest:%-d.%-m.%Y}",
            },
        )
    elif day > latest:
        out.add(
            "next_review_on",
            _(
                "Suunnitelma arvioidaan vähintään kaksi kertaa vuodessa: seuraava arviointi "
                "on viimeistään %(latest)s."
            )
            % {"latest": f"{latest:%-d.%-m.%Y}"},
        )


def plan_errors(
    fields: PlanFields, out: Collected, *, in_path: bool, rule: ServiceType | None = None
) -> None:
    out.texts(
        "",
        {
            "client_goal": (fields.client_goal, limits.REASON),
            "companion_name": (fields.companion_name, limits.NAME),
        },
    )
    if fields.mode not in PlanningMode.values:
        out.add("mode", _("Valitse suunnittelutapa."))
    elif fields.mode == PlanningMode.MEDIATED:
        # "Tähän pitää aina olla asiakkaan lupa" (seed 002).
        if fields.mediated_consent_on is None or not fields.mediated_consent_channel:
            out.add(
                "mediated_consent_on",
                _(
                    "Välittynyt suunnittelu ilman asiakasta vaatii aina asiakkaan luvan: "
                    "kirjaa, milloin ja miten asiakas antoi luvan."
                ),
            )
        elif fields.mediated_consent_on > timezone.localdate():
            out.add("mediated_consent_on", _("Luvan päivä ei voi olla tulevaisuudessa."))
        if fields.mediated_consent_channel not in {"", *RequestChannel.values}:
            out.add("mediated_consent_channel", _("Valitse, miten asiakas antoi luvan."))
    if fields.companion_user is not None and fields.companion_name:
        out.add(
            "companion_name",
            _("Anna rinnallakulkija joko käyttäjänä tai nimenä, ei molempia."),
        )
    elif fields.companion_user is not None and not in_path:
        out.add(
            "companion_user",
            _(
                "Rinnallakulkijaksi voi valita asiakkaan verkoston tai asiakkuuden omistavan "
                "organisaation ammattilaisen; muun henkilön nimen voi kirjoittaa."
            ),
        )
    review_date_errors(fields.next_review_on, out, rule=rule)


def goal_errors(n: int, goal: GoalData, out: Collected) -> None:
    prefix = f"goals-{n}-"
    if not goal.text.strip():
        out.add(prefix + "text", _("Kirjoita tavoite."))
    out.texts(
        prefix, {"text": (goal.text, limits.REASON), "indicator": (goal.indicator, limits.REASON)}
    )
    if goal.status not in GoalStatus.values:
        out.add(prefix + "status", _("Tuntematon tila."))


def action_errors(n: int, action: ActionData, out: Collected, *, in_path: bool) -> None:
    prefix = f"actions-{n}-"
    if not action.text.strip():
        out.add(prefix + "text", _("Kirjoita toimenpide."))
    out.texts(prefix, {"text": (action.text, limits.REASON)})
    if action.status not in ActionStatus.values:
        out.add(prefix + "status", _("Tuntematon tila."))
    if action.service_type is not None and action.service is not None:
        out.add(
            prefix + "service",
            _("Valitse joko palvelun yleiskuvaus tai paikallinen palvelu, ei molempia."),
        )
    if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
        out.add(prefix + "ends_on", _("Päättymispäivä ei voi olla ennen alkamispäivää."))
    _responsible_errors(prefix, action, out, in_path=in_path)


def _responsible_errors(prefix: str, action: ActionData, out: Collected, *, in_path: bool) -> None:
    """Exactly one answers for an action: the client, a named professional or an organisation."""
    user, org = action.responsible_user, action.responsible_organisation
    if action.responsible == Responsible.CLIENT:
        if user is not None or org is not None:
            out.add(
                prefix + "responsible",
                _("Kun vastuu on asiakkaalla, älä valitse ammattilaista tai organisaatiota."),
            )
    elif action.responsible == Responsible.PROFESSIONAL:
        if user is None:
            out.add(prefix + "responsible_user", _("Valitse vastuussa oleva ammattilainen."))
        elif org is not None:
            out.add(
                prefix + "responsible_organisation",
                _("Vastuussa on joko ammattilainen tai organisaatio, ei molemmat."),
            )
        elif not in_path:
            out.add(
                prefix + "responsible_user",
                _(
                    "Vastuuseen voi nimetä asiakkaan verkoston tai asiakkuuden omistavan "
                    "organisaation ammattilaisen; muun toimijan voi nimetä organisaationa."
                ),
            )
    elif action.responsible == Responsible.ORGANISATION:
        if org is None:
            out.add(prefix + "responsible_organisation", _("Valitse vastuussa oleva organisaatio."))
        elif user is not None:
            out.add(
                prefix + "responsible_user",
                _("Vastuussa on joko ammattilainen tai organisaatio, ei molemmat."),
            )
    else:
        out.add(prefix + "responsible", _("Valitse, kuka vastaa toimenpiteestä."))


def external_errors(n: int, row: ExternalPlanData, out: Collected) -> None:
    prefix = f"external_plans-{n}-"
    if row.kind not in ExternalPlanKind.values:
        out.add(prefix + "kind", _("Valitse suunnitelman laji."))
    out.texts(prefix, {"owner_name": (row.owner_name, limits.NAME)})
    if row.owner_organisation is None and not row.owner_name.strip():
        out.add(
            prefix + "owner_name",
            _("Kerro, kenen suunnitelma se on: organisaatio tai laatijan nimi."),
        )
    if row.dated_on is not None and row.dated_on > timezone.localdate():
        out.add(prefix + "dated_on", _("Suunnitelman päivä ei voi olla tulevaisuudessa."))


# -- a plan's stored rows as the data a save takes ------------------------------------------
# (The edit form keeps the rows its editor may not read as they are, and an action that adds to
# the plan keeps every row: both pass them back to save_plan as data.)


def fields_of(plan: Any) -> PlanFields:
    return PlanFields(
        client_goal=plan.client_goal,
        mode=plan.mode,
        mediated_consent_on=plan.mediated_consent_on,
        mediated_consent_channel=plan.mediated_consent_channel,
        companion_user=plan.companion_user,
        companion_name=plan.companion_name,
        next_review_on=plan.next_review_on,
    )


D = TypeVar("D", GoalData, ActionData, ExternalPlanData)


def _row_data(cls: type[D], row: Any) -> D:
    """A stored row as the data class a save takes: each field from the row's attribute of
    that name (``id`` from its primary key)."""
    return cls(**{f.name: row.pk if f.name == "id" else getattr(row, f.name) for f in fields(cls)})


def goal_data(g: Any) -> GoalData:
    return _row_data(GoalData, g)


def action_data(a: Any) -> ActionData:
    return _row_data(ActionData, a)


def external_data(e: Any) -> ExternalPlanData:
    return _row_data(ExternalPlanData, e)
