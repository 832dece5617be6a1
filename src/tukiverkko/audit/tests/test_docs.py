"""docs/audit.md documents the audit command, page and endpoints."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from tukiverkko.audit.api import router

DOC = Path(settings.BASE_DIR) / "docs" / "audit.md"


def test_audit_doc_names_the_command_the_page_and_every_endpoint() -> None:
    # given
    text = DOC.read_text(encoding="utf-8")
    paths = list(router.path_operations)
    # then
    assert "tukiverkko verify-audit" in text
    assert "--anchor" in text
    assert "/loki/asiakas/<client_id>/" in text
    assert "TUKIVERKKO_AUDIT_HMAC_KEY" in text
    assert paths
    for path in paths:
        assert f"/api/v1/audit{path}" in text, path
