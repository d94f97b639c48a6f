"""Everyday PII sentences (presidio-style: support chats, forms, bookings, bills) whose
leaks and false alarms session 9 closed, each by a mechanism with its words as data.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- Sums of money and software versions are no identifiers ---------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Your refund of $1,482.35 was approved on the call.", "$1,482.35"),
        ("Paid NZ$212.40 at the kiosk and R$ 55,90 for the taxi.", "NZ$212.40"),
        ("Paid NZ$212.40 at the kiosk and R$ 55,90 for the taxi.", "R$ 55,90"),
        ("Total due 312,75 € including tax, payable within 30 days.", "312,75 €"),
        ("Balance of £86.15 remains on the account.", "£86.15"),
    ],
)
def test_a_sum_of_money_is_not_redacted(deid: Deidentifier, text: str, value: str) -> None:
    assert touched_tokens(text, deid.analyze(text), value) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Please update the app to v4.12.3 and restart the phone.", "v4.12.3"),
        ("The kiosk still runs version 2.0.7 of the booking software.", "version 2.0.7"),
    ],
)
def test_a_software_version_is_not_redacted(deid: Deidentifier, text: str, value: str) -> None:
    assert touched_tokens(text, deid.analyze(text), value) == []


def test_an_order_number_before_its_total_is_redacted_without_the_total(
    deid: Deidentifier,
) -> None:
    text = "Your order #55102938 totalling £88.10 was shipped this morning."
    found = deid.analyze(text)
    assert (uncovered_tokens(text, found, "55102938"), touched_tokens(text, found, "£88.10")) == (
        [],
        [],
    )


# --- Words that open a name but are not part of it ------------------------------------


def test_a_greeting_before_a_name_is_not_redacted(deid: Deidentifier) -> None:
    text = "Hello Marguerite, your parcel is ready for collection at the depot."
    found = deid.analyze(text)
    assert (touched_tokens(text, found, "Hello"), uncovered_tokens(text, found, "Marguerite")) == (
        [],
        [],
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Loan applicant Chiamaka Nnenna Obiora, born 2 May 1987, signed.",
            "Chiamaka Nnenna Obiora",
        ),
    ],
)
def test_words_opening_the_sentence_before_a_full_name_are_not_the_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    found = deid.analyze(text)
    opening = text[: text.index(name)].strip()
    assert (touched_tokens(text, found, opening), uncovered_tokens(text, found, name)) == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        "Prosper Nii Lartey presented today with a breast lump.",
        "Bright Kofi Mensah attended the screening clinic.",
        "Comfort Akua Boateng, 45, was seen after VIA.",
    ],
)
def test_a_given_name_that_is_an_ordinary_word_opening_the_sentence_stays_the_names(
    deid: Deidentifier, text: str
) -> None:
    # Recall first: many given names are ordinary words, so one opening a sentence
    # before a full name is read as the name's ("Add Chidera ..." costs a word instead).
    name = " ".join(text.split()[:3]).rstrip(",")
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Add Chidera Amarachi Nwankwo to the list.", "Chidera Amarachi Nwankwo"),
        ("Email Kwame Osei Mensah the results.", "Kwame Osei Mensah"),
        ("Invite Grace Wanjiru Otieno to the meeting.", "Grace Wanjiru Otieno"),
    ],
)
def test_a_verb_opening_an_instruction_before_a_full_name_is_no_part_of_it(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert [text[f.start : f.end] for f in deid.analyze(text)] == [name]


def test_a_particle_between_a_given_name_and_a_surname_is_redacted(deid: Deidentifier) -> None:
    text = "Transfer the deposit to account holder Maartje van der Berg today."
    assert uncovered_tokens(text, deid.analyze(text), "Maartje van der Berg") == []


# --- A form's name fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Visa form. Surname: ADEBAYO-COLE; given names: Funmilayo Ruth.", "ADEBAYO-COLE"),
        ("Visa form. Surname: ADEBAYO-COLE; given names: Funmilayo Ruth.", "Funmilayo Ruth"),
        ("Formulario: apellidos: Quispe Mamani; nombres: Rosa Elena.", "Quispe Mamani"),
    ],
)
def test_a_name_after_a_forms_name_field_is_redacted(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_surname_first_before_a_comma_in_a_name_field_is_redacted(
    deid: Deidentifier,
) -> None:
    text = "FICHA DE CADASTRO\nNOME: Mensah, Kwabena Ofori DATA DE NASCIMENTO: 01/02/1950"
    assert uncovered_tokens(text, deid.analyze(text), "Mensah, Kwabena Ofori") == []


def test_a_name_field_stops_before_the_next_field_a_wide_gap_away(deid: Deidentifier) -> None:
    text = "Surname: Wanyama   First name(s): Joy Akinyi\nDOB: 02/03/1961"
    assert touched_tokens(text, deid.analyze(text), "First") == []


# --- An "address" that is a machine's ---------------------------------------------------


def test_words_after_an_ip_address_are_no_street(deid: Deidentifier) -> None:
    text = "The firewall keeps getting address 203.0.113.9 blocked again, please check."
    found = deid.analyze(text)
    assert (
        uncovered_tokens(text, found, "203.0.113.9"),
        touched_tokens(text, found, "blocked again"),
    ) == (
        [],
        [],
    )


def test_a_postal_address_after_its_cue_is_still_redacted(deid: Deidentifier) -> None:
    text = "Address: 14 Kowhai Lane, Dunedin. Call before noon."
    assert uncovered_tokens(text, deid.analyze(text), "14 Kowhai Lane") == []


# --- Floors, national ID labels, number plates ----------------------------------------


def test_a_floor_as_an_ordinal_and_its_letter_belong_to_the_street(deid: Deidentifier) -> None:
    text = "Vive en Av. Santa Fe 2210, 7° C, Buenos Aires, con su madre."
    assert uncovered_tokens(text, deid.analyze(text), "Av. Santa Fe 2210, 7° C") == []


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("The tenant's TC Kimlik No 10987654321 was checked.", "TC Kimlik No", "10987654321"),
        ("Applicant Nur Aisyah, MyKad 900101-10-1234, was approved.", "MyKad", "900101-10-1234"),
    ],
)
def test_a_national_ids_label_is_kept_and_its_number_redacted(
    deid: Deidentifier, text: str, label: str, number: str
) -> None:
    found = deid.analyze(text)
    assert (touched_tokens(text, found, label), uncovered_tokens(text, found, number)) == ([], [])


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Vehicle TN 09 BX 7731 was towed from the hospital car park.", "TN 09 BX 7731"),
        ("The vehicle DL3CAF4921 was seen leaving at night.", "DL3CAF4921"),
    ],
)
def test_a_number_plate_after_vehicle_is_redacted(
    deid: Deidentifier, text: str, plate: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), plate) == []


# --- Numbers an ellipsis parts are no date ---------------------------------------------


def test_a_countdown_is_no_date(deid: Deidentifier) -> None:
    text = "5... 4... 3... and the doors of the new ward open to everyone!"
    assert touched_tokens(text, deid.analyze(text), "5... 4... 3") == []


# --- Titles in Title Case ---------------------------------------------------------------


def test_a_preposition_in_a_title_case_headline_announces_no_place(deid: Deidentifier) -> None:
    text = "My review of 7 Songs Of The 90s We Pretend Not To Like (But Really Adore) is out."
    assert touched_tokens(text, deid.analyze(text), "Like (But Really Adore)") == []


def test_a_contractions_re_is_no_label_before_a_name(deid: Deidentifier) -> None:
    text = "Honestly, I think you're Wrong about the new schedule."
    assert touched_tokens(text, deid.analyze(text), "Wrong") == []


def test_a_capitalised_preposition_opening_a_sentence_still_announces_a_place(
    deid: Deidentifier,
) -> None:
    text = "The parcel arrived late. In Kisumu the courier could not find the gate."
    assert uncovered_tokens(text, deid.analyze(text), "Kisumu") == []


# --- Laws ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("The Equal Pay Act of 1963 requires that men and women be paid alike.", "Equal Pay Act"),
        ("He was held under the Mental Health Act 1983 for two nights.", "Mental Health Act"),
        ("Patients may ask for records under Article 15 of the regulation.", "Article"),
    ],
)
def test_a_laws_name_is_no_place_or_person(deid: Deidentifier, text: str, law: str) -> None:
    assert touched_tokens(text, deid.analyze(text), law) == []


def test_a_number_before_a_magnitude_is_a_count(deid: Deidentifier) -> None:
    text = "The app now lets members stream nearly 45 million songs offline."
    assert touched_tokens(text, deid.analyze(text), "45 million") == []
