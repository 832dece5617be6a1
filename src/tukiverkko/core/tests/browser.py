"""End-to-end testing in a real headless Chromium: Debian's /usr/bin/chromium driven by
Playwright (never a downloaded browser), and axe-core shipped inside axe-playwright-python."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

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


# ---------------------------------------------------------------------------------------------
# One call per page type: check_page(context, url, walk) -> problems (issue 18).
#
#   assert check_page(context, live_server.url + "/palvelut/", walk=search_by_keyboard) == []
#
# At 320 px (WCAG 1.4.10) and 1280 px: the document is no wider than the viewport, axe-core
# finds no serious or critical violation. At 640 px — 1280 px at 200 % zoom (1.4.4) — with
# WCAG's text-spacing overrides (1.4.12): still no sideways scrolling, no text clipped by its
# box, no two lines of text on top of each other. By keyboard (2.1.1, 2.4.1, 2.4.3, 2.4.7):
# the first Tab reaches the skip link and Enter moves focus to the main content; Tab then
# visits the page in document order, every stop visible and with a visible focus indicator,
# no positive tabindex; every htmx target announces its update (aria-live) or the swap moves
# focus (core/a11y.js). Then ``walk(page)`` completes the page's main flow with keys only
# (use ``tab_to`` and ``page.keyboard``; never click, fill or focus).
# ---------------------------------------------------------------------------------------------

WIDTHS = (320, 1280)
ZOOMED = 640  # a 1280-px-wide window at 200 % zoom lays the page out 640 CSS px wide
TAB_STOPS = 150  # tab stops visited per page at most (the longest page has fewer)

# WCAG 2.1 SC 1.4.12 text-spacing overrides, as the W3C's own test bookmarklet sets them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

_LAYOUT_PROBLEMS = """() => {
  const found = [];
  const vw = document.documentElement.clientWidth;
  const width = document.documentElement.scrollWidth;
  if (width > vw) {
    let widest = "";
    for (const el of document.querySelectorAll("body *")) {
      if (el.getBoundingClientRect().right > vw + 1 && !el.closest(".scroll-region")) widest = el;
    }
    found.push(`document ${width} px wide in a ${vw}-px viewport` + (widest ? ` (past the edge: ${widest.tagName.toLowerCase()}${widest.className ? "." + String(widest.className).split(" ").join(".") : ""} "${(widest.textContent || "").trim().slice(0, 40)}")` : ""));
  }
  const hidden = (el) => {
    // checkVisibility also sees the content of a closed <details> as hidden.
    if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return true;
    return !!el.closest(".visually-hidden, .skip-link");
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  // Text cut off by a box that hides its overflow.
  for (const el of document.querySelectorAll("body *")) {
    const s = getComputedStyle(el);
    const clips = ["hidden", "clip"];
    if (!clips.includes(s.overflowX) && !clips.includes(s.overflowY)) continue;
    if (el.closest("svg") || el.clientWidth <= 1 || el.clientHeight <= 1 || hidden(el)) continue;
    if (!(el.innerText || "").trim()) continue;
    if ((clips.includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (clips.includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      found.push(`text clipped in ${name(el)}: ${el.innerText.trim().slice(0, 60)}`);
    }
  }
  // Lines of text that stand on one another.
  const clips = new Map();
  const clipOf = (el) => {
    if (!el || el === document.documentElement) {
      return { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity };
    }
    if (clips.has(el)) return clips.get(el);
    const outer = clipOf(el.parentElement);
    const s = getComputedStyle(el);
    let box = outer;
    if (s.overflowX !== "visible" || s.overflowY !== "visible") {
      const r = el.getBoundingClientRect();
      box = {
        left: Math.max(outer.left, r.left), right: Math.min(outer.right, r.right),
        top: Math.max(outer.top, r.top), bottom: Math.min(outer.bottom, r.bottom),
      };
    }
    clips.set(el, box);
    return box;
  };
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement || node.parentElement.closest("svg, script, style, noscript")) continue;
    if (hidden(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const clip = clipOf(node.parentElement);
    for (const raw of range.getClientRects()) {
      // Only the part that shows: a scrolling box (a code sample, a wide table) hides the rest.
      const r = {
        left: Math.max(raw.left, clip.left), right: Math.min(raw.right, clip.right),
        top: Math.max(raw.top, clip.top), bottom: Math.min(raw.bottom, clip.bottom),
      };
      if (r.right - r.left > 0 && r.bottom - r.top > 0) boxes.push({ r, node });
    }
  }
  boxes.sort((a, b) => a.r.top - b.r.top);
  const overlaps = new Set();
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.r.bottom - 3; j++) {
      const b = boxes[j];
      if (a.node === b.node) continue;
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (dx > 3 && dy > 3) {
        overlaps.add(`text overlaps: "${a.node.textContent.trim().slice(0, 40)}" / "${b.node.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  return found.concat([...overlaps].slice(0, 10));
}"""

_RECORD_FOCUS = """() => {
  window.__stops = [];
  const all = () => [...document.querySelectorAll("*")];
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow && s.boxShadow !== "none";
    window.__stops.push({
      index: all().indexOf(el),
      name: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        " " + (el.getAttribute("aria-label") || el.innerText || el.value || el.name || "").trim().slice(0, 40),
      indicator: outline || shadow,
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
        r.top < innerHeight && r.left < innerWidth,
    });
  }, true);
}"""

_HTMX_TARGETS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("[hx-get], [hx-post]")) {
    const sel = el.getAttribute("hx-target");
    const target = sel ? document.querySelector(sel) : el;
    if (!target) { found.push(`htmx target ${sel} is missing`); continue; }
    const live = target.closest("[aria-live], [role=status], [role=alert], [role=log]");
    // A target marked data-focus-on-load gets focus on its first field (core/a11y.js).
    const focuses = target.hasAttribute("data-focus-on-load");
    if (!live && !focuses && !(target.id && el.closest("#" + CSS.escape(target.id)))) {
      found.push(`htmx target ${sel || "(itself)"} is neither in an aria-live region nor moves focus`);
    }
  }
  return found;
}"""


def layout_problems(page: Page) -> list[str]:
    """Sideways scrolling, clipped text and overlapping text on the page as it is laid out."""
    return list(page.evaluate(_LAYOUT_PROBLEMS))


def tab_to(page: Page, selector: str, max_tabs: int = TAB_STOPS) -> None:
    """Press Tab until the focused element matches ``selector``; fail if it is never reached."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached by Tab within {max_tabs} presses")


def _to_the_top(page: Page) -> None:
    """Put focus before the first tab stop: a fresh page has it there already; a page that
    focuses a field on load (the login's username) is walked back with Shift+Tab to just after
    its first stop, which the next Tab then reaches as a fresh page's first Tab would."""
    if page.evaluate("document.activeElement === document.body"):
        return
    for _ in range(TAB_STOPS):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('skip-link')"):
            page.keyboard.press("Shift+Tab")  # past the first stop, out of the page
            return
        if page.evaluate("document.activeElement === document.body"):
            return


def choose(page: Page, value: str, max_presses: int = 60) -> None:
    """Choose an option of the focused select with the arrow keys (the keyboard's own way)."""
    for _ in range(max_presses):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value!r} is not reached with the arrow keys")


def keyboard_problems(page: Page, url: str) -> list[str]:
    """Skip link, tab order, visible focus, and htmx updates announced; from the top of the page."""
    found = []
    page.goto(url)
    _to_the_top(page)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    if first != "skip-link":
        found.append(f"the first Tab reaches {first!r}, not the skip link")
    else:
        target = page.evaluate("document.activeElement.hash.slice(1)")
        page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.id") != target or not page.evaluate(
            "(id) => document.getElementById(id)?.tagName === 'MAIN'", target
        ):
            found.append("the skip link does not move focus to the main content")
    page.goto(url)
    positive = page.evaluate(
        "() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length"
    )
    if positive:
        found.append(f"{positive} elements with a positive tabindex (focus order out of order)")
    _to_the_top(page)
    page.evaluate(_RECORD_FOCUS)
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
    stops = page.evaluate("window.__stops")
    for before, after in itertools.pairwise(stops):
        if after["index"] < before["index"]:
            found.append(f"focus goes back from {before['name']!r} to {after['name']!r}")
    found += [f"no visible focus indicator on {s['name']!r}" for s in stops if not s["indicator"]]
    found += [f"focus on something not shown: {s['name']!r}" for s in stops if not s["visible"]]
    found += page.evaluate(_HTMX_TARGETS)
    return found


def check_page(
    context: BrowserContext,
    url: str,
    walk: Callable[[Page], None] | None = None,
) -> list[str]:
    """Everything issue 18 asks of one page type (see above); [] when the page passes."""
    found: list[str] = []
    page = context.new_page()
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(url)
            if response is None or response.status != 200:
                return [f"{url}: answered {response.status if response else 'nothing'}"]
            found += [f"{width} px: {p}" for p in layout_problems(page)]
            found += [f"{width} px: axe {v}" for v in serious_violations(page)]
        page.set_viewport_size({"width": ZOOMED, "height": 450})
        page.goto(url)
        # A user style sheet, as a reader's browser applies it: a constructed sheet, which the
        # site's Content-Security-Policy (no inline <style>) rightly does not govern.
        page.evaluate(
            "css => { const s = new CSSStyleSheet(); s.replaceSync(css);"
            " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }",
            TEXT_SPACING,
        )
        found += [f"200 % zoom, text spacing: {p}" for p in layout_problems(page)]
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        found += [f"keyboard: {p}" for p in keyboard_problems(page, url)]
        if walk is not None:
            page.goto(url)
            walk(page)
            # A walk may end on a new page whose text is already there while its style sheets
            # still load: measure the page as its reader sees it, once it has loaded.
            page.wait_for_load_state("load")
            found += [f"after the keyboard walk, 320 px: {p}" for p in layout_problems(page)]
    finally:
        page.close()
    return found


def logged_in(browser: Browser, live_server_url: str, user: Any) -> BrowserContext:
    """A browser context with ``user``'s session (Django's force_login, no password form)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fi-FI")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )
    return context
