"""Append to and verify the keyed, hash-chained audit trail.

Each event's hash is an HMAC-SHA256, under a key from ``ECHO_AUDIT_KEYS`` that is never
stored in the database, of its content and the previous event's hash: changing,
removing or inserting any row breaks every hash after it, and nobody without the key
can recompute them. Removing the newest rows and "fixing" the head is caught by a
checkpoint (``audit checkpoint``) kept outside the database. A workflow transition's
event carries a digest of the ``case_transition`` row users read as the case's history,
so a forged comment or actor there no longer matches its event. History written before
the chain was keyed is sealed once by ``audit seal-history``: ``history_sealed`` events
carry the digests of those rows, so ``verify`` checks every row from then on.

Keys rotate by putting a new one first in ``ECHO_AUDIT_KEYS``: every row names the key
that signed it (``key_id``, a fingerprint), and once a newer key has signed a row, no
later row may be signed by an older one. Rows written before the chain was keyed have
an empty key id and a plain SHA-256 hash; they are accepted only before the first keyed
row, which is always a ``chain_keyed`` event recording how much history and how many
unkeyed events came before. With keys configured, a trail that has events but no keyed
one fails verification: that is what rechaining a keyed trail without the key leaves.

The single ``AuditHead`` row is updated in the same transaction as each append: on
PostgreSQL its row lock (``FOR UPDATE``) makes writers queue, and SQLite allows one
writer at a time, so two events can never claim the same predecessor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import event as orm_event
from sqlalchemy import func
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from models import AuditEvent, AuditHead, CaseTransition, as_utc, id_of, utcnow

log = logging.getLogger(__name__)
GENESIS = "0" * 64
KEYS_INFO = "audit_keys"  # the session info entry holding ECHO_AUDIT_KEYS, newest first
KEYED = "chain_keyed"
SEALED = "history_sealed"
SEAL_BATCH = 500  # history rows per sealing event: a few tens of KB of detail each
_WROTE = "echo_cases.audit.transaction_wrote"
_PENDING = "echo_cases.audit.pending_apart"


class MissingAuditKey(RuntimeError):
    """The session carries no audit key: the chain cannot be written or checked."""


@orm_event.listens_for(Session, "after_flush")
def _note_write(session: Session, _context: object) -> None:
    session.info[_WROTE] = True


@orm_event.listens_for(Session, "after_transaction_end")
def _forget_write(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)
        for kind, fields in session.info.pop(_PENDING, []):
            try:
                _write_apart(session, kind, fields)
            except Exception:  # a lost audit event must not turn into the user's error
                log.exception("could not record the %s event", kind)


def key_id(key: str) -> str:
    """A fingerprint naming a key in the rows it signs, without revealing it."""
    return hmac.new(key.encode(), b"echo-cases audit key id", hashlib.sha256).hexdigest()[:16]


def _keys_of(db: Session) -> tuple[str, ...]:
    keys = tuple(db.info.get(KEYS_INFO) or ())
    if not keys:
        raise MissingAuditKey("this session carries no audit key (ECHO_AUDIT_KEYS)")
    return keys


def record(db: Session, kind: str, *, actor_id: int | None = None, hub_id: int | None = None,
           subject: str = "", **detail: Any) -> AuditEvent:
    """Append an event inside the caller's transaction (it commits or rolls back with it)."""
    key = _keys_of(db)[0]
    head = _keyed_head(db, key)
    return _append(db, head, key, kind, actor_id, hub_id, subject, detail)


def _keyed_head(db: Session, key: str) -> AuditHead:
    """The chain's head, locked; keyed first if it is not yet."""
    head = db.exec(select(AuditHead).where(AuditHead.id == 1).with_for_update()).first()
    if head is None:
        head = AuditHead(id=1, last_hash=GENESIS, last_id=0)
    newest = db.get(AuditEvent, head.last_id) if head.last_id else None
    if newest is None or not newest.key_id:
        # The first keyed row: it marks where the unkeyed rows and history end.
        before = db.exec(select(func.max(CaseTransition.id))).one()
        # How many unkeyed events came before, so verify can tell a trail downgraded later
        # (keyed rows rewritten as unkeyed ones) from the one that was keyed.
        unkeyed = db.exec(select(func.count()).select_from(AuditEvent)).one()
        _append(db, head, key, KEYED, None, None, "",
                {"transitions_before": before or 0, "events_before": unkeyed})
    return head


def seal_history(db: Session, actor_id: int | None = None) -> int:
    """Put the history rows written before the chain was keyed under the key, once.

    Only rows up to the switch that no event covers yet are sealed: a row added later
    outside the app stays uncovered, and ``verify`` keeps naming it. What a sealed row
    held before sealing is taken on trust; from then on any change to it is caught."""
    key = _keys_of(db)[0]
    _keyed_head(db, key)
    switch = db.exec(select(AuditEvent).where(AuditEvent.kind == KEYED)
                     .order_by(col(AuditEvent.id)).limit(1)).one()
    up_to = int(switch.detail.get("transitions_before", 0))
    covered = _covered_history(db)
    sealed, last_id = 0, 0
    while rows := list(db.exec(
            select(CaseTransition).where(col(CaseTransition.id) > last_id,
                                         col(CaseTransition.id) <= up_to)
            .order_by(col(CaseTransition.id)).limit(SEAL_BATCH))):
        digests = {str(row.id): history_digest(row) for row in rows if row.id not in covered}
        if digests:
            record(db, SEALED, actor_id=actor_id, subject="case_transition", history=digests)
            sealed += len(digests)
        last_id = id_of(rows[-1])
    return sealed


def _covered_history(db: Session) -> set[int]:
    """The history rows some event already records (by a transition, or a seal)."""
    covered: set[int] = set()
    for event in _events(db, 1000):
        if event.kind == "transition" and "transition_id" in event.detail:
            covered.add(int(event.detail["transition_id"]))
        elif event.kind == SEALED:
            covered.update(int(i) for i in event.detail.get("history", {}))
    return covered


def _append(db: Session, head: AuditHead, key: str, kind: str, actor_id: int | None,
            hub_id: int | None, subject: str, detail: dict[str, Any]) -> AuditEvent:
    event = AuditEvent(at=utcnow(), kind=kind, actor_id=actor_id, hub_id=hub_id,
                       subject=subject, detail=detail, key_id=key_id(key),
                       prev_hash=head.last_hash, hash="")
    event.hash = _digest(event, key)
    db.add(event)
    db.flush()
    head.last_hash, head.last_id = event.hash, id_of(event)
    db.add(head)
    db.flush()
    return event


def history_digest(row: CaseTransition) -> str:
    """What a user reads of one history row (who, what, when, the comment), hashed."""
    content = json.dumps({
        "id": row.id, "case": row.case_id, "actor": row.actor_id, "action": row.action,
        "from": str(row.from_state), "to": str(row.to_state), "comment": row.comment,
        "at": as_utc(row.at).isoformat(),
    }, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(content.encode()).hexdigest()


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
    _write_apart(db, kind, fields)


def _write_apart(db: Session, kind: str, fields: dict[str, Any]) -> None:
    info = {KEYS_INFO: db.info.get(KEYS_INFO)}
    with Session(db.get_bind(), expire_on_commit=False, info=info) as apart:
        record(apart, kind, **fields)
        apart.commit()


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head at one moment, written down outside the database."""

    event_id: int
    hash: str
    at: datetime

    PREFIX: ClassVar[str] = "audit-checkpoint"

    def line(self) -> str:
        return f"{self.PREFIX} event={self.event_id} hash={self.hash} at={self.at.isoformat()}"

    @classmethod
    def parse(cls, line: str) -> Checkpoint:
        words = line.split()
        fields = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        try:
            if words[0] != cls.PREFIX or set(fields) != {"event", "hash", "at"}:
                raise ValueError
            return cls(int(fields["event"]), fields["hash"],
                       as_utc(datetime.fromisoformat(fields["at"])))
        except (IndexError, ValueError):
            raise ValueError(f"not an audit checkpoint line: {line.strip()[:100]!r}") from None


def read_checkpoints(lines: Iterable[str]) -> list[Checkpoint]:
    """Every checkpoint in a file; blank lines and ``#`` comments are skipped."""
    return [Checkpoint.parse(line) for line in lines
            if line.strip() and not line.lstrip().startswith("#")]


def checkpoint(db: Session) -> Checkpoint | None:
    """The newest event as a checkpoint; None while the trail is empty."""
    head = db.get(AuditHead, 1)
    newest = db.get(AuditEvent, head.last_id) if head is not None and head.last_id else None
    if newest is None:
        return None
    return Checkpoint(id_of(newest), newest.hash, as_utc(newest.at))


@dataclass(frozen=True)
class ChainCheck:
    events: int
    broken_at: str | None  # "event 12" or "case_transition 7": the first row that fails
    reason: str = ""
    unkeyed_events: int = 0
    unsealed_history: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_at is None


class _Broken(Exception):
    def __init__(self, row: str, reason: str) -> None:
        super().__init__(row, reason)
        self.row, self.reason = row, reason


@dataclass
class _Walk:
    """What walking the events learnt for the checks that follow."""

    events: int = 0
    last_id: int = 0
    last_hash: str = GENESIS
    unkeyed: int = 0
    transitions_before: int | None = None  # None: the chain was never keyed
    # transition id -> (id of the event recording it, digest of what users read)
    history: dict[int, tuple[int, str]] = field(default_factory=dict)


def verify_chain(db: Session, batch: int = 1000,
                 checkpoints: Iterable[Checkpoint] = ()) -> ChainCheck:
    """Walk the whole trail, then the history it covers; name the first row that fails."""
    walk = _Walk()
    try:
        _walk_events(db, batch, walk, {c.event_id: c for c in checkpoints})
        unsealed = _check_history(db, batch, walk)
    except _Broken as broken:
        return ChainCheck(walk.events, broken.row, broken.reason, walk.unkeyed)
    return ChainCheck(walk.events, None, unkeyed_events=walk.unkeyed, unsealed_history=unsealed)


def _events(db: Session, batch: int) -> Iterator[AuditEvent]:
    last_id = 0
    while events := list(db.exec(select(AuditEvent).where(col(AuditEvent.id) > last_id)
                                 .order_by(col(AuditEvent.id)).limit(batch))):
        yield from events
        last_id = id_of(events[-1])


def _walk_events(db: Session, batch: int, walk: _Walk, wanted: dict[int, Checkpoint]) -> None:
    keys = _keys_of(db)
    key_by_id = {key_id(key): key for key in keys}
    rank_of = {key_id(key): rank for rank, key in enumerate(keys)}
    rank = len(keys)  # unkeyed rows rank below every key
    for event in _events(db, batch):
        walk.events += 1
        row = f"event {event.id}"
        if event.prev_hash != walk.last_hash:
            raise _Broken(row, "its link to the previous event is broken "
                               "(a row before it was changed or removed)")
        key: str | None = None
        if not event.key_id:
            if walk.transitions_before is not None:
                raise _Broken(row, "it is unkeyed, yet the chain was keyed before it")
            walk.unkeyed += 1
        elif event.key_id not in key_by_id:
            raise _Broken(row, "it is signed by a key not in ECHO_AUDIT_KEYS")
        else:
            if rank_of[event.key_id] > rank:
                raise _Broken(row, "it is signed by a retired key after a newer one took over")
            key, rank = key_by_id[event.key_id], rank_of[event.key_id]
        if not hmac.compare_digest(_digest(event, key), event.hash):
            raise _Broken(row, "its content does not match its hash")
        if key is not None and walk.transitions_before is None:
            if event.kind != KEYED:
                raise _Broken(row, "the first keyed event does not record the switch")
            walk.transitions_before = int(event.detail.get("transitions_before", 0))
            recorded = event.detail.get("events_before")
            if recorded is not None and walk.unkeyed != int(recorded):
                raise _Broken(row, f"{walk.unkeyed} unkeyed events come before it, but it "
                                   f"recorded {recorded} when the chain was keyed (unkeyed "
                                   "rows were added or passed off as written before the key)")
        if event.kind == "transition" and "transition_id" in event.detail:
            walk.history[int(event.detail["transition_id"])] = (
                id_of(event), str(event.detail.get("history", "")))
        elif event.kind == SEALED and key is not None:
            walk.history.update({int(i): (id_of(event), str(digest))
                                 for i, digest in event.detail.get("history", {}).items()})
        seen = wanted.pop(id_of(event), None)
        if seen is not None and not hmac.compare_digest(seen.hash, event.hash):
            raise _Broken(row, f"it differs from the checkpoint taken at {seen.at.isoformat()} "
                               "(the trail was rewritten from here on)")
        walk.last_hash, walk.last_id = event.hash, id_of(event)
    if walk.events and walk.transitions_before is None:
        # With a key configured, a trail of events none of which is keyed is what a forger
        # without the key leaves (every row rechained as plain SHA-256, the switch renamed):
        # it is refused, not reported as history from before the key.
        raise _Broken(f"event {walk.last_id}", (
            f"none of its {walk.events} events is keyed and no `{KEYED}` event records "
            "the switch to the key: a keyed trail rewritten without the key looks like this. "
            "Only if this database truly holds a trail written before the chain was keyed "
            "(upgraded, and nothing written since), and it matches your checkpoints, run "
            "`flask --app wsgi audit seal-history` once to key it"))
    if wanted:
        missing = min(wanted)
        raise _Broken(f"event {missing}", "a checkpoint names it, but it is gone "
                                          "(the newest events were removed)")
    head = db.get(AuditHead, 1)
    if head is not None and (head.last_hash != walk.last_hash or head.last_id != walk.last_id):
        raise _Broken(f"event {walk.last_id}", "the newest events were removed "
                                               "(the chain ends early)")


def _check_history(db: Session, batch: int, walk: _Walk) -> int:
    """Every history row after the switch must match the event that recorded it."""
    history = walk.history
    sealed_from = walk.transitions_before
    unsealed, last_id = 0, 0
    while rows := list(db.exec(select(CaseTransition).where(col(CaseTransition.id) > last_id)
                               .order_by(col(CaseTransition.id)).limit(batch))):
        for row in rows:
            covered = history.pop(id_of(row), None)
            if covered is None:
                if sealed_from is not None and id_of(row) > sealed_from:
                    raise _Broken(f"case_transition {row.id}",
                                  "no audit event records it (it was added outside the app)")
                unsealed += 1
            elif not hmac.compare_digest(covered[1], history_digest(row)):
                raise _Broken(f"case_transition {row.id}",
                              f"it differs from what event {covered[0]} recorded "
                              "(its comment, actor or action was changed)")
        last_id = id_of(rows[-1])
    if history:
        transition_id, (event_id, _) = min(history.items(), key=lambda kv: kv[1][0])
        raise _Broken(f"case_transition {transition_id}",
                      f"event {event_id} records it, but it is gone")
    return unsealed


def _digest(event: AuditEvent, key: str | None) -> str:
    fields: dict[str, Any] = {
        "prev": event.prev_hash, "at": as_utc(event.at).isoformat(), "kind": event.kind,
        "actor": event.actor_id, "hub": event.hub_id, "subject": event.subject,
        "detail": event.detail,
    }
    if key is None:  # the form written before the chain was keyed
        content = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(content.encode()).hexdigest()
    fields["key"] = event.key_id
    content = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(key.encode(), content.encode(), hashlib.sha256).hexdigest()
