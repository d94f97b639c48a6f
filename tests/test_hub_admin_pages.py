"""What a hub's admin keeps in the browser: programs, people, settings; and what
coordinators may read of it. Every change is audited; nobody reaches another hub's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import ApiToken, AuditEvent, Hub, Program, ProgramExpert, User
from tests.support import IDENTIFIED_CASE, PASSWORD, Api, Hubs
from workflows import Role


def _events(app: Flask, kind: str) -> list[AuditEvent]:
    with unit_of_work(app) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.kind == kind)))


def _hub_a(hubs: Hubs) -> int:
    hub_id = hubs.hubs["a"].id
    assert hub_id is not None
    return hub_id


# --- programs -----------------------------------------------------------------------------


def test_an_admin_creates_a_program_and_finds_it_listed(login_as: Callable[..., FlaskClient],
                                                        app: Flask, hubs: Hubs):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    page = admin.get(f"/hubs/{hub_id}/programs")
    assert page.status_code == 200
    assert "Cervical ECHO a" in page.text
    made = admin.post(f"/hubs/{hub_id}/programs", data={
        "name": "Hepatitis C ECHO", "description": "Treating HCV in primary care."})
    assert made.status_code == 302
    listed = admin.get(f"/hubs/{hub_id}/programs").text
    assert "Hepatitis C ECHO" in listed
    assert "Treating HCV in primary care." in listed
    [event] = _events(app, "program_created")
    assert (event.actor_id, event.hub_id) == (hubs.user(Role.ADMIN).id, hub_id)


def test_a_program_form_says_what_to_fix_and_keeps_what_was_typed(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    empty = admin.post(f"/hubs/{hub_id}/programs", data={"name": " ",
                                                         "description": "Kept text"})
    assert empty.status_code == 422
    assert "Give the program a name." in empty.text
    assert "Kept text" in empty.text
    twice = admin.post(f"/hubs/{hub_id}/programs", data={"name": "Cervical ECHO a"})
    assert twice.status_code == 422
    assert "exists already" in twice.text


def test_an_admin_renames_describes_and_gives_a_program_its_panel_and_facilitator(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id, program_id = login_as(Role.ADMIN), _hub_a(hubs), hubs.program_id()
    expert, coordinator = hubs.user(Role.EXPERT), hubs.user(Role.COORDINATOR)
    form = admin.get(f"/hubs/{hub_id}/programs/{program_id}")
    assert form.status_code == 200
    assert expert.name in form.text
    saved = admin.post(f"/hubs/{hub_id}/programs/{program_id}", data={
        "name": "Cervical Cancer Prevention ECHO", "description": "Screening and treatment.",
        "panel_ids": [str(expert.id)], "default_facilitator_id": str(coordinator.id)})
    assert saved.status_code == 302, saved.text
    with unit_of_work(app) as db:
        program = db.get(Program, program_id)
        assert program is not None
        assert (program.name, program.description, program.default_facilitator_id) == (
            "Cervical Cancer Prevention ECHO", "Screening and treatment.", coordinator.id)
        panel = db.exec(select(ProgramExpert.user_id).where(
            ProgramExpert.program_id == program_id)).all()
        assert panel == [expert.id]
    [event] = _events(app, "program_changed")
    assert event.detail["changed"] == ["name", "description", "default_facilitator_id",
                                       "panel"]


def test_a_program_panel_is_made_of_the_hubs_experts_only(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    admin, hub_id, program_id = login_as(Role.ADMIN), _hub_a(hubs), hubs.program_id()
    refused = admin.post(f"/hubs/{hub_id}/programs/{program_id}", data={
        "name": "Cervical ECHO a",
        "panel_ids": [str(hubs.user(Role.CLINICIAN).id), str(hubs.user(Role.EXPERT, "b").id)]})
    assert refused.status_code == 422
    assert "The panel is made of this hub&#39;s active experts." in refused.text


def test_an_archived_program_keeps_its_cases_but_takes_no_new_ones(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    clinician, hub_id, program_id = api_as(Role.CLINICIAN), _hub_a(hubs), hubs.program_id()
    case = clinician.post("/cases", {"program_id": program_id, "fields": IDENTIFIED_CASE}).json
    admin = login_as(Role.ADMIN)
    assert admin.post(f"/hubs/{hub_id}/programs/{program_id}/archive").status_code == 302
    assert "Archived" in admin.get(f"/hubs/{hub_id}/programs").text

    assert clinician.get("/programs").json["items"] == []
    refused = clinician.post("/cases", {"program_id": program_id, "fields": IDENTIFIED_CASE})
    assert refused.status_code == 404
    assert "Cervical ECHO a" not in login_as(Role.CLINICIAN).get("/cases/new").text
    assert clinician.get(f"/cases/{case['id']}").status_code == 200  # its cases stay
    with unit_of_work(app) as db:
        assert db.get(Program, program_id) is not None  # never deleted

    assert admin.post(f"/hubs/{hub_id}/programs/{program_id}/restore").status_code == 302
    assert [p["id"] for p in clinician.get("/programs").json["items"]] == [program_id]
    assert [e.kind for e in _events(app, "program_archived") + _events(
        app, "program_restored")] == ["program_archived", "program_restored"]


def test_another_hubs_program_is_not_found_under_your_hub(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    theirs = hubs.program_id("b")
    assert admin.get(f"/hubs/{hub_id}/programs/{theirs}").status_code == 404
    assert admin.post(f"/hubs/{hub_id}/programs/{theirs}/archive").status_code == 404
    with unit_of_work(app) as db:
        program = db.get(Program, theirs)
        assert program is not None
        assert program.archived_at is None


# --- people -------------------------------------------------------------------------------


def test_a_coordinator_reads_the_hubs_people_but_changes_nothing(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        expert.credentials, expert.profession = "MD, MPH", "Gynaecologic oncologist"
        expert.organisation = "University Hospital"
        db.add(expert)
    login_as(Role.EXPERT)  # a sign-in the page shows
    coordinator, hub_id = login_as(Role.COORDINATOR), _hub_a(hubs)
    page = coordinator.get(f"/hubs/{hub_id}/people")
    assert page.status_code == 200
    for seen in ("Expert A", "MD, MPH", "Gynaecologic oncologist", "University Hospital",
                 "Active", "Never"):
        assert seen in page.text, seen
    assert "Expert B" not in page.text
    assert "@" not in page.text.split("<main", 1)[1]  # e-mail addresses are for admins
    assert "Manage" not in page.text
    expert_id = hubs.user(Role.EXPERT).id
    assert coordinator.post(f"/hubs/{hub_id}/people/{expert_id}/role",
                            data={"role": "admin"}).status_code == 403
    assert coordinator.post(f"/hubs/{hub_id}/people/{expert_id}/deactivate").status_code == 403


def test_an_admin_changes_a_role_and_the_trail_says_who_from_what_to_what(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    clinician = hubs.user(Role.CLINICIAN)
    changed = admin.post(f"/hubs/{hub_id}/people/{clinician.id}/role", data={"role": "expert"})
    assert changed.status_code == 302
    assert "Expert" in admin.get(f"/hubs/{hub_id}/people/{clinician.id}").text
    [event] = _events(app, "role_changed")
    assert (event.actor_id, event.subject, event.detail) == (
        hubs.user(Role.ADMIN).id, f"user:{clinician.id}",
        {"before": "clinician", "after": "expert"})
    unknown = admin.post(f"/hubs/{hub_id}/people/{clinician.id}/role", data={"role": "boss"})
    assert unknown.status_code == 422


def test_the_last_admin_cannot_step_down(login_as: Callable[..., FlaskClient], hubs: Hubs):
    admin, hub_id, me = login_as(Role.ADMIN), _hub_a(hubs), hubs.user(Role.ADMIN).id
    refused = admin.post(f"/hubs/{hub_id}/people/{me}/role", data={"role": "coordinator"})
    assert refused.status_code == 422
    assert "at least one active admin" in refused.text
    assert admin.post(f"/hubs/{hub_id}/people/{me}/deactivate").status_code == 422


def test_an_admin_records_a_persons_credentials_profession_and_organisation(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id, expert = login_as(Role.ADMIN), _hub_a(hubs), hubs.user(Role.EXPERT)
    saved = admin.post(f"/hubs/{hub_id}/people/{expert.id}", data={
        "credentials": "MD, PhD", "profession": "Pathologist", "organisation": "City Lab"})
    assert saved.status_code == 302
    with unit_of_work(app) as db:
        user = db.get(User, expert.id)
        assert user is not None
        assert (user.credentials, user.profession, user.organisation) == (
            "MD, PhD", "Pathologist", "City Lab")
    [event] = _events(app, "profile_changed")
    assert event.detail == {"changed": ["credentials", "organisation", "profession"]}


def test_a_deactivated_person_is_refused_by_the_web_and_the_api_at_once(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    clinician_web, clinician_api = login_as(Role.CLINICIAN), api_as(Role.CLINICIAN)
    assert clinician_web.get("/cases").status_code == 200
    assert clinician_api.get("/me").status_code == 200
    admin, hub_id, clinician = login_as(Role.ADMIN), _hub_a(hubs), hubs.user(Role.CLINICIAN)

    assert admin.post(f"/hubs/{hub_id}/people/{clinician.id}/deactivate").status_code == 302

    page = clinician_web.get("/cases")
    assert page.status_code == 302
    assert "/login" in page.headers["Location"]
    assert clinician_api.get("/me").status_code == 401
    again = app.test_client().post("/login", data={"email": clinician.email,
                                                   "password": PASSWORD})
    assert again.status_code == 401
    assert "Deactivated" in admin.get(f"/hubs/{hub_id}/people").text
    with unit_of_work(app) as db:
        tokens = db.exec(select(ApiToken).where(ApiToken.user_id == clinician.id)).all()
        assert tokens
        assert all(t.revoked_at is not None for t in tokens)
    [event] = _events(app, "account_deactivated")
    assert event.detail == {"sessions_ended": 1, "tokens_revoked": 1}

    assert admin.post(f"/hubs/{hub_id}/people/{clinician.id}/reactivate").status_code == 302
    back = app.test_client().post("/login", data={"email": clinician.email,
                                                  "password": PASSWORD})
    assert back.status_code == 302
    assert clinician_api.get("/me").status_code == 401  # a revoked token stays revoked
    assert len(_events(app, "account_reactivated")) == 1


def test_an_admin_cannot_act_on_someone_outside_the_hub(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    outsider = hubs.user(Role.CLINICIAN, "b")
    assert admin.get(f"/hubs/{hub_id}/people/{outsider.id}").status_code == 404
    assert admin.post(f"/hubs/{hub_id}/people/{outsider.id}/deactivate").status_code == 404
    assert admin.post(f"/hubs/{hub_id}/people/{outsider.id}/role",
                      data={"role": "admin"}).status_code == 404
    other_hub = hubs.hubs["b"].id
    assert admin.get(f"/hubs/{other_hub}/people").status_code == 404
    with unit_of_work(app) as db:
        user = db.get(User, outsider.id)
        assert user is not None
        assert user.active


def test_someone_in_two_hubs_changes_role_here_but_only_all_their_admins_deactivate_them(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    expert = hubs.user(Role.EXPERT)
    with unit_of_work(app) as db:
        user, hub_b = db.get(User, expert.id), db.get(Hub, hubs.hubs["b"].id)
        assert user is not None
        assert hub_b is not None
        accounts.add_member(db, user, hub_b, Role.EXPERT)
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    assert admin.post(f"/hubs/{hub_id}/people/{expert.id}/role",
                      data={"role": "coordinator"}).status_code == 302
    refused = admin.post(f"/hubs/{hub_id}/people/{expert.id}/deactivate")
    assert refused.status_code == 422
    assert "belongs to a hub you do not administer" in refused.text


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.EXPERT])
def test_clinicians_and_experts_do_not_see_the_hubs_people(
    login_as: Callable[..., FlaskClient], hubs: Hubs, role: Role
):
    assert login_as(role).get(f"/hubs/{_hub_a(hubs)}/people").status_code == 403


def test_a_new_session_of_a_program_starts_with_its_panel_facilitator_and_the_hubs_zone(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    hub_id, program_id = _hub_a(hubs), hubs.program_id()
    expert, coordinator = hubs.user(Role.EXPERT), hubs.user(Role.COORDINATOR)
    with unit_of_work(app) as db:
        hub = db.get(Hub, hub_id)
        assert hub is not None
        hub.timezone = "Africa/Nairobi"
        db.add(hub)
    admin = login_as(Role.ADMIN)
    admin.post(f"/hubs/{hub_id}/programs/{program_id}", data={
        "name": "Cervical ECHO a", "panel_ids": [str(expert.id)],
        "default_facilitator_id": str(coordinator.id)})
    form = login_as(Role.COORDINATOR).get(f"/sessions/new?program_id={program_id}").text
    assert f'id="panel-{expert.id}" name="panel_ids" value="{expert.id}" checked' in form
    assert f'<option value="{coordinator.id}" selected>' in form
    assert 'value="Africa/Nairobi"' in form


def test_an_archived_program_is_offered_for_no_new_session(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    hub_id, program_id = _hub_a(hubs), hubs.program_id()
    login_as(Role.ADMIN).post(f"/hubs/{hub_id}/programs/{program_id}/archive")
    assert "Cervical ECHO a" not in login_as(Role.COORDINATOR).get("/sessions/new").text
    refused = api_as(Role.COORDINATOR).post("/sessions", {
        "program_id": program_id, "starts_at_local": "2030-01-10T18:00:00", "timezone": "UTC"})
    assert refused.status_code == 422
    assert "archived" in refused.json["error"]["fields"]["program_id"]


# --- settings -----------------------------------------------------------------------------


SETTINGS = {"name": "Hub A Cancer ECHO", "letterhead": "Department of Oncology\nTel. 555 0100",
            "address": "12 Canyon Road, Santa Fe NM", "contact_email": "echo@hub-a.example.org",
            "timezone": "America/Denver", "locale": "es_MX", "date_order": "month_first",
            "letters_to_attendees": "on", "retention_days": "365"}


def test_an_admin_sets_the_hubs_settings_and_the_trail_names_what_changed(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    page = admin.get(f"/hubs/{hub_id}/settings")
    assert page.status_code == 200
    assert "<option selected>UTC</option>" in page.text
    assert "America/Denver" in page.text  # offered in the list
    saved = admin.post(f"/hubs/{hub_id}/settings", data=SETTINGS)
    assert saved.status_code == 302, saved.text
    with unit_of_work(app) as db:
        hub = db.get(Hub, hub_id)
        assert hub is not None
        assert (hub.name, hub.letterhead, hub.address, hub.contact_email, hub.timezone,
                hub.locale, hub.date_order, hub.require_two_factor, hub.letters_to_attendees,
                hub.retention_days) == (
            "Hub A Cancer ECHO", "Department of Oncology\nTel. 555 0100",
            "12 Canyon Road, Santa Fe NM", "echo@hub-a.example.org", "America/Denver", "es_MX",
            "month_first", False, True, 365)
    [event] = _events(app, "hub_settings_changed")
    assert event.actor_id == hubs.user(Role.ADMIN).id
    assert event.detail == {"changed": sorted(
        ["name", "letterhead", "address", "contact_email", "timezone", "locale", "date_order",
         "letters_to_attendees", "retention_days"])}
    assert "echo@hub-a" not in str(event.detail)  # names of settings, never their values
    page = admin.get(f"/hubs/{hub_id}/settings").text
    assert "<option selected>America/Denver</option>" in page


def test_the_settings_form_names_every_problem_and_keeps_what_was_typed(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    refused = admin.post(f"/hubs/{hub_id}/settings", data={
        **SETTINGS, "name": "", "timezone": "Mars/Olympus", "contact_email": "not-an-address",
        "locale": "xx_XX", "date_order": "dym", "retention_days": "a year"})
    assert refused.status_code == 422
    for problem in ("Give the hub a name.", "No time zone is called &#39;Mars/Olympus&#39;",
                    "Enter an e-mail address", "Choose one of the listed languages.",
                    "Choose one of the listed date orders.", "Use a whole number of days"):
        assert problem in refused.text, problem
    assert "12 Canyon Road, Santa Fe NM" in refused.text
    with unit_of_work(app) as db:
        hub = db.get(Hub, hub_id)
        assert hub is not None
        assert hub.name == "Hub A"  # nothing saved
    assert _events(app, "hub_settings_changed") == []


def test_a_second_factor_required_on_the_settings_page_applies_at_the_next_page(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    coordinator = login_as(Role.COORDINATOR)
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    assert admin.post(f"/hubs/{hub_id}/settings", data={
        **SETTINGS, "require_two_factor": "on"}).status_code == 302
    page = coordinator.get("/triage")
    assert page.status_code == 302
    assert page.headers["Location"].endswith("/account/two-factor")


def test_the_hub_link_leads_organisers_to_their_hubs_people(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    people = f'href="/hubs/{_hub_a(hubs)}/people">Hub</a>'
    assert people in login_as(Role.ADMIN).get("/sessions").text
    assert people in login_as(Role.COORDINATOR).get("/sessions").text
    assert people not in login_as(Role.EXPERT).get("/sessions").text
