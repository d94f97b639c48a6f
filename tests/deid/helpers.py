"""Assertions shared by the specification tests."""

from __future__ import annotations

import hashlib
import json
import re

from presidio_analyzer import RecognizerResult

from echo_cases.deid import Finding, get_deidentifier
from echo_cases.deid.recognizers.learned import LEARNED_SOURCE
from echo_cases.deid.training import data
from echo_cases.deid.training.generate import generate

TOKEN = re.compile(r"\w+")


def covered(findings: list[Finding], start: int, end: int) -> bool:
    """Every word character of text[start:end] lies inside some finding (the scorer's rule)."""
    return all(any(f.start <= i < f.end for f in findings) for i in range(start, end))


def uncovered_tokens(text: str, findings: list[Finding], needle: str) -> list[str]:
    start = text.index(needle)
    return [
        m.group()
        for m in TOKEN.finditer(text, start, start + len(needle))
        if not covered(findings, *m.span())
    ]


def touched_tokens(text: str, findings: list[Finding], needle: str) -> list[str]:
    start = text.index(needle)
    return [
        m.group()
        for m in TOKEN.finditer(text, start, start + len(needle))
        if any(f.start < m.end() and m.start() < f.end for f in findings)
    ]


def masked_characters(text: str) -> set[int]:
    """The offsets of every character the de-identifier redacts in ``text``."""
    found = next(iter(get_deidentifier().analyze_many([text])))
    return {i for f in found for i in range(f.start, f.end)}


def all_masked(text: str, part: str) -> bool:
    """Every character of the first ``part`` in ``text`` is redacted, spaces included."""
    start = text.index(part)
    return set(range(start, start + len(part))) <= masked_characters(text)


def none_masked(text: str, part: str) -> bool:
    """No character of the first ``part`` in ``text`` is redacted."""
    start = text.index(part)
    return not set(range(start, start + len(part))) & masked_characters(text)


def model_finding(
    text: str, phrase: str, label: str = "PERSON", score: float = 0.6
) -> RecognizerResult:
    """The learned model's finding over the first ``phrase`` of ``text``, as the
    model's post-processing receives it."""
    start = text.index(phrase)
    return RecognizerResult(
        label,
        start,
        start + len(phrase),
        score,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: LEARNED_SOURCE},
    )


def generated_fingerprint(edition: data.Edition) -> str:
    """A short hash of 60 texts the generator writes in ``edition`` (train split, seed 1): a
    new edition must leave the others' texts, and so the models' recipes, as they were."""
    records = (json.dumps(r, ensure_ascii=False) for r in generate(60, 1, "train", edition))
    return hashlib.sha256("\n".join(records).encode("utf-8")).hexdigest()[:16]
