"""The case's phases and transition table, and its outcomes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("odottaa hyväksyntää")
    ACCEPTED = "accepted", _("hyväksytty")
    DECLINED = "declined", _("hylätty")
    CANCELLED = "cancelled", _("peruttu")
