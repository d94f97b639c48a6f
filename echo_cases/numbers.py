"""Whole numbers as people and links write them: ASCII digits, in range.

``str.isdigit()`` says yes to "²" and to other scripts' digits, which ``int()`` then
refuses or reads as something else, and ``int()`` alone also reads " 1", "+1" and "1_000":
a form field checked either way turned such a value into a server error or into a number
nobody typed. Every number read from a form, a query, a path or a report goes through
``whole``; ``whole_problem`` says what to type instead.
"""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1  # the largest id (and count) the databases' integer columns hold

_WHOLE = re.compile(r"-?[0-9]+")


def whole(text: str, low: int = 0, high: int = MAX_ID) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (a minus sign only where ``low``
    is negative), or None when it is anything else."""
    if not _WHOLE.fullmatch(text) or (text.startswith("-") and low >= 0):
        return None
    # Measured before int(): Python refuses to read thousands of digits (a server error).
    if len(text.lstrip("-").lstrip("0")) > len(str(max(abs(low), abs(high)))):
        return None
    number = int(text)
    return number if low <= number <= high else None


def whole_problem(text: str, low: int = 0, high: int = MAX_ID) -> str:
    """Why ``text`` is not a whole number from ``low`` to ``high``; "" when it is."""
    return "" if whole(text, low, high) is not None else (
        f"Use a whole number from {low} to {high}.")
