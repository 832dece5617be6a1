"""Fixtures of the system tests (tests/live.py): demo databases and real servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import Database, Databases, Server


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    found = Databases(tmp_path_factory.mktemp("system"))
    yield found
    found.drop_all()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def demo_db(databases: Databases) -> Database:
    """A database of its own for this test, with the catalogue, demo accounts and clients."""
    return databases.demo_copy()


@pytest.fixture
def servers(demo_db: Database, workdir: Path) -> Iterator[list[Server]]:
    """Servers the test starts; each is stopped afterwards, whatever happened."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def start_server(demo_db: Database, workdir: Path, servers: list[Server]):
    def start(**options) -> Server:
        server = Server(demo_db, workdir, **options).start()
        servers.append(server)
        return server

    return start
