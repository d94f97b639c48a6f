"""API endpoint for a hub's CME/CE credit figures, for its organisers: certificates issued
and credit hours per program and month. Who earned credit stays in the hub's CSV export."""

from __future__ import annotations

from flask import jsonify
from pydantic import Field
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api.schemas import Out
from echo_cases.api.views import spec
from echo_cases.db import db_session
from echo_cases.http.gate import current_user
from echo_cases.services import credit_figures
from echo_cases.services.credit_figures import MonthCredits


class MonthCreditsOut(Out):
    month: str = Field(description="A calendar month of issue, UTC, as YYYY-MM.")
    certificates: int
    hours: float = Field(description="Credit hours of the certificates issued that month.")


class ProgramCreditsOut(Out):
    program: str
    certificates: int
    hours: float
    months: list[MonthCreditsOut] = Field(description="Only the months it issued credit in.")


class HubCreditsOut(Out):
    months: list[str] = Field(description=(
        "The window: the last 12 calendar months, the current one included, oldest first."))
    programs: list[ProgramCreditsOut] = Field(description=(
        "Programs that issued credit in the window, by name."))
    total: list[MonthCreditsOut] = Field(description="All programs, every month of the window.")


@spec.route("/hubs/{hub_id}/credits", "GET",
            summary="CME/CE certificates issued and credit hours per program and month over "
            "the last 12 months (coordinators)", response=HubCreditsOut, errors=(403, 404))
def hub_credits(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    figures = credit_figures.hub_credits(db, hub_id)
    body = HubCreditsOut(
        months=figures.months,
        programs=[ProgramCreditsOut(program=p.program, certificates=p.certificates,
                                    hours=p.hours, months=[_month(m) for m in p.months])
                  for p in figures.programs],
        total=[_month(m) for m in figures.per_month])
    return jsonify(body.model_dump(mode="json")), 200


def _month(m: MonthCredits) -> MonthCreditsOut:
    return MonthCreditsOut(month=m.month, certificates=m.certificates, hours=m.hours)
