"""The server-rendered pages each role uses, driven as a browser would (forms, redirects)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.settings import Settings
from tests.support import IDENTIFIED_CASE, PASSWORD, Hubs, assert_no_identifiers, csrf_token_in
from workflows import Role


def _case_id(location: str) -> int:
    match = re.search(r"/cases/(\d+)", location)
    assert match, location
    return int(match.group(1))


def _version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "page has no version field"
    return match.group(1)


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="(\d+)"', html)
    assert match, f"page has no {name} field"
    return match.group(1)


def _decisions_revision(html: str) -> str:
    match = re.search(r'name="decisions_revision" value="(\d+)"', html)
    assert match, "page has no decisions revision field"
    return match.group(1)


def test_pages_need_a_login_and_send_you_back_after_it(client: FlaskClient, hubs: Hubs):
    response = client.get("/queue")
    assert response.status_code == 302
    assert "/login?next=/queue" in response.location
    signed_in = client.post(response.location, data={
        "email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in.location == "/queue"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    client: FlaskClient, hubs: Hubs
):
    response = client.post("/login", data={"email": hubs.user(Role.EXPERT).email,
                                           "password": "wrong-password"})
    assert response.status_code == 401
    assert "do not match" in response.text


def test_login_never_redirects_to_another_site(client: FlaskClient, hubs: Hubs):
    response = client.post("/login?next=//evil.example/", data={
        "email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert response.location == "/"


def _lands_on_this_site(location: str) -> bool:
    """Whether a browser following ``location`` stays here: as the URL standard reads it,
    leading and trailing spaces and controls go, tabs and newlines anywhere are dropped and a
    backslash is a slash; what is left must be a path (one slash, then not another)."""
    seen = location.strip("".join(map(chr, range(0x21))))
    seen = re.sub(r"[\t\n\r]", "", seen).replace("\\", "/")
    return re.match(r"/(?![/])", seen) is not None


# Each as it would sit in a phishing link's query string.
REDIRECT_BYPASSES = [
    "%2F%09%2Fevil.example%2Fphish",  # /<tab>/evil: the tab is dropped, leaving //evil
    "%2F%0A%2Fevil.example",  # a newline likewise
    "%2F%0D%0A%2Fevil.example",
    "%2F%5Cevil.example",  # /\evil: browsers read the backslash as a slash
    "%5C%5Cevil.example",
    "%2F%2Fevil.example",  # encoded slashes
    "//evil.example",  # scheme-relative
    "///evil.example",
    "https://evil.example/",
    "HTTPS:%2F%2Fevil.example",
    "javascript:alert(1)",
    "/@evil.example",  # userinfo-looking
    "//@evil.example",
    "%20%20//evil.example",  # leading spaces
    "%09//evil.example",
]


@pytest.mark.parametrize("next_target", REDIRECT_BYPASSES)
def test_signing_in_never_sends_you_to_another_site(
    client: FlaskClient, hubs: Hubs, next_target: str
):
    response = client.post(f"/login?next={next_target}", data={
        "email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert response.status_code == 302
    assert _lands_on_this_site(response.location), response.location
    # The home page; "/@evil.example" is a path of this site, and harmless as one.
    assert response.location in ("/", "/@evil.example")


def test_a_next_holding_a_nul_is_refused_naming_it_and_goes_nowhere(
    client: FlaskClient, hubs: Hubs
):
    # No database stores a NUL: every query or form holding one is a 400 that names it.
    response = client.post("/login?next=%00//evil.example", data={
        "email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert response.status_code == 400
    assert response.location is None
    assert "&#39;next&#39; holds a NUL character" in response.text


def test_after_signing_in_you_reach_the_page_you_asked_for_with_its_query(
    client: FlaskClient, hubs: Hubs
):
    response = client.post("/login?next=%2Fcases%2F3%3Fx%3D1", data={
        "email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert response.location == "/cases/3?x=1"


def test_a_clinician_writes_previews_and_submits_a_case(login_as: Callable[..., FlaskClient],
                                                       hubs: Hubs):
    browser = login_as(Role.CLINICIAN)
    form = browser.get("/cases/new")
    assert form.status_code == 200
    assert 'for="f-question"' in form.text
    assert 'id="f-question"' in form.text

    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(), **IDENTIFIED_CASE})
    assert saved.status_code == 302
    case_id = _case_id(saved.location)
    assert "Achterberg" in browser.get(f"/cases/{case_id}").text  # the author sees the original

    preview = browser.get(f"/cases/{case_id}/preview")
    assert preview.status_code == 200
    assert '<mark class="redacted"' in preview.text
    assert "80417733" in preview.text  # the author sees what will be replaced

    submitted = browser.post(f"/cases/{case_id}/submit", data={
        "version": _version(preview.text),
        "decisions_revision": _decisions_revision(preview.text)})
    assert submitted.status_code == 302
    detail = browser.get(f"/cases/{case_id}").text
    assert "De-identified, in review" in detail
    assert "What the hub reads" in detail


def test_the_form_keeps_what_was_typed_and_says_what_to_fix(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    browser = login_as(Role.CLINICIAN)
    response = browser.post("/cases/new", data={
        "program_id": hubs.program_id(), **IDENTIFIED_CASE, "age_band": "ancient"})
    assert response.status_code == 422
    assert "Choose one of" in response.text
    assert IDENTIFIED_CASE["question"] in response.text
    assert browser.get("/cases").text.count("/cases/") <= 1  # nothing was saved


def test_the_expert_queue_and_case_page_show_only_the_deidentified_case(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]
):
    for role, page in ((Role.EXPERT, "/queue"), (Role.COORDINATOR, "/triage"),
                       (Role.ADMIN, "/triage")):
        browser = login_as(role)
        listing = browser.get(page)
        assert listing.status_code == 200
        assert f"/cases/{submitted_case['id']}" in listing.text
        assert_no_identifiers(listing.text)
        detail = browser.get(f"/cases/{submitted_case['id']}")
        assert detail.status_code == 200
        assert_no_identifiers(detail.text)


def test_an_expert_records_a_pre_review_from_the_case_page(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]
):
    browser = login_as(Role.EXPERT)
    page = browser.get(f"/cases/{submitted_case['id']}").text
    assert "Record pre-review and mark reviewed" in page
    assert "Mark presented" not in page
    moved = browser.post(f"/cases/{submitted_case['id']}/actions/record_pre_review",
                         data={"version": _version(page), "notes": "Ask about smoking."})
    assert moved.status_code == 302
    page = browser.get(f"/cases/{submitted_case['id']}").text
    assert "Ask about smoking." in page
    assert "Expert A" in page


def test_a_stale_form_is_refused_with_a_clear_message(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]
):
    browser = login_as(Role.EXPERT)
    stale = str(submitted_case["version"] - 1)
    response = browser.post(f"/cases/{submitted_case['id']}/actions/record_pre_review",
                            data={"version": stale, "notes": "Late."})
    assert response.status_code == 409
    assert "reload" in response.text


def test_queues_are_only_for_their_roles(login_as: Callable[..., FlaskClient], hubs: Hubs):
    clinician = login_as(Role.CLINICIAN)
    assert clinician.get("/queue").status_code == 403
    assert clinician.get("/triage").status_code == 403
    assert login_as(Role.EXPERT).get("/triage").status_code == 403


def test_forms_without_a_csrf_token_are_refused(tmp_path: Any, settings: Settings, hubs: Hubs):
    from dataclasses import replace

    from echo_cases import create_app

    strict = create_app(replace(settings, csrf=True))
    browser = strict.test_client()
    assert browser.post("/login", data={"email": hubs.user(Role.EXPERT).email,
                                        "password": PASSWORD}).status_code == 400
    token = csrf_token_in(browser.get("/login").text)
    signed_in = browser.post("/login", data={"email": hubs.user(Role.EXPERT).email,
                                             "password": PASSWORD, "csrf_token": token})
    assert signed_in.status_code == 302


def test_sign_out_ends_the_session(login_as: Callable[..., FlaskClient], app: Flask):
    browser = login_as(Role.EXPERT)
    assert browser.post("/logout").status_code == 302
    assert browser.get("/queue").status_code == 302


def test_a_clinician_keeps_a_false_alarm_and_redacts_a_missed_phrase_on_the_preview_page(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    browser = login_as(Role.CLINICIAN)
    fields = {**IDENTIFIED_CASE, "narrative": "Driven in by the Bluebell outreach van."}
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(), **fields})
    case_id = _case_id(saved.location)
    preview = browser.get(f"/cases/{case_id}/preview").text
    mrn = re.search(r'<td>80417733</td>.*?name="restore" value="(history:\d+:\d+)"', preview,
                    re.DOTALL)
    assert mrn, "the MRN should be proposed for redaction"

    without_reason = browser.post(f"/cases/{case_id}/submit", data={
        "version": _version(preview), "decisions_revision": _decisions_revision(preview),
        "restore": mrn.group(1)})
    assert without_reason.status_code == 422
    assert "say why" in without_reason.text

    updated = browser.post(f"/cases/{case_id}/preview", data={
        "version": _version(preview),
        "decisions_revision": _decisions_revision(without_reason.text),
        "redact_also": "Bluebell", "redact_type": "LOCATION"})
    assert updated.status_code == 200
    experts_read = updated.text.split("<h3>Experts read</h3>")[-1].split("</div>")[0]
    assert "Bluebell" not in experts_read

    submitted = browser.post(f"/cases/{case_id}/submit", data={
        "version": _version(preview), "decisions_revision": _decisions_revision(updated.text),
        "redact_also": "Bluebell", "redact_type": "LOCATION"})
    assert submitted.status_code == 302
    detail = browser.get(f"/cases/{case_id}").text
    hub_reads = detail.split("What the hub reads")[1].split("</dl>")[0]
    assert "Bluebell" not in hub_reads
    # The author's record of decisions names the field, the words and who decided.
    record = detail.split('id="redaction-record"')[1].split("</table>")[0]
    record = re.sub(r"<td [^>]*>", "<td>", record)  # each cell's column name for phones
    assert re.search(r"<td>Narrative</td><td>Bluebell</td><td>\[[A-Z]+ \d+\]</td>"
                     r"<td>place</td><td>you</td><td>redacted</td>", record), record


def test_the_panel_writes_and_signs_off_recommendations_and_the_clinician_opens_the_letter(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any], app: Flask,
    hubs: Hubs, api_as: Callable[..., Any],
):
    from tests.support import schedule_session, walk_to

    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    expert = login_as(Role.EXPERT)
    page = expert.get(f"/cases/{case['id']}").text
    assert 'name="recommendation-0"' in page
    saved = expert.post(f"/cases/{case['id']}/recommendations", data={
        "summary": "Agreed to treat.", "recommendation-0": "Offer LEEP.",
        "rationale-0": "High-grade cytology.", "recommendations_version": "",
        "next": "sign_off"})
    assert saved.status_code == 302
    letter_to_sign = expert.get(saved.location).text
    assert "Offer LEEP." in letter_to_sign
    signed = expert.post(f"/cases/{case['id']}/actions/sign_off", data={
        "version": _version(letter_to_sign),
        "recommendations_version": _field(letter_to_sign, "recommendations_version")})
    assert signed.status_code == 302

    clinician = login_as(Role.CLINICIAN)
    detail = clinician.get(f"/cases/{case['id']}").text
    assert "The panel's recommendations" in detail
    # The recommendations come first, the acknowledgement right after them.
    assert detail.index("Offer LEEP.") < detail.index("I have read the recommendations")
    letter = clinician.get(f"/cases/{case['id']}/letter.pdf")
    assert letter.status_code == 200
    assert letter.data.startswith(b"%PDF")
    acknowledged = clinician.post(f"/cases/{case['id']}/letter/acknowledge",
                                  data={"version": _version(detail)})
    assert acknowledged.status_code == 302
    assert "acknowledged" in clinician.get(f"/cases/{case['id']}").text


def test_a_signed_out_request_elsewhere_does_not_break_the_sign_in_form(
    settings: Any, hubs: Hubs
):
    """A second tab, or the browser fetching an icon, must not expire the form's token."""
    from dataclasses import replace

    from echo_cases import create_app

    browser = create_app(replace(settings, csrf=True)).test_client()
    token = csrf_token_in(browser.get("/login").text)
    assert browser.get("/queue").status_code == 302  # another tab, still signed out
    signed_in = browser.post("/login", data={"email": hubs.user(Role.EXPERT).email,
                                             "password": PASSWORD, "csrf_token": token})
    assert signed_in.status_code == 302
