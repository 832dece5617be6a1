"""The service catalogue: nationwide service types and organisations' local services.

Two levels as in Finland's national service catalogue (PTV): a ``ServiceType`` is stable and
nationwide (its slug is what the eligibility rules speak of); a ``Service`` is one
organisation's local offering of a type. Every text a person reads has fi/sv/en versions;
Finnish is required. A seed placeholder ("nimi", "000-000", "XX") never becomes data: the
field stays empty and the page says it is still to be filled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.models import Municipality, Organisation, Region
from tukiverkko.catalogue import validity

LANGS = ("fi", "sv", "en")
# Languages whose texts are translations of the Finnish one and carry a review status.
TRANSLATED_LANGS = ("sv", "en")
# A service not verified within this many days is on the editors' re-verify list.
VERIFY_EVERY_DAYS = 365
# The texts of a service a person reads (catalogue files, CSV columns, the loader's writer).
SERVICE_TEXTS = (
    "name",
    "what",
    "why",
    "how",
    "for_whom",
    "when_to_contact",
    "how_to_refer",
    "validity_unverified",
)
SERVICE_TYPE_TEXTS = ("name", "description", "eligibility")


def localised(obj: object, field: str, lang: str | None = None) -> str:
    """The field in the asked (or current) language, falling back to Finnish."""
    lang = (lang or get_language() or "fi")[:2]
    value = getattr(obj, f"{field}_{lang}", "") if lang in LANGS else ""
    return value or getattr(obj, f"{field}_fi", "")


class TranslationStatus(models.TextChoices):
    """Whether a person has checked a record's Swedish or English texts against the Finnish.

    Empty when the record has no text in that language. The catalogue files say it per record
    and language (``translations: {sv: unchecked, en: checked}``); see decision 0141.
    """

    UNCHECKED = "unchecked", pgettext_lazy("translation", "tarkistamatta")
    CHECKED = "checked", pgettext_lazy("translation", "tarkistettu")


def unchecked_translations(obj: object) -> list[str]:
    """The languages (sv, en) whose texts in this record no person has checked yet."""
    return [
        lang
        for lang in TRANSLATED_LANGS
        if getattr(obj, f"translation_{lang}", "") == TranslationStatus.UNCHECKED
    ]


class TranslationReviewed(models.Model):
    """A record whose Swedish and English texts carry a review status (decision 0141)."""

    translation_sv = models.CharField(
        _("ruotsinkielisten tekstien tarkistus"),
        max_length=10,
        choices=TranslationStatus.choices,
        blank=True,
    )
    translation_en = models.CharField(
        _("englanninkielisten tekstien tarkistus"),
        max_length=10,
        choices=TranslationStatus.choices,
        blank=True,
    )

    class Meta:
        abstract = True


class NeedAreaSlug(models.TextChoices):
    REHABILITATION = "rehabilitation", _("Kuntoutus")
    EMPLOYMENT = "employment", _("Työllistyminen")
    LIFE_MANAGEMENT = "life_management", _("Elämänhallinta")
    WELLBEING = "wellbeing", _("Hyvinvointi")
    EDUCATION = "education", _("Koulutus")
    LIVELIHOOD = "livelihood", _("Toimeentulo")


class NeedArea(models.Model):
    """The six need areas of seed 001 (tarvealueet); rows created by a data migration."""

    slug = models.CharField(max_length=20, choices=NeedAreaSlug.choices, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(NeedAreaSlug(self.slug).label)


class AccessRouteSlug(models.TextChoices):
    SELF_REFERRAL = "self_referral", _("Asiakas voi ottaa itse yhteyttä")
    PROFESSIONAL_REFERRAL = "professional_referral", _("Ammattilaisen ohjaamana tai lähetteellä")
    DOCTOR_REFERRAL = "doctor_referral", _("Lääkärin lähetteellä")
    SOCIAL_CARE_DECISION = "social_care_decision", _("Sosiaalihuollon päätöksellä")
    NAMED_PROFESSIONALS_ONLY = (
        "named_professionals_only",
        _("Vain nimettyjen ammattilaisten kautta"),
    )


class AccessRoute(models.Model):
    slug = models.CharField(max_length=30, choices=AccessRouteSlug.choices, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(AccessRouteSlug(self.slug).label)


class NetworkGroup(models.TextChoices):
    """Where an actor stands in the network figure (seed 000 "Työkyvyn tuen palveluverkosto")."""

    HEALTH = "health", _("Perusterveydenhuolto")
    REHABILITATION = "rehabilitation", _("Kuntoutuspalvelut")
    SPECIALIST = "specialist", _("Erikoissairaanhoito")
    MENTAL_HEALTH = "mental_health", _("Mielenterveys- ja päihdepalvelut")
    SOCIAL = "social", _("Sosiaalipalvelut")
    EMPLOYMENT = "employment", _("Työllisyyspalvelut")
    YOUTH = "youth", _("Nuorisopalvelut")
    EDUCATION = "education", _("Koulutus")
    KELA = "kela", _("Kela")
    PENSION = "pension", _("Työeläke ja työterveys")
    THIRD_SECTOR = "third_sector", _("Kolmas sektori")


class ServiceType(TranslationReviewed):
    slug = models.SlugField(max_length=80, unique=True)
    name_fi = models.CharField(max_length=300)
    name_sv = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    description_fi = models.TextField()
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    eligibility_fi = models.TextField(blank=True)
    eligibility_sv = models.TextField(blank=True)
    eligibility_en = models.TextField(blank=True)
    # The service's own rule for reviewing a plan that includes it, when shorter than the plan's
    # own six months (plans.checks): at least every N months.
    plan_review_months = models.PositiveSmallIntegerField(null=True, blank=True)
    need_areas = models.ManyToManyField(NeedArea, related_name="service_types", blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi

    def is_valid_on(self, day: dt.date) -> bool:
        return validity.is_valid_on(self, day)


# A service without its own limit: three weeks, the time within which specialist care must assess
# a non-urgent referral once it has arrived (terveydenhuoltolaki 1326/2010 51 §) — the
# longest statutory wait for an answer to a referral in the network (decision 0261).
DEFAULT_REFERRAL_TIME_LIMIT_DAYS = 21


class Service(TranslationReviewed):
    slug = models.SlugField(max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="services")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="services")
    name_fi = models.CharField(max_length=300)
    name_sv = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    # Mitä / Miksi / Miten / Kenelle — the four questions of the seeds' service tray.
    what_fi = models.TextField()
    what_sv = models.TextField(blank=True)
    what_en = models.TextField(blank=True)
    why_fi = models.TextField(blank=True)
    why_sv = models.TextField(blank=True)
    why_en = models.TextField(blank=True)
    how_fi = models.TextField(blank=True)
    how_sv = models.TextField(blank=True)
    how_en = models.TextField(blank=True)
    for_whom_fi = models.TextField(blank=True)
    for_whom_sv = models.TextField(blank=True)
    for_whom_en = models.TextField(blank=True)
    # When to contact this actor (the "when" of the quick guide tiles) and how to refer.
    when_to_contact_fi = models.TextField(blank=True)
    when_to_contact_sv = models.TextField(blank=True)
    when_to_contact_en = models.TextField(blank=True)
    how_to_refer_fi = models.TextField(blank=True)
    how_to_refer_sv = models.TextField(blank=True)
    how_to_refer_en = models.TextField(blank=True)
    # Why it is not known whether the service still runs (the seeds cannot settle it). Empty
    # when nothing is in doubt; otherwise the pages say "voimassaolo tarkistamatta" and the
    # service is on the editors' re-verify list (decision 0140).
    validity_unverified_fi = models.TextField(_("voimassaolo tarkistamatta"), blank=True)
    validity_unverified_sv = models.TextField(blank=True)
    validity_unverified_en = models.TextField(blank=True)
    need_areas = models.ManyToManyField(NeedArea, related_name="services", blank=True)
    access_routes = models.ManyToManyField(AccessRoute, related_name="services", blank=True)
    network_group = models.CharField(max_length=20, choices=NetworkGroup.choices)
    municipalities = models.ManyToManyField(Municipality, related_name="services", blank=True)
    languages = models.JSONField(default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    verified_on = models.DateField(_("tarkistettu"), null=True, blank=True)
    verified_by = models.CharField(_("tarkistaja"), max_length=300, blank=True)
    source = models.CharField(max_length=500, blank=True)
    # Days within which a referral to this service should be received and answered; empty: the
    # default (DEFAULT_REFERRAL_TIME_LIMIT_DAYS, decision 0261). Referrals read it for "overdue".
    referral_time_limit_days = models.PositiveSmallIntegerField(
        _("lähetteen käsittelyaika (vrk)"), null=True, blank=True
    )
    # Base forms of every word a person could search for (tukiverkko.core.text.lemmas),
    # space-delimited with a leading and trailing space: " työkyky koordinaattori ... ".
    search_lemmas = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        indexes = [
            models.Index(fields=["valid_to"]),
            models.Index(fields=["verified_on"]),
            # The search's order with what its filter on validity and its join to the search
            # tokens need: the first page is a walk of this index that stops at 50, and the
            # count reads it instead of every wide row (decision 0333).
            models.Index(
                fields=["name_fi", "slug", "valid_from", "valid_to", "id"],
                name="catalogue_service_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "search_lemmas" in fields:
            replace_search_tokens([self])

    @property
    def referral_time_limit(self) -> int:
        """The days a referral to this service may wait for an answer (its own, or the default)."""
        if self.referral_time_limit_days is None:
            return DEFAULT_REFERRAL_TIME_LIMIT_DAYS
        return self.referral_time_limit_days

    def is_valid_on(self, day: dt.date) -> bool:
        return validity.is_valid_on(self, day)

    def is_stale(self, today: dt.date | None = None) -> bool:
        """Not verified within VERIFY_EVERY_DAYS (or never)."""
        today = today or timezone.localdate()
        return self.verified_on is None or (today - self.verified_on).days > VERIFY_EVERY_DAYS

    def needs_verification(self, today: dt.date | None = None) -> bool:
        """On the editors' re-verify list: stale, or its validity is unverified."""
        return self.has_unverified_validity or self.is_stale(today)

    @property
    def has_unverified_validity(self) -> bool:
        """True when the catalogue cannot say whether the service still runs."""
        return bool(self.validity_unverified_fi)


class SearchToken(models.Model):
    """One base form of one service, from ``Service.search_lemmas``, indexed for prefix search.

    A scan of ``search_lemmas LIKE '% form%'`` reads every row with all its texts; this table
    answers the same question from an index (benchmarks/catalogue_search.py; decision 0021).
    Kept in step by ``Service.save`` and ``replace_search_tokens`` (for bulk writes).
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_tokens")
    lemma = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["lemma", "service"], name="catalogue_token_lemma")]
        constraints = [
            models.UniqueConstraint(fields=["service", "lemma"], name="catalogue_token_unique")
        ]

    def __str__(self) -> str:
        return self.lemma


def replace_search_tokens(services: Iterable[Service]) -> None:
    """Rewrite the tokens of these services from their ``search_lemmas``."""
    services = [s for s in services if s.pk is not None]
    SearchToken.objects.filter(service__in=[s.pk for s in services]).delete()
    SearchToken.objects.bulk_create(
        (
            SearchToken(service_id=s.pk, lemma=lemma)
            for s in services
            for lemma in dict.fromkeys(w[:100] for w in s.search_lemmas.split() if w)
        ),
        batch_size=5000,
    )


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Puhelin")
    SECURE_EMAIL = "secure_email", _("Suojattu sähköposti")
    EMAIL = "email", _("Sähköposti")
    LIFECARE_MESSAGE = "lifecare_message", _("Lifecare-viesti")
    CHAT = "chat", _("Chat")
    WEB = "web", _("Verkkosivu")
    VISITING_ADDRESS = "visiting_address", _("Käyntiosoite")


class ContactChannel(models.Model):
    """One way to reach a service. An empty ``value`` means the seed had a placeholder."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=20, choices=ContactKind.choices)
    value = models.CharField(max_length=500, blank=True)
    label_fi = models.CharField(max_length=300, blank=True)
    label_sv = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)
    # Structured hours for HSDS schedules: [{"days": ["MO", ...], "opens": "09:00", "closes": "15:00"}]
    opening_hours = models.JSONField(default=list, blank=True)
    opening_hours_fi = models.CharField(max_length=300, blank=True)
    opening_hours_sv = models.CharField(max_length=300, blank=True)
    opening_hours_en = models.CharField(max_length=300, blank=True)
    for_professionals_only = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["service", "position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value or '—'}"

    @property
    def is_placeholder(self) -> bool:
        return not self.value
