"""Access-log lines without the tokens that links carry in their paths.

An invitation, a password reset, a calendar feed and a session evaluation are opened by a
token in the path, and a certificate's check by its code (in the path, or in ``?code=``
from the check's form): whoever reads a log line holding one can use it. ``redact`` puts
``[token]`` in its place, and both servers that write request logs go through it:
gunicorn (``gunicorn.conf.py``) through ``RedactingLogger``, in every field of the line
(the request line, the path, the query, the Referer: a page opened from such a link sends
its address as the Referer of its form, and the headers); the development server
(``flask run``, werkzeug's request log) through ``RedactingFilter``, set by ``init_app``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask
from gunicorn.glogging import Logger

# The paths whose segment after the prefix is a token (tests check that every route taking
# a <token> is one of them); "/" may arrive percent-encoded, inside ?next= for one.
TOKEN_PREFIXES = ("invitations", "login/reset", "calendar", "evaluations",
                  "certificates/transcript")  # a spoke's e-mailed transcript link
_SLASH = r"(?:/|%2[Ff])"
TOKEN_IN_PATH = re.compile(
    "(" + _SLASH + "(?:" + "|".join(p.replace("/", _SLASH) for p in TOKEN_PREFIXES) + ")"
    + _SLASH + ")[A-Za-z0-9_-]{20,}")
# A certificate's code is short (16 letters, shown in fours) and typed by hand, so whatever
# follows the check's address is taken out, up to the next part of the address.
CODE_IN_LINK = re.compile(
    "(" + _SLASH + "certificates" + _SLASH + "verify(?:" + _SLASH
    + r"|\?(?:[^\s\"#]*&)?code=|%3[Ff](?:\S*?%26)?code%3[Dd]))[^/?&#\s\"%]+(?:%20[^/?&#\s\"%]+)*")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return CODE_IN_LINK.sub(REDACTED, TOKEN_IN_PATH.sub(REDACTED, text))


class RedactingFilter(logging.Filter):
    """Takes tokens out of a log record's finished message (werkzeug's request lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def init_app(_app: Flask) -> None:
    """Redact the development server's request log (the logger ``flask run`` writes to)."""
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactingFilter) for f in werkzeug.filters):
        werkzeug.addFilter(RedactingFilter())


class RedactingLogger(Logger):
    """gunicorn's logger, with tokens taken out of every access-log field."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any],
              request_time: Any) -> dict[str, Any]:
        return {name: redact(value) if isinstance(value, str) else value
                for name, value in super().atoms(resp, req, environ, request_time).items()}
