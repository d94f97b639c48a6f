"""Reading a video platform's participant report (Zoom's, or a plain CSV) into minutes per
person. Pure: it knows the session's start, zone and length, and no database.

Only minutes inside the session count: a room opened early, or left open after, is not
the session (someone in at 17:15 for an 18:00 session has 5 minutes by 18:05). A report
none of whose times touch the session is refused: it is most likely another meeting's."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from echo_cases.errors import Invalid
from echo_cases.numbers import whole

MAX_BYTES = 2_000_000
MAX_ROWS = 5000
# Each column as platforms name it, lower-cased: Zoom's meeting report first, then plain names.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name (original name)", "name", "participant", "full name", "user name"),
    "email": ("user email", "email", "e-mail", "email address", "attendee email"),
    "join": ("join time", "join", "joined", "joined at"),
    "leave": ("leave time", "leave", "left", "left at"),
    "duration": ("duration (minutes)", "duration", "minutes", "duration (mins)"),
    "profession": ("profession", "role", "discipline"),
    "organisation": ("organisation", "organization", "institution"),
}
# Zoom writes 11/29/2026 06:58:12 PM in the United States and 2026-11-29 18:58:12 elsewhere.
TIME_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S",
                "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
TIME_EXAMPLE = "11/29/2026 06:58:12 PM or 2026-11-29 18:58"


@dataclass
class ReportedPerson:
    """One person of the report, their rows merged."""

    email: str
    name: str
    profession: str = ""
    organisation: str = ""
    lines: list[int] = field(default_factory=list)
    intervals: list[tuple[datetime, datetime]] = field(default_factory=list)
    stated_minutes: int = 0

    def minutes(self, cap: int) -> int:
        """Time present, each moment counted once (two devices overlap), at most ``cap``."""
        seconds = 0.0
        end: datetime | None = None
        for start, stop in sorted(self.intervals):
            if end is not None and start < end:
                start = end
            if stop > start:
                seconds += (stop - start).total_seconds()
            end = stop if end is None else max(end, stop)
        total = round(seconds / 60) + self.stated_minutes
        return max(0, min(cap, total))


@dataclass(frozen=True)
class Skipped:
    line: int
    name: str
    reason: str


@dataclass(frozen=True)
class Report:
    people: list[ReportedPerson]
    skipped: list[Skipped]


def read_report(text: str, zone: str, within: tuple[datetime, datetime]) -> Report:
    """The people of a report and the rows left out; any row that cannot be read stops
    the whole import with its line and what is wrong (lines count from 1, as editors do).
    Times count only inside ``within``, the session's start and end (aware datetimes)."""
    if len(text.encode()) > MAX_BYTES:
        raise Invalid("The report is larger than 2 MB: export the participants only.",
                      {"report": "Too large."})
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    columns = _header(reader)
    tz = ZoneInfo(zone)
    people: dict[str, ReportedPerson] = {}
    skipped: list[Skipped] = []
    errors: dict[str, str] = {}
    rows = 0
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise Invalid(f"The report has more than {MAX_ROWS} rows.",
                          {f"line {line}": "Split the report."})
        value = {key: cells[i].strip() if i < len(cells) else ""
                 for key, i in columns.items()}
        problem = _read_row(value, line, tz, people, skipped)
        if problem:
            errors[f"line {line}"] = problem
    if errors:
        first = next(iter(errors))
        raise Invalid(f"Nothing was imported: {first}: {errors[first]}", errors)
    if not people and not skipped:
        raise Invalid("Nothing was imported: the report has no rows under its header.",
                      {"report": "No participants."})
    _require_overlap(list(people.values()), within, tz)
    for person in people.values():
        person.intervals = _clipped(person.intervals, within)
    return Report(list(people.values()), skipped)


def _clipped(intervals: list[tuple[datetime, datetime]],
             within: tuple[datetime, datetime]) -> list[tuple[datetime, datetime]]:
    """Each interval cut to the session; those wholly outside it are dropped."""
    start, end = (moment.astimezone(UTC) for moment in within)
    return [(max(a, start), min(b, end)) for a, b in intervals if a < end and b > start]


def _require_overlap(people: list[ReportedPerson], within: tuple[datetime, datetime],
                     tz: ZoneInfo) -> None:
    """Refuse a report with times none of which meet the session (durations alone say
    nothing of when, and are taken as they are)."""
    every = [interval for person in people for interval in person.intervals]
    if not every or _clipped(every, within):
        return
    first, last = min(a for a, _ in every), max(b for _, b in every)
    raise Invalid(f"This report's times ({_span(first, last, tz)}) do not overlap the "
                  f"session ({_span(*within, tz)}): is it the right meeting?",
                  {"report": "Its times are outside the session's."})


def _span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """"29 November 2026 17:15 to 18:05", in the session's zone; both days if they differ."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    tail = f"{b:%H:%M}" if a.date() == b.date() else f"{b:%d %B %Y %H:%M}"
    return f"{a:%d %B %Y %H:%M} to {tail}"


def _header(reader: Any) -> dict[str, int]:  # a csv reader: its line_num names the line
    """Where each column is. Zoom puts the meeting's details above the participants, so
    the header is the first row naming a name and an e-mail column."""
    for cells in reader:
        names = [cell.strip().lower() for cell in cells]
        found = {key: names.index(alias) for key, aliases in reversed(COLUMNS.items())
                 for alias in reversed(aliases) if alias in names}
        if "name" in found and "email" in found:
            if "duration" not in found and not {"join", "leave"} <= found.keys():
                raise Invalid(
                    f"Nothing was imported: line {reader.line_num} has no duration column, "
                    "nor join and leave times.",
                    {f"line {reader.line_num}": "Add a 'Duration (Minutes)' column, or "
                                                "'Join Time' and 'Leave Time'."})
            return found
        if reader.line_num >= 30:
            break
    raise Invalid("Nothing was imported: no header row names the columns: name, email, "
                  "join time, leave time, duration.",
                  {"line 1": "Missing the header (Zoom's 'Name (Original Name)', "
                             "'User Email', ... or name, email, duration)."})


def _read_row(value: dict[str, str], line: int, tz: ZoneInfo,
              people: dict[str, ReportedPerson], skipped: list[Skipped]) -> str:
    """Merge one row into ``people``; return what is wrong with it, or ""."""
    email = value.get("email", "").lower()
    name = value.get("name", "")
    if not email:
        skipped.append(Skipped(line, name, "No e-mail address: add them by hand if they "
                                           "should count."))
        return ""
    if "@" not in email or any(c.isspace() for c in email) or len(email) > 254:
        return f"{email!r} is not an e-mail address."
    interval: tuple[datetime, datetime] | None = None
    stated = 0
    if value.get("join") and value.get("leave"):
        joined, left = _time(value["join"], tz), _time(value["leave"], tz)
        if joined is None or left is None:
            bad = value["join"] if joined is None else value["leave"]
            return f"{bad!r} is not a time like {TIME_EXAMPLE}."
        if left < joined:
            return "The leave time is before the join time."
        interval = (joined, left)
    elif value.get("duration"):
        minutes = whole(value["duration"], high=24 * 60)
        if minutes is None:
            return f"The duration {value['duration']!r} is not a number of minutes."
        stated = minutes
    else:
        return "Give the join and leave times, or the duration in minutes."
    person = people.setdefault(email, ReportedPerson(email=email, name=name[:200]))
    person.lines.append(line)
    person.name = person.name or name[:200]
    person.profession = person.profession or value.get("profession", "")[:100]
    person.organisation = person.organisation or value.get("organisation", "")[:200]
    if interval:
        person.intervals.append(interval)
    person.stated_minutes += stated
    return ""


def _time(text: str, tz: ZoneInfo) -> datetime | None:
    """A report's time, in UTC; one without an offset is in the session's zone. (In UTC,
    because Python subtracts two times of one zone by the wall clock, across a DST jump.)"""
    moment: datetime | None = None
    for pattern in TIME_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
            break
        except ValueError:
            continue
    if moment is None:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(UTC)

