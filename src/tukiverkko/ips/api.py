"""/api/v1/ips/: same selectors, actions and access policy as the pages."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["ips"])
