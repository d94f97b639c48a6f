"""No network, ever: not when loading, not when checking e-mail or URL domains."""

from __future__ import annotations

import socket

import pytest

from echo_cases.deid import Deidentifier, EntityType

from .conftest import NetworkAccessError


def test_the_guard_blocks_outbound_connections() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAccessError):
            sock.connect(("203.0.113.9", 443))
    finally:
        sock.close()


def test_analyzing_emails_and_urls_opens_no_connection(deid: Deidentifier) -> None:
    text = (
        "Write to wanjiru.k@gmail.com or w.k@health.go.ke; portal https://example.org/p/1; "
        "odd domains a@b.zzzz and www.clinic.co.ke/book"
    )
    findings = deid.analyze(text)
    emails = [text[f.start : f.end] for f in findings if f.subtype == "EMAIL"]
    # An address at a domain nobody knows is still an address.
    assert emails == ["wanjiru.k@gmail.com", "w.k@health.go.ke", "a@b.zzzz"]
    assert all(f.entity_type is EntityType.CONTACT for f in findings)


def test_a_fresh_deidentifier_loads_offline() -> None:
    fresh = Deidentifier()
    assert fresh.analyze("Dr. Achieng Otieno") != []
