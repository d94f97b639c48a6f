"""The contract between the de-identifier and the rest of echo-cases.

Everything outside ``echo_cases.deid`` depends on these types and on the
functions re-exported from ``echo_cases.deid``; nothing else of the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """The identifier kinds we redact (the labels of the shared corpus)."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    DATE = "DATE"
    AGE = "AGE"
    ID = "ID"
    CONTACT = "CONTACT"
    # Only a clinician gives this kind (the analyser never proposes it): an identifier
    # that is none of the above, redacted all the same.
    OTHER = "OTHER"


# A restore (un-redact) of a finding scored at or above this asks the clinician for a reason.
HIGH_CONFIDENCE = 0.85


@dataclass(frozen=True, slots=True)
class Finding:
    """One suspected identifier: character offsets into the analysed text."""

    start: int
    end: int
    entity_type: EntityType
    score: float
    # Finer label for surrogates ("PATIENT", "CLINICIAN", "PHONE", "MRN", ...); optional.
    subtype: str | None = None
    # Who found it: a recognizer's name, or "clinician" for a span added by hand.
    source: str = "analyzer"


@dataclass(frozen=True, slots=True)
class Replacement:
    """A span of one field of the original that the de-identified version replaces."""

    field: str
    start: int
    end: int
    entity_type: EntityType
    score: float
    surrogate: str
    source: str = "analyzer"
    # The kind the surrogate stands for ("PATIENT", "CITY", "OTHER"): one per value in a case.
    kind: str = ""


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The de-identified fields and the replacements that produced them."""

    fields: dict[str, str]
    replacements: list[Replacement] = field(default_factory=list)
