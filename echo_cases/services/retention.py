"""Keep identified originals no longer than the hub needs them."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, delete, select

from echo_cases import clock
from echo_cases.services import audit
from echo_cases.vault import Vault
from models import Case, CaseOriginal, Hub, Letter


def purge_by_hub(db: Session, *, default_days: int | None) -> list[int]:
    """Purge each hub's originals after its own retention period (hub settings), or after
    ``default_days`` for hubs without one (None: those keep theirs)."""
    periods: dict[int, list[int]] = {}
    for hub_id, days in db.exec(select(Hub.id, Hub.retention_days)):
        if hub_id is not None and (days or default_days) is not None:
            periods.setdefault(int(days or default_days or 0), []).append(hub_id)
    purged: list[int] = []
    for days, hub_ids in sorted(periods.items()):
        purged += purge_originals(db, after_days=days, hub_ids=hub_ids)
    return purged


def purge_originals(db: Session, *, after_days: int,
                    hub_ids: list[int] | None = None) -> list[int]:
    """Delete the identified originals of cases whose letter went out ``after_days`` ago
    (of these hubs only, if given).

    The de-identified case, its redaction decisions, letter and audit trail stay.
    """
    # The app's clock, as the letters' moments are stamped by it.
    cutoff = clock.now(db) - timedelta(days=after_days)
    query = (select(CaseOriginal.case_id)
             .join(Letter, col(Letter.case_id) == CaseOriginal.case_id)
             .where(col(Letter.created_at) <= cutoff))
    if hub_ids is not None:
        query = query.join(Case, col(Case.id) == CaseOriginal.case_id).where(
            col(Case.hub_id).in_(hub_ids))
    case_ids = list(db.exec(query))
    if case_ids:
        db.exec(delete(CaseOriginal).where(col(CaseOriginal.case_id).in_(case_ids)))
        for case_id in case_ids:
            audit.record(db, "original_purged", subject=f"case:{case_id}",
                         after_days=after_days)
    return case_ids


def reseal_originals(db: Session, vault: Vault, batch: int = 200) -> int:
    """Re-encrypt every original and its draft decisions under the newest key, so older
    keys can be retired."""
    done, last = 0, 0
    while True:
        rows = list(db.exec(select(CaseOriginal).where(col(CaseOriginal.case_id) > last)
                            .order_by(col(CaseOriginal.case_id)).limit(batch)))
        if not rows:
            return done
        for row in rows:
            row.sealed = vault.reseal(row.sealed)
            if row.decisions:
                row.decisions = vault.reseal(row.decisions)
            db.add(row)
        db.flush()
        done, last = done + len(rows), rows[-1].case_id
