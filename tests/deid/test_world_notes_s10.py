"""Notes from hubs in many countries (session 10): prose of other languages glued to a
name or a place, places beside landmarks, abbreviated weekdays and facility heads typed
small, everyday words of the languages notes switch into.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "place", "kept"),
    [
        (
            "Mrs Obiri, 60, lives in Tarkwanu near Oseikrom chapel. her son brings the "
            "tablets every week, pain 3/10.",
            "Tarkwanu",
            "her son brings the tablets every week, pain 3/10",
        ),
        (
            "Baba Lesiri stays at Mundoro behind the petrol station. his wife does the dressing.",
            "Mundoro",
            "the petrol station. his wife does the dressing",
        ),
    ],
)
def test_an_address_ends_where_a_sentence_in_small_letters_begins(
    deid: Deidentifier, text: str, place: str, kept: str
) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, place) == []
    assert touched_tokens(text, found, kept) == []


def test_a_landmark_beside_an_address_is_a_place_without_its_kind(deid: Deidentifier) -> None:
    text = "Mzee Olumbe, 72, lives in kilandoro near mwasekete church. eats little."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "kilandoro") == []
    assert uncovered_tokens(text, found, "mwasekete") == []
    assert touched_tokens(text, found, "church. eats little") == []


@pytest.mark.parametrize(
    ("text", "names", "prose"),
    [
        (
            "a irmã Joanita do sítio Boa Pedreira ligou, a dor voltou.",
            ["Joanita", "Boa Pedreira"],
            "sítio",
        ),
        (
            "la señora Eustaquia de la zona Villa Arrayán no vino a la quimio.",
            ["Eustaquia", "Villa Arrayán"],
            "zona",
        ),
    ],
)
def test_prose_between_two_names_is_no_part_of_either(
    deid: Deidentifier, text: str, names: list[str], prose: str
) -> None:
    found = deid.analyze(text)
    for name in names:
        assert uncovered_tokens(text, found, name) == []
    assert touched_tokens(text, found, prose) == []


def test_a_verb_between_a_name_and_a_street_belongs_to_neither(deid: Deidentifier) -> None:
    text = "a sobrinha Dalvina mora na rua Manoel Tavares Correia, perto da feira."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "Dalvina") == []
    assert uncovered_tokens(text, found, "Manoel Tavares Correia") == []
    assert touched_tokens(text, found, "mora na") == []


def test_short_words_inside_a_place_of_another_language_stay_in_it(deid: Deidentifier) -> None:
    text = "Referred by Dr. Mirjam Kolar (Sveti Jurij v Slovenskih goricah, Slovenia)."
    assert uncovered_tokens(text, deid.analyze(text), "Sveti Jurij v Slovenskih") == []


def test_small_words_of_an_address_with_a_number_are_the_address(deid: Deidentifier) -> None:
    text = "Post it to Maelle Girardot, 14 rue des Tanneurs Ouest, please."
    assert uncovered_tokens(text, deid.analyze(text), "14 rue des Tanneurs") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("mensagem da ACS qua 12/11 a dona piorou", "qua 12/11"),
        ("mensaje de la promotora mié 19/11: la señora ya no come", "mié 19/11"),
        ("visita jue 6/11 sin novedad", "jue 6/11"),
    ],
)
def test_an_abbreviated_weekday_before_a_date_is_part_of_it(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("chuyển bv Hòa Mỹ Đức ngày mai", "bv Hòa Mỹ Đức"),
        ("giới thiệu từ bv đa khoa Ninh Giang Thượng", "bv đa khoa Ninh Giang Thượng"),
    ],
)
def test_a_vietnamese_hospital_head_typed_small_opens_a_facility(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


def test_a_luganda_word_of_origin_announces_a_place(deid: Deidentifier) -> None:
    text = "maama agamba nti transport okuva kiteredde kya 15k buli lunaku"
    assert uncovered_tokens(text, deid.analyze(text), "kiteredde") == []


@pytest.mark.parametrize(
    ("text", "talk"),
    [
        (
            "mama Zawadi anasema maumivu imepungua tangu asubuhi lakini hajala, kidonge "
            "kimoja tu kila siku.",
            "imepungua tangu asubuhi lakini hajala",
        ),
        (
            "Bà Nguyễn Thị Lựu mệt, hỏi về chi phí bảo hiểm, được giới thiệu khám lại.",
            "hỏi về",
        ),
    ],
)
def test_everyday_words_of_the_note_language_are_talk(
    deid: Deidentifier, text: str, talk: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), talk) == []
