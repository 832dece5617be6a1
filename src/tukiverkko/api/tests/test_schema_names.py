"""django-ninja names an OpenAPI component after its schema class: two apps' classes of one name
would make one describe the other's routes (ips's ItemOut once stood for screening's)."""

from __future__ import annotations

from collections import Counter

from ninja import Schema

import tukiverkko.api.v1  # noqa: F401 — mounts every app's router, importing its schemas


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_every_api_schema_has_a_name_of_its_own():
    ours = [
        c
        for c in _subclasses(Schema)
        if c.__module__.startswith("tukiverkko.") and ".tests." not in c.__module__
    ]
    assert len(ours) > 50
    twice = {name: n for name, n in Counter(c.__name__ for c in ours).items() if n > 1}
    assert twice == {}, {
        name: sorted(c.__module__ for c in ours if c.__name__ == name) for name in twice
    }
