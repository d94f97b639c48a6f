"""A coordinator asks for an export ZIP, it is built in the background, they download it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import archives
from echo_cases.tasks import enqueue
from models import ArchiveKind, AuditEvent, ExportArchive, utcnow
from tests.support import Api, Hubs, assert_no_identifiers, csrf_token_in, schedule_session
from workflows import Role


def _ask(browser: FlaskClient, hub_id: int, **form: Any) -> str:
    """Ask from the dashboard, as the button does; return the export page it leads to."""
    dashboard = browser.get(f"/hubs/{hub_id}/dashboard")
    assert dashboard.status_code == 200
    asked = browser.post(f"/hubs/{hub_id}/archives",
                         data={"csrf_token": csrf_token_in(dashboard.text), **form})
    assert asked.status_code == 303, asked.text
    return asked.location


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_coordinator_gets_every_case_of_the_hub_as_one_zip(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs, app: Flask
):
    browser = login_as(Role.COORDINATOR)
    page = browser.get(_ask(browser, hubs.hubs["a"].id))
    assert page.status_code == 200
    assert "Ready" in page.text  # built at once: no worker is configured in tests

    archive_id = int(page.request.path.rsplit("/", 1)[-1])
    download = browser.get(f"/archives/{archive_id}/download")
    assert download.status_code == 200
    assert download.mimetype == "application/zip"
    assert download.headers["Cache-Control"] == "private, no-store"
    files = _zip(download.data)
    assert sorted(files) == ["README.txt", "cases.csv", "cases.json"]
    rows = list(csv.DictReader(io.StringIO(files["cases.csv"].decode())))
    assert [int(r["case_id"]) for r in rows] == [finished_case["id"]]
    assert rows[0]["state"] == "recommendations_sent"
    assert [c["case_id"] for c in json.loads(files["cases.json"])["cases"]] == \
        [finished_case["id"]]
    for content in files.values():
        assert_no_identifiers(content.decode())
    with unit_of_work(app) as db:
        kinds = [e.kind for e in db.exec(select(AuditEvent).where(
            AuditEvent.subject.like(f"%archive:{archive_id}%")))]  # type: ignore[attr-defined]
    assert kinds == ["export_requested", "export"]


def test_a_sessions_letters_can_be_prepared_as_a_zip_of_pdfs(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs
):
    browser = login_as(Role.COORDINATOR)
    page = browser.get(_ask(browser, hubs.hubs["a"].id, kind="session_letters",
                            session_id=finished_case["session_id"]))
    assert "Ready" in page.text
    archive_id = int(page.request.path.rsplit("/", 1)[-1])
    files = _zip(browser.get(f"/archives/{archive_id}/download").data)
    assert list(files) == [f"case-{finished_case['id']}-recommendations.pdf"]
    text = PdfReader(io.BytesIO(next(iter(files.values())))).pages[0].extract_text()
    assert "Proceed to LEEP" in " ".join(text.split())


def test_an_export_belongs_to_its_hubs_organisers(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs
):
    location = _ask(login_as(Role.COORDINATOR), hubs.hubs["a"].id)
    assert login_as(Role.ADMIN).get(location).status_code == 200  # the hub's admin too
    assert login_as(Role.COORDINATOR, "b").get(location).status_code == 404
    assert login_as(Role.COORDINATOR, "b").get(location + "/download").status_code == 404
    for role in (Role.CLINICIAN, Role.EXPERT):
        assert login_as(role).get(location + "/download").status_code == 403


def test_asking_for_another_hubs_export_or_a_session_it_does_not_have_is_refused(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs, app: Flask
):
    browser = login_as(Role.COORDINATOR)
    token = csrf_token_in(browser.get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text)
    for form in ({}, {"kind": "everything"}):
        other_hub = browser.post(f"/hubs/{hubs.hubs['b'].id}/archives",
                                 data={"csrf_token": token, **form})
        assert other_hub.status_code == 404
    other_session = schedule_session(app, hubs, hub="b")
    for session_id in (str(other_session), "not-a-number", "99999999999"):
        refused = browser.post(f"/hubs/{hubs.hubs['a'].id}/archives", data={
            "csrf_token": token, "kind": "session_letters", "session_id": session_id})
        assert refused.status_code == 422, session_id
    unknown = browser.post(f"/hubs/{hubs.hubs['a'].id}/archives",
                           data={"csrf_token": token, "kind": "everything"})
    assert unknown.status_code == 422
    with unit_of_work(app) as db:
        assert db.exec(select(ExportArchive)).all() == []


def test_an_export_that_cannot_be_built_says_so_and_cannot_be_downloaded(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask
):
    with unit_of_work(app) as db:
        # A session's letters with no session: the request's checks forbid it, so write
        # the row directly, as a broken row would be.
        archive = ExportArchive(hub_id=hubs.hubs["a"].id, kind=ArchiveKind.SESSION_LETTERS,
                                requested_by_id=hubs.user(Role.COORDINATOR).id,
                                expires_at=utcnow() + archives.KEPT_FOR)
        db.add(archive)
        db.flush()
        archive_id = archive.id
    with pytest.raises(Exception, match="session"):
        enqueue("build_export_archive", app=app, archive_id=archive_id)
    browser = login_as(Role.COORDINATOR)
    page = browser.get(f"/archives/{archive_id}")
    assert "could not be prepared (NotFound)" in page.text
    assert browser.get(f"/archives/{archive_id}/download").status_code == 422


def test_an_export_is_deleted_after_a_week(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs, app: Flask
):
    location = _ask(login_as(Role.COORDINATOR), hubs.hubs["a"].id)
    with unit_of_work(app) as db:
        for archive in db.exec(select(ExportArchive)):
            archive.expires_at = utcnow() - timedelta(seconds=1)
            db.add(archive)
    assert login_as(Role.COORDINATOR).get(location).status_code == 404
    purged = app.test_cli_runner().invoke(args=["purge-exports"])
    assert "Deleted 1 expired export(s)" in purged.output
    with unit_of_work(app) as db:
        assert db.exec(select(ExportArchive)).all() == []


def test_through_the_api_an_export_is_asked_for_polled_and_downloaded(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs
):
    coordinator = api_as(Role.COORDINATOR)
    asked = coordinator.post(f"/hubs/{hubs.hubs['a'].id}/archives",
                             {"kind": "session_letters", "session_id": finished_case["session_id"]})
    assert asked.status_code == 202, asked.json
    polled = coordinator.client.get(asked.headers["Location"], headers=coordinator.headers).json
    assert polled["status"] == "ready"
    download = coordinator.client.get(polled["download_url"], headers=coordinator.headers)
    assert download.status_code == 200
    assert list(_zip(download.data)) == [f"case-{finished_case['id']}-recommendations.pdf"]
    refused = coordinator.post(f"/hubs/{hubs.hubs['a'].id}/archives", {"kind": "hub_cases",
                                                                       "password": "x"})
    assert refused.status_code == 422
