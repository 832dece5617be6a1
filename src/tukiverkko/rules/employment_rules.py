"""Eligibility of the employment, social and youth service types (data).

Part of :mod:`tukiverkko.rules.definitions`, which lists every rule; the parts are in
:mod:`tukiverkko.rules.criteria`.
"""

from __future__ import annotations

from tukiverkko.rules.criteria import (
    C_BARRIER,
    C_UNEMPLOYED,
    CONSENT,
    PLAN,
    RECEIVES_UNEMPLOYMENT_BENEFIT,
    SOCIAL_CARE_DECISION,
    TYM_CRITERIA,
    UNEMPLOYED,
    UNKNOWN,
    Practice,
    ServiceRule,
    c,
    client_of,
)
from tukiverkko.rules.expr import Const, F, Not, P, all_of, any_of
from tukiverkko.rules.labels import gettext_noop as _

# HE 109/2025 in force (dated flag, data/parameters/kuntouttava_tyotoiminta.yaml).
KTT_2026 = P("kuntouttava_tyotoiminta.he_109_2025_in_force").eq(1)

KUNTAKOKEILU_TARGET = (
    c("jobseeker", _("Työtön tai lomautettu työnhakija"), "[001]", UNEMPLOYED),
    c(
        "target_group",
        _(
            "Ei ansiosidonnaista: saa työmarkkinatukea tai peruspäivärahaa, TAI äidinkieli muu "
            "kuin suomi, ruotsi tai saame, TAI ei Suomen kansalainen, TAI alle "
            "{kuntakokeilu.young_age_max_exclusive}-vuotias"
        ),
        "[001]; laki 1269/2020",
        any_of(
            F("unemployment_benefit").isin("labour_market_subsidy", "basic"),
            Not(F("mother_tongue").isin("fi", "sv", "se")),
            Not(F("finnish_citizen")),
            F("age").lt(P("kuntakokeilu.young_age_max_exclusive")),
        ),
    ),
)

EMPLOYMENT_RULES: tuple[ServiceRule, ...] = (
    ServiceRule(
        "kuntouttava-tyotoiminta",
        _("Kuntouttava työtoiminta"),
        (
            C_UNEMPLOYED,
            c(
                "lms_or_social_assistance",
                _(
                    "Pitkään jatkuneen työttömyyden perusteella oikeus työmarkkinatukeen tai "
                    "saa toimeentulotukea"
                ),
                "[001]; laki 189/2001 1 § (399/2023)",
                any_of(
                    F("unemployment_benefit").eq("labour_market_subsidy"),
                    F("receives_social_assistance"),
                ),
                when=Not(KTT_2026),
            ),
            c(
                "social_assistance_or_benefit",
                _(
                    "Saa työttömyyden perusteella toimeentulotukea (aktivointisuunnitelma) tai "
                    "työttömyysetuutta (monialainen työllistymissuunnitelma); "
                    "pitkäaikaistyöttömyyden ehto poistui"
                ),
                "HE 109/2025; StVM 27/2025 (voimaantulo 2026, säädöstä ei tarkistettu)",
                any_of(F("receives_social_assistance"), RECEIVES_UNEMPLOYMENT_BENEFIT),
                when=KTT_2026,
            ),
            c(
                "capacity_limits",
                _(
                    "Ei työ- ja toimintakykynsä rajoitusten vuoksi voi osallistua julkisiin "
                    "työvoimapalveluihin tai työhön"
                ),
                "[001] Kuntouttava työtoiminta, Kenelle?",
                F("capacity_prevents_employment_services"),
            ),
        ),
        (SOCIAL_CARE_DECISION, PLAN),
    ),
    ServiceRule("tym", _("Työllistymisen monialainen edistäminen (TYM)"), TYM_CRITERIA, (CONSENT,)),
    ServiceRule(
        "typ",
        _("Työllistymistä edistävä monialainen yhteispalvelu (TYP)"),
        (
            C_UNEMPLOYED,
            c(
                "capacity_or_life_management",
                _(
                    "Työllistymiseen vaikuttavia työ- ja toimintakyvyn tai elämänhallinnan haasteita"
                ),
                "[001] TYP, Kenelle?",
                C_BARRIER.expr,
            ),
            c(
                "prospect_2_years",
                _("Työllistymisen tai opiskelun näkymä noin kahden vuoden sisällä"),
                "[001]",
                F("employment_prospect_within_2_years"),
            ),
            c(
                "duration",
                _(
                    "Työmarkkinatukea vähintään {typ.labour_market_subsidy_days_min} päivää, tai "
                    "{typ.young_age_limit} vuotta täyttänyt ja työtön yhtäjaksoisesti "
                    "{typ.unemployment_months_min_adult} kk, tai alle {typ.young_age_limit}-"
                    "vuotias ja työtön {typ.unemployment_months_min_young} kk"
                ),
                "[001]; laki 1369/2014",
                any_of(
                    F("labour_market_subsidy_days").ge(P("typ.labour_market_subsidy_days_min")),
                    all_of(
                        F("age").ge(P("typ.young_age_limit")),
                        F("unemployment_months_continuous").ge(
                            P("typ.unemployment_months_min_adult")
                        ),
                    ),
                    all_of(
                        F("age").lt(P("typ.young_age_limit")),
                        F("unemployment_months_continuous").ge(
                            P("typ.unemployment_months_min_young")
                        ),
                    ),
                ),
            ),
        ),
    ),
    ServiceRule(
        "kuntakokeilu",
        _("Työllisyyden kuntakokeilu"),
        (
            *KUNTAKOKEILU_TARGET,
            c(
                "pilot_municipality",
                _(
                    "Kotikunta kuului kuntakokeiluun (sääntökirjassa vain Lahden seudun "
                    "kokeilun kunnat)"
                ),
                "laki 1269/2020; [001]",
                UNKNOWN,
            ),
        ),
        practices=(
            Practice("lahden-seudun-kuntakokeilu", KUNTAKOKEILU_TARGET),
            Practice(
                "paijat-hame",
                (
                    c(
                        "pilot_municipality",
                        _(
                            "Kotikunta ei kuulunut Lahden seudun kuntakokeiluun (Lahti, Asikkala, "
                            "Hollola, Kärkölä, Orimattila)"
                        ),
                        "[001]",
                        Const(False),
                    ),
                ),
            ),
        ),
    ),
    ServiceRule(
        "etsiva-nuorisotyo",
        _("Etsivä nuorisotyö"),
        (
            c(
                "age",
                _(
                    "Ikä {youth.etsiva_nuorisotyo_age_min}–alle "
                    "{youth.etsiva_nuorisotyo_age_max_exclusive} vuotta"
                ),
                "[000]; nuorisolaki 1285/2016",
                all_of(
                    F("age").ge(P("youth.etsiva_nuorisotyo_age_min")),
                    F("age").lt(P("youth.etsiva_nuorisotyo_age_max_exclusive")),
                ),
            ),
        ),
    ),
    ServiceRule(
        "ohjaamo",
        _("Ohjaamo"),
        (
            c(
                "age",
                _("Ikä {youth.ohjaamo_age_min}–{youth.ohjaamo_age_max} vuotta"),
                "[001]",
                all_of(
                    F("age").ge(P("youth.ohjaamo_age_min")),
                    F("age").le(P("youth.ohjaamo_age_max")),
                ),
            ),
        ),
    ),
    ServiceRule(
        "jalkihuolto",
        _("Lastensuojelun jälkihuolto"),
        (
            c(
                "aftercare_entitled",
                _("Ollut lastensuojelun asiakas, jolla oikeus jälkihuoltoon"),
                "[000]",
                F("child_protection_aftercare"),
            ),
            c(
                "age",
                _("Alle {youth.jalkihuolto_age_max_exclusive}-vuotias"),
                "[000]; HE 56/2023",
                F("age").lt(P("youth.jalkihuolto_age_max_exclusive")),
            ),
        ),
    ),
    ServiceRule(
        "mediapaja",
        _("Mediapaja"),
        (
            c(
                "age",
                _("Alle {youth.mediapaja_age_max_exclusive}-vuotias"),
                "[000]",
                F("age").lt(P("youth.mediapaja_age_max_exclusive")),
            ),
        ),
    ),
    ServiceRule(
        "ips-tyohonvalmennus",
        _("IPS-työhönvalmennus"),
        (
            c(
                "social_services_client",
                _(
                    "Sosiaalihuollon asiakas (työllistymistä edistävät tai työikäisten "
                    "sosiaalipalvelut)"
                ),
                "[003]; [001]",
                client_of(
                    "tyollistymista-edistavat-sosiaalipalvelut", "tyoikaisten-sosiaalipalvelut"
                ),
            ),
            c(
                "aims_at_labour_market",
                _("Tavoitteena paluu avoimille työmarkkinoille"),
                "[003]",
                F("goal_open_labour_market"),
            ),
        ),
        (SOCIAL_CARE_DECISION,),
    ),
    ServiceRule(
        "vammaispalvelujen-tyohonvalmennus",
        _("Vammaispalvelujen työhönvalmennus"),
        (
            c(
                "disability",
                _("Vammaispalvelujen asiakas tai oikeutettu niihin"),
                "[001]; [003]; sosiaalihuoltolaki 710/1982 27 d § ja vammaispalvelulaki "
                "675/2023 (1.1.2025, THL vammaispalvelujen käsikirja)",
                F("disability"),
            ),
        ),
        (SOCIAL_CARE_DECISION,),
    ),
    ServiceRule(
        "ryhmamuotoinen-tyollistyminen",
        _("Ryhmämuotoinen työllistyminen"),
        (
            c(
                "disability_day_activity",
                _("Vammaispalvelujen päivä- tai työtoiminnan asiakas"),
                "[001]",
                F("in_disability_day_activity"),
            ),
        ),
    ),
)
