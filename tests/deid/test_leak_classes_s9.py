"""Classes of identifiers that leaked from whole documents in session 9 (referral letters,
chat messages, EHR pastes, tumour-board minutes, discharge summaries), each closed by a
mechanism with its words as data.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- A form's name fields, in the languages headers are pasted in ---------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Surname: GREEN   Forename(s): Amber Dawn\nDOB: 01/02/1980", "GREEN"),
        ("Surname: GREEN   Forename(s): Amber Dawn\nDOB: 01/02/1980", "Amber Dawn"),
        ("NOM: HADDOU   Prénom: Karim   Né le: 03/03/1970", "HADDOU"),
        ("NOM: HADDOU   Prénom: Karim   Né le: 03/03/1970", "Karim"),
        ("Пациент: PETRENKO, Halyna\nДата: 01.01.1970", "PETRENKO, Halyna"),  # noqa: RUF001
        ("Doente: COSTA, Ana da Luz    Nº Processo: 1234567", "COSTA, Ana da Luz"),
        ("Nachname: Vogel  Vorname: Lena", "Vogel"),
        ("Apellidos: Rojas Quispe   Nombre: Wilber", "Rojas Quispe"),
    ],
)
def test_the_value_of_a_name_field_is_a_name_even_an_ordinary_word(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Name: LAKE   Forename(s): Summer\nDOB: 01/02/1980", "Forename"),
        ("Patient: Ivo Brandt  DOB: 01/02/1960", "DOB"),
        ("Surname: GREEN   Forename(s): Amber", "Forename"),
    ],
)
def test_a_name_in_a_pasted_header_stops_before_the_next_fields_label(
    deid: Deidentifier, text: str, label: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), label) == []


def test_the_family_name_in_prose_is_no_field(deid: Deidentifier) -> None:
    text = "We asked about the family name of the drug: Keytruda is its brand."
    assert touched_tokens(text, deid.analyze(text), "Keytruda") == []


# --- "SURNAME, Given" before an age, as records list patients -------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MDT MINUTES - 30 Oct BAKO, Halima (61/F MRN: 50227922)", "BAKO, Halima"),
        ("Ward list 2 Nov: KEMBOI, Faith, 45 F, breast ca", "KEMBOI, Faith"),
    ],
)
def test_a_surname_in_capitals_then_a_comma_leads_a_name_before_an_age(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_an_ordinary_word_before_a_comma_and_a_score_is_no_surname(deid: Deidentifier) -> None:
    text = "SKIN INTACT, WATERLOW 18, ON AIR MATTRESS"
    assert touched_tokens(text, deid.analyze(text), "INTACT") == []


# --- The writer's name after a closing and its comma, in any case ---------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("call me on 0772 100 200. best, juma hamisi", "juma hamisi"),
        ("Gracias por la ayuda. Saludos cordiales, Wilber Quispe", "Wilber Quispe"),
        ("ok will send the slides. regards, tendai moyo", "tendai moyo"),
    ],
)
def test_the_name_after_a_closing_is_the_writers(deid: Deidentifier, text: str, name: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    "text",
    ["we chose best supportive care, morphine prn.", "regards, see you on thursday"],
)
def test_a_closing_word_in_a_sentence_announces_nobody(deid: Deidentifier, text: str) -> None:
    assert deid.analyze(text) == []


def test_two_names_after_a_verb_that_takes_a_person_are_a_name_in_small_letters(
    deid: Deidentifier,
) -> None:
    text = "good to hear from you. i saw antónio amaral on 14/1/2022; the biopsy was fine."
    assert uncovered_tokens(text, deid.analyze(text), "antónio amaral") == []


def test_one_ordinary_word_after_such_a_verb_stays(deid: Deidentifier) -> None:
    text = "discussed grace period with the family. saw mark improvement."
    assert deid.analyze(text) == []


# --- A name before an age at the start of a line, whatever the line before ends in -----


def test_a_name_before_an_age_is_found_after_a_line_that_ends_in_a_word(
    deid: Deidentifier,
) -> None:
    text = "TUMOUR BOARD MINUTES - 30 Oct\nBAKO, HALIMA (61/F MRN: 50227922) breast ca."
    assert uncovered_tokens(text, deid.analyze(text), "BAKO, HALIMA") == []


def test_a_title_before_a_name_and_an_age_is_kept(deid: Deidentifier) -> None:
    text = "COMPTE RENDU D'HOSPITALISATION\nMadame Odile Renard, 94 ans, admise pour chute."
    assert touched_tokens(text, deid.analyze(text), "Madame") == []


# --- The value of a field that holds a name or a place opens no sentence ---------------


def test_an_unknown_word_after_a_place_fields_label_is_proposed(deid: Deidentifier) -> None:
    text = "HOSP NO: QE-0101-55   VILLAGE: Chiwembe   T/A: Machinjiri\nVISIT: 02/03/2024"
    assert uncovered_tokens(text, deid.analyze(text), "Machinjiri") == []


def test_a_colleague_addressed_as_sis_in_a_message_is_named(deid: Deidentifier) -> None:
    text = "ok sis blessing i have a new one for thursday"
    assert uncovered_tokens(text, deid.analyze(text), "blessing") == []


def test_two_names_after_pt_then_a_bare_age_in_an_sms_are_a_name(deid: Deidentifier) -> None:
    text = "sms from the spoke\npt auma pamela 41 cx ca stage 3b for palliative rt"
    assert uncovered_tokens(text, deid.analyze(text), "auma pamela") == []


@pytest.mark.parametrize("text", ["pt day 3 post op, eating", "pt given morphine 10 mg at night"])
def test_a_number_after_pt_and_one_word_is_no_age(deid: Deidentifier, text: str) -> None:
    assert deid.analyze(text) == []
