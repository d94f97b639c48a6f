"""Places in notes from many countries, second pass (session 10, world13): a university
named after its town, a facility typed small as a note's heading.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import cued_names
from echo_cases.deid.landmarks import facilities_of_ordinary_words, landmark_places
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "Gondarit university breast clinic 04/03/2025 pt Almaz, 51F, mass R breast.",
            "Gondarit university",
        ),
        ("Referred to Mbalizi university breast clinic for CT. Pain 4/10.", "Mbalizi university"),
        ("SEEN AT KOLWEZA UNIVERSITY ONCOLOGY UNIT ON 3/4", "KOLWEZA UNIVERSITY"),
    ],
)
def test_a_university_named_after_its_town_is_a_facility(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []
    # The kind after the town is the evidence, whatever the model reads there.
    assert facility in [text[a:b] for _, a, b in landmark_places(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Her daughter studies nursing at the state university and visits on weekends.",
        "Son is a lecturer at the university; he will bring the scans.",
    ],
)
def test_a_university_without_a_name_before_it_is_no_place(deid: Deidentifier, text: str) -> None:
    assert touched_tokens(text, deid.analyze(text), "university") == []


def test_a_facility_typed_small_heading_a_line_with_capitals_is_a_place(
    deid: Deidentifier,
) -> None:
    text = "pwani lakeside cancer institute - PLCI day care 12/11/2025\nPt for cycle 3, Hb 10.9."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "pwani lakeside cancer institute") == []
    assert touched_tokens(text, found, "Hb 10.9") == []
    assert [text[a:b] for _, a, b in facilities_of_ordinary_words(text)] == [
        "pwani lakeside cancer institute"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed by NP. breast cancer institute referral sent, Hb 11.2.",
        "Plan: cancer institute for RT planning, CBC Monday.",
    ],
)
def test_small_letters_inside_a_line_with_capitals_need_a_word_that_says_where(
    deid: Deidentifier, text: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), "cancer institute") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kiboga HC IV pt nakabuye 52F, CA cervix IIIB, for RT.", "nakabuye"),
        ("Called the daughter of pt wekesa. They will come Monday.", "wekesa"),
        ("Visita: la paciente quisbert refiere dolor 5/10 en la noche.", "quisbert"),
    ],
)
def test_a_name_typed_small_after_the_patients_label_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []
    # The label is the evidence, whatever the model reads there.
    assert name in [text[a:b] for a, b in cued_names(text, [])]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Pt tolerated cycle 2 well. pt ambulating in hallway, pt c/o mild nausea.",
            "tolerated cycle 2 well. pt ambulating in hallway, pt c/o mild nausea",
        ),
        ("Night: pt afebrile, pt npo after midnight for EUA.", "afebrile, pt npo after midnight"),
        ("Paciente refiere dolor, la paciente duerme mejor.", "refiere dolor, la paciente duerme"),
    ],
)
def test_what_the_patient_does_or_feels_after_the_label_is_no_name(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Home visit Ms Tendai Gumbo, 71, lives at stand 2207, mkoba. Pain 6/10.", "stand 2207"),
        ("CHW: Mr Phiri stays at plot 18b, kalingalinga. Wife gives the morphine.", "plot 18b"),
    ],
)
def test_a_plots_number_typed_small_after_a_residence_cue_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_small_words_after_a_residence_cue_in_a_line_with_capitals_stay_prose(
    deid: Deidentifier,
) -> None:
    text = "Mr Phiri lives at home with his wife. Pain 6/10, eating well."
    assert touched_tokens(text, deid.analyze(text), "home with his wife") == []
