"""After the de-identifier improves, an admin runs it again over submitted cases.

It takes away what the old analyser missed, never gives back what it redacted, and keeps
every decision the clinician made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services.cases import original_fields, redactions_of
from models import AuditEvent, Case, CaseOriginal, Redaction
from tests.support import IDENTIFIED_CASE, Api, Hubs, draft_with_decisions
from workflows import Role

MRN = "80417733"


def _rerun(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=["redeidentify", *args])


def _as_if_an_older_analyser_had_missed(app: Flask, case_id: int, text: str) -> None:
    """Put ``text`` back into what experts read, and drop its redaction rows."""
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        original = original_fields(db, case)
        fields = dict(case.deidentified or {})
        for row in redactions_of(db, case):
            if original[row.field][row.start:row.end] == text:
                fields[row.field] = fields[row.field].replace(row.surrogate, text, 1)
                db.delete(row)
        case.deidentified = fields


def _as_if_an_older_analyser_had_also_redacted(app: Flask, case_id: int, text: str) -> None:
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        history = original_fields(db, case)["history"]
        start = history.index(text)
        fields = dict(case.deidentified or {})
        fields["history"] = fields["history"].replace(text, "[ID 9]", 1)
        case.deidentified = fields
        db.add(Redaction(case_id=case_id, field="history", start=start, end=start + len(text),
                         entity_type="ID", score=0.6, surrogate="[ID 9]", source="analyzer",
                         decided_by_id=case.author_id))


def _expert_reads(api_as: Callable[..., Api], case_id: int) -> dict[str, Any]:
    seen = api_as(Role.EXPERT).get(f"/cases/{case_id}")
    assert seen.status_code == 200
    return seen.json


def _reruns_recorded(app: Flask) -> list[AuditEvent]:
    with unit_of_work(app) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.kind == "case_redeidentified")))


def test_an_identifier_the_old_analyser_missed_is_taken_away_from_experts(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case_id = submitted_case["id"]
    _as_if_an_older_analyser_had_missed(app, case_id, MRN)
    before = _expert_reads(api_as, case_id)
    assert MRN in before["deidentified_fields"]["history"]

    result = _rerun(app, "--hub", "hub-a", "--as", hubs.user(Role.ADMIN).email)

    assert result.exit_code == 0, result.output
    assert "1 case(s)" in result.output
    after = _expert_reads(api_as, case_id)
    assert all(MRN not in value for value in after["deidentified_fields"].values())
    assert after["version"] == before["version"] + 1  # an open page sees "changed meanwhile"
    [event] = _reruns_recorded(app)
    assert event.actor_id == hubs.user(Role.ADMIN).id
    assert event.subject == f"case:{case_id}"
    assert event.detail["added"] >= 1
    assert MRN not in str(event.detail)


def test_running_it_again_changes_nothing(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case_id = submitted_case["id"]
    _as_if_an_older_analyser_had_missed(app, case_id, MRN)
    _rerun(app, "--as", hubs.user(Role.ADMIN).email)
    once = _expert_reads(api_as, case_id)
    _rerun(app, "--as", hubs.user(Role.ADMIN).email)
    twice = _expert_reads(api_as, case_id)
    assert twice["version"] == once["version"]
    assert twice["deidentified_fields"] == once["deidentified_fields"]
    assert len(_reruns_recorded(app)) == 1


def test_what_was_redacted_at_submission_stays_redacted(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case_id = submitted_case["id"]
    _as_if_an_older_analyser_had_also_redacted(app, case_id, "HPV 16")
    _as_if_an_older_analyser_had_missed(app, case_id, MRN)  # so that the re-run has work
    _rerun(app, "--as", hubs.user(Role.ADMIN).email)
    history = _expert_reads(api_as, case_id)["deidentified_fields"]["history"]
    assert "HPV 16" not in history
    assert MRN not in history


def test_the_clinicians_restores_and_own_redactions_stand(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api]
):
    clinician = api_as(Role.CLINICIAN)
    case, body = draft_with_decisions(clinician, hubs.program_id())
    submitted = clinician.post(f"/cases/{case['id']}/submit",
                               {**body, "version": case["version"]}).json
    _as_if_an_older_analyser_had_missed(app, submitted["id"], MRN)

    _rerun(app, "--as", hubs.user(Role.ADMIN).email)

    narrative = _expert_reads(api_as, submitted["id"])["deidentified_fields"]["narrative"]
    assert "03/02/2026" in narrative
    assert "Bluebell" not in narrative
    with unit_of_work(app) as db:
        rows = db.exec(select(Redaction).where(Redaction.case_id == submitted["id"],
                                               Redaction.field == "narrative")).all()
    decided = {(r.source, r.restored, r.reason, r.decided_by_id) for r in rows}
    clinician_id = hubs.user(Role.CLINICIAN).id
    assert ("clinician", False, "", clinician_id) in decided
    assert any(restored and reason.startswith("Clinic date") and who == clinician_id
               for _source, restored, reason, who in decided)


def test_drafts_and_cases_whose_original_was_purged_are_left_alone(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    clinician = api_as(Role.CLINICIAN)
    clinician.post("/cases", {"program_id": hubs.program_id(), "fields": IDENTIFIED_CASE})
    with unit_of_work(app) as db:
        original = db.get(CaseOriginal, submitted_case["id"])
        assert original is not None
        db.delete(original)
    result = _rerun(app, "--as", hubs.user(Role.ADMIN).email)
    assert result.exit_code == 0, result.output
    assert "0 case(s)" in result.output


def test_only_an_admin_of_the_hub_can_start_it(app: Flask, hubs: Hubs):
    for who, hub in ((hubs.user(Role.COORDINATOR).email, "hub-a"),
                     (hubs.user(Role.ADMIN, "b").email, "hub-a"),
                     ("nobody@example.org", "hub-a")):
        refused = _rerun(app, "--hub", hub, "--as", who)
        assert refused.exit_code != 0
        assert "is not an admin of hub-a" in refused.output
    assert "No hub called" in _rerun(app, "--hub", "hub-z", "--as",
                                     hubs.user(Role.ADMIN).email).output


def test_a_kind_the_clinician_chose_stands_after_a_rerun(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], login_as: Callable[..., Any]
):
    from tests.test_draft_decisions import _as_posted

    browser = login_as(Role.CLINICIAN)
    narrative = "Her sister Mary Achterberg brings her; call Mary on (505) 555-0199."
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE, "narrative": narrative})
    case_id = int(saved.location.rsplit("/", 1)[-1])
    page = browser.get(f"/cases/{case_id}/preview").text
    key = next(k for k in re.findall(r'name="kind:(narrative:\d+:\d+)"', page)
               if k.split(":")[1] == str(narrative.index("Mary")))
    changed = browser.post(f"/cases/{case_id}/preview",
                           data=_as_posted(page, **{f"kind:{key}": "OTHER"}))
    assert browser.post(f"/cases/{case_id}/submit",
                        data=_as_posted(changed.text)).status_code == 302
    before = _expert_reads(api_as, case_id)
    assert "Her sister [OTHER 1] brings her; call [OTHER 1] on" in (
        before["deidentified_fields"]["narrative"])

    assert _rerun(app, "--as", hubs.user(Role.ADMIN).email).exit_code == 0
    after = _expert_reads(api_as, case_id)
    assert after["deidentified_fields"] == before["deidentified_fields"]
    assert after["version"] == before["version"]


def _as_if_numbered_by_an_older_analyser(app: Flask, case_id: int, old: str, new: str) -> None:
    """Write placeholder ``old`` as ``new`` wherever the case has it, as an older numbering
    would have (recommendations quote it so)."""
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        case.deidentified = {k: v.replace(old, new) if isinstance(v, str) else v
                             for k, v in (case.deidentified or {}).items()}
        for row in redactions_of(db, case):
            if row.surrogate == old:
                row.surrogate = new
                db.add(row)
        db.add(case)


def test_a_rerun_keeps_the_numbers_the_panel_already_quotes(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case_id = submitted_case["id"]
    first = _expert_reads(api_as, case_id)["deidentified_fields"]
    assert "[PERSON 1]" in first["history"]
    _as_if_numbered_by_an_older_analyser(app, case_id, "[PERSON 1]", "[PERSON 2]")
    _as_if_an_older_analyser_had_missed(app, case_id, MRN)  # so that the re-run has work

    assert _rerun(app, "--as", hubs.user(Role.ADMIN).email).exit_code == 0

    after = _expert_reads(api_as, case_id)["deidentified_fields"]
    assert MRN not in after["history"]
    for name in ("title", "question", "history"):
        assert after[name] == first[name].replace("[PERSON 1]", "[PERSON 2]"), name
    assert "[PERSON 1]" not in str(after)
