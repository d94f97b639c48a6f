"""The expert's review queue and the coordinator's triage view."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from echo_cases.db import db_session
from echo_cases.services import cases as case_ops
from echo_cases.web.auth import current_user, my_roles
from models import utcnow
from workflows import CaseState, Role

bp = Blueprint("queues", __name__)


@bp.get("/queue")
def expert_queue() -> str:
    if Role.EXPERT not in my_roles():
        abort(404)
    listings = case_ops.list_queue(db_session(), current_user(),
                                   frozenset({CaseState.DEIDENTIFIED, CaseState.PRESENTED}))
    return render_template("queue.html", listings=listings, now=utcnow(),
                           heading="Cases waiting for the panel")


@bp.get("/triage")
def triage() -> str:
    roles = my_roles()
    if Role.COORDINATOR not in roles and Role.ADMIN not in roles:
        abort(404)
    active = frozenset({CaseState.DEIDENTIFIED, CaseState.REVIEWED, CaseState.PRESENTED})
    listings = case_ops.list_queue(db_session(), current_user(), active)
    return render_template("triage.html", listings=listings, now=utcnow(), states=active)
