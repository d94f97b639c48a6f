"""Small leak classes, round 3 (issue 11, session 9, helper "leaks11"). Examples written
for these tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier

from .helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("tracy: pt is settled, sats 96 on 2l\nok thanks", "tracy"),
        ("ward grp\n- grace: bed 4 free after 2pm\n- ok", "grace"),
        ("[10:42] sarah: will review the ct later", "sarah"),
        ("handover\n• maria: obs stable overnight", "maria"),
    ],
)
def test_a_chat_senders_name_in_small_letters_opening_a_line_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("plan: review in 2 weeks\nnurse: bp 120/80", "plan"),
        ("plan: review in 2 weeks\nnurse: bp 120/80", "nurse"),
        ("doctor: seen, happy for home", "doctor"),
        ("date: today, review at 2pm", "date"),
        ("will: not made, family aware", "will"),
        ("mark: left groin, no ooze", "mark"),
        ("may: repeat bloods if febrile", "may"),
    ],
)
def test_a_field_label_or_common_word_opening_a_line_is_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []
