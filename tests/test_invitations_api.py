"""Invitations as JSON: create, list, send again, revoke, under the same access table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask

from tests.mail_server import Inbox, link_in
from tests.support import Api, Hubs, TestClock
from workflows import Role

INES = {"name": "Ines Marlow", "email": "ines@example.org", "role": "clinician"}

pytestmark = pytest.mark.mail


def test_an_admin_invites_lists_resends_and_revokes(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], inbox: Inbox,
):
    admin, hub = api_as(Role.ADMIN), hubs.hubs["a"].id
    created = admin.post(f"/hubs/{hub}/invitations", {**INES, "program_id": hubs.program_id()})
    assert created.status_code == 201, created.json
    invitation = created.json
    assert invitation["status"] == "pending"
    assert invitation["role"] == "clinician"
    token = link_in(inbox.messages[0]).rsplit("/", 1)[1]
    listed = admin.get(f"/hubs/{hub}/invitations").json["items"]
    assert [i["id"] for i in listed] == [invitation["id"]]
    assert listed[0]["sent_at"] is not None
    assert token not in str(listed)

    resent = admin.post(f"/hubs/{hub}/invitations/{invitation['id']}/resend")
    assert resent.status_code == 200
    assert len(inbox.messages) == 2
    assert app.test_client().get(link_in(inbox.messages[0])).status_code == 404
    revoked = admin.post(f"/hubs/{hub}/invitations/{invitation['id']}/revoke")
    assert revoked.json["status"] == "revoked"
    assert admin.get(f"/hubs/{hub}/invitations").json["items"] == []
    assert app.test_client().get(link_in(inbox.messages[1])).status_code == 404


def test_an_expired_invitation_is_listed_as_such_and_renewed_by_sending_it_again(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], inbox: Inbox, clock: TestClock,
):
    admin, hub = api_as(Role.ADMIN), hubs.hubs["a"].id
    invitation = admin.post(f"/hubs/{hub}/invitations", INES).json
    clock.move_to(clock() + timedelta(days=8))
    assert admin.get(f"/hubs/{hub}/invitations").json["items"][0]["status"] == "expired"
    renewed = admin.post(f"/hubs/{hub}/invitations/{invitation['id']}/resend").json
    assert renewed["status"] == "pending"
    assert app.test_client().get(link_in(inbox.messages[1])).status_code == 200


def test_bad_or_taken_addresses_are_refused_with_the_field_named(
    hubs: Hubs, api_as: Callable[..., Api], inbox: Inbox,
):
    admin, hub = api_as(Role.ADMIN), hubs.hubs["a"].id
    bad = admin.post(f"/hubs/{hub}/invitations", {**INES, "email": "nobody"})
    assert bad.status_code == 422
    assert "email" in bad.json["error"]["fields"]
    member = admin.post(f"/hubs/{hub}/invitations",
                        {**INES, "email": hubs.user(Role.EXPERT).email})
    assert member.status_code == 422
    assert member.json["error"]["code"] == "already_member"
    unknown_role = admin.post(f"/hubs/{hub}/invitations", {**INES, "role": "wizard"})
    assert unknown_role.status_code == 422
    assert inbox.messages == []


def test_coordinators_see_and_act_on_clinician_and_expert_invitations_only(
    hubs: Hubs, api_as: Callable[..., Api], inbox: Inbox,
):
    admin, coordinator, hub = api_as(Role.ADMIN), api_as(Role.COORDINATOR), hubs.hubs["a"].id
    for_admin = admin.post(f"/hubs/{hub}/invitations", {**INES, "role": "admin"}).json
    expert = coordinator.post(f"/hubs/{hub}/invitations",
                              {**INES, "email": "e@example.org", "role": "expert"})
    assert expert.status_code == 201
    listed = coordinator.get(f"/hubs/{hub}/invitations").json["items"]
    assert [i["email"] for i in listed] == ["e@example.org"]
    assert coordinator.post(f"/hubs/{hub}/invitations/{for_admin['id']}/revoke"
                            ).status_code == 403


def test_nobody_reads_or_acts_on_another_hubs_invitations(
    hubs: Hubs, api_as: Callable[..., Api], inbox: Inbox,
):
    hub = hubs.hubs["a"].id
    invitation = api_as(Role.ADMIN).post(f"/hubs/{hub}/invitations", INES).json
    outsider = api_as(Role.ADMIN, "b")
    assert outsider.get(f"/hubs/{hub}/invitations").status_code == 404
    assert outsider.post(f"/hubs/{hub}/invitations", INES).status_code == 404
    own_hub = hubs.hubs["b"].id
    for action in ("resend", "revoke"):
        assert outsider.post(f"/hubs/{hub}/invitations/{invitation['id']}/{action}"
                             ).status_code == 404
        assert outsider.post(f"/hubs/{own_hub}/invitations/{invitation['id']}/{action}"
                             ).status_code == 404
    for role in (Role.CLINICIAN, Role.EXPERT):
        assert api_as(role).get(f"/hubs/{hub}/invitations").status_code == 403
