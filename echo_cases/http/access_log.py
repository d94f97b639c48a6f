"""Access-log lines without the tokens that links carry in their paths.

An invitation, a password reset, a calendar feed and a session evaluation are opened by a
token in the path:
whoever reads a log line holding one can use it. gunicorn (``gunicorn.conf.py``) writes
its access log through ``RedactingLogger``, which puts ``[token]`` in its place in every
field of the line: the request line, the path, the query, the Referer (a page opened
from such a link sends its address as the Referer of its form) and the headers.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# The paths whose segment after the prefix is a token (tests check that every route taking
# a <token> is one of them); "/" may arrive percent-encoded, inside ?next= for one.
TOKEN_PREFIXES = ("invitations", "login/reset", "calendar", "evaluations")
_SLASH = r"(?:/|%2[Ff])"
TOKEN_IN_PATH = re.compile(
    "(" + _SLASH + "(?:" + "|".join(p.replace("/", _SLASH) for p in TOKEN_PREFIXES) + ")"
    + _SLASH + ")[A-Za-z0-9_-]{20,}")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(REDACTED, text)


class RedactingLogger(Logger):
    """gunicorn's logger, with tokens taken out of every access-log field."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any],
              request_time: Any) -> dict[str, Any]:
        return {name: redact(value) if isinstance(value, str) else value
                for name, value in super().atoms(resp, req, environ, request_time).items()}
