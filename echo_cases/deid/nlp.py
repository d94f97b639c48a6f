"""The de-identifier's spaCy pipeline: the trained model shipped in ``echo_cases/deid/model``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy
import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

# Trained by ``make deid-model`` (echo_cases/deid/training); weights ship in the package.
MODEL_PATH = Path(__file__).resolve().parent / "model"


class MatmulOps(NumpyOps):
    """thinc's NumpyOps, its matrix products done by numpy's BLAS.

    The blis that thinc's wheel bundles selects its portable "generic" kernels on the
    machines we measured (an AMD EPYC under a hypervisor): numpy's OpenBLAS multiplies
    tok2vec's matrices about 2.5 times faster there. Every other operation, and the
    parser's own per-step products, stay thinc's.
    """

    name = "echo_matmul"

    def gemm(  # type: ignore[override]
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def blas_single_threaded() -> bool:
    """Whether numpy's OpenBLAS was told to use one thread (echo_cases.deid sets it so).

    With threads, OpenBLAS spends more CPU on such small products than it saves.
    """
    return os.environ.get("OPENBLAS_NUM_THREADS") == "1"


def use_matmul_ops(nlp: Language) -> None:
    """Run the pipeline's matrix products on numpy's BLAS (MatmulOps)."""
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model: Any = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def load_model(model_path: Path = MODEL_PATH) -> Language:
    nlp = spacy.load(model_path)
    if blas_single_threaded():
        use_matmul_ops(nlp)
    return nlp


def annotate(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, each component called in turn."""
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


class EchoSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over our own model, loaded from the package, never fetched."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": str(model_path)}])
        self.model_path = model_path

    def load(self) -> None:
        self.nlp = {"en": load_model(self.model_path)}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # Without a lemmatizer, lower-cased tokens serve Presidio's context matching.
        return NlpArtifacts(
            entities=list(doc.ents),
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lower_ for t in doc],
            nlp_engine=self,
            language=language,
            scores=[0.85] * len(doc.ents),
        )
