"""A hub's CME/CE credit figures: certificates issued and credit hours, per program and
month, and the hub's record of who earned credit (its CSV).

Months are calendar months of the moment a certificate was issued, in UTC: the figures
count what the hub issued when, which is what an accrediting body's yearly report asks.
The record names each participant (coordinators already see them on the session page, and
keeping who earned credit is the hub's duty), but never anything of the cases presented.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, func, select

from echo_cases import clock
from echo_cases.services.credits import hours_text
from echo_cases.services.exports import safe_cell
from models import Certificate, EchoSession, Program, as_utc

MONTHS = 12  # the dashboard's and the API's window, the current month included


@dataclass(frozen=True)
class MonthCredits:
    month: str  # "2026-11"
    certificates: int
    centihours: int

    @property
    def hours(self) -> float:
        return self.centihours / 100


@dataclass
class ProgramCredits:
    program: str
    months: list[MonthCredits] = field(default_factory=list)

    @property
    def certificates(self) -> int:
        return sum(m.certificates for m in self.months)

    @property
    def centihours(self) -> int:
        return sum(m.centihours for m in self.months)

    @property
    def hours(self) -> float:
        return self.centihours / 100


@dataclass(frozen=True)
class CreditFigures:
    months: list[str]  # every month of the window, oldest first, with or without credit
    programs: list[ProgramCredits]  # only programs that issued credit in the window
    per_month: list[MonthCredits]  # all programs together, one per month of the window

    @property
    def certificates(self) -> int:
        return sum(m.certificates for m in self.per_month)

    @property
    def centihours(self) -> int:
        return sum(m.centihours for m in self.per_month)


def window(now: datetime, months: int = MONTHS) -> list[str]:
    """The last ``months`` calendar months up to and including ``now``'s, oldest first."""
    index = now.year * 12 + now.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


def hub_credits(db: Session, hub_id: int) -> CreditFigures:
    """One grouped query: certificates and hours per program and month of the window."""
    months = window(clock.now(db))
    start = datetime.fromisoformat(f"{months[0]}-01").replace(tzinfo=UTC)
    month = _Month(Certificate.issued_at)
    rows = db.exec(
        select(Program.name, month, func.count(), func.sum(Certificate.credit_centihours))
        .join(EchoSession, col(EchoSession.id) == Certificate.session_id)
        .join(Program, col(Program.id) == EchoSession.program_id)
        .where(EchoSession.hub_id == hub_id, col(Certificate.issued_at) >= start,
               col(Certificate.revoked_at).is_(None))  # a revoked one awarded nothing
        .group_by(Program.name, month)).all()
    found: dict[str, dict[str, tuple[int, int]]] = {}
    for name, in_month, count, centihours in rows:
        found.setdefault(name, {})[in_month] = (count, int(centihours or 0))
    # Each program lists only the months it issued credit in; the totals list every month.
    programs = [ProgramCredits(name, [MonthCredits(m, *by_month[m]) for m in months
                                      if m in by_month])
                for name, by_month in sorted(found.items())]
    per_month = [MonthCredits(m, sum(p.get(m, (0, 0))[0] for p in found.values()),
                              sum(p.get(m, (0, 0))[1] for p in found.values()))
                 for m in months]
    return CreditFigures(months, programs, per_month)


# A revoked certificate stays in the record (it was issued), marked by when it was revoked.
CSV_COLUMNS = ("certificate_id", "session_id", "session_date", "program", "hours",
               "issued_at", "name", "email", "revoked_at")


def csv_lines(db: Session, hub_id: int) -> Iterator[str]:
    """One row per certificate the hub ever issued, oldest first: the CME record."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flushed() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flushed()
    rows = db.exec(
        select(Certificate.id, Certificate.session_id, Certificate.session_date, Program.name,
               Certificate.credit_centihours, Certificate.issued_at, Certificate.name,
               Certificate.email, Certificate.revoked_at)
        .join(EchoSession, col(EchoSession.id) == Certificate.session_id)
        .join(Program, col(Program.id) == EchoSession.program_id)
        .where(EchoSession.hub_id == hub_id)
        .order_by(col(Certificate.issued_at), col(Certificate.id)))
    for (cert_id, session_id, day, program, centihours, issued_at, name, email,
         revoked_at) in rows:
        writer.writerow([cert_id, session_id, safe_cell(day), safe_cell(program),
                         hours_text(centihours), as_utc(issued_at).isoformat(),
                         safe_cell(name), safe_cell(email),
                         as_utc(revoked_at).isoformat() if revoked_at else ""])
        yield flushed()


class _Month(FunctionElement[str]):
    """The UTC calendar month of a moment, as "YYYY-MM", in the database's own terms."""

    type = String()
    inherit_cache = True


@compiles(_Month)
def _month(element: _Month, compiler: SQLCompiler, **kw: object) -> str:
    (moment,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"to_char(({moment}) AT TIME ZONE 'UTC', 'YYYY-MM')"


@compiles(_Month, "sqlite")
def _month_sqlite(element: _Month, compiler: SQLCompiler, **kw: object) -> str:
    # SQLite keeps the moment as UTC text, "YYYY-MM-DD HH:MM:SS...": its first seven.
    (moment,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"substr({moment}, 1, 7)"
