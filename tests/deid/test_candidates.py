"""The clinic's words in the languages hubs write in, and the articles glued to them.

A clinical word of French, Spanish, Portuguese, Romanian or Serbian is the English word the
vocabularies hold, written with its language's ending ("oncologie", "carcinome",
"urología", "biopsija"): it is the clinic's word, as the English one is, so a span made
of such words is no name or place, and no guess. Names, known towns and words English
writes often stay what they were. An article French elides and glues to the clinic's word
("d'hématologie", "L'ONCOLOGIE") makes no unknown word of it; before an ordinary word
("L'Assomption"), a name, a town or a facility's head, or after a facility's head
("Institut d'Oncologie ..."), the word stays a guess.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.candidates import (
    _after_a_facility_word,
    _elided_before_a_clinical_word,
    is_clinical_cognate,
    is_clinical_word,
    is_clinical_word_of_any_language,
)
from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    "word",
    [
        "oncologie",  # French: oncology
        "CARCINOME",  # French: carcinoma
        "urología",  # Spanish: urology
        "Oncológica",  # Spanish: oncologic
        "hématologie",  # French: hematology
        "biopsie",  # French and Romanian: biopsy
        "RADIOTHÉRAPIE",  # French: radiotherapy
        "mastectomía",  # Spanish: mastectomy
        "onkologija",  # Serbian: oncology
        "mammaire",  # French: mammary
    ],
)
def test_a_clinical_word_of_another_language_is_the_clinics_word(word: str) -> None:
    assert is_clinical_cognate(word)
    assert is_clinical_word_of_any_language(word)


@pytest.mark.parametrize("word", ["oncologie", "CARCINOME", "urología"])
def test_the_rules_that_grow_or_stop_a_name_at_the_clinics_word_keep_englishs(
    word: str,
) -> None:
    # A facility is named with such words ("HOSPITAL ONCOLÓGICO ..."): where a rule ends a
    # place at the clinic's word, or counts them to call a text a ward note, the English
    # vocabularies alone decide, as before.
    assert not is_clinical_word(word)


@pytest.mark.parametrize(
    "word",
    [
        "nights",  # an English word English writes often, whatever its ending
        "services",
        "Marina",  # somebody's name
        "onco",  # too short to judge by its ending
    ],
)
def test_a_name_a_short_or_a_frequent_english_word_is_no_cognate(word: str) -> None:
    assert not is_clinical_cognate(word)


@pytest.mark.parametrize(
    ("text", "clinical", "name"),
    [
        (
            "PATIENTE DE 52 ANS. BIOPSIE: CARCINOME MAMMAIRE. SA FILLE AWA DIALLO VIENDRA.",
            "CARCINOME MAMMAIRE",
            "AWA DIALLO",
        ),
        (
            "patiente de 52 ans. biopsie: carcinome mammaire. sa fille awa diallo viendra.",
            "carcinome mammaire",
            "awa diallo",
        ),
        (
            "BIOPSIE: ADÉNOCARCINOME GASTRIQUE. ÉCHOGRAPHIE NORMALE. MARI: OUMAR SANGARÉ.",
            "ADÉNOCARCINOME GASTRIQUE",
            "OUMAR SANGARÉ",
        ),
        (
            "patiente de 60 ans, hépatite b, cirrhose. son fils issa konaté viendra.",
            "hépatite b",
            "issa konaté",
        ),
    ],
)
def test_a_span_of_clinical_cognates_stays_and_the_names_beside_it_go(
    text: str, clinical: str, name: str
) -> None:
    assert none_masked(text, clinical)
    assert all_masked(text, name)


@pytest.mark.parametrize(
    "word", ["D'HÉMATOLOGIE", "l'échographie", "d'admission", "d'oncologie", "L'ONCOLOGIE"]
)
def test_an_elided_article_before_a_clinical_word_is_no_unknown_word(word: str) -> None:
    assert _elided_before_a_clinical_word(word)


@pytest.mark.parametrize(
    "word",
    [
        "L'ATTENTION",  # an ordinary word: places are named so ("L'Assomption")
        "L'ASSOMPTION",
        "d'Angelo",  # the word after it is somebody's name
        "d'Ahougnansou",  # an unknown word: a place, perhaps
        "l'hôpital",  # a facility's head opens a facility's name
        "l'HR",  # a short form: a facility's, perhaps ("à l'HR", the regional hospital)
        "D'Souza",  # not an elided article: the letter opens the name
        "N'Djamena",
    ],
)
def test_an_ordinary_word_a_name_a_place_or_a_facility_after_the_apostrophe_stays_a_guess(
    word: str,
) -> None:
    assert not _elided_before_a_clinical_word(word)


@pytest.mark.parametrize(
    ("text", "word", "after"),
    [
        ("vue à l'institut d'oncologie de kaolack", "d'oncologie", True),
        ("CENTRE D'HÉMATOLOGIE DE LA RÉGION", "D'HÉMATOLOGIE", True),
        ("adressée par le service d'hématologie", "d'hématologie", False),
    ],
)
def test_the_clinics_word_after_a_facilitys_head_is_the_facilitys_name(
    text: str, word: str, after: bool
) -> None:
    assert _after_a_facility_word(text, text.index(word)) is after


def test_the_clinics_word_after_an_elided_article_is_not_guessed_and_the_name_still_is() -> None:
    text = "adressée par le service d'hématologie. sa fille mariam d'angelo viendra."
    assert none_masked(text, "d'hématologie")
    assert all_masked(text, "mariam d'angelo")
