"""Ward notes, second pass (session 10): a value the ward measured before a comma is no
house number, a rare English word speaks for the ward as its own words do, and a word
right before a device's noun is the device's maker. The cues that name people and places
in a ward note (kin, titles, a house number, a bed's number) keep them found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import is_ward_note
from echo_cases.deid.landmarks import brand_of_a_device
from echo_cases.deid.recognizers.learned import (
    _a_device_by_its_maker,
    _a_ward_value_before,
    _words_of_the_ward_alone,
)
from tests.deid.helpers import model_finding, touched_tokens, uncovered_tokens

WARD_NOTE = (
    "CVICU NPN 1900-0700\n"
    "NEURO: DEXMED 0.4 MCG/KG/HR, RASS -1, CAM-ICU NEG, PERRL 3 MM.\n"
    "CV: AFIB 90S, MAP 64-72, NOREPI 0.05 MCG/KG/MIN, K 4.1, MG 2.2.\n"
    "RESP: PRVC 450 X 16, PEEP 8, FIO2 40%, SATS 95%, SX Q4H FOR THIN WHITE SECRETIONS.\n"
    "GI: OGT TO LIWS, TF AT GOAL, ABD SOFT, +BS. GU: FOLEY UO 35-60 CC/HR.\n"
    "{line}\n"
)


def ward_note(line: str) -> str:
    text = WARD_NOTE.format(line=line)
    assert is_ward_note(text)
    return text


@pytest.mark.parametrize(
    "before",
    [
        "CK 880, ",  # a lab's label
        "ASPIRIN 81, ",  # a drug's dose
        "HOB < 30, ",  # a setting with its sign
        "resp: is 1250, ",  # the incentive spirometer's volume
        "neuro: a&ox4, ",  # orientation, glued to its count
        "pulses +1, ",  # a grade with its sign
        "DRAIN AT -40, ",  # a suction's pressure
        "turned q3h, ",  # shorthand glued to its number
        "bipap on @ 2330, ",  # a time the ward did something
    ],
)
def test_a_value_the_ward_measured_before_a_comma_is_no_house_number(before: str) -> None:
    assert _a_ward_value_before(before)


@pytest.mark.parametrize(
    "before",
    [
        "ADDRESS: NO. 14, ",  # a number's cue
        "No.14, ",
        "Rua dos Cravos 22, ",  # a street's name
        "P.O. Box 318, ",  # a post box
        "BED 9, ",  # a bed's number
        "Plot 71, ",
        "Calle 4 #31, ",
        "km 3.5, ",  # a road's kilometre
        "31, ",
    ],
)
def test_a_house_number_before_a_comma_stays_a_cue(before: str) -> None:
    assert not _a_ward_value_before(before)


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("LABS: CK 880, TROPONIN PENDING. PLAN: HOB 30, EEG LEADS ON.", "EEG LEADS"),
        ("ORTHO: R LEG STRAIGHT, HOB < 30, ANKLE IMMOBILIZER ON.", "ANKLE IMMOBILIZER"),
        ("SKIN: STERNAL INCISION, SCABBED EDGES.", "SCABBED"),
    ],
)
def test_the_ward_measured_or_rare_words_in_one_case_are_no_name(line: str, phrase: str) -> None:
    text = ward_note(line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase))


@pytest.mark.parametrize(
    ("line", "phrase", "label"),
    [
        ("HOME: NO. 14, BRAMBLE LANE, DAUGHTER VISITING.", "BRAMBLE", "LOCATION"),
        ("SOCIAL: WIFE MAGNOLIA AT BEDSIDE, NO QUESTIONS.", "MAGNOLIA", "PERSON"),
        ("SOCIAL: OLD FRIEND, TENDERNESS STARR, VISITED.", "TENDERNESS STARR", "PERSON"),
    ],
)
def test_a_house_number_a_kinship_word_or_ordinary_words_keep_the_models_span(
    line: str, phrase: str, label: str
) -> None:
    text = ward_note(line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, label))


@pytest.mark.parametrize(
    ("text", "end_of"),
    [
        ("heels floated on Kovalon boots", "Kovalon"),
        ("SKIN: GRAFT SITE, TRELLIFORM DSG CHANGED", "TRELLIFORM"),
        ("q2h turns on Varo-Med bed, heels floated", "Varo-Med"),
        ("holter/qardio patch planned", "qardio"),
        ("in Aspen collar", "Aspen"),
    ],
)
def test_a_word_right_before_a_devices_noun_is_its_brand(text: str, end_of: str) -> None:
    assert brand_of_a_device(text, text.index(end_of) + len(end_of))


@pytest.mark.parametrize(
    ("text", "end_of"),
    [
        ("pt from KORLE bed 14, septic shock", "KORLE"),  # a ward's bed, by its number
        ("transferred from ward d bed #3", "ward d"),
        ("TRACH COLLAR 40% @ 0700", "TRACH"),  # a collar with its oxygen: still a device
    ],
)
def test_a_bed_with_its_number_places_the_patient(text: str, end_of: str) -> None:
    expected = "COLLAR" in text
    assert brand_of_a_device(text, text.index(end_of) + len(end_of)) is expected


def test_the_models_span_of_a_maker_and_its_device_is_no_name() -> None:
    text = ward_note("SKIN: R THIGH DONOR SITE, TRELLIFORM DSG, WAFFLE OVERLAY.")
    assert _a_device_by_its_maker(text, model_finding(text, "TRELLIFORM DSG"))
    assert _a_device_by_its_maker(text, model_finding(text, "WAFFLE OVERLAY"))


def test_a_rare_word_without_englishs_endings_may_be_a_town() -> None:
    # "tamale" is a dish and a town in Ghana: a rare word alone is no proof of the ward.
    text = ward_note("PLAN: REFERRAL CHAT -> TAMALE FOR RT WHEN SLOT FREE.")
    assert not _words_of_the_ward_alone(text, model_finding(text, "TAMALE", "LOCATION"))


def test_a_function_word_before_a_bed_is_no_maker() -> None:
    text = "plan rt at korle bu nrcnm when bed is ready"
    assert not brand_of_a_device(text, text.index(" bed"))


def test_a_name_before_a_devices_noun_keeps_the_models_span() -> None:
    text = ward_note("SOCIAL: SISTER NANCY PUMP VISITED, BRINGS DINNER.")
    assert not _a_device_by_its_maker(text, model_finding(text, "NANCY PUMP"))


def test_an_unknown_brand_before_a_devices_noun_in_a_ward_note_is_no_guess(
    deid: Deidentifier,
) -> None:
    text = ward_note("SKIN: R THIGH DONOR SITE, TRELLIFORM DSG, HEELS IN KOVALON BOOTS.")
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "TRELLIFORM") == []
    assert touched_tokens(text, findings, "KOVALON") == []


def test_a_name_after_kin_before_a_devices_noun_stays(deid: Deidentifier) -> None:
    text = ward_note("SOCIAL: WIFE OTTOLINE BROUGHT HIS OWN CPAP MASK, BEDSIDE CHAT.")
    assert uncovered_tokens(text, deid.analyze(text), "OTTOLINE") == []


def test_a_name_after_a_house_number_in_a_ward_note_stays(deid: Deidentifier) -> None:
    text = ward_note("HOME: NO. 14, QUILLAN TERRACE, LIVES ALONE.")
    assert uncovered_tokens(text, deid.analyze(text), "QUILLAN") == []
