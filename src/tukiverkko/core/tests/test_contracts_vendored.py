from pathlib import Path

import pytest
from django.conf import settings

from tukiverkko.contracts import DIR

SHARED = Path(settings.BASE_DIR).parent / "shared" / "contracts"


@pytest.mark.parametrize("name", sorted(p.name for p in DIR.glob("*.schema.json")))
def test_vendored_contract_is_identical_to_shared(name):
    # The CLI and API validate against the vendored copy; it must be the shared one, unchanged.
    assert (DIR / name).read_bytes() == (SHARED / name).read_bytes()


def test_every_shared_contract_is_vendored():
    assert {p.name for p in SHARED.glob("*.json")} == {p.name for p in DIR.glob("*.json")}
