"""A case's dates as the de-identifier writes them: relative, or shifted and marked; one
reading of every numeric date throughout a case."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from echo_cases.deid import (
    CaseDates,
    DateDisplay,
    DateOrder,
    Deidentifier,
    EntityType,
    Finding,
    redact_fields,
)
from echo_cases.deid.dateshift import case_offset

SUBMITTED = date(2026, 11, 29)
DATE_SHAPE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def _dated(fields: dict[str, str]) -> dict[str, list[Finding]]:
    """Every numeric date of the fields, as the analyser would find it."""
    return {
        name: [
            Finding(m.start(), m.end(), EntityType.DATE, 0.95, subtype="DATE")
            for m in DATE_SHAPE.finditer(text)
        ]
        for name, text in fields.items()
    }


def _relative(order: DateOrder) -> CaseDates:
    return CaseDates(DateDisplay.RELATIVE, submitted=SUBMITTED, order=order)


CASE = {
    "history": "DOB 03/07/1985. Biopsy 14/03/2026 showed CIN3.",
    "narrative": "Born 03/07/1985; seen 02/11/2026 for review.",
}


@pytest.mark.parametrize("hub_order", list(DateOrder))
def test_one_case_never_reads_the_same_numeric_date_two_ways(hub_order: DateOrder) -> None:
    result = redact_fields(CASE, _dated(CASE), case_key=b"k", dates=_relative(hub_order))
    # 14/03/2026 can only be day-first, so 03/07/1985 is 3 July 1985 and 02/11/2026 is
    # 2 November 2026 wherever they are written, whatever the hub's own order.
    assert result.fields["history"] == (
        "DOB 41 years before submission. Biopsy 9 months before submission showed CIN3."
    )
    assert result.fields["narrative"] == (
        "Born 41 years before submission; seen 4 weeks before submission for review."
    )


def test_without_evidence_in_the_case_the_hubs_order_reads_it() -> None:
    case = {"history": "Seen 02/11/2026."}
    day_first = redact_fields(
        case, _dated(case), case_key=b"k", dates=_relative(DateOrder.DAY_FIRST)
    )
    month_first = redact_fields(
        case, _dated(case), case_key=b"k", dates=_relative(DateOrder.MONTH_FIRST)
    )
    assert day_first.fields["history"] == "Seen 4 weeks before submission."
    assert month_first.fields["history"] == "Seen 10 months before submission."


def test_shifted_dates_follow_the_same_reading_and_are_marked() -> None:
    shifted = CaseDates(DateDisplay.SHIFTED, order=DateOrder.MONTH_FIRST)
    result = redact_fields(CASE, _dated(CASE), case_key=b"k", dates=shifted)
    written = [r.surrogate for r in result.replacements]
    assert all(w.endswith(" (shifted)") for w in written), written
    # Day-first throughout, as 14/03/2026 says: 3 July 1985 moved by the case's offset.
    moved = date(1985, 7, 3) + timedelta(days=case_offset(b"k"))
    dobs = {
        r.surrogate for r in result.replacements if CASE[r.field][r.start : r.end] == "03/07/1985"
    }
    assert dobs == {f"{moved:%d/%m/%Y} (shifted)"}


def test_relative_dates_need_the_day_of_submission() -> None:
    with pytest.raises(ValueError, match="submission"):
        CaseDates(DateDisplay.RELATIVE)


@pytest.mark.parametrize(
    "text",
    [
        "HIV diagnosed 2009; viral load suppressed since 2012.",
        "On ART since 2015, stage 3.",
        "Surgery is planned for 2027.",
    ],
)
def test_years_alone_are_no_dates_and_stay_as_written(deid: Deidentifier, text: str) -> None:
    result = redact_fields(
        {"t": text},
        {"t": deid.analyze(text)},
        case_key=b"k",
        dates=_relative(DateOrder.MONTH_FIRST),
    )
    assert result.fields["t"] == text


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("Seen on 02/04/2026 in clinic.", "Seen 8 months before submission in clinic."),
        ("On 02/04/2026 she bled.", "8 months before submission she bled."),
        ("Pap at 02/04/2026: ASC-H.", "Pap 8 months before submission: ASC-H."),
        ("Seen in 29/11/2026.", "Seen on the day of submission."),
        ("On 29/11/2026 she bled.", "On the day of submission she bled."),
        ("Bleeding since 02/04/2026.", "Bleeding since 8 months before submission."),
        ("Cotton 02/04/2026 notes.", "Cotton 8 months before submission notes."),
    ],
)
def test_a_relative_date_takes_the_place_of_its_preposition_so_the_sentence_reads(
    written: str, reads: str
) -> None:
    case = {"history": written}
    result = redact_fields(case, _dated(case), case_key=b"k", dates=_relative(DateOrder.DAY_FIRST))
    assert result.fields["history"] == reads


def test_a_shifted_date_keeps_its_preposition() -> None:
    case = {"history": "Seen on 02/04/2026."}
    shifted = redact_fields(
        case,
        _dated(case),
        case_key=b"k",
        dates=CaseDates(DateDisplay.SHIFTED, order=DateOrder.DAY_FIRST),
    )
    assert shifted.fields["history"].startswith("Seen on ")
    assert shifted.fields["history"].endswith(" (shifted).")
