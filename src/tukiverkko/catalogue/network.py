"""Layout of the network figure (seed 000 "Työkyvyn tuen palveluverkosto"), drawn server-side.

The unemployed people of the place stand in the middle; the actors stand around them in boxes,
one box per network group, each actor with its role (the service type) and organisation. Boxes
are stacked in a left and a right column so that no text ever overlaps and no font has to
shrink; the template ``catalogue/_network_svg.html`` turns the layout into SVG.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from tukiverkko.catalogue.models import Service, localised

WIDTH = 1200
COLUMN_WIDTH = 400
MARGIN = 20
PAD = 14
GAP = 22
HEADER_SIZE = 19
NAME_SIZE = 17
ROLE_SIZE = 15
LINE = 1.3  # line height as a multiple of the font size
CENTRE_RX, CENTRE_RY = 150, 70


@dataclass
class TextLine:
    x: float
    y: float
    text: str
    size: int
    css: str


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
) -> Figure:
    """Place the groups' boxes in two columns around the centre ellipse."""
    columns: list[list[Box]] = [[], []]
    heights = [0.0, 0.0]
    xs = (MARGIN, WIDTH - MARGIN - COLUMN_WIDTH)
    for _value, label, services in groups:
        side = 0 if heights[0] <= heights[1] else 1
        box = _box(label, [(s, href[s.pk]) for s in services], xs[side])
        columns[side].append(box)
        heights[side] += box.height + GAP
    content = max(max(heights) - GAP, 2 * CENTRE_RY + 40)
    height = content + 2 * MARGIN + 50
    for side, boxes in enumerate(columns):
        y = MARGIN + (content - (heights[side] - GAP)) / 2
        for box in boxes:
            _shift(box, y)
            y += box.height + GAP
            box.anchor_x = box.x + (COLUMN_WIDTH if side == 0 else 0)
            box.anchor_y = box.y + box.height / 2
    for box in columns[0] + columns[1]:
        for actor in box.actors:
            top = actor.lines[0].y - actor.lines[0].size
            bottom = actor.lines[-1].y + 6
            actor.hit = (
                100 * (box.x + PAD - 4) / WIDTH,
                100 * top / height,
                100 * (COLUMN_WIDTH - 2 * PAD + 8) / WIDTH,
                100 * (bottom - top) / height,
            )
    cx, cy = WIDTH / 2, MARGIN + content / 2
    centre = [
        TextLine(cx, cy - 6, centre_title, 22, "net-centre"),
        TextLine(cx, cy + 24, place, 22, "net-centre"),
    ]
    foot = TextLine(WIDTH / 2, height - MARGIN, footer, 17, "net-footer")
    return Figure(WIDTH, height, columns[0] + columns[1], cx, cy, centre, foot)
