"""API endpoints for a hub's admin (settings, programs, members) and for everyone's own
account (profile, personal tokens): the same operations as the pages, as JSON, under the
same access table. Registered on the API's blueprint and described in its OpenAPI document."""

from __future__ import annotations

import dataclasses

from flask import jsonify
from pydantic import BaseModel
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api import hub_admin_schemas as a
from echo_cases.api import schemas as s
from echo_cases.api.spec import parse_body
from echo_cases.api.views import spec
from echo_cases.db import db_session
from echo_cases.errors import NotFound
from echo_cases.http.gate import current_user
from echo_cases.http.params import Query, query_int
from echo_cases.services import activity, calendar, hubs, members, my_account, people, programs
from models import ApiToken, Hub, Program, as_utc, id_of
from workflows import Role

ADMINS = frozenset({Role.ADMIN})


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


def _hub(hub_id: int) -> Hub:
    """The hub, if the caller administers it; outsiders: not found, other roles: forbidden."""
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, ADMINS)
    hub = db.get(Hub, hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    return hub


# --- hub settings -------------------------------------------------------------------------


@spec.route("/hubs/{hub_id}/settings", "GET", summary="The hub's settings (its admins)",
            response=a.HubSettingsOut, errors=(404,))
def hub_settings(hub_id: int) -> tuple[Response, int]:
    return _json(_settings_out(_hub(hub_id)))


@spec.route("/hubs/{hub_id}/settings", "PATCH", summary="Change the hub's settings (its admins)",
            response=a.HubSettingsOut, body=a.HubSettingsPatch, errors=(404,), description=(
                "Send only what changes; every problem is named at once in `fields`. "
                "Changes are audited by the setting's name, never its value."))
def update_hub_settings(hub_id: int) -> tuple[Response, int]:
    hub = _hub(hub_id)
    body = parse_body(a.HubSettingsPatch)
    wanted = dataclasses.replace(hubs.HubSettings.of(hub),
                                 **{name: getattr(body, name) for name in body.model_fields_set})
    hubs.update_settings(db_session(), current_user(), hub, wanted)
    return _json(_settings_out(hub))


def _settings_out(hub: Hub) -> a.HubSettingsOut:
    return a.HubSettingsOut(id=id_of(hub), slug=hub.slug, **vars(hubs.HubSettings.of(hub)))


# --- programs -----------------------------------------------------------------------------


@spec.route("/hubs/{hub_id}/programs", "GET",
            summary="Every program of the hub, archived ones too (its admins)",
            response=a.HubProgramList, errors=(404,))
def hub_programs(hub_id: int) -> tuple[Response, int]:
    _hub(hub_id)
    db = db_session()
    return _json(a.HubProgramList(items=[_program_out(p)
                                         for p in programs.programs_of_hub(db, hub_id)]))


@spec.route("/hubs/{hub_id}/programs", "POST", summary="Create a program (the hub's admins)",
            response=a.HubProgramOut, status=201, body=a.ProgramCreate, errors=(404,),
            refusals={422: "`program_name_taken`: another program of this hub has this name; "
                           "or `invalid`: `fields` names each failing field."})
def create_program(hub_id: int) -> tuple[Response, int]:
    hub = _hub(hub_id)
    body = parse_body(a.ProgramCreate)
    program = programs.create_program(db_session(), current_user(), hub, body.name,
                                      body.description)
    return _json(_program_out(program), 201)


@spec.route("/hubs/{hub_id}/programs/{program_id}", "PATCH",
            summary="Rename, describe, set the panel and facilitator, archive or restore a "
            "program (the hub's admins)", response=a.HubProgramOut, body=a.ProgramPatch,
            errors=(404,), description=(
                "Send only what changes. `panel_ids` replaces the whole panel. A program is "
                "never deleted: `archived: true` stops new cases and sessions."),
            refusals={422: "`program_name_taken`: another program of this hub has this name; "
                           "or `invalid`: `fields` names each failing field."})
def update_program(hub_id: int, program_id: int) -> tuple[Response, int]:
    _hub(hub_id)
    db, user = db_session(), current_user()
    program = db.get(Program, program_id)
    if program is None or program.hub_id != hub_id:
        raise NotFound("No such program in this hub.")
    body = parse_body(a.ProgramPatch)
    sent = body.model_fields_set
    current = _program_out(program)
    plan = programs.ProgramPlan(
        name=body.name if "name" in sent else program.name,
        description=body.description if "description" in sent else program.description,
        panel_ids=tuple(body.panel_ids if "panel_ids" in sent else current.panel_ids),
        default_facilitator_id=(body.default_facilitator_id if "default_facilitator_id" in sent
                                else program.default_facilitator_id))
    programs.update_program(db, user, program, plan)
    if "archived" in sent:
        (programs.archive_program if body.archived else programs.restore_program)(
            db, user, program)
    return _json(_program_out(program))


def _program_out(program: Program) -> a.HubProgramOut:
    panel = programs.panel_of(db_session(), program)
    return a.HubProgramOut(id=id_of(program), hub_id=program.hub_id, name=program.name,
                           description=program.description,
                           archived=program.archived_at is not None,
                           panel_ids=[id_of(u) for u in panel],
                           default_facilitator_id=program.default_facilitator_id)


# --- a hub's members ----------------------------------------------------------------------


@spec.route("/hubs/{hub_id}/people/{user_id}", "GET",
            summary="One member of the hub, with e-mail, last sign-in and status (its admins)",
            response=a.MemberOut, errors=(404,))
def hub_member(hub_id: int, user_id: int) -> tuple[Response, int]:
    _hub(hub_id)
    return _json(_member_out(hub_id, user_id))


@spec.route("/hubs/{hub_id}/people/{user_id}", "PATCH",
            summary="Change a member's role, profile, or whether they may sign in (its admins)",
            response=a.MemberOut, body=a.MemberPatch, errors=(404,), description=(
                "Send only what changes. `active: false` deactivates: every session of "
                "theirs ends and every token is revoked, at once. A hub keeps one active "
                "admin; nobody deactivates themselves; an account that also belongs to a "
                "hub you do not administer keeps its profile and status (each a 422)."),
            refusals={422: "`last_admin`: this would leave the hub without an active admin; "
                           "`deactivating_yourself`: ask another admin; "
                           "`member_of_another_hub`: they also belong to a hub you do not "
                           "administer, so only their role here may change; or `invalid`: "
                           "`fields` names each failing field."})
def update_hub_member(hub_id: int, user_id: int) -> tuple[Response, int]:
    _hub(hub_id)
    db, admin = db_session(), current_user()
    person, _membership = members.member_of_hub(db, hub_id, user_id)
    body = parse_body(a.MemberPatch)
    sent = body.model_fields_set
    if sent & {"credentials", "profession", "organisation"}:
        members.update_profile(db, admin, hub_id, user_id, **{
            name: getattr(body, name) if name in sent else getattr(person, name)
            for name in ("credentials", "profession", "organisation")})
    if body.role is not None:
        members.change_role(db, admin, hub_id, user_id, body.role)
    if body.active is not None:
        (members.reactivate if body.active else members.deactivate)(db, admin, hub_id, user_id)
    return _json(_member_out(hub_id, user_id))


def _member_out(hub_id: int, user_id: int) -> a.MemberOut:
    db = db_session()
    members.member_of_hub(db, hub_id, user_id)
    [person] = [p for p in members.people_of_hub(db, hub_id) if p.id == user_id]
    return a.MemberOut(**{**vars(person), "last_sign_in": (
        as_utc(person.last_sign_in) if person.last_sign_in else None)})


# --- a hub's activity ---------------------------------------------------------------------


@spec.route("/hubs/{hub_id}/activity", "GET",
            summary="Who changed the hub's settings, programs and people, newest first "
            "(its admins and coordinators)", response=a.ActivityOut, errors=(404,),
            query=(Query("before", "integer", description=(
                "Only changes older than this entry (`older_than` of the page before)."),),))
def hub_activity(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    page = activity.activity_of_hub(db, hub_id, before=query_int("before"))
    return _json(a.ActivityOut(older_than=page.older_than, items=[
        a.ActivityEntryOut(**vars(entry)) for entry in page.entries]))


# --- your own account ---------------------------------------------------------------------


@spec.route("/me", "PATCH", summary="Change your own name, credentials, profession, "
            "organisation or time zone", response=s.MeOut, body=a.MePatch, description=(
                "Send only what changes. Your password and second factor are changed on "
                "the account page, where you sign in."))
def update_me() -> tuple[Response, int]:
    db, user = db_session(), current_user()
    body = parse_body(a.MePatch)
    sent = body.model_fields_set
    profile = my_account.Profile.of(user)
    my_account.update_own_profile(db, user, dataclasses.replace(profile, **{
        name: getattr(body, name) for name in sent if name != "timezone"}))
    if "timezone" in sent:
        calendar.set_reader_zone(db, user, body.timezone)
    return _json(s.MeOut(id=id_of(user), name=user.name, email=user.email, memberships=[
        s.HubOut(id=id_of(m.hub), slug=m.hub.slug, name=m.hub.name, role=m.role)
        for m in people.memberships_of(db, user)]))


@spec.route("/me/tokens", "GET", summary="Your personal API tokens, newest first",
            response=a.TokenList)
def my_tokens() -> tuple[Response, int]:
    tokens = my_account.tokens_of(db_session(), current_user())
    return _json(a.TokenList(items=[_token_out(t) for t in tokens]))


@spec.route("/me/tokens", "POST", summary="Create a personal API token (shown once)",
            response=a.TokenCreated, status=201, body=a.TokenCreate)
def create_my_token() -> tuple[Response, int]:
    body = parse_body(a.TokenCreate)
    row, token = my_account.create_token(db_session(), current_user(), body.name,
                                         body.expires_in_days)
    response, status = _json(a.TokenCreated(**_token_out(row).model_dump(), token=token), 201)
    response.headers["Cache-Control"] = "no-store"
    return response, status


@spec.route("/me/tokens/{token_id}/revoke", "POST",
            summary="Revoke one of your tokens: it is refused from the next request on",
            response=a.TokenOut, errors=(404,))
def revoke_my_token(token_id: int) -> tuple[Response, int]:
    return _json(_token_out(my_account.revoke_token(db_session(), current_user(), token_id)))


def _token_out(token: ApiToken) -> a.TokenOut:
    return a.TokenOut(
        id=id_of(token), name=token.label, created_at=as_utc(token.created_at),
        expires_at=as_utc(token.expires_at) if token.expires_at else None,
        last_used_at=as_utc(token.last_used_at) if token.last_used_at else None,
        status=my_account.token_status(db_session(), token))
