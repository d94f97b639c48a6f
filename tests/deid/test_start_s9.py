"""A de-identifier's start does only what its analysis needs (session 9, "speed10").

Each start is a fresh process: what one process has imported, another has not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import spacy

from echo_cases.deid import frequency
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


def test_the_frequent_words_read_from_the_cache_are_those_of_the_lists(tmp_path: Path) -> None:
    out = tmp_path / "words.marshal"
    frequency.main([str(out)])
    table = frequency.read_cache(out)
    assert {key: frequency.cached_set(table, key) for key in frequency.cached_keys()} == {
        key: frequency._words_of_list(*key) for key in frequency.cached_keys()
    }


def test_a_set_made_from_another_list_or_a_torn_cache_is_not_used(tmp_path: Path) -> None:
    out = tmp_path / "words.marshal"
    frequency.main([str(out)])
    table = frequency.read_cache(out)
    key = ("en", frequency.MIN_ZIPF, "small")
    table[key] = (("another list", *table[key][0][1:]), table[key][1])
    assert frequency.cached_set(table, key) is None
    out.write_bytes(b"\x00\x01")
    assert frequency.read_cache(out) == {}
    assert frequency.read_cache(tmp_path / "missing.marshal") == {}


def test_the_installed_frequent_words_are_fresh() -> None:
    # `make setup` writes them; a list or frequency.py changed since needs them written again.
    table = frequency.read_cache()
    stale = [key for key in frequency.cached_keys() if frequency.cached_set(table, key) is None]
    assert stale == [], f"stale or missing in {frequency.CACHE}; run make setup"
