"""A case's date written relative to its submission, as precise as the interval needs.

"3 days before submission", "14 weeks before submission", "8 months after submission",
"41 years before submission": days under two weeks, weeks under three months, months
under two years, then whole years (so a date of birth reads as an age). A date more than
89 years back says only "90 or more years", as ages over 89 do.
"""

from __future__ import annotations

import re
from datetime import date

from echo_cases.deid.date_reading import DateRead, Precision

_WEEKS_FROM_DAYS = 14
_MONTHS_FROM_DAYS = 91  # about three months
_YEARS_FROM_MONTHS = 24
_DAYS_PER_MONTH = 365.25 / 12
OLDEST_YEARS = 90  # ages over 89 are an identifier: an interval that long is not given
# The prepositions a day or a month takes ("seen on 2 April", "in March"). An interval
# from submission is no day: "seen on 8 months before submission" does not read, so the
# interval takes the preposition's place ("on the day of submission" brings its own).
# The same words before any other kind of phrase are left alone ("since", "until", "by"
# read well before an interval).
_POINT_PREPOSITION = re.compile(r"\b(?:on|in|at|during)\s+$", re.IGNORECASE)


def relative_to_submission(when: DateRead, submitted: date) -> str:
    """``when`` as an interval from the day the case was submitted."""
    if when.precision is Precision.YEAR:
        return _years(submitted.year - when.year, "in the year of submission")
    if when.precision is Precision.MONTH:
        months = (submitted.year - when.year) * 12 + submitted.month - when.month
        if abs(months) >= _YEARS_FROM_MONTHS:
            return _years(_whole(months, 12), "")
        return _interval(months, "month", "in the month of submission")
    return _from_days(when.first_day, submitted)


def in_sentence(before: str, interval: str) -> tuple[int, str]:
    """How many characters at the end of ``before`` the ``interval`` replaces, and the
    interval as written there: "seen on " + a date reads "seen 8 months before submission",
    and a capital preposition passes its capital on ("On the day of submission")."""
    found = _POINT_PREPOSITION.search(before)
    if found is None:
        return 0, interval
    if found.group()[0].isupper():
        interval = interval[0].upper() + interval[1:]
    return len(found.group()), interval


def _from_days(day: date, submitted: date) -> str:
    days = (submitted - day).days  # positive: before submission
    size = abs(days)
    if size < _WEEKS_FROM_DAYS:
        return _interval(days, "day", "on the day of submission")
    if size < _MONTHS_FROM_DAYS:
        return _interval(_rounded(days, 7), "week", "")
    years = _complete_years(day, submitted)
    if abs(years) >= _YEARS_FROM_MONTHS // 12:
        return _years(years, "")
    return _interval(_rounded(days, _DAYS_PER_MONTH), "month", "")


def _complete_years(day: date, submitted: date) -> int:
    """Whole years between the two days, counted like an age (signed: + is before)."""
    early, late = sorted((day, submitted))
    years = late.year - early.year - ((late.month, late.day) < (early.month, early.day))
    return years if day <= submitted else -years


def _years(years: int, same: str) -> str:
    if years >= OLDEST_YEARS:
        return f"{OLDEST_YEARS} or more years before submission"
    return _interval(years, "year", same)


def _interval(count: int, unit: str, same: str) -> str:
    """ "N units before/after submission"; ``count`` is positive before submission."""
    if count == 0:
        return same
    size = abs(count)
    side = "before" if count > 0 else "after"
    return f"{size} {unit}{'' if size == 1 else 's'} {side} submission"


def _rounded(days: int, per: float) -> int:
    size = int(abs(days) / per + 0.5)
    return size if days >= 0 else -size


def _whole(count: int, per: int) -> int:
    size = abs(count) // per
    return size if count >= 0 else -size
