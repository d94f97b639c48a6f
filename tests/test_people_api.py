"""Who is who through the API: yourself, your hubs, your hubs' programs, and, for
organisers, a hub's people by role: enough to assign work on a hub with no history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import User
from tests.support import IDENTIFIED_CASE, PASSWORD, Api, Hubs, act, clock_of
from workflows import Role

ORGANISERS = (Role.COORDINATOR, Role.ADMIN)
NOT_ORGANISERS = (Role.CLINICIAN, Role.EXPERT)


@pytest.fixture
def outsider(app: Flask, hubs: Hubs) -> Api:
    """Signed in, with a token, but a member of no hub."""
    with unit_of_work(app) as db:
        user = accounts.create_user(db, "nobody@example.org", "No Body", PASSWORD)
        token = accounts.issue_token(db, user, "tests")
    return Api(app.test_client(), token)


@pytest.mark.parametrize("role", list(Role))
def test_me_says_who_you_are_and_your_role_in_each_hub(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    me = api_as(role).get("/me")
    user, hub = hubs.user(role), hubs.hubs["a"]
    assert me.status_code == 200
    assert me.json == {"id": user.id, "name": user.name, "email": user.email,
                       "memberships": [{"id": hub.id, "slug": "hub-a", "name": "Hub A",
                                        "role": role.value}]}


def test_someone_in_no_hub_is_themselves_and_belongs_nowhere(outsider: Api):
    assert outsider.get("/me").json["memberships"] == []
    assert outsider.get("/hubs").json == {"items": []}
    assert outsider.get("/programs").json == {"items": []}


@pytest.mark.parametrize("role", list(Role))
def test_hubs_lists_only_your_own(api_as: Callable[..., Api], hubs: Hubs, role: Role):
    listed = api_as(role, "b").get("/hubs")
    assert listed.status_code == 200
    assert listed.json["items"] == [{"id": hubs.hubs["b"].id, "slug": "hub-b",
                                     "name": "Hub B", "role": role.value}]


def test_someone_in_two_hubs_sees_both_with_each_role(app: Flask, api_as: Callable[..., Api],
                                                      hubs: Hubs):
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        accounts.add_member(db, expert, hubs.hubs["b"], Role.COORDINATOR)
    listed = api_as(Role.EXPERT).get("/hubs").json["items"]
    assert [(h["slug"], h["role"]) for h in listed] == [("hub-a", "expert"),
                                                       ("hub-b", "coordinator")]


@pytest.mark.parametrize("role", list(Role))
def test_every_member_reads_their_hubs_programs_and_no_others(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    programs = api_as(role).get("/programs")
    assert programs.status_code == 200
    assert [p["id"] for p in programs.json["items"]] == [hubs.program_id("a")]


@pytest.mark.parametrize("role", ORGANISERS)
def test_organisers_find_their_hubs_people_by_role(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    api, hub_id = api_as(role), hubs.hubs["a"].id
    experts = api.get(f"/hubs/{hub_id}/people?role=expert")
    assert experts.status_code == 200
    expert = hubs.user(Role.EXPERT)
    assert experts.json == {"items": [{"id": expert.id, "name": expert.name, "role": "expert",
                                       "credentials": ""}]}
    everyone = api.get(f"/hubs/{hub_id}/people").json["items"]
    assert sorted(p["id"] for p in everyone) == sorted(
        u.id for (key, _r), u in hubs.users.items() if key in ("a", "a2"))
    both = api.get(f"/hubs/{hub_id}/people?role=clinician&role=admin").json["items"]
    assert {p["role"] for p in both} == {"clinician", "admin"}
    assert len(both) == 3


@pytest.mark.parametrize("role", ORGANISERS)
def test_the_directory_never_shows_an_email_or_another_hubs_people(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    response = api_as(role).get(f"/hubs/{hubs.hubs['a'].id}/people")
    assert all(set(person) == {"id", "name", "role", "credentials"}
               for person in response.json["items"])
    assert "@" not in response.get_data(as_text=True)
    hub_b_ids = {u.id for (key, _r), u in hubs.users.items() if key == "b"}
    assert not hub_b_ids & {p["id"] for p in response.json["items"]}


def test_the_directory_gives_each_persons_credentials_for_letters_and_badges(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs
):
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        expert.credentials, expert.profession = "MD, MPH", "Gynaecologic oncologist"
        db.add(expert)
    people = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/people?role=expert")
    assert people.json["items"][0]["credentials"] == "MD, MPH"
    assert "Gynaecologic" not in people.get_data(as_text=True)  # id, name, role, credentials


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_clinicians_and_experts_may_not_read_the_directory(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    assert api_as(role).get(f"/hubs/{hubs.hubs['a'].id}/people").status_code == 403


@pytest.mark.parametrize("role", ORGANISERS)
def test_another_hubs_directory_is_not_found_for_an_organiser(
    api_as: Callable[..., Api], hubs: Hubs, role: Role
):
    response = api_as(role, "b").get(f"/hubs/{hubs.hubs['a'].id}/people")
    assert response.status_code == 404
    assert "Expert A" not in response.get_data(as_text=True)


def test_someone_in_no_hub_is_refused_the_directory(outsider: Api, hubs: Hubs):
    assert outsider.get(f"/hubs/{hubs.hubs['a'].id}/people").status_code == 403


def test_an_inactive_member_is_not_offered_for_work(app: Flask, api_as: Callable[..., Api],
                                                    hubs: Hubs):
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        expert.active = False
        db.add(expert)
    people = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/people?role=expert")
    assert people.json == {"items": []}


@pytest.mark.parametrize(("query", "named"), [
    ("?role=surgeon", "role"), ("?roles=expert", "roles"), ("?role=expert&page=2", "page")])
def test_the_directory_refuses_what_it_cannot_read_naming_it(
    api_as: Callable[..., Api], hubs: Hubs, query: str, named: str
):
    response = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/people{query}")
    assert response.status_code == 400
    assert list(response.json["error"]["fields"]) == [named]


def test_a_coordinator_on_a_brand_new_hub_assigns_work_from_the_api_alone(app: Flask):
    """No history, no ids known in advance: /me, /programs and the directory are enough."""
    with unit_of_work(app) as db:
        hub = accounts.create_hub(db, "Hub New", "hub-new")
        accounts.create_program(db, hub, "Hepatitis C ECHO")
        tokens = {}
        for role in (Role.COORDINATOR, Role.EXPERT, Role.CLINICIAN):
            user = accounts.create_user(db, f"{role.value}@new.example.org",
                                        f"New {role.value.title()}", PASSWORD)
            accounts.add_member(db, user, hub, role)
            tokens[role] = accounts.issue_token(db, user, "tests")
    coordinator, clinician = (Api(app.test_client(), tokens[Role.COORDINATOR]),
                              Api(app.test_client(), tokens[Role.CLINICIAN]))

    hub_id = coordinator.get("/me").json["memberships"][0]["id"]
    program_id = coordinator.get("/programs").json["items"][0]["id"]
    expert_id = coordinator.get(f"/hubs/{hub_id}/people?role=expert").json["items"][0]["id"]
    coordinator_id = coordinator.get("/me").json["id"]

    starts = (clock_of(app)() + timedelta(days=7)).replace(tzinfo=None, microsecond=0)
    session = coordinator.post("/sessions", {
        "program_id": program_id, "starts_at_local": starts.isoformat(), "timezone": "UTC",
        "facilitator_id": coordinator_id, "panel_ids": [expert_id]})
    assert session.status_code == 201, session.json
    assert session.json["panel_ids"] == [expert_id]

    case = clinician.post("/cases", {"program_id": program_id, "fields": IDENTIFIED_CASE}).json
    case = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}).json
    assigned = act(coordinator, case, "assign_expert", expert_id=expert_id)
    assert assigned.status_code == 200, assigned.json
    assert assigned.json["assigned_expert_id"] == expert_id
