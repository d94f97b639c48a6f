"""Notes from hubs in many countries (session 11): the everyday words of more languages
the notes switch into (Cebuano, Hausa, Igbo, Yoruba, Tamil in Latin letters, Navajo,
Runyankole) and more of Swahili, Luganda, Hindustani and Vietnamese are talk, not names
or places (data/words/everyday_words/, note_languages.py); the names and places among
them are still found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.note_languages import note_languages
from tests.deid.helpers import touched_tokens, uncovered_tokens

# (note, its language, talk that must stay, names and places that must still be found)
NOTES = [
    (
        "bhw visit: masakit kaayo iyang tiyan, dili na mokaon. ang iyang anak si dodong "
        "ang nag-atiman niya karon.",
        "ceb",
        "masakit kaayo iyang tiyan, dili na mokaon",
        ["dodong"],
    ),
    (
        "chew note: ta ce tana jin ciwo a ciki sosai, ba ta cin abinci. her husband idris "
        "will bring her to katsina gobe.",
        "ha",
        "ta ce tana jin ciwo a ciki sosai, ba ta cin abinci",
        ["idris", "katsina"],
    ),
    (
        "follow up call: ọ na-egbu ya mgbu, nwa ya nwanyi adaeze says nri adighi, biko. "
        "they live in nsukka.",
        "ig",
        "na-egbu ya mgbu, nwa ya nwanyi",
        ["adaeze", "nsukka"],
    ),
    (
        "home visit, pt says avangaluku romba vali irukku, saapida mudiyala. son karthik "
        "will come from madurai naalaiku.",
        "ta",
        "avangaluku romba vali irukku, saapida mudiyala",
        ["karthik", "madurai"],
    ),
    (
        "chr visit: she said t'áá ákót'éé, nizhónígo. grandson darnell took her shimá sání "
        "to ganado for labs.",
        "nv",
        "t'áá ákót'éé, nizhónígo",
        ["darnell", "ganado"],
    ),
    (
        "omukazi ndwaire munonga, ebyokurya tabirya. omwana we kemigisha arikumureeba. "
        "they came from rukungiri.",
        "nyn",
        "omukazi ndwaire munonga",
        ["kemigisha", "rukungiri"],
    ),
    (
        "called the family of marehemu wekesa; mjane wake nafula anasema mazishi "
        "yalifanyika jumamosi huko bungoma.",
        "sw",
        "anasema mazishi yalifanyika jumamosi",
        ["wekesa", "nafula", "bungoma"],
    ),
]


@pytest.mark.parametrize(("text", "language", "talk", "identifiers"), NOTES)
def test_everyday_words_of_the_notes_language_are_talk_and_its_names_are_found(
    deid: Deidentifier, text: str, language: str, talk: str, identifiers: list[str]
) -> None:
    assert language in note_languages(text)
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, talk) == []
    for needle in identifiers:
        assert uncovered_tokens(text, findings, needle) == [], needle


@pytest.mark.parametrize(
    "text",
    [
        # One or two such words in an English note make no language: "kemi" and "tana"
        # are names here.
        "Kemi Adeola and Tana Ruiz came to clinic; both doing well on letrozole.",
        "ara is a word of the chart; nothing else in this note is Yoruba or Igbo.",
    ],
)
def test_a_few_words_make_no_language(text: str) -> None:
    assert note_languages(text) & {"ceb", "ha", "ig", "yo", "ta", "nv", "nyn"} == set()


def test_an_everyday_word_capitalised_only_as_a_sentences_first_is_talk(
    deid: Deidentifier,
) -> None:
    text = (
        "family meeting at home, mzee ana maumivu makali. Kesho tutarudi na dawa. "
        "wanasema hali ni mbaya kidogo. his son Barasa will call."
    )
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "Kesho tutarudi na dawa") == []
    assert uncovered_tokens(text, findings, "Barasa") == []


def test_a_shortened_given_name_opening_a_line_is_no_sentences_first_word(
    deid: Deidentifier,
) -> None:
    # "ma" is an everyday Tagalog word, but "Ma." is Maria's short form.
    text = (
        "masakit pa rin ang tiyan ni lola, ayaw kumain kahapon. salamat po.\nMa. Luisa Santos, BHW"
    )
    assert uncovered_tokens(text, deid.analyze(text), "Ma. Luisa Santos") == []


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("ward round: bed 4 mazi Obinna Ude 70M, ca prostate.", "mazi", "Obinna Ude"),
        ("name: Tmt. Kaveri Sundaram, ca ovary. Thiru Arumugam present.", "Tmt", "Kaveri"),
        ("name: Tmt. Kaveri Sundaram, ca ovary. Thiru Arumugam present.", "Thiru", "Arumugam"),
        ("pt Datu Usman Ampatuan, 61M, ca rectum.", "Datu", "Usman Ampatuan"),
        ("her husband malam Shehu will come tomorrow.", "malam", "Shehu"),
        ("Sebo Mukasa the nurse will call back.", "Sebo", "Mukasa"),
        ("chemo checked by RPh Ana Dizon.", "RPh", "Ana Dizon"),
    ],
)
def test_honorifics_of_more_languages_announce_a_name_and_stay(
    deid: Deidentifier, text: str, title: str, name: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, title) == []


def test_a_vietnamese_compound_is_talk_though_one_syllable_is_a_name(
    deid: Deidentifier,
) -> None:
    text = (
        "phiếu chăm sóc: bn ung thư phổi, mệt nhiều, ăn ít. gia đình đồng ý chăm sóc giảm "
        "nhẹ tại nhà. con gái là chị Thư ở quận 3."
    )
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "gia đình đồng ý chăm sóc giảm nhẹ") == []
    # The same syllable alone, after a kinship word, is still the daughter's name.
    assert uncovered_tokens(text, findings, "Thư") == []


def test_a_name_syllable_outside_its_compound_is_still_a_name(deid: Deidentifier) -> None:
    text = (
        "bn nữ 58 tuổi, ung thư cổ tử cung, đau bụng nhiều. chồng là anh bình làm ruộng. "
        "huyết áp bình thường."
    )
    findings = deid.analyze(text)
    # The first "bình", the husband's name, comes before the compound's.
    assert uncovered_tokens(text, findings, "bình") == []
    assert touched_tokens(text, findings, "huyết áp bình thường") == []
