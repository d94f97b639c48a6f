"""The hub's administration and your own tokens as JSON: the same operations as the pages,
the same access table, strict input, every change audited."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import AuditEvent
from tests.support import Api, Hubs
from workflows import Role


def _kinds(app: Flask) -> list[str]:
    with unit_of_work(app) as db:
        return [e.kind for e in db.exec(select(AuditEvent).order_by(AuditEvent.id))]


def _hub_a(hubs: Hubs) -> int:
    hub_id = hubs.hubs["a"].id
    assert hub_id is not None
    return hub_id


def test_an_admin_reads_and_changes_the_hubs_settings(api_as: Callable[..., Api], app: Flask,
                                                      hubs: Hubs):
    admin, hub_id = api_as(Role.ADMIN), _hub_a(hubs)
    read = admin.get(f"/hubs/{hub_id}/settings")
    assert read.status_code == 200
    assert (read.json["slug"], read.json["retention_days"]) == ("hub-a", None)
    changed = admin.patch(f"/hubs/{hub_id}/settings",
                          {"timezone": "Africa/Nairobi", "retention_days": 3650})
    assert changed.status_code == 200, changed.json
    assert (changed.json["timezone"], changed.json["retention_days"]) == (
        "Africa/Nairobi", 3650)
    assert changed.json["name"] == "Hub A", "what is not sent keeps its value"
    assert "hub_settings_changed" in _kinds(app)


def test_bad_settings_are_refused_naming_each_and_nothing_changes(
    api_as: Callable[..., Api], hubs: Hubs
):
    admin, hub_id = api_as(Role.ADMIN), _hub_a(hubs)
    refused = admin.patch(f"/hubs/{hub_id}/settings",
                          {"timezone": "Mars/Olympus", "locale": "xx", "name": "Renamed"})
    assert refused.status_code == 422
    assert set(refused.json["error"]["fields"]) >= {"timezone", "locale"}
    unknown = admin.patch(f"/hubs/{hub_id}/settings", {"colour": "blue"})
    assert unknown.status_code == 422
    coerced = admin.patch(f"/hubs/{hub_id}/settings", {"retention_days": "30"})
    assert coerced.status_code == 422
    assert admin.get(f"/hubs/{hub_id}/settings").json["name"] == "Hub A"


def test_only_the_hubs_admin_reaches_its_settings(api_as: Callable[..., Api], hubs: Hubs):
    hub_id = _hub_a(hubs)
    assert api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/settings").status_code == 403
    assert api_as(Role.ADMIN, "b").get(f"/hubs/{hub_id}/settings").status_code == 404
    assert api_as(Role.ADMIN, "b").patch(f"/hubs/{hub_id}/settings",
                                         {"name": "Taken over"}).status_code == 404


def test_an_admin_creates_renames_and_archives_a_program(api_as: Callable[..., Api],
                                                         app: Flask, hubs: Hubs):
    admin, hub_id = api_as(Role.ADMIN), _hub_a(hubs)
    made = admin.post(f"/hubs/{hub_id}/programs", {"name": "Hepatitis C ECHO"})
    assert made.status_code == 201, made.json
    program_id = made.json["id"]
    taken = admin.post(f"/hubs/{hub_id}/programs", {"name": "Hepatitis C ECHO"})
    assert taken.status_code == 422
    assert taken.json["error"]["code"] == "program_name_taken"
    expert_id = hubs.user(Role.EXPERT).id
    changed = admin.patch(f"/hubs/{hub_id}/programs/{program_id}", {
        "name": "HCV ECHO", "panel_ids": [expert_id], "archived": True})
    assert changed.status_code == 200, changed.json
    assert (changed.json["name"], changed.json["panel_ids"], changed.json["archived"]) == (
        "HCV ECHO", [expert_id], True)
    listed = {p["name"]: p["archived"] for p in admin.get(f"/hubs/{hub_id}/programs").json[
        "items"]}
    assert listed == {"Cervical ECHO a": False, "HCV ECHO": True}
    other_program = hubs.program_id("b")
    assert admin.patch(f"/hubs/{hub_id}/programs/{other_program}",
                       {"name": "Mine now"}).status_code == 404
    assert {"program_created", "program_changed", "program_archived"} <= set(_kinds(app))


def test_an_admin_changes_a_role_and_a_deactivated_persons_token_is_refused_at_once(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    admin, hub_id = api_as(Role.ADMIN), _hub_a(hubs)
    person = hubs.user(Role.CLINICIAN, "a2")
    theirs = api_as(Role.CLINICIAN, "a2")
    assert theirs.get("/me").status_code == 200
    promoted = admin.patch(f"/hubs/{hub_id}/people/{person.id}",
                           {"role": "expert", "credentials": "MD"})
    assert promoted.status_code == 200, promoted.json
    assert (promoted.json["role"], promoted.json["credentials"]) == ("expert", "MD")
    off = admin.patch(f"/hubs/{hub_id}/people/{person.id}", {"active": False})
    assert off.json["active"] is False
    assert theirs.get("/me").status_code == 401
    on = admin.patch(f"/hubs/{hub_id}/people/{person.id}", {"active": True})
    assert on.json["active"] is True
    assert theirs.get("/me").status_code == 401, "revoked tokens stay revoked"
    me = hubs.user(Role.ADMIN).id
    myself = admin.patch(f"/hubs/{hub_id}/people/{me}", {"active": False})
    assert myself.status_code == 422
    assert myself.json["error"]["code"] == "deactivating_yourself"
    assert admin.patch(f"/hubs/{hub_id}/people/{person.id}",
                       {"role": "owner"}).status_code == 422
    outsider = hubs.user(Role.CLINICIAN, "b").id
    assert admin.get(f"/hubs/{hub_id}/people/{outsider}").status_code == 404
    assert {"role_changed", "account_deactivated", "account_reactivated"} <= set(_kinds(app))


def test_a_person_manages_their_own_tokens_and_a_revoked_one_is_refused_at_once(
    api_as: Callable[..., Api], app: Flask
):
    mine = api_as(Role.EXPERT)
    made = mine.post("/me/tokens", {"name": "Spreadsheet", "expires_in_days": 30})
    assert made.status_code == 201, made.json
    assert made.headers["Cache-Control"] == "no-store"
    new = Api(app.test_client(), made.json["token"])
    assert new.get("/me").status_code == 200
    listed = mine.get("/me/tokens").json["items"]
    assert [t["name"] for t in listed] == ["Spreadsheet", "tests"]
    assert all("token" not in t for t in listed), "a token is shown only when made"
    revoked = new.post(f"/me/tokens/{made.json['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json["status"] == "revoked"
    assert new.get("/me").status_code == 401
    assert mine.get("/me").status_code == 200, "only that token stops"


def test_tokens_are_asked_for_strictly_and_are_nobody_elses(api_as: Callable[..., Api]):
    mine, other = api_as(Role.EXPERT), api_as(Role.CLINICIAN)
    for body in ({"name": "x", "expires_in_days": "30"}, {"name": "x", "expires_in_days": 0},
                 {"name": "x", "expires_in_days": 366}, {"name": "", "expires_in_days": 7},
                 {"name": "x"}):
        assert mine.post("/me/tokens", body).status_code == 422, body
    made = mine.post("/me/tokens", {"name": "x", "expires_in_days": 7}).json
    gone = other.post(f"/me/tokens/{made['id']}/revoke")
    assert gone.status_code == 404


def test_a_person_changes_their_own_profile_and_zone(api_as: Callable[..., Api]):
    mine = api_as(Role.CLINICIAN)
    changed = mine.patch("/me", {"name": "Dr Amina Yusuf", "timezone": "Europe/Dublin"})
    assert changed.status_code == 200, changed.json
    assert changed.json["name"] == "Dr Amina Yusuf"
    assert mine.patch("/me", {"timezone": "Nowhere/Town"}).status_code == 422
    assert mine.patch("/me", {"name": ""}).status_code == 422


def test_the_hubs_activity_as_json_for_its_organisers(api_as: Callable[..., Api], hubs: Hubs):
    admin, hub_id = api_as(Role.ADMIN), _hub_a(hubs)
    admin.patch(f"/hubs/{hub_id}/settings", {"timezone": "Europe/Dublin"})
    admin.post(f"/hubs/{hub_id}/programs", {"name": "Hepatitis C ECHO"})
    read = api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/activity")
    assert read.status_code == 200, read.json
    items = read.json["items"]
    assert [(i["actor"], i["what"], i["concerning"]) for i in items] == [
        ("Admin A", "created a program", "Hepatitis C ECHO"),
        ("Admin A", "changed the hub's settings", "Hub A")]
    assert items[1]["detail"] == {"changed": ["timezone"]}
    assert read.json["older_than"] is None
    older = api_as(Role.ADMIN).get(f"/hubs/{hub_id}/activity?before={items[0]['id']}").json
    assert [i["id"] for i in older["items"]] == [items[1]["id"]]
    assert api_as(Role.ADMIN).get(f"/hubs/{hub_id}/activity?before=x").status_code == 400
    assert api_as(Role.EXPERT).get(f"/hubs/{hub_id}/activity").status_code == 403
    assert api_as(Role.ADMIN, "b").get(f"/hubs/{hub_id}/activity").status_code == 404
