"""Payment card numbers and tax numbers (session 12): sixteen digits in fours, or Amex's
4-6-5, are a card when the check digit holds or a card's word comes before, whatever the
check; a Portuguese or Spanish tax number after its label; and runs of four-digit values
that are none (clock times of the ward, readings).

Examples written for these tests: every number here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.ids import luhn_holds
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("charged to 4539 1488 0343 6467 twice", "4539 1488 0343 6467"),
        ("Mastercard 5412 7534 0000 1234, exp next year", "5412 7534 0000 1234"),
        ("tarjeta 4000-1234-5678-9010 rechazada", "4000-1234-5678-9010"),
        ("AMEX 3782 822463 10005 on file", "3782 822463 10005"),
    ],
)
def test_a_payment_card_is_an_id(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("turn q2h: 0600 0800 1000 1200 done", "0600 0800 1000 1200"),
        ("FLUSHES 0200 0600 1000 1400 1800", "0200 0600 1000 1400"),
    ],
)
def test_clock_times_in_a_row_are_no_card(deid: Deidentifier, text: str, kept: str) -> None:
    # The rule's own word; the learned model may still read a run of times as a contact.
    by_rules = [f for f in deid.analyze(text) if f.source == "EchoIdRecognizer"]
    assert touched_tokens(text, by_rules, kept) == []


def test_the_check_digit_is_luhns() -> None:
    assert luhn_holds("4539148803436467")
    assert not luhn_holds("4539148803436468")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Contribuinte, NIF 512 904 388, morada em Braga", "512 904 388"),
        ("titular con NIE X4417023L y pasaporte", "X4417023L"),
    ],
)
def test_a_tax_number_after_its_label_is_an_id(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []
