"""Every refusal of the plan's actions, with the Finnish message a professional sees; nothing is
saved (no new version, no event)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional, an_organisation
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.plans import actions
from tukiverkko.plans.actions import ActionData, ExternalPlanData, GoalData, PlanFields
from tukiverkko.plans.checks import latest_review_day, months_ahead
from tukiverkko.plans.models import Plan, PlanVersion
from tukiverkko.plans.tests.factories import a_plan, a_plan_with_goals, in_a_month, ready_to_agree

pytestmark = pytest.mark.django_db

STEERING = (
    "Vain vastuutyöntekijä ja asiakkuuden omistavan organisaation ammattilaiset voivat "
    "muuttaa asiakkuutta."
)
CONFLICT = (
    "Toinen käyttäjä on muuttanut suunnitelmaa sillä välin. Muutoksiasi ei tallennettu: "
    "lataa sivu uudelleen ja tee muutos uudestaan."
)


def unchanged(plan: Plan) -> None:
    """Nothing of the refused action was saved: the version and the events are as they were."""
    before = plan.version
    plan.refresh_from_db()
    assert plan.version == before
    assert PlanVersion.objects.filter(plan=plan).count() == before
    assert EventLogEntry.objects.filter(event__startswith="plan_").count() == before


# -- starting a plan ------------------------------------------------------------------------


def test_a_second_plan_of_a_case_is_refused():
    worker = a_professional()
    plan = a_plan(by=worker)
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(case=plan.case, by=worker)
    assert exc.value.messages == ["Asiakkuudella on jo suunnitelma."]
    assert exc.value.code == "plan_exists"


def test_a_closed_case_gets_no_plan():
    worker = a_professional()
    case = a_case_in_phase(Phase.CLOSED, worker)
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(case=case, by=worker)
    assert exc.value.messages == ["Asiakkuus on päättynyt: sen suunnitelmaa voi vain lukea."]
    assert not Plan.objects.exists()


def test_only_a_steering_professional_starts_a_plan():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    outsider = a_professional(org=an_organisation("muu-kunta"))
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(case=case, by=outsider)
    assert exc.value.messages == [STEERING]
    assert not Plan.objects.exists()


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


PLAN_REFUSALS: list[tuple[str, dict[str, Any], str, str]] = [
    ("unknown mode", {"mode": "somehow"}, "mode", "Valitse suunnittelutapa."),
    (
        "mediated without the client's permission",
        {"mode": "mediated"},
        "mediated_consent_on",
        "Välittynyt suunnittelu ilman asiakasta vaatii aina asiakkaan luvan: kirjaa, milloin "
        "ja miten asiakas antoi luvan.",
    ),
    (
        "mediated with a date but no channel",
        {"mode": "mediated", "mediated_consent_on": "today"},
        "mediated_consent_on",
        "Välittynyt suunnittelu ilman asiakasta vaatii aina asiakkaan luvan: kirjaa, milloin "
        "ja miten asiakas antoi luvan.",
    ),
    (
        "a permission dated tomorrow",
        {"mode": "mediated", "mediated_consent_on": 1, "mediated_consent_channel": "phone"},
        "mediated_consent_on",
        "Luvan päivä ei voi olla tulevaisuudessa.",
    ),
    (
        "an unknown channel",
        {"mode": "mediated", "mediated_consent_on": 0, "mediated_consent_channel": "pigeon"},
        "mediated_consent_channel",
        "Valitse, miten asiakas antoi luvan.",
    ),
    (
        "a review date in the past",
        {"next_review_on": -1},
        "next_review_on",
        "Seuraavan arvioinnin päivä ei voi olla menneisyydessä.",
    ),
    (
        "a review date more than six months ahead",
        {"next_review_on": 200},
        "next_review_on",
        "Suunnitelma arvioidaan vähintään kaksi kertaa vuodessa: seuraava arviointi on "
        "viimeistään {latest}.",
    ),
    (
        "the client's goal over the limit",
        {"client_goal": "x" * 2001},
        "client_goal",
        "Teksti on liian pitkä: 2001 merkkiä, enintään 2000.",
    ),
    (
        "a companion both a user and a name",
        {"companion_user": "worker", "companion_name": "Ville"},
        "companion_name",
        "Anna rinnallakulkija joko käyttäjänä tai nimenä, ei molempia.",
    ),
    (
        "a companion outside the client's path",
        {"companion_user": "outsider"},
        "companion_user",
        "Rinnallakulkijaksi voi valita asiakkaan verkoston tai asiakkuuden omistavan "
        "organisaation ammattilaisen; muun henkilön nimen voi kirjoittaa.",
    ),
]


def _fields(raw: dict[str, Any], worker: Any) -> PlanFields:
    values = dict(raw)
    for name in ("mediated_consent_on", "next_review_on"):
        if name in values:
            values[name] = _days(0 if values[name] == "today" else values[name])
    if values.get("companion_user") == "worker":
        values["companion_user"] = worker
    elif values.get("companion_user") == "outsider":
        values["companion_user"] = a_professional(org=an_organisation("kaukana"))
    return PlanFields(**values)


@pytest.mark.parametrize(
    ("raw", "field", "message"), [r[1:] for r in PLAN_REFUSALS], ids=[r[0] for r in PLAN_REFUSALS]
)
def test_a_plan_that_breaks_a_rule_is_not_started(raw, field, message):
    # given a case in yhteinen suunnitelma
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    # when a plan breaking the rule is started / then the field's message, nothing saved
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(case=case, by=worker, fields=_fields(raw, worker))
    latest = latest_review_day()
    assert exc.value.message_dict == {field: [message.format(latest=f"{latest:%-d.%-m.%Y}")]}
    assert not Plan.objects.exists()


def test_six_months_ahead_is_still_allowed_and_the_end_of_a_month_is_kept():
    assert months_ahead(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_ahead(dt.date(2026, 3, 15), 6) == dt.date(2026, 9, 15)
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    plan = actions.create_plan(
        case=case, by=worker, fields=PlanFields(next_review_on=latest_review_day())
    )
    assert plan.next_review_on == latest_review_day()


# -- saving ---------------------------------------------------------------------------------


def _save(plan: Plan, by: Any, **kw: Any) -> Any:
    kw.setdefault("fields", PlanFields(client_goal=plan.client_goal, next_review_on=in_a_month()))
    kw.setdefault("expected_version", plan.version)
    return actions.save_plan(plan=plan, by=by, **kw)


def test_a_stale_form_is_a_conflict():
    worker = a_professional()
    plan = a_plan(by=worker)
    with pytest.raises(ValidationError) as exc:
        _save(plan, worker, expected_version=0, goals=[GoalData(text="x")])
    assert exc.value.messages == [CONFLICT]
    assert exc.value.code == "conflict"
    unchanged(plan)


def test_a_save_that_lost_the_race_is_a_conflict():
    # given a form opened at version 1, and someone saving version 2 meanwhile
    worker = a_professional()
    plan = a_plan(by=worker)
    stale = Plan.objects.get(pk=plan.pk)
    _save(plan, worker, goals=[GoalData(text="ensin")])
    # when the stale copy is saved / then it is a conflict and its goal was not kept
    with pytest.raises(ValidationError) as exc:
        _save(stale, worker, expected_version=1, goals=[GoalData(text="toinen")])
    assert exc.value.code == "conflict"
    assert list(plan.goals.values_list("text", flat=True)) == ["ensin"]


def test_a_closed_cases_plan_is_read_only():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    case = plan.case
    case_actions.mark_checklist_step(
        case=case, step=7, by=worker, expected_version=case.version, follow_up_by=worker
    )
    case.refresh_from_db()
    case_actions.change_phase(
        case=case,
        to=Phase.CLOSED,
        by=worker,
        expected_version=case.version,
        outcome="studies",
        closed_on=timezone.localdate(),
    )
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _save(plan, worker, goals=[GoalData(text="x")])
    assert exc.value.messages == ["Asiakkuus on päättynyt: sen suunnitelmaa voi vain lukea."]
    assert exc.value.code == "case_closed"


def test_only_a_steering_professional_saves_a_plan():
    worker = a_professional()
    plan = a_plan(by=worker)
    outsider = a_professional(org=an_organisation("muu-kunta"))
    with pytest.raises(ValidationError) as exc:
        _save(plan, outsider, goals=[GoalData(text="x")])
    assert exc.value.messages == [STEERING]
    unchanged(plan)


def test_a_save_that_changes_nothing_makes_no_version():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    kept = [
        ActionData(
            id=a.pk, text=a.text, responsible=a.responsible, responsible_user=a.responsible_user
        )
        for a in plan.actions.all()
    ]
    with pytest.raises(ValidationError) as exc:
        _save(
            plan,
            worker,
            fields=PlanFields(client_goal=plan.client_goal, next_review_on=plan.next_review_on),
            goals=[GoalData(id=goal.pk, text=goal.text, indicator=goal.indicator)],
            actions=kept,
        )
    assert exc.value.messages == ["Et muuttanut suunnitelmaa: uutta versiota ei tallennettu."]
    unchanged(plan)


def _service_type() -> ServiceType:
    return ServiceType.objects.create(slug="ips", name_fi="IPS", description_fi="x")


ROW_REFUSALS: list[tuple[str, str, Any, str, str]] = [
    ("a goal without text", "goals", GoalData(text="  "), "goals-0-text", "Kirjoita tavoite."),
    (
        "a goal of unknown status",
        "goals",
        GoalData(text="x", status="?"),
        "goals-0-status",
        "Tuntematon tila.",
    ),
    (
        "an action without text",
        "actions",
        ActionData(text=""),
        "actions-0-text",
        "Kirjoita toimenpide.",
    ),
    (
        "an action of unknown status",
        "actions",
        ActionData(text="x", status="?"),
        "actions-0-status",
        "Tuntematon tila.",
    ),
    (
        "an action ending before it starts",
        "actions",
        ActionData(text="x", starts_on=dt.date(2026, 5, 2), ends_on=dt.date(2026, 5, 1)),
        "actions-0-ends_on",
        "Päättymispäivä ei voi olla ennen alkamispäivää.",
    ),
    (
        "the client responsible and a professional named",
        "actions",
        ActionData(text="x", responsible="client", responsible_user="worker"),
        "actions-0-responsible",
        "Kun vastuu on asiakkaalla, älä valitse ammattilaista tai organisaatiota.",
    ),
    (
        "a professional responsible but none named",
        "actions",
        ActionData(text="x", responsible="professional"),
        "actions-0-responsible_user",
        "Valitse vastuussa oleva ammattilainen.",
    ),
    (
        "a professional and an organisation responsible",
        "actions",
        ActionData(
            text="x",
            responsible="professional",
            responsible_user="worker",
            responsible_organisation="org",
        ),
        "actions-0-responsible_organisation",
        "Vastuussa on joko ammattilainen tai organisaatio, ei molemmat.",
    ),
    (
        "a responsible professional outside the client's path",
        "actions",
        ActionData(text="x", responsible="professional", responsible_user="outsider"),
        "actions-0-responsible_user",
        "Vastuuseen voi nimetä asiakkaan verkoston tai asiakkuuden omistavan organisaation "
        "ammattilaisen; muun toimijan voi nimetä organisaationa.",
    ),
    (
        "an organisation responsible but none named",
        "actions",
        ActionData(text="x", responsible="organisation"),
        "actions-0-responsible_organisation",
        "Valitse vastuussa oleva organisaatio.",
    ),
    (
        "an organisation and a professional responsible",
        "actions",
        ActionData(
            text="x",
            responsible="organisation",
            responsible_organisation="org",
            responsible_user="worker",
        ),
        "actions-0-responsible_user",
        "Vastuussa on joko ammattilainen tai organisaatio, ei molemmat.",
    ),
    (
        "nobody responsible",
        "actions",
        ActionData(text="x", responsible=""),
        "actions-0-responsible",
        "Valitse, kuka vastaa toimenpiteestä.",
    ),
    (
        "both a service type and a local service",
        "actions",
        ActionData(text="x", service_type="type", service="service"),
        "actions-0-service",
        "Valitse joko palvelun yleiskuvaus tai paikallinen palvelu, ei molempia.",
    ),
    (
        "another plan of unknown kind",
        "external_plans",
        ExternalPlanData(kind="?", owner_name="x"),
        "external_plans-0-kind",
        "Valitse suunnitelman laji.",
    ),
    (
        "another plan with no owner",
        "external_plans",
        ExternalPlanData(kind="care"),
        "external_plans-0-owner_name",
        "Kerro, kenen suunnitelma se on: organisaatio tai laatijan nimi.",
    ),
    (
        "another plan dated tomorrow",
        "external_plans",
        ExternalPlanData(kind="care", owner_name="x", dated_on=dt.date(2999, 1, 1)),
        "external_plans-0-dated_on",
        "Suunnitelman päivä ei voi olla tulevaisuudessa.",
    ),
    (
        "a row of another plan",
        "goals",
        GoalData(id=10**9, text="x"),
        "goals-0-id",
        "Riviä ei löydy tästä suunnitelmasta.",
    ),
]


def _resolve(row: Any, worker: Any) -> Any:
    swaps: dict[str, Any] = {}
    for name, value in vars(row).items():
        if value == "worker":
            swaps[name] = worker
        elif value == "outsider":
            swaps[name] = a_professional(org=an_organisation("kaukana"))
        elif value == "org":
            swaps[name] = worker.organisation
        elif value == "type":
            swaps[name] = _service_type()
        elif value == "service":
            swaps[name] = Service(pk=1)
    return replace(row, **swaps)


@pytest.mark.parametrize(
    ("section", "row", "field", "message"),
    [r[1:] for r in ROW_REFUSALS],
    ids=[r[0] for r in ROW_REFUSALS],
)
def test_a_row_that_breaks_a_rule_saves_nothing(section, row, field, message):
    # given a plan at version 1
    worker = a_professional()
    plan = a_plan(by=worker)
    # when it is saved with the row breaking the rule, and a good goal beside it
    rows = {section: [_resolve(row, worker)]}
    if section != "goals":
        rows["goals"] = [GoalData(text="hyvä tavoite")]
    with pytest.raises(ValidationError) as exc:
        _save(plan, worker, **rows)
    # then the field's message and nothing saved, not even the good goal
    assert exc.value.message_dict == {field: [message]}
    unchanged(plan)
    assert not plan.goals.exists()


# -- reviews --------------------------------------------------------------------------------

REVIEW_REFUSALS = [
    ("no date", None, 0, {"reviewed_on": ["Anna arviointipäivä muodossa p.k.vvvv."]}),
    ("tomorrow", 1, 0, {"reviewed_on": ["Arviointipäivä ei voi olla tulevaisuudessa."]}),
    ("off the scale", 0, 3, {"attainment": ["Valitse toteutuminen asteikolla −2…+2."]}),
    ("no attainment", 0, None, {"attainment": ["Valitse toteutuminen asteikolla −2…+2."]}),
]


@pytest.mark.parametrize(
    ("day", "attainment", "errors"),
    [r[1:] for r in REVIEW_REFUSALS],
    ids=[r[0] for r in REVIEW_REFUSALS],
)
def test_a_review_that_breaks_a_rule_is_refused(day, attainment, errors):
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    with pytest.raises(ValidationError) as exc:
        actions.review_goal(
            goal=plan.goals.get(),
            by=worker,
            expected_version=plan.version,
            reviewed_on=None if day is None else _days(day),
            attainment=attainment,
        )
    assert exc.value.message_dict == errors
    unchanged(plan)


def test_a_review_on_a_stale_plan_is_a_conflict():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    with pytest.raises(ValidationError) as exc:
        actions.review_goal(
            goal=plan.goals.get(), by=worker, expected_version=1, reviewed_on=_days(0), attainment=0
        )
    assert exc.value.messages == [CONFLICT]


# -- agreeing -------------------------------------------------------------------------------


def test_a_plan_without_goals_or_review_date_is_not_agreed():
    worker = a_professional()
    plan = a_plan(by=worker)
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert exc.value.message_dict == {
        "goals": [
            "Suunnitelmassa ei ole yhtään tavoitetta: kirjaa asiakkaan tavoitteet ennen kuin "
            "suunnitelma sovitaan."
        ],
        "next_review_on": ["Sovi seuraavan arvioinnin päivä ennen kuin suunnitelma sovitaan."],
    }
    unchanged(plan)


def test_a_review_date_that_has_passed_must_be_set_again_before_agreeing():
    worker = a_professional()
    plan = ready_to_agree(worker)
    Plan.objects.filter(pk=plan.pk).update(next_review_on=_days(-1))
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert exc.value.message_dict == {
        "next_review_on": ["Seuraavan arvioinnin päivä ei voi olla menneisyydessä."]
    }


def test_agreeing_keeps_the_cases_own_rules_and_saves_nothing_when_they_refuse():
    # given a plan whose case has no follow-up agreed (quick-guide step 7)
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    # when it is agreed / then the cases action's refusal, and neither plan nor case changed
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert exc.value.message_dict == {
        "to": [
            "Toteutukseen ei voi siirtyä ennen kuin on sovittu, kuka vastaa seurannasta "
            "(pikaoppaan kohta 7)."
        ]
    }
    unchanged(plan)
    assert plan.agreed_at is None
    plan.case.refresh_from_db()
    assert plan.case.phase == Phase.JOINT_PLAN


def test_a_plan_of_a_case_still_in_assessment_is_not_agreed():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    plan = a_plan_with_goals(case, by=worker)
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert exc.value.message_dict == {
        "to": ["Vaiheesta “yhteinen arviointi” ei voi siirtyä vaiheeseen “toteutus”."]
    }


def test_only_a_steering_professional_agrees_and_a_stale_agreement_conflicts():
    worker = a_professional()
    plan = ready_to_agree(worker)
    outsider = a_professional(org=an_organisation("muu-kunta"))
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=outsider, expected_version=plan.version)
    assert exc.value.messages == [STEERING]
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=1)
    assert exc.value.messages == [CONFLICT]
    unchanged(plan)
