"""Addresses of shapes that leaked in session 10 (session 11): Gulf grid addresses of
numbered zones, streets, blocks and buildings in any case, a post office box in
capitals, New Zealand's rural delivery run after the road, Mexico's interior number after
the street, Malay and Indonesian street words before the name, and a street named without
a street word whose house number, postcode and town follow.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.analyzer import ADDRESS_LINE_SOURCE
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("SEND TO: BUILDING 41, STREET 815, ZONE 23, DOHA.", "BUILDING 41, STREET 815, ZONE 23"),
        ("Deliver to zone 70, street 402, building 19 please", "zone 70, street 402, building 19"),
        ("Home: Villa 12, Road 3307, Block 933, Isa Town.", "Villa 12, Road 3307, Block 933"),
        ("ADDRESS: BLOCK 6, STREET 118, VILLA 22, JABRIYA", "BLOCK 6, STREET 118, VILLA 22"),
        ("Courier to Flat 807, Tower C, Marina Heights.", "Flat 807, Tower C"),
        ("Way 2241, Villa 50, Qurum, Muscat", "Way 2241, Villa 50"),
    ],
)
def test_a_gulf_grid_address_is_found_in_any_case(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Zone 2 of the prostate was biopsied twice.", "Zone 2 of the"),
        ("The way 3 nurses covered the ward was fine.", "way 3 nurses"),
        ("pt walked in the street, 2 falls this week", "street, 2 falls"),
        ("BUILDING 4 LIFT OUT OF ORDER, TOWER 3 CLOSED", "BUILDING 4 LIFT"),
    ],
)
def test_one_gulf_unit_alone_is_no_address(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "box"),
    [
        ("RETURN TO SENDER, PO BOX 55182, SHARJAH", "PO BOX 55182"),
        ("Remit to P.O. BOX 20931 before the end of the month.", "P.O. BOX 20931"),
    ],
)
def test_a_post_office_box_in_capitals_is_an_address(
    deid: Deidentifier, text: str, box: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), box) == []


def test_a_box_of_a_few_digits_after_by_mouth_is_no_post_box(deid: Deidentifier) -> None:
    text = "GIVE 2 TABS PO, BOX 12 OF THE TROLLEY"
    assert touched_tokens(text, deid.analyze(text), "BOX 12") == []


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("Post to Ani Wiremu, 233 Pukearuhe Road, RD 3, Urenui 4375.", "RD 3"),
        ("Mail: 92 Kaiwaka Mangawhai Road, RD 5, Kaiwaka", "RD 5"),
    ],
)
def test_a_rural_delivery_run_after_a_road_is_part_of_the_address(
    deid: Deidentifier, text: str, run: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), run) == []


def test_a_rural_delivery_shorthand_alone_is_no_address(deid: Deidentifier) -> None:
    text = "RD 2 measured on the left; rd 3 on review."
    assert touched_tokens(text, deid.analyze(text), "RD 2 measured") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Domicilio: Av. Revolución 1507, Int. 3, Col. San Ángel.", "Int. 3"),
        ("ENTREGAR EN CALLE SALVADOR DIAZ MIRON 44, INT. 9", "INT. 9"),
    ],
)
def test_an_interior_number_after_a_mexican_street_is_part_of_it(
    deid: Deidentifier, text: str, unit: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), unit) == []


def test_an_interior_word_alone_is_nothing(deid: Deidentifier) -> None:
    text = "int 4 of the review was delayed; interior 2 not seen."
    assert touched_tokens(text, deid.analyze(text), "int 4 of the review") == []
    assert touched_tokens(text, deid.analyze(text), "interior 2 not") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Alamat: Lorong Haji Salleh Ismail 7, Taman Melawati.", "Lorong Haji Salleh Ismail 7"),
        ("Kirim ke Jl. Pemuda Raya 22, Semarang.", "Jl. Pemuda Raya 22"),
        ("ADDRESS PERSIARAN BUKIT TINGGI 31, KLANG", "PERSIARAN BUKIT TINGGI 31"),
    ],
)
def test_a_malay_or_indonesian_street_word_before_the_name_opens_an_address(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Het nieuwe adres is Korte Dreef 19, 2800 Mechelen.", "Korte Dreef 19"),
        ("Lieferung an Am Kirchberg 4, 37154 Northeim.", "Am Kirchberg 4"),
        ("Stuur alles naar Brede Vaart 8a, 4561 TX Hulst.", "Brede Vaart 8a"),
    ],
)
def test_a_house_number_before_a_postcode_and_town_is_the_street_s(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


def test_a_dutch_postcode_keeps_its_two_letters(deid: Deidentifier) -> None:
    text = "Stuur alles naar Brede Vaart 8a, 4561 TX Hulst."
    assert uncovered_tokens(text, deid.analyze(text), "4561 TX") == []


@pytest.mark.parametrize(
    "text",
    [
        # A place or a person found right before a month's name: the month may be read
        # into that finding, but its day stays no house number and its year no postcode.
        "Moved from Kisumu March 14, 2019 Geneva.",
        "Seen by Wanjiru Kamau March 14, 2019 Geneva.",
        "Pt from Eldoret June 3, 2021 Nairobi.",
    ],
)
def test_a_date_after_a_name_found_is_no_house_number_postcode_and_town(
    deid: Deidentifier, text: str
) -> None:
    read_as_address_line = [
        text[f.start : f.end] for f in deid.analyze(text) if f.source == ADDRESS_LINE_SOURCE
    ]
    assert read_as_address_line == []


def test_a_street_s_word_that_only_begins_as_a_month_does_is_no_date(
    deid: Deidentifier,
) -> None:
    # "Meiboom" opens with a month's letters ("Mei") but is none: the line is an address.
    text = "Het nieuwe adres is Hoge Meiboom 19, 2800 Mechelen."
    read_as_address_line = [
        text[f.start : f.end] for f in deid.analyze(text) if f.source == ADDRESS_LINE_SOURCE
    ]
    assert read_as_address_line == ["2800", "Mechelen"]
    assert uncovered_tokens(text, deid.analyze(text), "Hoge Meiboom 19") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Grade 2, 1990 Paris criteria were met.", "Grade 2"),
        ("Bed 4, 2000 Units of heparin given.", "Bed 4"),
    ],
)
def test_a_number_then_a_year_and_a_word_is_no_street(
    deid: Deidentifier, text: str, kept: str
) -> None:
    found = [f for f in deid.analyze(text) if f.entity_type.value == "LOCATION"]
    assert touched_tokens(text, found, kept) == []
