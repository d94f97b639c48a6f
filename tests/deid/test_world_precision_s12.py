"""Notes from hubs in many countries (session 12): ordinary words of Spanish and
Portuguese are not names or places, and what does name one is still found.

- A facility's kind after an article or a preposition ("al hospital", "ao hospital", "to
  a hospital") has no name before it: the words before are the sentence's; in Spanish
  and Portuguese the name, if any, follows the kind (landmarks.py).
- One of the commonest words of a language clinicians write ("pero", "como", "uma"), in
  small letters or capitals, is no town, though GeoNames has a town of that name
  (gazetteer.py).
- A note written in Spanish or Portuguese is known by its commonest words even when
  English text quotes them often ("que", "dice"), and a model finding made only of very
  common words of the language is the sentence (note_languages.py).
- More everyday words of the languages notes switch into (Malayalam, a new list; more
  Hindustani, Tamil, Vietnamese), and relatives and roles by their local word ("magan",
  "pati", "Chaplain", "CHEW", "Enf.") before a name: the word stays, the name is found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.gazetteer import known_places
from echo_cases.deid.landmarks import facilities_of_ordinary_words
from echo_cases.deid.note_languages import is_very_common_talk, note_languages
from tests.deid.helpers import touched_tokens, uncovered_tokens


def _spans(text: str) -> list[str]:
    return [text[a:b] for _, a, b in facilities_of_ordinary_words(text)]


@pytest.mark.parametrize(
    ("text", "sentence", "facility"),
    [
        (
            "le bajamos la dosis y la trasladamos al hospital general de occidente el martes",
            "le bajamos la dosis y la trasladamos al",
            "hospital general de occidente",
        ),
        (
            "fizemos curativo e encaminhamos ao hospital regional do agreste, sem vaga",
            "fizemos curativo e encaminhamos ao",
            "hospital regional do agreste",
        ),
    ],
)
def test_a_facility_named_after_its_kind_keeps_the_sentence_before_it(
    text: str, sentence: str, facility: str
) -> None:
    spans = _spans(text)
    assert all(sentence not in s and "dosis" not in s and "curativo" not in s for s in spans)
    assert spans == [] or spans == [facility]


def test_a_facility_named_before_its_kind_is_still_read_back() -> None:
    text = "referred from kakuma mission hospital with a mass"
    assert _spans(text) == ["kakuma mission hospital"]


def test_an_article_before_the_kind_in_english_leaves_no_name() -> None:
    text = "shown the ropes, wambugu drove her to a hospital near the market"
    assert all("drove" not in s for s in _spans(text))


def test_a_facility_kind_after_a_contraction_takes_no_word_before_it() -> None:
    text = "se le puso ondansetrón y se llamó al hospital de la mujer para cama."
    assert all("llamó" not in s and "puso" not in s for s in _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "dolor controlado con morfina, pero sigue con náusea por la noche",
        "DOR CONTROLADA, PERO AINDA NÃO DORME",
        "ela comeu uma banana hoje, como ontem",
    ],
)
def test_the_commonest_words_of_a_language_are_no_town(text: str) -> None:
    assert known_places(text) == []


def test_a_town_with_a_capital_is_still_a_town() -> None:
    text = "moved back to her daughter's in Como, Lombardy, last spring"
    assert [text[a:b] for a, b in known_places(text)] == ["Como"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("la señora dice que ya no quiere comer, solo toma agua", "es"),
        ("a filha dice que ela não quer comer mais, só toma água", "pt"),
    ],
)
def test_a_note_is_known_by_its_commonest_words(text: str, language: str) -> None:
    assert language in note_languages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mrs de la Cruz came to clinic today, doing well on letrozole, no pain.",
        "bp lo, hr hi, le edema 1+, si units used for labs",
    ],
)
def test_an_english_note_with_a_spanish_particle_or_shorthand_is_no_spanish_note(
    text: str,
) -> None:
    assert note_languages(text) & {"es", "pt"} == set()


_SPANISH_NOTE = (
    "visita en casa: la señora no quiere comer, dice que le duele todo. su hija marisol "
    "la cuida, pero no hay dinero para ir al hospital civil. vive en porto velho."
)


@pytest.mark.parametrize("words", ["dice que le", "no quiere", "pero no"])
def test_very_common_words_of_the_note_are_talk(words: str) -> None:
    at = _SPANISH_NOTE.index(words)
    assert is_very_common_talk(_SPANISH_NOTE, at, at + len(words))


@pytest.mark.parametrize("words", ["marisol", "hospital civil", "porto velho", "su hija marisol"])
def test_names_places_and_facilities_are_not_talk(words: str) -> None:
    at = _SPANISH_NOTE.index(words)
    assert not is_very_common_talk(_SPANISH_NOTE, at, at + len(words))


def test_very_common_words_are_talk_only_in_a_spanish_or_portuguese_note() -> None:
    text = "pt says no more pain today, will come back monday with her son"
    at = text.index("no more")
    assert not is_very_common_talk(text, at, at + len("no more"))


# (note, its language, talk that must stay, names and places that must still be found)
NOTES = [
    (
        "pain clinic visit: ammachi has vedana kooduthal aanu at night, bhakshanam "
        "kazhikkunilla. makal aanu nokkunnathu; her son joseph works in kottayam.",
        "ml",
        "vedana kooduthal aanu",
        ["joseph", "kottayam"],
    ),
    (
        "asha visit: chacha ke muh me chhala hai 2 mahine se, khaini khata tha. unke bete "
        "dinesh ko bola ki phc le jaye.",
        "hi",
        "2 mahine se, khaini khata tha",
        ["dinesh"],
    ),
    (
        "bn than táo bón, vàng da tăng. con gái chị loan nói nhà ở xa, phải đi xe buýt lên "
        "khám. sau 3 đợt hóa trị.",
        "vi",
        "đi xe buýt lên",
        ["loan"],
    ),
]


@pytest.mark.parametrize(("text", "language", "talk", "identifiers"), NOTES)
def test_everyday_words_of_more_languages_are_talk_and_names_are_found(
    deid: Deidentifier, text: str, language: str, talk: str, identifiers: list[str]
) -> None:
    assert language in note_languages(text)
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, talk) == []
    for needle in identifiers:
        assert uncovered_tokens(text, findings, needle) == [], needle


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("home care done. Magal Revathi and marumagan Kumar caring.", "Magal", "Revathi"),
        ("khana kam kha rahi. patni Geeta bhi saath hai.", "patni", "Geeta"),
        ("Chaplain Adeyinka prayed with the family.", "Chaplain", "Adeyinka"),
        ("Referred by CHEW Danjuma from the PHC.", "CHEW", "Danjuma"),
        ("Curativo trocado. Enf. Patrícia Gomes", "Enf", "Patrícia Gomes"),
    ],
)
def test_relatives_and_roles_before_a_name_are_words_and_the_name_is_found(
    deid: Deidentifier, text: str, word: str, name: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, word) == []


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("night pain worse, Neurontin-like: Gabalin 75 hs started, review 1 wk", "Gabalin"),
        ("fever 2 days, Calpol 500 tds and fluids, mother reassured", "Calpol"),
        ("constipated, Cremaffin 15 hs, walk more", "Cremaffin"),
    ],
)
def test_a_brand_before_its_bare_strength_and_how_often_is_a_drug(
    deid: Deidentifier, text: str, drug: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), drug) == []


@pytest.mark.parametrize(
    "text",
    ["acidity, so Pan 40 od before food", "Rantac 150 bd, Pan 20 sos for heartburn"],
)
def test_a_titled_word_before_a_short_number_is_no_national_id(
    deid: Deidentifier, text: str
) -> None:
    assert all(f.entity_type.value != "ID" for f in deid.analyze(text))


def test_a_national_id_after_its_label_in_capitals_is_still_found(deid: Deidentifier) -> None:
    text = "KYC: PAN ABCPK4821L, Aadhaar 4821 7730 1295"
    assert uncovered_tokens(text, deid.analyze(text), "ABCPK4821L") == []
    assert uncovered_tokens(text, deid.analyze(text), "4821 7730 1295") == []


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Conduta: manter Granisetrona antes da QT e reavaliar em 7 dias.", "Granisetrona"),
        ("Se indica Palonosetrona previo a la quimioterapia.", "Palonosetrona"),
    ],
)
def test_a_drug_written_as_spanish_or_portuguese_write_it_survives(
    deid: Deidentifier, text: str, drug: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), drug) == []


@pytest.mark.parametrize("name", ["Marina", "Regina", "Cristina", "Josefina"])
def test_a_given_name_with_a_drugs_ending_is_no_drug(name: str) -> None:
    from echo_cases.deid.vocabulary import is_drug_in_another_language

    assert not is_drug_in_another_language(name)


def test_very_common_words_with_no_function_word_are_no_sentence() -> None:
    # Invented: a neighbourhood named in very common words ("buena vida nueva"), all small,
    # in a Spanish note. A sentence carries an article, a conjunction or a verb such as
    # "hay"; a name's particle ("de") is no such word.
    text = "vive en la colonia buena vida nueva, pero no tiene carro y hay dolor"
    for words in ("buena vida nueva", "colonia buena vida nueva"):
        at = text.index(words)
        assert not is_very_common_talk(text, at, at + len(words)), words
    at = text.index("pero no tiene")
    assert is_very_common_talk(text, at, at + len("pero no tiene"))
