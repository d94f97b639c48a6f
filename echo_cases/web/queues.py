"""The expert's review queue and the coordinator's triage view."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlmodel import col, select

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.services import letters, review
from echo_cases.web.auth import current_user, my_roles
from echo_cases.web.params import query_int
from models import Program, utcnow
from workflows import CaseState, Role

bp = Blueprint("queues", __name__)
ACTIVE = frozenset({CaseState.DEIDENTIFIED, CaseState.REVIEWED, CaseState.PRESENTED})


@bp.get("/queue")
def expert_queue() -> str:
    if Role.EXPERT not in my_roles():
        abort(404)
    rows = review.expert_queue(db_session(), current_user(), ACTIVE)
    return render_template("queue.html", rows=rows, now=utcnow(),
                           heading="Cases for you and the panel")


@bp.get("/triage")
def triage() -> str:
    db, user = db_session(), current_user()
    hub_ids = access.hubs_where(db, user, access.ORGANISERS)
    if not hub_ids:
        abort(404)
    state = request.args.get("state", "")
    wanted = review.QueueFilter(
        states=frozenset({CaseState(state)}) if state in CaseState.__members__.values()
        else ACTIVE,
        program_id=query_int("program_id"),
        expert_id=query_int("expert_id"),
        waiting_days_at_least=query_int("waiting_days"),
    )
    programs = list(db.exec(select(Program).where(col(Program.hub_id).in_(hub_ids))
                            .order_by(Program.name)))
    experts = [e for hub in hub_ids for e in review.experts_of_hub(db, hub)]
    return render_template(
        "triage.html", rows=review.queue(db, user, wanted), now=utcnow(), wanted=wanted,
        programs=programs, experts=experts, states=sorted(ACTIVE), state=state,
        deliveries=letters.deliveries_needing_attention(db, hub_ids), hub_ids=hub_ids)
