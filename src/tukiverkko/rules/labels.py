"""Finnish names of fields, values and outcomes (the source strings for sv/en translation).

``gettext_noop`` only marks a string for ``makemessages``; this module imports no Django. The
web page translates them with ``gettext`` at render time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

Translate = Callable[[str], str]


def gettext_noop(text: str) -> str:
    return text


def identity(text: str) -> str:
    return text


Param = Union[str, int, float, "Text", tuple["Text", ...]]


@dataclass(frozen=True)
class Text:
    """A message to show: a Finnish msgid (``%(name)s`` placeholders) and its parameters, which
    may be texts themselves (labels to translate). ``render`` with the page's ``gettext`` gives
    sv or en; without, Finnish."""

    msgid: str
    params: dict[str, Param] = field(default_factory=dict)

    def render(self, translate: Translate = identity) -> str:
        def value(item: Param) -> str:
            if isinstance(item, Text):
                return item.render(translate)
            if isinstance(item, tuple):
                return ", ".join(value(i) for i in item)
            return str(item)

        template = translate(self.msgid)
        return template % {k: value(v) for k, v in self.params.items()} if self.params else template


def t(msgid: str, **params: Param) -> Text:
    return Text(msgid, params)


FIELDS: dict[str, str] = {
    "reference_date": gettext_noop("Tarkastelupäivä"),
    "age": gettext_noop("Ikä"),
    "birth_date": gettext_noop("Syntymäaika"),
    "municipality": gettext_noop("Kotikunta"),
    "employment_status": gettext_noop("Työmarkkina-asema"),
    "unemployment_months_continuous": gettext_noop("Yhtäjaksoinen työttömyys (kk)"),
    "labour_market_subsidy_days": gettext_noop("Työmarkkinatukipäivät yhteensä"),
    "unemployment_benefit": gettext_noop("Työttömyysetuus"),
    "receives_social_assistance": gettext_noop("Saa toimeentulotukea"),
    "has_occupational_health_care": gettext_noop("Työterveyshuolto käytössä"),
    "has_student_health_care": gettext_noop("Opiskeluterveydenhuolto käytössä"),
    "in_multisectoral_service": gettext_noop("TYP/TYM-asiakas"),
    "mother_tongue": gettext_noop("Äidinkieli (ISO 639-1, esim. fi)"),
    "finnish_citizen": gettext_noop("Suomen kansalainen"),
    "disability": gettext_noop("Vammaispalvelujen asiakas tai oikeutettu"),
    "in_disability_day_activity": gettext_noop("Vammaispalvelujen päivä- tai työtoiminnassa"),
    "child_protection_aftercare": gettext_noop("Oikeus lastensuojelun jälkihuoltoon"),
    "work_ability_score": gettext_noop("Työkykypistemäärä (0–10)"),
    "triggers": gettext_noop("Herätteet"),
    "needs_multiprofessional_support": gettext_noop(
        "Tarvitsee usean ammattilaisen tukea yhtä aikaa"
    ),
    "employment_prospect_within_2_years": gettext_noop("Työllistymisen näkymä 2 vuoden sisällä"),
    "nurse_or_coordinator_assessment_done": gettext_noop(
        "Terveydenhoitajan tai työkykykoordinaattorin kartoitus tehty"
    ),
    "doctor_referral": gettext_noop("Lääkärin lähete"),
    "social_care_decision": gettext_noop("Sosiaalihuollon päätös"),
    "work_disability_threat": gettext_noop("Lääkärin toteama työkyvyttömyyden uhka"),
    "rehabilitation_cause": gettext_noop("Kuntoutustarpeen syy"),
    "years_in_profession": gettext_noop("Vuosia omassa ammatissa"),
    "years_since_work_ended": gettext_noop("Vuosia työn päättymisestä"),
    "earnings_last_5_years_eur": gettext_noop("Työansiot viideltä vuodelta (€)"),
    "work_capacity_reduction_percent": gettext_noop("Työkyvyn alenema (%)"),
    "work_capacity_reduced_months": gettext_noop("Työkyky alentunut (kk)"),
    "is_student": gettext_noop("Opiskelija"),
    "study_difficulties": gettext_noop("Vakavia vaikeuksia opinnoissa"),
    "work_ability_needs": gettext_noop("Todettu tarve (Työkykymittari)"),
    "challenge_treated": gettext_noop("Saanut haasteeseen hoitoa tai kuntoutusta"),
    "known_work_limitations": gettext_noop("Työrajoitteet tiedossa"),
    "life_management_barriers": gettext_noop("Elämänhallinnan ongelmat"),
    "capacity_prevents_employment_services": gettext_noop(
        "Ei pysty työ- ja toimintakyvyn vuoksi osallistumaan työvoimapalveluihin tai työhön"
    ),
    "activation_plan_in_place": gettext_noop("Aktivointisuunnitelma laadittu"),
    "multisectoral_plan_in_place": gettext_noop("Monialainen työllistymissuunnitelma laadittu"),
    "client_of": gettext_noop("Jo asiakkaana"),
    "needs_service_coordination": gettext_noop("Tarvitsee palvelujen koordinointia"),
    "single_services_not_helped": gettext_noop(
        "Yksittäisistä palveluista ei ole löytynyt ratkaisua"
    ),
    "employment_barrier_causes_unclear": gettext_noop("Työllistymisen esteiden syyt epäselvät"),
    "mental_health_concern": gettext_noop("Jaksamisen tai mielenterveyden haasteita"),
    "goal_open_labour_market": gettext_noop("Tavoitteena avoimet työmarkkinat"),
    "earnings_related_rehabilitee": gettext_noop("Työeläkekuntoutuja"),
    "occupational_health_wants_investigation": gettext_noop(
        "Työterveyshuolto haluaa lisäselvityksiä"
    ),
}

VALUES: dict[str, dict[str, str]] = {
    "employment_status": {
        "unemployed": gettext_noop("työtön"),
        "laid_off": gettext_noop("lomautettu"),
        "employed": gettext_noop("työssä"),
        "self_employed": gettext_noop("yrittäjä"),
        "student": gettext_noop("opiskelija"),
        "sick_leave": gettext_noop("sairauslomalla"),
        "rehabilitation": gettext_noop("kuntoutuksessa"),
        "pensioner": gettext_noop("eläkkeellä"),
        "other": gettext_noop("muu"),
    },
    "unemployment_benefit": {
        "earnings_related": gettext_noop("ansiosidonnainen päiväraha"),
        "basic": gettext_noop("peruspäiväraha"),
        "labour_market_subsidy": gettext_noop("työmarkkinatuki"),
        "none": gettext_noop("ei etuutta"),
    },
    "rehabilitation_cause": {
        "work_accident": gettext_noop("työtapaturma"),
        "occupational_disease": gettext_noop("ammattitauti"),
        "traffic_accident": gettext_noop("liikennevahinko"),
        "illness_or_injury": gettext_noop("sairaus tai vamma"),
        "none": gettext_noop("ei kuntoutustarvetta"),
    },
    "triggers": {
        "repeated_sick_leave": gettext_noop("sairauslomat tai toistuvat sairauslomat"),
        "rejected_benefit": gettext_noop("hylätty sairauspäiväraha, kuntoutusetuus tai eläke"),
        "assessment_mismatch": gettext_noop("oma ja lääketieteellinen arvio eroavat"),
        "fragmented_work_history": gettext_noop("pirstaleinen työhistoria"),
        "untreated_symptoms": gettext_noop("hoitamattomia sairauksia tai oireita"),
        "occupational_health_ending": gettext_noop("työterveyshuolto tai työsuhde päättymässä"),
        "low_self_efficacy": gettext_noop(
            "heikko pystyvyys tai oma kokemus alentuneesta työkyvystä"
        ),
        "learning_difficulties": gettext_noop("oppimisvaikeuksia"),
        "addiction": gettext_noop("riippuvuuksia"),
    },
    "work_ability_needs": {
        "sick_leave": gettext_noop("sairausloma"),
        "rehabilitation": gettext_noop("kuntoutus"),
        "further_investigation": gettext_noop("tarkemmat selvittelyt"),
    },
    "life_management_barriers": {
        "daily_life": gettext_noop("arkielämän hallinta"),
        "housing": gettext_noop("asuminen tai asunnottomuus"),
        "debt": gettext_noop("velat, köyhyys tai toimeentulo-ongelmat"),
        "substance_use": gettext_noop("päihteet"),
        "violence": gettext_noop("väkivallan kokeminen tai näkeminen"),
        "loneliness": gettext_noop("yksinäisyys tai syrjäytyminen"),
        "other": gettext_noop("muu elämänhallinnan ongelma"),
    },
    "client_of": {
        "tyokykykoordinaattori": gettext_noop("työkykykoordinaattori"),
        "tyottomien-terveystarkastus": gettext_noop("työttömien terveydenhoitaja"),
        "tyoikaisten-sosiaalipalvelut": gettext_noop("työikäisten sosiaalipalvelut"),
        "tyollistymista-edistavat-sosiaalipalvelut": gettext_noop(
            "työllistymistä edistävät sosiaalipalvelut"
        ),
        "erikoissairaanhoito": gettext_noop("erikoissairaanhoito"),
        "mielenterveys-ja-paihdepalvelut": gettext_noop("mielenterveys- ja päihdepalvelut"),
    },
}

STATUS: dict[str, str] = {
    "eligible": gettext_noop("täyttyy"),
    "not_eligible": gettext_noop("ei täyty"),
    "unknown": gettext_noop("ei tiedetä"),
    "not_available": gettext_noop("palvelua ei ole tarkastelupäivänä"),
}

OUTCOMES: dict[str, str] = {
    "accident_insurance": gettext_noop("tapaturma- tai liikennevakuutuslaitos"),
    "establish_threat": gettext_noop("selvitä ensin työkyvyttömyyden uhka (lääkäri, B-lausunto)"),
    "earnings_related_pension": gettext_noop("työeläkelaitos (ammatillinen työeläkekuntoutus)"),
    "kela": gettext_noop("Kela"),
    "te-palvelut": gettext_noop("TE-palvelut (harkinnanvarainen täydentäjä)"),
    "tyovoimaviranomainen": gettext_noop("työvoimaviranomainen (harkinnanvarainen täydentäjä)"),
    "occupational_health_care": gettext_noop("työterveyshuolto"),
    "student_health_care": gettext_noop("opiskeluterveydenhuolto"),
    "unemployed_health_check": gettext_noop("työttömien terveystarkastus"),
    "health_centre": gettext_noop("terveysasema"),
}


def fi_number(value: float) -> str:
    """Finnish number: ``41 143,38``; whole numbers without decimals."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", "\u00a0")


def fi_date(day: object) -> str:
    """d.m.yyyy"""
    return f"{day.day}.{day.month}.{day.year}"  # type: ignore[attr-defined]
