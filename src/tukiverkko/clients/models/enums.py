"""The case's phases and transition table, outcomes, and the information categories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Phase(models.TextChoices):
    """Päijät-Sote service-path phases (RULEBOOK §6, seed 001)."""

    IDENTIFICATION = "identification", _("tunnistaminen")
    JOINT_ASSESSMENT = "joint_assessment", _("yhteinen arviointi")
    JOINT_PLAN = "joint_plan", _("yhteinen suunnitelma")
    IMPLEMENTATION = "implementation", _("toteutus")
    FOLLOW_UP = "follow_up", _("seuranta ja arviointi")
    CLOSED = "closed", _("päättynyt")


# Which phase may follow which. A case can always close (the client moves away or withdraws),
# may step back one phase when the picture changes, and returns from follow-up to the plan
# when the plan needs revising. Nobody skips the plan: toteutus needs a yhteinen suunnitelma.
TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.IDENTIFICATION: frozenset({Phase.JOINT_ASSESSMENT, Phase.CLOSED}),
    Phase.JOINT_ASSESSMENT: frozenset({Phase.JOINT_PLAN, Phase.IDENTIFICATION, Phase.CLOSED}),
    Phase.JOINT_PLAN: frozenset({Phase.IMPLEMENTATION, Phase.JOINT_ASSESSMENT, Phase.CLOSED}),
    Phase.IMPLEMENTATION: frozenset({Phase.FOLLOW_UP, Phase.JOINT_PLAN, Phase.CLOSED}),
    Phase.FOLLOW_UP: frozenset({Phase.JOINT_PLAN, Phase.IMPLEMENTATION, Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}


class Outcome(models.TextChoices):
    OPEN_LABOUR_MARKET = "open_labour_market", _("avoimet työmarkkinat")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("tuettu työllistyminen")
    STUDIES = "studies", _("opinnot")
    REHABILITATION = "rehabilitation", _("kuntoutus")
    SICKNESS_ALLOWANCE = "sickness_allowance", _("sairauspäiväraha")
    PENSION = "pension", _("eläke")
    ANOTHER_SERVICE = "another_service", _("muu palvelu")
    MOVED_AWAY = "moved_away", _("muutti pois")
    CLIENT_WITHDREW = "client_withdrew", _("asiakas keskeytti")
    OTHER = "other", _("muu")


class InfoCategory(models.TextChoices):
    """Tietoryhmä: what kind of information a journal entry holds and a consent covers."""

    HEALTH = "health", _("terveys")
    SOCIAL = "social", _("sosiaali")
    EMPLOYMENT = "employment", _("työllisyys")
    BENEFITS = "benefits", _("etuudet")
    EDUCATION = "education", _("koulutus")


# The Heinola network quick guide (RULEBOOK §7, seed 000), step by step.
CHECKLIST_STEPS: dict[int, StrOrPromise] = {
    1: _("Tunnista työkyvyn haaste Työkykymittarilla"),
    2: _("Käytä apuna työttömien terveydenhoitajan ja työkykykoordinaattorin asiantuntemusta"),
    3: _(
        "Ota asiakkaan luvalla (yksikkösi kirjallinen suostumus) yhteyttä verkoston muihin jäseniin"
    ),
    4: _("Yrittäkää yhdessä hahmottaa, mikä työllistymisen esteenä on"),
    5: _("Tapaa tarvittaessa asiakasta yhdessä verkoston muiden jäsenten kanssa"),
    6: _("Verkosto ja asiakas suunnittelevat jatkot – kaikilla yhteinen näkemys tilanteesta"),
    7: _("Sopikaa kuka on vastuussa seurannasta"),
}
FOLLOW_UP_STEP = 7
