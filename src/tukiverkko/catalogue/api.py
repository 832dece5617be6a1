"""The catalogue's read API, mounted at /api/v1/ (see docs/interop.md).

Read-only and public like the catalogue pages; a contact channel meant for professionals is
returned with ``for_professionals_only: true``, as the service page shows it with a badge.
Filters are the search page's own (tukiverkko.catalogue.search.ServiceFilter); a bad value of
an enumerated filter answers 422 naming the field.
"""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from tukiverkko.accounts.models import Organisation, Sector
from tukiverkko.api.errors import Problem
from tukiverkko.api.pagination import Pages
from tukiverkko.catalogue.forms import SearchForm
from tukiverkko.catalogue.models import (
    AccessRouteSlug,
    ContactChannel,
    ContactKind,
    NeedAreaSlug,
    NetworkGroup,
    Service,
    ServiceType,
    TranslationStatus,
)
from tukiverkko.catalogue.search import ORDER, filter_services, parse_filter

router = Router(tags=["catalogue"])

# What a refused query parameter is called for people (the search page's own labels).
PARAMETER_LABELS = {
    name: field.label for name, field in SearchForm.base_fields.items() if field.label
} | {"page": _("Sivu"), "page_size": _("Sivun koko"), "service_type": _("Palvelutyyppi")}

# Control characters (NUL above all: PostgreSQL refuses it in a string) never reach a query.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
SLUG = r"^[-a-zA-Z0-9_]+$"
SLUG_OR_EMPTY = r"^[-a-zA-Z0-9_]*$"
SlugPath = Annotated[str, Path(pattern=SLUG, max_length=120)]


class Texts(Schema):
    """One text in Finnish (always) and in Swedish and English where the catalogue has them."""

    fi: str
    sv: str | None = None
    en: str | None = None


def texts(obj: object, field: str) -> Texts | None:
    values = {lang: getattr(obj, f"{field}_{lang}", "") or None for lang in ("fi", "sv", "en")}
    if not values["fi"]:
        return None
    return Texts(fi=values["fi"], sv=values["sv"], en=values["en"])


class Translations(Schema):
    """Whether a person has checked the Swedish / English texts: null where there are none."""

    sv: TranslationStatus | None = None
    en: TranslationStatus | None = None


def translations(obj: object) -> Translations:
    def status(lang: str) -> TranslationStatus | None:
        value = getattr(obj, f"translation_{lang}", "")
        return TranslationStatus(value) if value else None

    return Translations(sv=status("sv"), en=status("en"))


class ServiceTypeOut(Schema):
    slug: str
    name: Texts
    description: Texts
    eligibility: Texts | None
    need_areas: list[NeedAreaSlug]
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    translations: Translations

    @staticmethod
    def resolve_name(obj: ServiceType) -> Texts | None:
        return texts(obj, "name")

    @staticmethod
    def resolve_translations(obj: ServiceType) -> Translations:
        return translations(obj)

    @staticmethod
    def resolve_description(obj: ServiceType) -> Texts | None:
        return texts(obj, "description")

    @staticmethod
    def resolve_eligibility(obj: ServiceType) -> Texts | None:
        return texts(obj, "eligibility")

    @staticmethod
    def resolve_need_areas(obj: ServiceType) -> list[str]:
        return [n.slug for n in obj.need_areas.all()]


class OrganisationOut(Schema):
    slug: str
    name: Texts
    description: Texts | None
    business_id: str | None = Field(description="Y-tunnus, where the organisation has one.")
    sector: Sector
    region: str
    municipality: str | None
    website: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_name(obj: Organisation) -> Texts | None:
        return texts(obj, "name")

    @staticmethod
    def resolve_description(obj: Organisation) -> Texts | None:
        return texts(obj, "description")

    @staticmethod
    def resolve_business_id(obj: Organisation) -> str | None:
        return obj.business_id or None

    @staticmethod
    def resolve_region(obj: Organisation) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_municipality(obj: Organisation) -> str | None:
        return obj.municipality.name_fi if obj.municipality else None

    @staticmethod
    def resolve_website(obj: Organisation) -> str | None:
        return obj.website or None


class OrganisationRef(Schema):
    slug: str
    name: Texts

    @staticmethod
    def resolve_name(obj: Organisation) -> Texts | None:
        return texts(obj, "name")


class OpeningHours(Schema):
    days: list[str] = Field(description="Weekdays as MO, TU, WE, TH, FR, SA, SU.")
    opens: str = Field(description="HH:MM, Europe/Helsinki")
    closes: str = Field(description="HH:MM, Europe/Helsinki")


class ContactOut(Schema):
    kind: ContactKind
    value: str | None = Field(description="null: the source had a placeholder, still to be filled")
    label: Texts | None
    opening_hours: list[OpeningHours]
    opening_hours_text: Texts | None
    for_professionals_only: bool

    @staticmethod
    def resolve_value(obj: ContactChannel) -> str | None:
        return obj.value or None

    @staticmethod
    def resolve_label(obj: ContactChannel) -> Texts | None:
        return texts(obj, "label")

    @staticmethod
    def resolve_opening_hours_text(obj: ContactChannel) -> Texts | None:
        return texts(obj, "opening_hours")


class Verified(Schema):
    on: dt.date | None
    by: str


class ServiceSummaryOut(Schema):
    slug: str
    name: Texts
    organisation: OrganisationRef
    service_type: str
    region: str
    network_group: NetworkGroup
    need_areas: list[NeedAreaSlug]
    access_routes: list[AccessRouteSlug]
    municipalities: list[str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    validity_unverified: Texts | None = Field(
        description="Set when no source confirms that the service still runs "
        "('voimassaolo tarkistamatta'): why. Null when nothing is in doubt."
    )
    verified_on: dt.date | None

    @staticmethod
    def resolve_name(obj: Service) -> Texts | None:
        return texts(obj, "name")

    @staticmethod
    def resolve_validity_unverified(obj: Service) -> Texts | None:
        return texts(obj, "validity_unverified")

    @staticmethod
    def resolve_service_type(obj: Service) -> str:
        return obj.service_type.slug

    @staticmethod
    def resolve_region(obj: Service) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_need_areas(obj: Service) -> list[str]:
        return [n.slug for n in obj.need_areas.all()]

    @staticmethod
    def resolve_access_routes(obj: Service) -> list[str]:
        return [r.slug for r in obj.access_routes.all()]

    @staticmethod
    def resolve_municipalities(obj: Service) -> list[str]:
        return [m.name_fi for m in obj.municipalities.all()]


class ServiceOut(ServiceSummaryOut):
    what: Texts
    why: Texts | None
    how: Texts | None
    for_whom: Texts | None
    when_to_contact: Texts | None
    how_to_refer: Texts | None
    languages: list[str]
    age_min: int | None
    age_max: int | None
    verified: Verified
    source: str
    translations: Translations
    contacts: list[ContactOut]

    @staticmethod
    def resolve_translations(obj: Service) -> Translations:
        return translations(obj)

    @staticmethod
    def resolve_what(obj: Service) -> Texts | None:
        return texts(obj, "what")

    @staticmethod
    def resolve_why(obj: Service) -> Texts | None:
        return texts(obj, "why")

    @staticmethod
    def resolve_how(obj: Service) -> Texts | None:
        return texts(obj, "how")

    @staticmethod
    def resolve_for_whom(obj: Service) -> Texts | None:
        return texts(obj, "for_whom")

    @staticmethod
    def resolve_when_to_contact(obj: Service) -> Texts | None:
        return texts(obj, "when_to_contact")

    @staticmethod
    def resolve_how_to_refer(obj: Service) -> Texts | None:
        return texts(obj, "how_to_refer")

    @staticmethod
    def resolve_verified(obj: Service) -> dict[str, Any]:
        return {"on": obj.verified_on, "by": obj.verified_by}

    @staticmethod
    def resolve_contacts(obj: Service) -> list[ContactChannel]:
        return list(obj.contacts.all())  # prefetched in position order


class ServiceQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        pattern=PRINTABLE,
        description="Words to search; inflected forms match.",
    )
    need_area: NeedAreaSlug | None = None
    region: str = Field(
        "", max_length=80, pattern=SLUG_OR_EMPTY, description="Region slug, e.g. paijat-hame."
    )
    municipality: str = Field(
        "", max_length=100, pattern=PRINTABLE, description="Municipality name in Finnish."
    )
    age: int | None = Field(None, ge=0, le=120, description="Client's age in years.")
    access_route: AccessRouteSlug | None = None
    sector: Sector | None = None
    service_type: str = Field(
        "", max_length=80, pattern=SLUG_OR_EMPTY, description="Service type slug."
    )
    include_ended: bool = Field(False, description="Also services whose validity has ended.")


def _services() -> QuerySet[Service]:
    return Service.objects.select_related(
        "organisation", "service_type", "region"
    ).prefetch_related("need_areas", "access_routes", "municipalities")


@router.get("/service-types", response=list[ServiceTypeOut], summary="All service types")
def list_service_types(request: HttpRequest) -> QuerySet[ServiceType]:
    return ServiceType.objects.prefetch_related("need_areas").order_by("name_fi", "slug")


@router.get(
    "/service-types/{slug}",
    response={200: ServiceTypeOut, 404: Problem, 422: Problem},
    summary="One service type",
)
def get_service_type(request: HttpRequest, slug: SlugPath) -> ServiceType:
    return get_object_or_404(ServiceType.objects.prefetch_related("need_areas"), slug=slug)


@router.get(
    "/services",
    response={200: list[ServiceSummaryOut], 422: Problem},
    summary="Search services",
)
@paginate(Pages, page_size=20)
def list_services(request: HttpRequest, filters: Query[ServiceQuery]) -> QuerySet[Service]:
    return filter_services(_services(), parse_filter(filters.model_dump())).order_by(*ORDER)


@router.get(
    "/services/{slug}",
    response={200: ServiceOut, 404: Problem, 422: Problem},
    summary="One service with contacts, opening hours and texts in fi/sv/en",
)
def get_service(request: HttpRequest, slug: SlugPath) -> Service:
    contacts = ContactChannel.objects.order_by("position")
    return get_object_or_404(
        _services().prefetch_related(Prefetch("contacts", queryset=contacts)), slug=slug
    )


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], 422: Problem},
    summary="All organisations",
)
@paginate(Pages, page_size=50)
def list_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.select_related("region", "municipality").order_by("name_fi", "slug")


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, 404: Problem, 422: Problem},
    summary="One organisation",
)
def get_organisation(request: HttpRequest, slug: SlugPath) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related("region", "municipality"), slug=slug
    )
