"""Layout of the network figure (seed 000 "Työkyvyn tuen palveluverkosto"), drawn server-side.

The unemployed people of the place stand in the middle; the actors stand around them in boxes,
one box per network group, each actor with its role (the service type) and organisation. Boxes
are stacked in columns left and right of the centre (one each side on screen; two each side
when a large network must fit one landscape A4 page) so that no text ever overlaps and no font
has to shrink; the template ``catalogue/_network_svg.html`` turns the layout into SVG.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from tukiverkko.catalogue.models import Service, localised

WIDTH = 1200  # one column each side; each further column adds COLUMN_WIDTH + GAP per side
COLUMN_WIDTH = 400
MARGIN = 20
PAD = 14
GAP = 22
HEADER_SIZE = 19
NAME_SIZE = 17
ROLE_SIZE = 15
LINE = 1.3  # line height as a multiple of the font size
CENTRE_RX, CENTRE_RY = 150, 70

# Colours and weights as SVG presentation attributes, so the figure looks the same where the
# page's stylesheet does not reach inline SVG (WeasyPrint's PDF); on screen site.css wins.
PAINT = {
    "net-group": ("#003a70", "700"),
    "net-name": ("#0a4f9e", "700"),
    "net-role": ("#333333", "400"),
    "net-centre": ("#ffffff", "700"),
    "net-footer": ("#1a1a1a", "700"),
}


@dataclass
class TextLine:
    x: float
    y: float
    text: str
    size: int
    css: str

    @property
    def fill(self) -> str:
        return PAINT[self.css][0]

    @property
    def weight(self) -> str:
        return PAINT[self.css][1]


@dataclass
class Actor:
    service: Service
    href: str
    lines: list[TextLine] = field(default_factory=list)
    # The clickable area over the actor's text, in per cent of the figure (HTML overlay).
    hit: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass
class Box:
    label: str
    x: float
    y: float
    width: float
    height: float
    header: list[TextLine]
    actors: list[Actor]
    anchor_x: float = 0.0  # where the connector meets the box
    anchor_y: float = 0.0


@dataclass
class Figure:
    width: int
    height: float
    boxes: list[Box]
    centre_x: float
    centre_y: float
    centre_lines: list[TextLine]
    footer: TextLine


def _wrap(text: str, size: int, width: float, bold: bool = False) -> list[str]:
    per_char = size * (0.68 if bold else 0.6)
    return textwrap.wrap(text, max(10, int(width // per_char))) or [""]


def _box(label: str, services: list[tuple[Service, str]], x: float) -> Box:
    inner = COLUMN_WIDTH - 2 * PAD
    y: float = PAD + HEADER_SIZE
    header = []
    for text in _wrap(label, HEADER_SIZE, inner, bold=True):
        header.append(TextLine(x + PAD, y, text, HEADER_SIZE, "net-group"))
        y += HEADER_SIZE * LINE
    y += 6
    actors = []
    for service, href in services:
        actor = Actor(service, href)
        for text in _wrap(localised(service, "name"), NAME_SIZE, inner, bold=True):
            actor.lines.append(TextLine(x + PAD, y + NAME_SIZE * 0.2, text, NAME_SIZE, "net-name"))
            y += NAME_SIZE * LINE
        role = localised(service.service_type, "name")
        org = localised(service.organisation, "name")
        detail = role if role == org else f"{role} · {org}"
        for text in _wrap(detail, ROLE_SIZE, inner):
            actor.lines.append(TextLine(x + PAD, y + ROLE_SIZE * 0.2, text, ROLE_SIZE, "net-role"))
            y += ROLE_SIZE * LINE
        y += 8
        actors.append(actor)
    return Box(label, x, 0.0, COLUMN_WIDTH, y + PAD - 8, header, actors)


def _shift(box: Box, dy: float) -> None:
    box.y += dy
    for line in box.header:
        line.y += dy
    for actor in box.actors:
        for line in actor.lines:
            line.y += dy


def layout(
    groups: list[tuple[str, str, list[Service]]],
    place: str,
    href: dict[int, str],
    centre_title: str,
    footer: str,
    per_side: int = 1,
) -> Figure:
    """Place the groups' boxes in ``per_side`` columns each side of the centre ellipse.

    Each box goes to the shortest column, so the columns end near the same height; connectors
    run from the centre to the box's edge nearest it (behind the inner boxes when per_side > 1).
    """
    width = WIDTH + 2 * (per_side - 1) * (COLUMN_WIDTH + GAP)
    step = COLUMN_WIDTH + GAP
    inward = [(per_side - 1 - i) * step for i in range(per_side)]  # inner column first
    left = [MARGIN + d for d in inward]
    right = [width - MARGIN - COLUMN_WIDTH - d for d in inward]
    # Inner columns first, left before right: the first groups stand next to the centre.
    xs = [x for pair in zip(left, right, strict=True) for x in pair]
    columns: list[list[Box]] = [[] for _ in xs]
    heights = [0.0 for _ in xs]
    for _value, label, services in groups:
        col = heights.index(min(heights))
        box = _box(label, [(s, href[s.pk]) for s in services], xs[col])
        columns[col].append(box)
        heights[col] += box.height + GAP
    content = max(max(heights) - GAP, 2 * CENTRE_RY + 40)
    height = content + 2 * MARGIN + 50
    for col, boxes in enumerate(columns):
        on_left = xs[col] < width / 2
        y = MARGIN + (content - (heights[col] - GAP)) / 2
        for box in boxes:
            _shift(box, y)
            y += box.height + GAP
            box.anchor_x = box.x + (COLUMN_WIDTH if on_left else 0)
            box.anchor_y = box.y + box.height / 2
    boxes = [box for column in columns for box in column]
    for box in boxes:
        for actor in box.actors:
            top = actor.lines[0].y - actor.lines[0].size
            bottom = actor.lines[-1].y + 6
            actor.hit = (
                100 * (box.x + PAD - 4) / width,
                100 * top / height,
                100 * (COLUMN_WIDTH - 2 * PAD + 8) / width,
                100 * (bottom - top) / height,
            )
    cx, cy = width / 2, MARGIN + content / 2
    centre = [
        TextLine(cx, cy - 6, centre_title, 22, "net-centre"),
        TextLine(cx, cy + 24, place, 22, "net-centre"),
    ]
    foot = TextLine(width / 2, height - MARGIN, footer, 17, "net-footer")
    return Figure(width, height, boxes, cx, cy, centre, foot)


def fitting(figures: list[Figure], page_width: float, page_height: float) -> Figure:
    """The figure that is drawn largest when scaled to fit a page of the given proportions."""
    return max(figures, key=lambda f: min(page_width / f.width, page_height / f.height))
