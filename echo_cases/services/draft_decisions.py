"""The clinician's keep/redact decisions, saved with the draft as they are made.

A decision names identified words (a kept span, an added phrase), so it is sealed
in the original's own row: only the author reads it, a purge deletes it with the
original, and key rotation re-seals it. A kept span is saved with its words; after
an edit moves them, the keep no longer applies (the words are redacted again) and
is shown as needing a look until the clinician decides again. An added phrase
and a kind given to a value apply by their words, so they survive any edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, update

from echo_cases.deid import KINDS, EntityType
from echo_cases.errors import Conflict, Forbidden, Invalid, WrongState
from echo_cases.services.cases import original_fields, vault_of
from echo_cases.services.redaction import AddedRedaction, Decisions, SpanRef
from models import Case, CaseOriginal, MissingRow
from workflows import CaseState


@dataclass(frozen=True, slots=True)
class Keep:
    """A proposed redaction the clinician kept as not an identifier, with its words."""

    span: SpanRef
    words: str
    reason: str = ""


@dataclass(frozen=True)
class SavedDecisions:
    keep: tuple[Keep, ...] = ()
    redact: tuple[AddedRedaction, ...] = ()
    # Bumped on every save: a form made from an older revision cannot overwrite a newer one.
    revision: int = 0
    # Keeps whose words moved since they were made: not applied, asked for again.
    needs_a_look: tuple[Keep, ...] = field(default=())
    # The kind the clinician gave a value ("kasese" -> "CITY"), by its words.
    kinds: Mapping[str, str] = field(default_factory=dict)

    def as_decisions(self) -> Decisions:
        """What the redaction applies: only the keeps still on their words."""
        return Decisions(restore={k.span: k.reason for k in self.keep}, redact=self.redact,
                         kinds=self.kinds)


def load(db: Session, author_id: int | None, case: Case) -> SavedDecisions:
    """The author's saved decisions, each keep checked against the draft's words now."""
    _author_only(case, author_id)
    stored = _stored(db, case)
    text = original_fields(db, case)
    fresh, moved = [], []
    for keep in stored.keep:
        ref = keep.span
        on_its_words = str(text.get(ref.field, ""))[ref.start:ref.end] == keep.words
        (fresh if on_its_words else moved).append(keep)
    return SavedDecisions(tuple(fresh), stored.redact, stored.revision,
                          (*stored.needs_a_look, *moved), stored.kinds)


def kinds_of(db: Session, case: Case) -> dict[str, str]:
    """The kinds the author gave values, for a re-run of the de-identifier over the case
    (they outlive submission with the original, and go with it)."""
    row = db.get(CaseOriginal, case.id)
    return dict(_stored(db, case).kinds) if row is not None else {}


def with_saved_redactions(
    db: Session, author_id: int | None, case: Case, decisions: Decisions
) -> Decisions:
    """``decisions`` plus every phrase saved with the draft: a submission from elsewhere
    (the API, another client) never redacts less than the author already chose to."""
    saved = _stored(db, case) if case.author_id == author_id else SavedDecisions()
    extra = tuple(r for r in saved.redact if r not in decisions.redact)
    return Decisions(decisions.restore, (*decisions.redact, *extra), decisions.previous,
                     {**saved.kinds, **decisions.kinds})


def save(db: Session, author_id: int | None, case: Case, decisions: Decisions, *,
         revision: int, looked_at: Sequence[Keep] = (),
         keep_kinds: bool = False) -> SavedDecisions:
    """Replace the saved decisions with the ones on the clinician's form.

    ``revision`` is the one the form was made from: an older form (another tab, another
    device) is refused rather than silently undoing a redaction made since. Keeps that
    need a look stay until the clinician keeps the same words again or has looked at them.
    ``keep_kinds`` adds ``decisions.kinds`` to the kinds saved before, for a client that
    does not send kinds (the API), instead of replacing them.
    """
    _author_only(case, author_id)
    if case.state is not CaseState.DRAFT:
        raise WrongState("Only a draft's decisions can change.")
    current = load(db, author_id, case)
    if revision != current.revision:
        raise Conflict("Your decisions were changed in another window: "
                       "here they are as saved. Check them again.")
    text = original_fields(db, case)
    keep = tuple(Keep(ref, str(text.get(ref.field, ""))[ref.start:ref.end], reason)
                 for ref, reason in decisions.restore.items())
    decided_again = {(k.span.field, k.words) for k in keep}
    still_open = tuple(k for k in current.needs_a_look
                       if (k.span.field, k.words) not in decided_again and k not in looked_at)
    unknown = sorted({kind for kind in decisions.kinds.values() if kind not in KINDS})
    if unknown:
        raise Invalid(f"Choose a kind of identifier from the list (not {', '.join(unknown)}).")
    kinds = {**current.kinds, **decisions.kinds} if keep_kinds else dict(decisions.kinds)
    saved = SavedDecisions(keep, tuple(decisions.redact), current.revision + 1, still_open,
                           kinds)
    row = _row(db, case)
    # Compare-and-set on the token read: of two saves from the same revision at the same
    # moment, the second changes nothing and is refused, instead of overwriting the first.
    read = col(CaseOriginal.decisions)
    written = db.exec(
        update(CaseOriginal)
        .where(col(CaseOriginal.case_id) == case.id,
               read == row.decisions if row.decisions else read.is_(None))
        .values(decisions=vault_of(db).seal(_to_json(saved))))
    db.expire(row, ["decisions"])
    if written.rowcount != 1:
        raise Conflict("Your decisions were changed in another window at the same moment: "
                       "here they are as saved. Check them again.")
    return saved


def _author_only(case: Case, author_id: int | None) -> None:
    if case.author_id != author_id:
        raise Forbidden("Only the case's author reads or makes its redaction decisions.")


def _row(db: Session, case: Case) -> CaseOriginal:
    row = db.get(CaseOriginal, case.id)
    if row is None:
        raise MissingRow(f"case {case.id} has no original (purged?)")
    return row


def _stored(db: Session, case: Case) -> SavedDecisions:
    row = _row(db, case)
    return _from_json(vault_of(db).open(row.decisions)) if row.decisions else SavedDecisions()


def _keep_json(k: Keep) -> dict[str, Any]:
    return {"field": k.span.field, "start": k.span.start, "end": k.span.end,
            "words": k.words, "reason": k.reason}


def _keep_of(raw: Mapping[str, Any]) -> Keep:
    return Keep(SpanRef(str(raw["field"]), int(raw["start"]), int(raw["end"])),
                str(raw["words"]), str(raw.get("reason", "")))


def _to_json(saved: SavedDecisions) -> dict[str, Any]:
    return {
        "revision": saved.revision,
        "keep": [_keep_json(k) for k in saved.keep],
        "needs_a_look": [_keep_json(k) for k in saved.needs_a_look],
        "redact": [{"text": a.text, "type": a.entity_type.value} for a in saved.redact],
        "kinds": dict(saved.kinds),
    }


def _from_json(raw: Mapping[str, Any]) -> SavedDecisions:
    return SavedDecisions(
        keep=tuple(_keep_of(k) for k in raw.get("keep", [])),
        redact=tuple(AddedRedaction(str(a["text"]), EntityType(a["type"]))
                     for a in raw.get("redact", [])),
        revision=int(raw.get("revision", 0)),
        needs_a_look=tuple(_keep_of(k) for k in raw.get("needs_a_look", [])),
        kinds={str(words): str(kind) for words, kind in raw.get("kinds", {}).items()},
    )
