"""Case variants and typing noise that keep every span's offsets valid."""

from __future__ import annotations

import random
import re

from echo_cases.deid.training.render import Segment, lower, upper

CASES = ("as_written", "lower", "upper")
_CASE_WEIGHTS = (70, 17, 13)
NOISY_SHARE = 0.3
# Punctuation that is dropped only when whitespace follows in the same piece of template text,
# so no two words ever run together.
_DROPPABLE = re.compile(r"[.,;:](?=[ \n])")


def choose_case(rng: random.Random) -> str:
    return rng.choices(CASES, _CASE_WEIGHTS)[0]


def apply_case(text: str, case: str) -> str:
    """The text in the case variant; the length never changes."""
    if case == "lower":
        return lower(text)
    if case == "upper":
        return upper(text)
    return text


def _noisy(text: str, rng: random.Random) -> str:
    text = _DROPPABLE.sub(lambda match: "" if rng.random() < 0.25 else match.group(0), text)
    out = []
    for index, char in enumerate(text):
        neighbours = text[index - 1 : index] + text[index + 1 : index + 2]
        if char == " " and "\n" not in neighbours and " " not in neighbours:
            roll = rng.random()
            if roll < 0.06:
                out.append("  ")
                continue
            if roll < 0.09:
                out.append("\n")
                continue
        out.append(char)
    return "".join(out)


def add_noise(segments: list[Segment], rng: random.Random) -> list[Segment]:
    """Double spaces, dropped punctuation and stray line breaks, in template text only.

    The separator between two identifiers stays as it is: without its comma, 'Dr Ana Silva,
    John Banda' would read as one name while labelled as two.
    """
    noisy = []
    for index, segment in enumerate(segments):
        before = segments[index - 1] if index else None
        after = segments[index + 1] if index + 1 < len(segments) else None
        between_identifiers = bool(before and before.label and after and after.label)
        if segment.slot is not None or between_identifiers:
            noisy.append(segment)
        else:
            noisy.append(Segment(_noisy(segment.text, rng)))
    return noisy
