"""Sending e-mail through the hub's SMTP server (settings from the environment)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from echo_cases.settings import SmtpSettings


class MailNotConfigured(RuntimeError):
    """No SMTP host is set: messages wait in the outbox until one is."""

    # What an admin sets to fix it; pages show it to admins alone.
    setting = "ECHO_SMTP_HOST"


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    @property
    def sender(self) -> str:
        return self.settings.sender

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        if not s.host:
            raise MailNotConfigured("E-mail is not set up on this server.")
        with smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds) as smtp:
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.username:
                smtp.login(s.username, s.password)
            smtp.send_message(message)
