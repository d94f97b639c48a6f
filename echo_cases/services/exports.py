"""What a hub reports on: cases with every transition's time, letters by session.

Each case carries its de-identified fields by key, as its own form version names them
(``form_version``): in JSON a ``fields`` object; in CSV one ``field:<key>`` column per key
any version of any of the hub's program forms ever had, empty where a case's version has
no such field. A key means one thing for good (keys are never reused within a program),
so a column spans versions; ``program`` tells programs' same-named keys apart.
The fields' dates read as on every page: counted from ``dates_relative_to`` (the hub's
day of submission), or, where the hub shifts dates, each marked "(shifted)".
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row
from sqlmodel import Session, col, func, select

from echo_cases.case_form import MULTI_SEPARATOR, CaseForm
from echo_cases.services import audit, program_forms
from models import (
    AgendaItem,
    Attendance,
    Case,
    CaseTransition,
    EchoSession,
    Letter,
    Program,
    ProgramForm,
    as_utc,
)

# The moment each milestone was first reached, named for the export's columns. History
# written before "accept into session" was renamed "schedule" still counts as scheduling.
MILESTONES = {
    "submit": "submitted_at",
    "record_pre_review": "pre_reviewed_at",
    "schedule": "scheduled_at",
    "accept_into_session": "scheduled_at",
    "mark_presented": "presented_at",
    "sign_off": "letter_sent_at",
    "withdraw": "withdrawn_at",
}
MILESTONE_COLUMNS = list(dict.fromkeys(MILESTONES.values()))
COLUMNS = ["case_id", "program", "form_version", "state", "created_at", *MILESTONE_COLUMNS,
           "dates_relative_to", "times_returned", "turnaround_hours", "session_id",
           "session_starts_at", "session_attendance", "follow_up_of", "transitions"]
BATCH = 500
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def note_export(db: Session, user_id: int | None, hub_id: int, what: str) -> None:
    """Exports leave the building: each one is on the audit trail."""
    audit.record(db, "export", actor_id=user_id, hub_id=hub_id, subject=what)


FIELD_PREFIX = "field:"


@dataclass(frozen=True)
class CaseRows:
    """The rows of a hub's cases, with the field keys their forms may hold (for CSV columns)."""

    rows: Iterable[dict[str, Any]]
    field_keys: tuple[str, ...]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)


def case_rows(db: Session, hub_id: int) -> CaseRows:
    """One row per submitted case of the hub, streamed in batches (no identified text)."""
    return CaseRows(_batches(db, hub_id), field_keys_of_hub(db, hub_id))


def field_keys_of_hub(db: Session, hub_id: int) -> tuple[str, ...]:
    """Every key of every version of the hub's program forms, the default form's first."""
    keys: dict[str, None] = {}
    for program in db.exec(select(Program).where(Program.hub_id == hub_id)
                           .order_by(col(Program.id))):
        keys.update(dict.fromkeys(program_forms.default_form(program).names))
        for fields in db.exec(select(ProgramForm.fields).where(
                ProgramForm.program_id == program.id).order_by(col(ProgramForm.version))):
            keys.update(dict.fromkeys(str(spec["name"]) for spec in fields))
    return tuple(keys)


def _batches(db: Session, hub_id: int) -> Iterator[dict[str, Any]]:
    last_id = 0
    while True:
        # Columns, not table objects: building ORM objects (and parsing each case's
        # de-identified JSON, which no column needs) was most of an export's time.
        cases = db.exec(
            select(Case.id, Case.state, Case.created_at, Case.submitted_at,
                   Case.dates_relative_to, Case.follow_up_of_id, Case.form_version,
                   Case.deidentified, Program.name, Program.id.label("program_id"))
            .join(Program, col(Program.id) == Case.program_id)
            .where(Case.hub_id == hub_id, col(Case.submitted_at).is_not(None),
                   col(Case.id) > last_id)
            .order_by(col(Case.id)).limit(BATCH)).all()
        if not cases:
            return
        yield from _rows(db, cases)
        last_id = cases[-1].id


def _rows(db: Session, cases: Sequence[Row[Any]]) -> Iterator[dict[str, Any]]:
    ids = [case.id for case in cases]
    moments: dict[int, dict[str, datetime]] = defaultdict(dict)
    returned: dict[int, int] = defaultdict(int)
    every: dict[int, list[dict[str, str]]] = defaultdict(list)
    for case_id, action, to_state, at in db.exec(
            select(CaseTransition.case_id, CaseTransition.action, CaseTransition.to_state,
                   CaseTransition.at)
            .where(col(CaseTransition.case_id).in_(ids)).order_by(col(CaseTransition.id))):
        moment = as_utc(at)
        every[case_id].append({"action": action, "to": to_state.value,
                               "at": moment.isoformat()})
        name = MILESTONES.get(action)
        if name and name not in moments[case_id]:
            moments[case_id][name] = moment
        if action == "return_to_clinician":
            returned[case_id] += 1
    sessions = {case_id: (session_id, starts_at) for case_id, session_id, starts_at in db.exec(
        select(AgendaItem.case_id, EchoSession.id, EchoSession.starts_at)
        .join(EchoSession, col(EchoSession.id) == AgendaItem.session_id)
        .where(col(AgendaItem.case_id).in_(ids)))}
    session_ids = {session_id for session_id, _starts in sessions.values()}
    attendance = dict(db.exec(
        select(Attendance.session_id, func.count()).where(
            col(Attendance.session_id).in_(session_ids)).group_by(Attendance.session_id)).all()
    ) if session_ids else {}
    letters = dict(db.exec(select(Letter.case_id, Letter.created_at)
                           .where(col(Letter.case_id).in_(ids))).all())
    forms = _forms_of(db, {(case.program_id, case.form_version) for case in cases})
    for case in cases:
        seen = moments[case.id]
        booked = sessions.get(case.id)
        turnaround = None
        if case.submitted_at and case.id in letters:
            turnaround = round((as_utc(letters[case.id]) - as_utc(case.submitted_at))
                               .total_seconds() / 3600, 2)
        yield {
            "case_id": case.id, "program": case.name, "form_version": case.form_version,
            "state": case.state.value,
            "created_at": _iso(as_utc(case.created_at)),
            **{name: _iso(seen.get(name)) for name in MILESTONE_COLUMNS},
            # The hub's day of submission that the fields' dates count from; empty where
            # the hub shifts dates instead (each then marked "(shifted)").
            "dates_relative_to": _day(case.dates_relative_to),
            "times_returned": returned[case.id],
            "turnaround_hours": turnaround,
            "session_id": booked[0] if booked else None,
            "session_starts_at": _iso(as_utc(booked[1])) if booked else None,
            "session_attendance": attendance.get(booked[0], 0) if booked else None,
            "follow_up_of": case.follow_up_of_id,
            "transitions": every[case.id],
            # A multiple choice as the list of its choices, as the API gives it.
            "fields": forms[case.program_id, case.form_version].as_lists(
                case.deidentified or {}),
        }


def _forms_of(db: Session, versions: Iterable[tuple[int, int]]) -> dict[tuple[int, int],
                                                                         CaseForm]:
    """Each (program, form version) of a batch, read once (versions never change)."""
    programs = {program_id: db.get(Program, program_id) for program_id, _ in versions}
    return {(program_id, version): program_forms.form_version(db, programs[program_id],
                                                               version)
            for program_id, version in versions if programs[program_id] is not None}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas: a leading ' makes the cell plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV export, line by line, so a large hub streams instead of buffering."""
    buffer = io.StringIO()
    keys = rows.field_keys if isinstance(rows, CaseRows) else ()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, *(FIELD_PREFIX + k for k in keys)],
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {**row, "transitions": "; ".join(
            f"{t['action']}@{t['at']}" for t in row.get("transitions", [])),
            **{FIELD_PREFIX + k: MULTI_SEPARATOR.join(v) if isinstance(v, list) else v
               for k, v in row.get("fields", {}).items()}}
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

