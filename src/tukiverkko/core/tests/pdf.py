"""Reading a printed page back, for the tests of every printable document (the quick guide, the
plan, the client's data download): pages, their orientation, their text, and every glyph's font
and place, by pdfminer.six — the PDF as paper, not as the HTML that made it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextLine

FOOTER_PT = 34.0  # the bottom margin (12 mm) holds the footer; body text stands above it
# A page whose body has fewer letters than this holds at most a heading: it counts as blank.
BLANK_BELOW = 80


@dataclass
class PrintedPage:
    number: int
    width: float
    height: float
    text: str  # the page's lines, top to bottom as the PDF gives them
    body_letters: int  # letters and digits above the footer
    fonts: dict[str, set[str]] = field(default_factory=dict)  # font name -> letters set in it
    outside: list[str] = field(default_factory=list)  # glyphs that stand past the paper's edge

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def blank(self) -> bool:
        return self.body_letters < BLANK_BELOW


def _walk(item: Any) -> Iterator[Any]:
    yield item
    if hasattr(item, "__iter__") and not isinstance(item, LTChar):
        for child in item:
            yield from _walk(child)


def read_pdf(data: bytes) -> list[PrintedPage]:
    pages = []
    # all_texts: text inside drawn figures (WeasyPrint's SVG) is read as lines too.
    laparams = LAParams(all_texts=True)
    for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=laparams), start=1):
        assert isinstance(layout, LTPage)
        x0, y0, x1, y1 = layout.bbox
        lines: list[str] = []
        fonts: dict[str, set[str]] = {}
        outside: list[str] = []
        body = 0
        for item in _walk(layout):
            if isinstance(item, LTTextLine):
                lines.append(item.get_text())
            elif isinstance(item, LTChar):
                char = item.get_text()
                if char.isalnum():
                    fonts.setdefault(re.sub(r"^[A-Z]{6}\+", "", item.fontname), set()).add(char)
                    if item.y0 > y0 + FOOTER_PT:
                        body += 1
                if (
                    item.x0 < x0 - 0.5
                    or item.x1 > x1 + 0.5
                    or item.y0 < y0 - 0.5
                    or item.y1 > y1 + 0.5
                ):
                    outside.append(char)
        pages.append(PrintedPage(number, x1 - x0, y1 - y0, "".join(lines), body, fonts, outside))
    return pages


def squeezed(text: str) -> str:
    """The text without whitespace: a name broken over two printed lines still matches."""
    return re.sub(r"\s+", "", text)


def problems(pages: list[PrintedPage], footer: str) -> list[str]:
    """What is wrong with a printed document, for any printable page of the product: blank
    pages, glyphs past the paper's edge, letters set in a fallback font instead of the print
    font (Liberation), a page without the footer text or its "n / N" page number."""
    found = []
    for page in pages:
        where = f"page {page.number}/{len(pages)}"
        if page.blank:
            found.append(f"{where} is blank ({page.body_letters} letters)")
        if page.outside:
            found.append(f"{where}: {len(page.outside)} glyphs past the edge")
        for font, letters in page.fonts.items():
            if "Liberation" not in font:
                found.append(f"{where}: letters {''.join(sorted(letters))!r} in font {font}")
        flat = " ".join(page.text.split())
        if squeezed(footer) not in squeezed(flat):
            found.append(f"{where}: no footer {footer!r}")
        if f"{page.number} / {len(pages)}" not in flat:
            found.append(f"{where}: no page number {page.number} / {len(pages)}")
    return found
