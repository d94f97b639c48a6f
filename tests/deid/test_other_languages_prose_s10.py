"""Names and addresses of other languages in English prose (session 10, pii13): a given
name or surname Spanish, Portuguese or French writes often is no ordinary word in an
English sentence after a kinship word, a title or "ask for"; a postcode written after the
town on an address's line (Japan's, a city's postal district) is part of the place.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.frequency import is_english_sentence, is_foreign_in_english
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("sentence", "english"),
    [
        ("his stepfather rogério picked her up after the scan", True),
        ("WE SPOKE WITH HER AUNT ON THE PHONE", True),
        ("la señora vive con su hija en el pueblo", False),
        ("o paciente mora com a sobrinha perto da praça", False),
        ("elle habite avec son fils depuis mars", False),
    ],
)
def test_a_sentence_is_english_by_its_commonest_words(sentence: str, english: bool) -> None:
    assert is_english_sentence(sentence) is english


def test_a_word_only_another_language_writes_often_is_foreign_in_english() -> None:
    assert is_foreign_in_english("rogério")
    assert is_foreign_in_english("fernández")
    assert not is_foreign_in_english("taxi")
    assert not is_foreign_in_english("brother")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("she came in with her uncle rogério, who drives her to every visit.", "rogério"),
        ("if nobody answers, ask for étienne at the pharmacy counter.", "étienne"),
        ("her cousin lucía fernández ortega will bring the scans on monday.", "ortega"),
        ("HIS UNCLE ROGÉRIO WILL COLLECT THE RESULTS.", "ROGÉRIO"),
        ("the nurse asked for amélie by name at the front desk.", "amélie"),
    ],
)
def test_a_name_frequent_only_in_another_language_is_a_name_after_a_cue(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("she asked for water and then asked for help with her pills.", "water"),
        ("su tío trabaja en la tienda de su hermana.", "trabaja"),
        ("o tio trabalha na feira desde o ano passado.", "trabalha"),
        ("his uncle brought lunch for everyone in the waiting room.", "brought lunch"),
    ],
)
def test_ordinary_words_after_a_cue_stay(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Her flat is at 9 Rathgar Avenue, Dublin 6.", "Dublin 6"),
        ("Please post it to 3 Harold's Cross Road, Dublin 6W, Ireland.", "Dublin 6W"),
        ("Forward to 2-4-8 Akasaka, Minato-ku, Tokyo 107-0052, Japan.", "Tokyo 107-0052"),
        ("Return address: 5-1 Sakae, Naka-ku, Nagoya 460-0008", "Nagoya 460-0008"),
    ],
)
def test_the_postcode_after_the_town_of_an_address_is_part_of_it(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


def test_a_number_after_a_town_that_goes_on_with_the_sentence_is_no_postcode(
    deid: Deidentifier,
) -> None:
    text = "She was seen in Kisumu, Nairobi 3 times before the referral."
    assert touched_tokens(text, deid.analyze(text), "3 times") == []


def test_a_name_only_another_language_writes_often_is_guessed_in_english_small_letters(
    deid: Deidentifier,
) -> None:
    text = "ok so remedios came back today with the results from the lab"
    assert uncovered_tokens(text, deid.analyze(text), "remedios") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("PARCEL IS OUT FOR DELIVERY TO UNIT 7, 31 HARBOUR ROAD, FREMANTLE.", "UNIT 7"),
        ("the parcel for flat 3, 9 mill lane, leeds came back.", "flat 3"),
    ],
)
def test_a_unit_before_its_street_is_part_of_the_address_in_any_case(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_a_ward_room_in_capitals_with_no_street_after_it_stays(deid: Deidentifier) -> None:
    text = "ROOM 12, 2 L NC, SATS 94, RESTING."
    assert touched_tokens(text, deid.analyze(text), "ROOM 12") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("She rents a room at 45 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội.", "45 Lý Thường Kiệt"),
        ("GỬI VỀ 12 TRẦN HƯNG ĐẠO, QUẬN 5, TP HCM", "12 TRẦN HƯNG ĐẠO"),
        ("nhà ở 207 lê văn sỹ, phú nhuận", "207 lê văn sỹ"),
    ],
)
def test_a_vietnamese_house_number_and_street_named_after_a_person_is_an_address(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


def test_a_number_before_english_words_that_spell_a_vietnamese_surname_is_no_street(
    deid: Deidentifier,
) -> None:
    text = "Code status: 2 do not resuscitate, discussed with the family."
    assert touched_tokens(text, deid.analyze(text), "2 do not resuscitate") == []
