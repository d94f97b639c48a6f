"""Surrogates: typed numbered tags or realistic fakes, consistent within a case."""

from __future__ import annotations

from datetime import date

import pytest

from echo_cases.deid import (
    CaseDates,
    DateDisplay,
    Deidentifier,
    EntityType,
    Finding,
    redact_fields,
)
from echo_cases.deid.dateshift import MAX_SHIFT_DAYS, case_offset, shift_date

CASE = {
    "summary": (
        "Patient: Grace Atieno  DOB: 1961-03-14  MRN: 7781234\n"
        "Seen 2024-02-01 at Kisii Teaching Hospital. Her mother, now 95, had cancer. "
        "Grace reached at 0722 345 678."
    ),
    "question": "Should Grace Atieno, seen 2024-02-15, start radiotherapy?",
}


@pytest.fixture(scope="module")
def findings(deid: Deidentifier) -> dict[str, list[Finding]]:
    return {k: deid.analyze(v) for k, v in CASE.items()}


def test_tags_are_typed_numbered_and_consistent_across_fields(
    findings: dict[str, list[Finding]],
) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42")
    summary, question = result.fields["summary"], result.fields["question"]
    assert "Grace" not in summary + question
    assert "Atieno" not in summary + question
    assert "[PATIENT 1]" in summary
    assert "[PATIENT 1]" in question
    assert "[MRN 1]" in summary
    assert "[FACILITY 1]" in summary
    assert "[PHONE 1]" in summary


def test_a_first_name_alone_gets_the_tag_of_the_full_name(
    findings: dict[str, list[Finding]],
) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42")
    assert result.fields["summary"].count("[PATIENT 1]") == 2


def test_dates_shift_by_one_offset_per_case_so_intervals_survive_and_say_they_moved(
    findings: dict[str, list[Finding]],
) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42")
    written = {
        CASE[r.field][r.start : r.end]: r.surrogate
        for r in result.replacements
        if r.entity_type is EntityType.DATE
    }
    assert all(w.endswith(" (shifted)") for w in written.values()), written
    dates = {k: w.removesuffix(" (shifted)") for k, w in written.items()}
    seen, later = date.fromisoformat(dates["2024-02-01"]), date.fromisoformat(dates["2024-02-15"])
    assert (later - seen).days == 14
    shift = (seen - date(2024, 2, 1)).days
    assert shift == case_offset(b"case-42")
    assert shift != 0
    assert date.fromisoformat(dates["1961-03-14"]) - date(1961, 3, 14) == seen - date(2024, 2, 1)


def test_ages_over_89_become_90_plus(findings: dict[str, list[Finding]]) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42")
    assert "now 90+," in result.fields["summary"]


def test_replacements_point_into_the_original_fields(findings: dict[str, list[Finding]]) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42")
    for r in result.replacements:
        f = next(f for f in findings[r.field] if (f.start, f.end) == (r.start, r.end))
        assert r.entity_type is f.entity_type
        assert r.score == f.score
        assert r.surrogate in result.fields[r.field]


def test_redaction_is_deterministic_and_keyed_by_case(findings: dict[str, list[Finding]]) -> None:
    a = redact_fields(CASE, findings, case_key=b"case-42")
    assert a == redact_fields(CASE, findings, case_key=b"case-42")
    other = redact_fields(CASE, findings, case_key=b"case-43")
    assert a.fields != other.fields


def test_realistic_surrogates_hide_in_plain_sight_consistently(
    findings: dict[str, list[Finding]],
) -> None:
    result = redact_fields(CASE, findings, case_key=b"case-42", style="realistic", locale="en_US")
    summary, question = result.fields["summary"], result.fields["question"]
    assert "Grace" not in summary + question
    assert "[" not in summary
    name = next(
        r.surrogate
        for r in result.replacements
        if r.field == "summary" and r.entity_type is EntityType.PERSON
    )
    assert len(name.split()) == 2
    assert name in question
    assert name.split()[0] in summary.split("Grace Atieno")[0] + summary  # first name reused
    assert redact_fields(CASE, findings, case_key=b"case-42", style="realistic") == result


def test_realistic_surrogates_follow_the_locale(findings: dict[str, list[Finding]]) -> None:
    result = redact_fields(CASE, findings, case_key=b"k", style="realistic", locale="es_MX")
    assert result.fields["summary"] != CASE["summary"]


def test_unknown_style_is_an_error(findings: dict[str, list[Finding]]) -> None:
    with pytest.raises(ValueError, match="style"):
        redact_fields(CASE, findings, case_key=b"k", style="emoji")


def test_fields_without_findings_pass_through_unchanged() -> None:
    result = redact_fields({"a": "No identifiers."}, {}, case_key=b"k")
    assert result.fields == {"a": "No identifiers."}
    assert result.replacements == []


def test_a_clinician_added_span_without_subtype_gets_a_plain_tag() -> None:
    text = "The village chief is consulted."
    manual = Finding(4, 17, EntityType.PERSON, 1.0, source="clinician")
    result = redact_fields({"t": text}, {"t": [manual]}, case_key=b"k")
    assert result.fields["t"] == "The [PERSON 1] is consulted."
    assert result.replacements[0].source == "clinician"


@pytest.mark.parametrize(
    ("value", "offset", "locale", "expected"),
    [
        ("2019-01-02", 10, "en_US", "2019-01-12"),
        ("07/25/2019", 10, "en_US", "08/04/2019"),
        ("25/07/2019", 10, "en_GB", "04/08/2019"),
        ("5/14/19", -14, "en_US", "4/30/19"),
        ("14.07.2021", 1, "en_GB", "15.07.2021"),
        ("April 25, 1970", 7, "en_US", "May 2, 1970"),
        ("Jul 15", 20, "en_US", "Aug 4"),
        ("Sept. 9th", 1, "en_US", "Sept. 10th"),
        ("21 January 2022", 11, "en_GB", "1 February 2022"),
        ("03-FEB-2023", 1, "en_GB", "04-FEB-2023"),
        ("March 2024", 30, "en_US", "April 2024"),
        ("5 de mayo de 2021", 30, "es_MX", "4 de junio de 2021"),
        ("Feb 29", 1, "en_US", "Mar 1"),
    ],
)
def test_shifted_dates_keep_their_format(
    value: str, offset: int, locale: str, expected: str
) -> None:
    assert shift_date(value, offset, locale) == expected


@pytest.mark.parametrize("style", ["tags", "realistic"])
def test_unparseable_dates_become_numbered_tags(style: str) -> None:
    text = "Seen on the feast day."
    manual = Finding(12, 21, EntityType.DATE, 0.9, subtype="DATE")
    result = redact_fields({"t": text}, {"t": [manual]}, case_key=b"k", style=style)
    assert result.fields["t"] == "Seen on the [DATE 1]."


@pytest.mark.parametrize("style", ["tags", "realistic"])
def test_dates_relative_to_submission_replace_every_readable_date(
    findings: dict[str, list[Finding]], style: str
) -> None:
    dates = CaseDates(DateDisplay.RELATIVE, submitted=date(2024, 2, 20))
    result = redact_fields(CASE, findings, case_key=b"case-42", style=style, dates=dates)
    assert "seen 5 days before submission, start radiotherapy?" in result.fields["question"]
    assert "Seen 19 days" not in result.fields["summary"]
    assert "Seen 3 weeks before submission at" in result.fields["summary"]
    assert "DOB: 62 years before submission" in result.fields["summary"]
    assert "shifted" not in result.fields["summary"] + result.fields["question"]


@pytest.mark.parametrize("key", [b"a", b"b", b"case-1", b"\x00" * 32, b"x" * 100])
def test_case_offset_is_never_zero_and_bounded(key: bytes) -> None:
    assert 0 < abs(case_offset(key)) <= MAX_SHIFT_DAYS
