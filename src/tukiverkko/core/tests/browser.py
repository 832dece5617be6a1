"""End-to-end testing in a real headless Chromium: Debian's /usr/bin/chromium driven by
Playwright (never a downloaded browser), and axe-core shipped inside axe-playwright-python."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
# The closed network refuses Chromium's own background connections; these flags stop them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def serious_violations(page: Page) -> list[str]:
    """axe-core violations with impact "serious" or "critical", described for the failure message."""
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v.get("impact") in {"serious", "critical"}
    ]
