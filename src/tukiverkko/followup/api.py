"""/api/v1/followup/: same selectors, actions and access policy as the pages."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["followup"])
