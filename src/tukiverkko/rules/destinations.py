"""Where the Työkykymittari and the rehabilitation organiser send a person, as catalogue
service types — so that a page can show the local services of a municipality with their
contacts (seed [000]: "Ohjaa sinne", "Ohjaa työttömien terveydenhoitajalle ja/tai konsultoi
työkykykoordinaattoria", "Lääkäri, fysioterapeutti, toimintaterapeutti, MiePä-tiimi, työikäisten
sosiaalipalvelut").

Each destination lists its service types in tiers: the first tier with an offering in the
municipality is shown; the next tiers are the nearest substitutes where a region has no such
service (Satakunta has no work-ability coordinator, its work-ability teams do the work).
Pure data: no Django here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tukiverkko.rules.labels import gettext_noop as _


@dataclass(frozen=True)
class Destination:
    id: str
    label: str
    tiers: tuple[tuple[str, ...], ...]
    source: str

    def service_types(self) -> list[str]:
        return [slug for tier in self.tiers for slug in tier]


DESTINATIONS: dict[str, Destination] = {
    d.id: d
    for d in (
        Destination(
            "occupational_health", _("Työterveyshuolto"), (("tyoterveyshuolto",),), "[000]"
        ),
        Destination(
            "unemployed_health_nurse",
            _("Työttömien terveydenhoitaja"),
            (
                ("tyottomien-terveystarkastus",),
                ("perusterveydenhuolto", "hoidon-tarpeen-arviointi"),
            ),
            "[000]",
        ),
        Destination(
            "coordinator",
            _("Työkykykoordinaattori"),
            (("tyokykykoordinaattori",), ("tyokyvyn-tuen-tiimi",)),
            "[000]",
        ),
        Destination(
            "doctor",
            _("Lääkäri"),
            (("tyokyvyn-tuen-laakari",), ("perusterveydenhuolto", "hoidon-tarpeen-arviointi")),
            "[000]",
        ),
        Destination(
            "physiotherapist",
            _("Fysioterapeutti"),
            (("fysioterapia",), ("kuntoutuspalvelut",)),
            "[000]",
        ),
        Destination(
            "occupational_therapist",
            _("Toimintaterapeutti"),
            (("toimintaterapia",), ("kuntoutuspalvelut",)),
            "[000]",
        ),
        Destination(
            "miepa",
            _("MiePä-tiimi (mielenterveys- ja päihdetyö)"),
            (("psykiatrinen-sairaanhoitaja", "mielenterveys-ja-paihdepalvelut"),),
            "[000]",
        ),
        Destination(
            "social_services",
            _("Työikäisten sosiaalipalvelut"),
            (
                ("tyoikaisten-sosiaalipalvelut",),
                (
                    "sosiaalihuollon-ohjaus-ja-neuvonta",
                    "tyollistymista-edistavat-sosiaalipalvelut",
                    "sosiaaliohjaus",
                ),
            ),
            "[000]",
        ),
        # The organisers of vocational rehabilitation (RULEBOOK §2), for the checker's route.
        Destination(
            "accident_insurance",
            _("Tapaturma- tai liikennevakuutuslaitos"),
            (("ammatillinen-kuntoutus",),),
            "[002]",
        ),
        Destination(
            "earnings_related_pension",
            _("Työeläkelaitos"),
            (("tyoelakekuntoutus",),),
            "[002]",
        ),
        Destination(
            "kela", _("Kela"), (("kela-kuntoutus", "kela-viranomaispalvelu"),), "[001]; [002]"
        ),
    )
}

#: The Työkykymittari's referral steps → where to (``next_step`` of the screening app).
STEP_DESTINATIONS: dict[str, tuple[str, ...]] = {
    "refer_occupational_health": ("occupational_health",),
    "refer_unemployed_health_nurse_or_coordinator": ("unemployed_health_nurse", "coordinator"),
    "consult_coordinator": ("coordinator",),
}

#: The professionals the Työkykymittari names as other options (``tyokykymittari.PROFESSIONALS``).
PROFESSIONAL_DESTINATIONS: dict[str, str] = {
    "lääkäri": "doctor",
    "fysioterapeutti": "physiotherapist",
    "toimintaterapeutti": "occupational_therapist",
    "MiePä-tiimi": "miepa",
    "työikäisten sosiaalipalvelut": "social_services",
}

#: The rehabilitation organiser (routes.VOCATIONAL_REHABILITATION outcome) → where to.
ORGANISER_DESTINATIONS: dict[str, str] = {
    "accident_insurance": "accident_insurance",
    "earnings_related_pension": "earnings_related_pension",
    "kela": "kela",
    "establish_threat": "doctor",
}
