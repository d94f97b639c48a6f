"""Leak classes of ECHO case summaries by other authors (issue 11, session 11, helper
"cases14"). Examples written for these tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.locations import EchoLocationRecognizer

from .helpers import touched_tokens, uncovered_tokens


def _rule_spans(text: str) -> list[str]:
    """What the location rules alone find, without the model's guesses beside them."""
    found = EchoLocationRecognizer().analyze(text, ["FACILITY", "ADDRESS", "CITY", "LOCATION"])
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Her chemotherapy was paid for by the Friends of the Poor Association in 2023.",
            "Friends of the Poor Association",
        ),
        (
            "Transport is arranged through the Hope and Light Trust every month.",
            "Hope and Light Trust",
        ),
        ("Volunteers of the Home Care Society visit her twice a week.", "Home Care Society"),
        ("Referred on to the Mothers for Life Charity for wigs.", "Mothers for Life Charity"),
    ],
)
def test_a_charity_named_in_ordinary_words_is_a_place(
    deid: Deidentifier, text: str, body: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), body) == []


@pytest.mark.parametrize(
    "text",
    [
        "Treated as NYHA class III per the New York Heart Association criteria.",
        "Screening follows the American Cancer Society and USPSTF schedules.",
        "The Uganda Medical Association statement on opioids was circulated.",
        "Pain scored with the International Association for the Study of Pain definition.",
        "She belongs to a support association in her village.",
        "Leaflets came from the national Cancer Survivors Association last spring.",
    ],
)
def test_a_national_or_international_body_or_a_common_noun_is_no_place(text: str) -> None:
    assert _rule_spans(text) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Lives at Rustaveli Avenue 118, Batumi, with her son.", "Rustaveli Avenue 118"),
        ("Address: Shevchenko Street 7/9", "Shevchenko Street 7/9"),
        ("Domicile: Avenue Kasongo n°27, commune de Lemba", "Avenue Kasongo n°27"),
        ("Famille: Avenue des Aviateurs 41, Gombe", "Avenue des Aviateurs 41"),
    ],
)
def test_a_house_number_after_an_english_street_word_is_part_of_the_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("She walks down Market Street 3 times a day.", "3"),
        ("Walked along Rustaveli Avenue 2 hours after the dose.", "2"),
    ],
)
def test_a_number_that_counts_after_a_street_is_no_house_number(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), f" {number} ") == []


def test_a_french_foundation_named_before_its_name_is_a_place(deid: Deidentifier) -> None:
    text = "Le traitement est pris en charge par la Fondation Amis des Enfants depuis mai."
    assert uncovered_tokens(text, deid.analyze(text), "Fondation Amis des Enfants") == []


def test_a_foundation_in_small_letters_is_a_common_noun() -> None:
    assert _rule_spans("la fondation de la maison est ancienne") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Carer: her husband's sister June (retired teacher) stays with her.", "June"),
        ("Lives with wife June; no car since the winter.", "June"),
        ("Mrs June was reviewed in clinic with her son.", "June"),
    ],
)
def test_a_month_that_is_a_given_name_after_a_kinship_word_or_title_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_month_with_its_day_or_year_after_a_kinship_word_stays_a_date() -> None:
    from echo_cases.deid.candidates import cued_names

    for text in (
        "Came in with her son June 3 for the scan.",
        "Brought by husband June 2024, then alone.",
        "Her sister June of last year had the same.",
    ):
        month = text.index("June")
        assert all(not (a <= month < b) for a, b in cued_names(text, [])), text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi its me again. the RED HAWK lady, 64, still bleeding, can she come?", "RED HAWK"),
        ("ok team. LITTLE WOLF man says no to surgery, wants to go home.", "LITTLE WOLF"),
        ("pls call back, the Red Crow woman from the clinic is worse", "Red Crow"),
        ("the OKELLO man missed his dose again", "OKELLO"),
    ],
)
def test_capitalised_words_before_lady_man_or_woman_in_small_letters_are_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the HER2 lady and the PET man both came back today", "HER2"),
        ("the CHEMO lady asked about her next cycle", "CHEMO"),
        ("the Ghanaian woman was seen by the team", "Ghanaian"),
        ("the WhatsApp lady sent the scans late", "WhatsApp"),
        ("the BRCA man declined testing of his daughters", "BRCA"),
        ("THE OLD MAN IS WAITING IN BAY 3", "OLD"),
    ],
)
def test_the_clinics_words_a_people_or_an_app_before_a_person_noun_are_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


def test_a_reply_that_opens_by_calling_its_reader_names_the_reader() -> None:
    from echo_cases.deid.candidates import readers_opening_a_paragraph

    text = (
        "Subject: Re: lymphoma case\n\n"
        "Zlata, thank you for the PET report.\n\n"
        "Dyspnoea, worse on exertion; Tamoxifen, then letrozole.\n\n"
        "Hyperkalaemia, please recheck in the morning."
    )
    found = [text[a:b] for a, b in readers_opening_a_paragraph(text, [])]
    assert found == ["Zlata"]


def test_a_problem_or_a_drug_opening_a_paragraph_before_a_comma_is_no_reader() -> None:
    from echo_cases.deid.candidates import readers_opening_a_paragraph

    for text in (
        "Dyspnoea, worse on exertion.",
        "Overall, thank you all for the advice.",
        "Paclitaxel, please hold if neuropathy grade 2.",
    ):
        assert readers_opening_a_paragraph(text, []) == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("msg from the clinic nurse: CROW KNEE lady called about her refill.", "CROW KNEE"),
        ("spoke to her daughter. the RAVEN SHOULDER woman is stable now.", "RAVEN SHOULDER"),
    ],
)
def test_a_family_name_ending_in_a_word_of_the_ward_is_still_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    """Family names made of ordinary words may end in one the ward uses ("knee"); set
    apart before "lady" after a word that may be a name, they are a name all the same."""
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ok so the WEIGHT GAIN lady is back on monday.", "WEIGHT GAIN"),  # the ward's first
        ("the BAD KNEE man is walking better today.", "BAD KNEE"),  # a very common word
    ],
)
def test_what_a_person_has_before_lady_or_man_is_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []
