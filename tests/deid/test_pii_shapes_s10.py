"""Identifiers of shapes written differently from ours (session 10): dates written out
in words, addresses of other countries (a house number's entrance letter and label, a
region's code before its postcode, the postcode and town after a street, Irish
Eircodes, Turkish street words), and national numbers without a label whose check
character holds.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.ids import italian_fiscal_code_holds
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The lease begins on the seventeenth of April and runs a year.", "seventeenth of April"),
        ("Signed this 3rd day of May 2024 at the agent's office.", "3rd day of May 2024"),
        ("Collected on twenty-second November, 2023 by courier.", "twenty-second November, 2023"),
        ("the hearing moved to the thirty first of january.", "thirty first of january"),
        ("Born on February the eleventh, 1990 in a small town.", "February the eleventh, 1990"),
        ("ARRIVED ON THE NINTH OF AUGUST WITH TWO BAGS", "NINTH OF AUGUST"),
        ("the tenant left on fourth october, keys under the mat", "fourth october"),
    ],
)
def test_a_day_written_in_words_with_its_month_is_a_date(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("the second may be worse than the first.", "second may be worse"),
        ("first march of the season drew a crowd", "first march of the"),
        ("Take a second of rest, then the third dose.", "second of rest"),
    ],
)
def test_an_ordinal_before_a_word_that_is_also_a_month_is_no_date(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ny adress: Västra Hamngatan 7 C 14, 411 17 Göteborg.", "Västra Hamngatan 7 C 14"),
        ("Asunto: Pellervontie 21 B, 00610 Helsinki.", "Pellervontie 21 B"),
        ("Gönderen: Gül Sokak No: 41 Daire: 3, Beşiktaş.", "Gül Sokak No: 41 Daire: 3"),
        ("Office at Unit 9, Tower C, 40 Harbour Road, Wan Chai.", "Tower C"),
    ],
)
def test_an_entrance_letter_a_house_numbers_label_and_a_flat_belong_to_the_street(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Parcel for 12 Ferris Lane, Toowong QLD 4066.", ["Toowong", "4066"]),
        ("Ship to 88 Vine St, Kingston ACT 2604", ["Kingston", "2604"]),
        ("Write to Rua das Acácias 19, 4470-233 Maia now.", ["4470-233", "Maia"]),
        ("Send it to Bergstraße 3, 79098 Freiburg im Breisgau.", ["79098", "Freiburg"]),
        ("Lives at 4 Elm Close, Cork T23 K8P2 with her sister.", ["T23 K8P2"]),
        ("moved to 9 larch way, swansea sa1 4pq last week", ["sa1 4pq"]),
    ],
)
def test_a_postcode_and_town_of_other_countries_after_a_street_are_the_address(
    deid: Deidentifier, text: str, parts: list[str]
) -> None:
    found = deid.analyze(text)
    for part in parts:
        assert uncovered_tokens(text, found, part) == [], part


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Toowong QLD, then the NSW 2019 election results.", "NSW 2019 election"),
        ("Given fluids, NS 1000 ml over the night.", "NS 1000 ml"),
        ("Staged pT2 N0 M0, ECOG 1, seen in clinic.", "pT2 N0 M0"),
        ("back from kisumu q4 2hr turns, skin intact", "q4 2hr turns"),
    ],
)
def test_a_region_code_or_a_stage_before_a_number_is_no_postcode(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


def test_an_italian_fiscal_code_without_a_label_is_an_id_when_its_check_letter_holds(
    deid: Deidentifier,
) -> None:
    text = "Fined: Marco Bianchi, BNCMRC74E12F205V, for unpaid parking."
    assert italian_fiscal_code_holds("BNCMRC74E12F205V")
    assert uncovered_tokens(text, deid.analyze(text), "BNCMRC74E12F205V") == []
    assert not italian_fiscal_code_holds("BNCMRC74E12F205A")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("REMITENTE: PASEO DE GRACIA 92, BARCELONA", "PASEO DE GRACIA 92"),
        ("ENTREGAR NA RUA JOAQUIM NABUCO 310, RECIFE", "RUA JOAQUIM NABUCO 310"),
        ("ADRESSE: RUE DES LILAS 14, 69003 LYON", "RUE DES LILAS 14"),
    ],
)
def test_a_street_named_after_its_kind_is_found_in_capitals(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_in_capitals_the_town_after_a_postcode_stops_where_the_sentence_goes_on(
    deid: Deidentifier,
) -> None:
    text = "SHE SOLD RUA DA PAZ 7, 3000-141 COIMBRA NEVER TOLD THE BANK"
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "3000-141 COIMBRA") == []
    assert touched_tokens(text, found, "NEVER TOLD THE BANK") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("The bakery on 9th Avenue reopened after the flood.", "9th Avenue"),
        ("Parcel to No. 14, 3rd Cross, Jayanagar, by Friday.", "3rd Cross"),
        ("Office: 2nd floor, 11th Main Road, Malleshwaram.", "11th Main Road"),
    ],
)
def test_a_street_named_by_its_ordinal_is_an_address(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She is in the 2nd Stage of labour, coping well.", "2nd Stage"),
        ("the 3rd Cross-match was compatible, transfused.", "3rd Cross-match"),
    ],
)
def test_an_ordinal_before_a_clinical_word_is_no_street(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
