"""Eligibility of the health-care, rehabilitation and pension service types (data).

Part of :mod:`tukiverkko.rules.definitions`, which lists every rule; the parts are in
:mod:`tukiverkko.rules.criteria`.
"""

from __future__ import annotations

from tukiverkko.rules.criteria import (
    BELOW_LOWEST_PENSION_AGE,
    C_LIMITATION,
    C_MULTIPROFESSIONAL,
    C_NO_OHC,
    C_NO_SHC,
    C_UNEMPLOYED,
    CONSENT,
    IS_STUDENT,
    LIMITATION,
    NEED_FOUND,
    NO_OCCUPATIONAL_HC,
    NURSE_OR_COORDINATOR,
    REFERRAL,
    TYM_CRITERIA,
    UNEMPLOYED,
    UNKNOWN,
    Practice,
    Requirement,
    ServiceRule,
    c,
    client_of,
)
from tukiverkko.rules.expr import Contains, F, Not, P, all_of, any_of
from tukiverkko.rules.labels import gettext_noop as _

DOCTOR_CRITERIA = (
    c(
        "needs_assessment_by_doctor",
        _(
            "Tarvitsee arvion työkyvystä tai hoidon, kuntoutuksen tai sairausloman tarpeesta "
            "(Työkykymittari: tarve todettu)"
        ),
        "[000]; [001]; [003]",
        NEED_FOUND,
    ),
    c("no_occupational_hc", _("Ei työterveyshuoltoa (muuten sinne)"), "[000]", NO_OCCUPATIONAL_HC),
)
C_MENTAL_HEALTH = c(
    "mental_health_concern",
    _("Jaksamisen tai mielenterveyden haasteita"),
    "[001] Psykiatrinen sairaanhoitaja, Miksi?; [000] MiePä-tiimi",
    F("mental_health_concern"),
)


HEALTH_RULES: tuple[ServiceRule, ...] = (
    ServiceRule(
        "tyottomien-terveystarkastus",
        _("Työttömien terveystarkastus"),
        (C_UNEMPLOYED, C_NO_OHC, C_NO_SHC),
        practices=(
            Practice(
                "paijat-hame",
                (C_UNEMPLOYED, C_NO_OHC, C_NO_SHC),
                (
                    Requirement(
                        "employment_or_social_care_referral",
                        _(
                            "Työllisyyspalvelujen tai sosiaalihuollon lähete; asiakas täyttää "
                            "esitietolomakkeen ennen tarkastusta"
                        ),
                    ),
                ),
            ),
        ),
    ),
    ServiceRule(
        "tyokykykoordinaattori",
        _("Työkykykoordinaattori"),
        (
            c(
                "work_ability_limitation",
                _("Työ- tai toimintakyvyn haaste, joka vaikeuttaa työllistymistä tai opintoja"),
                "[000]; [003]",
                LIMITATION,
            ),
            c(
                "no_occupational_hc",
                _("Ei työterveyshuoltoa (muuten ohjataan sinne)"),
                "[000] Työkykymittari",
                NO_OCCUPATIONAL_HC,
            ),
        ),
        practices=(
            Practice(
                "heinola",
                (
                    c(
                        "heinola_target",
                        _(
                            "Työtön, jolla on työ- tai toimintakyvyn haaste eikä "
                            "työterveyshuoltoa (Työkykymittari: ”Työtön? … konsultoi "
                            "työkykykoordinaattoria”), TAI opiskelija, jonka opinnoissa on "
                            "vakavia vaikeuksia (Salpaus: ”Konsultoi työkykykoordinaattoria”)"
                        ),
                        "[000] Työkykymittari; [000] Koulutuskeskus Salpaus",
                        any_of(
                            all_of(UNEMPLOYED, LIMITATION, NO_OCCUPATIONAL_HC),
                            all_of(IS_STUDENT, F("study_difficulties")),
                        ),
                    ),
                ),
            ),
            Practice(
                "paijat-hame",
                (
                    C_UNEMPLOYED,
                    c(
                        "experience_or_unclear",
                        _(
                            "Oma kokemus työkyvyttömyydestä, paljon haasteita työ- ja "
                            "toimintakyvyssä tai työllistymisen esteiden syyt epäselvät"
                        ),
                        "[001] Työkykykoordinaattori, Kenelle?",
                        any_of(
                            Contains(F("triggers"), "low_self_efficacy"),
                            LIMITATION,
                            F("employment_barrier_causes_unclear"),
                        ),
                    ),
                    c(
                        "single_services_not_helped",
                        _("Yksittäisistä palveluista ei ole löytynyt ratkaisua"),
                        "[001]",
                        F("single_services_not_helped"),
                    ),
                ),
            ),
            Practice(
                "varsinais-suomi",
                (
                    c(
                        "work_ability_limitation",
                        _("Työkyvyn haaste, joka vaikeuttaa työllistymistä"),
                        "[003]",
                        LIMITATION,
                    ),
                    c(
                        "needs_coordination",
                        _("Tarvitsee työkyvyn tuen palvelujen koordinointia"),
                        "[003]",
                        F("needs_service_coordination"),
                    ),
                    C_NO_OHC,
                    C_NO_SHC,
                    c(
                        "not_tym_client",
                        _(
                            "Ei kuulu TYM:n piiriin (TYM-asiakkaan polkua koordinaattori "
                            "koordinoi vain, jos terveydenhuollon palveluja tarvitsevan "
                            "tilanne sitä vaatii)"
                        ),
                        "[003]",
                        any_of(Not(F("in_multisectoral_service")), UNKNOWN),
                    ),
                ),
            ),
        ),
    ),
    ServiceRule(
        "tyokyvyn-tuen-tiimi",
        _("Työkyvyn tuen tiimi"),
        (C_MULTIPROFESSIONAL, C_NO_OHC, C_NO_SHC),
        (CONSENT,),
        practices=(
            Practice(
                "varsinais-suomi",
                (
                    C_MULTIPROFESSIONAL,
                    C_NO_OHC,
                    C_NO_SHC,
                    c(
                        "not_via_tym",
                        _("Tukea ei saada TYM-palvelun kautta (ei TYM-asiakas eikä sen piirissä)"),
                        "[003]",
                        Not(
                            any_of(
                                F("in_multisectoral_service"),
                                all_of(*(x.expr for x in TYM_CRITERIA)),
                            )
                        ),
                    ),
                ),
                (CONSENT,),
            ),
        ),
    ),
    ServiceRule(
        "tyokyvyn-tuen-laakari",
        _("Työkyvyn tuen lääkäri"),
        DOCTOR_CRITERIA,
        practices=(Practice("heinola", DOCTOR_CRITERIA, (NURSE_OR_COORDINATOR,)),),
    ),
    ServiceRule(
        "kuntoutustutkimus",
        _("Kuntoutustutkimus (erikoissairaanhoito)"),
        (
            c(
                "work_disability_threat",
                _("Lääkärin toteama työkyvyttömyyden uhka"),
                "[000]; [001]",
                F("work_disability_threat"),
            ),
            c(
                "specialist_or_pension_rehabilitee",
                _(
                    "Lisäksi: sairauksien selvittely tai hoito on jo erikoissairaanhoidossa, TAI "
                    "asiakas on työeläkekuntoutuja eikä työterveyshuolto ole käytössä tai "
                    "työterveyshuolto haluaa lisäselvityksiä"
                ),
                "[001] Erikoissairaanhoito, Kenelle?",
                any_of(
                    client_of("erikoissairaanhoito"),
                    all_of(
                        F("earnings_related_rehabilitee"),
                        any_of(NO_OCCUPATIONAL_HC, F("occupational_health_wants_investigation")),
                    ),
                ),
            ),
        ),
        (REFERRAL,),
    ),
    ServiceRule(
        "kela-tyokykyneuvoja",
        _("Kelan työkykyneuvoja"),
        (C_LIMITATION,),
        (CONSENT,),
        practices=(
            Practice(
                "heinola",
                (
                    c(
                        "client_of_named_units",
                        _(
                            "Työkykykoordinaattorin, työttömien terveydenhoitajan tai työikäisten "
                            "sosiaalipalvelujen asiakas"
                        ),
                        "[000] Kela, tapa 6",
                        client_of(
                            "tyokykykoordinaattori",
                            "tyottomien-terveystarkastus",
                            "tyoikaisten-sosiaalipalvelut",
                        ),
                    ),
                ),
                (
                    Requirement(
                        "booked_via_named_units",
                        _(
                            "Ajanvaraus keskitetysti työkykykoordinaattorin, työttömien "
                            "terveydenhoitajan tai työikäisten sosiaalipalvelujen kautta"
                        ),
                    ),
                    CONSENT,
                ),
            ),
        ),
    ),
    ServiceRule(
        "tyoterveyshuolto",
        _("Työterveyshuolto"),
        (
            c(
                "occupational_hc",
                _("Työterveyshuolto käytössä tai työsuhteessa (työnantaja järjestää)"),
                "[000] §4.2; työterveyshuoltolaki 1383/2001",
                any_of(
                    F("has_occupational_health_care"),
                    F("employment_status").eq("employed"),
                ),
            ),
        ),
    ),
    ServiceRule(
        "tyokyvyttomyyselake",
        _("Työkyvyttömyyseläke"),
        (
            c(
                "capacity_reduced",
                _(
                    "Työkyky alentunut vähintään "
                    "{disability_pension.capacity_reduction_partial_min} % (täysi eläke "
                    "vähintään {disability_pension.capacity_reduction_full_min} %)"
                ),
                "[002]",
                F("work_capacity_reduction_percent").ge(
                    P("disability_pension.capacity_reduction_partial_min")
                ),
            ),
            c(
                "duration",
                _(
                    "Työkyky alentunut yhtäjaksoisesti vähintään "
                    "{disability_pension.reduced_months_min} kk"
                ),
                "[002]",
                F("work_capacity_reduced_months").ge(P("disability_pension.reduced_months_min")),
            ),
            c(
                "age",
                _(
                    "Vähintään {disability_pension.age_min}-vuotias eikä ole täyttänyt "
                    "ikäluokkansa alinta vanhuuseläkeikää"
                ),
                "https://www.telp.fi/ohjeet/etuudet/tyoelakekuntoutus/oikeus-tyoelakekuntoutukseen/",
                all_of(F("age").ge(P("disability_pension.age_min")), BELOW_LOWEST_PENSION_AGE),
            ),
        ),
        (
            Requirement(
                "vocational_rehabilitation_checked",
                _("Ammatillisen kuntoutuksen mahdollisuus selvitetään ensin"),
            ),
        ),
    ),
    ServiceRule(
        "ammatillinen-kuntoutus",
        _("Ammatillinen kuntoutus"),
        (
            c(
                "threat_or_young",
                _(
                    "Lääkärin toteama työkyvyttömyyden uhka lähivuosina, TAI nuori (enintään "
                    "{vocational_rehabilitation.kela_young_age_max} v, Kelan nuoren ammatillinen "
                    "kuntoutus ilman sairautta)"
                ),
                "[002]; [001]",
                any_of(
                    F("work_disability_threat"),
                    F("age").le(P("vocational_rehabilitation.kela_young_age_max")),
                ),
            ),
            c(
                "below_pension_age",
                _("Ei ole täyttänyt ikäluokkansa alinta vanhuuseläkeikää"),
                "[002]; https://www.telp.fi/ohjeet/etuudet/tyoelakekuntoutus/oikeus-tyoelakekuntoutukseen/",
                BELOW_LOWEST_PENSION_AGE,
            ),
        ),
    ),
    ServiceRule(
        "paihdesairaanhoitaja",
        _("Päihdesairaanhoitaja"),
        (
            # [001]: no referral, no age limit; only a positive fact decides (the trigger list is
            # screening, not a diagnosis).
            c(
                "substance_use_concern",
                _("Huoli päihteiden käytöstä tai riippuvuudesta"),
                "[001]",
                any_of(
                    Contains(F("triggers"), "addiction"),
                    Contains(F("life_management_barriers"), "substance_use"),
                    UNKNOWN,
                ),
            ),
        ),
    ),
    ServiceRule(
        "psykiatrinen-sairaanhoitaja",
        _("Psykiatrinen sairaanhoitaja"),
        (C_MENTAL_HEALTH,),
        practices=(
            Practice(
                "heinola",
                (C_MENTAL_HEALTH,),
                (
                    Requirement(
                        "client_contacts_miepa",
                        _(
                            "Uusi asiakas soittaa itse terveyskeskuksen ajanvaraukseen (tai "
                            "chat pankkitunnuksin); vanhan asiakkaan (hoitosuhde voimassa tai "
                            "päättynyt vuoden sisällä) asiassa suoraan oma psykiatrinen "
                            "sairaanhoitaja"
                        ),
                    ),
                ),
            ),
            Practice("paijat-hame", (C_MENTAL_HEALTH,), (REFERRAL,)),
        ),
    ),
)
