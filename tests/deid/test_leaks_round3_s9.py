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
        ("ward round\ntracy: pt is stable", "tracy"),
        ("night team\n- lucy: k+ 3.1 replaced\n- ok", "lucy"),
        ("mike: bed 4 free\nsarah: ok", "sarah"),
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
        ("to: dr okello\nfax: +256 41 4751290\npages: 7", "pages"),
    ],
)
def test_a_field_label_or_common_word_opening_a_line_is_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Thanks for seeing her.\n\nKind regards,\n??? Carly Jones\nClinical Nurse Specialist",
            "Carly Jones",
        ),
        ("Regards\n?? Carly Jones\nCNS oncology", "Carly Jones"),
        ("Yours sincerely,\n*** Dr Tomasz Kowalczyk\nConsultant", "Tomasz Kowalczyk"),
    ],
)
def test_the_writers_name_below_a_closing_after_garbled_bullets_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Many thanks,\n??? Please call the ward if she is worse", "Please call"),
        ("Kind regards,\nThe Oncology Team", "The Oncology Team"),
    ],
)
def test_a_line_below_a_closing_that_goes_on_as_a_sentence_names_nobody(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []
