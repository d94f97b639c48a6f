"""The second model's guesses (second_model.GUESS_MARGIN, nlp.GreedyNer): what it reads when
made less sure that a token is outside every entity, proposed only where a word of it may be
a name and only in the gaps the rest of the de-identifier left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from echo_cases.deid import analyzer, second_model
from echo_cases.deid.analyzer import Deidentifier
from echo_cases.deid.nlp import MODEL_SECOND_PATH, Annotator, entities_of, load_model, reading_of
from echo_cases.deid.second_model import GUESS_MARGIN, guess_margin, worth_a_guess
from echo_cases.deid.training.calibrate import outside_shift, shifted_copy
from tests.deid.helpers import uncovered_tokens

# Invented texts: prose, chat, capitals, an address and other scripts.
TEXTS = [
    "Seen by Dr. Halvorsen at 3 p.m.; her daughter Ines Carvalho lives in Porto Alegre.",
    "pt says her brother kofi mensah will call from kumasi tmrw",
    "Flat 4, 17 Birchwood Lane, Leeds LS6 2QT  tel 0113 496 0012",
    "REFERRED BY MS ADAEZE OKAFOR (GP, ENUGU) ON 12/03/2024 FOR CA CERVIX",
    "Transferred from Green Valley on 3 March; her son Tomasz Wierzbicki drove her.",
    "she walked from the pharmacy near the gate with tante Ouedraogo to Koudougou.",
    "Пациентка Анна Сергеевна Волкова, Казань, осмотрена 5 мая.",
    "Okonkwo",
]


@pytest.fixture(scope="module")
def models() -> tuple[Annotator, Annotator]:
    first = Annotator(load_model())
    second = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab), guess_margin=GUESS_MARGIN)
    return first, second


def test_the_guesses_are_what_the_model_made_less_sure_opens_besides_its_entities(
    models: tuple[Annotator, Annotator], tmp_path: Path
) -> None:
    first, second = models
    shift = outside_shift(second.nlp) + GUESS_MARGIN
    less_sure = load_model(shifted_copy(MODEL_SECOND_PATH, shift, tmp_path), first.nlp.vocab)
    guessed = 0
    for text in TEXTS:
        doc, reading = first.annotate_with(text, second)
        # spaCy's own parser (not GreedyNer) reads the shifted copy, on the same tokens.
        theirs = second.copy_tokens(doc)
        for _, component in less_sure.pipeline:
            theirs = component(theirs)
        assert reading.guesses == [e for e in entities_of(theirs) if e not in reading.entities]
        assert reading.entities == entities_of(second.annotate_tokens(doc))
        guessed += len(reading.guesses)
    assert guessed  # the texts hold guesses: the comparison above compared something


def test_texts_read_together_are_guessed_as_one_by_one(models: tuple[Annotator, Annotator]) -> None:
    first, second = models
    docs = first.pipe(TEXTS, batch_size=4)
    together = [reading_of(doc) for doc in second.pipe_tokens(docs, batch_size=4)]
    assert together == [first.annotate_with(text, second)[1] for text in TEXTS]


def test_a_model_without_a_margin_guesses_nothing(models: tuple[Annotator, Annotator]) -> None:
    first, _ = models
    plain = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))
    assert all(not first.annotate_with(text, plain)[1].guesses for text in TEXTS)


def test_the_setting_turns_the_guesses_off_or_sets_their_margin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(second_model.GUESS_SETTING, raising=False)
    assert guess_margin() == GUESS_MARGIN
    monkeypatch.setenv(second_model.GUESS_SETTING, "off")
    assert guess_margin() == 0.0
    monkeypatch.setenv(second_model.GUESS_SETTING, "1.5")
    assert guess_margin() == 1.5


def _worth(text: str, guess: str) -> bool:
    start = text.index(guess)
    return worth_a_guess(text, start, start + len(guess))


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("Ngozi was seen with her aunt Adaobiuche at the clinic.", "Adaobiuche"),
        ("seen with her aunt adaobiuche at the clinic today", "adaobiuche"),
        ("Results were discussed with Ms Chidinma Okafor-Ezeh in clinic.", "Okafor-Ezeh"),
        ("The review was with Comfort and her son.", "Comfort"),
    ],
)
def test_a_guess_holding_a_word_that_may_be_a_name_is_worth_proposing(
    text: str, guess: str
) -> None:
    assert _worth(text, guess)


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # Known words, titles and the clinic's words.
        ("Should the Pastor be told? Mwangi asked.", "Pastor"),
        ("the 3rd Cross-match was compatible, transfused.", "3rd Cross"),
        ("Ki-67 40%, HER-2 negative, CA 15-3 of 88.", "HER-2"),
        ("she walked from the pharmacy near the gate.", "the gate"),
        # A weekday of another language.
        ("fever since shanbe, off oxygen panjshanbe", "oxygen panjshanbe"),
        # In a line written in both cases, a word in small letters.
        ("wohnhaft in Mount Hagen, die sich gestern vorstellte.", "die sich"),
        # A name that is a word, capitalised as a sentence's first word.
        ("Family met at 15:00. Comfort focus discussed.", "Comfort"),
        # Unknown words: short ones, a sentence's first, a label's, another script's.
        ("Tele SR 70s. Tol reg diet.", "Tol"),
        ("Dirujuk ke RSUP. Anaknya tinggal di kota.", "Anaknya"),
        ("Novi Beograd\nDijagnoza: Wilmsov tumor", "Dijagnoza"),
        ("Дата: 26.11.2024 Подпись: Сафаров", "Подпись"),
        # A note that switches into a language the dictionaries do not read.
        (
            "con gái chị loan nói nhà ở xa, phải đi xe buýt lên khám. bn táo bón.",
            "nói nhà ở xa",
        ),
    ],
)
def test_a_guess_of_words_that_explain_themselves_is_not(text: str, guess: str) -> None:
    assert not _worth(text, guess)


@pytest.fixture(scope="module")
def without_guesses() -> Iterator[Deidentifier]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(second_model.GUESS_SETTING, "off")
        yield Deidentifier()


# A clinic's short form no dictionary holds, where a place can sit, that nothing but the
# guesses finds (the words around it are the sentence's).
A_GAP = (
    "sorry to text on weekend. she is at her daughter's place in Kayenta now. can she get "
    "in to UNMCCC this week? her number is 505-786-2213."
)


@pytest.mark.parametrize("text", [*TEXTS, A_GAP])
def test_guesses_only_add_to_what_the_de_identifier_finds(
    deid: Deidentifier, without_guesses: Deidentifier, text: str
) -> None:
    with_them = deid.analyze(text)
    for f in without_guesses.analyze(text):
        assert any(g.start <= f.start and f.end <= g.end for g in with_them), text[f.start : f.end]


def test_a_guess_fills_a_gap_the_rest_left(
    deid: Deidentifier, without_guesses: Deidentifier
) -> None:
    assert uncovered_tokens(A_GAP, without_guesses.analyze(A_GAP), "UNMCCC") == ["UNMCCC"]
    assert uncovered_tokens(A_GAP, deid.analyze(A_GAP), "UNMCCC") == []


def test_a_guess_never_redraws_a_name_the_rules_found(deid: Deidentifier) -> None:
    text = "ward round: bed 4 mazi Obinna Ude 70M, ca prostate."
    found = [text[f.start : f.end] for f in deid.analyze(text)]
    assert found == ["Obinna Ude"]


@pytest.mark.parametrize(
    ("text", "found", "piece"),
    [
        # What a guess holds beside a finding starts at a word's start, marks kept.
        ("Seen with Mary's mother Adaobiuche today.", "Mary", "mother Adaobiuche"),
        ("Signed Ana Jose\u0301 today.", "Ana", "Jose\u0301"),
    ],
)
def test_what_a_guess_holds_beside_a_finding_is_whole_words(
    text: str, found: str, piece: str
) -> None:
    start = text.index(found)
    after = start + len(found)
    assert text[slice(*analyzer._words_within(text, after, len(text) - len(" today.")))] == piece


def test_a_setting_that_is_no_margin_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(second_model.GUESS_SETTING, "lots")
    with pytest.raises(ValueError, match=second_model.GUESS_SETTING):
        guess_margin()
    monkeypatch.setenv(second_model.GUESS_SETTING, "on")
    assert guess_margin() == GUESS_MARGIN
