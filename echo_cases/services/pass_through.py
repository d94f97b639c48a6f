"""Text fields passed on as written are still checked for identifiers.

A form editor may mark a short or long text field as holding no identifier (an ICD-10
code, a stage), so that experts read it exactly as typed. That is a promise about what
the field should hold, not about what a clinician types into it: "R87.613 Rosalind
Achterberg MRN 4471203" in a code field would reach the panel untouched. So the
de-identifier reads these fields too. What it is sure of (``HIGH_CONFIDENCE``) stops the
submission; a guess is shown as a warning. Messages name the kind and the place of a
finding, never its words: they travel in error bodies and may be logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from echo_cases.case_form import TEXT_KINDS, CaseForm, FormField, Handling
from echo_cases.deid import HIGH_CONFIDENCE, EntityType, Finding

# How a message names what a finding seems to be.
_WHAT = {
    EntityType.PERSON: "a name",
    EntityType.LOCATION: "a place or address",
    EntityType.DATE: "a date",
    EntityType.AGE: "an age",
    EntityType.ID: "an identifying number (an MRN, an ID)",
    EntityType.CONTACT: "contact details (a phone number, an e-mail address)",
    EntityType.OTHER: "an identifier",
}


def as_written_fields(form: CaseForm) -> list[FormField]:
    """The text fields experts read as typed (choices, numbers, dates are constrained)."""
    return [f for f in form.fields if f.handling is Handling.KEEP and f.kind in TEXT_KINDS]


def refused(finding: Finding) -> bool:
    """A finding the de-identifier is sure of: a field holding it is not passed on."""
    return finding.score >= HIGH_CONFIDENCE


def refusals(found: Mapping[str, Sequence[Finding]]) -> dict[str, str]:
    """Why each field passed on as written cannot be submitted, by field name."""
    return {name: ("This field is passed on as written, so it must hold no identifier: it "
                   f"seems to hold {_described(sure)}. Take it out of this field (a free-text "
                   "field is de-identified), then submit.")
            for name, findings in found.items()
            if (sure := [f for f in findings if refused(f)])}


def warnings(found: Mapping[str, Sequence[Finding]]) -> dict[str, str]:
    """What the de-identifier guesses at in fields passed on as written, by field name."""
    return {name: ("This field is passed on as written. The de-identifier guesses it may "
                   f"hold {_described(guesses)}: check that it holds no identifier.")
            for name, findings in found.items()
            if (guesses := [f for f in findings if not refused(f)])}


def _described(findings: Sequence[Finding]) -> str:
    """ "a name (characters 9-27) and an identifying number (characters 32-38)"."""
    by_kind: dict[EntityType, list[str]] = {}
    for f in sorted(findings, key=lambda f: f.start):
        by_kind.setdefault(f.entity_type, []).append(f"{f.start + 1}\u2013{f.end}")
    parts = [f"{_WHAT.get(kind, 'an identifier')} (characters {', '.join(spans)})"
             for kind, spans in by_kind.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
