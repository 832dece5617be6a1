"""PDF of a printable page, made on the server with WeasyPrint (decision 0150).

Every printable page — the quick guide, the plan, the client's data download — renders its own
HTML template (one that extends ``core/printable.html``) and hands it to ``render_pdf``; the PDF
then uses the same print stylesheet (``core/print.css``) as the browser's print. WeasyPrint
reads the stylesheets through ``LocalFetcher``, which serves this site's static files from disk
and refuses every other address, so making a PDF never touches a network. Fonts come from the
system (Debian's fonts-liberation, named in print.css), never from a web font.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The address WeasyPrint resolves the page's relative links against; never requested.
BASE_URL = "http://tukiverkko.invalid/"


class RefusedFetch(ValueError):
    """WeasyPrint asked for something that is not one of this site's static files."""


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Static files of this site from disk and ``data:`` URLs; nothing else, no network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["http", "https", "data"])
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            self.fetched.append("data:")
            return super().fetch(url, headers)
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        static = str(settings.STATIC_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
            static
        ):
            raise RefusedFetch(f"not fetched (only this site's static files are): {url}")
        name = unquote(parts.path[len(static) :])
        body = _static_file(name)
        if body is None:
            raise RefusedFetch(f"no such static file: {name}")
        self.fetched.append(parts.path)
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, headers={"Content-Type": mime})


def _static_file(name: str) -> bytes | None:
    if ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if isinstance(found, list):
        found = found[0] if found else None
    if found:
        return Path(found).read_bytes()
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):  # collected, hashed files
        with staticfiles_storage.open(name) as f:
            return bytes(f.read())
    return None


def html_to_pdf(html: str, fetcher: LocalFetcher | None = None) -> bytes:
    """The PDF of a page's HTML, laid out for print media."""
    document = HTML(
        string=html, base_url=BASE_URL, url_fetcher=fetcher or LocalFetcher(), media_type="print"
    )
    return bytes(document.write_pdf())  # without a target, write_pdf returns the bytes


def render_pdf(
    request: HttpRequest, template_name: str, context: Mapping[str, Any], filename: str
) -> HttpResponse:
    """Render a printable template as a PDF download (``pdf`` is true in its context)."""
    html = render_to_string(template_name, {**context, "pdf": True}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
