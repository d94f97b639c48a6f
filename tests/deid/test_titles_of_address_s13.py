"""Titles of address in notes from nine countries (session 13, helper world19): the word a
carer or a nurse puts before a grown person's name ("Mama Zawadi", "Seu Valdir", "Ông Lộc",
"Ate Norhaya") announces the name and is none of it, as "Mr" and "Dona" are; a title that
is also a given name is not grown into the name beside it, and a place whose name opens with
a title's word ("Datu Piang", a town of Maguindanao) is no person after a title. ("Bà" is
no title here: it opens places, "Bà Rịa", "Bà Chiểu".)

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Bed 4: Mama Tabitha Kerubo 61F, ca cervix, weekly cisplatin.", "Tabitha Kerubo", "Mama"),
        ("Baba Onyango anauliza kama anaweza kurudi nyumbani.", "Onyango", "Baba"),
        ("Seu Adalberto, 72a, CA de próstata, dor controlada.", "Adalberto", "Seu"),
        ("Giường 9: Ông Đoàn Văn Khải, 68 tuổi, K dạ dày.", "Đoàn Văn Khải", "Ông"),
        ("Wife Chị Xuân stays at the bedside tonight.", "Xuân", "Chị"),
        ("For discharge today; Ate Marilou will fetch him home.", "Marilou", "Ate"),
    ],
)
def test_a_title_of_address_opens_a_name_and_is_none_of_it(
    deid: Deidentifier, text: str, name: str, title: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, name) == []
    assert touched_tokens(text, found, title) == []


def test_a_title_that_is_a_given_name_is_not_grown_into_the_name(deid: Deidentifier) -> None:
    # "Dona" is a given name too; after it, the person is the name the title announces.
    text = "Visita domiciliar.\nDona Zulmira Pacheco Reis, 77a, CA de mama metastático."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "Zulmira Pacheco Reis") == []
    assert touched_tokens(text, found, "Dona") == []


def test_titles_that_are_given_names_are_still_redacted_with_the_name(
    deid: Deidentifier,
) -> None:
    # "Sister", "Chief" (data/words/given_name_titles/) stay with the name they open.
    text = "Seen with Sister Philomena and Chief Adewuyi at the clinic."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "Sister Philomena") == []
    assert uncovered_tokens(text, found, "Chief Adewuyi") == []


def test_a_short_name_the_model_read_after_a_title_in_capitals_stays_a_name(
    deid: Deidentifier,
) -> None:
    # Without "SEU" the name is four capitals, which alone read as a short form; after a
    # title the model read it as the title's name.
    text = "VISITA DOMICILIAR - SR JOVINO (SEU JÔ), 81 ANOS, CA DE PRÓSTATA, ACAMADO."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "JÔ") == []


def test_a_known_place_opened_by_a_title_is_no_person_after_the_title(
    deid: Deidentifier,
) -> None:
    text = "Referred from Datu Piang RHU for biopsy, ca breast."
    found = deid.analyze(text)
    assert not any(f.entity_type == "PERSON" and text[f.start : f.end] == "Piang" for f in found)
