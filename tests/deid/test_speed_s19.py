"""Session 19's speed work, each the same findings more cheaply: the titles' cue of
``cued_names`` read as opening words despite a letter that folds into ASCII, and the rules'
patterns as written recorded at set-up rather than compiled on a process's first text that
holds a letter full case folding turns into several."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from echo_cases.compiled_patterns import read
from echo_cases.deid import candidates, note_languages
from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import compile_written, matched_at, opening_places
from echo_cases.deid.recognizers.openers import pattern_opening_words

ROOT = Path(__file__).resolve().parents[2]


def test_a_letter_that_folds_into_ascii_is_read_in_every_spelling_a_word_may_have() -> None:
    # Ignoring case, the dotless i matches "I": "XANIM" in a text is "xanim" in small letters.
    titles = r"(?<!\w)(?i:xan\u0131m|dr)(?!\w)"
    assert pattern_opening_words(titles) == {"xan\u0131m", "xanim", "dr"}
    # The Kelvin sign is "k" in small letters, the long s matches "s" and "S".
    assert pattern_opening_words(r"(?<!\w)(?i:\u212aelvin)(?!\w)") == {"kelvin"}
    assert pattern_opening_words(r"(?<!\w)(?i:ro\u017fa)(?!\w)") == {"ro\u017fa", "rosa"}


def test_the_titles_cue_opens_with_words_a_text_is_searched_at() -> None:
    strong = candidates._CUE_OPENS[0]
    assert strong is not None
    assert {"dr", "mrs", "wife", "xanim", "xan\u0131m"} <= strong


CUED_TEXTS = [
    "XANIM ALIYEVA called; Xan\u0131m Aliyeva seen; xanim aliyeva at home, dr. otieno aware",
    "WIFE DORIS IN TO VISIT. her mom rose is driving; Dear Dr Vaz, thanks; Mrs. May 3",
    "pt seen with sister-in-law Amina\nBed 4: Liberty, febrile\nbest, ram prasad islam",
    "Ms Ødegård reviewed; señora Núñez; ﬁnal note by Dr ﬁsher; STRAßE 4 with Frau Weiß",
]


@pytest.mark.parametrize("text", CUED_TEXTS)
def test_the_titles_cue_tried_where_its_words_start_finds_what_it_finds_anywhere(
    text: str,
) -> None:
    cue, _ = candidates._CUES[0]
    places = opening_places(text, candidates._CUE_OPENS[0])
    tried = [m.span() for m in matched_at(text, cue, places, 0, len(text))]
    assert tried == [m.span() for m in cue.finditer(text)]
    assert tried  # every text names somebody after a title


def test_every_rule_with_a_pattern_as_written_is_compiled_by_compile_written() -> None:
    rules = [r for rec in build_rule_recognizers() for r in rec.rules]
    written = {r.written for r in rules if r.written is not None}
    assert compile_written(rules) == len(written) > 50


_COMPILES_ON_A_FOLDING_TEXT = """
import regex._main as main
compile_, parsed = main._compile, []
def counting(pattern, *rest):
    parsed.append(pattern)
    return compile_(pattern, *rest)
main._compile = counting
from echo_cases.deid import get_deidentifier
deid = get_deidentifier()
parsed.clear()
deid.analyze("Patientin wohnt in der Hauptstraße, Kontrolle in zwei Wochen, Hausarzt informiert.")
print(len(parsed))
"""


def test_a_first_text_with_a_letter_that_folds_fully_compiles_no_rule_once_recorded(
    tmp_path: Path,
) -> None:
    # "ß" sends every rule that ignores case to its pattern as written (recognizers/base.py):
    # once recorded at set-up, none is compiled from source on the text.
    out = tmp_path / "patterns.marshal"
    env = {**os.environ, "PYTHONHASHSEED": "1"}
    run = [sys.executable, "-m", "echo_cases.compiled_patterns", str(out)]
    subprocess.run(run, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    assert len(read(out)) > 100
    counted = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _COMPILES_ON_A_FOLDING_TEXT],
        env={**env, "ECHO_COMPILED_PATTERNS": str(out)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert counted.stdout.strip() == "0"


def test_make_setup_rebuilds_the_ending_words_when_a_stamped_input_changes() -> None:
    # A set stamped with a file the Makefile does not list went stale at the next edit of
    # that file and stayed so: every process filtered the words again on its first note in
    # Spanish or Portuguese.
    makefile = (ROOT / "Makefile").read_text()
    inputs = makefile.split("WORDS_INPUTS :=", 1)[1].split("\n$(WORDS):", 1)[0]
    for name in note_languages._ENDING_WORDS_CODE:
        assert name in inputs
    for name in note_languages._ENDING_WORDS_DATA:
        assert f"data/{name}" in inputs
    assert "data/words/everyday_endings/" in inputs
    assert "$(WORDS): $(STAMP) $(WORDS_INPUTS)" in makefile
