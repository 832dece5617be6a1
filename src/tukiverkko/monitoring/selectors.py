"""The dashboard's indicators at the seeds' four levels (PATH.md §8.6; seed 002): work ability,
goals, actions, outcomes — and the path's times, turnarounds and feedback.

Who is counted: the *cohort* of cases identified (opened) in the period, within the filters
(decision 0352). Every table is grouped counts in the database (monitoring.tables.crosstab);
nothing here iterates over clients. The page and the CSV render the same ``dashboard``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Case as When_,
)
from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Least, RowNumber
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.cases.models import Case, Outcome
from tukiverkko.catalogue.models import NeedAreaSlug
from tukiverkko.monitoring.forms import Filters
from tukiverkko.monitoring.tables import Line, Table, crosstab
from tukiverkko.plans.enums import ActionStatus, Attainment
from tukiverkko.plans.models import GoalReview, PlanAction
from tukiverkko.portal.models import Feedback, FeedbackOn
from tukiverkko.referrals.models import Referral
from tukiverkko.teams.models import AgendaItem

DAY = dt.timedelta(days=1)


# A manager's figures need not be live to the second (decision 0354): the tables of a filter set
# are computed at most once in this many seconds by each server process (the default cache).
CACHE_SECONDS = 300


@dataclass
class Dashboard:
    filters: Filters
    tables: list[Table]
    computed_at: dt.datetime  # when the tables were counted (the page says how long ago)

    kept_minutes = CACHE_SECONDS // 60

    def age_minutes(self) -> int:
        return int((timezone.now() - self.computed_at).total_seconds() // 60)


def _period_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def cohort_q(filters: Filters, prefix: str = "") -> Q:
    """The filters as a condition on a case reached through ``prefix`` (e.g. ``"plan__case__"``)."""
    q = Q(
        **{
            f"{prefix}opened_at__gte": _period_start(filters.start),
            f"{prefix}opened_at__lt": _period_start(filters.end + DAY),
        }
    )
    if filters.region is not None:
        q &= Q(**{f"{prefix}organisation__region": filters.region})
    if filters.municipality is not None:
        q &= Q(**{f"{prefix}client__municipality": filters.municipality})
    if filters.organisation is not None:
        q &= Q(**{f"{prefix}organisation": filters.organisation})
    if filters.team is not None:
        on_agenda = AgendaItem.objects.filter(meeting__team=filters.team).values("case")
        q &= Q(**{f"{prefix}pk__in": on_agenda})
    return q


_GROUP_FIELD = {
    "organisation": "organisation_id",
    "municipality": "client__municipality_id",
    "region": "organisation__region_id",
}
_GROUP_MODEL: dict[str, Any] = {
    "organisation": Organisation,
    "municipality": Municipality,
    "region": Region,
}


def _group(filters: Filters, prefix: str) -> F:
    return F(prefix + _GROUP_FIELD[filters.grouping])


def _group_lines(filters: Filters) -> Callable[[list[Any]], list[Line]]:
    """Names the groups found (a few organisations, municipalities or regions; no client)."""

    def lines(keys: list[Any]) -> list[Line]:
        model = _GROUP_MODEL[filters.grouping]
        names = dict(
            model.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name_fi")
        )
        out = [Line(k, names.get(k, "")) for k in keys if k in names]
        out.sort(key=lambda line: line.label)
        if None in keys:
            out.append(Line(None, _("ei tiedossa")))
        return out

    return lines


def _heading(filters: Filters) -> str:
    return {
        "organisation": _("Organisaatio"),
        "municipality": _("Kunta"),
        "region": _("Hyvinvointialue"),
    }[filters.grouping]


# -- work and functional ability: the WAS at start and at each review ------------------------

WAS_BANDS = [
    ("poor", 0, 5),
    ("moderate", 6, 7),
    ("good", 8, 9),
    ("excellent", 10, 10),
]
ROUNDS = 3  # start, 1st, 2nd, and "3rd or later" review


def was_trajectory(filters: Filters) -> Table:
    # every assessment of a case is in the cohort or none is: numbering within the filtered rows
    # is numbering within the case's WAS assessments (0 at start, then each review)
    was = InstrumentAssessment.objects.filter(cohort_q(filters, "case__"), instrument="was")
    number = Window(
        RowNumber(), partition_by=[F("case")], order_by=[F("assessed_on").asc(), F("pk").asc()]
    ) - Value(1)
    rounds = [
        Line(0, _("alussa")),
        Line(1, _("1. arviointi")),
        Line(2, _("2. arviointi")),
        Line(3, _("3. tai myöhempi arviointi")),
    ]
    labels = {
        "poor": _("huono (0–5)"),
        "moderate": _("kohtalainen (6–7)"),
        "good": _("hyvä (8–9)"),
        "excellent": _("erinomainen (10)"),
    }
    band = When_(
        *[When(score__gte=lo, score__lte=hi, then=Value(slug)) for slug, lo, hi in WAS_BANDS],
        default=Value(""),
    )
    return crosstab(
        was,
        row=Least(number, Value(ROUNDS)),
        column=band,
        client="case__client",
        rows=rounds,
        columns=[Line(slug, labels[slug]) for slug, _lo, _hi in WAS_BANDS],
        slug="was",
        title=_("Työkykypistemäärä alussa ja arvioinneissa"),
        unit=_("arviointeja"),
        row_heading=_("Arviointikierros"),
        note=_(
            "Jakauma arviointikierroksittain: kukin asiakkuus kerran kullakin kierroksella "
            "(työkykypistemäärä 0–10)."
        ),
    )


# -- goals: the latest GAS review of each goal ------------------------------------------------


def goal_attainment(filters: Filters) -> Table:
    later = GoalReview.objects.filter(goal=OuterRef("goal")).filter(
        Q(reviewed_on__gt=OuterRef("reviewed_on"))
        | Q(reviewed_on=OuterRef("reviewed_on"), pk__gt=OuterRef("pk"))
    )
    latest = GoalReview.objects.filter(cohort_q(filters, "goal__plan__case__")).exclude(
        Exists(later)
    )
    return crosstab(
        latest,
        row=_group(filters, "goal__plan__case__"),
        column=F("attainment"),
        client="goal__plan__case__client",
        rows=_group_lines(filters),
        columns=[Line(value, str(label)) for value, label in Attainment.choices],
        slug="goals",
        title=_("Tavoitteiden toteutuminen (GAS, viimeisin arviointi)"),
        unit=_("tavoitteita"),
        row_heading=_heading(filters),
    )


# -- actions: planned vs done -----------------------------------------------------------------


def actions(filters: Filters) -> Table:
    return crosstab(
        PlanAction.objects.filter(cohort_q(filters, "plan__case__")),
        row=_group(filters, "plan__case__"),
        column=F("status"),
        client="plan__case__client",
        rows=_group_lines(filters),
        columns=[Line(value, str(label)) for value, label in ActionStatus.choices],
        slug="actions",
        title=_("Suunnitellut ja toteutuneet toimenpiteet"),
        unit=_("toimenpiteitä"),
        row_heading=_heading(filters),
    )


# -- outcomes at closing ----------------------------------------------------------------------


def outcomes(filters: Filters) -> Table:
    closed = Case.objects.filter(cohort_q(filters), closed_on__isnull=False).exclude(outcome="")
    return crosstab(
        closed,
        row=_group(filters, ""),
        column=F("outcome"),
        client="client",
        rows=_group_lines(filters),
        columns=[Line(value, str(label)) for value, label in Outcome.choices],
        slug="outcomes",
        title=_("Asiakkuuden päättyessä: mihin asiakas siirtyi"),
        unit=_("asiakkuuksia"),
        row_heading=_heading(filters),
    )


# -- the path's times -------------------------------------------------------------------------


def _days_bucket(at: Any, since: str, limits: tuple[int, ...], none: str) -> When_:
    whens = [When(**{f"{at}__isnull": True}, then=Value(none))]
    low = 0
    for high in limits:
        whens.append(
            When(
                **{f"{at}__lt": F(since) + dt.timedelta(days=high + 1)}, then=Value(f"{low}-{high}")
            )
        )
        low = high + 1
    return When_(*whens, default=Value(f"{low}-"))


def _day_lines(limits: tuple[int, ...], none: str, none_label: str) -> list[Line]:
    out, low = [], 0
    for high in limits:
        out.append(Line(f"{low}-{high}", _("%(low)s–%(high)s vrk") % {"low": low, "high": high}))
        low = high + 1
    out.append(Line(f"{low}-", _("yli %(days)s vrk") % {"days": low - 1}))
    out.append(Line(none, none_label))
    return out


TO_PLAN_DAYS = (30, 90)


def time_to_plan(filters: Filters) -> Table:
    cases = Case.objects.filter(cohort_q(filters)).annotate(_plan_at=F("plan__created_at"))
    return crosstab(
        cases,
        row=_group(filters, ""),
        column=_days_bucket("_plan_at", "opened_at", TO_PLAN_DAYS, "none"),
        client="client",
        rows=_group_lines(filters),
        columns=_day_lines(TO_PLAN_DAYS, "none", _("ei suunnitelmaa")),
        slug="to_plan",
        title=_("Aika tunnistamisesta suunnitelmaan"),
        unit=_("asiakkuuksia"),
        row_heading=_heading(filters),
    )


def time_to_first_referral(filters: Filters) -> Table:
    # one grouped join (MIN ignores the unsent referrals' empty sent_at), not a subquery a case
    cases = Case.objects.filter(cohort_q(filters)).annotate(_first=Min("referrals__sent_at"))
    return crosstab(
        cases,
        row=_group(filters, ""),
        column=_days_bucket("_first", "opened_at", TO_PLAN_DAYS, "none"),
        client="client",
        rows=_group_lines(filters),
        columns=_day_lines(TO_PLAN_DAYS, "none", _("ei lähetettä")),
        slug="to_referral",
        title=_("Aika tunnistamisesta ensimmäiseen lähetteeseen palveluun"),
        unit=_("asiakkuuksia"),
        row_heading=_heading(filters),
    )


TURNAROUND_DAYS = (7, 14, 30)


def referral_turnaround(filters: Filters) -> Table:
    sent = Referral.objects.filter(cohort_q(filters, "case__"), sent_at__isnull=False)
    return crosstab(
        sent,
        row=_group(filters, "case__"),
        column=_days_bucket("answered_at", "sent_at", TURNAROUND_DAYS, "open"),
        client="case__client",
        rows=_group_lines(filters),
        columns=_day_lines(TURNAROUND_DAYS, "open", _("ei vielä vastattu")),
        slug="turnaround",
        title=_("Lähetteiden vastausaika"),
        unit=_("lähetteitä"),
        row_heading=_heading(filters),
        note=_("Lähettämisestä vastaukseen (hyväksytty, hylätty tai palautettu)."),
    )


def referral_overdue(filters: Filters) -> Table:
    today = timezone.localdate()
    late = Q(answered_at__isnull=True, due_on__lt=today) | Q(answered_at__date__gt=F("due_on"))
    status = When_(
        When(due_on__isnull=True, then=Value("no_due")),
        When(late, then=Value("overdue")),
        default=Value("on_time"),
    )
    return crosstab(
        Referral.objects.filter(cohort_q(filters, "case__"), sent_at__isnull=False),
        row=_group(filters, "case__"),
        column=status,
        client="case__client",
        rows=_group_lines(filters),
        columns=[
            Line("on_time", _("ajallaan")),
            Line("overdue", _("myöhässä")),
            Line("no_due", _("ei määräpäivää")),
        ],
        slug="overdue",
        title=_("Lähetteet määräpäivään mennessä"),
        unit=_("lähetteitä"),
        row_heading=_heading(filters),
    )


# -- hand-offs: planned changes of responsible worker, apart from declined or returned referrals


def worker_changes(filters: Filters) -> Table:
    """Per case, how many times its responsible worker changed (a hand-over, planned)."""
    # one grouped join: a case's periods less one (a case without a period has no change)
    cases = Case.objects.filter(cohort_q(filters)).annotate(
        _periods=Count("responsibility_periods")
    )
    changes = F("_periods") - Value(1)
    return crosstab(
        cases,
        row=_group(filters, ""),
        column=Greatest(Least(changes, Value(2)), Value(0)),
        client="client",
        rows=_group_lines(filters),
        columns=[
            Line(0, _("ei vaihdoksia")),
            Line(1, _("1 vaihdos")),
            Line(2, _("2 tai useampi vaihdos")),
        ],
        slug="worker_changes",
        title=_("Vastuutyöntekijän suunnitellut vaihdokset asiakkuutta kohden"),
        unit=_("asiakkuuksia"),
        row_heading=_heading(filters),
    )


def referral_answers(filters: Filters) -> Table:
    """The referrals' answers: declined and returned ones are hand-offs the client did not gain
    from, counted apart from the planned changes of worker."""
    answer = When_(
        When(status="declined", then=Value("declined")),
        When(status="returned", then=Value("returned")),
        When(answered_at__isnull=True, then=Value("open")),
        default=Value("accepted"),
    )
    return crosstab(
        Referral.objects.filter(cohort_q(filters, "case__"), sent_at__isnull=False),
        row=_group(filters, "case__"),
        column=answer,
        client="case__client",
        rows=_group_lines(filters),
        columns=[
            Line("accepted", _("otettu vastaan")),
            Line("declined", _("hylätty")),
            Line("returned", _("palautettu")),
            Line("open", _("ei vielä vastattu")),
        ],
        slug="referral_answers",
        title=_("Lähetteiden vastaukset: hylätyt ja palautetut"),
        unit=_("lähetteitä"),
        row_heading=_heading(filters),
    )


# -- services used by need area ---------------------------------------------------------------


def services_by_need_area(filters: Filters) -> Table:
    """Referrals to the catalogue's services by the services' need areas (seed 001's six): a
    service of two areas counts in both, so the cells count referral × need area."""
    used = When_(
        When(status__in=["declined", "returned"], then=Value("declined")),
        When(answered_at__isnull=True, then=Value("open")),
        default=Value("used"),
    )
    return crosstab(
        Referral.objects.filter(cohort_q(filters, "case__"), sent_at__isnull=False),
        row=F("service__need_areas__slug"),
        column=used,
        client="case__client",
        rows=[
            *(Line(value, str(label)) for value, label in NeedAreaSlug.choices),
            Line(None, _("ei luettelon palvelua")),
        ],
        columns=[
            Line("used", _("otettu vastaan")),
            Line("declined", _("hylätty tai palautettu")),
            Line("open", _("ei vielä vastattu")),
        ],
        slug="need_areas",
        title=_("Käytetyt palvelut tarvealueittain"),
        unit=_("lähetteitä tarvealueittain"),
        row_heading=_("Tarvealue"),
    )


# -- the client's feedback --------------------------------------------------------------------


def feedback(filters: Filters) -> Table:
    return crosstab(
        Feedback.objects.filter(cohort_q(filters, "case__")),
        row=F("on"),
        column=F("rating"),
        client="client",
        rows=[Line(value, str(label)) for value, label in FeedbackOn.choices],
        columns=[Line(n, str(n)) for n in range(1, 6)],
        slug="feedback",
        title=_("Asiakkaiden palaute (1–5)"),
        unit=_("palautteita"),
        row_heading=_("Palaute"),
    )


INDICATORS: list[Callable[[Filters], Table]] = [
    was_trajectory,
    goal_attainment,
    actions,
    outcomes,
    time_to_plan,
    time_to_first_referral,
    referral_turnaround,
    referral_overdue,
    worker_changes,
    referral_answers,
    services_by_need_area,
    feedback,
]


def _cache_key(filters: Filters) -> str:
    # the tables hold their titles and labels in the active language
    return f"monitoring:dashboard:{translation.get_language()}:{filters.describe()}"


def dashboard(filters: Filters) -> Dashboard:
    """Every indicator under ``filters``: what the page shows and the CSV holds — counted now, or
    at most ``CACHE_SECONDS`` ago under the same filters (``computed_at`` says when). Only
    aggregates are kept: suppressed tables of counts, no client."""
    key = _cache_key(filters)
    kept = cache.get(key)
    if kept is not None:
        tables, computed_at = kept
        return Dashboard(filters, tables, computed_at)
    computed_at = timezone.now()
    tables = [indicator(filters) for indicator in INDICATORS]
    cache.set(key, (tables, computed_at), CACHE_SECONDS)
    return Dashboard(filters, tables, computed_at)


def cohort(filters: Filters) -> QuerySet[Case]:
    return Case.objects.filter(cohort_q(filters))
