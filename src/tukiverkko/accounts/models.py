"""Organisations of the network and the professionals who use Tukiverkko."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus


class Sector(models.TextChoices):
    PUBLIC = "public", _("julkinen")
    THIRD_SECTOR = "third_sector", _("kolmas sektori")
    PRIVATE = "private", _("yksityinen")


class Role(models.TextChoices):
    """Roles of the network (seeds 000–004) plus the two roles the software itself needs."""

    WORK_ABILITY_COORDINATOR = "work_ability_coordinator", _("työkykykoordinaattori")
    UNEMPLOYED_HEALTH_NURSE = "unemployed_health_nurse", _("työttömien terveydenhoitaja")
    DOCTOR = "doctor", _("lääkäri")
    PHYSIOTHERAPIST = "physiotherapist", _("fysioterapeutti")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("toimintaterapeutti")
    PSYCHIATRIC_NURSE = "psychiatric_nurse", _("psykiatrinen sairaanhoitaja")
    SUBSTANCE_ABUSE_WORKER = "substance_abuse_worker", _("päihdetyöntekijä")
    SOCIAL_WORKER = "social_worker", _("sosiaalityöntekijä")
    SOCIAL_INSTRUCTOR = "social_instructor", _("sosiaaliohjaaja")
    EMPLOYMENT_EXPERT = "employment_expert", _("työllisyysasiantuntija / omavalmentaja")
    JOB_COACH = "job_coach", _("työhönvalmentaja")
    KELA_EXPERT = "kela_expert", _("Kela-asiantuntija")
    YOUTH_WORKER = "youth_worker", _("nuorisotyöntekijä")
    STUDY_COUNSELLOR = "study_counsellor", _("opinto-ohjaaja / kuraattori")
    MANAGER = "manager", _("esihenkilö")
    CATALOGUE_EDITOR = "catalogue_editor", _("palvelutietojen ylläpitäjä")
    DATA_PROTECTION = "data_protection", _("tietosuojavastaava")
    ADMINISTRATOR = "administrator", _("pääkäyttäjä")


def validate_business_id(value: str) -> None:
    """Y-tunnus with its check digit (python-stdnum)."""
    if not ytunnus.is_valid(value):
        raise ValidationError(
            _("Y-tunnus %(value)s ei ole kelvollinen (muoto 1234567-8, tarkiste oikein)."),
            params={"value": value},
            code="invalid_business_id",
        )


class Region(models.Model):
    """Hyvinvointialue (wellbeing services county) — the catalogue's regional unit."""

    slug = models.SlugField(unique=True)
    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class Municipality(models.Model):
    name_fi = models.CharField(max_length=100, unique=True)
    name_sv = models.CharField(max_length=100, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name_fi"]
        verbose_name_plural = "municipalities"

    def __str__(self) -> str:
        return self.name_fi


class Organisation(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name_fi = models.CharField(max_length=300)
    name_sv = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    business_id = models.CharField(
        "Y-tunnus", max_length=9, blank=True, validators=[validate_business_id]
    )
    sector = models.CharField(max_length=20, choices=Sector.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    website = models.URLField(blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class Register(models.TextChoices):
    """Whose records a unit keeps. Inside one wellbeing county, health-care (potilasrekisteri) and
    social-care (sosiaalihuollon asiakasrekisteri) records are separate registers (703/2023);
    other organisations (Kela, the employment authority, a town, an NGO) are separate controllers
    and keep their own records."""

    HEALTH_CARE = "health_care", _("terveydenhuolto")
    SOCIAL_CARE = "social_care", _("sosiaalihuolto")
    OTHER = "other", _("muu palvelu")


class Unit(models.Model):
    """A part of an organisation that professionals work in and that receives referrals
    (e.g. "Työttömien terveyspalvelut", "Työikäisten sosiaalipalvelut")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    slug = models.SlugField(max_length=120)
    name_fi = models.CharField(max_length=300)
    name_sv = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    register = models.CharField(max_length=20, choices=Register.choices)

    class Meta:
        ordering = ["organisation__name_fi", "name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unit_slug_per_org")
        ]

    def __str__(self) -> str:
        return self.name_fi


class User(AbstractUser):
    """A professional (or an administrator) of the network."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    title = models.CharField(_("nimike"), max_length=200, blank=True)
    # The work phone the client may call (the portal shows it with the work e-mail).
    phone = models.CharField(_("työpuhelin"), max_length=40, blank=True, db_default="")

    def clean(self) -> None:
        super().clean()
        if self.unit is not None and self.unit.organisation_id != self.organisation_id:
            raise ValidationError(
                {"unit": _("Yksikön on kuuluttava käyttäjän organisaatioon.")},
                code="unit_of_other_organisation",
            )

    def __str__(self) -> str:
        return self.get_full_name() or self.username
