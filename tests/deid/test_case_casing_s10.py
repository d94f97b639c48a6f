"""Case texts typed all in small letters or all in capitals (session 10, helper leaks13):
a numbered street whose name is made of ordinary words, and a quoted nickname inside a
name, found whatever the case (`landmarks.numbered_streets`,
`analyzer._nicknames_in_names`).

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("he lives alone at 22410 n seven oaks rd. his son visits.", "22410 n seven oaks rd"),
        ("HE LIVES ALONE AT 22410 N SEVEN OAKS RD. HIS SON VISITS.", "22410 N SEVEN OAKS RD"),
        ("clinic: 310 e harmony ave, springfield", "310 e harmony ave"),
        ("home is 7 old mill lane, past the church.", "7 old mill lane"),
        ("SHE MOVED TO 4410 WEST SUNRISE BLVD LAST YEAR.", "4410 WEST SUNRISE BLVD"),
    ],
)
def test_a_house_number_makes_ordinary_words_before_a_street_kind_an_address(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("gave 2 units over the road trip home.", "units over the road"),
        ("walked 3 blocks to the avenue and back, no chest pain.", "blocks to the avenue"),
        ("took 5 mg before the drive.", "mg before the drive"),
    ],
)
def test_a_number_before_the_sentence_going_on_to_a_street_word_is_no_address(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            'this is to introduce mr rogelio "jun-jun" dimaculangan, 58, a fisherman',
            'rogelio "jun-jun" dimaculangan',
        ),
        (
            'THIS IS TO INTRODUCE MR ROGELIO "JUN-JUN" DIMACULANGAN, 58, A FISHERMAN',
            'ROGELIO "JUN-JUN" DIMACULANGAN',
        ),
        ("px: ana marie 'ninay' bautista, 39/f, from the coast", "ana marie 'ninay' bautista"),
        (
            "Our patient, Ma. Rosario \u201cCharing\u201d Dizon, 52 y/o",
            "Rosario \u201cCharing\u201d Dizon",
        ),
    ],
)
def test_a_quoted_nickname_inside_a_name_leaves_the_surname_after_it_in_the_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "dr otieno, consultant physician, tumaini bay county teaching and referral "
            "hospital, p.o. box 10",
            "tumaini bay county teaching and referral hospital",
        ),
        (
            "REFERRED FROM TUMAINI BAY COUNTY TEACHING AND REFERRAL HOSPITAL WITH A MASS",
            "TUMAINI BAY COUNTY TEACHING AND REFERRAL HOSPITAL",
        ),
    ],
)
def test_the_joins_of_a_long_facility_name_in_one_case_leave_room_for_its_first_words(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "---------- forwarded message ---------\nfrom: tendai mapfumo <tm@example.org>\n"
            "subject: re: case 4",
            "tendai mapfumo",
        ),
        ("FROM: TENDAI MAPFUMO <TM@EXAMPLE.ORG>\nSUBJECT: CASE 4", "TENDAI MAPFUMO"),
    ],
)
def test_a_name_typed_in_one_case_before_its_mail_address_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_words_before_a_mail_address_inside_a_sentence_are_no_name(deid: Deidentifier) -> None:
    text = "please write to the hub <hub@example.org> with questions"
    assert touched_tokens(text, deid.analyze(text), "please write to the hub") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("paciente: ana lucía quintero rojas   cc: 52.118.004", "ana lucía quintero rojas"),
        ("PACIENTE: ANA LUCÍA QUINTERO ROJAS   CC: 52.118.004", "ANA LUCÍA QUINTERO ROJAS"),
    ],
)
def test_a_name_in_a_persons_field_runs_to_the_next_field(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_note_written_into_a_persons_field_is_not_the_name(deid: Deidentifier) -> None:
    text = "patient: grace atieno seen today for pain   dob: 1/2/60"
    assert touched_tokens(text, deid.analyze(text), "seen today for pain") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("name: thato mogale     hosp no: gmh 551902 dob: 04-05-1971", "gmh 551902"),
        ("her son drives her. chart # rk 204-771. question: can we", "rk 204-771"),
    ],
)
def test_the_letters_opening_a_record_number_after_its_label_are_the_numbers(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        (
            "presenter: dr asha pillai, pain and comfort cancer centre, kollam",
            "pain and comfort cancer centre",
        ),
        (
            "REFERRED BY: DR BOLORMAA GANZORIG, NATIONAL CANCER CENTER OF MONGOLIA\nPATIENT: X",
            "NATIONAL CANCER CENTER OF MONGOLIA",
        ),
    ],
)
def test_a_workplace_after_a_clinicians_name_and_a_comma_is_a_place_in_one_case(
    deid: Deidentifier, text: str, workplace: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), workplace) == []


def test_the_sentence_going_on_after_a_name_and_a_comma_is_no_workplace(
    deid: Deidentifier,
) -> None:
    text = "seen by dr okafor, who was at the hospital"
    assert touched_tokens(text, deid.analyze(text), "who was at the hospital") == []


def test_a_facility_in_a_header_starts_after_the_gap_that_parts_the_fields(
    deid: Deidentifier,
) -> None:
    text = "ICU PROGRESS  KIBUYE NATIONAL REFERRAL HOSPITAL  27/11/2025\nPT: OKELLO DENIS, 24M"
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "ICU PROGRESS") == []
    assert uncovered_tokens(text, findings, "KIBUYE NATIONAL REFERRAL HOSPITAL") == []


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("discharging doctor: meera iyer, sr medical oncology", "sr medical oncology"),
        ("seen by dr tendai moyo, dept of medical oncology, on 3/4", "dept of medical oncology"),
    ],
)
def test_a_department_after_a_clinicians_name_is_no_workplace(
    deid: Deidentifier, text: str, department: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), department) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("QUESTIONS: CALL 0972024023.", "CALL"),
        ("ASSESSMENT: PT ON 100% NRB ON ARRIVAL", "PT"),
        ("notice of assessment: sin 046 832 150, for the year", "sin"),
    ],
)
def test_a_word_before_a_number_after_a_label_opens_no_record_number(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
