"""What the trained model adds: names and places wherever they stand, in any letter case.

Examples written for these tests, in genres and shapes no rule has a cue for. The model
is the shipped one (echo_cases/deid/model); the figures on whole corpora live in
test_quality.py.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from echo_cases.deid import Deidentifier
from echo_cases.deid.nlp import entities_of
from echo_cases.deid.recognizers import learned

from .helpers import touched_tokens, uncovered_tokens

# (text, the identifier inside it that must be redacted)
FOUND = {
    "a message typed in small letters": (
        "hi dr pls advise, pt kibet chepkoech 52m from eldoret, psa 48, bone pain",
        "kibet chepkoech",
    ),
    "a name in capitals pasted from an old record": (
        "NAME: OTIENO, BRIAN ODHIAMBO   SEX: M   WARD: 4B",
        "OTIENO, BRIAN ODHIAMBO",
    ),
    "a name that is an ordinary word": (
        "Blessing Moyo came back with her results on Tuesday.",
        "Blessing Moyo",
    ),
    "a one-word name opening a sentence": ("Thandeka declined the biopsy.", "Thandeka"),
    "a signature block": (
        "Kind regards,\nNomvula Dlamini\nRegistrar, Oncology\nEdendale Hospital",
        "Nomvula Dlamini",
    ),
    "a town named without any cue": (
        "She sells tomatoes at the market in Mbarara every week.",
        "Mbarara",
    ),
}

# (text, clinical content that must survive)
SURVIVE = {
    "vital signs and drips": "BP 110/70, HR 88, SpO2 96% on 2 L, propofol 20 ml/h, norad 0.1",
    "ventilator settings": "SIMV 12/500/5, FiO2 0.4, PEEP 8, weaning to PS 10/5",
    "capitalised clinical prose": "Tamoxifen started. Herceptin held for low EF.",
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_the_model_finds_names_and_places_that_no_rule_cues(case: str, deid: Deidentifier) -> None:
    text, needle = FOUND[case]
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize("case", sorted(SURVIVE))
def test_clinical_shorthand_stays(case: str, deid: Deidentifier) -> None:
    text = SURVIVE[case]
    assert touched_tokens(text, deid.analyze(text), text) == []


def _doc(deid: Deidentifier, text: str, ents: list[tuple[int, int, str]]) -> Doc:
    doc = deid.nlp_engine.nlp["en"].make_doc(text)
    doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents]
    return doc


def _found(text: str, doc: Doc) -> list[str]:
    """What the analyzer keeps of the entities of ``doc`` (``learned.from_entities``)."""
    return [text[r.start : r.end] for r in learned.from_entities(text, entities_of(doc))]


def test_a_date_id_or_contact_without_its_shape_is_not_reported(deid: Deidentifier) -> None:
    text = "Symptoms began about seven weeks ago; call her on 0722 345 678."
    doc = _doc(deid, text, [(0, 14, "DATE"), (50, 62, "CONTACT")])
    assert _found(text, doc) == ["0722 345 678"]


def test_in_text_with_capitals_a_name_loses_small_words_at_its_edges(
    deid: Deidentifier,
) -> None:
    text = "Her neighbor Aldo brings her to visits."
    doc = _doc(deid, text, [(4, 24, "PERSON")])
    assert _found(text, doc) == ["Aldo"]


def test_a_name_of_ordinary_words_opening_a_sentence_is_dropped_unless_it_is_a_name(
    deid: Deidentifier,
) -> None:
    text = "They came. Grace came."
    doc = _doc(deid, text, [(0, 4, "PERSON"), (11, 16, "PERSON")])
    assert _found(text, doc) == ["Grace"]


def test_in_text_without_capitals_the_model_is_taken_at_its_word(deid: Deidentifier) -> None:
    # Ordinary words stay in its names ("visited aldo" may be a name); only a title or a
    # kinship word opening one goes ("neighbor aldo" is "aldo": below).
    text = "pt seen today, visited aldo after lunch"
    doc = _doc(deid, text, [(15, 27, "PERSON")])
    assert _found(text, doc) == ["visited aldo"]


@pytest.mark.parametrize(
    ("value", "is_date"),
    [
        ("12/03/1985", True),
        ("2024-03-15", True),
        ("20240315", True),
        ("3 March", True),
        ("5 de mayo", True),
        ("2019", False),
        ("14:15", False),
        ("36.7", False),
        ("1615", False),
    ],
)
def test_a_date_found_by_the_model_must_be_able_to_be_a_date(value: str, is_date: bool) -> None:
    assert learned.has_shape("DATE", value) is is_date


@pytest.mark.parametrize("word", ["work-up", "e-cigarettes", "HIV-negative"])
def test_a_compound_of_ordinary_words_is_ordinary(word: str) -> None:
    from echo_cases.deid.candidates import is_ordinary_word

    assert is_ordinary_word(word)


def _places(deid: Deidentifier, text: str, span: str) -> list[str]:
    start = text.index(span)
    doc = _doc(deid, text, [(start, start + len(span), "LOCATION")])
    return _found(text, doc)


@pytest.mark.parametrize(
    ("text", "span", "found"),
    [
        # The sentence going on after a place is not the place (and four digits left
        # between small words are a year or a clock time, test_icu_values).
        (
            "Title VII of the Act of 2004 protects individuals against discrimination.",
            "2004 protects individuals against discrimination",
            [],
        ),
        ("Referred from Kisumu yesterday for review.", "Kisumu yesterday", ["Kisumu"]),
        ("Bệnh nhân Hùng, nam, 55 tuổi, quê Thái Bình.", "55 tuổi", []),
        # A street, a facility or a settlement keeps its small words, and a flat its number.
        ("She lives at 12 fourth avenue, calgary.", "12 fourth avenue, calgary", None),
        ("Seen at the grundy clinic today.", "grundy clinic", None),
        ("Daria at vul. Shevchenka 14, kv. 3, Vinnytsia.", "kv. 3", ["3"]),
        # A place opens with no kinship word: the model's "place" is a grandson.
        ("Lives near Window Rock. Grandson Derrick calls weekly.", "Grandson Derrick", ["Derrick"]),
    ],
)
def test_in_text_with_capitals_a_place_ends_with_its_own_words(
    deid: Deidentifier, text: str, span: str, found: list[str] | None
) -> None:
    assert _places(deid, text, span) == ([span] if found is None else found)


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("CHR delbert will check on her thursday.", "CHR delbert", "delbert"),
        ("pt seen with her neighbor aldo today", "neighbor aldo", "aldo"),
        ("Alta com orientação. Filho Márcio telefone 11 97321-0456.", "Filho Márcio", "Márcio"),
        # A kinship word that is also a given name stays: "nora" is a daughter-in-law in
        # Portuguese, "Nora" a name.
        ("Nora Vlčková found a lump.", "Nora Vlčková", "Nora Vlčková"),
    ],
)
def test_a_name_found_by_the_model_loses_the_titles_and_kin_that_open_it(
    deid: Deidentifier, text: str, span: str, name: str
) -> None:
    start = text.index(span)
    doc = _doc(deid, text, [(start, start + len(span), "PERSON")])
    assert _found(text, doc) == [name]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        # What a relative does, in the languages of the notes (data/words/verbs_after_names/):
        # the name the model ran on into the verb ends before it, in any case.
        ("su esposo don teófilo trabaja en la chacra.", "teófilo trabaja", "teófilo"),
        ("SU HIJA YESENIA LLAMA CADA DÍA.", "YESENIA LLAMA", "YESENIA"),
        ("a filha rosilene acompanha a paciente.", "rosilene acompanha", "rosilene"),
        ("sa fille aminata travaille à thiès.", "aminata travaille", "aminata"),
        ("son mari moussa joignable au 76 12 34 56.", "moussa joignable", "moussa"),
        # A name after the verb is still the model's name: "Yesenia llama a Rosa Quispe".
        ("yesenia llama rosa quispe", "yesenia llama rosa quispe", "yesenia llama rosa quispe"),
    ],
)
def test_a_name_the_model_ran_on_into_a_verb_of_another_language_ends_before_it(
    deid: Deidentifier, text: str, span: str, name: str
) -> None:
    start = text.index(span)
    doc = _doc(deid, text, [(start, start + len(span), "PERSON")])
    assert _found(text, doc) == [name]
