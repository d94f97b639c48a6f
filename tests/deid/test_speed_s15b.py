"""Both models read from one Doc give what each read from its own (session 15, "speedB").

The second model (second_model.py) reads the tokens the first was given. For one text,
``Annotator.annotate_with`` reads the words' features and hashes them once for both
models, and reads the second model's entities from its vectors without a Doc of its own;
``analyzer._learned`` judges an entity both models read once. Each must give exactly what
the long way gives. (Every corpus is compared prediction by prediction with
benchmarks/deid_predictions.py.)
"""

from __future__ import annotations

import numpy
import pytest
from spacy.tokens import Doc

from echo_cases.deid import analyzer
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.nlp import (
    MODEL_SECOND_PATH,
    Annotator,
    Entity,
    Reading,
    entities_of,
    load_model,
)
from echo_cases.deid.recognizers import learned
from echo_cases.deid.second_model import ADDED_KINDS, beside_the_first, held_to_the_rules

# Invented texts: prose, chat, an address, special cases of the tokenizer ("Dr.", "p.m."),
# runs of spaces and new lines, other scripts, one word, and nothing at all.
TEXTS = [
    "Seen by Dr. Halvorsen at 3 p.m.; her daughter Ines Carvalho lives in Porto Alegre.",
    "pt says her brother kofi mensah will call from kumasi tmrw",
    "Flat 4, 17 Birchwood Lane, Leeds LS6 2QT  tel 0113 496 0012",
    "Referred  by\n\nMs  Adaeze  Okafor   (GP, Enugu)\t on 12/03/2024.",
    "Transferred from Green Valley on 3 March; her son Tomasz Wierzbicki drove her.",
    "Пациентка Анна Сергеевна Волкова, Казань, осмотрена 5 мая.",
    "患者 王小明 住在 台北市",
    "Okonkwo",
    "   ",
    "",
]


@pytest.fixture(scope="module")
def models() -> tuple[Annotator, Annotator]:
    first = Annotator(load_model())
    return first, Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))


def _marks(doc: Doc) -> list[tuple[int, int, str]]:
    return [(t.idx, t.ent_iob, t.ent_type_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_both_models_read_from_one_doc_find_what_each_finds_on_its_own(
    models: tuple[Annotator, Annotator], text: str
) -> None:
    first, second = models
    doc, theirs = first.annotate_with(text, second)
    alone = first.annotate(text)
    assert _marks(doc) == _marks(alone)
    assert theirs.entities == entities_of(second.annotate_tokens(alone))


def test_the_shipped_models_hash_a_tokens_features_alike(
    models: tuple[Annotator, Annotator],
) -> None:
    first, second = models
    assert first._fused is not None
    assert second._fused is not None
    assert second._fused.keys_as(first._fused)
    assert first._reads_as(second)
    doc = first.make_doc(TEXTS[0])
    # The vectors from keys hashed once are those each model computes from the Doc.
    keys = first._fused.keys([doc])
    for fused in (first._fused, second._fused):
        assert numpy.array_equal(fused.embed(*keys)[0], fused([doc])[0])


def test_the_second_models_entities_are_read_from_its_vectors_as_spacy_sets_them(
    models: tuple[Annotator, Annotator],
) -> None:
    _, second = models
    assert second.greedy is not None
    assert second.greedy.reads_vectors
    for text in TEXTS[:6]:
        doc = second.annotate(text)
        fresh = second.make_doc(text)
        assert second._fused is not None
        vectors = second._fused([fresh])[0]
        found = second.greedy.readings_of_vectors(fresh, vectors)
        assert found is not None
        assert [(s, e, label) for s, e, label in found[0]] == [
            (ent.start, ent.end, ent.label_) for ent in doc.ents
        ]


def test_where_the_second_models_move_is_too_close_to_call_spacy_reads_it(
    models: tuple[Annotator, Annotator],
) -> None:
    first, _ = models
    undecided = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))
    assert undecided.greedy is not None
    undecided.greedy.gamma = numpy.float32(1e6)  # every bound wider than any lead
    reference = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))
    for text in TEXTS[:4]:
        _, theirs = first.annotate_with(text, undecided)
        assert theirs.entities == entities_of(reference.annotate_tokens(first.annotate(text)))
    assert undecided.greedy.fallbacks == 4


def test_models_whose_features_hash_apart_are_read_each_on_its_own(
    models: tuple[Annotator, Annotator],
) -> None:
    first, _ = models
    other = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))
    assert other._fused is not None
    index, table, seed, ops = other._fused.tables[0]
    other._fused.tables[0] = (index, table, seed + 1, ops)
    assert not first._reads_as(other)
    reference = Annotator(load_model(MODEL_SECOND_PATH, first.nlp.vocab))
    reference._fused = other._fused
    for text in TEXTS[:3]:
        _, theirs = first.annotate_with(text, other)
        assert theirs.entities == entities_of(reference.annotate_tokens(first.annotate(text)))


def _findings(results: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(r.start, r.end, r.entity_type, r.score) for r in results]


@pytest.mark.parametrize("text", TEXTS[:6])
def test_the_findings_of_a_models_entities_are_those_of_each_entity_on_its_own(
    models: tuple[Annotator, Annotator], text: str
) -> None:
    first, _ = models
    entities = entities_of(first.annotate(text))
    one_by_one = [f for entity in entities for f in learned.from_entities(text, [entity])]
    assert _findings(learned.from_entities(text, entities)) == _findings(one_by_one)


def _union_the_long_way(text: str, doc: Doc, second: list[Entity]) -> list[tuple]:  # type: ignore[type-arg]
    first = learned.from_entities(text, entities_of(doc))
    have = {(r.start, r.end, r.entity_type) for r in first}
    added = [
        r
        for r in learned.from_entities(text, second)
        if (r.start, r.end, r.entity_type) not in have
        and entity_type_of(r.entity_type) in ADDED_KINDS
        and held_to_the_rules(text, r.start, r.end)
    ]
    return _findings(first + beside_the_first(text, first, added, (), entities_of(doc)))


@pytest.mark.parametrize("text", TEXTS[:6])
def test_an_entity_both_models_read_is_judged_once_with_the_same_union(
    models: tuple[Annotator, Annotator], text: str
) -> None:
    first, second = models
    doc, theirs = first.annotate_with(text, second)
    # The first model's entities read again by the second, and its own.
    for second_entities in (theirs.entities, entities_of(doc) + theirs.entities):
        reading = Reading(second_entities, [])
        assert _findings(analyzer._learned(text, doc, reading)) == _union_the_long_way(
            text, doc, second_entities
        )
