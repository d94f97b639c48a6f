"""Ward notes, session 13: a range per unit is no code, and a patient's short label before
what the patient does names nobody; codes and names in a ward note stay found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import is_ward_note
from echo_cases.deid.recognizers.ids import is_a_range_per_unit
from tests.deid.helpers import touched_tokens, uncovered_tokens

CAPITALS = (
    "TSICU NPN 1900-0700\n"
    "NEURO: FENTANYL 75 MCG/HR, RASS -1, PERRL 3 MM, MAE.\n"
    "CV: ST 100S, MAP 68-75, NO PRESSORS. K 4.2, MG 1.9 REPLETED.\n"
    "RESP: PRVC 480 X 16, PEEP 8, FIO2 40%, SX Q2H FOR MOD TAN SECRETIONS.\n"
    "GI: OGT TO LIWS, TF AT 45/HR. GU: FOLEY UOP 35-60 CC/HR.\n"
    "{line}\n"
)
SMALL = (
    "micu npn 0700-1900\n"
    "neuro: midazolam 3 mg/hr, rass -3, perrl 2 mm sluggish.\n"
    "cv: afib 100s, map 64-70 on levo 0.05, k 3.6 repleted.\n"
    "resp: ac 420 x 20, peep 12, fio2 60%, sats 91-93%, sx q1-2h.\n"
    "gi: ogt to lis, tf held. gu: foley uop 20-35 cc/hr.\n"
    "{line}\n"
)


def note(template: str, line: str) -> str:
    text = template.format(line=line)
    assert is_ward_note(text)
    return text


@pytest.mark.parametrize(
    ("template", "line", "rate"),
    [
        (CAPITALS, "RENAL: URINE 60-120/HR VIA FOLEY, AMBER.", "60-120/HR"),
        (CAPITALS, "CVVHDF REMOVING 75-150CC/HR, FILTER OK.", "75-150CC/HR"),
        (CAPITALS, "HEMODYNAMICS: BP 100-110S/50-60S OFF NEO.", "100-110S/50-60S"),
        (SMALL, "mediastinal drains 15-45/hr, no clots.", "15-45/hr"),
    ],
)
def test_a_range_per_unit_is_no_code(
    deid: Deidentifier, template: str, line: str, rate: str
) -> None:
    """A range of small numbers per hour or per kilogram, or of pressures in tens, is a
    value of the ward, not a code split by slashes."""
    assert is_a_range_per_unit(rate)
    text = note(template, line)
    assert touched_tokens(text, deid.analyze(text), rate) == []


@pytest.mark.parametrize(
    "code",
    [
        "UCH/24/00871",
        "B/1234/24",
        "MRRH/2025/0331",
        "KG/2021/00451",
        "12-34/AB",
        "14-11-26",  # a date
        "45-10",  # a house's numbers ("cra 7 # 45-10")
        "118-264",  # a record's
    ],
)
def test_a_code_split_by_slashes_is_no_range(code: str) -> None:
    assert not is_a_range_per_unit(code)


def test_a_code_split_by_slashes_in_a_ward_note_is_still_found(deid: Deidentifier) -> None:
    text = note(CAPITALS, "TRANSFER REF UCH/24/00871 FAXED TO OSH.")
    assert uncovered_tokens(text, deid.analyze(text), "UCH/24/00871") == []


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("PT ARRIVED FROM CATH LAB 1420, GROIN SOFT.", "ARRIVED"),
        ("PT SLEEPING BETWEEN CARES, EASILY ROUSED.", "SLEEPING"),
        ("PT WRITING NOTES TO FAMILY, CALM.", "WRITING"),
        ("PT RETURNED FROM IR 1600, LINE SITE DRY.", "RETURNED"),
    ],
)
def test_what_the_patient_does_after_pt_in_capitals_is_no_name(
    deid: Deidentifier, line: str, word: str
) -> None:
    text = note(CAPITALS, line)
    assert touched_tokens(text, deid.analyze(text), word) == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("PT OKONJO-BAYLISS ARRIVED FROM CATH LAB.", "OKONJO-BAYLISS"),
        ("PATIENT: ARRIVED HALVORSEN", "HALVORSEN"),  # a form's colon: its value
    ],
)
def test_a_name_after_the_patients_label_is_still_found(
    deid: Deidentifier, line: str, name: str
) -> None:
    text = note(CAPITALS, line)
    assert uncovered_tokens(text, deid.analyze(text), name) == []
