"""The model finds the same identifiers whichever BLAS multiplies its matrices.

nlp.py hands the model's matrix products to numpy's OpenBLAS when it runs on one thread
(echo_cases.deid says so before numpy loads); thinc's own blis is the fallback. Sums
taken in another order differ in their last bits: what the model finds must not.
(Every corpus is compared prediction by prediction with benchmarks/deid_predictions.py.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from echo_cases.deid.nlp import MODEL_PATH, MatmulOps, blas_single_threaded, load_model

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
