"""No test reaches the network: pytest-socket lets a test connect to loopback only (the live
server of the browser tests, a local PostgreSQL), so a forgotten real call fails loudly."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_a_connection_to_another_host_is_refused() -> None:
    # when a test tries to reach an address outside this machine (TEST-NET-1, RFC 5737)
    with (
        pytest.warns(UserWarning, match="192.0.2.1"),
        pytest.raises(SocketConnectBlockedError),
    ):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_loopback_stays_open() -> None:
    # given a server on loopback / then a test may connect to it
    server = socket.create_server(("127.0.0.1", 0))
    try:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
    finally:
        server.close()
