"""Presidio-style PII sentences whose leaks session 9's helper "pii10" closed: names
in a list, the rest of a name beside one found, by a class each.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- Names in a list run into a sentence: the model tires along it ----------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "they had 6: ines, ruairi, hemi, olwen, andrea and caleb.",
            ("ines", "ruairi", "hemi", "olwen", "andrea", "caleb"),
        ),
        (
            "the kids were: sunita, kofi, maren, andrea and caleb.",
            ("sunita", "kofi", "maren", "andrea", "caleb"),
        ),
        (
            "Invited were Ngozi Adeyemi, Lars, Paulina, Wiremu & Sefa.",
            ("Ngozi Adeyemi", "Lars", "Paulina", "Wiremu", "Sefa"),
        ),
    ],
)
def test_every_name_of_a_list_of_people_is_redacted(
    deid: Deidentifier, text: str, names: tuple[str, ...]
) -> None:
    found = deid.analyze(text)
    assert [n for n in names if uncovered_tokens(text, found, n)] == []


def test_a_list_of_drugs_beside_no_name_is_not_redacted(deid: Deidentifier) -> None:
    text = "She takes aspirin, metformin, lisinopril and atorvastatin daily."
    assert deid.analyze(text) == []


def test_an_article_before_a_list_of_names_is_not_a_name(deid: Deidentifier) -> None:
    text = "The Okafor, Lindqvist and Brennan Quartet played on Sunday."
    assert touched_tokens(text, deid.analyze(text), "The") == []


# --- The rest of a name beside one found, even a guessed one ----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Polish Border Guard have detained top-flight chess player Ruby Jones over"
            " visa disputes.",
            "Ruby Jones",
        ),
        ("Our driver last week was Tobias Jones, and he was late.", "Tobias Jones"),
        ("Ottoline Vukovich from Blue Anchor Ltd opens the fair.", "Ottoline Vukovich"),
    ],
)
def test_a_surname_or_given_name_beside_a_found_name_is_redacted(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


# --- A town, a region's code and a postcode after a street --------------------------------


@pytest.mark.parametrize(
    ("text", "town", "postcode"),
    [
        (
            "Please ship it to 221 Chemin des Vignes Suite 12\nToulouse, OC 31000 before Friday.",
            "Toulouse",
            "31000",
        ),
        (
            "I'll wait for you at 40 Avenida Paulista Apt. 81\nCampinas, SP 13010 after the match.",
            "Campinas",
            "13010",
        ),
    ],
)
def test_a_town_and_postcode_a_sentence_goes_on_from_are_redacted(
    deid: Deidentifier, text: str, town: str, postcode: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, town) + uncovered_tokens(text, found, postcode) == []


def test_the_region_code_between_a_town_and_its_postcode_is_kept(deid: Deidentifier) -> None:
    text = "Ship to 221 Chemin des Vignes Suite 12\nToulouse, OC 31000 before Friday."
    assert touched_tokens(text, deid.analyze(text), "OC") == []


def test_a_town_and_postcode_under_a_street_in_a_chat_in_small_letters_are_redacted(
    deid: Deidentifier,
) -> None:
    text = "bot: delivery address please. user: 88 calle mayor 3 apt. 7\nsoria, cl 42002"
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "soria") + uncovered_tokens(text, found, "42002") == []


# --- A name field asked as a question, and its answer alone -------------------------------


def test_the_answer_to_a_question_for_a_name_field_is_redacted(deid: Deidentifier) -> None:
    text = "agent: Thanks. And what's your family name? Okonkwo-Reyes"
    assert uncovered_tokens(text, deid.analyze(text), "Okonkwo-Reyes") == []


def test_a_sentence_after_a_question_for_a_name_field_is_not_a_name(
    deid: Deidentifier,
) -> None:
    text = "What is your surname? Please spell it slowly."
    assert deid.analyze(text) == []


# --- A town in capitals after a street's number or unit ------------------------------------


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Deliver to 3302 Storgata 18 Apt. 212 TROMSØ nan by Monday.", "TROMSØ"),
        ("Could you send it to 4410 Mäkitie 5 Apt. 19 KOUVOLA please", "KOUVOLA"),
    ],
)
def test_a_town_in_capitals_after_a_street_is_redacted(
    deid: Deidentifier, text: str, town: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), town) == []


def test_a_word_in_capitals_after_a_room_is_no_town(deid: Deidentifier) -> None:
    text = "Patient in Room 12 ASAP review"
    assert touched_tokens(text, deid.analyze(text), "ASAP") == []


# --- The parts of an address line the model leaves between the ones it found --------------


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Post it to:\n\n41207 Pärnamäe 18\n Apt. 9\n Tartu\n\n Estonia 51004", "Pärnamäe 18"),
        ("512 Petőfi Sándor u. 33.\n Apt. 18\n Szeged\n Hungary 67201", "512"),
    ],
)
def test_a_street_or_building_number_beside_an_address_found_is_redacted(
    deid: Deidentifier, text: str, part: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), part) == []


def test_a_blood_pressure_and_a_dose_are_no_address(deid: Deidentifier) -> None:
    text = "BP 120 80 mmHg at 14:00, then 2 Paracetamol 500 mg"
    assert deid.analyze(text) == []
