"""Running the de-identifier again over cases already submitted, after it improves.

An identifier the old analyser missed is in front of experts today; the new one should
take it away without asking the clinician to submit again. The rule that makes this safe:
a re-run may add redactions, never remove one. Everything redacted at submission stays
redacted at the same place, the clinician's own redactions and reasoned restores stand,
and only spans the new analyser finds on top are new.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from echo_cases.deid import EntityType, Finding, kind_in_placeholder
from echo_cases.services import audit, draft_decisions
from echo_cases.services.cases import original_fields, plan_case_redaction, redactions_of
from echo_cases.services.redaction import CLINICIAN, AddedRedaction, Decisions, SpanRef
from echo_cases.services.redaction_store import record_redactions
from echo_cases.services.workflow_store import flush_or_conflict
from models import Case, CaseOriginal, Redaction, utcnow
from workflows import CaseState

BATCH = 200


@dataclass(frozen=True)
class Outcome:
    case_id: int
    changed: bool
    added: int = 0  # spans redacted now that were not before


def redeidentify_case(db: Session, case: Case, *, requested_by_id: int) -> Outcome:
    """Re-analyse one submitted case; store and audit the new version if it redacts more."""
    # A draft has no de-identified version yet; only then is the original opened.
    original = None if case.state is CaseState.DRAFT or not case.deidentified \
        else _original(db, case)
    if original is None:
        return Outcome(case.id or 0, changed=False)
    earlier = redactions_of(db, case)
    plan = plan_case_redaction(db, case, _decisions(earlier, original,
                                                    draft_decisions.kinds_of(db, case)),
                               rerun=True)
    if plan.fields == case.deidentified and plan.dates_relative_to == case.dates_relative_to:
        return Outcome(case.id or 0, changed=False)
    before = {(r.field, r.start, r.end) for r in earlier if not r.restored}
    added = sum((r.field, r.start, r.end) not in before for r in plan.replacements)
    case.deidentified = plan.fields
    case.dates_relative_to = plan.dates_relative_to
    # A new version: whoever has the case open sees "changed meanwhile", not stale text.
    case.version += 1
    case.updated_at = utcnow()
    db.add(case)
    record_redactions(db, case, plan, decided_by_id=requested_by_id, at=utcnow(),
                      earlier=earlier)
    audit.record(db, "case_redeidentified", actor_id=requested_by_id, hub_id=case.hub_id,
                 subject=f"case:{case.id}", added=added)
    flush_or_conflict(db, "The case changed while it was being de-identified again.")
    return Outcome(case.id or 0, changed=True, added=added)


def cases_to_redeidentify(db: Session, hub_ids: list[int]) -> list[int]:
    """Ids of the hubs' submitted cases whose originals are still held, oldest first."""
    query = (select(Case.id).join(CaseOriginal, col(CaseOriginal.case_id) == Case.id)
             .where(Case.state != CaseState.DRAFT, col(Case.hub_id).in_(hub_ids)))
    return [i for i in db.exec(query.order_by(col(Case.id))) if i is not None]


def _original(db: Session, case: Case) -> dict[str, str] | None:
    if db.get(CaseOriginal, case.id) is None:
        return None  # purged after its retention period: nothing left to analyse
    return original_fields(db, case)


def _decisions(earlier: list[Redaction], original: dict[str, str],
               kinds: dict[str, str]) -> Decisions:
    restore = {SpanRef(r.field, r.start, r.end): r.reason for r in earlier if r.restored}
    previous: dict[str, list[Finding]] = {}
    redact: list[AddedRedaction] = []
    numbered: dict[str, str] = {}
    for r in earlier:
        text = original.get(r.field, "")
        if r.restored or not 0 <= r.start < r.end <= len(text):
            continue
        # The placeholder the panel has read (and may have quoted) for these words.
        numbered.setdefault(text[r.start:r.end], r.surrogate)
        if r.source == CLINICIAN:
            redact.append(AddedRedaction(text[r.start:r.end], EntityType(r.entity_type)))
        else:
            # The kind its placeholder named, so a re-run writes the same placeholder.
            previous.setdefault(r.field, []).append(
                Finding(r.start, r.end, EntityType(r.entity_type), r.score,
                        subtype=kind_in_placeholder(r.surrogate), source=r.source))
    return Decisions(restore=restore, redact=redact, previous=previous, kinds=kinds,
                     numbered=numbered)
