"""The redaction decisions of a submitted case, as rows: who decided what, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, delete

from echo_cases.services.redaction import RedactionPlan
from models import Case, Redaction, id_of


def record_redactions(db: Session, case: Case, plan: RedactionPlan, *, decided_by_id: int,
                      at: datetime, earlier: Sequence[Redaction] = ()) -> None:
    """Replace the case's redaction rows with the plan's decisions.

    A span decided ``earlier`` keeps who decided it and when; only new spans are
    credited to ``decided_by_id``.
    """
    before = {(r.field, r.start, r.end, r.restored): r for r in earlier}
    db.exec(delete(Redaction).where(col(Redaction.case_id) == case.id))
    rows = [(r.field, r.start, r.end, str(r.entity_type), r.score, r.surrogate, r.source,
             False, "") for r in plan.replacements]
    rows += [(k.field, k.finding.start, k.finding.end, str(k.finding.entity_type),
              k.finding.score, "", k.finding.source, True, k.reason) for k in plan.restored]
    for name, start, end, kind, score, surrogate, source, restored, reason in rows:
        known = before.get((name, start, end, restored))
        db.add(Redaction(
            case_id=id_of(case), field=name, start=start, end=end, entity_type=kind,
            score=score, surrogate=surrogate, source=known.source if known else source,
            restored=restored, reason=reason,
            decided_by_id=known.decided_by_id if known else decided_by_id,
            decided_at=known.decided_at if known else at,
        ))
