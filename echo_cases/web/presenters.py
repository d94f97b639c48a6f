"""Shape cases for templates: highlighted redactions, actions the viewer may take."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from echo_cases.deid import Finding, Replacement
from echo_cases.services.workflow import ENGINE
from models import Case
from workflows import Action, Actor


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = "plain"  # plain | redacted | restored
    label: str = ""


def deidentified_segments(original: str, replacements: Sequence[Replacement]) -> list[Segment]:
    """The de-identified text, with each surrogate marked where it replaced something."""
    segments: list[Segment] = []
    cursor = 0
    for r in sorted(replacements, key=lambda r: r.start):
        if r.start > cursor:
            segments.append(Segment(original[cursor:r.start]))
        segments.append(Segment(r.surrogate, "redacted", f"{r.entity_type} ({r.score:.2f})"))
        cursor = max(cursor, r.end)
    if cursor < len(original):
        segments.append(Segment(original[cursor:]))
    return segments


def original_segments(original: str, findings: Iterable[Finding],
                      restored: set[tuple[int, int]]) -> list[Segment]:
    """The author's own text, with every proposed redaction highlighted."""
    segments: list[Segment] = []
    cursor = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start > cursor:
            segments.append(Segment(original[cursor:f.start]))
        kind = "restored" if (f.start, f.end) in restored else "redacted"
        segments.append(Segment(original[f.start:f.end], kind, f"{f.entity_type} ({f.score:.2f})"))
        cursor = max(cursor, f.end)
    if cursor < len(original):
        segments.append(Segment(original[cursor:]))
    return segments


@dataclass(frozen=True)
class Offer:
    """An action offered on the case page, and how its button looks."""

    action: Action
    style: str  # "primary" | "secondary" | "danger"

    @property
    def name(self) -> str:
        return self.action.name

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def needs_comment(self) -> bool:
        return self.action.needs_comment


# Recorded once per submission: afterwards the notes are on the page. (Where the workflow
# moves the case on when it is recorded, it is not offered twice anyway.)
ONCE_PER_SUBMISSION = frozenset({"record_pre_review"})


def actions_for(case: Case, actor: Actor, *, pre_reviewed: bool = False,
                hidden: frozenset[str] | set[str] = frozenset()) -> list[Offer]:
    """Actions to offer as buttons, the expected next step first and in the primary style.

    Read from the workflow table: moves forward first, then steps that leave the case where
    it is, and last the moves that need a reason the clinician reads (returning the case,
    withdrawing it), which are never the primary button. Submission has its own page.
    """
    allowed = [a for a in ENGINE.allowed(case, actor)
               if a.name != "submit" and a.name not in hidden
               and not (pre_reviewed and a.name in ONCE_PER_SUBMISSION)]
    ordered = sorted(allowed, key=_rank)
    offers = []
    for index, action in enumerate(ordered):
        if action.needs_comment:
            style = "danger" if action.target in ENGINE.workflow.terminal else "secondary"
        else:
            style = "primary" if index == 0 else "secondary"
        offers.append(Offer(action, style))
    return offers


def _rank(action: Action) -> int:
    if action.needs_comment:
        return 2
    return 1 if action.target is None else 0
