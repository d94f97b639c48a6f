"""Replace findings with surrogates (presidio-anonymizer applies the replacements)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from echo_cases.deid.case_dates import CaseDates
from echo_cases.deid.date_reading import order_for_locale
from echo_cases.deid.kinds import kind_of, normalise, placeholder_number, settle_kinds
from echo_cases.deid.surrogates import make_book
from echo_cases.deid.types import EntityType, Finding, RedactionResult, Replacement

_engine = AnonymizerEngine()


def redact_fields(
    fields: Mapping[str, str],
    findings: Mapping[str, Sequence[Finding]],
    *,
    case_key: bytes,
    style: str = "tags",
    locale: str = "en_US",
    dates: CaseDates | None = None,
    kinds: Mapping[str, str] | None = None,
    numbered: Mapping[str, str] | None = None,
) -> RedactionResult:
    """De-identify every field of one case with surrogates consistent across fields.

    ``replacements`` carry offsets into the original field text. The mapping from
    real values to surrogates lives only in this call (and in ``case_key``). Dates are
    written as ``dates`` says (shifted and marked, without it), every numeric date of
    the case read in the one order its dates settle. Each value has one kind in the
    whole case (``kinds`` holds the clinician's choices, by words), and so one
    placeholder; placeholders are numbered per kind in the order values first appear.
    ``numbered`` holds the tags a case already carries, by the words they replace (a
    re-run over a submitted case): those words keep their tag, which the panel may have
    quoted, and a value new to the case takes a number none of them has.
    """
    findings = settle_kinds(fields, findings, kinds)
    dates = (dates or CaseDates(order=order_for_locale(locale))).settled_by(
        text[f.start : f.end]
        for name, text in fields.items()
        for f in findings.get(name, ())
        if f.entity_type is EntityType.DATE
    )
    book = make_book(style, case_key, locale, dates, _numbers(numbered or {}))
    chosen = {
        name: _non_overlapping(findings.get(name, ()), len(text)) for name, text in fields.items()
    }
    book.know((text[f.start : f.end], f) for name, text in fields.items() for f in chosen[name])
    out: dict[str, str] = {}
    replacements: list[Replacement] = []
    for name, text in fields.items():
        results, operators = [], {}
        previous_end = 0
        for i, f in enumerate(chosen[name]):
            surrogate = book.surrogate(text[f.start : f.end], f)
            start = f.start
            if f.entity_type is EntityType.DATE:
                # the record keeps the date's own words; the text loses its preposition
                taken, written = dates.in_sentence(text[previous_end : f.start], surrogate)
                start, surrogate = f.start - taken, written
            previous_end = f.end
            key = f"R{i}"
            results.append(RecognizerResult(key, start, f.end, f.score))
            operators[key] = OperatorConfig("replace", {"new_value": surrogate})
            replacements.append(
                Replacement(
                    field=name,
                    start=f.start,
                    end=f.end,
                    entity_type=f.entity_type,
                    score=f.score,
                    surrogate=surrogate,
                    source=f.source,
                    kind=kind_of(f),
                )
            )
        if results:
            out[name] = _engine.anonymize(
                text=text, analyzer_results=results, operators=operators
            ).text
        else:
            out[name] = text
    return RedactionResult(fields=out, replacements=replacements)


def _numbers(numbered: Mapping[str, str]) -> dict[tuple[str, str], int]:
    """(kind, value) -> number, from the tags the case had, by the words they replaced."""
    found = {}
    for words, surrogate in numbered.items():
        tag = placeholder_number(surrogate)
        if tag is not None:
            found[(tag[0], normalise(words))] = tag[1]
    return found


def _non_overlapping(findings: Sequence[Finding], length: int) -> list[Finding]:
    """Findings in order, clipped to the text; of two overlapping, the earlier-longer wins."""
    chosen: list[Finding] = []
    end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < 0 or f.end > length or f.end <= f.start or f.start < end:
            continue
        chosen.append(f)
        end = f.end
    return chosen
