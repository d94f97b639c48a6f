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


def actions_for(case: Case, actor: Actor) -> list[Action]:
    """Actions to offer as buttons: state and role allow them; submission has its own page."""
    return [a for a in ENGINE.allowed(case, actor) if a.name != "submit"]
