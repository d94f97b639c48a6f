"""What a name cannot be in a nursing or ward note (session 10): the ward's own words in
one case, rare English words no name list holds, values and shorthand, the care of an
external fixator's pins. A note dense with the clinic's words names
its people after a cue, and those names stay found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import is_ward_note
from echo_cases.deid.derived import is_rare_english_word
from echo_cases.deid.recognizers.learned import _words_of_the_ward_alone
from tests.deid.helpers import model_finding, touched_tokens, uncovered_tokens

WARD_NOTE = (
    "SICU NPN 0700-1900\n"
    "NEURO: PROPOFOL 25 MCG/KG/MIN, RASS -1, CAM-ICU NEG, PERRL 3 MM.\n"
    "CV: SR 80S, MAP 66-74, LEVOPHED 0.03 MCG/KG/MIN, K 3.9, MG 2.0.\n"
    "RESP: PSV 10/5, FIO2 35%, SATS 96%, SX Q3H FOR THICK TAN SECRETIONS.\n"
    "GI: OGT TO LIWS, TF HELD, ABD SOFT, +BS. GU: FOLEY UO 40-70 CC/HR.\n"
    "SKIN: {skin}\n"
    "SOCIAL: {social}\n"
)


def ward_note(skin: str = "SACRUM INTACT, BRADEN 13.", social: str = "NO VISITORS.") -> str:
    return WARD_NOTE.format(skin=skin, social=social)


def test_a_note_dense_with_the_clinics_words_is_a_ward_note() -> None:
    assert is_ward_note(ward_note())
    assert not is_ward_note(
        "my great grandfather was called tobias quill and he sold hats on the high street"
    )


def test_rare_english_words_come_from_the_dictionary_less_names_and_towns() -> None:
    assert is_rare_english_word("REDDENED")
    assert is_rare_english_word("perfusionist")
    assert not is_rare_english_word("yaw")  # a given name in Ghana
    assert not is_rare_english_word("thane")  # a town in India


@pytest.mark.parametrize("word", ["CHAFED", "BLANCHED", "LOGROLL"])
def test_a_rare_english_word_in_ward_capitals_is_no_name_guess(
    deid: Deidentifier, word: str
) -> None:
    text = ward_note(skin=f"SACRUM {word} AND DRY, MEPILEX TO COCCYX.")
    assert touched_tokens(text, deid.analyze(text), word) == []


def test_a_rare_english_word_outside_a_ward_note_is_still_guessed(deid: Deidentifier) -> None:
    # In a sentence of a form or a chat, a rare word may be somebody's name ("capon").
    text = "my great grandfather was called tobias capon and he sold hats for a living"
    assert uncovered_tokens(text, deid.analyze(text), "capon") == []


def test_a_name_after_a_kinship_word_in_a_ward_note_stays(deid: Deidentifier) -> None:
    text = ward_note(social="WIFE OTTILIE AT BEDSIDE UNTIL 2000, UPDATED BY TEAM.")
    assert uncovered_tokens(text, deid.analyze(text), "OTTILIE") == []


@pytest.mark.parametrize(
    ("skin", "phrase", "label"),
    [
        ("PADDED SIDE RAILS, WAFFLE OVERLAY BED IN PLACE.", "WAFFLE OVERLAY BED", "PERSON"),
        ("CALORIE COUNT 1800/2400 TODAY, ENSURE TID.", "CALORIE COUNT 1800/2400", "LOCATION"),
        ("PT ANXIOUS W/ MASK, TURNED Q2H.", "ANXIOUS W/ MASK", "PERSON"),
        ("VAC AT -125 CONTINUOUS, NO LEAK.", "125", "LOCATION"),
    ],
)
def test_the_models_span_of_ward_words_and_values_is_no_name_or_place(
    skin: str, phrase: str, label: str
) -> None:
    text = ward_note(skin=skin)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, label))


@pytest.mark.parametrize(
    ("social", "phrase", "label"),
    [
        ("SON ROSE TO CALL IN AM.", "ROSE", "PERSON"),  # after kin
        ("LIVES WITH HUSBAND IN HAZARD, DRIVES IN DAILY.", "HAZARD", "LOCATION"),  # after "in"
        ("CHAPLAIN NIKOLAOU VISITED.", "NIKOLAOU", "PERSON"),  # no list knows the word
        ("MAILING ADDRESS 14 ELM ST ON FILE.", "14 ELM ST", "LOCATION"),  # a street
        ("HOME ZIP 02139 PER FACE SHEET.", "02139", "LOCATION"),  # a postcode's digits
        ("EMERGENCY CONTACT: WARD, HOPE (SISTER).", "WARD, HOPE", "PERSON"),  # a field's label
        ("PLAN DISCUSSED WITH BROOK AND FAMILY.", "BROOK", "PERSON"),  # a person's cue
        ("HANDOFF GIVEN TO SUMMER VALE RN.", "SUMMER VALE RN", "PERSON"),  # a credential
        ("SHEATH PULLED BY JEN (CATH LAB).", "JEN", "PERSON"),  # a short word: a nickname
        ("HOME: RR 2 BOX 40, PINE HOLLOW.", "RR 2 BOX 40", "LOCATION"),  # an address's field
        # Ordinary words with no word of the clinic: a name in one case as often.
        ("OLD FRIEND, TENDERNESS STARR, VISITED.", "TENDERNESS STARR", "PERSON"),
        ("PAGE ORTHO RESIDENT AT PAGER 412 WITH CONCERNS.", "PAGER 412", "PERSON"),  # to call
        ("SEE CHART FOR MRN 0045 BAND 88213 ALLERGY.", "BAND 88213 ALLERGY", "PERSON"),  # an ID
        ("ADDRESS: RUA DAS PEDRAS 9, 4410-212 ARCOZELO.", "4410-212 ARCOZELO", "LOCATION"),
        ("HOME: NA KOPCI 4, 436 30 MILOVICE.", "436 30", "LOCATION"),  # numbers apart
        ("DAUGHTER LIVES AT PALM WAY, HARBOUR 96951.", "HARBOUR", "LOCATION"),  # a postcode
        ("FAMILY: DEE (71) AT BEDSIDE.", "DEE", "PERSON"),  # an age in brackets after
        ("ROSE BP CHECKED WITH PT, UPDATED.", "ROSE BP", "PERSON"),  # a name, not the ward's
        ("FAMILY MTG 11/29 AT 1400.", "MTG 11/29", "PERSON"),  # a date
        ("ARRIVED 12/25/24 FROM OSH.", "12/25/24", "LOCATION"),  # a date alone
        ("LOT 9 KIRI ROAD, QX-4410-2981 KOLO.", "QX-4410-2981", "LOCATION"),  # an ID's hyphens
    ],
)
def test_a_cue_a_street_or_an_unknown_word_keeps_the_models_span(
    social: str, phrase: str, label: str
) -> None:
    text = ward_note(social=social)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, label))


def test_in_mixed_case_the_models_span_is_left_to_the_other_checks() -> None:
    text = ward_note(social="Daughter at bedside, Pinnock Street address confirmed.")
    assert not _words_of_the_ward_alone(text, model_finding(text, "Pinnock Street", "LOCATION"))


def test_the_care_of_an_external_fixators_pins_is_no_postcode(deid: Deidentifier) -> None:
    text = "ORTHO: EX-FIX PIN CARE BID, PULSES DOPPLERABLE."
    assert touched_tokens(text, deid.analyze(text), "CARE BID") == []


def test_a_pin_code_with_digits_is_still_a_postcode(deid: Deidentifier) -> None:
    text = "Address: 4 Lake View Road, PIN 560034."
    assert uncovered_tokens(text, deid.analyze(text), "560034") == []


def test_the_writer_below_a_closing_keeps_the_models_span() -> None:
    text = ward_note(social="QUESTIONS TO THE HUB.\nREGARDS\nSR. HOLLY BUSH, RN BSN")
    assert not _words_of_the_ward_alone(text, model_finding(text, "HOLLY BUSH", "PERSON"))


def test_the_writer_below_a_closing_and_a_blank_line_keeps_the_models_span() -> None:
    text = ward_note(social="QUESTIONS TO THE HUB.\nREGARDS,\n\nJOHN KAMAU")
    assert not _words_of_the_ward_alone(text, model_finding(text, "JOHN KAMAU", "PERSON"))


def test_a_dosing_time_after_the_ward_words_is_no_credential() -> None:
    """ "BID" after a rinse is when it is given, not a clinician's degree: the model's
    name over the rinse is dropped; "RN" after two ordinary words says they are a name."""
    rinse = "MOUTH CARE Q4H, CHLORHEXIDINE RINSE BID."
    assert _words_of_the_ward_alone(rinse, model_finding(rinse, "CHLORHEXIDINE RINSE"))
    nurse = "SEEN BY HOLLY PAIN RN THIS AM."
    assert not _words_of_the_ward_alone(nurse, model_finding(nurse, "HOLLY PAIN"))
