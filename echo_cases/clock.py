"""The clock the operations read "now" from, so that tests (and a demo) can set the time.

The app is built with a clock (the real one unless told otherwise) and every database
session carries it, like the vault and the surrogate secret: operations ask the session,
never Flask and never ``datetime.now`` directly, for decisions that depend on the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from models import utcnow

Clock = Callable[[], datetime]

CLOCK_INFO = "clock"


def now(db: Session) -> datetime:
    """The present moment (aware, UTC) by the clock ``db`` carries."""
    clock: Clock = db.info.get(CLOCK_INFO) or utcnow
    return clock()
