"""A person's credits over a period, as CSV or PDF, from their own certificates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from echo_cases.errors import Invalid
from echo_cases.letters.certificate import TranscriptLine, render_transcript
from echo_cases.services.credits import (
    certificates_at_address,
    certificates_of,
    hours_text,
    shown_code,
)
from models import Certificate, EchoSession, Hub, User

CSV_COLUMNS = ("session_date", "session", "hours", "verification_code")


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None

    def label(self) -> str:
        if self.start is None and self.end is None:
            return "all sessions"
        start = self.start.strftime("%d %B %Y") if self.start else "the first session"
        end = self.end.strftime("%d %B %Y") if self.end else "today"
        return f"{start} to {end}"


def period(start: str, end: str) -> Period:
    """The period asked for (either end may be open); 422 naming the date that is wrong."""
    errors: dict[str, str] = {}
    parsed: list[date | None] = []
    for name, text in (("start", start.strip()), ("end", end.strip())):
        try:
            parsed.append(date.fromisoformat(text) if text else None)
        except ValueError:
            errors[name] = f"{text!r} is not a date like 2026-01-31."
            parsed.append(None)
    if not errors and parsed[0] and parsed[1] and parsed[0] > parsed[1]:
        errors["end"] = "The period ends before it starts."
    if errors:
        raise Invalid("The period needs a change.", errors)
    return Period(parsed[0], parsed[1])


def _lines(db: Session, user: User, within: Period) -> tuple[list[TranscriptLine], int]:
    return _lines_of(certificates_of(db, user, start=within.start, end=within.end))


def _lines_of(rows: list[tuple[Certificate, EchoSession]]) -> tuple[list[TranscriptLine], int]:
    lines = [TranscriptLine(c.session_date, c.session_title, hours_text(c.credit_centihours),
                            shown_code(c.code)) for c, _s in rows]
    return lines, sum(c.credit_centihours for c, _s in rows)


def transcript_csv(db: Session, user: User, within: Period) -> str:
    lines, _total = _lines(db, user, within)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        # A leading = + - @ would be read as a formula by a spreadsheet: quote it out.
        title = line.session_title
        if title[:1] and title[0] in "=+-@":
            title = "'" + title
        writer.writerow([line.session_date, title, line.hours, line.code])
    return out.getvalue()


def transcript_pdf(db: Session, user: User, within: Period, hub_name: str) -> bytes:
    lines, total = _lines(db, user, within)
    return render_transcript(hub_name, user.name, within.label(), lines, hours_text(total))


def transcript_pdf_at_address(db: Session, email: str, within: Period) -> bytes | None:
    """The transcript of the certificates sent to ``email`` (a spoke without an account),
    under the name on the latest of them; None when the address holds none in the period."""
    rows = certificates_at_address(db, email, start=within.start, end=within.end)
    if not rows:
        return None
    lines, total = _lines_of(rows)
    hubs = {s.hub_id for _c, s in rows}
    # The hub that awarded them; several hubs' credits go under no single letterhead.
    hub = db.get(Hub, next(iter(hubs))) if len(hubs) == 1 else None
    return render_transcript(hub.name if hub else "Project ECHO", rows[-1][0].name,
                             within.label(), lines, hours_text(total))
