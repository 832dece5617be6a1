from pathlib import Path

import pytest

from tukiverkko.screening.instruments import INSTRUMENTS
from tukiverkko.screening.urls import urlpatterns

DOC = (Path(__file__).resolve().parents[4] / "docs" / "screening.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("instrument", sorted(INSTRUMENTS))
def test_every_instrument_and_its_bands_are_documented(instrument: str) -> None:
    assert f"`{instrument}`" in DOC
    for band in INSTRUMENTS[instrument].bands:
        assert f"`{band.slug}`" in DOC


@pytest.mark.parametrize("text", ["tukiverkko score INSTRUMENT --answers FILE", "--describe"])
def test_the_command_is_documented(text: str) -> None:
    assert text in DOC


def test_every_page_and_endpoint_is_documented() -> None:
    for pattern in urlpatterns:
        route = str(pattern.pattern).replace("<slug:instrument_id>", "<id>")
        assert f"/seulonta/{route}" in DOC
    for path in ("/api/v1/screening/", "/api/v1/screening/{instrument}/score"):
        assert path in DOC
