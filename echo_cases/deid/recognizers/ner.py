"""spaCy's statistical NER as a backstop for names and places the rules did not cue."""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from echo_cases.deid import lexicon
from echo_cases.deid.recognizers.persons import NAME_STOP, PARTICLES
from echo_cases.deid.vocabulary import is_common_word

# spaCy label -> (our subtype, score). ORG is only a facility or employer if the rules say so.
_LABELS: dict[str, tuple[str, float]] = {
    "PERSON": ("PERSON", 0.6),
    "GPE": ("LOCATION", 0.55),
    "LOC": ("LOCATION", 0.5),
    "FAC": ("LOCATION", 0.5),
}
NER_SOURCE = "EchoSpacyRecognizer"
_PIECE = regex.compile(r"[^,;:()\[\]\n]+")
_WORD = regex.compile(r"\S+")
_TITLES = frozenset(t.lower() for t in lexicon.TITLES)
_ACRONYMS = lexicon.CLINICAL_ACRONYMS | lexicon.SERVICE_ACRONYMS


def _name_like(word: str) -> bool:
    """A word that can be part of a name or place: capitalised, no digits, not a label."""
    bare = word.strip(".,'\u2019\"").lower()
    return (
        word[:1].isupper()
        and not any(c.isdigit() for c in word)
        and bare not in NAME_STOP
        and bare not in _TITLES
        and not (word.isupper() and bare in _ACRONYMS)
        and not (word.isupper() and len(word) > 1 and "." not in word)
    )


def _edge_word(word: str) -> bool:
    return is_common_word(word) and word.lower() not in _REGION_WORDS


_REGION_WORDS = frozenset(w for p in lexicon.NON_IDENTIFYING_PLACES for w in p.split())


def clean_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sub-spans of an NER entity that look like names: split at punctuation, trimmed.

    spaCy's small model often glues a label or a region onto a name
    ("Benard  DOB", "Eileenstad, New Mexico"); only the name-like core is kept.
    """
    spans = []
    for piece in _PIECE.finditer(text, start, end):
        words = list(_WORD.finditer(text, piece.start(), piece.end()))
        run: list[regex.Match[str]] = []
        for w in [*words, None]:
            if w is not None and (_name_like(w.group()) or (run and w.group() in PARTICLES)):
                run.append(w)
                continue
            # Ordinary words at either edge are not part of the name ("Add Pembrolizumab");
            # region words stay so that "New Mexico" is judged whole.
            while run and (run[-1].group() in PARTICLES or _edge_word(run[-1].group())):
                run.pop()
            while run and _edge_word(run[0].group()):
                run.pop(0)
            if run:
                spans.append((run[0].start(), run[-1].end()))
            run = []
    return spans


class EchoSpacyNerRecognizer(EntityRecognizer):
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
        if nlp_artifacts is None or not isinstance(nlp_artifacts.tokens, Doc):
            return []
        return [
            r for r in self.from_doc(text, nlp_artifacts.tokens, 0) if r.entity_type in entities
        ]

    def from_doc(self, text: str, doc: Doc, offset: int) -> list[RecognizerResult]:
        """Findings from a Doc of ``text[offset:...]``, with offsets into ``text``."""
        results = []
        for ent in doc.ents:
            mapped = _LABELS.get(ent.label_)
            if mapped is None:
                continue
            subtype, score = mapped
            a, b = offset + ent.start_char, offset + ent.end_char
            for start, end in clean_pieces(text, a, b):
                if text.endswith(("'s", "\u2019s"), start, end) and end - start > 3:
                    end -= 2  # "Massawe's case": the possessive is not the name
                low = text[start:end].lower()
                if (
                    low in lexicon.NON_IDENTIFYING_PLACES
                    or (low in _ACRONYMS and text[start:end].isupper())
                    or low in lexicon.DRUG_BRANDS
                    or all(is_common_word(w) or len(w) == 1 for w in text[start:end].split())
                ):
                    continue
                results.append(
                    RecognizerResult(
                        subtype,
                        start,
                        end,
                        score,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results
