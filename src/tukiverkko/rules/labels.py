"""Finnish names of fields, values and outcomes (the source strings for sv/en translation).

``gettext_noop`` only marks a string for ``makemessages``; this module imports no Django. The
web page translates them with ``gettext`` at render time.
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    return text


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
}

STATUS: dict[str, str] = {
    "eligible": gettext_noop("täyttyy"),
    "not_eligible": gettext_noop("ei täyty"),
    "unknown": gettext_noop("ei tiedetä"),
    "not_available": gettext_noop("palvelua ei ole tarkastelupäivänä"),
}

OUTCOMES: dict[str, str] = {
    "accident_insurance": gettext_noop("tapaturma- tai liikennevakuutuslaitos"),
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
