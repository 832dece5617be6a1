from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django_otp.admin import OTPAdminSite

from tukiverkko.api.v1 import api

# The administrator's site asks for the second factor in every mode but the demo (review H5):
# django-otp's OTPAdminSite lets in only a session verified with a device.
if settings.ENV != "demo":
    admin.site.__class__ = OTPAdminSite

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Pages: Finnish without a prefix, /sv/ and /en/ for the other languages.
urlpatterns += i18n_patterns(
    path("", include("tukiverkko.core.urls")),
    path("tili/", include("tukiverkko.accounts.urls")),
    path("palvelut/", include("tukiverkko.catalogue.urls")),
    path("seulonta/", include("tukiverkko.screening.urls")),
    path("tyokykymittari/", include("tukiverkko.rules.urls")),
    path("asiakkaat/", include("tukiverkko.cases.urls")),
    path("asiakkaat/asiakkuus/<int:case_id>/suunnitelma/", include("tukiverkko.plans.urls")),
    path("asiakkaat/", include("tukiverkko.assessments.urls")),
    path("lahetteet/", include("tukiverkko.referrals.urls")),
    path("tiimit/", include("tukiverkko.teams.urls")),
    path("tehtavat/", include("tukiverkko.followup.urls")),
    path("ips/", include("tukiverkko.ips.urls")),
    path("tyopoyta/", include("tukiverkko.workspace.urls")),
    path("seuranta/", include("tukiverkko.monitoring.urls")),
    path("", include("tukiverkko.interop.urls")),
    path("oma/", include("tukiverkko.portal.urls")),
    path("suostumukset/", include("tukiverkko.consent.urls")),
    path("loki/", include("tukiverkko.audit.urls")),
    path("paasy/", include("tukiverkko.access.urls")),
    prefix_default_language=False,
)
