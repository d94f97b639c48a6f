"""A de-identifier's start does only what its analysis needs (session 10, "speed10").

Each start is a fresh process: what one process has imported, another has not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import spacy

from echo_cases.deid.nlp import MODEL_PATH, load_model

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> object:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


_STOCK_RECOGNIZERS = """
import json
from presidio_analyzer import RecognizerRegistry
registry = RecognizerRegistry()
registry.load_predefined_recognizers()
print(json.dumps(sorted(type(r).__name__ for r in registry.recognizers)))
"""


def test_starting_the_de_identifier_imports_none_of_the_recognizers_presidio_ships() -> None:
    imported = _run(
        "import json, sys\nimport echo_cases.deid\n"
        "print(json.dumps([m for m in ('phonenumbers', 'tldextract',"
        " 'presidio_analyzer.predefined_recognizers') if m in sys.modules]))"
    )
    assert imported == []


def test_stock_presidio_beside_the_de_identifier_loads_every_recognizer_it_ships() -> None:
    alone = _run(_STOCK_RECOGNIZERS)
    beside = _run("import echo_cases.deid\n" + _STOCK_RECOGNIZERS)
    assert "PhoneRecognizer" in alone
    assert beside == alone


def test_the_model_tokenizes_as_spacy_itself_loads_it() -> None:
    ours = load_model()
    spacys = spacy.load(MODEL_PATH)
    assert (ours.tokenizer.to_bytes(), ours.config.to_str()) == (
        spacys.tokenizer.to_bytes(),
        spacys.config.to_str(),
    )
