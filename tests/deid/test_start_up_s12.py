"""What the de-identifier spares at start: answers recorded at set-up, languages not loaded."""

from __future__ import annotations

import importlib
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from echo_cases import compiled_patterns
from echo_cases.compiled_patterns import read_all, recording_all, remembered, write
from echo_cases.deid import wordlists
from echo_cases.deid.recognizers import fragments, openers
from echo_cases.deid.stop_words import spacy_stop_words

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **env: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


# ---- answers recorded at set-up -------------------------------------------------------


def test_a_recorded_answer_is_read_back_with_the_stamp_of_its_function(tmp_path: Path) -> None:
    with recording_all() as (table, memo, stamps):
        tree = fragments.alternation(["Kisumu", "Kisii", "Kitale"])
        words = openers.pattern_opening_words(r"\b(?:MRN|hospital no)[ \t]*:[ \t]*\d+")
    out = tmp_path / "patterns.marshal"
    write(table, out, memo, stamps)
    _, memo_read, stamps_read = read_all(out)
    written = "echo_cases.deid.recognizers.fragments._written"
    opening = "echo_cases.deid.recognizers.openers._opening_words"
    assert memo_read[(written, (("Kisumu", "Kitale", "Kisii"),))] == (tree, True)
    assert (
        memo_read[(opening, (r"\b(?:MRN|hospital no)[ \t]*:[ \t]*\d+",))]
        == words
        == {"mrn", "hospital"}
    )
    assert set(stamps_read) == {written, opening}


def _double(n: int) -> int:
    return 2 * n


def test_an_answer_recorded_of_an_edited_function_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = f"{__name__}._double"
    monkeypatch.setattr(compiled_patterns, "_memo", {(name, (3,)): 7})
    monkeypatch.setattr(compiled_patterns, "_memo_good", {})
    # Stamped with another source than this file's: the function was edited since.
    monkeypatch.setattr(compiled_patterns, "_memo_stamps", {name: "0" * 64})
    assert remembered(_double, 3) == 6
    # Stamped with this very source: the recorded answer is the one given.
    monkeypatch.setattr(compiled_patterns, "_memo_good", {})
    stamp = compiled_patterns._source_stamp(_double)
    monkeypatch.setattr(compiled_patterns, "_memo_stamps", {name: stamp})
    assert remembered(_double, 3) == 7
    assert remembered(_double, 4) == 8  # an argument not recorded is computed


def test_a_file_of_patterns_alone_is_still_read(tmp_path: Path) -> None:
    # As written before answers were recorded: patterns, no answers.
    old = tmp_path / "old.marshal"
    old.write_bytes(marshal.dumps((compiled_patterns._stamp(), {("a+", 0): ("x",)})))
    assert read_all(old) == ({("a+", 0): ("x",)}, {}, {})


_COUNT_WORK = """
import functools, regex._main as main
from echo_cases import compiled_patterns as cp
compile_, parsed = main._compile, []
def counting(pattern, *rest):
    parsed.append(pattern)
    return compile_(pattern, *rest)
main._compile = counting
original, computed = cp.remembered, []
def counting_answers(function, *args):
    @functools.wraps(function)
    def computing(*a):
        computed.append(function.__qualname__)
        return function(*a)
    return original(computing, *args)
cp.remembered = counting_answers
from echo_cases.deid import get_deidentifier
deidentifier = get_deidentifier()
for text in cp.WARM_UP:
    deidentifier.analyze(text)
print(len(parsed), len(computed))
"""


def test_once_recorded_the_deidentifier_builds_no_tree_nor_pattern_to_start_and_read(
    tmp_path: Path,
) -> None:
    out = tmp_path / "patterns.marshal"
    _python(
        "import sys; from echo_cases import compiled_patterns as cp; "
        f"sys.exit(cp.main([{str(out)!r}]))",
        PYTHONHASHSEED="1",
    )
    # Two processes hash words differently: a tree written in a set's order would be missed.
    recorded = _python(_COUNT_WORK, PYTHONHASHSEED="2", ECHO_COMPILED_PATTERNS=str(out))
    assert [int(n) for n in recorded.split()] == [0, 0]
    unrecorded = _python(_COUNT_WORK, PYTHONHASHSEED="2", ECHO_COMPILED_PATTERNS="off")
    parsed, computed = (int(n) for n in unrecorded.split())
    assert parsed > 100
    assert computed > 100


# ---- spaCy's stop words without their languages ----------------------------------------

_LANGUAGES = sorted({*wordlists.read("settlement_sentence_languages"), "vi", "fr"})


@pytest.mark.parametrize("lang", _LANGUAGES)
def test_a_languages_stop_words_are_spacys(lang: str) -> None:
    module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    assert spacy_stop_words(lang) == frozenset(module.STOP_WORDS)


def test_reading_stop_words_loads_no_language_of_spacys() -> None:
    code = (
        "import sys; from echo_cases.deid.stop_words import spacy_stop_words; "
        "[spacy_stop_words(l) for l in ('es', 'pt', 'ro', 'id', 'tl')]; "
        "print(sorted(m for m in sys.modules if m.split('.')[:3][-1] in "
        "('es', 'pt', 'ro', 'id', 'tl') and m.startswith('spacy.lang')))"
    )
    assert _python(code).strip() == "[]"
