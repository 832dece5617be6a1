"""/api/v1/: one NinjaAPI; each domain app contributes its own router.

Domain code never imports this module (import-linter); ``urls.py`` mounts it and
``export-openapi`` writes its document.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from tukiverkko.access.api import router as integration_router
from tukiverkko.api import errors
from tukiverkko.assessments.api import router as assessments_router
from tukiverkko.audit.api import router as audit_router
from tukiverkko.cases.api import router as clients_router
from tukiverkko.catalogue.api import PARAMETER_LABELS as CATALOGUE_LABELS
from tukiverkko.catalogue.api import router as catalogue_router
from tukiverkko.consent.api import router as consent_router
from tukiverkko.core.apidocs import AccessibleSwagger
from tukiverkko.followup.api import router as followup_router
from tukiverkko.ips.api import router as ips_router
from tukiverkko.plans.api import router as plans_router
from tukiverkko.referrals.api import router as referrals_router
from tukiverkko.rules.api import router as rules_router
from tukiverkko.screening.api import router as screening_router
from tukiverkko.teams.api import router as teams_router


class TukiverkkoAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """``tukiverkko_<router tag>_api_<function>``: named by the router's public tag, not by
        the Python module it happens to live in, so moving code does not rename operations."""
        tag = (operation.tags or ["api"])[0]
        return f"tukiverkko_{tag}_api_{operation.view_func.__name__}"

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return errors.document(super().get_openapi_schema(*args, **kwargs))


api = TukiverkkoAPI(
    title="Tukiverkko API",
    version="1.0.0",
    description="Työkyvyn tuen palvelukokonaisuus — catalogue, screening, rules and client path.",
    urls_namespace="api-1",
    docs=AccessibleSwagger(),
)
errors.install(api, labels=CATALOGUE_LABELS)
api.add_router("/", catalogue_router)
api.add_router("/screening/", screening_router)
api.add_router("/rules/", rules_router)
api.add_router("/clients/", clients_router)
api.add_router("/consents/", consent_router)
api.add_router("/referrals/", referrals_router)
api.add_router("/audit/", audit_router)
api.add_router("/assessments/", assessments_router)
api.add_router("/plans/", plans_router)
api.add_router("/teams/", teams_router)
api.add_router("/tasks/", followup_router)
api.add_router("/ips/", ips_router)
api.add_router("/integration/", integration_router)
