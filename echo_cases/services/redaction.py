"""Turn a case's identified fields into its de-identified version.

The analyser proposes; the clinician disposes. A clinician may restore a
false alarm (with a reason when the analyser was confident) or redact a
phrase it missed; both decisions are applied here, the same way for the
preview and for the submission, so what was previewed is what is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from echo_cases.case_form import CaseForm, Handling
from echo_cases.deid import (
    HIGH_CONFIDENCE,
    CaseDates,
    DateDisplay,
    EntityType,
    Finding,
    Replacement,
    get_deidentifier,
    merge_findings,
    redact_fields,
    settle_kinds,
)
from echo_cases.deid.dateshift import case_offset
from echo_cases.errors import Invalid
from echo_cases.services.pass_through import as_written_fields

CLINICIAN = "clinician"


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A span of one field of the original, as the clinician points at it."""

    field: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AddedRedaction:
    """A phrase the analyser missed; every occurrence in every free-text field goes."""

    text: str
    entity_type: EntityType = EntityType.PERSON


@dataclass(frozen=True)
class Decisions:
    restore: Mapping[SpanRef, str] = field(default_factory=dict)  # span -> reason
    redact: Sequence[AddedRedaction] = ()
    # Spans redacted when the case was submitted, by field: when the analyser runs again
    # over a submitted case, it may add redactions but never take one away.
    previous: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    # The kind the clinician gave a value, by its words: every occurrence takes it.
    kinds: Mapping[str, str] = field(default_factory=dict)
    # The placeholder each value of a submitted case had, by its words: a re-run keeps
    # the numbers the panel may have quoted.
    numbered: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Restored:
    finding: Finding
    field: str
    reason: str


@dataclass(frozen=True)
class RedactionPlan:
    """The de-identified fields, what was replaced, and what was deliberately kept."""

    fields: dict[str, str]
    replacements: list[Replacement]
    restored: list[Restored]
    # Every finding the analyser or the clinician proposed, before restores: for the preview.
    proposed: dict[str, list[Finding]]
    # The day the fields' dates are written relative to; None when they are shifted.
    dates_relative_to: date | None = None
    # What the analyser finds in text fields passed on as written (services.pass_through):
    # never redacted there, but a sure finding stops the submission.
    as_written: dict[str, list[Finding]] = field(default_factory=dict)


def case_key(secret: str, case_id: int) -> bytes:
    """The per-case seed for surrogates and the date shift; never leaves the server."""
    return hmac.new(secret.encode(), f"case:{case_id}".encode(), hashlib.sha256).digest()


def plan_redaction(
    form: CaseForm,
    original: Mapping[str, str],
    decisions: Decisions,
    *,
    key: bytes,
    style: str = "tags",
    locale: str = "en_US",
    dates: CaseDates | None = None,
    rerun: bool = False,
) -> RedactionPlan:
    """Analyse the free-text fields, apply the clinician's decisions, and redact.

    ``dates`` says how the case's dates are written for staff; every numeric date the
    case holds (kept ones too) settles the order they are all read in.
    ``rerun`` is a new analysis of a case already submitted: the clinician's restores
    that no longer fit are not an error there (nobody is at the form to fix them).
    """
    free_text = {f.name: original.get(f.name, "") for f in form.free_text()}
    as_written = {f.name: original.get(f.name, "") for f in as_written_fields(form)}
    # The case is analysed as a whole: what is found in one field is found in all, so a
    # name in the history is found again in a code field passed on as written.
    found = get_deidentifier().analyze_fields({**free_text, **as_written})
    proposed = {}
    for name, text in free_text.items():
        added = _occurrences(text, decisions.redact)
        merged = merge_findings(text, [*found[name], *decisions.previous.get(name, ()), *added])
        proposed[name] = _theirs(merged, added)
    # One kind per value in the whole case, so the table says what the placeholder says.
    proposed = settle_kinds(free_text, proposed, decisions.kinds)
    kept, restored = _apply_restores(proposed, decisions.restore, strict=not rerun)
    if dates is not None:
        dates = dates.settled_by(text[f.start:f.end] for name, text in free_text.items()
                                 for f in proposed[name] if f.entity_type is EntityType.DATE)
    result = redact_fields(free_text, kept, case_key=key, style=style, locale=locale,
                           dates=dates, kinds=decisions.kinds, numbered=decisions.numbered)
    fields: dict[str, str] = {}
    for f in form.fields:
        if f.handling is Handling.ANALYSE:
            fields[f.name] = result.fields.get(f.name, "")
        elif f.handling is Handling.KEEP:
            fields[f.name] = original.get(f.name, "")
        elif f.handling is Handling.DATE:
            fields[f.name] = _date_field(original.get(f.name, ""), dates, key)
        # Handling.REMOVE: the whole value is an identifier and never leaves the original.
    relative = dates is not None and dates.display is DateDisplay.RELATIVE
    return RedactionPlan(fields, list(result.replacements), restored, proposed,
                         dates.submitted if relative and dates else None,
                         as_written={name: found[name] for name in as_written})


def _date_field(value: str, dates: CaseDates | None, key: bytes) -> str:
    """A date field is an identifier-bearing value: staff read it as the case's dates in its
    text are written (relative to submission, or shifted and marked), never as typed."""
    if not value.strip():
        return ""
    written = dates.write(value, case_offset(key)) if dates is not None else None
    return written if written is not None else "[DATE]"


def _occurrences(text: str, added: Sequence[AddedRedaction]) -> list[Finding]:
    found = []
    for item in added:
        phrase = item.text.strip()
        if not phrase:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
        found += [Finding(m.start(), m.end(), item.entity_type, 1.0, source=CLINICIAN)
                  for m in pattern.finditer(text)]
    return found


def _theirs(findings: list[Finding], added: list[Finding]) -> list[Finding]:
    """A span holding a phrase the clinician redacted is theirs, however confident the
    analyser was about it: it is shown as their own and cannot be restored."""
    return [replace(f, source=CLINICIAN)
            if any(f.start <= a.start and a.end <= f.end for a in added) else f
            for f in findings]


def _apply_restores(
    proposed: Mapping[str, list[Finding]], restore: Mapping[SpanRef, str], *, strict: bool = True,
) -> tuple[dict[str, list[Finding]], list[Restored]]:
    """Drop the findings the clinician kept. ``strict`` refuses a restore that no longer
    fits; a re-run over a submitted case (not strict) leaves such a span redacted, or
    unredacted if nothing proposes it any more, rather than failing the whole case."""
    kept: dict[str, list[Finding]] = {}
    restored: list[Restored] = []
    index = {SpanRef(name, f.start, f.end): f for name, fs in proposed.items() for f in fs}
    errors: dict[str, str] = {}
    for ref, reason in restore.items():
        finding = index.get(ref)
        if finding is None:
            errors[f"restore:{ref.field}:{ref.start}-{ref.end}"] = (
                "That redaction is no longer proposed: preview the case again."
            )
        elif finding.source == CLINICIAN:
            errors[f"restore:{ref.field}:{ref.start}-{ref.end}"] = (
                "Remove the phrase from your own redactions instead of restoring it."
            )
        elif finding.score >= HIGH_CONFIDENCE and not reason.strip():
            errors[f"restore:{ref.field}:{ref.start}-{ref.end}"] = (
                "The de-identifier is confident this is an identifier: say why it is not."
            )
        else:
            restored.append(Restored(finding, ref.field, reason.strip()))
    if errors and strict:
        raise Invalid("Some restored redactions need attention.", errors)
    dropped = {(r.field, r.finding.start, r.finding.end) for r in restored}
    for name, found in proposed.items():
        kept[name] = [f for f in found if (name, f.start, f.end) not in dropped]
    return kept, restored

