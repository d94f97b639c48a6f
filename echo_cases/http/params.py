"""Query-string values: numbers checked against what the database and calendar can hold,
and the position of a queue page."""

from __future__ import annotations

import re

from flask import request

from echo_cases.errors import DomainError
from echo_cases.numbers import MAX_ID
from echo_cases.services import review
from workflows import CaseState

MAX_DAYS = 36_500
# ASCII digits only: int() would also read "1_000", "+1" and digits of other scripts.
WHOLE_NUMBER = re.compile(r"-?[0-9]+")

BOUNDS: dict[str, tuple[int, int]] = {
    "program_id": (1, MAX_ID), "expert_id": (1, MAX_ID), "waiting_days": (0, MAX_DAYS),
    "before": (1, MAX_ID),
}


class BadQuery(DomainError):
    """A query parameter that cannot be read: a 400 naming it, as for one not taken at all
    (a query string is not a form the person typed into, so there is nothing to correct)."""

    status = 400


def query_int(name: str) -> int | None:
    """The named query parameter as a whole number within its bounds, or None when absent."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    problem = int_problem(name, raw)
    if problem:
        raise BadQuery(f"The query parameter {name} cannot be read.", {name: problem})
    return int(raw)


def int_problem(name: str, raw: str) -> str:
    """Why ``raw`` is not a whole number within the bounds of ``name``; "" when it is."""
    low, high = BOUNDS.get(name, (1, MAX_ID))
    if not WHOLE_NUMBER.fullmatch(raw) or not low <= int(raw) <= high:
        return f"Use a whole number from {low} to {high}."
    return ""


def query_state() -> CaseState | None:
    """The ``state`` filter as a workflow state, or None when absent; a state the workflow
    does not have is refused, never read as "every state"."""
    raw = request.args.get("state", "")
    if not raw:
        return None
    try:
        return CaseState(raw)
    except ValueError:
        raise BadQuery("The query parameter state names no such state.", {
            "state": "Use one of: " + ", ".join(s.value for s in CaseState) + "."}) from None


def page_request() -> review.PageRequest:
    """The page a link asks for; a broken position is refused (400), never guessed at."""
    after, before = request.args.get("after", ""), request.args.get("before", "")
    return review.PageRequest(after=review.Cursor.parse(after) if after else None,
                              before=review.Cursor.parse(before) if before else None)
