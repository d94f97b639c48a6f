"""The kind a placeholder names ("[PATIENT 1]"), and one kind per value within a case.

A kind is finer than the contract's EntityType: "PATIENT", "FACILITY", "MRN", or "OTHER"
for what a clinician redacts as none of them. The decision table shows the kind of a
finding and its placeholder says the same word, so both come from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import regex

from echo_cases.deid.entities import SUBTYPE_TO_TYPE
from echo_cases.deid.types import EntityType, Finding

# Every kind a finding can have, in the order the decision table offers them.
KINDS: dict[str, EntityType] = {**SUBTYPE_TO_TYPE, "OTHER": EntityType.OTHER}
_ACRONYMS = frozenset({"MRN", "SSN", "ID", "URL"})
_WORD = regex.compile(r"[\p{L}\p{M}\d'\u2019-]+")
_TAG = regex.compile(r"\[([A-Z_]+) \d+\]")
# Of two kinds as sure as each other for one place, the one that says what the place is
# wins over one that says only where it is: "works at Acme Foods" is found both by an
# "at <town>" rule (CITY) and by an employer rule (EMPLOYER), and the hub should read
# "[EMPLOYER 1]". Every other kind ranks 0, so its ties go to the first found, as before.
_PLACE_RANK = {"FACILITY": 2, "EMPLOYER": 2, "CITY": 1, "ADDRESS": 1, "ZIP": 1}


def normalise(value: str) -> str:
    """A value as the case compares it: its words, in lower case."""
    return " ".join(_WORD.findall(value.lower())) or value


def kind_of(finding: Finding) -> str:
    """The finding's kind: its subtype when that is a kind of its type, else its type."""
    sub = finding.subtype
    if sub and KINDS.get(sub) is finding.entity_type:
        return sub
    return finding.entity_type.value


def specificity(kind: str | None) -> int:
    """How much a kind says about a place, to settle a tie between equally sure findings."""
    return _PLACE_RANK.get(kind or "", 0)


def kind_word(kind: str) -> str:
    """The kind as a page says it: the placeholder's word ("PATIENT" -> "patient")."""
    if kind in _ACRONYMS:
        return kind
    return kind.replace("_", " ").lower().replace("ip address", "IP address")


def kind_in_placeholder(surrogate: str) -> str | None:
    """The kind a numbered tag names ("[RELATIVE 2]" -> "RELATIVE"); None for other
    surrogates (a relative date, a realistic name)."""
    m = _TAG.fullmatch(surrogate)
    return m.group(1) if m and m.group(1) in KINDS else None


def placeholder_number(surrogate: str) -> tuple[str, int] | None:
    """The kind and number of a numbered tag ("[RELATIVE 2]" -> ("RELATIVE", 2))."""
    m = _TAG.fullmatch(surrogate)
    if m is None or m.group(1) not in KINDS:
        return None
    return m.group(1), int(surrogate[m.end(1) : -1])


def with_kind(finding: Finding, kind: str) -> Finding:
    if kind not in KINDS or kind == kind_of(finding):
        return finding
    return replace(finding, entity_type=KINDS[kind], subtype=kind)


def settle_kinds(
    fields: Mapping[str, str],
    findings: Mapping[str, Sequence[Finding]],
    chosen: Mapping[str, str] | None = None,
) -> dict[str, list[Finding]]:
    """Give every occurrence of a value in the case one kind.

    A value (its words, in any capitals) takes the kind the clinician ``chosen`` for it;
    else the kind of its most confident finding, the first one on a tie, unless another
    of the same type says more of a place (``specificity``). A part of a
    person's name ("Grace") takes the kind of the full name it belongs to ("Grace
    Atieno"), unless the clinician chose one for the part itself.
    """
    chosen = {normalise(words): kind for words, kind in (chosen or {}).items() if kind in KINDS}
    best: dict[str, tuple[float, str]] = {}
    for name, text in fields.items():
        for f in sorted(findings.get(name, ()), key=lambda f: f.start):
            value, kind = normalise(text[f.start : f.end]), kind_of(f)
            if (
                value not in best
                or f.score > best[value][0]
                or (
                    f.score == best[value][0]
                    and KINDS[kind] is KINDS[best[value][1]]
                    and specificity(kind) > specificity(best[value][1])
                )
            ):
                best[value] = (f.score, kind)
    kinds = {value: chosen.get(value, kind) for value, (_score, kind) in best.items()}

    def person(value: str) -> bool:
        return KINDS[best[value][1]] is EntityType.PERSON

    # A name stays a name for its parts though the clinician called it something else.
    full_names = [
        value
        for value in kinds
        if " " in value and (person(value) or KINDS[kinds[value]] is EntityType.PERSON)
    ]
    for value in kinds:
        if value in chosen or not person(value):
            continue
        whole = full_name_of(value, full_names)
        if whole is not None:
            kinds[value] = kinds[whole]
    return {
        name: [with_kind(f, kinds[normalise(fields[name][f.start : f.end])]) for f in found]
        if name in fields
        else list(found)
        for name, found in findings.items()
    }


def full_name_of(value: str, full_names: Sequence[str]) -> str | None:
    """The first full name ``value`` is a part of ("ana" of "ana silva"), if any."""
    tokens = value.split()
    for full in full_names:
        full_tokens = full.split()
        if len(tokens) < len(full_tokens) and all(t in full_tokens for t in tokens):
            return full
    return None
