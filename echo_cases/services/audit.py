"""Append to and verify the hash-chained audit trail.

Each event's hash covers its content and the previous event's hash, so changing,
removing or inserting any row breaks every hash after it. The single ``AuditHead``
row is updated in the same transaction as each append: on PostgreSQL its row lock
(``FOR UPDATE``) makes writers queue, and SQLite allows one writer at a time, so two
events can never claim the same predecessor.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from models import AuditEvent, AuditHead, as_utc, id_of, utcnow

log = logging.getLogger(__name__)
GENESIS = "0" * 64
_WROTE = "echo_cases.audit.transaction_wrote"
_PENDING = "echo_cases.audit.pending_apart"


@orm_event.listens_for(Session, "after_flush")
def _note_write(session: Session, _context: object) -> None:
    session.info[_WROTE] = True


@orm_event.listens_for(Session, "after_transaction_end")
def _forget_write(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)
        for kind, fields in session.info.pop(_PENDING, []):
            try:
                _write_apart(session.get_bind(), kind, fields)
            except Exception:  # a lost audit event must not turn into the user's error
                log.exception("could not record the %s event", kind)


def record(db: Session, kind: str, *, actor_id: int | None = None, hub_id: int | None = None,
           subject: str = "", **detail: Any) -> AuditEvent:
    """Append an event inside the caller's transaction (it commits or rolls back with it)."""
    head = db.exec(select(AuditHead).where(AuditHead.id == 1).with_for_update()).first()
    if head is None:
        head = AuditHead(id=1, last_hash=GENESIS, last_id=0)
    event = AuditEvent(at=utcnow(), kind=kind, actor_id=actor_id, hub_id=hub_id,
                       subject=subject, detail=detail, prev_hash=head.last_hash, hash="")
    event.hash = _digest(event)
    db.add(event)
    db.flush()
    head.last_hash, head.last_id = event.hash, id_of(event)
    db.add(head)
    db.flush()
    return event


def record_apart(db: Session, kind: str, **fields: Any) -> None:
    """Append an event that must survive the request failing (a refused login, a 404).

    It is written in its own short transaction. If the caller's transaction has written
    already, it holds the write lock (and, on PostgreSQL, perhaps the chain head's row
    lock) that a second transaction would wait for; so then the event waits instead,
    and is written as soon as the caller's transaction ends, committed or not.
    """
    if db.info.get(_WROTE):
        db.info.setdefault(_PENDING, []).append((kind, fields))
        return
    _write_apart(db.get_bind(), kind, fields)


def _write_apart(bind: Any, kind: str, fields: dict[str, Any]) -> None:
    with Session(bind, expire_on_commit=False) as apart:
        record(apart, kind, **fields)
        apart.commit()


@dataclass(frozen=True)
class ChainCheck:
    events: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify_chain(db: Session, batch: int = 1000) -> ChainCheck:
    """Walk the whole trail; name the first event whose hash or link does not hold."""
    expected_prev, count, last_id = GENESIS, 0, 0
    while True:
        events = list(db.exec(select(AuditEvent).where(col(AuditEvent.id) > last_id)
                              .order_by(col(AuditEvent.id)).limit(batch)))
        if not events:
            break
        for event in events:
            count += 1
            if event.prev_hash != expected_prev:
                return ChainCheck(count, event.id, "its link to the previous event is broken "
                                                   "(a row before it was changed or removed)")
            if _digest(event) != event.hash:
                return ChainCheck(count, event.id, "its content does not match its hash")
            expected_prev, last_id = event.hash, id_of(event)
    head = db.get(AuditHead, 1)
    if head is not None and (head.last_hash != expected_prev or head.last_id != last_id):
        return ChainCheck(count, last_id or None,
                          "the newest events were removed (the chain ends early)")
    return ChainCheck(count, None)


def _digest(event: AuditEvent) -> str:
    content = json.dumps({
        "prev": event.prev_hash, "at": as_utc(event.at).isoformat(), "kind": event.kind,
        "actor": event.actor_id, "hub": event.hub_id, "subject": event.subject,
        "detail": event.detail,
    }, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(content.encode()).hexdigest()
