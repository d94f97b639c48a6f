"""Take one workflow action in a fresh process, optionally dying mid-way (SIGKILL).

Run by test_crash_atomicity.py as ``python crash_midway.py SETTINGS_PICKLE CASE USER ACTION
PAYLOAD_JSON kill|finish NOW``, NOW being the parent app's clock (ISO 8601), so that the
child judges time as the parent does. With ``kill``, the process sends itself SIGKILL right
after the action's audit row has been flushed to the database and before anything is
committed: the latest moment a crash can happen inside the transition.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction

from echo_cases import create_app
from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.services import cases
from models import AuditEvent, User


def die_once_the_audit_row_is_flushed(session: OrmSession, _flush: UOWTransaction) -> None:
    # after_flush still sees the flushed objects in session.new: the audit row goes last.
    if any(isinstance(row, AuditEvent) and row.kind == "transition" for row in session.new):
        os.kill(os.getpid(), signal.SIGKILL)


def main(settings_file: str, case_id: str, user_id: str, action: str, payload: str,
         mode: str, now: str) -> None:
    with open(settings_file, "rb") as handle:
        settings = pickle.load(handle)  # noqa: S301 - written by the test that started us
    moment = datetime.fromisoformat(now)
    app = create_app(settings, clock=lambda: moment)
    if mode == "kill":
        event.listen(OrmSession, "after_flush", die_once_the_audit_row_is_flushed)
    with unit_of_work(app) as db:
        user: Any = db.get(User, int(user_id))
        case, actor = get_case(db, user, int(case_id))
        cases.take_action(db, actor, case, action, expected_version=case.version,
                          payload=json.loads(payload))
    print("committed")  # the parent reads it


if __name__ == "__main__":
    main(*sys.argv[1:])
