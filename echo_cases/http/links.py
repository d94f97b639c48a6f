"""Links e-mails carry: absolute, and pointed only where this server is configured to be."""

from __future__ import annotations

from flask import current_app, url_for

from echo_cases import settings_of
from echo_cases.services import invitations


def link_for(endpoint: str) -> invitations.LinkFor:
    """Turn a token into the absolute link an e-mail carries (the configured public
    address when there is one: a forged Host header must not choose where links point)."""
    base = settings_of(current_app).public_url

    def link(token: str) -> str:
        if base:
            return base + url_for(endpoint, token=token)
        return url_for(endpoint, token=token, _external=True)

    return link
