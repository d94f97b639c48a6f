"""The audit trail: keyed, anchored outside the database by checkpoints, covering the
history users read. Each attack is what someone with SQL access but not the key can do."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import text
from sqlmodel import Session, col, select

from echo_cases import create_app
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services import audit
from echo_cases.settings import Settings
from models import AuditEvent, AuditHead, as_utc, utcnow
from tests.support import Api, act
from workflows import Role

OLD_KEY = "the-audit-key-before-rotation-" + "o" * 32
NEW_KEY = "the-audit-key-after-rotation-" + "n" * 32


def _verify(app: Flask, *options: str) -> Result:
    return app.test_cli_runner().invoke(args=["audit", "verify", *options])


def _checkpoint_to(app: Flask, file: Path) -> str:
    result = app.test_cli_runner().invoke(args=["audit", "checkpoint"])
    assert result.exit_code == 0, result.output
    with file.open("a") as kept_elsewhere:
        kept_elsewhere.write(result.output)
    return result.output


def _newest_event_id(app: Flask) -> int:
    with engine_of(app).connect() as connection:
        return int(connection.execute(text("SELECT MAX(id) FROM audit_event")).scalar_one())


def _sha256_form(row: AuditEvent) -> str:
    """The hash as the chain computed it before it was keyed: anyone can compute it."""
    content: dict[str, Any] = {
        "prev": row.prev_hash, "at": as_utc(row.at).isoformat(), "kind": row.kind,
        "actor": row.actor_id, "hub": row.hub_id, "subject": row.subject, "detail": row.detail,
    }
    if row.key_id:
        content["key"] = row.key_id
    return hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":"),
                                     default=str).encode()).hexdigest()


def _rechain_without_the_key(app: Flask, from_id: int, *, unkeyed: bool = False) -> None:
    """Recompute every hash from ``from_id`` on and fix the head, as SQL access allows."""
    with Session(engine_of(app)) as db:
        rows = list(db.exec(select(AuditEvent).where(col(AuditEvent.id) >= from_id)
                            .order_by(col(AuditEvent.id))))
        before = db.exec(select(AuditEvent.hash).where(col(AuditEvent.id) < from_id)
                         .order_by(col(AuditEvent.id).desc()).limit(1)).first()
        prev = before or audit.GENESIS
        for row in rows:
            row.prev_hash = prev
            if unkeyed:
                row.key_id = ""
            row.hash = prev = _sha256_form(row)
            db.add(row)
        head = db.get(AuditHead, 1)
        assert head is not None
        head.last_hash, head.last_id = prev, rows[-1].id or 0
        db.add(head)
        db.commit()


def _delete_newest_and_fix_the_head(app: Flask, keep_up_to: int) -> None:
    with engine_of(app).begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE id > :keep"), {"keep": keep_up_to})
        connection.execute(text(
            "UPDATE audit_head SET last_id = :keep, "
            "last_hash = (SELECT hash FROM audit_event WHERE id = :keep) WHERE id = 1"),
            {"keep": keep_up_to})


def _newest_transition_id(app: Flask) -> int:
    with engine_of(app).connect() as connection:
        return int(connection.execute(text("SELECT MAX(id) FROM case_transition")).scalar_one())


@pytest.fixture
def returned_case(api_as: Callable[..., Api], submitted_case: dict[str, Any]) -> dict[str, Any]:
    """A submitted case the coordinator sent back with a comment: history users read."""
    returned = act(api_as(Role.COORDINATOR), submitted_case, "return_to_clinician",
                   comment="Please add the echo findings.")
    assert returned.status_code == 200, returned.json
    return returned.json


# --- an honest trail ----------------------------------------------------------------------


def test_transitions_reads_and_exports_are_on_an_intact_audit_trail(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any],
    returned_case: dict[str, Any], hubs: Any
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json")
    with unit_of_work(app) as db:
        kinds = {e.kind for e in db.exec(select(AuditEvent))}
    assert {"chain_keyed", "transition", "original_read", "export"} <= kinds
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    assert "before the chain was keyed" not in result.output


def test_every_row_names_its_key_by_a_fingerprint_never_the_key(
    app: Flask, settings: Settings, submitted_case: dict[str, Any]
):
    (key,) = settings.audit_keys
    with unit_of_work(app) as db:
        key_ids = {e.key_id for e in db.exec(select(AuditEvent))}
    assert key_ids == {audit.key_id(key)}
    assert key not in audit.key_id(key)


def test_a_checkpointed_chain_verifies_against_its_checkpoints(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], tmp_path: Path
):
    checkpoints = tmp_path / "audit-checkpoints"
    _checkpoint_to(app, checkpoints)
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    _checkpoint_to(app, checkpoints)
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    result = _verify(app, "--checkpoint", str(checkpoints))
    assert result.exit_code == 0, result.output
    assert "2 checkpoints hold" in result.output


def test_a_checkpoint_line_names_the_head_and_round_trips(
    app: Flask, submitted_case: dict[str, Any], tmp_path: Path
):
    line = _checkpoint_to(app, tmp_path / "checkpoints").strip()
    assert "\n" not in line
    parsed = audit.Checkpoint.parse(line)
    with unit_of_work(app) as db:
        head = db.get(AuditHead, 1)
        assert head is not None
        newest = db.get(AuditEvent, head.last_id)
        assert newest is not None
    assert (parsed.event_id, parsed.hash, parsed.at) == (newest.id, newest.hash, as_utc(newest.at))
    assert audit.Checkpoint.parse(parsed.line()) == parsed
    assert parsed.line() == line


@pytest.mark.parametrize("line", ["", "audit-checkpoint event=x hash=ab at=2026-11-29T10:00:00",
                                  "audit-checkpoint event=3 hash=ab",
                                  "checkpoint event=3 hash=ab at=2026-11-29T10:00:00"])
def test_a_malformed_checkpoint_line_is_refused(line: str):
    with pytest.raises(ValueError, match="not an audit checkpoint line"):
        audit.Checkpoint.parse(line)


def test_verify_refuses_a_checkpoint_file_it_cannot_read(
    app: Flask, submitted_case: dict[str, Any], tmp_path: Path
):
    checkpoints = tmp_path / "checkpoints"
    checkpoints.write_text("# taken by cron\nsomething else\n")
    result = _verify(app, "--checkpoint", str(checkpoints))
    assert result.exit_code != 0
    assert "not an audit checkpoint line" in result.output


def test_checkpointing_an_empty_trail_says_so(app: Flask):
    result = app.test_cli_runner().invoke(args=["audit", "checkpoint"])
    assert result.exit_code != 0
    assert "empty" in result.output


# --- rewriting the trail --------------------------------------------------------------------


def test_editing_an_audit_row_is_detected_and_named(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api]
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    with engine_of(app).begin() as connection:
        first = connection.execute(text("SELECT MIN(id) FROM audit_event")).scalar()
        connection.execute(text("UPDATE audit_event SET kind = 'nothing' WHERE id = :id"),
                           {"id": first})
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {first}" in result.output


def test_removing_the_newest_audit_rows_is_detected(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api]
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    with engine_of(app).begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE id = "
                                "(SELECT MAX(id) FROM audit_event)"))
    result = _verify(app)
    assert result.exit_code != 0
    assert "removed" in result.output


def test_editing_a_row_and_recomputing_the_later_hashes_without_the_key_is_detected(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api]
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    edited = _newest_event_id(app) - 1
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE audit_event SET subject = 'case:999' WHERE id = :id"),
                           {"id": edited})
    _rechain_without_the_key(app, edited)
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {edited}: its content does not match its hash" in result.output


def test_passing_rewritten_rows_off_as_written_before_the_key_is_detected(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api]
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    edited = _newest_event_id(app) - 1
    _rechain_without_the_key(app, edited, unkeyed=True)
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {edited}: it is unkeyed, yet the chain was keyed" in result.output


def test_removing_the_newest_rows_and_fixing_the_head_fails_against_a_checkpoint(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api], tmp_path: Path
):
    api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}")
    checkpoints = tmp_path / "checkpoints"
    _checkpoint_to(app, checkpoints)
    checkpointed = _newest_event_id(app)
    _delete_newest_and_fix_the_head(app, checkpointed - 2)
    # The database alone now looks whole: only the checkpoint knows better.
    assert _verify(app).exit_code == 0
    result = _verify(app, "--checkpoint", str(checkpoints))
    assert result.exit_code != 0
    assert f"broken at event {checkpointed}: a checkpoint names it, but it is gone" \
        in result.output


def test_replacing_the_whole_trail_with_an_unkeyed_one_fails_against_a_checkpoint(
    app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api], tmp_path: Path
):
    checkpoints = tmp_path / "checkpoints"
    _checkpoint_to(app, checkpoints)
    with engine_of(app).begin() as connection:
        first = connection.execute(text("SELECT MIN(id) FROM audit_event")).scalar_one()
        connection.execute(text("UPDATE audit_event SET subject = 'case:999' WHERE id = :id"),
                           {"id": first})
        # Without the key, the forger passes off every row as written before the chain was
        # keyed, and drops the event that recorded the switch.
        connection.execute(text("UPDATE audit_event SET kind = 'login' "
                                "WHERE kind = 'chain_keyed'"))
    _rechain_without_the_key(app, first, unkeyed=True)
    result = _verify(app, "--checkpoint", str(checkpoints))
    assert result.exit_code != 0
    assert "differs from the checkpoint" in result.output


def test_replacing_the_whole_trail_with_an_unkeyed_one_fails_even_without_a_checkpoint(
    app: Flask, returned_case: dict[str, Any]
):
    forged = _newest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET comment = 'Looks fine to me.' "
                                "WHERE id = :id"), {"id": forged})
        first = connection.execute(text("SELECT MIN(id) FROM audit_event")).scalar_one()
        # The forger renames the switch and strips what ties the history to its events,
        # then rechains every row in the form used before the chain was keyed.
        connection.execute(text("UPDATE audit_event SET kind = 'login' "
                                "WHERE kind = 'chain_keyed'"))
        connection.execute(text("UPDATE audit_event SET detail = '{}' "
                                "WHERE kind = 'transition'"))
    _rechain_without_the_key(app, first, unkeyed=True)
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {_newest_event_id(app)}" in result.output
    assert "none of its" in result.output
    assert "is keyed" in result.output


def test_the_switch_records_how_many_unkeyed_events_came_before_it(app: Flask):
    _write_unkeyed_trail(app, ["login", "logout"])
    with unit_of_work(app) as db:
        audit.record(db, "keys_rotated", originals=0)
    with Session(engine_of(app)) as db:
        switch = db.exec(select(AuditEvent).where(AuditEvent.kind == audit.KEYED)).one()
        assert switch.detail["events_before"] == 2
    assert _verify(app).exit_code == 0


def test_more_unkeyed_events_than_the_switch_recorded_fail_verification(
    app: Flask, settings: Settings
):
    # Even with the key in hand (the only way past the switch's hash), the count it
    # recorded holds the unkeyed part of the trail to its size when it was keyed.
    _write_unkeyed_trail(app, ["login", "logout"])
    with unit_of_work(app) as db:
        audit.record(db, "keys_rotated", originals=0)
    key = settings.audit_keys[0]
    with Session(engine_of(app)) as db:
        switch = db.exec(select(AuditEvent).where(AuditEvent.kind == audit.KEYED)).one()
        switch.detail = {**switch.detail, "events_before": 1}
        rows = list(db.exec(select(AuditEvent).where(col(AuditEvent.id) >= (switch.id or 0))
                            .order_by(col(AuditEvent.id))))
        prev = switch.prev_hash
        for row in rows:
            row.prev_hash = prev
            row.hash = prev = audit._digest(row, key)
            db.add(row)
        head = db.get(AuditHead, 1)
        assert head is not None
        head.last_hash, head.last_id = prev, rows[-1].id or 0
        db.add(head)
        db.commit()
        switch_id = switch.id
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {switch_id}: 2 unkeyed events come before it, but it " \
           "recorded 1" in result.output


# --- the history users read ---------------------------------------------------------------


def test_forging_a_comment_in_the_case_history_is_detected_and_named(
    app: Flask, returned_case: dict[str, Any]
):
    forged = _newest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET comment = 'Looks fine to me.' "
                                "WHERE id = :id"), {"id": forged})
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at case_transition {forged}: it differs from what event" in result.output


def test_forging_who_acted_in_the_case_history_is_detected(
    app: Flask, returned_case: dict[str, Any], hubs: Any
):
    forged = _newest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET actor_id = :someone WHERE id = :id"),
                           {"someone": hubs.user(Role.EXPERT).id, "id": forged})
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at case_transition {forged}" in result.output


def test_a_history_row_added_outside_the_app_is_detected(
    app: Flask, returned_case: dict[str, Any], hubs: Any
):
    with engine_of(app).begin() as connection:
        connection.execute(text(
            "INSERT INTO case_transition (case_id, actor_id, action, from_state, to_state, "
            "comment, at) SELECT case_id, :someone, 'approve', to_state, to_state, 'Approved.', "
            "at FROM case_transition WHERE id = (SELECT MAX(id) FROM case_transition)"),
            {"someone": hubs.user(Role.COORDINATOR).id})
    added = _newest_transition_id(app)
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at case_transition {added}: no audit event records it" in result.output


def test_a_history_row_removed_is_detected(app: Flask, returned_case: dict[str, Any]):
    removed = _newest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("DELETE FROM case_transition WHERE id = :id"), {"id": removed})
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at case_transition {removed}" in result.output
    assert "but it is gone" in result.output


# --- rows written before the key, and rotation --------------------------------------------


def _write_unkeyed_trail(app: Flask, kinds: list[str]) -> None:
    """Rows exactly as the chain wrote them before it was keyed (plain SHA-256)."""
    with Session(engine_of(app)) as db:
        # A fresh copy of the schema may come without the head row; the app writes it then.
        head = db.get(AuditHead, 1) or AuditHead(id=1, last_hash=audit.GENESIS, last_id=0)
        assert head.last_id == 0
        for kind in kinds:
            row = AuditEvent(at=utcnow(), kind=kind, subject="session:1", detail={"n": 1},
                             prev_hash=head.last_hash, hash="")
            row.hash = _sha256_form(row)
            db.add(row)
            db.flush()
            head.last_hash, head.last_id = row.hash, row.id or 0
            db.add(head)
        db.commit()


def test_rows_written_before_the_key_still_verify_and_are_reported(app: Flask):
    _write_unkeyed_trail(app, ["login", "logout"])
    with unit_of_work(app) as db:  # the app carries on, keyed from here
        audit.record(db, "keys_rotated", originals=0)
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert "Written before the chain was keyed" in result.output
    assert "events: 2, history rows: 0." in result.output


def _as_written_before_the_key(app: Flask) -> None:
    """Turn today's trail into what a database upgraded from the unkeyed chain holds."""
    with Session(engine_of(app)) as db:
        for row in db.exec(select(AuditEvent)):
            if row.kind == audit.KEYED:
                db.delete(row)
            else:
                row.detail = {name: value for name, value in row.detail.items()
                              if name not in ("transition_id", "history")}
                db.add(row)
        db.commit()
    _rechain_without_the_key(app, 1, unkeyed=True)


def test_a_trail_and_history_from_before_the_key_verify_after_the_upgrade(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    _as_written_before_the_key(app)
    upgraded = _verify(app)
    assert upgraded.exit_code != 0, "no keyed event yet: indistinguishable from a downgrade"
    assert "before the chain was keyed" in upgraded.output
    assert "audit seal-history" in upgraded.output
    returned = act(api_as(Role.COORDINATOR), submitted_case, "return_to_clinician",
                   comment="Please add the echo findings.")
    assert returned.status_code == 200, returned.json
    result = _verify(app)
    assert result.exit_code == 0, result.output
    # Unkeyed: the submission and the events around it; keyed from the return on.
    assert "Written before the chain was keyed" in result.output
    assert "history rows: 1." in result.output
    forged = _newest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET comment = 'Fine.' WHERE id = :id"),
                           {"id": forged})
    assert f"broken at case_transition {forged}" in _verify(app).output


def _seal_history(app: Flask) -> Result:
    return app.test_cli_runner().invoke(args=["audit", "seal-history"])


def _oldest_transition_id(app: Flask) -> int:
    with engine_of(app).connect() as connection:
        return int(connection.execute(text("SELECT MIN(id) FROM case_transition")).scalar_one())


def test_history_from_before_the_key_once_sealed_is_covered_by_verify(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    _as_written_before_the_key(app)
    act(api_as(Role.COORDINATOR), submitted_case, "return_to_clinician", comment="More, please.")
    assert "history rows: 1." in _verify(app).output
    sealed = _seal_history(app)
    assert sealed.exit_code == 0, sealed.output
    assert "Sealed 1 history row(s)" in sealed.output
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert "history rows: 0." in result.output  # the unkeyed events remain, and say so
    assert "Sealed 0 history row(s)" in _seal_history(app).output  # once is enough
    old = _oldest_transition_id(app)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET comment = 'Looks fine to me.' "
                                "WHERE id = :id"), {"id": old})
    forged = _verify(app)
    assert forged.exit_code != 0
    assert f"broken at case_transition {old}: it differs from what event" in forged.output


def test_a_forged_old_comment_passes_verify_while_the_history_is_unsealed(
    app: Flask, submitted_case: dict[str, Any]
):
    # Why seal-history exists: before it runs, old rows are counted, not checked.
    _as_written_before_the_key(app)
    with unit_of_work(app) as db:
        audit.record(db, "keys_rotated", originals=0)
    with engine_of(app).begin() as connection:
        connection.execute(text("UPDATE case_transition SET comment = 'Forged.'"))
    result = _verify(app)
    assert result.exit_code == 0
    assert "run `flask --app wsgi audit seal-history`" in result.output


def test_sealing_does_not_cover_a_row_added_outside_the_app_after_the_switch(
    app: Flask, returned_case: dict[str, Any], hubs: Any
):
    with engine_of(app).begin() as connection:
        connection.execute(text(
            "INSERT INTO case_transition (case_id, actor_id, action, from_state, to_state, "
            "comment, at) SELECT case_id, actor_id, action, from_state, to_state, 'Forged.', "
            "at FROM case_transition WHERE id = (SELECT MAX(id) FROM case_transition)"))
    added = _newest_transition_id(app)
    assert "Sealed 0 history row(s)" in _seal_history(app).output
    assert f"broken at case_transition {added}: no audit event records it" in _verify(app).output


def test_an_unkeyed_row_after_the_switch_is_detected(app: Flask):
    _write_unkeyed_trail(app, ["login"])
    with unit_of_work(app) as db:
        audit.record(db, "keys_rotated", originals=0)
        audit.record(db, "keys_rotated", originals=1)
    newest = _newest_event_id(app)
    _rechain_without_the_key(app, newest, unkeyed=True)
    result = _verify(app)
    assert result.exit_code != 0
    assert f"broken at event {newest}" in result.output


def test_a_rotated_key_verifies_while_the_old_key_is_listed(settings: Settings):
    before = create_app(replace(settings, audit_keys=(OLD_KEY,)))
    with unit_of_work(before) as db:
        audit.record(db, "keys_rotated", originals=0)
    after = create_app(replace(settings, audit_keys=(NEW_KEY, OLD_KEY)))
    with unit_of_work(after) as db:
        audit.record(db, "keys_rotated", originals=1)
    assert _verify(after).exit_code == 0
    without_the_old_key = create_app(replace(settings, audit_keys=(NEW_KEY,)))
    result = _verify(without_the_old_key)
    assert result.exit_code != 0
    assert "signed by a key not in ECHO_AUDIT_KEYS" in result.output


def test_a_retired_key_cannot_sign_rows_after_the_new_one_took_over(settings: Settings):
    after = create_app(replace(settings, audit_keys=(NEW_KEY, OLD_KEY)))
    with unit_of_work(after) as db:
        audit.record(db, "keys_rotated", originals=0)
    # Whoever still holds the old key (or an operator who listed it first again) signs on.
    leaked = create_app(replace(settings, audit_keys=(OLD_KEY, NEW_KEY)))
    with unit_of_work(leaked) as db:
        audit.record(db, "keys_rotated", originals=1)
    result = _verify(after)
    assert result.exit_code != 0
    assert f"broken at event {_newest_event_id(after)}: it is signed by a retired key" \
        in result.output


def test_the_wrong_key_fails_verification(settings: Settings, app: Flask,
                                          submitted_case: dict[str, Any]):
    result = _verify(create_app(replace(settings, audit_keys=(OLD_KEY,))))
    assert result.exit_code != 0
    assert "signed by a key not in ECHO_AUDIT_KEYS" in result.output


def test_a_session_without_the_key_cannot_write_to_the_trail(app: Flask):
    with Session(engine_of(app)) as db, pytest.raises(audit.MissingAuditKey):
        audit.record(db, "login")
