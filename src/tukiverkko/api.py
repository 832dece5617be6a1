"""/api/v1/: one NinjaAPI; each domain app contributes its own router.

Domain code never imports this module; it imports the domain apps.
"""

from ninja import NinjaAPI

from tukiverkko.audit.api import router as audit_router
from tukiverkko.catalogue.api import router as catalogue_router
from tukiverkko.clients.api import router as clients_router
from tukiverkko.consent.api import router as consent_router
from tukiverkko.core.apidocs import AccessibleSwagger
from tukiverkko.rules.api import router as rules_router
from tukiverkko.screening.api import router as screening_router

api = NinjaAPI(
    title="Tukiverkko API",
    version="1.0.0",
    description="Työkyvyn tuen palvelukokonaisuus — catalogue, screening, rules and client path.",
    urls_namespace="api-1",
    docs=AccessibleSwagger(),
)
api.add_router("/", catalogue_router)
api.add_router("/screening/", screening_router)
api.add_router("/rules/", rules_router)
api.add_router("/clients/", clients_router)
api.add_router("/consents/", consent_router)
api.add_router("/audit/", audit_router)
