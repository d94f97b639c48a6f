"""The model finds the same identifiers whichever BLAS multiplies its matrices, and however
the Docs are made (nlp.py's Annotator: the tokenizer's cache filled, tok2vec fused, the
entities read by GreedyNer).

nlp.py hands the model's matrix products to numpy's OpenBLAS when it runs on one thread
(echo_cases.deid says so before numpy loads); thinc's own blis is the fallback. Sums
taken in another order differ in their last bits: what the model finds must not.
(Every corpus is compared prediction by prediction with benchmarks/deid_predictions.py.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import Linear

from echo_cases.deid.nlp import (
    MODEL_PATH,
    Annotator,
    FusedTok2Vec,
    GreedyNer,
    MatmulOps,
    blas_single_threaded,
    load_model,
)

DEV = Path(__file__).parent / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:60]


def _entities(nlp: Language, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]


def test_the_package_asks_numpy_for_one_blas_thread() -> None:
    assert os.environ.get("OPENBLAS_NUM_THREADS") == "1"
    assert blas_single_threaded()


def test_the_shipped_pipeline_multiplies_on_numpy() -> None:
    nlp = load_model()
    ops = {type(node.ops) for _, pipe in nlp.pipeline for node in pipe.model.walk()}
    assert ops == {MatmulOps}


def test_numpy_and_blis_find_the_same_identifiers(texts: list[str]) -> None:
    on_numpy = _entities(load_model(), texts)
    on_blis = _entities(spacy.load(MODEL_PATH), texts)
    assert on_numpy == on_blis
    assert sum(map(len, on_numpy)) > 5 * len(texts)  # the texts are full of identifiers


def _same_docs(ours: list[Doc], theirs: list[Doc]) -> bool:
    return all(
        [t.text for t in a] == [t.text for t in b]
        and numpy.array_equal(a.tensor, b.tensor)
        and [(e.start_char, e.end_char, e.label_) for e in a.ents]
        == [(e.start_char, e.end_char, e.label_) for e in b.ents]
        for a, b in zip(ours, theirs, strict=True)
    )


def test_the_annotator_makes_the_docs_spacy_makes(texts: list[str]) -> None:
    annotator = Annotator(load_model())
    reference = load_model()
    assert annotator.fused  # the shipped model is the architecture it fuses
    # Twice: the second time every word comes from the tokenizer's cache.
    for _ in range(2):
        assert _same_docs([annotator.annotate(t) for t in texts], [reference(t) for t in texts])
        assert _same_docs(annotator.pipe(texts, 16), list(reference.pipe(texts, batch_size=16)))
    assert _same_docs([annotator.annotate("")], [reference("")])


def test_another_architecture_is_run_as_it_is() -> None:
    assert FusedTok2Vec.of(Linear(4, 4)) is None


# Whitespace tokens (no entity starts on one), an entity ending the text (In needs a token
# after it), entities longer than GreedyNer's block of four tokens, capitals, one token.
NER_TEXTS = [
    "Seen by Dr John Smith",
    "Patient:  Amina   Wanjiru\n\n  DOB 12/03/1961\n \n",
    "Kenyatta National Hospital of the University of Nairobi, Nairobi County, Kenya, on 3 May",
    "PT MWANGI PETER KAMAU SEEN AT MOI TEACHING AND REFERRAL HOSPITAL ELDORET 14/02/2024",
    "call 0722 345 678 or a.b@example.org; MRN 88251049, SSN 123-45-6789, aged 93",
    "Smith",
    "   \n ",
    "her son Isabela brings her; Okafor's daughter, Ngozi Okafor-Ade, lives in Ibadan",
]


def _entity_marks(doc: Doc) -> tuple[list[tuple[int, int, str]], list[list[int]]]:
    return (
        [(e.start, e.end, e.label_) for e in doc.ents],
        doc.to_array([ENT_IOB, ENT_TYPE]).tolist(),
    )


def test_greedy_ner_takes_the_moves_spacys_parser_takes(texts: list[str]) -> None:
    annotator = Annotator(load_model())
    reference = load_model()
    greedy = annotator.greedy
    assert greedy is not None  # the shipped NER is the one GreedyNer reads
    for text in [*texts, *NER_TEXTS]:
        assert _entity_marks(annotator.annotate(text)) == _entity_marks(reference(text)), text
    # Batched: the NER parses a quarter of a batch at once, shortest first.
    batched = [*NER_TEXTS, *texts]
    ours = annotator.pipe(batched, 8)
    theirs = list(reference.pipe(batched, batch_size=8))
    assert [_entity_marks(d) for d in ours] == [_entity_marks(d) for d in theirs]
    assert greedy.fallbacks < len(texts) / 10  # spaCy decided few of them


def _tok2vec_only(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    return nlp.get_pipe("tok2vec")(doc)


def test_where_a_move_is_too_close_to_call_spacy_reads_the_doc(texts: list[str]) -> None:
    nlp = load_model()
    ner = nlp.get_pipe("ner")
    greedy = GreedyNer.of(ner)
    assert greedy is not None
    greedy.gamma = numpy.float32(1e6)  # every bound wider than any lead
    for text in texts[:10]:
        ours = greedy(_tok2vec_only(nlp, text))
        assert _entity_marks(ours) == _entity_marks(ner(_tok2vec_only(nlp, text)))
    assert greedy.fallbacks == 10


def test_a_doc_with_entities_set_beforehand_is_read_by_spacy() -> None:
    nlp = load_model()
    ner = nlp.get_pipe("ner")
    greedy = GreedyNer.of(ner)
    assert greedy is not None
    text = "Referred by Dr Okello from Gulu on 3 May 2024"
    docs = [_tok2vec_only(nlp, text) for _ in range(2)]
    for doc in docs:
        doc.set_ents([Span(doc, 4, 5, label="LOCATION")], default="unmodified")
    assert _entity_marks(greedy(docs[0])) == _entity_marks(ner(docs[1]))
    assert greedy.fallbacks == 1


def test_another_ner_is_run_as_it_is() -> None:
    assert GreedyNer.of(Linear(4, 4)) is None
