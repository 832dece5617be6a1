"""The plan's choices: how it was made, the states of its goals and actions, who answers for an
action, the client's other plans and the GAS scale of a goal review."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanningMode(models.TextChoices):
    """The three ways of planning of seed 002."""

    DIVISION_OF_WORK = "division_of_work", _("työnjako")
    GROUP_WORK = "group_work", _("ryhmätyö, asiakas mukana")
    MEDIATED = "mediated", _("välittynyt suunnittelu ilman asiakasta")


class GoalStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("kesken")
    ACHIEVED = "achieved", _("saavutettu")
    NOT_ACHIEVED = "not_achieved", _("ei saavutettu")
    DROPPED = "dropped", _("luovuttu")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("suunniteltu")
    IN_PROGRESS = "in_progress", _("käynnissä")
    DONE = "done", _("toteutunut")
    CANCELLED = "cancelled", _("peruttu")


class Responsible(models.TextChoices):
    """Who answers for an action: the client's own tasks too (työnjako, seed 001)."""

    CLIENT = "client", _("asiakas")
    PROFESSIONAL = "professional", _("ammattilainen")
    ORGANISATION = "organisation", _("organisaatio")


class ExternalPlanKind(models.TextChoices):
    ACTIVATION = "activation", _("aktivointisuunnitelma")
    TYM = "tym", _("TYM: monialainen työllistymissuunnitelma")
    CARE = "care", _("hoitosuunnitelma")
    OTHER = "other", _("muu suunnitelma")


class Attainment(models.IntegerChoices):
    """Goal Attainment Scaling: −2 much less than expected … +2 much more."""

    MUCH_LESS = -2, _("−2 selvästi odotettua heikompi")
    LESS = -1, _("−1 odotettua heikompi")
    EXPECTED = 0, _("0 odotettu taso")
    MORE = 1, _("+1 odotettua parempi")
    MUCH_MORE = 2, _("+2 selvästi odotettua parempi")


class VersionChange(models.TextChoices):
    """What made a new version of the plan."""

    CREATE = "create", _("suunnitelma aloitettu")
    SAVE = "save", _("suunnitelmaa muutettu")
    REVIEW = "review", _("tavoite arvioitu")
    AGREE = "agree", _("suunnitelma sovittu")
    CLIENT = "client", _("asiakas päivitti oman tehtävänsä")
