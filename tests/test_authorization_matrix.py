"""Every route, every role, own hub and other hub: generated from Flask's route table.

A route added without an access rule fails here first. For each route the matrix
checks that a role outside its rule is refused (403), that people of another hub
never reach hub A's objects (403 or 404), and that the roles the rule admits are
never turned away by authorization (no 401/403/404) nor crash (no 5xx).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule as UrlRule

from echo_cases.db import unit_of_work
from echo_cases.http.policy import ROUTES
from echo_cases.services import accounts, archives, credits, invitations, participants
from models import ArchiveKind, EchoSession, Hub, Program, User
from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    RECOMMENDATIONS,
    Api,
    Hubs,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import Role

# Cases whose rule admits a role but whose view refuses it for a reason of its own,
# documented here so the matrix stays exact: (endpoint, role) -> statuses allowed.
OWN_REFUSALS: dict[tuple[str, Role], set[int]] = {
    # The workflow table, not the route, decides who may take which action.
    **{("cases.act", role): {403, 409, 422} for role in Role},
    **{("api.act_on_case", role): {403, 409, 422} for role in Role},
    # A personal token is its owner's alone (hub A's second clinician here): to everyone
    # else, in any hub and any role, it does not exist. Its owner's own revoking is tested
    # in test_account_page.py and test_hub_admin_api.py.
    **{(endpoint, role): {404} for role in Role
       for endpoint in ("account.revoke_token", "api.revoke_my_token")},
    # A certificate is its holder's alone (hub A's clinician here).
    **{("certificates.certificate_pdf", role): {404} for role in Role
       if role is not Role.CLINICIAN},
}


@dataclass
class World:
    ids: dict[str, int]
    hubs: Hubs


def _rules(app: Flask) -> Iterator[UrlRule]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            yield rule


def test_every_route_has_an_access_rule(app: Flask):
    missing = sorted({rule.endpoint for rule in app.url_map.iter_rules()} - set(ROUTES))
    assert not missing, f"routes without an access rule in echo_cases/http/policy.py: {missing}"


def test_the_access_table_names_only_routes_that_exist(app: Flask):
    stale = sorted(set(ROUTES) - {rule.endpoint for rule in app.url_map.iter_rules()})
    assert not stale


@pytest.fixture
def world(app: Flask, hubs: Hubs, api_as: Callable[..., Api]) -> World:
    clinician = api_as(Role.CLINICIAN)
    finished = clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": IDENTIFIED_CASE}).json
    finished = clinician.post(f"/cases/{finished['id']}/submit",
                              {"version": finished["version"]}).json
    session_id = schedule_session(app, hubs)
    finished = walk_to(api_as, finished, "recommendations_sent", session_id)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": IDENTIFIED_CASE}).json
    delivery = api_as(Role.COORDINATOR).get(f"/cases/{finished['id']}").json
    with unit_of_work(app) as db:
        coordinator = db.get(User, hubs.user(Role.COORDINATOR).id)
        assert coordinator is not None
        archive = archives.request_archive(db, coordinator, hubs.hubs["a"].id or 0,
                                           ArchiveKind.HUB_CASES)
        archives.build(db, archive)
        admin = db.get(User, hubs.user(Role.ADMIN).id)
        hub_a = db.get(Hub, hubs.hubs["a"].id)
        assert admin is not None
        assert hub_a is not None
        # Clinicians', which coordinators and admins may both act on: one for the pages,
        # one for the API, since each is revoked once.
        invited = [invitations.invite_person(
            db, admin, Role.ADMIN, hub_a,
            invitations.InvitationPlan(name="Ines Marlow", email=f"ines-{n}@example.org",
                                       role="clinician"),
            lambda token: f"http://localhost/invitations/{token}") for n in (1, 2)]
        owner = db.get(User, hubs.user(Role.CLINICIAN, "a2").id)
        assert owner is not None
        token, _plain = accounts.issue_token_row(db, owner, "the second clinician's")
    certificate_id = _certificate_of_hub_a_clinician(app, hubs, session_id)
    return World(ids={
        "case_id": finished["id"], "draft_id": draft["id"], "session_id": session_id,
        "hub_id": hubs.hubs["a"].id or 0,
        "delivery_id": delivery["letter"]["deliveries"][0]["id"],
        "archive_id": archive.id or 0,
        "program_id": hubs.program_id(),
        # Hub A's second clinician: the one an admin may deactivate in the matrix.
        "user_id": hubs.user(Role.CLINICIAN, "a2").id or 0,
        "invitation_id": invited[0].id or 0, "api_invitation_id": invited[1].id or 0,
        "token_id": token.id or 0,
        "version": 0,  # a program's form version: the default form
        "certificate_id": certificate_id,
    }, hubs=hubs)


def _certificate_of_hub_a_clinician(app: Flask, hubs: Hubs, session_id: int) -> int:
    """Hub A's clinician at the session for all of it, and the certificate it earned them."""
    with unit_of_work(app) as db:
        coordinator = db.get(User, hubs.user(Role.COORDINATOR).id)
        admin = db.get(User, hubs.user(Role.ADMIN).id)
        program = db.get(Program, hubs.program_id())
        session = db.get(EchoSession, session_id)
        assert coordinator
        assert admin
        assert program
        assert session
        credits.save_terms(db, admin, program, credits.Terms("1", "Accredited."))
        participants.set_participant(db, coordinator, session, participants.Entry(
            "Clinician A", hubs.user(Role.CLINICIAN).email, minutes="60"), "From the chat log")
    begin_session(app, session_id, minutes_in=65)
    with unit_of_work(app) as db:
        coordinator = db.get(User, hubs.user(Role.COORDINATOR).id)
        session = db.get(EchoSession, session_id)
        assert coordinator
        assert session
        issued = credits.issue_certificates(db, coordinator, session, lambda code: code)
        return issued.issued[0].id or 0


DRAFT_ROUTES = {"cases.edit_case", "cases.preview", "cases.submit", "cases.autosave_case",
                "api.update_case",
                "api.preview_case", "api.submit_case", "api.get_decisions", "api.save_decisions"}


def _url(rule: UrlRule, world: World) -> str:
    values: dict[str, Any] = {}
    for name in rule.arguments:
        if name == "case_id" and rule.endpoint in DRAFT_ROUTES:
            values[name] = world.ids["draft_id"]
        elif name == "invitation_id" and rule.endpoint.startswith("api."):
            values[name] = world.ids["api_invitation_id"]
        elif name == "action":
            values[name] = "mark_presented"
        else:
            values[name] = world.ids[name]
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(values[m.group(1)]), rule.rule)


def _client(app: Flask, world: World, role: Role, hub: str) -> tuple[FlaskClient, dict[str, str]]:
    client = app.test_client()
    user = world.hubs.user(role, hub)
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client, {}


def _api_client(api_as: Callable[..., Api], role: Role, hub: str) -> tuple[FlaskClient,
                                                                           dict[str, str]]:
    api = api_as(role, hub)
    return api.client, api.headers


def _call(client: FlaskClient, headers: dict[str, str], method: str, url: str) -> int:
    if method in ("GET", "HEAD"):
        return client.open(url, method=method, headers=headers).status_code
    # An empty JSON object for the API, an empty form for pages: authorization comes first.
    if url.startswith("/api/"):
        return client.open(url, method=method, headers=headers, json={}).status_code
    return client.open(url, method=method, headers=headers, data={}).status_code


@pytest.mark.parametrize("role", list(Role))
def test_the_matrix_of_routes_roles_and_hubs(
    app: Flask, world: World, api_as: Callable[..., Api], role: Role
):
    problems: list[str] = []
    own = (_api_client(api_as, role, "a"), _client(app, world, role, "a"))
    other = (_api_client(api_as, role, "b"), _client(app, world, role, "b"))
    for rule in _rules(app):
        access = ROUTES[rule.endpoint]
        if access.public or rule.endpoint == "auth.logout":
            continue
        url = _url(rule, world)
        which = 0 if rule.endpoint.startswith("api.") else 1
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            admitted = access.admits({role})
            mine = _call(*own[which], method, url)
            theirs = _call(*other[which], method, url)
            where = f"{role.value} {method} {url}"
            if mine >= 500 or theirs >= 500:
                problems.append(f"{where}: server error {mine}/{theirs}")
            if not admitted:
                if mine != 403 or theirs != 403:
                    problems.append(f"{where}: outside the rule, want 403/403, got "
                                    f"{mine}/{theirs}")
                continue
            if theirs not in (403, 404) and rule.arguments - {"action"}:
                problems.append(f"{where}: another hub's {role.value} got {theirs}")
            allowed = OWN_REFUSALS.get((rule.endpoint, role), set())
            if mine in (401, 403, 404) and mine not in allowed:
                problems.append(f"{where}: the rule admits it but it was refused with {mine}")
    assert not problems, "\n".join(problems)


def _second_expert(app: Flask, hubs: Hubs) -> tuple[FlaskClient, Api, int]:
    """Another expert of hub A, signed in on the web and holding an API token."""
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        other = accounts.create_user(db, "expert2-a@example.org", "Other Expert", PASSWORD)
        accounts.add_member(db, other, hub, Role.EXPERT)
        token = accounts.issue_token(db, other, "tests")
        other_id = other.id or 0
    browser = app.test_client()
    browser.post("/login", data={"email": "expert2-a@example.org", "password": PASSWORD})
    return browser, Api(app.test_client(), token), other_id


def test_only_the_lead_or_the_sessions_panel_write_recommendations(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    browser, outsider, _ = _second_expert(app, hubs)  # signed in once the session began
    url = f"/cases/{case['id']}/recommendations"
    page = browser.get(f"/cases/{case['id']}")
    assert page.status_code == 200
    assert 'name="recommendations_version"' not in page.text
    assert outsider.put(url, RECOMMENDATIONS).status_code == 403
    assert browser.post(url, data={"summary": "Overwritten.",
                                   "recommendation-0": "Do nothing."}).status_code == 403
    lead = api_as(Role.EXPERT)
    assert lead.put(url, RECOMMENDATIONS).status_code == 200


def test_a_panelist_who_is_not_the_lead_writes_recommendations(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    _browser, panelist, panelist_id = _second_expert(app, hubs)
    session_id = schedule_session(app, hubs, panel_ids=(panelist_id,))
    case = walk_to(api_as, submitted_case, "presented", session_id)
    written = panelist.put(f"/cases/{case['id']}/recommendations", RECOMMENDATIONS)
    assert written.status_code == 200, written.json


def test_a_coordinator_never_invites_a_coordinator_or_an_admin(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], api_as: Callable[..., Api]
):
    hub_id = hubs.hubs["a"].id
    browser, api = login_as(Role.COORDINATOR), api_as(Role.COORDINATOR)
    for role in ("coordinator", "admin"):
        page = browser.post(f"/hubs/{hub_id}/invitations", data={
            "name": "Someone", "email": f"{role}@example.org", "role": role})
        assert page.status_code == 422
        assert "Only an admin can invite" in page.text
        answer = api.post(f"/hubs/{hub_id}/invitations", {
            "name": "Someone", "email": f"{role}@example.org", "role": role})
        assert answer.status_code == 422
        assert "Only an admin can invite" in answer.json["error"]["fields"]["role"]
