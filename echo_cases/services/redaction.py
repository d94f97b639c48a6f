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
from dataclasses import dataclass, field

from echo_cases.case_form import CaseForm, Handling
from echo_cases.deid import (
    HIGH_CONFIDENCE,
    EntityType,
    Finding,
    Replacement,
    get_deidentifier,
    redact_fields,
)
from echo_cases.errors import Invalid

CLINICIAN = "clinician"
PROPAGATED = "elsewhere in the case"

# Honorifics are part of a detected name span but identify nobody on their own.
_HONORIFICS = frozenset({"Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Sr", "Jr"})
# A name part with its inner apostrophes and hyphens: O'Neil, Smith-Jones.
_NAME_PART = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")


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
    rerun: bool = False,
) -> RedactionPlan:
    """Analyse the free-text fields, apply the clinician's decisions, and redact.

    ``rerun`` is a new analysis of a case already submitted: the clinician's restores
    that no longer fit are not an error there (nobody is at the form to fix them).
    """
    free_text = {f.name: original.get(f.name, "") for f in form.free_text()}
    names = list(free_text)
    analysed = get_deidentifier().analyze_many([free_text[n] for n in names])
    found_by_field = dict(zip(names, (list(found) for found in analysed), strict=True))
    echoes = _echoes(free_text, found_by_field)
    proposed = {
        name: _merge(found_by_field[name] + echoes[name] + list(decisions.previous.get(name, ()))
                     + _occurrences(free_text[name], decisions.redact), free_text[name])
        for name in names
    }
    kept, restored = _apply_restores(proposed, decisions.restore, strict=not rerun)
    result = redact_fields(free_text, kept, case_key=key, style=style, locale=locale)
    fields: dict[str, str] = {}
    for f in form.fields:
        if f.handling is Handling.ANALYSE:
            fields[f.name] = result.fields.get(f.name, "")
        elif f.handling is Handling.KEEP:
            fields[f.name] = original.get(f.name, "")
        # Handling.REMOVE: the whole value is an identifier and never leaves the original.
    return RedactionPlan(fields, list(result.replacements), restored, proposed)


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


def _echoes(texts: Mapping[str, str],
            found: Mapping[str, list[Finding]]) -> dict[str, list[Finding]]:
    """Every other occurrence, in any field, of an identifier found somewhere in the case.

    The analyser reads one field at a time, so a surname it recognises in the narrative
    ("her husband Joaquim Achterberg") can slip through in the title. Names spread by
    their parts (case-sensitive: names are capitalised, "Rose" is not "rose"); places,
    numbers and contacts by their whole text.
    """
    patterns: dict[tuple[str, bool], Finding] = {}
    for name, findings in found.items():
        for f in findings:
            surface = texts[name][f.start:f.end]
            if f.entity_type is EntityType.PERSON:
                for part in _name_parts(surface):
                    patterns.setdefault((part, True), f)
            elif f.entity_type in (EntityType.LOCATION, EntityType.ID, EntityType.CONTACT):
                patterns.setdefault((surface.strip(), False), f)
    echoes: dict[str, list[Finding]] = {name: [] for name in texts}
    for (surface, case_sensitive), origin in patterns.items():
        flags = 0 if case_sensitive else re.IGNORECASE
        pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", flags)
        for name, text in texts.items():
            echoes[name] += [
                Finding(m.start(), m.end(), origin.entity_type, origin.score, origin.subtype,
                        PROPAGATED)
                for m in pattern.finditer(text)
            ]
    return echoes


def _name_parts(surface: str) -> set[str]:
    """"Dr. Siobhan O'Neil-Hara" -> {"Siobhan", "O'Neil-Hara", "Neil", "Hara"}."""
    parts: set[str] = set()
    for compound in _NAME_PART.findall(surface):
        parts.add(compound)
        parts.update(_LETTERS.findall(compound))
    return {p for p in parts if len(p) >= 2 and p not in _HONORIFICS}


def _merge(findings: list[Finding], text: str) -> list[Finding]:
    """Overlapping findings become one span covering both, so nothing partial leaks.

    Parts of one name found apart ("Rosalind" and "Achterberg") join across the space
    between them, so the reader sees one person, "[PERSON 1]", not two.
    """
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if (merged and f.start < merged[-1].end) or (
            merged and _one_name(merged[-1], f, text)
        ):
            last = merged[-1]
            wider = last if (last.end - last.start) >= (f.end - f.start) else f
            merged[-1] = Finding(
                last.start, max(last.end, f.end), wider.entity_type, max(last.score, f.score),
                wider.subtype,
                CLINICIAN if CLINICIAN in (last.source, f.source) else last.source,
            )
        else:
            merged.append(f)
    return merged


def _one_name(before: Finding, after: Finding, text: str) -> bool:
    return (before.entity_type is after.entity_type is EntityType.PERSON
            and text[before.end:after.start] == " ")


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

