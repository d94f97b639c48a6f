"""Recall first: a word nothing explains, where a name can sit, is proposed as a guess.

Examples written for these tests. Guesses are low-score findings that the clinician
confirms or dismisses in the preview; these tests pin down which words are guessed.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.candidates import grow_over_small_given_names, guesses, is_ordinary_word
from echo_cases.deid.derived import is_drug_name
from echo_cases.deid.frequency import is_frequent_word


def guessed(text: str) -> list[str]:
    return [text[s:e] for s, e in guesses(text, [])]


@pytest.mark.parametrize("word", ["the", "Hope", "GRACE", "patient", "semana", "hôpital"])
def test_words_frequent_in_a_language_clinicians_write_in_are_ordinary(word: str) -> None:
    assert is_frequent_word(word)


@pytest.mark.parametrize("word", ["Wanjiru", "okafor", "NKOSI", "Achterberg"])
def test_rare_names_are_not_frequent_words(word: str) -> None:
    assert not is_frequent_word(word)


@pytest.mark.parametrize(
    "word", ["propofol", "LASIX", "Tamoxifeno", "pembrolizumab", "NORADRENALINE"]
)
def test_drug_names_in_any_case_or_language_are_clinical_vocabulary(word: str) -> None:
    assert is_ordinary_word(word)


@pytest.mark.parametrize("word", ["Wanjiru", "Atieno", "Makena"])
def test_no_name_passes_as_a_drug(word: str) -> None:
    assert not is_drug_name(word)


def test_an_unknown_word_in_a_message_typed_in_small_letters_is_guessed() -> None:
    text = "pls advise on pt wanjiru 45f, on propofol and lasix, r/o sepsis, cxr clear"
    assert guessed(text) == ["wanjiru"]


def test_an_unknown_word_in_text_written_in_capitals_is_guessed() -> None:
    text = "PT SEEN ON WARD ROUND WITH DAUGHTER NKOSINATHI, STARTED ON TAMOXIFEN"
    assert guessed(text) == ["NKOSINATHI"]


def test_without_case_an_unknown_word_with_no_cue_is_still_a_guess() -> None:
    # Recall first: in chat and ward capitals a name needs no title to be proposed; the
    # clinician restores a false alarm in the preview, an expert must never read a name.
    assert guessed("ok so kyomugisha came back for the review of the scans") == ["kyomugisha"]
    assert guessed("REVIEWED TODAY. AGBODEKA DZIFA FOR THE SCANS.") == ["AGBODEKA", "DZIFA"]


def test_without_case_a_listed_name_needs_no_cue() -> None:
    # A given name of Faker's training locales, rare as a word: a name wherever it stands.
    assert guessed("ok so wairimu came back for the review of the scans today") == ["wairimu"]


def test_without_case_the_town_under_an_address_line_is_guessed() -> None:
    text = "4241 Steinfelden 73\nSAVONLINNA\n, SV"
    street = (0, len("4241 Steinfelden 73"))
    assert [text[s:e] for s, e in guesses(text, [street])] == ["SAVONLINNA"]


def test_in_ordinary_case_only_capitalised_words_mid_sentence_are_guessed() -> None:
    text = "Chemo was delayed. She travelled with Adaeze to the clinic; xyzzq was noted."
    assert guessed(text) == ["Adaeze"]


def test_a_sentence_opening_name_is_guessed_only_before_a_person_verb() -> None:
    assert guessed("Okello reports less pain.") == ["Okello"]
    assert guessed("Carboplatin AUC5 given.") == []


def test_words_already_explained_are_not_guessed() -> None:
    text = "Seen with Adaeze today."
    start = text.index("Adaeze")
    assert guesses(text, [(start, start + len("Adaeze"))]) == []


@pytest.mark.parametrize(
    "word", ["hypercalcaemia", "EXTRAVASATION", "oropharyngeal", "retinoblastoma", "hoarseness"]
)
def test_clinical_words_are_known_by_their_endings(word: str) -> None:
    assert is_ordinary_word(word)


@pytest.mark.parametrize("word", ["Chisomo", "Odongo", "Sivertsen", "Gyasiwaa"])
def test_names_do_not_end_like_clinical_words(word: str) -> None:
    assert not is_ordinary_word(word)


@pytest.mark.parametrize(
    ("text", "found", "grown"),
    [
        (
            "called her (pt beatrice akinyi odhiambo) on the phone",
            "akinyi odhiambo",
            "beatrice akinyi odhiambo",
        ),
        ("ms ana maria gatchalian called", "gatchalian", "ana maria gatchalian"),
        # A common word, a kinship word or a title before it is no given name.
        ("spoke to harold tsosie today", "tsosie", "harold tsosie"),
        ("her son will tsosie today", "tsosie", "tsosie"),
        ("seen with mama tsosie today", "tsosie", "tsosie"),
    ],
)
def test_a_name_in_small_letters_grows_over_the_given_names_before_it(
    text: str, found: str, grown: str
) -> None:
    start = text.index(found)
    (new_start,) = grow_over_small_given_names(text, [(start, start + len(found))])
    assert text[new_start : start + len(found)] == grown
