"""Notes from hubs in many countries (session 12, round 2): the words around a name or a
place are not part of it, and the name or place is still found.

- A short form of a role or a field's label opening a line ("Pcte", "Pte", Vietnamese
  "BS", "BN", "ĐD") stays outside the name after it, whoever found the name: the rule
  that reads a name before an age, or the model (data/words/label_words/).
- A council's registration after a clinician's name ("COREN-SP 12345", "CRM 52.1234")
  ends the name: capitals and a hyphen read like a surname (registrations.py).
- A verb opening a sentence before where somebody lives or works ("Lives Many Farms") is
  no part of the place (data/words/verbs_before_places/); nor, in small letters, an app
  a message went by or a department's word before a facility's kind (landmarks.py).
- A word of one letter of Vietnamese or Portuguese between two names ("ở", at) joins
  them and is no middle initial (data/words/one_letter_words.txt).
- A drug written as Spanish and Portuguese write it, its ending and one letter inside
  changed ("morfina", "dipirona"), is a drug, kept (data/cognate_spellings.txt).

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.analyzer import _initials_between_names
from echo_cases.deid.landmarks import facilities_of_ordinary_words
from echo_cases.deid.registrations import registration_label_at
from echo_cases.deid.vocabulary import is_drug_in_another_language
from tests.deid.helpers import model_finding, touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Pcte Luzia Andrade Teles, 49a, com nódulo mamário.", "Pcte", "Luzia Andrade Teles"),
        ("Pte. Ramiro Quispe Huamán, 71 años, disfagia progresiva.", "Pte", "Ramiro Quispe Huamán"),
        ("BN Đỗ Văn Khải 66 tuổi, ho ra máu.", "BN", "Đỗ Văn Khải"),
    ],
)
def test_a_role_opening_a_case_line_stays_outside_the_name(
    deid: Deidentifier, text: str, label: str, name: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, name) == []
    assert touched_tokens(text, found, label) == []


def test_a_role_the_model_reads_with_the_name_is_trimmed(deid: Deidentifier) -> None:
    text = "Pcte Henrique Barros Leal nega febre; segue em quimioterapia."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "Henrique Barros Leal") == []
    assert touched_tokens(text, found, "Pcte") == []


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Enf. Débora Rangel COREN-BA 221900 aplicou a dose.", "Débora Rangel", "COREN-BA"),
        ("Evoluído por Dr. Caio Menezes CRM-RJ 77120.", "Caio Menezes", "CRM-RJ"),
        ("Técnica Sueli Porto COREN-PR 443210", "Sueli Porto", "COREN-PR"),
    ],
)
def test_a_registration_after_a_name_ends_it(
    deid: Deidentifier, text: str, name: str, label: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, name) == []
    assert touched_tokens(text, found, label) == []


@pytest.mark.parametrize(
    ("text", "word", "is_label"),
    [
        ("Abel Souto COREN-SP 1234", "COREN-SP", True),
        ("Abel Souto CRM 52.1234", "CRM", True),
        ("Abel Souto COREN-SP", "COREN", True),
        # A surname in capitals that is also a label is one without a state or number.
        ("seen by Dr Ming PAN today", "PAN", False),
        ("Abel Souto Coren 1234", "Coren", False),
    ],
)
def test_a_registration_label_is_known_by_its_state_or_number(
    text: str, word: str, is_label: bool
) -> None:
    at = text.index(word)
    assert registration_label_at(text, at, at + len(word)) is is_label


def test_a_surname_that_is_also_a_label_stays_in_the_name(deid: Deidentifier) -> None:
    text = "Discussed with Dr Ming PAN on the phone."
    assert uncovered_tokens(text, deid.analyze(text), "Ming PAN") == []


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        ("Lives Round Rock with her aunt, hauls water.", "Lives", "Round Rock"),
        ("Resides Kayenta since the flood, no phone.", "Resides", "Kayenta"),
    ],
)
def test_a_verb_opening_the_sentence_is_no_part_of_the_place(
    deid: Deidentifier, text: str, verb: str, place: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, place) == []
    assert touched_tokens(text, found, verb) == []


def test_a_facility_named_like_a_verb_keeps_its_name(deid: Deidentifier) -> None:
    text = "Transferred from Living Springs Clinic overnight."
    assert uncovered_tokens(text, deid.analyze(text), "Living Springs Clinic") == []


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Vũ Thị Hằng ở Cần Thơ gửi kết quả.", "Vũ Thị Hằng", "Cần Thơ"),
        ("Joaquina Vaz é de Tete.", "Joaquina Vaz", "Tete"),
    ],
)
def test_a_word_of_one_letter_between_two_names_is_no_middle_initial(
    text: str, name: str, place: str
) -> None:
    person = model_finding(text, name)
    town = model_finding(text, place, "LOCATION")
    _initials_between_names(text, [person, town])
    assert text[person.start : person.end] == name


def test_a_capital_letter_between_two_names_is_still_an_initial() -> None:
    text = "Ana É Reis signed."
    person = model_finding(text, "Ana")
    surname = model_finding(text, "Reis")
    _initials_between_names(text, [person, surname])
    assert text[person.start : person.end] == "Ana É"


@pytest.mark.parametrize("word", ["morfina", "Dipirona", "anfotericina", "etambutol"])
def test_a_drug_respelled_inside_the_word_is_a_drug(word: str) -> None:
    assert is_drug_in_another_language(word)


@pytest.mark.parametrize("word", ["Cristina", "Valentina", "Simona", "Firmino"])
def test_a_given_name_with_a_drug_ending_is_no_drug(word: str) -> None:
    assert not is_drug_in_another_language(word)


def test_respelled_drugs_survive_in_a_note(deid: Deidentifier) -> None:
    text = "suspensa dipirona; mantida morfina 2 mg 4/4h e anfotericina B."
    found = deid.analyze(text)
    for drug in ("dipirona", "morfina", "anfotericina"):
        assert touched_tokens(text, found, drug) == []


def test_an_app_and_a_department_before_a_facility_name_none() -> None:
    text = "le avisé por telegram enfermería hospital del norte"
    spans = [text[a:b] for _, a, b in facilities_of_ordinary_words(text)]
    assert all("telegram" not in s and "enfermería" not in s for s in spans)


def test_a_facility_named_after_an_app_is_still_found() -> None:
    text = "sent on whatsapp: moved to lodwar county referral hospital"
    spans = [text[a:b] for _, a, b in facilities_of_ordinary_words(text)]
    assert any("lodwar" in s for s in spans)
