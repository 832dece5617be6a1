"""The assessment actions: what they store, the event each writes, and every refusal in the
Finnish a professional sees — with nothing saved when one is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Register, Role
from tukiverkko.assessments import actions
from tukiverkko.assessments.models import (
    HealthCheck,
    HealthCheckStep,
    IdentifiedBy,
    InstrumentAssessment,
    NeedsAssessment,
)
from tukiverkko.assessments.selectors import facts_of_case
from tukiverkko.assessments.tests.factories import (
    PHQ9_ANSWERS,
    a_doctor_of,
    a_health_case,
    a_nurse,
    a_social_worker_of,
)
from tukiverkko.assessments.versions import instrument_version
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    an_organisation,
)
from tukiverkko.consent.models import Purpose
from tukiverkko.screening.instruments import INSTRUMENTS

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _events(event: str) -> int:
    return EventLogEntry.objects.filter(event=event).count()


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return exc.value.messages


# -- instruments ----------------------------------------------------------------------------


def test_an_instrument_result_is_scored_and_stored_with_its_version():
    # given a health-care case
    case, nurse = a_health_case()
    # when the nurse records a PHQ-9
    row = actions.record_instrument_result(
        case=case, by=nurse, instrument="phq9", answers=PHQ9_ANSWERS, assessed_on=TODAY()
    )
    # then the score, band and version are stored, in the nurse's health-care register
    assert (row.score, row.band) == (9, INSTRUMENTS["phq9"].score(PHQ9_ANSWERS).band)
    assert row.instrument_version == instrument_version(INSTRUMENTS["phq9"])
    assert row.instrument_version.startswith("phq9:")
    assert (row.source_register, row.source_category) == (Register.HEALTH_CARE, "health")
    assert row.result["score"] == 9
    assert _events("instrument_result") == 1


def test_an_instrument_version_changes_with_its_scoring():
    # given two instruments' versions
    phq, gad = (instrument_version(INSTRUMENTS[i]) for i in ("phq9", "gad7"))
    # then they differ, and one instrument's is stable
    assert phq != gad
    assert phq == instrument_version(INSTRUMENTS["phq9"])


def test_bad_answers_name_the_item_in_finnish_and_save_nothing():
    case, nurse = a_health_case()
    answers = dict(PHQ9_ANSWERS)
    del answers["q3"]
    answers["q4"] = 7
    with pytest.raises(ValidationError) as exc:
        actions.record_instrument_result(
            case=case, by=nurse, instrument="phq9", answers=answers, assessed_on=TODAY()
        )
    assert exc.value.message_dict == {
        "q3": ["Kohta 3: vastaus puuttuu. Valitse yksi vaihtoehdoista."],
        "q4": ["Kohta 4: valitse jokin annetuista vaihtoehdoista."],
    }
    assert not InstrumentAssessment.objects.exists()


@pytest.mark.parametrize(
    ("instrument", "day", "field", "message"),
    [
        ("nope", 0, "instrument", "Tuntematon mittari."),
        ("phq9", None, "assessed_on", "Anna päivämäärä."),
        ("phq9", -1, "assessed_on", "Päivämäärä ei voi olla tulevaisuudessa."),
        ("phq9", 400, "assessed_on", "Päivämäärä on yli vuoden takaa."),
    ],
)
def test_an_instrument_result_needs_a_known_instrument_and_a_date(instrument, day, field, message):
    case, nurse = a_health_case()
    on = None if day is None else TODAY() - dt.timedelta(days=day)
    with pytest.raises(ValidationError) as exc:
        actions.record_instrument_result(
            case=case, by=nurse, instrument=instrument, answers=PHQ9_ANSWERS, assessed_on=on
        )
    assert exc.value.message_dict == {field: [message]}
    assert exc.value.error_dict[field][0].code
    assert not InstrumentAssessment.objects.exists()


def test_nothing_is_assessed_on_a_closed_case():
    case, nurse = a_health_case(Phase.CLOSED)
    with pytest.raises(ValidationError) as exc:
        actions.record_instrument_result(
            case=case, by=nurse, instrument="phq9", answers=PHQ9_ANSWERS, assessed_on=TODAY()
        )
    assert _messages(exc) == ["Päättyneeseen asiakkuuteen ei voi kirjata arvioita."]


# -- the health-check path ------------------------------------------------------------------


def _opened(**kwargs):
    case, nurse = a_health_case()
    referrer = kwargs.pop("referrer", an_organisation("te-palvelut"))
    check = actions.open_health_check(
        case=case,
        by=nurse,
        identified_by=kwargs.pop("identified_by", IdentifiedBy.EMPLOYMENT_AUTHORITY),
        referrer_organisation=referrer,
        pre_information="Esitietolomake palautettu.",
    )
    return case, nurse, check


def _nurse_checked(further: bool):
    case, nurse, check = _opened()
    check = actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=TODAY(),
        summary="Selkäkipua, uniongelmia.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=further,
        expected_version=check.version,
    )
    return case, nurse, check


def test_the_health_check_path_to_the_doctor_and_its_outcomes():
    # given a need identified by the employment authority
    case, nurse, check = _opened()
    assert check.step == HealthCheckStep.IDENTIFIED
    assert facts_of_case(case) == {}
    # when the nurse's broad check finds a need for a closer assessment
    check = actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=TODAY(),
        summary="Selkäkipua.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=True,
        expected_version=check.version,
    )
    # then the rules learn that the nurse's assessment is done
    assert facts_of_case(case) == {"nurse_or_coordinator_assessment_done": True}
    # and the doctor's check records its outcomes in the seed's order
    doctor = a_doctor_of(nurse.organisation)
    check = actions.record_doctor_check(
        check=check,
        by=doctor,
        checked_on=TODAY(),
        summary="Kartoitus tehty.",
        remaining_work_ability="Kevyeen työhön.",
        outcomes=["network_work", "rehabilitation"],
        expected_version=check.version,
    )
    assert check.step == HealthCheckStep.DOCTOR_CHECKED
    assert check.outcomes == ["rehabilitation", "network_work"]
    for event in ("health_check_open", "health_check_nurse", "health_check_doctor"):
        assert _events(event) == 1


def test_feedback_goes_to_the_client_and_to_the_referrer_only_under_consent():
    # given a nurse's check that found no need, the need identified by the employment authority
    case, nurse, check = _nurse_checked(further=False)
    # when feedback to the referrer is given without the client's consent for it
    with pytest.raises(ValidationError) as exc:
        actions.give_feedback(
            check=check, by=nurse, to_client="Ei jatkotoimia.", to_referrer="Ei jatkotoimia."
        )
    # then it is refused and nothing changes
    assert exc.value.message_dict == {
        "to_referrer": [
            "Palautetta ei voi antaa lähettävälle taholle: asiakkaan suostumus ei kata "
            "palautetta tälle organisaatiolle."
        ]
    }
    check.refresh_from_db()
    assert check.step == HealthCheckStep.NURSE_CHECKED
    # when the client consents to feedback to the employment authority
    a_consent(
        case.client,
        nurse,
        organisations=[check.referrer_organisation],
        categories=["health"],
        purposes=[Purpose.FEEDBACK_TO_REFERRER],
    )
    check = actions.give_feedback(
        check=check, by=nurse, to_client="Ei jatkotoimia.", to_referrer="Ei jatkotoimia."
    )
    # then the feedback is recorded
    assert check.step == HealthCheckStep.FEEDBACK_GIVEN
    assert check.feedback_to_referrer == "Ei jatkotoimia."
    assert _events("health_check_feedback") == 1


def test_feedback_to_a_referrer_of_ones_own_organisation_needs_no_consent():
    case, nurse = a_health_case()
    check = actions.open_health_check(
        case=case,
        by=nurse,
        identified_by=IdentifiedBy.SOCIAL_SERVICES,
        referrer_organisation=nurse.organisation,
    )
    check = actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=TODAY(),
        summary="Hyvä vointi.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=False,
    )
    assert actions.referrer_feedback_blocked(check) == ""
    check = actions.give_feedback(check=check, by=nurse, to_client="Hyvä.", to_referrer="Hyvä.")
    assert check.feedback_to_referrer == "Hyvä."


def test_a_need_the_client_identified_has_no_referrer():
    case, nurse = a_health_case()
    check = actions.open_health_check(
        case=case,
        by=nurse,
        identified_by=IdentifiedBy.CLIENT,
        referrer_organisation=an_organisation("muu"),
    )
    assert check.referrer_organisation is None
    assert actions.referrer_feedback_blocked(check) == (
        "Tarpeen tunnisti asiakas itse: lähettävää tahoa ei ole."
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"identified_by": "x"}, "identified_by", "Valitse, kuka tunnisti tarpeen."),
        (
            {"identified_by": IdentifiedBy.OTHER, "referrer_organisation": None},
            "referrer_organisation",
            "Valitse lähettävä organisaatio, jotta palaute voidaan antaa sille.",
        ),
        (
            {"identified_by": IdentifiedBy.CLIENT, "pre_information": "x" * 10_001},
            "pre_information",
            None,
        ),
    ],
)
def test_opening_a_health_check_refuses_bad_input(kwargs, field, message):
    case, nurse = a_health_case()
    with pytest.raises(ValidationError) as exc:
        actions.open_health_check(case=case, by=nurse, **kwargs)
    assert list(exc.value.message_dict) == [field]
    if message:
        assert exc.value.message_dict[field] == [message]
    assert not HealthCheck.objects.exists()


def test_only_a_health_care_nurse_or_coordinator_opens_a_health_check():
    # given a health-care case and a nurse of the same organisation without a health-care unit
    case, nurse = a_health_case()
    outsider = a_professional(org=nurse.organisation, role=Role.UNEMPLOYED_HEALTH_NURSE)
    social = a_social_worker_of(nurse.organisation)
    for who in (outsider, social):
        with pytest.raises(ValidationError) as exc:
            actions.open_health_check(case=case, by=who, identified_by=IdentifiedBy.CLIENT)
        assert _messages(exc) == [
            "Terveystarkastuksen avaa terveydenhuollon terveydenhoitaja tai työkykykoordinaattori."
        ]
    # and a work-ability coordinator in a health-care unit may
    coordinator = a_nurse(nurse.organisation, role=Role.WORK_ABILITY_COORDINATOR)
    check = actions.open_health_check(case=case, by=coordinator, identified_by="client")
    assert check.opened_by == coordinator


def test_one_health_check_at_a_time():
    case, nurse, _check = _opened()
    with pytest.raises(ValidationError) as exc:
        actions.open_health_check(case=case, by=nurse, identified_by=IdentifiedBy.CLIENT)
    assert _messages(exc) == ["Asiakkuudella on jo kesken oleva terveystarkastus."]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"summary": " "}, "summary", "Kirjaa terveystarkastuksen yhteenveto."),
        (
            {"mental_health_and_substance_assessed": False},
            "mental_health_and_substance_assessed",
            "Terveystarkastukseen kuuluu systemaattinen mielenterveys- ja päihdearvio.",
        ),
        (
            {"further_assessment_needed": None},
            "further_assessment_needed",
            "Vastaa: onko tarve tarkemmalle arviolle?",
        ),
        ({"checked_on": None}, "checked_on", "Anna päivämäärä."),
    ],
)
def test_the_nurses_check_refuses_what_is_missing(kwargs, field, message):
    _case, nurse, check = _opened()
    data = {
        "checked_on": TODAY(),
        "summary": "Yhteenveto.",
        "mental_health_and_substance_assessed": True,
        "further_assessment_needed": True,
    } | kwargs
    with pytest.raises(ValidationError) as exc:
        actions.record_nurse_check(check=check, by=nurse, **data)
    assert exc.value.message_dict == {field: [message]}
    check.refresh_from_db()
    assert check.step == HealthCheckStep.IDENTIFIED


def test_the_steps_go_in_order_and_a_stale_form_is_a_conflict():
    _case, nurse, check = _nurse_checked(further=True)
    doctor = a_doctor_of(nurse.organisation)
    # the nurse's check is not recorded twice
    with pytest.raises(ValidationError) as exc:
        actions.record_nurse_check(
            check=check,
            by=nurse,
            checked_on=TODAY(),
            summary="x",
            mental_health_and_substance_assessed=True,
            further_assessment_needed=True,
        )
    assert _messages(exc) == ["Terveystarkastus on jo kirjattu."]
    # feedback is not given when a closer assessment is needed
    with pytest.raises(ValidationError) as exc:
        actions.give_feedback(check=check, by=nurse, to_client="x")
    assert _messages(exc) == [
        "Palaute annetaan, kun terveystarkastuksessa ei todettu tarvetta tarkemmalle arviolle."
    ]
    # a form opened before another save is refused
    with pytest.raises(ValidationError) as exc:
        actions.record_doctor_check(
            check=check,
            by=doctor,
            checked_on=TODAY(),
            summary="x",
            remaining_work_ability="x",
            outcomes=["treatment"],
            expected_version=check.version - 1,
        )
    assert exc.value.code == "conflict"
    check.refresh_from_db()
    assert check.step == HealthCheckStep.NURSE_CHECKED


def test_the_doctors_check_only_after_the_nurse_found_the_need():
    _case, nurse, check = _nurse_checked(further=False)
    doctor = a_doctor_of(nurse.organisation)
    with pytest.raises(ValidationError) as exc:
        actions.record_doctor_check(
            check=check,
            by=doctor,
            checked_on=TODAY(),
            summary="x",
            remaining_work_ability="x",
            outcomes=["treatment"],
        )
    assert _messages(exc) == [
        "Lääkärin tarkastus tehdään, kun terveydenhoitajan tai työkykykoordinaattorin "
        "terveystarkastuksessa on todettu tarve tarkemmalle arviolle."
    ]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"summary": ""},
            "summary",
            "Kirjaa terveyden kartoitus ja arvio työ- ja toimintakyvystä.",
        ),
        (
            {"remaining_work_ability": ""},
            "remaining_work_ability",
            "Kirjaa arvio jäljellä olevasta työkyvystä.",
        ),
        ({"outcomes": []}, "outcomes", "Valitse vähintään yksi tarkastuksen tulos."),
        ({"outcomes": ["lottery"]}, "outcomes", "Valitse vähintään yksi tarkastuksen tulos."),
        (
            {"checked_on": -1},
            "checked_on",
            "Lääkärin tarkastus ei voi olla ennen terveydenhoitajan tarkastusta.",
        ),
        ({"summary": "x" * 10_001}, "summary", None),
    ],
)
def test_the_doctors_check_refuses_what_is_missing(kwargs, field, message):
    _case, nurse, check = _nurse_checked(further=True)
    if kwargs.get("checked_on") == -1:
        kwargs["checked_on"] = TODAY() - dt.timedelta(days=1)
    data = {
        "checked_on": TODAY(),
        "summary": "Kartoitus.",
        "remaining_work_ability": "Osittainen.",
        "outcomes": ["treatment"],
    } | kwargs
    with pytest.raises(ValidationError) as exc:
        actions.record_doctor_check(check=check, by=a_doctor_of(nurse.organisation), **data)
    assert list(exc.value.message_dict) == [field]
    if message:
        assert exc.value.message_dict[field] == [message]


def test_only_a_doctor_records_the_doctors_check():
    _case, nurse, check = _nurse_checked(further=True)
    with pytest.raises(ValidationError) as exc:
        actions.record_doctor_check(
            check=check,
            by=nurse,
            checked_on=TODAY(),
            summary="x",
            remaining_work_ability="x",
            outcomes=["treatment"],
        )
    assert _messages(exc) == ["Lääkärin tarkastuksen kirjaa lääkäri."]


def test_feedback_refuses_an_empty_text_to_the_client():
    _case, nurse, check = _nurse_checked(further=False)
    with pytest.raises(ValidationError) as exc:
        actions.give_feedback(check=check, by=nurse, to_client=" ")
    assert exc.value.message_dict == {"to_client": ["Kirjaa asiakkaalle annettu palaute."]}


# -- the needs assessment -------------------------------------------------------------------


def _social_case():
    org = an_organisation()
    worker = a_social_worker_of(org)
    return a_case_in_phase(Phase.JOINT_ASSESSMENT, worker), worker


def test_a_social_worker_records_the_needs_assessment_and_names_the_omatyontekija():
    case, worker = _social_case()
    instructor = a_social_worker_of(worker.organisation, role=Role.SOCIAL_INSTRUCTOR)
    row = actions.record_needs_assessment(
        case=case,
        by=worker,
        assessed_on=TODAY(),
        summary="Toimeentulo niukka.",
        conclusions="Asiakkuuden edellytykset täyttyvät.",
        client_view="Haluan töihin.",
        client_view_on_named_worker="Tarvitsen.",
        worker_view_on_named_worker="Tarvitsee.",
        named_worker=instructor,
    )
    assert row.named_worker == instructor
    assert (row.source_register, row.source_category) == (Register.SOCIAL_CARE, "social")
    assert _events("needs_assessment") == 1


def test_the_needs_assessment_is_a_social_care_professionals():
    case, worker = _social_case()
    nurse = a_nurse(worker.organisation)
    with pytest.raises(ValidationError) as exc:
        actions.record_needs_assessment(
            case=case, by=nurse, assessed_on=TODAY(), summary="x", conclusions="x", client_view="x"
        )
    assert _messages(exc) == ["Palvelutarpeen arvioinnin tekee sosiaalihuollon ammattihenkilö."]


def test_the_needs_assessment_names_every_missing_part_at_once():
    case, worker = _social_case()
    other = a_social_worker_of(an_organisation("toinen"))
    with pytest.raises(ValidationError) as exc:
        actions.record_needs_assessment(
            case=case,
            by=worker,
            assessed_on=TODAY(),
            summary=" ",
            conclusions="",
            client_view="",
            named_worker=other,
        )
    assert exc.value.message_dict == {
        "summary": ["Kirjaa yhteenveto asiakkaan tilanteesta ja tuen tarpeesta."],
        "conclusions": ["Kirjaa johtopäätökset asiakkuuden edellytyksistä."],
        "client_view": ["Kirjaa asiakkaan oma näkemys palveluntarpeestaan."],
        "named_worker": [
            "Omatyöntekijäksi voi nimetä saman organisaation sosiaalihuollon ammattihenkilön."
        ],
    }
    assert not NeedsAssessment.objects.exists()


def test_the_needs_assessment_keeps_to_the_text_limits():
    case, worker = _social_case()
    with pytest.raises(ValidationError) as exc:
        actions.record_needs_assessment(
            case=case,
            by=worker,
            assessed_on=TODAY(),
            summary="x" * 10_001,
            conclusions="x",
            client_view="x",
        )
    assert list(exc.value.message_dict) == ["summary"]


def test_a_step_is_written_only_into_the_checks_own_record():
    # given a health check opened by a county's nurse, and a nurse of another organisation
    _case, _nurse, check = _opened()
    other = a_nurse(an_organisation("yksityinen"))
    # when the other nurse records the broad check into it
    with pytest.raises(ValidationError) as exc:
        actions.record_nurse_check(
            check=check,
            by=other,
            checked_on=TODAY(),
            summary="x",
            mental_health_and_substance_assessed=True,
            further_assessment_needed=False,
        )
    # then it is refused: their check is their own organisation's record
    assert _messages(exc) == [
        "Terveystarkastukseen kirjaa vain sen avanneen organisaation terveydenhuolto."
    ]
    check.refresh_from_db()
    assert check.step == HealthCheckStep.IDENTIFIED
