"""Whole numbers as people type them: ASCII digits, in range.

``str.isdigit()`` says yes to "²" and to other scripts' digits, which ``int()`` then
refuses or reads as something else; a form field checked with it turned such a value into a
server error. Every number read from a form, a path or a report goes through here.
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # the largest id (and count) the databases' integer columns hold


def is_whole(text: str, high: int = MAX_ID) -> bool:
    """``text`` is a whole number from 0 to ``high`` written in ASCII digits."""
    return (text.isascii() and text.isdigit() and len(text) <= len(str(high))
            and int(text) <= high)
