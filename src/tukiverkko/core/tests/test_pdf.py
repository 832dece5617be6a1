"""The shared PDF helper (core.pdf): this site's static files from disk, nothing from a network,
and the footer text of printable pages escaped for CSS."""

from __future__ import annotations

import socket

import pytest
from django.template import Context, Template

from tukiverkko.core.pdf import BASE_URL, LocalFetcher, RefusedFetch, html_to_pdf
from tukiverkko.core.tests.pdf import read_pdf


def test_fetcher_serves_this_sites_static_files_from_disk() -> None:
    # when
    response = LocalFetcher().fetch(BASE_URL + "static/core/print.css")
    # then
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example.org/static/core/print.css",  # another host, same path
        "http://tukiverkko.invalid/api/v1/clients/",  # this site, but not a static file
        "file:///etc/passwd",
        "http://tukiverkko.invalid/static/../settings.py",
        "http://tukiverkko.invalid/static/core/no-such-file.css",
    ],
)
def test_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(RefusedFetch):
        LocalFetcher().fetch(url)


def test_making_a_pdf_opens_no_connection(monkeypatch) -> None:
    # given a page that links a stylesheet and an image on other hosts
    attempts: list[object] = []

    def refuse(self, address):  # type: ignore[no-untyped-def]
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    fetcher = LocalFetcher()
    html = (
        '<html><head><link rel="stylesheet" href="/static/core/print.css">'
        '<link rel="stylesheet" href="https://fonts.example.org/font.css"></head>'
        '<body><p>Päijät-Häme, Åbo</p><img src="http://example.org/logo.png" alt=""></body></html>'
    )
    # when
    pages = read_pdf(html_to_pdf(html, fetcher))
    # then the local stylesheet was read, the rest refused without a connection
    assert attempts == []
    assert fetcher.fetched == ["/static/core/print.css"]
    assert "Päijät-Häme, Åbo" in pages[0].text
    assert set(pages[0].fonts) == {"Liberation-Sans"}  # print.css's font, from the system


def test_footer_text_cannot_end_the_css_string_or_the_style_element() -> None:
    # when
    css = Template("{% load core_tags %}{{ text|css_string }}").render(
        Context({"text": 'Koottu "1.2.2025" \\ </style><script>&\nx'})
    )
    # then
    assert css == "Koottu \\22 1.2.2025\\22  \\5c  \\3c /style\\3e \\3c script\\3e \\26  x"
