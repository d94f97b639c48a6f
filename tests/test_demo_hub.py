"""`flask seed-demo` (what `make run` does) makes a hub where every part of the learning
loop can be seen by signing in with the demo accounts: a program's own form in two
versions with a case on each, a session held with members and spokes, its certificates and
evaluations, and outcomes told and awaited. Seeding again changes nothing."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func
from sqlmodel import SQLModel, col, select

from echo_cases.db import unit_of_work
from echo_cases.deid import get_deidentifier
from echo_cases.services.demo import DEMO_PASSWORD
from models import Case, Certificate, EchoSession, Hub, Program, SessionParticipant

CERVICAL = "Cervical Cancer Prevention ECHO"


@pytest.fixture
def demo(app: Flask) -> Flask:
    get_deidentifier()
    seeded = app.test_cli_runner().invoke(args=["seed-demo"])
    assert seeded.exit_code == 0, seeded.output
    return app


def _signed_in(app: Flask, role: str) -> FlaskClient:
    browser = app.test_client()
    signed_in = browser.post("/login", data={"email": f"{role}@demo.echo",
                                             "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302, signed_in.text
    return browser


def _rows_by_table(app: Flask) -> dict[str, int]:
    with unit_of_work(app) as db:
        return {name: db.exec(select(func.count()).select_from(table)).one()
                for name, table in SQLModel.metadata.tables.items()}


def _ids(app: Flask) -> dict[str, int]:
    """The demo's hub, cervical program and the session held nine weeks ago."""
    with unit_of_work(app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "demo")).one()
        program = db.exec(select(Program).where(Program.name == CERVICAL)).one()
        held = db.exec(select(EchoSession).where(EchoSession.program_id == program.id)
                       .order_by(col(EchoSession.starts_at))).first()
        assert held is not None
        return {"hub": hub.id or 0, "program": program.id or 0, "session": held.id or 0}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_seeding_the_demo_again_changes_nothing(demo: Flask):
    before = _rows_by_table(demo)
    again = demo.test_cli_runner().invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert _rows_by_table(demo) == before
    assert before["program_form"] == 2
    assert before["certificate"] > 0
    assert before["evaluation_response"] > 0
    assert before["outcome"] == 2


def test_the_admin_sees_a_program_form_in_two_versions_each_with_a_case(demo: Flask):
    ids = _ids(demo)
    page = _signed_in(demo, "admin").get(
        f"/hubs/{ids['hub']}/programs/{ids['program']}/form")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Version 2." in text
    assert "Pack-years Number" in text  # version 2's field, folded to label and kind
    assert "Narrative" not in text  # dropped in version 2
    versions = re.findall(r'<td data-label="Version">([^<]+)</td>.*?'
                          r'<td data-label="Cases on it">(\d+)</td>', page.text, re.S)
    assert dict(versions) == {"2": "1", "1": "1", "Default form": "3"}


def test_the_clinician_finds_a_case_on_each_version_and_an_outcome_asked_of_her(demo: Flask):
    clinician = _signed_in(demo, "clinician")
    with unit_of_work(demo) as db:
        on = {case.form_version: case.id for case in db.exec(
            select(Case).where(Case.program_id == _ids(demo)["program"]))
            if case.form_version}
    draft = _text(clinician.get(f"/cases/{on[2]}").text)
    assert "6 pack-years" in draft
    assert "Colposcopy available locally yes" in draft
    home = _text(clinician.get("/cases").text)
    assert "Outcome requested" in home
    assert "Certificate" in _text(clinician.get("/account/certificates").text)

    expert_reads = _text(_signed_in(demo, "expert").get(f"/cases/{on[1]}").text)
    assert "HPV genotype 18" in expert_reads
    assert "Teodora" not in expert_reads
    assert "Vasquez" not in expert_reads


def test_the_coordinator_sees_spokes_certificates_evaluations_and_outcomes(demo: Flask):
    ids = _ids(demo)
    coordinator = _signed_in(demo, "coordinator")
    participants = _text(coordinator.get(f"/sessions/{ids['session']}/participants").text)
    assert "Amara Okafor" in participants
    assert "Kisumu County Referral Hospital" in participants
    with unit_of_work(demo) as db:
        certified = set(db.exec(select(Certificate.name)
                                .where(Certificate.session_id == ids["session"])))
        spokes = db.exec(select(func.count()).select_from(SessionParticipant)
                         .where(SessionParticipant.session_id == ids["session"])).one()
    assert spokes == 3
    assert {"Amara Okafor", "Ben Mwangi"} <= certified
    assert "Carla Ruiz" not in certified  # 20 minutes of 60: below the 80% rule

    results = _text(coordinator.get(f"/sessions/{ids['session']}/evaluation").text)
    assert "4 of 7 answered" in results
    assert "More cases from rural clinics, please." in results  # anonymous, and 4 >= 3

    dashboard = coordinator.get(f"/hubs/{ids['hub']}/dashboard").text
    assert re.search(r'id="awaiting-count">1<', dashboard)
    assert "HPV 18 with a normal Pap" in _text(dashboard)  # the outcome awaited
    told = re.search(r"<strong>(\d+)</strong> outcomes? told", dashboard)
    assert told
    assert told.group(0) == "<strong>1</strong> outcome told"  # one, in the singular


def test_a_demo_certificate_is_answered_by_the_public_verification_page(demo: Flask):
    with unit_of_work(demo) as db:
        certificate = db.exec(select(Certificate)
                              .where(Certificate.name == "Amara Okafor")).one()
        code, verify_url = certificate.code, certificate.verify_url
    assert verify_url.startswith("http://127.0.0.1:5000/certificates/verify/")
    page = demo.test_client().get(verify_url.removeprefix("http://127.0.0.1:5000"))
    assert page.status_code == 200, code
    assert "Amara Okafor" in page.text
