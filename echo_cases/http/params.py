"""Query strings, read alike by pages and the API: each endpoint declares the parameters it
takes, and anything else (a parameter it does not take, a value it cannot read) is a 400
naming the parameter, never silently dropped: a typo in a filter must not show the whole
queue as if it were the filtered one.

The API declares its parameters on each operation (``echo_cases.api.spec``); a page with
``@takes_query(...)`` under its route. A page that declares nothing takes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, current_app, request

from echo_cases.errors import DomainError
from echo_cases.numbers import MAX_ID, whole, whole_problem
from echo_cases.services import review
from workflows import CaseState

MAX_DAYS = 36_500

# Bounds of the whole numbers a query may carry, by name; any other is an id.
BOUNDS: dict[str, tuple[int, int]] = {
    "program_id": (1, MAX_ID), "expert_id": (1, MAX_ID), "waiting_days": (0, MAX_DAYS),
    "before": (1, MAX_ID),
}
FLAGS = ("true", "false")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Query:
    """A query parameter an operation or a page takes: anything else is a 400."""

    name: str
    type: str  # JSON-schema type of one value: "string", "integer" or "boolean"
    values: tuple[str, ...] = ()  # the only values allowed, when not empty
    repeatable: bool = False  # may be given more than once (a list)
    description: str = ""


class BadQuery(DomainError):
    """A query parameter that cannot be read: a 400 naming it, as for one not taken at all
    (a query string is not a form the person typed into, so there is nothing to correct)."""

    status = 400


def bounds(name: str) -> tuple[int, int]:
    return BOUNDS.get(name, (1, MAX_ID))


def int_problem(name: str, raw: str) -> str:
    """Why ``raw`` is not a whole number within the bounds of ``name``; "" when it is."""
    return whole_problem(raw, *bounds(name))


def check_query(declared: tuple[Query, ...], *, blank_is_absent: bool = False) -> None:
    """Refuse (400, naming each) a query parameter not declared, a single-valued one given
    twice, a flag or a choice with a value it does not allow, and a whole number out of its
    range. ``blank_is_absent``: an empty value means "not given", as a page's GET form
    sends every field it has, chosen or not."""
    by_name = {q.name: q for q in declared}
    problems: dict[str, str] = {}
    for name in request.args:
        query = by_name.get(name)
        values = request.args.getlist(name)
        if blank_is_absent:
            values = [v for v in values if v.strip()]
        if query is None:
            problems[name] = "This page takes no such query parameter." if blank_is_absent \
                else "This operation takes no such query parameter."
        elif len(values) > 1 and not query.repeatable:
            problems[name] = "Give this once."
        elif query.type == "boolean" and any(v not in FLAGS for v in values):
            problems[name] = "Use true or false."
        elif query.type == "integer" and any(int_problem(name, v.strip()) for v in values):
            problems[name] = next(p for v in values if (p := int_problem(name, v.strip())))
        elif query.values and any(v not in query.values for v in values):
            problems[name] = "Use one of: " + ", ".join(query.values) + "."
    if problems:
        what = "page" if blank_is_absent else "operation"
        raise BadQuery(f"The query string has parameters this {what} cannot read: "
                       + ", ".join(sorted(problems)) + ".", problems)


def takes_query(*queries: Query) -> Callable[[F], F]:
    """Declare the query parameters a page takes (put it under the route's decorator)."""
    def declare(view: F) -> F:
        view.__takes_query__ = queries  # type: ignore[attr-defined]
        return view
    return declare


def declared_query(view: Callable[..., Any]) -> tuple[Query, ...]:
    return getattr(view, "__takes_query__", ())


# Endpoints whose query strings are not ours to read: files, the API (it checks its own),
# and the calendar feed, which calendar apps poll with whatever cache-busting or
# client parameters they add; it reads nothing from the query, so nothing can be lost.
UNCHECKED_ENDPOINTS = frozenset({"static", "calendar.feed"})


def _check_page_query() -> None:
    if request.routing_exception is not None or request.endpoint in UNCHECKED_ENDPOINTS \
            or request.blueprint == "api" or not request.args:
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None:
        check_query(declared_query(view), blank_is_absent=True)


def init_app(app: Flask) -> None:
    """Check a page's query string once it is known who asks (after the gate)."""
    app.before_request(_check_page_query)


# --- reading what was checked ----------------------------------------------------------


def query_int(name: str) -> int | None:
    """The named query parameter as a whole number within its bounds, or None when absent."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    number = whole(raw, *bounds(name))
    if number is None:
        raise BadQuery(f"The query parameter {name} cannot be read.",
                       {name: int_problem(name, raw)})
    return number


def query_flag(name: str) -> bool:
    """A boolean query parameter (checked by ``check_query``): true, or absent and false."""
    return request.args.get(name) == "true"


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


# The positions a paged list takes (queue tokens are opaque strings, checked when read).
PAGING = (Query("after", "string"), Query("before", "string"))
