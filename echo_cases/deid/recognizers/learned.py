"""The trained recognizer: what the statistical model (``echo_cases/deid/model``) finds.

The model is trained on generated text (``echo_cases.deid.training``) to label PERSON,
LOCATION, DATE, AGE, ID and CONTACT in any genre and letter case. It runs on every text;
the rules add their cued, shaped findings around it, and the keep-list can overrule it.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from spacy.tokens import Doc

LEARNED_SOURCE = "EchoLearnedRecognizer"
# A model finding is a judgement, not a cue: a clinician may restore it without a reason
# (below HIGH_CONFIDENCE), and the keep-list may overrule it.
LEARNED_SCORE = 0.6
_EDGE_PUNCTUATION = " \t\n.,;:()[]{}\"'\u2019"


def contact_subtype(value: str) -> str:
    """E-mail, URL or phone, by shape: the surrogate keeps the kind."""
    if "@" in value:
        return "EMAIL"
    if value.lower().startswith(("http", "www.")) or ("/" in value and "." in value):
        return "URL"
    return "PHONE"


def from_doc(text: str, doc: Doc, offset: int = 0) -> list[RecognizerResult]:
    """Findings for the entities of ``doc`` (a Doc of ``text[offset:]``), offsets into ``text``."""
    results = []
    for ent in doc.ents:
        start, end = offset + ent.start_char, offset + ent.end_char
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        if end <= start:
            continue
        subtype = contact_subtype(text[start:end]) if ent.label_ == "CONTACT" else ent.label_
        results.append(
            RecognizerResult(
                subtype,
                start,
                end,
                LEARNED_SCORE,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: LEARNED_SOURCE},
            )
        )
    return results
