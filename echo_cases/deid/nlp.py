"""The de-identifier's spaCy pipeline: the trained model shipped in ``echo_cases/deid/model``."""

from __future__ import annotations

from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

# Trained by ``make deid-model`` (echo_cases/deid/training); weights ship in the package.
MODEL_PATH = Path(__file__).resolve().parent / "model"


class EchoSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over our own model, loaded from the package, never fetched."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": str(model_path)}])
        self.model_path = model_path

    def load(self) -> None:
        self.nlp = {"en": spacy.load(self.model_path)}

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
