"""Shapes of addresses and names in everyday PII sentences (presidio-style) that leaked in
session 8, each closed by a mechanism with its words as data.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- A street word before the name, in languages of Central and Eastern Europe ---------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Records show Ms. Beatriz Kowalczyk at ul. Piotrkowska 104/6.", "ul. Piotrkowska 104/6"),
        ("She lives at al. Jerozolimskie 44, Warszawa.", "al. Jerozolimskie 44"),
        ("Daria now lives on vul. Lesi Ukrainky 21, kv. 7.", "vul. Lesi Ukrainky 21, kv. 7"),
        ("Adresa: Str. Mihai Eminescu nr. 5, Cluj.", "Str. Mihai Eminescu nr. 5"),
    ],
)
def test_a_street_word_before_the_name_then_a_number_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_et_al_before_a_year_is_no_street(deid: Deidentifier) -> None:
    text = "As reported by the trial group et al. 2019, the rate was 12 per 100."
    assert touched_tokens(text, deid.analyze(text), "al. 2019") == []


# --- The floor and its side after the house number ------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I moved from Rua das Flores 88, 2º Esq., to a flat.", "Rua das Flores 88, 2º Esq."),
        ("Bills go to Nørrebrogade 44, 3. th., from next month.", "Nørrebrogade 44, 3. th."),
        ("Vive en Calle Mayor 15, 3º izda., con su hija.", "Calle Mayor 15, 3º izda."),
    ],
)
def test_the_floor_and_its_side_after_a_street_belong_to_it(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


# --- The house number after a comma, a title inside the street's name -----------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mora na Rua Cel. Joaquim Ferreira, 212, Vila Maria.", "Rua Cel. Joaquim Ferreira, 212"),
        ("Entregar na Avenida Dr. Arnaldo, 455 - Consolação.", "Avenida Dr. Arnaldo, 455"),
    ],
)
def test_a_house_number_after_a_comma_ends_the_street(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_a_count_after_a_comma_is_no_house_number(deid: Deidentifier) -> None:
    text = "Via the portal, 3 results came back normal."
    assert touched_tokens(text, deid.analyze(text), "3 results") == []


# --- Military mail: the unit and its box before the post office -----------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Its address is PSC 4095, Box 8316 APO AE 85241.", "PSC 4095, Box 8316 APO AE 85241"),
        ("Send it to Unit 2050 Box 4190, APO AP 96278 please.", "Unit 2050 Box 4190, APO AP 96278"),
        ("Write to CMR 402 Box 17, APO AE 09180.", "CMR 402 Box 17, APO AE 09180"),
        ("The firm is at PSC 4095, Box 8316\nAPO AE 85103", "PSC 4095, Box 8316\nAPO AE 85103"),
    ],
)
def test_a_military_unit_and_box_belong_to_the_post_office(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


# --- Military ranks, and two titles in a row --------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mail is held for Lt. Cmdr. Renee Albright until she returns.", "Renee Albright"),
        ("The parcel was signed for by Cdr. Olufemi Adeyinka.", "Olufemi Adeyinka"),
        ("Cpl Dana Whitcombe called about the form.", "Dana Whitcombe"),
    ],
)
def test_a_name_after_a_rank_is_a_person(deid: Deidentifier, text: str, name: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_the_second_title_of_a_rank_is_no_name(deid: Deidentifier) -> None:
    text = "Mail is held for Lt. Cmdr. Renee Albright until she returns."
    assert touched_tokens(text, deid.analyze(text), "Cmdr") == []


# --- A weekday written out, then the day of the month alone ---------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("cita retiro infusor jueves 16.", "jueves 16"),
        ("See you on Thursday 16th for the scan.", "Thursday 16th"),
        ("Vemos el jueves 16 a las 9 en consulta.", "jueves 16"),
        ("Next visit: quinta-feira 21 às 14h.", "quinta-feira 21"),
    ],
)
def test_a_weekday_then_a_day_of_the_month_is_a_date(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Monday 3 patients were seen in clinic.", "3 patients"),
        ("Seen on Tuesday, 12 patients booked.", "12 patients"),
    ],
)
def test_a_count_after_a_weekday_is_no_date(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- A booking's reference after its label, however few its digits -------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Booking reference QX7P2M, seat 14C.", "QX7P2M"),
        ("Your PNR is QXPMAB.", "QXPMAB"),
        ("Tracking number: 1Z 999 AA1 0123 4567 84", "1Z 999 AA1 0123 4567 84"),
    ],
)
def test_a_booking_reference_after_its_label_is_an_identifier(
    deid: Deidentifier, text: str, code: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), code) == []


def test_a_reference_range_is_no_booking(deid: Deidentifier) -> None:
    text = "Sodium 131 (ref range 135-145) on admission."
    assert touched_tokens(text, deid.analyze(text), "135-145") == []


# --- IBANs by their shape, whether or not their check digits hold ---------------------


@pytest.mark.parametrize(
    ("text", "iban"),
    [
        ("A transfer from GB02RVXB01271286793653 to other banks?", "GB02RVXB01271286793653"),
        ("Pay into DE89 3704 0044 0532 0130 00 please.", "DE89 3704 0044 0532 0130 00"),
        ("The deposit goes to IE64 IRCE 9205 0112 3456 78.", "IE64 IRCE 9205 0112 3456 78"),
    ],
)
def test_an_iban_is_an_identifier_by_its_shape(deid: Deidentifier, text: str, iban: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), iban) == []


def test_markers_and_stages_are_no_iban(deid: Deidentifier) -> None:
    text = "ER 90 PR 10 HER2 0, pT2 N1 M0; CA15 3 rising."
    assert touched_tokens(text, deid.analyze(text), "HER2 0, pT2 N1 M0") == []


# --- A middle initial without its dot between two names -------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Juliusz A Kwiatkowski lives at 12 Filadelfeos Str.", "Juliusz A Kwiatkowski"),
        ("leidy t muris labor relations officer", "leidy t muris"),
    ],
)
def test_one_letter_between_two_names_is_a_middle_initial(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


# --- A phone's code in brackets without its "+" ---------------------------------------


def test_a_code_in_brackets_then_a_run_of_digits_is_a_phone(deid: Deidentifier) -> None:
    text = "Posso encaminhar para o hospital? Tel dela (351) 962534703"
    assert uncovered_tokens(text, deid.analyze(text), "(351) 962534703") == []


def test_a_year_in_brackets_opens_no_phone(deid: Deidentifier) -> None:
    text = "Trial NCT (2019) enrolled 123456789 people worldwide."
    assert touched_tokens(text, deid.analyze(text), "2019") == []
