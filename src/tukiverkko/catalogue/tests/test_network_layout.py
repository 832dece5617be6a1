"""The network figure's layout (catalogue.network): boxes never overlap, every actor is drawn,
and the paper's two-columns-a-side layout is chosen where it comes out larger."""

from __future__ import annotations

from tukiverkko.accounts.models import Organisation
from tukiverkko.catalogue import network
from tukiverkko.catalogue.models import Service, ServiceType


def _groups(count: int, per_group: int) -> list[tuple[str, str, list[Service]]]:
    kind = ServiceType(name_fi="Työkykykoordinaattori")
    org = Organisation(name_fi="Testimaan hyvinvointialue")
    groups = []
    for g in range(count):
        services = [
            Service(pk=g * 100 + i, name_fi=f"Palvelu {g}.{i}", service_type=kind, organisation=org)
            for i in range(per_group)
        ]
        groups.append((f"g{g}", f"Ryhmä {g}", services))
    return groups


def _figure(groups, per_side: int) -> network.Figure:  # type: ignore[no-untyped-def]
    href = {s.pk: f"/palvelut/{s.pk}/" for _v, _l, ss in groups for s in ss}
    return network.layout(groups, "Testilä", href, "Työttömät,", "Jokaisen vastuulla!", per_side)


def _overlap(a: network.Box, b: network.Box) -> bool:
    return not (
        a.x + a.width <= b.x
        or b.x + b.width <= a.x
        or a.y + a.height <= b.y
        or b.y + b.height <= a.y
    )


def test_two_columns_a_side_draw_every_actor_without_overlap() -> None:
    # given a large network
    groups = _groups(11, 5)
    # when
    one, two = _figure(groups, 1), _figure(groups, 2)
    # then
    for figure in (one, two):
        assert sum(len(b.actors) for b in figure.boxes) == 55
        boxes = figure.boxes
        assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
        assert all(b.x >= 0 and b.x + b.width <= figure.width for b in boxes)
        assert all(b.y >= 0 and b.y + b.height <= figure.height for b in boxes)
    assert one.width == network.WIDTH
    assert two.width > one.width and two.height < one.height * 0.6


def test_paper_takes_the_layout_that_is_drawn_larger() -> None:
    # given a large and a small network, for a landscape A4 page
    large, small = _groups(11, 5), _groups(3, 2)
    # then the large one goes two a side, the small one stays one a side
    assert network.fitting([_figure(large, 1), _figure(large, 2)], 275, 175).width > network.WIDTH
    assert network.fitting([_figure(small, 1), _figure(small, 2)], 275, 175).width == network.WIDTH
