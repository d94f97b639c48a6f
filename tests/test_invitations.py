"""Inviting people into a hub: the e-mail and its link, accepting, re-sending, revoking,
a CSV of many, and who may invite whom."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts, invitations
from models import AuditEvent, Hub, Invitation, Membership, ProgramExpert, User
from tests.mail_server import Inbox, link_in, text_of
from tests.support import PASSWORD, Hubs, TestClock
from workflows import Role

NEW_PASSWORD = "a-kettle-of-hawks"

pytestmark = pytest.mark.mail


def invite(client: FlaskClient, hub_id: int, **fields: object) -> object:
    data = {"name": "Ines Marlow", "email": "ines@example.org", "role": "clinician",
            "program_id": "", **fields}
    return client.post(f"/hubs/{hub_id}/invitations", data=data)


def hub_id(hubs: Hubs, key: str = "a") -> int:
    return hubs.hubs[key].id or 0


def accept(app: Flask, path: str, password: str = NEW_PASSWORD, **fields: str) -> object:
    browser = app.test_client()
    return browser, browser.post(path, data={"name": "Ines Marlow", "password": password,
                                             "confirm": password, **fields})


# --- inviting one person ------------------------------------------------------------------


def test_an_admin_invites_a_clinician_who_accepts_by_the_link_in_the_email(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], inbox: Inbox,
):
    admin = login_as(Role.ADMIN)
    response = invite(admin, hub_id(hubs))
    assert response.status_code == 302
    [message] = inbox.messages
    assert message["To"] == "ines@example.org"
    assert "Hub A" in message["Subject"]
    body = text_of(message)
    assert "Admin A invites you to join Hub A as a clinician" in body

    page = admin.get(f"/hubs/{hub_id(hubs)}/invitations")
    assert "ines@example.org" in page.text
    assert "Sent; link works until" in page.text

    path = link_in(message)
    form = app.test_client().get(path)
    assert form.status_code == 200
    assert "Join Hub A" in form.text
    browser, accepted = accept(app, path)
    assert accepted.status_code == 302
    assert browser.get("/cases").status_code == 200  # signed in at once
    with unit_of_work(app) as db:
        user = db.exec(select(User).where(User.email == "ines@example.org")).one()
        membership = db.exec(select(Membership).where(Membership.user_id == user.id)).one()
        assert (membership.hub_id, membership.role) == (hub_id(hubs), Role.CLINICIAN)
    # ...and signs in later with the password they chose.
    again = app.test_client().post("/login", data={"email": "ines@example.org",
                                                   "password": NEW_PASSWORD})
    assert again.status_code == 302
    assert "<td>ines@example.org</td>" not in admin.get(f"/hubs/{hub_id(hubs)}/invitations").text


def test_the_link_works_once(app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient],
                             inbox: Inbox):
    invite(login_as(Role.ADMIN), hub_id(hubs))
    path = link_in(inbox.messages[0])
    accept(app, path)
    _browser, second = accept(app, path, password="another-fine-phrase")
    assert second.status_code == 404
    assert "no longer works" in second.text


def test_the_link_expires_after_seven_days(app: Flask, hubs: Hubs, clock: TestClock,
                                           login_as: Callable[..., FlaskClient], inbox: Inbox):
    admin = login_as(Role.ADMIN)
    invite(admin, hub_id(hubs))
    path = link_in(inbox.messages[0])
    clock.move_to(clock() + timedelta(days=6, hours=23))
    assert app.test_client().get(path).status_code == 200
    clock.move_to(clock() + timedelta(hours=2))
    assert app.test_client().get(path).status_code == 404
    assert "Expired" in login_as(Role.ADMIN).get(f"/hubs/{hub_id(hubs)}/invitations").text


def test_sending_again_makes_a_new_link_and_kills_the_old_one(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], inbox: Inbox,
):
    admin = login_as(Role.ADMIN)
    invite(admin, hub_id(hubs))
    old = link_in(inbox.messages[0])
    with unit_of_work(app) as db:
        invitation = db.exec(select(Invitation)).one()
    resent = admin.post(f"/hubs/{hub_id(hubs)}/invitations/{invitation.id}/resend")
    assert resent.status_code == 302
    new = link_in(inbox.messages[1])
    assert new != old
    assert app.test_client().get(old).status_code == 404
    assert app.test_client().get(new).status_code == 200


def test_a_revoked_invitation_opens_nothing(app: Flask, hubs: Hubs, inbox: Inbox,
                                            login_as: Callable[..., FlaskClient]):
    admin = login_as(Role.ADMIN)
    invite(admin, hub_id(hubs))
    with unit_of_work(app) as db:
        invitation = db.exec(select(Invitation)).one()
    assert admin.post(f"/hubs/{hub_id(hubs)}/invitations/{invitation.id}/revoke"
                      ).status_code == 302
    assert app.test_client().get(link_in(inbox.messages[0])).status_code == 404
    assert "<td>ines@example.org</td>" not in admin.get(
        f"/hubs/{hub_id(hubs)}/invitations").text


def test_only_the_digest_of_the_token_is_stored(app: Flask, hubs: Hubs, inbox: Inbox,
                                                login_as: Callable[..., FlaskClient]):
    invite(login_as(Role.ADMIN), hub_id(hubs))
    token = link_in(inbox.messages[0]).rsplit("/", 1)[1]
    with unit_of_work(app) as db:
        invitation = db.exec(select(Invitation)).one()
        events = " ".join(str(e.detail) + e.subject for e in db.exec(select(AuditEvent)))
    assert invitation.digest
    assert token not in invitation.digest
    assert token not in events


def test_accepting_asks_for_a_password_as_strong_as_signing_up_does(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    invite(login_as(Role.ADMIN), hub_id(hubs))
    path = link_in(inbox.messages[0])
    _browser, common = accept(app, path, password="password1")
    assert common.status_code == 422
    assert "most common" in common.text
    _browser, short = accept(app, path, password="short")
    assert short.status_code == 422
    assert "between 8 and 64" in short.text
    _browser, differ = accept(app, path, confirm="something-else-here")
    assert differ.status_code == 422
    assert "differ" in differ.text
    assert app.test_client().get(path).status_code == 200  # still usable


def test_an_expert_invited_for_a_program_joins_its_panel(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    invite(login_as(Role.ADMIN), hub_id(hubs), role="expert", program_id=hubs.program_id())
    assert "in Cervical ECHO a" in text_of(inbox.messages[0])
    accept(app, link_in(inbox.messages[0]))
    with unit_of_work(app) as db:
        user = db.exec(select(User).where(User.email == "ines@example.org")).one()
        assert db.get(ProgramExpert, (hubs.program_id(), user.id)) is not None


def test_someone_with_an_account_signs_in_and_joins_without_a_new_password(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    expert_b = hubs.user(Role.EXPERT, "b")
    invite(login_as(Role.ADMIN), hub_id(hubs), email=expert_b.email, role="expert")
    path = link_in(inbox.messages[0])
    browser = app.test_client()
    page = browser.get(path)
    assert "Sign in to accept" in page.text
    assert 'type="password"' not in page.text
    # A new password cannot be set for an existing account by the link.
    refused = browser.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert "Sign in to accept" in refused.text
    signed_in = browser.post(f"/login?next={path}", data={"email": expert_b.email,
                                                         "password": PASSWORD})
    assert signed_in.headers["Location"] == path
    assert "Join Hub A" in browser.get(path).text
    assert browser.post(path).status_code == 302
    with unit_of_work(app) as db:
        roles = {m.hub_id: m.role for m in db.exec(
            select(Membership).where(Membership.user_id == expert_b.id))}
        assert roles == {hub_id(hubs, "b"): Role.EXPERT, hub_id(hubs): Role.EXPERT}
        assert accounts.authenticate(db, expert_b.email, PASSWORD) is not None


def test_signed_in_as_someone_else_the_link_does_not_join_them(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    expert_b = hubs.user(Role.EXPERT, "b")
    invite(login_as(Role.ADMIN), hub_id(hubs), email=expert_b.email, role="expert")
    path = link_in(inbox.messages[0])
    other = login_as(Role.CLINICIAN, "b")
    assert "sent to another address" in other.get(path).text
    other.post(path)
    with unit_of_work(app) as db:
        assert db.exec(select(Membership).where(Membership.user_id == expert_b.id,
                                                Membership.hub_id == hub_id(hubs))).first() \
            is None


def test_where_the_hub_requires_it_a_new_admin_sets_up_two_factor_before_anything_else(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    with unit_of_work(app) as db:
        hub = db.get(Hub, hub_id(hubs))
        assert hub is not None
        hub.require_two_factor = True
        db.add(hub)
    admin = login_as(Role.ADMIN)
    # (the inviting admin owes a second factor too; the invitation service is what matters)
    with unit_of_work(app) as db:
        inviter = db.get(User, hubs.user(Role.ADMIN).id)
        assert inviter is not None
        assert admin is not None
        invitations.invite_person(
            db, inviter, Role.ADMIN, db.get(Hub, hub_id(hubs)),  # type: ignore[arg-type]
            invitations.InvitationPlan(name="Nia Admin", email="nia@example.org", role="admin"),
            lambda token: f"http://localhost/invitations/{token}")
    browser, accepted = accept(app, link_in(inbox.messages[0]))
    assert accepted.status_code == 302
    home = browser.get("/")
    assert home.status_code == 302
    assert home.headers["Location"].endswith("/account/two-factor")


# --- who may invite whom ------------------------------------------------------------------


def test_a_coordinator_invites_clinicians_and_experts_but_never_an_admin_or_coordinator(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    coordinator = login_as(Role.COORDINATOR)
    assert invite(coordinator, hub_id(hubs), role="expert").status_code == 302
    for role in ("admin", "coordinator"):
        refused = invite(coordinator, hub_id(hubs), email=f"{role}@example.org", role=role)
        assert refused.status_code == 422
        assert "Only an admin can invite" in refused.text
    page = coordinator.get(f"/hubs/{hub_id(hubs)}/invitations").text
    assert 'value="admin"' not in page
    assert 'value="coordinator"' not in page
    assert len(inbox.messages) == 1


def test_a_coordinator_cannot_resend_or_revoke_an_admins_invitation(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    invite(login_as(Role.ADMIN), hub_id(hubs), role="admin")
    with unit_of_work(app) as db:
        invitation = db.exec(select(Invitation)).one()
    coordinator = login_as(Role.COORDINATOR)
    base = f"/hubs/{hub_id(hubs)}/invitations/{invitation.id}"
    assert coordinator.post(base + "/resend").status_code == 403
    assert coordinator.post(base + "/revoke").status_code == 403
    assert "<td>ines@example.org</td>" not in coordinator.get(
        f"/hubs/{hub_id(hubs)}/invitations").text


def test_nobody_invites_into_or_acts_on_another_hub(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    invite(login_as(Role.ADMIN), hub_id(hubs))
    with unit_of_work(app) as db:
        invitation = db.exec(select(Invitation)).one()
    admin_b = login_as(Role.ADMIN, "b")
    assert invite(admin_b, hub_id(hubs), email="x@example.org").status_code == 404
    assert admin_b.get(f"/hubs/{hub_id(hubs)}/invitations").status_code == 404
    for action in ("resend", "revoke"):
        assert admin_b.post(f"/hubs/{hub_id(hubs)}/invitations/{invitation.id}/{action}"
                            ).status_code == 404
        assert admin_b.post(f"/hubs/{hub_id(hubs, 'b')}/invitations/{invitation.id}/{action}"
                            ).status_code == 404
    assert len(inbox.messages) == 1


def test_a_member_or_a_pending_address_is_not_invited_twice(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    admin = login_as(Role.ADMIN)
    member = invite(admin, hub_id(hubs), email=hubs.user(Role.EXPERT).email)
    assert member.status_code == 422
    assert "member of the hub already" in member.text
    invite(admin, hub_id(hubs))
    again = invite(admin, hub_id(hubs), email="INES@example.org ")
    assert again.status_code == 422
    assert "send it again" in again.text


def test_bad_input_is_named_field_by_field(app: Flask, hubs: Hubs, inbox: Inbox,
                                           login_as: Callable[..., FlaskClient]):
    response = invite(login_as(Role.ADMIN), hub_id(hubs), name=" ", email="not-an-address",
                      role="wizard", program_id=str(hubs.program_id("b")))
    assert response.status_code == 422
    for expected in ("Enter the person&#39;s name", "Enter an e-mail address",
                     "Use one of: clinician, expert, coordinator, admin",
                     "running programs"):
        assert expected in response.text
    assert inbox.messages == []


# --- many at once -------------------------------------------------------------------------


def upload(client: FlaskClient, hub: int, text: str) -> object:
    import io

    return client.post(f"/hubs/{hub}/invitations/upload",
                       data={"file": (io.BytesIO(text.encode()), "people.csv")},
                       content_type="multipart/form-data")


def test_a_csv_invites_everyone_in_it(app: Flask, hubs: Hubs, inbox: Inbox,
                                      login_as: Callable[..., FlaskClient]):
    text = ("name,email,role,program\n"
            "Ana Ruiz,ana@example.org,clinician,\n"
            "Bo Chen,bo@example.org,expert,Cervical ECHO a\n")
    response = upload(login_as(Role.ADMIN), hub_id(hubs), text)
    assert response.status_code == 302
    assert sorted(m["To"] for m in inbox.messages) == ["ana@example.org", "bo@example.org"]


def test_a_csv_with_a_bad_row_imports_nobody_and_names_each_row_and_column(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    text = ("name,email,role,program\n"
            "Ana Ruiz,ana@example.org,clinician,\n"
            "Bo Chen,bo-at-example.org,expert,\n"
            "Cy Dee,cy@example.org,admin,Nonexistent ECHO\n"
            "Ana Again,ana@example.org,expert,\n")
    response = upload(login_as(Role.COORDINATOR), hub_id(hubs), text)
    assert response.status_code == 422
    assert "Nothing was imported" in response.text
    for expected in ("Row 3, email: Enter an e-mail address",
                     "Row 4, program: No running program called",
                     "Row 4, role: Only an admin can invite a admin",
                     "Row 5, email: The same address is on row 2"):
        assert expected in response.text.replace("&#39;", "'"), expected
    assert inbox.messages == []
    with unit_of_work(app) as db:
        assert db.exec(select(Invitation)).first() is None


def test_a_csv_without_its_header_is_refused(app: Flask, hubs: Hubs, inbox: Inbox,
                                             login_as: Callable[..., FlaskClient]):
    response = upload(login_as(Role.ADMIN), hub_id(hubs), "Ana,ana@example.org,clinician\n")
    assert response.status_code == 422
    assert "Missing column" in response.text


def test_an_email_that_could_not_be_sent_says_so_on_the_page(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient],
):
    # No inbox fixture: nothing listens on the mail port.
    admin = login_as(Role.ADMIN)
    assert invite(admin, hub_id(hubs)).status_code == 302
    page = admin.get(f"/hubs/{hub_id(hubs)}/invitations").text
    assert "Not sent: The mail server could not be reached." in page


def test_every_step_is_in_the_audit_trail(app: Flask, hubs: Hubs, inbox: Inbox,
                                          login_as: Callable[..., FlaskClient]):
    admin = login_as(Role.ADMIN)
    invite(admin, hub_id(hubs))
    invite(admin, hub_id(hubs), email="second@example.org")
    with unit_of_work(app) as db:
        first, second = db.exec(select(Invitation).order_by(Invitation.id)).all()
    admin.post(f"/hubs/{hub_id(hubs)}/invitations/{first.id}/resend")
    admin.post(f"/hubs/{hub_id(hubs)}/invitations/{second.id}/revoke")
    accept(app, link_in(inbox.messages[2]))
    with unit_of_work(app) as db:
        trail = [(e.kind, e.actor_id, e.hub_id, e.subject) for e in db.exec(
            select(AuditEvent).where(AuditEvent.kind.startswith("invitation_")))]  # type: ignore[attr-defined]
        newcomer = db.exec(select(User).where(User.email == "ines@example.org")).one()
    admin_id, hub = hubs.user(Role.ADMIN).id, hub_id(hubs)
    assert trail == [
        ("invitation_created", admin_id, hub, f"invitation:{first.id}"),
        ("invitation_created", admin_id, hub, f"invitation:{second.id}"),
        ("invitation_resent", admin_id, hub, f"invitation:{first.id}"),
        ("invitation_revoked", admin_id, hub, f"invitation:{second.id}"),
        ("invitation_accepted", newcomer.id, hub, f"invitation:{first.id}"),
    ]


def test_a_csv_sent_while_mail_is_down_is_recorded_and_listed_as_not_sent(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient],
):
    admin = login_as(Role.ADMIN)
    text = "name,email,role,program\n" + "".join(
        f"Person {n},p{n}@example.org,clinician,\n" for n in range(3))
    assert upload(admin, hub_id(hubs), text).status_code == 302
    page = admin.get(f"/hubs/{hub_id(hubs)}/invitations").text
    assert page.count("Not sent: The mail server could not be reached.") == 3


def test_no_log_line_carries_a_link_token(app: Flask, hubs: Hubs, inbox: Inbox,
                                          login_as: Callable[..., FlaskClient],
                                          caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # every statement, with values
    admin = login_as(Role.ADMIN)
    invite(admin, hub_id(hubs))
    path = link_in(inbox.messages[0])
    accept(app, path)
    app.test_client().post("/login/forgot", data={"email": "ines@example.org"})
    tokens = [path.rsplit("/", 1)[1], link_in(inbox.messages[1]).rsplit("/", 1)[1]]
    # Everything but the test's own mail server, which logs what it receives.
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail."))
    assert "INSERT INTO invitation" in ours
    assert not [t for t in tokens if t in ours]
