"""How a case's dates reach staff: relative to its submission, or shifted and marked so.

Relative dates ("14 weeks before submission") are the default: the panel judges waits and
intervals from them and can trust them. A hub may instead shift every date of a case by
the same secret number of days; a shifted date is then always marked "(shifted)", so that
nobody reads it as the real date. A date that cannot be read becomes a numbered tag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from echo_cases.deid.date_reading import DateOrder, read_date, settle_order
from echo_cases.deid.dateshift import shift_date
from echo_cases.deid.relative_dates import in_sentence, relative_to_submission


class DateDisplay(StrEnum):
    RELATIVE = "relative"
    SHIFTED = "shifted"


SHIFTED_MARK = " (shifted)"
INTERVAL_END = " submission"  # how every interval from submission ends, and no date


@dataclass(frozen=True)
class CaseDates:
    """The way one case's dates are written, and the order its numeric dates are read in."""

    display: DateDisplay = DateDisplay.SHIFTED
    # The day the case is submitted: what relative dates count from.
    submitted: date | None = None
    order: DateOrder = DateOrder.MONTH_FIRST

    def __post_init__(self) -> None:
        if self.display is DateDisplay.RELATIVE and self.submitted is None:
            raise ValueError("relative dates need the day of submission")

    def settled_by(self, written_dates: Iterable[str]) -> CaseDates:
        """The same, reading numeric dates in the order the case's own dates settle."""
        return replace(self, order=settle_order(written_dates, self.order))

    def write(self, written: str, offset: int) -> str | None:
        """What staff read for the date ``written``; None if it cannot be read."""
        if self.submitted is not None and self.display is DateDisplay.RELATIVE:
            found = read_date(written, self.order, near=self.submitted)
            return None if found is None else relative_to_submission(found, self.submitted)
        shifted = shift_date(written, offset, order=self.order)
        return None if shifted is None else shifted + SHIFTED_MARK

    def in_sentence(self, before: str, shown: str) -> tuple[int, str]:
        """How many characters before a date its ``shown`` text replaces, and that text
        as written there: an interval takes the place of the date's preposition ("seen
        8 months before submission"); a shifted date or a tag is a date and keeps it."""
        if self.display is not DateDisplay.RELATIVE or not shown.endswith(INTERVAL_END):
            return 0, shown
        return in_sentence(before, shown)
