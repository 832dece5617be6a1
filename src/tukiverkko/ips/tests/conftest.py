import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _finnish():
    """Messages are asserted in Finnish."""
    with translation.override("fi"):
        yield
