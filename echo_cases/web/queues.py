"""The expert's review queue and the coordinator's triage view."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlmodel import col, select

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.http.params import PAGING, Query, page_request, query_int, query_state, takes_query
from echo_cases.services import letters, review
from echo_cases.web.auth import current_user, my_roles
from echo_cases.web.presenters import delivery_words
from models import Program, utcnow
from workflows import CaseState, Role

bp = Blueprint("queues", __name__)
ACTIVE = frozenset({CaseState.DEIDENTIFIED, CaseState.REVIEWED, CaseState.PRESENTED})
# The triage filters a page link carries along, so "Next page" stays within them.
TRIAGE_FILTERS = ("program_id", "state", "expert_id", "waiting_days")
TRIAGE_QUERY = (Query("program_id", "integer"), Query("expert_id", "integer"),
                Query("waiting_days", "integer"),
                Query("state", "string",
                      values=tuple(s.value for s in CaseState if s in ACTIVE)),
                *PAGING)


@bp.get("/queue")
@takes_query(*PAGING)
def expert_queue() -> str:
    if Role.EXPERT not in my_roles():
        abort(404)
    page = review.expert_queue_page(db_session(), current_user(), ACTIVE, page_request())
    return render_template("queue.html", page=page, rows=page.rows, now=utcnow(),
                           heading="Cases for you and the panel", kept={})


@bp.get("/triage")
@takes_query(*TRIAGE_QUERY)
def triage() -> str:
    db, user = db_session(), current_user()
    hub_ids = access.hubs_where(db, user, access.ORGANISERS)
    if not hub_ids:
        abort(404)
    chosen = query_state()
    state = chosen.value if chosen else ""
    wanted = review.QueueFilter(
        states=frozenset({chosen}) if chosen else ACTIVE,
        program_id=query_int("program_id"),
        expert_id=query_int("expert_id"),
        waiting_days_at_least=query_int("waiting_days"),
    )
    page = review.queue_page(db, user, wanted, page_request())
    programs = list(db.exec(select(Program).where(col(Program.hub_id).in_(hub_ids))
                            .order_by(Program.name)))
    experts = [e for hub in hub_ids for e in review.experts_of_hub(db, hub)]
    kept = {name: request.args[name] for name in TRIAGE_FILTERS if request.args.get(name)}
    return render_template(
        "triage.html", page=page, rows=page.rows, now=utcnow(), wanted=wanted, kept=kept,
        programs=programs, experts=experts, states=sorted(ACTIVE), state=state,
        deliveries=letters.deliveries_needing_attention(db, hub_ids), hub_ids=hub_ids,
        delivery_words=delivery_words)

