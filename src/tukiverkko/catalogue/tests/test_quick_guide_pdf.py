"""The quick guide's "Lataa PDF" (issue 17): a download made on the server, in the page's
language, set in the print font; an unknown place answers 404, not a PDF of nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from tukiverkko.catalogue.tests.webdata import load_web_catalogue
from tukiverkko.core.tests.pdf import problems, read_pdf, squeezed

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path: Path) -> None:
    load_web_catalogue(tmp_path)


def test_guide_page_links_to_its_pdf(client, catalogue) -> None:
    # when
    page = client.get("/palvelut/pikaopas/testila/").content.decode()
    # then
    assert 'href="/palvelut/pikaopas/testila/pdf/" download>Lataa PDF</a>' in page


def test_pdf_is_a_download_of_the_same_guide(client, catalogue) -> None:
    # when
    response = client.get("/palvelut/pikaopas/testila/pdf/")
    # then
    today = timezone.localdate()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="pikaopas-testila-{today:%Y-%m-%d}.pdf"'
    )
    pages = read_pdf(response.content)
    text = squeezed("".join(p.text for p in pages))
    assert squeezed("Verkostotyön pikaopas: Testilä") in text
    assert squeezed("Työkykykoordinaattori, Testilä") in text
    assert squeezed("020 692 235") in text
    assert "Lataa PDF" not in text and "Tulosta" not in text  # no buttons on paper
    assert problems(pages, f"koottu palvelutiedoista {today:%-d.%-m.%Y}") == []


def test_swedish_pdf_sets_swedish_letters_in_the_print_font(client, catalogue) -> None:
    # when
    response = client.get("/sv/palvelut/pikaopas/koekyla/pdf/")
    # then every letter, å and ä too, is in Liberation (problems() names any fallback font)
    pages = read_pdf(response.content)
    text = "".join(p.text for p in pages)
    assert "Snabbguide för nätverksarbete: Koekylä" in " ".join(text.split())
    assert {"å", "ä", "ö"} <= set(text)
    assert [p for p in problems(pages, "") if "font" in p] == []


def test_unknown_place_has_no_pdf(client, catalogue) -> None:
    assert client.get("/palvelut/pikaopas/ei-ole/pdf/").status_code == 404
