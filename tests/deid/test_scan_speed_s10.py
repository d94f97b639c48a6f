"""Cheaper ways of asking the same questions of a text give the same answers: a line's case
read in C, a label before a value searched from where it must end, a text's folding asked
once."""

from __future__ import annotations

import pytest
import regex

from echo_cases.deid import shorthand
from echo_cases.deid.candidates import is_caseless
from echo_cases.deid.recognizers.base import has_multi_char_fold


def _caseless_letter_by_letter(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and (
        all(c.islower() for c in letters) or all(c.isupper() for c in letters)
    )


LINES = [
    "pt seen in clinic today, plan to call family",
    "WIFE IN TO VISIT @ 1400, PT RESTING",
    "Wife in to visit at 2pm",
    "bp 120/80",  # seven letters: too few to say
    "bpbpbpbp 1",  # eight
    "BP 120/80 HR 88 RR 18",
    "no\tcaps,\there; none!",
    "MIXED case Line",
    "",
    "12345 678 --- ///",
    "sats 96% on 2l nc, afebrile",
    "seen by dr. josé pérez",  # not ASCII: read letter by letter
    "DR JOSÉ PÉREZ CALLED",
    "médico de guardia: Ana",
]


@pytest.mark.parametrize("line", LINES)
def test_a_line_is_caseless_when_its_letters_are_all_small_or_all_capitals(line: str) -> None:
    assert is_caseless(line) == _caseless_letter_by_letter(line)


def test_a_line_of_few_letters_says_nothing_of_case() -> None:
    assert not is_caseless("bp 120/80")
    assert is_caseless("bp 120/80 hr 88 rr 18 ok")  # eight letters
    assert is_caseless("BP 120/80 HR 88 RR 18 OK")
    assert not is_caseless("BP 120/80 HR 88 rr 18 ok")


def test_a_text_in_ascii_holds_nothing_that_folds_into_several_characters() -> None:
    text = "Passport: AB123456; Hauptstrasse 5"
    assert not has_multi_char_fold(text)
    assert has_multi_char_fold("Hauptstraße 5")
    assert has_multi_char_fold("identiﬁer 12345678")
    assert not has_multi_char_fold("José Pérez, Åse Næss")  # beyond ASCII, one letter each
    assert not has_multi_char_fold(text)  # asked again of the same text


# Ward text with labels, values, ranges and change verbs, and text with none of them.
WARD_TEXTS = [
    "HR 102, sats now 96 on 2L; MAP goal 65-75; I/O 904/1279; PEEP 5 FiO2 40%",
    "weaned to 14/5 then switched from 2/3 to 3/4; increased by 5 at 0300",
    "bp: 120/80 hr=88 rr 18 temp 37.2 wbc 12.1 cr 1.4 (1.6 on 3/12)",
    "Seen on 3/4 by Dr Lee at Kenyatta Hospital; her son John, 0722 345 678",
    "T 38.5\nP 110\nlabs 1/8\nbnp\n11.09. 88.5",
]


def _forwards(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    assert pattern.flags & regex.REVERSE
    return regex.compile(pattern.pattern.replace("(?r)", "", 1), pattern.flags & ~regex.REVERSE)


@pytest.mark.parametrize("text", WARD_TEXTS)
def test_a_label_before_a_value_is_found_from_its_end_as_from_its_start(text: str) -> None:
    measured = _forwards(shorthand._MEASURED)
    changed = _forwards(shorthand._CHANGED)
    for at in range(len(text) + 1):
        window = (max(0, at - shorthand._WINDOW), at)
        assert shorthand.is_measured(text, at) == (measured.search(text, *window) is not None)
        assert shorthand.is_changed_to(text, at) == (changed.search(text, *window) is not None)


def test_values_after_labels_and_change_verbs_are_read_as_values() -> None:
    text = WARD_TEXTS[0]
    assert shorthand.is_measured(text, text.index("102"))
    assert shorthand.is_measured(text, text.index("96"))
    assert shorthand.is_measured(text, text.index("75"))
    assert not shorthand.is_measured(WARD_TEXTS[3], WARD_TEXTS[3].index("3/4"))
    moved = WARD_TEXTS[1]
    assert shorthand.is_changed_to(moved, moved.index("14/5"))
    assert not shorthand.is_changed_to(moved, moved.index("0300"))


@pytest.mark.parametrize("shape", [(256, 192), (192, 192)])
def test_weights_stored_by_row_give_the_bits_of_weights_read_transposed(
    shape: tuple[int, int],
) -> None:
    """tok2vec's products (nlp._Block): from SAME_BITS_FROM_ROWS rows on, numpy's BLAS gives
    the same bits whichever way the weights are laid out; if it ever does not, the fused
    tok2vec must go back to reading them transposed."""
    import numpy

    from echo_cases.deid.nlp import SAME_BITS_FROM_ROWS

    rng = numpy.random.default_rng(12)
    n_in, n_out = shape
    weights = rng.standard_normal((n_out, n_in)).astype("float32")
    by_row = numpy.ascontiguousarray(weights.T)
    for rows in [*range(SAME_BITS_FROM_ROWS, 200), 257, 512, 1031]:
        x = rng.standard_normal((rows, n_in)).astype("float32")
        assert numpy.array_equal(numpy.matmul(x, by_row), numpy.matmul(x, weights.T)), rows
