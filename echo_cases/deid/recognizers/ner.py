"""spaCy's statistical NER as a backstop for names and places the rules did not cue."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from echo_cases.deid import lexicon

# spaCy label -> (our subtype, score). ORG is only a facility or employer if the rules say so.
_LABELS: dict[str, tuple[str, float]] = {
    "PERSON": ("PERSON", 0.6),
    "GPE": ("LOCATION", 0.55),
    "LOC": ("LOCATION", 0.5),
    "FAC": ("LOCATION", 0.5),
}
NER_SOURCE = "EchoSpacyRecognizer"


class SpacyNerRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted({s for s, _ in _LABELS.values()}),
            name=NER_SOURCE,
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        results = []
        for ent in nlp_artifacts.entities:
            mapped = _LABELS.get(ent.label_)
            if mapped is None:
                continue
            subtype, score = mapped
            value = ent.text.strip()
            low = value.lower()
            if (
                not value
                or not value[0].isupper()
                or low in lexicon.NON_IDENTIFYING_PLACES
                or low in lexicon.CLINICAL_ACRONYMS
                or low in lexicon.DRUG_BRANDS
            ):
                continue
            results.append(
                RecognizerResult(
                    subtype,
                    ent.start_char,
                    ent.end_char,
                    score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
