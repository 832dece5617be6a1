import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _finnish():
    """Messages are asserted in Finnish; a request in an earlier test may leave another
    language active in this thread."""
    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def _no_kept_tables():
    """The dashboard keeps its tables a few minutes per filter set (decision 0354): each test
    counts its own world."""
    cache.clear()
    yield
    cache.clear()
