"""The catalogue's service-page hook (catalogue.sections) collects the IPS app's section and
refuses what is not a section, or two of one name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tukiverkko.catalogue import sections
from tukiverkko.ips.panels import FIDELITY


def test_the_ips_section_is_collected():
    assert FIDELITY in sections.sections()


@pytest.mark.parametrize(
    ("declared", "error"),
    [
        (("tukiverkko.ips.panels.IPS",), TypeError),
        (("tukiverkko.ips.panels.FIDELITY", "tukiverkko.ips.panels.FIDELITY"), ValueError),
    ],
)
def test_a_bad_declaration_is_refused(monkeypatch, declared, error):
    fake = [SimpleNamespace(service_sections=declared)]
    monkeypatch.setattr(sections.apps, "get_app_configs", lambda: fake)
    with pytest.raises(error):
        sections.sections.__wrapped__()
