"""Shift a date by a per-case number of days and write it back in its own format.

One offset per case keeps every interval between the case's dates intact.
Dates without a year are shifted within a reference year; two-digit years stay
two-digit. Anything we cannot parse returns None (the caller falls back to a tag).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, timedelta

from echo_cases.deid import lexicon
from echo_cases.deid.date_reading import (
    DAY_MONTH_YEAR,
    ISO,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    MONTH_YEAR_NUMERIC,
    NUMERIC,
    DateOrder,
    month_index,
    order_for_locale,
)

MAX_SHIFT_DAYS = 365
# A non-leap reference year for month-day dates ("Jul 15"); Feb 29 uses a leap year.
_REF_YEAR, _REF_LEAP_YEAR = 2001, 2000


def case_offset(case_key: bytes) -> int:
    """Days to shift this case's dates: deterministic, in ±[1, MAX_SHIFT_DAYS], never 0."""
    digest = hmac.new(case_key, b"echo-cases/date-shift/v1", hashlib.sha256).digest()
    magnitude = int.from_bytes(digest[:4], "big") % MAX_SHIFT_DAYS + 1
    return magnitude if digest[4] & 1 else -magnitude


def _month_word(month: int, style: str, original: str) -> str:
    if style == "full":
        word = lexicon.MONTHS_FULL[month - 1]
    elif style in ("abbr", "sept"):
        word = lexicon.MONTHS_FULL[month - 1][:3]
        if style == "sept" and month == 9:
            word = "Sept"
    else:
        word = lexicon.MONTHS_BY_LANGUAGE[style][month - 1]
    if original.rstrip(".").isupper():
        word = word.upper()
    elif original[:1].islower():
        word = word.lower()
    elif original[:1].isupper():
        word = word[:1].upper() + word[1:]
    if original.endswith(".") and style in ("abbr", "sept"):
        word += "."
    return word


def _pad(value: int, like: str, always: bool = False) -> str:
    """Zero-pad like the original did ("07" -> "03"); ``always`` for two-digit ISO fields."""
    return f"{value:02d}" if like.startswith("0") or (always and len(like) == 2) else str(value)


def _year_out(year: int, like: str) -> str:
    return f"{year % 100:02d}" if len(like) == 2 else str(year)


def _year_in(text: str) -> int:
    if len(text) == 4:
        return int(text)
    yy = int(text)
    # Two-digit years: the nearest century that does not put the date far in the future.
    return 2000 + yy if yy <= (date.today().year % 100) + 1 else 1900 + yy


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _shift(y: int | None, m: int, d: int, offset: int) -> date | None:
    try:
        base = date(
            y if y is not None else (_REF_LEAP_YEAR if (m, d) == (2, 29) else _REF_YEAR), m, d
        )
    except ValueError:
        return None
    return base + timedelta(days=offset)


def _shift_named(month_word: str, y: int | None, d: int, offset: int) -> tuple[date, str] | None:
    """A date whose month is a word, shifted like ``_shift``, with how the word was spelled
    (``month_index``'s style, for ``_month_word``); None if the word names no month."""
    month = month_index(month_word)
    if month is None:
        return None
    new = _shift(y, month[0], d, offset)
    return None if new is None else (new, month[1])


def shift_date(
    value: str, offset: int, locale: str = "en_US", *, order: DateOrder | None = None
) -> str | None:
    """``value`` moved by ``offset`` days in the same format, or None if unparseable.

    Numeric dates are read in ``order`` (the case's, see ``date_reading.settle_order``),
    else in the locale's.
    """
    order = order or order_for_locale(locale)
    s = value.strip()
    if m := ISO.fullmatch(s):
        y, sep, mo, d, rest = m.groups()
        new = _shift(int(y), int(mo), int(d), offset)
        if new is None:
            return None
        return f"{new.year}{sep}{_pad(new.month, mo, True)}{sep}{_pad(new.day, d, True)}{rest}"
    if m := MONTH_YEAR_NUMERIC.fullmatch(s):
        mo, sep, y = m.groups()
        new = _shift(int(y), int(mo), 15, offset)
        return None if new is None else f"{_pad(new.month, mo)}{sep}{new.year}"
    if m := NUMERIC.fullmatch(s):
        a, sep, b, y = m.groups()
        ai, bi = int(a), int(b)
        month_first = order is DateOrder.MONTH_FIRST
        if ai > 12:
            month_first = False
        elif bi > 12:
            month_first = True
        mo, d = (ai, bi) if month_first else (bi, ai)
        new = _shift(_year_in(y) if y else None, mo, d, offset)
        if new is None:
            return None
        first, second = (new.month, new.day) if month_first else (new.day, new.month)
        # "07/25/2019" is a zero-padded format even though "25" shows no zero.
        padded = a.startswith("0") or b.startswith("0") or (len(a) == 2 and len(b) == 2)
        out = f"{_pad(first, a, padded)}{sep}{_pad(second, b, padded)}"
        return out + (f"{sep}{_year_out(new.year, y)}" if y else "")
    if m := MONTH_DAY_YEAR.fullmatch(s):
        mword, sp, d, suffix, comma, y = m.groups()
        shifted = _shift_named(mword, int(y) if y else None, int(d), offset)
        if shifted is None:
            return None
        new, style = shifted
        ordinal = _ordinal(new.day) if suffix else ""
        out = f"{_month_word(new.month, style, mword)}{sp}{_pad(new.day, d)}{ordinal}"
        return out + (f"{comma}{new.year}" if y else "")
    if m := DAY_MONTH_YEAR.fullmatch(s):
        d, suffix, sep, mword, sep2, y = m.groups()
        yv = y.lstrip("'") if y else None
        shifted = _shift_named(mword, _year_in(yv) if yv else None, int(d), offset)
        if shifted is None:
            return None
        new, style = shifted
        suf = (
            ""
            if not suffix
            else (
                "er"
                if suffix == "er" and new.day == 1
                else ("" if suffix == "er" else _ordinal(new.day))
            )
        )
        out = f"{_pad(new.day, d)}{suf}{sep}{_month_word(new.month, style, mword)}"
        if y:
            quote = "'" if y.startswith("'") else ""
            out += f"{sep2}{quote}{_year_out(new.year, yv)}"
        return out
    if m := MONTH_YEAR.fullmatch(s):
        mword, sp, y = m.groups()
        shifted = _shift_named(mword, int(y), 15, offset)
        if shifted is None:
            return None
        new, style = shifted
        return f"{_month_word(new.month, style, mword)}{sp}{new.year}"
    return None
