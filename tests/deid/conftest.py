"""Shared fixtures: one model load per test session, and no network, ever."""

from __future__ import annotations

import socket

import pytest

from echo_cases.deid import Deidentifier, get_deidentifier


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in ("127.0.0.1", "::1", "localhost")
            and self.family != socket.AF_UNIX
        ):
            raise NetworkAccessError(f"network access attempted: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(
        socket,
        "create_connection",
        lambda *a, **k: (_ for _ in ()).throw(
            NetworkAccessError(f"network access attempted: {a!r}")
        ),
    )


@pytest.fixture(scope="session")
def deid() -> Deidentifier:
    return get_deidentifier()
