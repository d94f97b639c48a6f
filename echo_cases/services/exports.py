"""What a hub reports on: cases with every transition's time, letters by session."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from echo_cases.services import audit
from models import (
    AgendaItem,
    Attendance,
    Case,
    CaseTransition,
    EchoSession,
    Letter,
    Program,
    as_utc,
)

# The moment each milestone was first reached, named for the export's columns.
MILESTONES = {
    "submit": "submitted_at",
    "record_pre_review": "pre_reviewed_at",
    "accept_into_session": "accepted_at",
    "mark_presented": "presented_at",
    "sign_off": "letter_sent_at",
    "withdraw": "withdrawn_at",
}
COLUMNS = ["case_id", "program", "state", "created_at", *MILESTONES.values(), "times_returned",
           "turnaround_hours", "session_id", "session_starts_at", "session_attendance",
           "follow_up_of", "transitions"]
BATCH = 500
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def note_export(db: Session, user_id: int | None, hub_id: int, what: str) -> None:
    """Exports leave the building: each one is on the audit trail."""
    audit.record(db, "export", actor_id=user_id, hub_id=hub_id, subject=what)


def case_rows(db: Session, hub_id: int) -> Iterator[dict[str, Any]]:
    """One row per submitted case of the hub, streamed in batches (no identified text)."""
    last_id = 0
    while True:
        cases = list(db.exec(
            select(Case, Program).join(Program, col(Program.id) == Case.program_id)
            .where(Case.hub_id == hub_id, col(Case.submitted_at).is_not(None),
                   col(Case.id) > last_id)
            .order_by(col(Case.id)).limit(BATCH)))
        if not cases:
            return
        yield from _rows(db, cases)
        last_id = cases[-1][0].id or last_id


def _rows(db: Session, cases: list[tuple[Case, Program]]) -> Iterator[dict[str, Any]]:
    ids = [c.id for c, _p in cases]
    moments: dict[int, dict[str, datetime]] = defaultdict(dict)
    returned: dict[int, int] = defaultdict(int)
    every: dict[int, list[dict[str, str]]] = defaultdict(list)
    for t in db.exec(select(CaseTransition).where(col(CaseTransition.case_id).in_(ids))
                     .order_by(col(CaseTransition.id))):
        every[t.case_id].append({"action": t.action, "to": t.to_state.value,
                                 "at": as_utc(t.at).isoformat()})
        name = MILESTONES.get(t.action)
        if name and name not in moments[t.case_id]:
            moments[t.case_id][name] = as_utc(t.at)
        if t.action == "return_to_clinician":
            returned[t.case_id] += 1
    sessions = {item.case_id: (item, session) for item, session in db.exec(
        select(AgendaItem, EchoSession).join(EchoSession,
                                             col(EchoSession.id) == AgendaItem.session_id)
        .where(col(AgendaItem.case_id).in_(ids)))}
    session_ids = {s.id for _i, s in sessions.values()}
    attendance = dict(db.exec(
        select(Attendance.session_id, func.count()).where(
            col(Attendance.session_id).in_(session_ids)).group_by(Attendance.session_id)).all()
    ) if session_ids else {}
    letters = dict(db.exec(select(Letter.case_id, Letter.created_at)
                           .where(col(Letter.case_id).in_(ids))).all())
    for case, program in cases:
        seen = moments[case.id or 0]
        booked = sessions.get(case.id or 0)
        turnaround = None
        if case.submitted_at and case.id in letters:
            turnaround = round((as_utc(letters[case.id]) - as_utc(case.submitted_at))
                               .total_seconds() / 3600, 2)
        yield {
            "case_id": case.id, "program": program.name, "state": case.state.value,
            "created_at": _iso(as_utc(case.created_at)),
            **{name: _iso(seen.get(name)) for name in MILESTONES.values()},
            "times_returned": returned[case.id or 0],
            "turnaround_hours": turnaround,
            "session_id": booked[1].id if booked else None,
            "session_starts_at": _iso(as_utc(booked[1].starts_at)) if booked else None,
            "session_attendance": attendance.get(booked[1].id, 0) if booked else None,
            "follow_up_of": case.follow_up_of_id,
            "transitions": every[case.id or 0],
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas: a leading ' makes the cell plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV export, line by line, so a large hub streams instead of buffering."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {**row, "transitions": "; ".join(
            f"{t['action']}@{t['at']}" for t in row.get("transitions", []))}
        writer.writerow({k: safe_cell(v) for k, v in flat.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def json_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The JSON export, ``{"cases": [...]}``, a row at a time, so it streams like the CSV."""
    yield '{"cases": ['
    for index, row in enumerate(rows):
        yield ("," if index else "") + json.dumps(row)
    yield "]}"


def session_letters_zip(db: Session, session: EchoSession) -> bytes:
    """Every signed letter of a session's cases, one PDF each."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        write_session_letters(db, session, zf)
    return archive.getvalue()


def write_session_letters(db: Session, session: EchoSession, zf: zipfile.ZipFile) -> None:
    letters = db.exec(select(Letter).join(AgendaItem, col(AgendaItem.case_id) == Letter.case_id)
                      .where(AgendaItem.session_id == session.id)
                      .order_by(col(AgendaItem.position)))
    for letter in letters:
        zf.writestr(f"case-{letter.case_id}-recommendations.pdf", letter.pdf)

