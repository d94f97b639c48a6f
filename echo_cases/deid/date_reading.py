"""Reading a date written in a case: which day, month or year it names.

A numeric date such as 03/07/1985 names two different days depending on the order the
writer used. One case is read in one order throughout: a date in the case whose first or
second number is over 12 can only be read one way and settles the order for all of them;
without such evidence the hub's order (from its locale unless it sets one) decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import regex

from echo_cases.deid import lexicon


class DateOrder(StrEnum):
    DAY_FIRST = "day_first"  # 03/07/1985 is 3 July 1985
    MONTH_FIRST = "month_first"  # 03/07/1985 is 7 March 1985


MONTH_FIRST_LOCALES = frozenset({"en_US", "en_PH", "en_CA"})  # every other locale reads d/m


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateRead:
    """What a written date names: a day, or only a month, or only a year."""

    year: int
    month: int = 1
    day: int = 1
    precision: Precision = Precision.DAY

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, self.day)


# The shapes a DATE span is written in. The shifter (dateshift) writes each back in its shape.
ISO = regex.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)")
NUMERIC = regex.compile(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?")
MONTH_YEAR_NUMERIC = regex.compile(r"(\d{1,2})([/-])(\d{4})")
MONTH_DAY_YEAR = regex.compile(r"(\p{L}+\.?)([ \t]+)(\d{1,2})(st|nd|rd|th)?(?:(,?[ \t]+)(\d{4}))?")
DAY_MONTH_YEAR = regex.compile(
    r"(\d{1,2})(st|nd|rd|th|er)?([ \t]+(?:of[ \t]+|de[ \t]+)?|[-/ ])(\p{L}+\.?)"
    r"(?:(,?[ \t]+(?:de[ \t]+)?"
    r"|[-/ ])('?\d{4}|'?\d{2}))?"
)
MONTH_YEAR = regex.compile(r"(\p{L}+\.?)([ \t]+(?:of[ \t]+)?)(\d{4})")
_MONTH_SHORT_YEAR = regex.compile(r"(\p{L}+\.?)[ \t]+'(\d{2})")
_YEAR = regex.compile(r"(\d{4})")
# "5. 3. 2025" and "2025. 01. 15." are numeric dates with spaces after their separators.
_SPACED_SEPARATOR = regex.compile(r"(?<=\d)([./-])[ \t]+(?=\d)")
# Two numbers and a separator, wherever a date is written: the evidence for the order.
_NUMBERS = regex.compile(r"(?<![\d./-])(\d{1,2})[-/.](\d{1,2})(?:[-/.](?:\d{4}|\d{2}))?(?![\d])")
# A year further from the case than this is a misreading (another calendar, a typo).
_PLAUSIBLE_YEARS_BEFORE, _PLAUSIBLE_YEARS_AFTER = 150, 50

_FULL = [m.lower() for m in lexicon.MONTHS_FULL]
_ABBR = [m[:3] for m in _FULL]


def order_for_locale(locale: str) -> DateOrder:
    """The order a hub's clinicians write numeric dates in, by its locale."""
    return DateOrder.MONTH_FIRST if locale in MONTH_FIRST_LOCALES else DateOrder.DAY_FIRST


def settle_order(written_dates: Iterable[str], default: DateOrder) -> DateOrder:
    """The one order every numeric date of a case is read in.

    A date with a first number over 12 can only be day-first, one with a second number
    over 12 only month-first. If the case's dates say one and not the other, that is the
    order; if they say nothing (or contradict each other), ``default``.
    """
    evidence: set[DateOrder] = set()
    for written in written_dates:
        for match in _NUMBERS.finditer(_SPACED_SEPARATOR.sub(r"\1", written)):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second >= 1:
                evidence.add(DateOrder.DAY_FIRST)
            elif second > 12 >= first >= 1:
                evidence.add(DateOrder.MONTH_FIRST)
    return evidence.pop() if len(evidence) == 1 else default


def month_index(word: str) -> tuple[int, str] | None:
    """(month 1-12, style) for a month word; the style says how it was spelled."""
    w = word.rstrip(".").lower()
    if w in _FULL:
        return _FULL.index(w) + 1, "full"
    if w == "sept":
        return 9, "sept"
    if w in _ABBR:
        return _ABBR.index(w) + 1, "abbr"
    for lang, names in lexicon.MONTHS_BY_LANGUAGE.items():
        if w in names:
            return names.index(w) + 1, lang
    return None


def full_year(two_digits: int, near: date) -> int:
    """A two-digit year in the century that puts it no more than a year after ``near``."""
    year = near.year - near.year % 100 + two_digits
    return year - 100 if year > near.year + 1 else year


def read_date(written: str, order: DateOrder, *, near: date) -> DateRead | None:
    """The day (or month, or year) ``written`` names, or None if it cannot be read.

    ``near`` is the case's own day (its submission): a date written without a year is
    the occurrence of that day nearest to it, a two-digit year is in its century.
    """
    found = _read(_SPACED_SEPARATOR.sub(r"\1", written.strip()).rstrip("."), order, near)
    if found is None or not _plausible(found.year, near):
        return None
    return found


def _read(s: str, order: DateOrder, near: date) -> DateRead | None:
    if m := ISO.fullmatch(s):
        y, _sep, mo, d, rest = m.groups()
        return _day(int(y), int(mo), int(d)) if not rest.strip(" T:0123456789") else None
    if m := MONTH_YEAR_NUMERIC.fullmatch(s):
        return _month(int(m.group(3)), int(m.group(1)))
    if m := NUMERIC.fullmatch(s):
        a, _sep, b, y = m.groups()
        month, day = _in_order(int(a), int(b), order)
        return _day_of(_year(y, near) if y else None, month, day, near)
    if m := MONTH_DAY_YEAR.fullmatch(s):
        mword, _sp, d, _suffix, _comma, y = m.groups()
        month = month_index(mword)
        return _day_of(int(y) if y else None, month[0], int(d), near) if month else None
    if m := DAY_MONTH_YEAR.fullmatch(s):
        d, _suffix, _sep, mword, _sep2, y = m.groups()
        month = month_index(mword)
        if month is None:
            return None
        return _day_of(_year(y.lstrip("'"), near) if y else None, month[0], int(d), near)
    if m := MONTH_YEAR.fullmatch(s):
        month = month_index(m.group(1))
        return _month(int(m.group(3)), month[0]) if month else None
    if m := _MONTH_SHORT_YEAR.fullmatch(s):
        month = month_index(m.group(1))
        return _month(full_year(int(m.group(2)), near), month[0]) if month else None
    if m := _YEAR.fullmatch(s):
        return DateRead(int(m.group(1)), precision=Precision.YEAR)
    return None


def _in_order(first: int, second: int, order: DateOrder) -> tuple[int, int]:
    """(month, day) of a numeric date; a number over 12 can only be the day."""
    if first > 12:
        return second, first
    if second > 12:
        return first, second
    return (first, second) if order is DateOrder.MONTH_FIRST else (second, first)


def _year(text: str, near: date) -> int:
    return int(text) if len(text) == 4 else full_year(int(text), near)


def _day(year: int, month: int, day: int) -> DateRead | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return DateRead(year, month, day)


def _month(year: int, month: int) -> DateRead | None:
    return DateRead(year, month, precision=Precision.MONTH) if 1 <= month <= 12 else None


def _day_of(year: int | None, month: int, day: int, near: date) -> DateRead | None:
    if year is not None:
        return _day(year, month, day)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    # No year written: the occurrence of that day nearest to the case's own day.
    candidates = [
        found
        for y in (near.year - 1, near.year, near.year + 1)
        if (found := _day(y, month, day)) is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c.first_day - near).days))


def _plausible(year: int, near: date) -> bool:
    return near.year - _PLAUSIBLE_YEARS_BEFORE <= year <= near.year + _PLAUSIBLE_YEARS_AFTER
