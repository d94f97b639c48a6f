"""A real SMTP server on loopback, for the tests that follow a letter to an inbox."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


class Inbox:
    """Keeps what it receives; refuses the first ``refuse_first`` messages as a busy server
    does (451, "try again later"), so that retries can be seen."""

    def __init__(self, refuse_first: int = 0) -> None:
        self.messages: list[Message] = []
        self.refused = 0
        self.refuse_first = refuse_first

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refused < self.refuse_first:
            self.refused += 1
            return "451 4.3.0 Busy, try again later"
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(inbox: Inbox, port: int) -> Iterator[Inbox]:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def text_of(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def link_in(message: Message, kind: str = "invitations") -> str:
    """The path of the link the e-mail carries (the test client needs no host)."""
    body = text_of(message)
    match = re.search(rf"http://localhost(/{kind}/[A-Za-z0-9_-]+|/login/reset/[A-Za-z0-9_-]+)",
                      body)
    assert match, body
    return match.group(1)
