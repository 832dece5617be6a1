import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _finnish():
    """Messages are asserted in Finnish; a request in an earlier test may leave another
    language active in this thread."""
    with translation.override("fi"):
        yield
